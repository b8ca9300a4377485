// dealboard-cli move: a deal to another stage, by the pipeline's rules.
#include "../Context.h"
#include "../DealActionCommand.h"
#include "../Output.h"
#include "Commands.h"
#include "CommonOptions.h"

namespace dealboard::cli {

namespace {

class MoveCommand final : public DealActionCommand
{
public:
    MoveCommand()
        : DealActionCommand(2, true)
    {
    }
    QString name() const override { return QStringLiteral("move"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("ID... STAGE [--each] [--actor NAME]"),
                 QStringLiteral("move one or several deals to another stage (several: all or none, or --each)"),
                 changeOptionDocs()}};
    }

protected:
    QString shape() const override
    {
        return QStringLiteral("move needs deal ids and a stage, such as: move 12 contacting, or move 12 15 contacting");
    }
    Prepared act(Context& context, const DealAction& action) override
    {
        const auto stage = stageArgument(action.line.positionals().at(1));
        if (!stage) {
            return context.usage(unknownStage(action.line.positionals().at(1)));
        }
        return [&context, action, stage](Pipeline& pipeline) -> int {
            DealService& deals = pipeline.deals();
            const auto one = [&deals, &action, stage](DealId id) -> Result<QString> {
                Result<MoveOutcome> moved = deals.move(id, *stage, action.options);
                if (!moved) {
                    return moved.error();
                }
                return said(moved.value());
            };
            if (action.ids.size() > 1) {
                return runOnEach(context, action, one);
            }
            Result<QString> moved = one(action.id);
            if (!moved) {
                return context.fail(moved.error());
            }
            printOut(moved.value());
            return ExitDone;
        };
    }

private:
    static QString said(const MoveOutcome& moved)
    {
        const Deal& deal = moved.deal;
        if (!moved.changed) {
            return QStringLiteral("'%1' is already in %2.\n").arg(oneLine(deal.title), stageName(deal.stage));
        }
        if (deal.status == DealStatus::Won) {
            return QStringLiteral("Moved '%1' to %2: the deal is won.\n")
                .arg(oneLine(deal.title), stageName(deal.stage));
        }
        return QStringLiteral("Moved '%1' to %2.\n").arg(oneLine(deal.title), stageName(deal.stage));
    }
};

} // namespace

std::unique_ptr<Command> makeMoveCommand()
{
    return std::make_unique<MoveCommand>();
}

} // namespace dealboard::cli
