// dealboard-cli move: a deal to another stage, by the pipeline's rules.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "CommonOptions.h"

namespace dealboard::cli {

namespace {

class MoveCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("move"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("ID STAGE [--actor NAME]"), QStringLiteral("move a deal to another stage"),
                 changeOptionDocs()}};
    }
    int run(Context& context, const QStringList& arguments) override
    {
        int code = ExitDone;
        const auto action
            = parseDealAction(context, arguments, optionSpec(changeOptionDocs()), 2,
                              QStringLiteral("move needs a deal id and a stage, such as: move 12 contacting"), code);
        if (!action) {
            return code;
        }
        const auto stage = stageFromSlug(action->line.positionals().at(1).trimmed().toLower());
        if (!stage) {
            return context.usage(QStringLiteral("unknown stage '%1'").arg(action->line.positionals().at(1)));
        }
        if (!context.openService()) {
            return ExitBadInput;
        }
        Result<MoveOutcome> moved = context.service().deals().move(action->id, *stage, action->options);
        if (!moved) {
            return context.fail(moved.error());
        }
        const Deal& deal = moved.value().deal;
        if (!moved.value().changed) {
            printOut(QStringLiteral("'%1' is already in %2.\n").arg(deal.title, stageName(deal.stage)));
        } else if (deal.status == DealStatus::Won) {
            printOut(QStringLiteral("Moved '%1' to %2: the deal is won.\n").arg(deal.title, stageName(deal.stage)));
        } else {
            printOut(QStringLiteral("Moved '%1' to %2.\n").arg(deal.title, stageName(deal.stage)));
        }
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeMoveCommand()
{
    return std::make_unique<MoveCommand>();
}

} // namespace dealboard::cli
