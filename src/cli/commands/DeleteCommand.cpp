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
        return {{QStringLiteral("ID..."), QStringLiteral("delete deals and their history"), changeOptionDocs()}};
    }
    int run(Context& context, const QStringList& arguments) override
    {
        int code = ExitDone;
        const auto action = parseDealAction(context, arguments, optionSpec(changeOptionDocs()), 1,
                                            QStringLiteral("delete needs one or more deal ids"), code, true);
        if (!action) {
            return code;
        }
        if (!context.openService()) {
            return ExitBadInput;
        }
        DealService& deals = context.service().deals();
        const auto one = [&deals, &action](DealId id) -> Result<QString> {
            Result<DeletedDeal> deleted = deals.remove(id, action->options);
            if (!deleted) {
                return deleted.error();
            }
            return QStringLiteral("Deleted '%1'.\n").arg(oneLine(deleted.value().deal.title));
        };
        if (action->ids.size() > 1) {
            return runOnEach(context, *action, one);
        }
        Result<QString> deleted = one(action->id);
        if (!deleted) {
            return context.fail(deleted.error());
        }
        printOut(deleted.value());
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeDeleteCommand()
{
    return std::make_unique<DeleteCommand>();
}

} // namespace dealboard::cli
