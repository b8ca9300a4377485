// dealboard-cli attention: over-contacted people and neglected open deals.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/StoredTime.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace dealboard::cli {

namespace {

QJsonObject attentionJson(const AttentionReport& report)
{
    QJsonArray over;
    for (const OverContacted& o : report.overContacted) {
        QJsonObject object;
        object[QStringLiteral("person_id")] = qint64(o.personId);
        object[QStringLiteral("person")] = o.personName;
        object[QStringLiteral("organization")] = o.organizationName;
        object[QStringLiteral("min_days")] = o.minDays;
        object[QStringLiteral("closest_touches")] = QJsonArray {toStoredDate(o.first), toStoredDate(o.second)};
        object[QStringLiteral("touches_last_30_days")] = o.touchesIn30Days;
        over.append(object);
    }
    QJsonArray neglected;
    for (const NeglectedDeal& n : report.neglected) {
        QJsonObject object;
        object[QStringLiteral("deal_id")] = qint64(n.dealId);
        object[QStringLiteral("title")] = n.title;
        object[QStringLiteral("stage")] = stageSlug(n.stage);
        object[QStringLiteral("owner")] = n.owner;
        object[QStringLiteral("last_touch")]
            = n.lastTouch ? QJsonValue(toStoredDate(*n.lastTouch)) : QJsonValue(QJsonValue::Null);
        object[QStringLiteral("days_without_touch")] = n.daysWithoutTouch;
        object[QStringLiteral("rotting_days")] = n.rottingDays;
        object[QStringLiteral("days_over")] = n.daysOver();
        object[QStringLiteral("value")] = formatDecimal(n.value.minor, n.value.currency);
        object[QStringLiteral("currency")] = n.value.currency;
        neglected.append(object);
    }
    QJsonObject root;
    root[QStringLiteral("over_contacted")] = over;
    root[QStringLiteral("neglected")] = neglected;
    return root;
}

QString attentionText(const AttentionReport& report)
{
    std::vector<QStringList> rows;
    for (const OverContacted& o : report.overContacted) {
        rows.push_back({QString::number(o.personId), elide(o.personName, 28), elide(o.organizationName, 28),
                        QStringLiteral("%1, %2").arg(toStoredDate(o.first), toStoredDate(o.second)),
                        QString::number(o.minDays), QString::number(o.touchesIn30Days)});
    }
    QString text = QStringLiteral("Over-contacted people (two touches closer than their segments allow):\n");
    text += table({QStringLiteral("ID"), QStringLiteral("PERSON"), QStringLiteral("ORGANIZATION"),
                   QStringLiteral("CLOSEST TOUCHES"), QStringLiteral("MIN DAYS"), QStringLiteral("LAST 30 DAYS")},
                  rows, {0, 4, 5});
    rows.clear();
    for (const NeglectedDeal& n : report.neglected) {
        rows.push_back({QString::number(n.dealId), elide(n.title, 40), stageSlug(n.stage), n.owner,
                        n.lastTouch ? toStoredDate(*n.lastTouch) : QStringLiteral("never"),
                        QString::number(n.daysWithoutTouch), QString::number(n.rottingDays), formatForPeople(n.value)});
    }
    text += QStringLiteral("\nNeglected open deals (no touch for longer than the stage's rotting days), most urgent "
                           "first (value times days past the limit):\n");
    text += table({QStringLiteral("ID"), QStringLiteral("TITLE"), QStringLiteral("STAGE"), QStringLiteral("OWNER"),
                   QStringLiteral("LAST TOUCH"), QStringLiteral("DAYS"), QStringLiteral("ROTS AFTER"),
                   QStringLiteral("VALUE")},
                  rows, {0, 5, 6, 7});
    text += QStringLiteral("%1 over-contacted, %2 neglected\n")
                .arg(report.overContacted.size())
                .arg(report.neglected.size());
    return text;
}

class AttentionCommand final : public Command
{
public:
    AttentionCommand()
        : Command(Reading::Listing)
    {
    }
    QString name() const override { return QStringLiteral("attention"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("[--format table|json]"),
                 QStringLiteral("over-contacted people and neglected open deals"),
                 {{QStringLiteral("format"), QStringLiteral("table|json"), QStringLiteral("how to print it")}}}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        const QString format = line.value(QStringLiteral("format")).value_or(QStringLiteral("table"));
        return [&context, format](Pipeline& pipeline) -> int {
            Result<AttentionReport> report = pipeline.activities().attentionReport();
            if (!report) {
                return context.fail(report.error());
            }
            if (format == u"json") {
                printJson(QJsonDocument(attentionJson(report.value())));
                return ExitDone;
            }
            if (format == u"csv") {
                return context.usage(QStringLiteral("attention prints table or json"));
            }
            printOut(attentionText(report.value()));
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeAttentionCommand()
{
    return std::make_unique<AttentionCommand>();
}

} // namespace dealboard::cli
