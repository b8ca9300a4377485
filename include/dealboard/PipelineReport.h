#pragma once

#include "dealboard/Conversion.h"
#include "dealboard/Deal.h"
#include "dealboard/Money.h"

#include <QDate>
#include <QStringList>
#include <array>
#include <optional>
#include <vector>

class QIODevice;

namespace dealboard {

// How deals are counted as having reached a stage.
enum class CountingMode {
    Reached, // a deal reached every stage up to the furthest it was ever in (skips count as passed)
    Strict, // a deal reached a stage only if it was in every stage up to it (a skip breaks its chain)
};

QString countingModeSlug(CountingMode mode);
std::optional<CountingMode> countingModeFromSlug(QStringView slug);

// Which deals a report covers: created within [from, to] (calendar days, UTC),
// optionally one owner.
struct ReportFilter
{
    QDate from; // invalid: no lower bound
    QDate to; // invalid: no upper bound
    QString owner; // empty: everyone
    CountingMode mode = CountingMode::Reached;
    QString currency = Money::defaultCurrency(); // the value columns' currency: the reporting currency
    // Set: only deals whose value of that custom field is `fieldValue`
    // (empty: those without a value).
    std::int64_t fieldId = 0;
    QString fieldValue;
};

// A manager's goal for a stage: the share of deals that should go on to the
// next stage, and the median days a deal should stay.
struct StageGoal
{
    std::optional<double> targetConversion; // 0..1
    std::optional<int> targetMedianDays;

    bool isSet() const { return targetConversion || targetMedianDays; }
    friend bool operator==(const StageGoal&, const StageGoal&) = default;
};

using StageGoals = std::array<StageGoal, StageCount>;

// What a report reads: per deal, its current facts and its stage history.
struct ReportDeal
{
    DealId id = 0;
    Stage stage = Stage::Prospecting;
    DealStatus status = DealStatus::Open;
    std::int64_t valueMinor = 0;
    int probabilityPercent = 0; // open deals: its own, else its stage's
    bool inReportCurrency = true; // value in the report's currency
    QString currency; // the value's currency when it is another
    QString lostReason; // lost deals only
    qint64 createdMs = 0; // won deals only
    bool followUp = false; // a cross-sell or up-sell deal from an earlier won deal
    QString owner; // read only for the split by owner
};

struct ReportHistoryRow
{
    DealId dealId = 0;
    Stage toStage = Stage::Prospecting;
    DealStatus toStatus = DealStatus::Open;
    qint64 atMs = 0;
};

// Per stage figures. Optional figures are empty where they have no meaning
// (no deals reached the stage, no completed stays, no next stage).
struct StageFigures
{
    Stage stage = Stage::Prospecting;
    int reached = 0;
    std::optional<double> conversionToNext;
    std::optional<double> cumulativeConversion;
    int openDeals = 0;
    std::int64_t openValueMinor = 0; // in the report's currency
    std::int64_t weightedValueMinor = 0;
    int lost = 0;
    std::vector<std::pair<QString, int>> lostReasons; // most common first
    std::optional<double> medianDays; // completed stays
    std::optional<double> meanDays;
    int completedStays = 0;
    int currentStays = 0; // open deals in the stage now
    std::optional<double> currentMedianDays;
    StageGoal goal;
    std::optional<bool> conversionOnTarget;
    std::optional<bool> daysOnTarget;

    // Empty without a goal or without figures to judge; true when every set goal is met.
    std::optional<bool> onTarget() const;
};

struct PipelineReport
{
    ReportFilter filter;
    QString currency; // the currency the value columns are in
    int deals = 0; // in the cohort
    // Values in other currencies are converted into `currency` (open deals
    // at today's rate, won ones at their won day's); these count the deals
    // whose value had no rate and was left out, named in `conversion`.
    int otherCurrencyDeals = 0; // open deals left out of the value columns
    int otherCurrencyWonDeals = 0; // won deals counted, their values left out
    ConversionNote conversion;
    std::array<StageFigures, StageCount> stages;
    std::optional<double> winRate;
    std::optional<double> medianDaysToWon;
    // Won deals, new customers apart from repeat business (follow-up deals of
    // won deals): every won deal is counted, as in the win rate; the values
    // add up those in the report's currency.
    int wonNewDeals = 0;
    std::int64_t wonNewValueMinor = 0;
    int wonRepeatDeals = 0;
    std::int64_t wonRepeatValueMinor = 0;

    // The reason a stage's lost deals give when they were reopened since,
    // so that its reasons add up to its lost count.
    static inline const QString ReopenedSince = QStringLiteral("(reopened since)");
};

// The conversion funnel, time in stage and losses, computed from the stage
// history. Pure: no database, no clock but the one passed in.
class PipelineReportBuilder final
{
public:
    // `history` ordered by deal, then time; `deals` ordered by id. Values in
    // other currencies than filter.currency are converted with `rates` (whose
    // reporting currency it is); without, they are all left out.
    static PipelineReport build(const std::vector<ReportDeal>& deals, const std::vector<ReportHistoryRow>& history,
                                const ReportFilter& filter, const StageGoals& goals, const QDateTime& now,
                                const RateTable* rates = nullptr);
};

// CSV and JSON forms of a report, one row (object) per stage.
class PipelineReportFormat final
{
public:
    static QStringList csvHeader();
    // The value columns are in `currency`, which has a column of its own.
    static QStringList csvRow(const StageFigures& figures, const QString& currency);
    // The lines saying at which rates the values were converted and which
    // deals in other currencies they leave out (empty when neither), for the
    // report's text forms.
    static QString otherCurrencies(const PipelineReport& report);
    // The header and one row per stage; false when the device refused a write.
    static bool writeCsv(QIODevice* device, const PipelineReport& report, bool byteOrderMark);
    static QByteArray json(const PipelineReport& report);
    static QString table(const PipelineReport& report);
    static QString rate(const std::optional<double>& value); // "0.4250" or ""
    static QString days(const std::optional<double>& value); // "12.5" or ""
};

} // namespace dealboard
