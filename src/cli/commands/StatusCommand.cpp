// dealboard-cli win, lose and reopen: a change of a deal's status.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "CommonOptions.h"

namespace dealboard::cli {

namespace {

class StatusCommand final : public Command
{
public:
    explicit StatusCommand(QString name)
        : m_name(std::move(name))
    {
    }
    QString name() const override { return m_name; }
    std::vector<CommandForm> forms() const override
    {
        OptionDocs options = changeOptionDocs();
        if (m_name == u"lose") {
            options.insert(options.begin(),
                           {QStringLiteral("reason"), QStringLiteral("TEXT"), QStringLiteral("why it was lost")});
            return {{QStringLiteral("ID --reason TEXT"), QStringLiteral("mark a deal lost, with the reason"), options}};
        }
        if (m_name == u"win") {
            return {{QStringLiteral("ID"), QStringLiteral("close a deal in Closing as won"), options}};
        }
        return {{QStringLiteral("ID"), QStringLiteral("reopen a lost deal in its stage"), options}};
    }
    int run(Context& context, const QStringList& arguments) override
    {
        int code = ExitDone;
        const auto action = parseDealAction(context, arguments, optionSpec(forms().front().options), 1,
                                            QStringLiteral("%1 needs exactly one deal id").arg(m_name), code);
        if (!action) {
            return code;
        }
        if (m_name == u"lose" && !action->line.has(QStringLiteral("reason"))) {
            return context.usage(QStringLiteral("lose needs --reason, such as --reason \"chose a competitor\""));
        }
        if (!context.openService()) {
            return ExitBadInput;
        }
        Pipeline& service = context.service();
        Result<MoveOutcome> outcome = m_name == u"win" ? service.deals().win(action->id, action->options)
            : m_name == u"lose"
            ? service.deals().lose(action->id, *action->line.value(QStringLiteral("reason")), action->options)
            : service.deals().reopen(action->id, action->options);
        if (!outcome) {
            return context.fail(outcome.error());
        }
        const Deal& deal = outcome.value().deal;
        if (!outcome.value().changed) {
            printOut(QStringLiteral("'%1' is already %2; nothing changed.\n").arg(deal.title, statusSlug(deal.status)));
        } else {
            printOut(QStringLiteral("'%1' is now %2 in %3.\n")
                         .arg(deal.title, statusSlug(deal.status), stageName(deal.stage)));
        }
        return ExitDone;
    }

private:
    QString m_name;
};

} // namespace

std::unique_ptr<Command> makeStatusCommand(const QString& name)
{
    return std::make_unique<StatusCommand>(name);
}

} // namespace dealboard::cli
