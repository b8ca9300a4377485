// dealboard-cli delete: a deal and its history.
#include "../Context.h"
#include "../DealActionCommand.h"
#include "../Output.h"
#include "Commands.h"
#include "CommonOptions.h"

namespace dealboard::cli {

namespace {

class DeleteCommand final : public DealActionCommand
{
public:
    DeleteCommand()
        : DealActionCommand(1, true)
    {
    }
    QString name() const override { return QStringLiteral("delete"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("ID..."), QStringLiteral("delete deals and their history"), changeOptionDocs()}};
    }

protected:
    QString shape() const override { return QStringLiteral("delete needs one or more deal ids"); }
    Prepared act(Context& context, const DealAction& action) override
    {
        return [&context, action](Pipeline& pipeline) -> int {
            DealService& deals = pipeline.deals();
            const auto one = [&deals, &action](DealId id) -> Result<QString> {
                Result<DeletedDeal> deleted = deals.remove(id, action.options);
                if (!deleted) {
                    return deleted.error();
                }
                return QStringLiteral("Deleted '%1'.\n").arg(oneLine(deleted.value().deal.title));
            };
            if (action.ids.size() > 1) {
                return runOnEach(context, action, one);
            }
            Result<QString> deleted = one(action.id);
            if (!deleted) {
                return context.fail(deleted.error());
            }
            printOut(deleted.value());
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeDeleteCommand()
{
    return std::make_unique<DeleteCommand>();
}

} // namespace dealboard::cli
