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
        return {{QStringLiteral("ID [deal options]"), QStringLiteral("change a deal's facts"), dealOptionDocs()}};
    }
    int run(Context& context, const QStringList& arguments) override
    {
        int code = ExitDone;
        const auto action = parseDealAction(context, arguments, optionSpec(dealOptionDocs()), 1,
                                            QStringLiteral("edit needs exactly one deal id"), code);
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
        Result<Deal> edited = context.service().deals().edit(action->id, *fields, action->options);
        if (!edited) {
            return context.fail(edited.error());
        }
        printOut(QStringLiteral("Saved '%1' (version %2).\n").arg(edited.value().title).arg(edited.value().version));
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeEditCommand()
{
    return std::make_unique<EditCommand>();
}

} // namespace dealboard::cli
