#pragma once

#include "dealboard/Forecast.h"
#include "dealboard/OwnerSplit.h"
#include "dealboard/PipelineReport.h"
#include "dealboard/Result.h"

#include <optional>

namespace dealboard {

class DealStore;
class Pipeline;

// The conversion report and the stage goals it is measured against.
class ReportService final
{
public:
    ReportService(Pipeline& pipeline, DealStore& store);

    // The conversion report for a cohort, in the pipeline's currency.
    Result<PipelineReport> report(const ReportFilter& filter);
    // The same cohort's measures split by the deals' owner (filter.owner is
    // ignored: every owner the reader may see).
    Result<OwnerSplit> reportByOwner(const ReportFilter& filter);
    // The forecast by expected close month, as of today (the clock's local
    // day), over `months` months; one owner's deals when `owner` is set.
    Result<Forecast> forecast(const std::optional<QString>& owner, int months);
    Result<StageGoals> stageGoals();
    // Sets (or clears, with an empty goal) a stage's goal.
    Result<void> setStageGoal(Stage stage, const StageGoal& goal);
    // Sets every stage's goal at once, as one action.
    Result<void> setStageGoals(const StageGoals& goals);

private:
    struct Cohort
    {
        StageGoals goals;
        std::vector<ReportDeal> deals;
        std::vector<ReportHistoryRow> history;
    };
    Result<Cohort> readCohort(const ReportFilter& filter, bool owners);
    static std::optional<Error> validateGoal(Stage stage, const StageGoal& goal);

    Pipeline& m_pipeline;
    DealStore& m_store;
};

} // namespace dealboard
