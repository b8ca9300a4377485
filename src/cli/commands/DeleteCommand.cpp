// dealboard-cli delete: a deal and its history.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "CommonOptions.h"

namespace dealboard::cli {

namespace {

class DeleteCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("delete"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("ID"), QStringLiteral("delete a deal and its history"), changeOptionDocs()}};
    }
    int run(Context& context, const QStringList& arguments) override
    {
        int code = ExitDone;
        const auto action = parseDealAction(context, arguments, optionSpec(changeOptionDocs()), 1,
                                            QStringLiteral("delete needs exactly one deal id"), code);
        if (!action) {
            return code;
        }
        if (!context.openService()) {
            return ExitBadInput;
        }
        Result<DeletedDeal> deleted = context.service().deals().remove(action->id, action->options);
        if (!deleted) {
            return context.fail(deleted.error());
        }
        printOut(QStringLiteral("Deleted '%1'.\n").arg(deleted.value().deal.title));
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeDeleteCommand()
{
    return std::make_unique<DeleteCommand>();
}

} // namespace dealboard::cli
