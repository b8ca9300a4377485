#pragma once

// The revenue forecast by expected close month: what is open and when it is
// expected to close, weighted by the stages' win probabilities, beside what
// was already won in each month. A pure function of the deals it is given.
#include "dealboard/Conversion.h"
#include "dealboard/Deal.h"
#include "dealboard/PipelineReport.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QStringList>
#include <limits>
#include <map>
#include <vector>

class QIODevice;

namespace dealboard {

// One open or won deal as the forecast reads it.
struct ForecastDeal
{
    DealId id = 0;
    QString owner;
    Stage stage = Stage::Prospecting;
    DealStatus status = DealStatus::Open;
    std::int64_t valueMinor = 0;
    QString currency;
    QDate expectedClose; // invalid: none
    QDate wonOn; // won deals: the day it was won (UTC)
    std::optional<int> probabilityOverride; // the deal's own win probability
    QDateTime createdAt;
    QDate lostOn; // lost deals: the day it was lost (UTC)
};

// What the team's own history says of a stage: of the deals that were in it
// at least `Window` days ago (the cohort, counted from their first entry),
// the share won within `Window` days after that entry.
struct EmpiricalRate
{
    int cohort = 0;
    int won = 0;
    bool enough() const { return cohort >= MinimumCohort; }
    // value × won / cohort, rounded down; empty without enough history.
    std::optional<std::int64_t> apply(std::int64_t valueMinor) const;

    static constexpr int Window = 90;
    static constexpr int MinimumCohort = 20;
};

struct EmpiricalRates
{
    std::array<EmpiricalRate, StageCount> stages {};

    // From the stage history (ordered by deal): each deal's first entry
    // into each stage (its creation in it included) and its first win, as
    // they stood at `nowMs`: rows at or after `rowsBeforeMs` had not happened
    // yet (the sample's past weeks read one history for every week).
    static EmpiricalRates measure(const std::vector<ReportHistoryRow>& history, qint64 nowMs,
                                  qint64 rowsBeforeMs = std::numeric_limits<qint64>::max());
    const EmpiricalRate& of(Stage stage) const { return stages[stageIndex(stage)]; }
};

struct ForecastFigures
{
    int openDeals = 0;
    std::int64_t openMinor = 0;
    std::int64_t weightedMinor = 0; // each deal's value × its win probability, summed exactly, rounded once
    // Each deal's value × its stage's empirical rate; empty when a deal of
    // the bucket stands in a stage without enough history.
    std::optional<std::int64_t> empiricalMinor = 0;
    int wonDeals = 0;
    std::int64_t wonMinor = 0; // won in the bucket's month
};

struct ForecastRow
{
    QString bucket; // "overdue", "YYYY-MM", "later" or "no date"
    bool team = false; // the whole team's line of the bucket (owner empty)
    QString owner;
    QString currency;
    ForecastFigures figures;
};

struct Forecast
{
    QDate today;
    int months = 6;
    QStringList buckets; // in order: overdue, one per month from today's, later, no date
    // By bucket; in each, one row per owner and currency (owners by name),
    // then the team's rows; a bucket with no deal has one team row of zeros
    // in `defaultCurrency`.
    std::vector<ForecastRow> rows;
    StageProbabilities probabilities;
    EmpiricalRates rates;
    // Converted forecasts: the rates used and the deals left out for want
    // of one (its currency is empty for a forecast kept per currency).
    ConversionNote conversion;

    static constexpr int DefaultMonths = 6;
    static constexpr int MaxMonths = 36;

    // Open deals go to the bucket of their expected close (overdue when it
    // is before today, "later" after the last month, "no date" without one);
    // won deals count as won in the month they were won, when that month is
    // one of the buckets. Weighted by each deal's probability under
    // `probabilities`; the empirical figure by `rates`. Rows per owner and
    // currency; with `convertTo`, one row per owner in its reporting
    // currency instead: open figures at today's rates, won ones at the rate
    // of their won day, what has no rate named in `conversion`.
    static Forecast build(const std::vector<ForecastDeal>& deals, const QDate& today, int months,
                          const QString& defaultCurrency, const StageProbabilities& probabilities = {},
                          const EmpiricalRates& rates = {}, const RateTable* convertTo = nullptr);
    // "2026-12" for any day of December 2026.
    static QString monthBucket(const QDate& day);
    // Sets each closed deal's day won or lost (UTC) from the history: its
    // latest row into its status. Both ordered by deal.
    static void dateClosings(std::vector<ForecastDeal>& deals, const std::vector<ReportHistoryRow>& history);
};

namespace ForecastFormat {
// "41.6 %" of a rate with enough history, else "not enough history".
QString rateText(const EmpiricalRate& rate);
QString table(const Forecast& forecast);
bool writeCsv(QIODevice* device, const Forecast& forecast, bool byteOrderMark = false);
QJsonObject json(const Forecast& forecast);
} // namespace ForecastFormat

} // namespace dealboard
