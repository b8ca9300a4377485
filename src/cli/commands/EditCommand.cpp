// dealboard-cli edit: change a deal's facts.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "CommonOptions.h"

namespace dealboard::cli {

namespace {

class EditCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("edit"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("ID... [deal options]"),
                 QStringLiteral("change deals' facts (several: the same change to each, such as --owner)"),
                 dealOptionDocs()}};
    }
    int run(Context& context, const QStringList& arguments) override
    {
        int code = ExitDone;
        const auto action = parseDealAction(context, arguments, optionSpec(dealOptionDocs()), 1,
                                            QStringLiteral("edit needs one or more deal ids"), code, true);
        if (!action) {
            return code;
        }
        const auto fields = dealFields(context, action->line, code);
        if (!fields) {
            return code;
        }
        if (fields->isEmpty()) {
            return context.usage(QStringLiteral("edit needs at least one field to change, such as --value 1200"));
        }
        if (!context.openService()) {
            return ExitBadInput;
        }
        DealService& deals = context.service().deals();
        const auto one = [&deals, &action, &fields](DealId id) -> Result<QString> {
            Result<Deal> edited = deals.edit(id, *fields, action->options);
            if (!edited) {
                return edited.error();
            }
            return QStringLiteral("Saved '%1' (version %2).\n")
                .arg(oneLine(edited.value().title))
                .arg(edited.value().version);
        };
        if (action->ids.size() > 1) {
            return runOnEach(context, *action, one);
        }
        Result<QString> edited = one(action->id);
        if (!edited) {
            return context.fail(edited.error());
        }
        printOut(edited.value());
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeEditCommand()
{
    return std::make_unique<EditCommand>();
}

} // namespace dealboard::cli
