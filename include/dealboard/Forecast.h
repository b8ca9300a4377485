#pragma once

// The revenue forecast by expected close month: what is open and when it is
// expected to close, weighted by the stages' win probabilities, beside what
// was already won in each month. A pure function of the deals it is given.
#include "dealboard/Deal.h"

#include <QDate>
#include <QJsonObject>
#include <QStringList>
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
};

struct ForecastFigures
{
    int openDeals = 0;
    std::int64_t openMinor = 0;
    std::int64_t weightedMinor = 0; // each deal's value × its stage's win probability, rounded down, summed
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

    static constexpr int DefaultMonths = 6;
    static constexpr int MaxMonths = 36;

    // Open deals go to the bucket of their expected close (overdue when it
    // is before today, "later" after the last month, "no date" without one);
    // won deals count as won in the month they were won, when that month is
    // one of the buckets.
    static Forecast build(const std::vector<ForecastDeal>& deals, const QDate& today, int months,
                          const QString& defaultCurrency);
    // "2026-12" for any day of December 2026.
    static QString monthBucket(const QDate& day);
};

namespace ForecastFormat {
QString table(const Forecast& forecast);
bool writeCsv(QIODevice* device, const Forecast& forecast);
QJsonObject json(const Forecast& forecast);
} // namespace ForecastFormat

} // namespace dealboard
