// dealboard-cli followup: a cross-sell or up-sell deal for a won deal's buyer.
#include "../Context.h"
#include "../DealActionCommand.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/Money.h"
#include "dealboard/StoredTime.h"

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
        return {{QStringLiteral("ID [--title T] [--value V] [--close-date YYYY-MM-DD]"),
                 QStringLiteral("a cross-sell/up-sell deal for a won deal's organization and person; prints its id"),
                 {{QStringLiteral("title"), QStringLiteral("T"), QStringLiteral("the new deal's title")},
                  {QStringLiteral("value"), QStringLiteral("V"), QStringLiteral("the new deal's value")},
                  {QStringLiteral("close-date"), QStringLiteral("YYYY-MM-DD"),
                   QStringLiteral("the new deal's expected close date")},
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
            QDate close;
            if (const auto text = action.line.value(QStringLiteral("close-date"))) {
                close = fromStoredDate(text->trimmed());
                if (!close.isValid()) {
                    return context.fail(
                        makeError(ErrorCode::InvalidInput,
                                  QStringLiteral("'%1' is not a date; write it as YYYY-MM-DD.").arg(*text)));
                }
            }
            Result<Deal> created = pipeline.deals().createFollowUp(
                action.id, action.line.value(QStringLiteral("title")).value_or(QString()), value, action.options.actor,
                close);
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
