// dealboard-cli win, lose and reopen: a change of a deal's status.
#include "../Context.h"
#include "../DealActionCommand.h"
#include "../Output.h"
#include "Commands.h"
#include "CommonOptions.h"

namespace dealboard::cli {

namespace {

class StatusCommand final : public DealActionCommand
{
public:
    explicit StatusCommand(QString name)
        : DealActionCommand(1, true)
        , m_name(std::move(name))
    {
    }
    QString name() const override { return m_name; }
    std::vector<CommandForm> forms() const override
    {
        OptionDocs options = changeOptionDocs();
        if (m_name == u"lose") {
            options.insert(options.begin(),
                           {QStringLiteral("reason"), QStringLiteral("TEXT"), QStringLiteral("why it was lost")});
            return {
                {QStringLiteral("ID... --reason TEXT"), QStringLiteral("mark deals lost, with the reason"), options}};
        }
        if (m_name == u"win") {
            return {{QStringLiteral("ID..."), QStringLiteral("close deals in Closing as won"), options}};
        }
        return {{QStringLiteral("ID..."), QStringLiteral("reopen lost deals in their stage"), options}};
    }

protected:
    QString shape() const override { return QStringLiteral("%1 needs one or more deal ids").arg(m_name); }
    Prepared act(Context& context, const DealAction& action) override
    {
        if (m_name == u"lose" && !action.line.has(QStringLiteral("reason"))) {
            return context.usage(QStringLiteral("lose needs --reason, such as --reason \"chose a competitor\""));
        }
        return [this, &context, action](Pipeline& pipeline) -> int {
            DealService& deals = pipeline.deals();
            const auto one = [this, &deals, &action](DealId id) -> Result<QString> {
                Result<MoveOutcome> outcome = m_name == u"win" ? deals.win(id, action.options)
                    : m_name == u"lose" ? deals.lose(id, *action.line.value(QStringLiteral("reason")), action.options)
                                        : deals.reopen(id, action.options);
                if (!outcome) {
                    return outcome.error();
                }
                const Deal& deal = outcome.value().deal;
                if (!outcome.value().changed) {
                    return QStringLiteral("'%1' is already %2; nothing changed.\n")
                        .arg(oneLine(deal.title), statusSlug(deal.status));
                }
                return QStringLiteral("'%1' is now %2 in %3.\n")
                    .arg(oneLine(deal.title), statusSlug(deal.status), stageName(deal.stage));
            };
            if (action.ids.size() > 1) {
                return runOnEach(context, action, one);
            }
            Result<QString> done = one(action.id);
            if (!done) {
                return context.fail(done.error());
            }
            printOut(done.value());
            return ExitDone;
        };
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
