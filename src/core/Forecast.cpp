#include "dealboard/Forecast.h"

#include "TextTable.h"
#include "dealboard/CsvWriter.h"
#include "dealboard/Money.h"

#include <QJsonArray>
#include <map>
#include <tuple>

namespace dealboard {

namespace {

const QString Overdue = QStringLiteral("overdue");
const QString Later = QStringLiteral("later");
const QString NoDate = QStringLiteral("no date");
const QString TeamName = QStringLiteral("(team)");

void add(ForecastFigures& into, const ForecastFigures& one)
{
    into.openDeals += one.openDeals;
    into.openMinor = addMoney(into.openMinor, one.openMinor);
    into.weightedMinor = addMoney(into.weightedMinor, one.weightedMinor);
    into.wonDeals += one.wonDeals;
    into.wonMinor = addMoney(into.wonMinor, one.wonMinor);
}

} // namespace

QString Forecast::monthBucket(const QDate& day)
{
    return day.toString(QStringLiteral("yyyy-MM"));
}

Forecast Forecast::build(const std::vector<ForecastDeal>& deals, const QDate& today, int months,
                         const QString& defaultCurrency)
{
    Forecast forecast;
    forecast.today = today;
    forecast.months = months;
    const QDate first(today.year(), today.month(), 1);
    const QDate end = first.addMonths(months); // the first day after the last month
    forecast.buckets << Overdue;
    for (int m = 0; m < months; ++m) {
        forecast.buckets << monthBucket(first.addMonths(m));
    }
    forecast.buckets << Later << NoDate;

    // (bucket, owner, currency) -> figures
    std::map<std::tuple<QString, QString, QString>, ForecastFigures> cells;
    for (const ForecastDeal& deal : deals) {
        ForecastFigures one;
        QString bucket;
        if (deal.status == DealStatus::Open) {
            if (!deal.expectedClose.isValid()) {
                bucket = NoDate;
            } else if (deal.expectedClose < today) {
                bucket = Overdue;
            } else if (deal.expectedClose >= end) {
                bucket = Later;
            } else {
                bucket = monthBucket(deal.expectedClose);
            }
            one.openDeals = 1;
            one.openMinor = deal.valueMinor;
            one.weightedMinor = percentOf(deal.valueMinor, stageInfo(deal.stage).winProbabilityPercent);
        } else if (deal.status == DealStatus::Won && deal.wonOn.isValid() && deal.wonOn >= first && deal.wonOn < end) {
            bucket = monthBucket(deal.wonOn);
            one.wonDeals = 1;
            one.wonMinor = deal.valueMinor;
        } else {
            continue;
        }
        add(cells[{bucket, deal.owner, deal.currency}], one);
    }

    for (const QString& bucket : forecast.buckets) {
        std::map<QString, ForecastFigures> team; // by currency
        for (const auto& [key, figures] : cells) {
            if (std::get<0>(key) != bucket) {
                continue;
            }
            forecast.rows.push_back({bucket, false, std::get<1>(key), std::get<2>(key), figures});
            add(team[std::get<2>(key)], figures);
        }
        if (team.empty()) {
            team[defaultCurrency] = {};
        }
        for (const auto& [currency, figures] : team) {
            forecast.rows.push_back({bucket, true, QString(), currency, figures});
        }
    }
    return forecast;
}

namespace ForecastFormat {

namespace {

QString ownerName(const ForecastRow& row)
{
    return row.team ? TeamName : row.owner.isEmpty() ? QStringLiteral("(no owner)") : row.owner;
}

} // namespace

QString table(const Forecast& forecast)
{
    std::vector<QStringList> rows;
    for (const ForecastRow& row : forecast.rows) {
        const ForecastFigures& f = row.figures;
        rows.push_back({row.bucket, ownerName(row), QString::number(f.openDeals),
                        formatForPeople({f.openMinor, row.currency}), formatForPeople({f.weightedMinor, row.currency}),
                        formatForPeople({f.wonMinor, row.currency})});
    }
    return QStringLiteral("Forecast by expected close month, as of %1 (weighted by the stages' win probabilities)\n%2")
        .arg(forecast.today.toString(Qt::ISODate),
             textTable({QStringLiteral("BUCKET"), QStringLiteral("OWNER"), QStringLiteral("OPEN DEALS"),
                        QStringLiteral("OPEN VALUE"), QStringLiteral("WEIGHTED"), QStringLiteral("WON THIS MONTH")},
                       rows, 2));
}

bool writeCsv(QIODevice* device, const Forecast& forecast)
{
    CsvWriter writer(device, false);
    for (const char* name :
         {"bucket", "owner", "currency", "open_deals", "open_value", "weighted_value", "won_deals", "won_value"}) {
        writer.plain(QString::fromLatin1(name));
    }
    bool ok = writer.endRow();
    for (const ForecastRow& row : forecast.rows) {
        const ForecastFigures& f = row.figures;
        writer.plain(row.bucket).text(ownerName(row)).plain(row.currency).plain(QString::number(f.openDeals));
        writer.plain(formatDecimal(f.openMinor)).plain(formatDecimal(f.weightedMinor));
        writer.plain(QString::number(f.wonDeals)).plain(formatDecimal(f.wonMinor));
        ok = writer.endRow() && ok;
    }
    return ok;
}

QJsonObject json(const Forecast& forecast)
{
    QJsonArray rows;
    for (const ForecastRow& row : forecast.rows) {
        const ForecastFigures& f = row.figures;
        QJsonObject object;
        object[QStringLiteral("bucket")] = row.bucket;
        object[QStringLiteral("owner")] = row.team ? QJsonValue(QJsonValue::Null) : QJsonValue(row.owner);
        object[QStringLiteral("team")] = row.team;
        object[QStringLiteral("currency")] = row.currency;
        object[QStringLiteral("open_deals")] = f.openDeals;
        object[QStringLiteral("open_value")] = formatDecimal(f.openMinor);
        object[QStringLiteral("weighted_value")] = formatDecimal(f.weightedMinor);
        object[QStringLiteral("won_deals")] = f.wonDeals;
        object[QStringLiteral("won_value")] = formatDecimal(f.wonMinor);
        rows.append(object);
    }
    QJsonObject object;
    object[QStringLiteral("today")] = forecast.today.toString(Qt::ISODate);
    object[QStringLiteral("months")] = forecast.months;
    object[QStringLiteral("buckets")] = QJsonArray::fromStringList(forecast.buckets);
    object[QStringLiteral("rows")] = rows;
    return object;
}

} // namespace ForecastFormat

} // namespace dealboard
