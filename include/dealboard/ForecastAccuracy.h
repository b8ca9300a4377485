#pragma once

// How right the forecast was, and which deals' close dates kept slipping.
// Pure functions of what they are given: the stored daily snapshots of the
// forecast, the won deals, the change log's close-date changes and the
// exchange rates (docs/user-guide.md, "Forecast accuracy").
#include "dealboard/Deal.h"
#include "dealboard/Forecast.h"
#include "dealboard/Rates.h"

#include <QDate>
#include <QJsonObject>
#include <QStringList>
#include <array>
#include <optional>
#include <vector>

class QIODevice;

namespace dealboard {

// One stored line of a day's forecast: a bucket's figures for one owner (the
// team's when `owner` is empty) in one currency, as they stood that day.
struct SnapshotRow
{
    QDate takenOn;
    QString bucket; // as Forecast's: "overdue", "YYYY-MM", "later", "no date"
    QString owner; // empty: the team
    QString currency;
    int openDeals = 0;
    std::int64_t openMinor = 0;
    std::int64_t claimedMinor = 0; // weighted by the stages' probabilities
    std::optional<std::int64_t> empiricalMinor; // empty: not enough history
    std::int64_t wonMinor = 0; // already won in the bucket's month that day

    // The rows of a forecast as it stands on `day`.
    static std::vector<SnapshotRow> of(const Forecast& forecast, const QDate& day);
};

// What the forecast said of one month some days ahead: from the snapshot of
// that day, or the nearest earlier one within SnapshotTolerance days.
struct AccuracySaid
{
    QDate snapshotOn; // invalid: no snapshot, nothing said
    std::int64_t claimedMinor = 0;
    std::optional<std::int64_t> empiricalMinor; // empty: not enough history then
};

// One past month, for the team (owner empty) or one owner, in the reporting currency.
struct AccuracyLine
{
    QString month; // "YYYY-MM"
    QString owner; // empty: the team
    std::array<AccuracySaid, 3> said; // at Horizons' days ahead
    int wonDeals = 0;
    std::int64_t wonMinor = 0;
};

struct ForecastAccuracy
{
    static constexpr std::array<int, 3> Horizons = {90, 60, 30};
    static constexpr int SnapshotTolerance = 7;
    static constexpr int DefaultMonths = 6;
    static constexpr int MaxMonths = 24;

    QDate today;
    int months = DefaultMonths;
    QString currency; // the reporting currency
    // Month by month, oldest first; in each the team's line, then the owners' by name.
    std::vector<AccuracyLine> lines;
    QStringList unconverted; // currencies left out for want of a rate
    QDate ratesFrom, ratesTo; // the dates of the rates used (invalid: none needed)

    // The `months` months before today's. What was said: each snapshot's
    // rows of the month, converted at the rates of the snapshot's day; what
    // was won: the deals won in the month (`deals` with wonOn set),
    // converted at the rates of their won day.
    static ForecastAccuracy build(const std::vector<SnapshotRow>& snapshots, const std::vector<ForecastDeal>& deals,
                                  const RateTable& rates, const QDate& today, int months);
    // The days whose snapshots build() reads: from the earliest horizon of
    // the first month, less the tolerance, to the last month's start.
    static std::pair<QDate, QDate> snapshotDays(const QDate& today, int months);

    // Said minus won, and that in percent of won (empty when nothing was won).
    static std::int64_t error(std::int64_t said, std::int64_t won) { return said - won; }
    static std::optional<int> errorPercent(std::int64_t said, std::int64_t won);
    // Over the team's lines with a snapshot at horizon `h` (an index into
    // Horizons) and something won: the mean of the absolute percent errors,
    // claimed and empirical (empty without any such month).
    std::pair<std::optional<int>, std::optional<int>> meanError(std::size_t h) const;
    // "At 60 days ahead the empirical forecast was nearer: off by 12 % on
    // average, the claimed one by 31 %." per horizon.
    QStringList verdict() const;
};

// An open deal whose expected close date moved later two or more times.
struct SlippedDeal
{
    DealId id = 0;
    QString title;
    QString owner;
    Stage stage = Stage::Prospecting;
    Money value;
    QDate firstClose; // the close date before its first recorded move
    QDate expectedClose; // now
    int slips = 0; // moves to a later date
    int daysLater = 0; // the days those moves added up to
};

// One change of a deal's expected close date, from the change log.
struct CloseDateChange
{
    DealId deal = 0;
    QDate from; // invalid: none
    QDate to; // invalid: none
};

struct SlippedDeals
{
    static constexpr int MinimumSlips = 2;
    // Slipped deals by owner, then most slips, then most days.
    std::vector<SlippedDeal> deals;

    // `changes` in the log's order; `open` the open deals (title, owner,
    // stage, value and close date filled).
    static SlippedDeals build(const std::vector<CloseDateChange>& changes, const std::vector<SlippedDeal>& open);
};

namespace AccuracyFormat {
// For people: one row per line and horizon (month, owner, days ahead,
// snapshot, claimed, error, empirical, error, won), as table() shows them.
std::vector<QStringList> tableRows(const ForecastAccuracy& accuracy);
QString table(const ForecastAccuracy& accuracy);
QJsonObject json(const ForecastAccuracy& accuracy);
bool writeCsv(QIODevice* device, const ForecastAccuracy& accuracy);
QString slippedTable(const SlippedDeals& slipped);
QJsonObject slippedJson(const SlippedDeals& slipped);
bool writeSlippedCsv(QIODevice* device, const SlippedDeals& slipped);
// "converted at the rates of …; not converted, no rate: USD" or empty.
QString ratesNote(const ForecastAccuracy& accuracy);
} // namespace AccuracyFormat

} // namespace dealboard
