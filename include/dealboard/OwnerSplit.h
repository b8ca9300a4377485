#pragma once

// The report's measures split by the deals' owner: how each rep's part of
// the cohort stands (open, weighted, won, lost, win rate), for a manager who
// reads the team's numbers. Pure, like the report it is made of.
#include "dealboard/PipelineReport.h"

namespace dealboard {

struct OwnerFigures
{
    QString owner; // empty: the deals nobody owns
    int deals = 0; // in the cohort
    int openDeals = 0;
    std::int64_t openValueMinor = 0; // in the report's currency
    std::int64_t weightedValueMinor = 0;
    int wonDeals = 0;
    std::int64_t wonValueMinor = 0;
    int lostDeals = 0;
    std::optional<double> winRate;
    std::optional<double> medianDaysToWon;

    // The owner's line from a report of their deals only.
    static OwnerFigures of(const QString& owner, const PipelineReport& report);
};

struct OwnerSplit
{
    ReportFilter filter;
    QString currency;
    std::vector<OwnerFigures> owners; // by name, the deals nobody owns last
    OwnerFigures team; // the whole cohort (its owner is empty)
    QString otherCurrencies; // the rates used and which deals the values leave out, if any
    ConversionNote conversion;
};

class OwnerSplitBuilder final
{
public:
    // `deals` (with their owners) ordered by id, `history` by deal, then time,
    // as for PipelineReportBuilder::build.
    static OwnerSplit build(const std::vector<ReportDeal>& deals, const std::vector<ReportHistoryRow>& history,
                            const ReportFilter& filter, const StageGoals& goals, const QDateTime& now,
                            const RateTable* rates = nullptr);
};

// CSV, JSON and table forms: one row (object) per owner, then the team's.
class OwnerSplitFormat final
{
public:
    static QStringList csvHeader();
    static bool writeCsv(QIODevice* device, const OwnerSplit& split, bool byteOrderMark);
    static QByteArray json(const OwnerSplit& split);
    static QString table(const OwnerSplit& split);
    // How an owner is shown to people: the name, or "(no owner)".
    static QString ownerLabel(const QString& owner);
};

} // namespace dealboard
