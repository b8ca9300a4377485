#pragma once

// Each owner's month against their quota: what they won, what is weighted to
// close in the rest of the month, deals won and lost, win rate, median days
// to win and activities done. A pure function of the deals it is given.
#include "dealboard/Forecast.h"

#include <QJsonObject>
#include <map>

class QIODevice;

namespace dealboard {

// A quota: what an owner is to win in a month, in one currency.
struct Quota
{
    QString owner;
    QString month; // "YYYY-MM"
    Money amount;
};

struct OwnerMonthRow
{
    // QuotaNotConverted: a quota no rate converts, so no standing can be said.
    enum class Standing { NoQuota, Met, OnTrack, Behind, QuotaNotConverted };

    QString owner;
    QString currency;
    std::optional<std::int64_t> quotaMinor;
    // Quotas in other currencies that no rate converts: not counted, each named.
    std::vector<Money> unconvertedQuotas;
    int wonDeals = 0;
    std::int64_t wonMinor = 0;
    int lostDeals = 0;
    // Open deals expected to close from today (or the month's first day) to
    // its last, weighted by their win probabilities.
    int closingDeals = 0;
    std::int64_t weightedRestMinor = 0;
    std::optional<double> medianDaysToWin; // of the deals won in the month
    int activitiesDone = 0; // on the owner's deals, done in the month
    Standing standing = Standing::NoQuota;

    // Won ÷ (won + lost) in the month, in percent with one decimal (416 for
    // 41.6 %); empty when nothing closed.
    std::optional<int> winRatePermille() const;
};

struct OwnerMonth
{
    QString month; // "YYYY-MM"
    QDate today;
    std::vector<OwnerMonthRow> rows; // by owner, then currency (converted: by owner)
    ConversionNote conversion; // converted months only

    // Standing: met when won ≥ quota; on track when won + the weighted rest
    // reaches it; else behind. Rows for every owner with a quota in the month
    // or a deal open, won or lost in it. With `convertTo`, one row per owner
    // in its reporting currency: won values at their won day's rate, the
    // weighted rest at today's, a quota in another currency at the rate of
    // the month's last day (today's for the month under way).
    static OwnerMonth build(const std::vector<ForecastDeal>& deals, const std::vector<Quota>& quotas,
                            const std::map<QString, int>& activitiesDone, const QString& month, const QDate& today,
                            const StageProbabilities& probabilities, const RateTable* convertTo = nullptr);
    // "2026-11" -> 1 November 2026; invalid for anything else.
    static QDate firstDayOf(const QString& month);
};

namespace OwnerMonthFormat {
QString standingText(OwnerMonthRow::Standing standing);
// "66.6 %", or `none` when nothing closed in the month.
QString winRateText(const OwnerMonthRow& row, const QString& none);
QString table(const OwnerMonth& month);
bool writeCsv(QIODevice* device, const OwnerMonth& month, bool byteOrderMark = false);
QJsonObject json(const OwnerMonth& month);
} // namespace OwnerMonthFormat

} // namespace dealboard
