// dealboard-cli edit: change a deal's facts.
#include "../Context.h"
#include "../DealActionCommand.h"
#include "../Output.h"
#include "Commands.h"
#include "CommonOptions.h"

namespace dealboard::cli {

namespace {

class EditCommand final : public DealActionCommand
{
public:
    EditCommand()
        : DealActionCommand(1, true)
    {
    }
    QString name() const override { return QStringLiteral("edit"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("ID... [deal options]"),
                 QStringLiteral("change deals' facts (several: the same change to each, such as --owner)"),
                 dealOptionDocs()}};
    }

protected:
    QString shape() const override { return QStringLiteral("edit needs one or more deal ids"); }
    Prepared act(Context& context, const DealAction& action) override
    {
        int code = ExitDone;
        const auto fields = dealFields(context, action.line, code, true);
        if (!fields) {
            return code;
        }
        if (fields->isEmpty() && !action.line.value(QStringLiteral("value"))) {
            return context.usage(QStringLiteral("edit needs at least one field to change, such as --value 1200"));
        }
        return [&context, action, fields](Pipeline& pipeline) -> int {
            DealService& deals = pipeline.deals();
            const auto one = [&deals, &action, &fields](DealId id) -> Result<QString> {
                DealFields given = *fields;
                if (action.line.value(QStringLiteral("value")) && !given.valueMinor) {
                    Result<Deal> deal = deals.get(id);
                    Result<DealFields> valued = deal ? withDealValue(action.line, given, deal.value()) : deal.error();
                    if (!valued) {
                        return valued.error();
                    }
                    given = valued.value();
                }
                Result<Deal> edited = deals.edit(id, given, action.options);
                if (!edited) {
                    return edited.error();
                }
                return QStringLiteral("Saved '%1' (version %2).\n")
                    .arg(oneLine(edited.value().title))
                    .arg(edited.value().version);
            };
            if (action.ids.size() > 1) {
                return runOnEach(context, action, one);
            }
            Result<QString> edited = one(action.id);
            if (!edited) {
                return context.fail(edited.error());
            }
            printOut(edited.value());
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeEditCommand()
{
    return std::make_unique<EditCommand>();
}

} // namespace dealboard::cli
