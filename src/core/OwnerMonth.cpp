#include "dealboard/OwnerMonth.h"

#include "TextTable.h"
#include "dealboard/CsvWriter.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <algorithm>

namespace dealboard {

std::optional<int> OwnerMonthRow::winRatePermille() const
{
    const int closed = wonDeals + lostDeals;
    if (closed == 0) {
        return std::nullopt;
    }
    return static_cast<int>(qint64(wonDeals) * 1000 / closed);
}

namespace {

// A quota into its row: as it is, or converted into the reporting currency
// at the rate in force on `on` (the month's last day, today for the month
// under way); without a rate it is kept aside and named.
void addQuota(OwnerMonthRow& row, const Money& quota, const QDate& on, const RateTable* convertTo, ConversionNote& note)
{
    if (!convertTo || quota.currency == convertTo->reportingCurrency()) {
        row.quotaMinor = addMoney(row.quotaMinor.value_or(0), quota.minor);
        return;
    }
    if (!convertTo->factor(quota.currency, on)) {
        row.unconvertedQuotas.push_back(quota);
        return;
    }
    CurrencySums sums;
    sums.add(quota.minor, quota.currency, on, 0);
    row.quotaMinor = addMoney(row.quotaMinor.value_or(0), sums.convert(*convertTo, &note));
}

} // namespace

QDate OwnerMonth::firstDayOf(const QString& month)
{
    static const QRegularExpression form(QStringLiteral("^(\\d{4})-(\\d{2})$"));
    const QRegularExpressionMatch match = form.match(month);
    if (!match.hasMatch()) {
        return {};
    }
    return QDate(match.captured(1).toInt(), match.captured(2).toInt(), 1);
}

OwnerMonth OwnerMonth::build(const std::vector<ForecastDeal>& deals, const std::vector<Quota>& quotas,
                             const std::map<QString, int>& activitiesDone, const QString& month, const QDate& today,
                             const StageProbabilities& probabilities, const RateTable* convertTo)
{
    OwnerMonth result;
    result.month = month;
    result.today = today;
    const QDate first = firstDayOf(month);
    const QDate last = first.addMonths(1).addDays(-1);
    const QDate restFrom = std::max(first, today);
    auto inMonth = [&](const QDate& day) { return day.isValid() && day >= first && day <= last; };

    std::map<std::pair<QString, QString>, OwnerMonthRow> rows;
    std::map<std::pair<QString, QString>, std::vector<qint64>> daysToWin;
    // Converted: one row per owner in the reporting currency, its money
    // summed per currency and day and converted once at the end.
    std::map<QString, CurrencySums> wonSums;
    std::map<QString, CurrencySums> restSums;
    // What closes in the rest of the month: each owner's weighted value per
    // currency added exactly, rounded once; its unweighted value names what
    // no rate converts, as every other total does.
    std::map<std::pair<QString, QString>, WeightedSum> restWeighted;
    std::map<QString, CurrencySums> restValues;
    auto rowOf = [&](const QString& owner, const QString& currency) -> OwnerMonthRow& {
        OwnerMonthRow& row = rows[{owner, convertTo ? convertTo->reportingCurrency() : currency}];
        row.owner = owner;
        row.currency = convertTo ? convertTo->reportingCurrency() : currency;
        return row;
    };
    auto keyOf = [&](const ForecastDeal& deal) {
        return std::pair(deal.owner, convertTo ? convertTo->reportingCurrency() : deal.currency);
    };
    for (const ForecastDeal& deal : deals) {
        if (deal.status == DealStatus::Won && inMonth(deal.wonOn)) {
            OwnerMonthRow& row = rowOf(deal.owner, deal.currency);
            ++row.wonDeals;
            if (convertTo) {
                wonSums[deal.owner].add(deal.valueMinor, deal.currency, deal.wonOn);
            } else {
                row.wonMinor = addMoney(row.wonMinor, deal.valueMinor);
            }
            if (deal.createdAt.isValid()) {
                daysToWin[keyOf(deal)].push_back(deal.createdAt.date().daysTo(deal.wonOn));
            }
        } else if (deal.status == DealStatus::Lost && inMonth(deal.lostOn)) {
            ++rowOf(deal.owner, deal.currency).lostDeals;
        } else if (deal.status == DealStatus::Open && deal.expectedClose.isValid() && deal.expectedClose >= restFrom
                   && deal.expectedClose <= last) {
            OwnerMonthRow& row = rowOf(deal.owner, deal.currency);
            ++row.closingDeals;
            restWeighted[{deal.owner, deal.currency}].add(deal.valueMinor,
                                                          probabilities.forDeal(deal.stage, deal.probabilityOverride));
            if (convertTo) {
                restValues[deal.owner].add(deal.valueMinor, deal.currency, today);
            }
        }
    }
    for (const auto& [key, sum] : restWeighted) {
        const auto& [owner, currency] = key;
        if (convertTo) {
            restSums[owner].add(sum.minor(), currency, today);
        } else {
            rowOf(owner, currency).weightedRestMinor = sum.minor();
        }
    }
    for (const Quota& quota : quotas) {
        if (quota.month == month) {
            addQuota(rowOf(quota.owner, quota.amount.currency), quota.amount, std::min(today, last), convertTo,
                     result.conversion);
        }
    }
    if (convertTo) {
        result.conversion.currency = convertTo->reportingCurrency();
        for (auto& [key, row] : rows) {
            row.wonMinor = wonSums[row.owner].convert(*convertTo, &result.conversion);
            row.weightedRestMinor = restSums[row.owner].convert(*convertTo);
            restValues[row.owner].convert(*convertTo, &result.conversion);
        }
    }
    for (auto& [key, row] : rows) {
        if (const auto found = activitiesDone.find(row.owner); found != activitiesDone.end()) {
            row.activitiesDone = found->second;
        }
        if (auto days = daysToWin.find(key); days != daysToWin.end() && !days->second.empty()) {
            std::vector<qint64>& sorted = days->second;
            std::sort(sorted.begin(), sorted.end());
            const std::size_t middle = sorted.size() / 2;
            row.medianDaysToWin = sorted.size() % 2 == 1 ? double(sorted[middle])
                                                         : (double(sorted[middle - 1]) + double(sorted[middle])) / 2;
        }
        if (!row.unconvertedQuotas.empty()) {
            row.standing = OwnerMonthRow::Standing::QuotaNotConverted;
        } else if (!row.quotaMinor) {
            row.standing = OwnerMonthRow::Standing::NoQuota;
        } else if (row.wonMinor >= *row.quotaMinor) {
            row.standing = OwnerMonthRow::Standing::Met;
        } else if (addMoney(row.wonMinor, row.weightedRestMinor) >= *row.quotaMinor) {
            row.standing = OwnerMonthRow::Standing::OnTrack;
        } else {
            row.standing = OwnerMonthRow::Standing::Behind;
        }
        result.rows.push_back(row);
    }
    return result;
}

namespace OwnerMonthFormat {

namespace {

QString ownerName(const OwnerMonthRow& row)
{
    return row.owner.isEmpty() ? QStringLiteral("(no owner)") : row.owner;
}

QString medianText(const OwnerMonthRow& row)
{
    return row.medianDaysToWin ? QString::number(*row.medianDaysToWin, 'f', 1) : QStringLiteral("-");
}

QString slug(OwnerMonthRow::Standing standing)
{
    switch (standing) {
    case OwnerMonthRow::Standing::Met:
        return QStringLiteral("met");
    case OwnerMonthRow::Standing::OnTrack:
        return QStringLiteral("on_track");
    case OwnerMonthRow::Standing::Behind:
        return QStringLiteral("behind");
    case OwnerMonthRow::Standing::QuotaNotConverted:
        return QStringLiteral("quota_not_converted");
    case OwnerMonthRow::Standing::NoQuota:
        break;
    }
    return QStringLiteral("no_quota");
}

} // namespace

QString winRateText(const OwnerMonthRow& row, const QString& none)
{
    const std::optional<int> permille = row.winRatePermille();
    return permille ? Probability::permilleText(*permille) : none;
}

QString standingText(OwnerMonthRow::Standing standing)
{
    switch (standing) {
    case OwnerMonthRow::Standing::Met:
        return QStringLiteral("met");
    case OwnerMonthRow::Standing::OnTrack:
        return QStringLiteral("on track");
    case OwnerMonthRow::Standing::Behind:
        return QStringLiteral("behind");
    case OwnerMonthRow::Standing::QuotaNotConverted:
        return QStringLiteral("quota not converted");
    case OwnerMonthRow::Standing::NoQuota:
        break;
    }
    return QStringLiteral("no quota");
}

static QString conversionText(const OwnerMonth& month)
{
    QString text;
    if (!month.conversion.currency.isEmpty()) {
        text += QStringLiteral("Quotas and values in %1").arg(month.conversion.currency);
        text += month.conversion.rateDates.empty() ? QString() : QStringLiteral(", ") + month.conversion.ratesText();
        text += QStringLiteral(".\n");
    }
    if (!month.conversion.complete()) {
        text += QStringLiteral("Left out, %1.\n").arg(month.conversion.unconvertedText());
    }
    for (const OwnerMonthRow& row : month.rows) {
        for (const Money& quota : row.unconvertedQuotas) {
            text += QStringLiteral("The quota of %1, %2, has no rate to %3: it is not counted.\n")
                        .arg(ownerName(row), formatForPeople(quota), row.currency);
        }
    }
    return text;
}

QString table(const OwnerMonth& month)
{
    std::vector<QStringList> rows;
    for (const OwnerMonthRow& row : month.rows) {
        rows.push_back({ownerName(row), standingText(row.standing),
                        row.quotaMinor ? formatForPeople({*row.quotaMinor, row.currency}) : QStringLiteral("-"),
                        formatForPeople({row.wonMinor, row.currency}),
                        formatForPeople({row.weightedRestMinor, row.currency}), QString::number(row.wonDeals),
                        QString::number(row.lostDeals), winRateText(row, QStringLiteral("-")), medianText(row),
                        QString::number(row.activitiesDone)});
    }
    return QStringLiteral("Owners against their quotas in %1, as of %2\n%3")
               .arg(month.month, month.today.toString(Qt::ISODate),
                    textTable({QStringLiteral("OWNER"), QStringLiteral("STANDING"), QStringLiteral("QUOTA"),
                               QStringLiteral("WON"), QStringLiteral("WEIGHTED REST OF MONTH"),
                               QStringLiteral("WON DEALS"), QStringLiteral("LOST DEALS"), QStringLiteral("WIN RATE"),
                               QStringLiteral("MEDIAN DAYS TO WIN"), QStringLiteral("ACTIVITIES DONE")},
                              rows, 2))
        + conversionText(month);
}

bool writeCsv(QIODevice* device, const OwnerMonth& month, bool byteOrderMark)
{
    CsvWriter writer(device, byteOrderMark);
    for (const char* name : {"month", "owner", "currency", "standing", "quota", "won_value", "weighted_rest_of_month",
                             "won_deals", "lost_deals", "win_rate", "median_days_to_win", "activities_done"}) {
        writer.plain(QString::fromLatin1(name));
    }
    const bool converted = !month.conversion.currency.isEmpty();
    for (const QString& name : converted ? ConversionNote::csvHeader() : QStringList()) {
        writer.plain(name);
    }
    bool ok = writer.endRow();
    for (const OwnerMonthRow& row : month.rows) {
        const std::optional<int> permille = row.winRatePermille();
        writer.plain(month.month).text(ownerName(row)).plain(row.currency).plain(slug(row.standing));
        writer.plain(row.quotaMinor ? formatDecimal(*row.quotaMinor, row.currency) : QString());
        writer.plain(formatDecimal(row.wonMinor, row.currency))
            .plain(formatDecimal(row.weightedRestMinor, row.currency));
        writer.plain(QString::number(row.wonDeals)).plain(QString::number(row.lostDeals));
        writer.plain(permille ? QString::number(*permille / 1000.0, 'f', 3) : QString());
        writer.plain(row.medianDaysToWin ? QString::number(*row.medianDaysToWin, 'f', 1) : QString());
        writer.plain(QString::number(row.activitiesDone));
        for (const QString& cell : converted ? month.conversion.csvCells() : QStringList()) {
            writer.plain(cell);
        }
        ok = writer.endRow() && ok;
    }
    return ok;
}

QJsonObject json(const OwnerMonth& month)
{
    QJsonArray rows;
    for (const OwnerMonthRow& row : month.rows) {
        const std::optional<int> permille = row.winRatePermille();
        QJsonObject object;
        object[QStringLiteral("owner")] = row.owner;
        object[QStringLiteral("currency")] = row.currency;
        object[QStringLiteral("standing")] = slug(row.standing);
        object[QStringLiteral("quota")]
            = row.quotaMinor ? QJsonValue(formatDecimal(*row.quotaMinor, row.currency)) : QJsonValue(QJsonValue::Null);
        object[QStringLiteral("won_value")] = formatDecimal(row.wonMinor, row.currency);
        object[QStringLiteral("weighted_rest_of_month")] = formatDecimal(row.weightedRestMinor, row.currency);
        object[QStringLiteral("closing_deals")] = row.closingDeals;
        object[QStringLiteral("won_deals")] = row.wonDeals;
        object[QStringLiteral("lost_deals")] = row.lostDeals;
        object[QStringLiteral("win_rate")] = permille ? QJsonValue(*permille / 1000.0) : QJsonValue(QJsonValue::Null);
        object[QStringLiteral("median_days_to_win")]
            = row.medianDaysToWin ? QJsonValue(*row.medianDaysToWin) : QJsonValue(QJsonValue::Null);
        object[QStringLiteral("activities_done")] = row.activitiesDone;
        if (!row.unconvertedQuotas.empty()) {
            QJsonArray quotas;
            for (const Money& quota : row.unconvertedQuotas) {
                quotas.append(QJsonObject {{QStringLiteral("amount"), formatDecimal(quota.minor, quota.currency)},
                                           {QStringLiteral("currency"), quota.currency}});
            }
            object[QStringLiteral("unconverted_quotas")] = quotas;
        }
        rows.append(object);
    }
    QJsonObject object;
    object[QStringLiteral("month")] = month.month;
    object[QStringLiteral("today")] = month.today.toString(Qt::ISODate);
    object[QStringLiteral("owners")] = rows;
    if (!month.conversion.currency.isEmpty()) {
        object[QStringLiteral("conversion")] = month.conversion.json();
    }
    return object;
}

} // namespace OwnerMonthFormat

} // namespace dealboard
