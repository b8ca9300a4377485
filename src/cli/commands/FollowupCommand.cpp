// dealboard-cli followup: a cross-sell or up-sell deal for a won deal's buyer.
#include "../Context.h"
#include "../DealActionCommand.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/Money.h"

namespace dealboard::cli {

namespace {

class FollowupCommand final : public DealActionCommand
{
public:
    FollowupCommand()
        : DealActionCommand(1, false)
    {
    }
    QString name() const override { return QStringLiteral("followup"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("ID [--title T] [--value V]"),
                 QStringLiteral("a cross-sell/up-sell deal for a won deal's organization and person; prints its id"),
                 {{QStringLiteral("title"), QStringLiteral("T"), QStringLiteral("the new deal's title")},
                  {QStringLiteral("value"), QStringLiteral("V"), QStringLiteral("the new deal's value")},
                  {QStringLiteral("actor"), QStringLiteral("NAME"), QStringLiteral("who made it, for the history")}}}};
    }

protected:
    QString shape() const override { return QStringLiteral("followup needs exactly one won deal's id"); }
    Prepared act(Context& context, const DealAction& action) override
    {
        return [&context, action](Pipeline& pipeline) -> int {
            // The follow-up has the won deal's currency, and the value its decimals.
            std::optional<std::int64_t> value;
            if (const auto text = action.line.value(QStringLiteral("value"))) {
                Result<Deal> origin = pipeline.deals().get(action.id);
                if (!origin) {
                    return context.fail(origin.error());
                }
                Result<std::int64_t> minor = parseDecimal(text->trimmed(), origin.value().value.currency);
                if (!minor) {
                    return context.fail(minor.error());
                }
                value = minor.value();
            }
            Result<Deal> created = pipeline.deals().createFollowUp(
                action.id, action.line.value(QStringLiteral("title")).value_or(QString()), value, action.options.actor);
            if (!created) {
                return context.fail(created.error());
            }
            printOut(QStringLiteral("%1\n").arg(created.value().id));
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeFollowupCommand()
{
    return std::make_unique<FollowupCommand>();
}

} // namespace dealboard::cli
