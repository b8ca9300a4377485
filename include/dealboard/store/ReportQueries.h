#pragma once

#include "dealboard/Forecast.h"
#include "dealboard/OwnerMonth.h"
#include "dealboard/PipelineReport.h"
#include "dealboard/Result.h"
#include "dealboard/StageRules.h"
#include "dealboard/StallMarks.h"

#include <QVariantList>
#include <optional>
#include <utility>

namespace dealboard {

class Database;

// The conversion report's SQL: the cohort's deals and their history, and the
// stage goals the report compares against.
class ReportQueries final
{
public:
    explicit ReportQueries(Database& database);

    // The cohort's deals (by id) and their history (by deal, then time).
    // With `owners`, each deal's owner too (for the split by owner).
    Result<std::vector<ReportDeal>> deals(const ReportFilter& filter, bool owners = false);
    Result<std::vector<ReportHistoryRow>> history(const ReportFilter& filter);
    // Every deal for the forecast and the owners' month (one owner's when
    // `owner` is set), by id; the days they closed come from the history
    // (Forecast::dateClosings).
    Result<std::vector<ForecastDeal>> forecastDeals(const std::optional<QString>& owner);
    // Activities done from `from` to `to` (UTC days, inclusive), per owner of their deal.
    Result<std::map<QString, int>> activitiesDone(const QDate& from, const QDate& to);
    Result<StageProbabilities> stageProbabilities();
    Result<void> saveStageProbability(Stage stage, std::optional<int> percent); // inside a WriteTransaction
    // Each stage's stall rule, and where a stage learns, how long the team's
    // deals stayed in it in the window before `now`.
    // Without `withStays`, the rules only (no stays read).
    Result<StallMarks> stallMarks(const QDateTime& now, bool withStays = true);
    // Empty: back to the stage's built-in days. Inside a WriteTransaction.
    Result<void> saveStallRule(Stage stage, const std::optional<StallRule>& rule);
    // The point from which each adjustable fact is needed (built-in where no
    // manager set one).
    Result<StageRules> stageRules();
    // Empty: the fact is needed nowhere. Inside a WriteTransaction.
    Result<void> saveStageRule(Requirement requirement, const std::optional<StageRule>& rule);
    // The stages' live plan steps (StagePlanTable.cpp). Writes are inside a
    // WriteTransaction; a removed step is kept, hidden, for its undo.
    Result<StagePlan> stagePlan();
    Result<std::int64_t> addPlanStep(PlanStep step);
    Result<void> savePlanStep(const PlanStep& step, bool removed = false);
    Result<std::optional<PlanStep>> removedPlanStep(std::int64_t id);
    // The live custom fields (CustomFieldTable.cpp). Writes are inside a
    // WriteTransaction; a removed field is kept, hidden, for its undo.
    Result<CustomFields> customFields();
    Result<std::int64_t> addCustomField(const CustomField& field);
    Result<void> saveCustomField(const CustomField& field, bool removed = false);
    Result<std::optional<CustomField>> removedCustomField(std::int64_t id);
    // Every quota; one month's when `month` is set.
    Result<std::vector<Quota>> quotas(const std::optional<QString>& month = std::nullopt);
    // Sets a quota, or removes it when `amount` is empty.
    Result<void> saveQuota(const QString& owner, const QString& month, const QString& currency,
                           std::optional<std::int64_t> amountMinor); // inside a WriteTransaction
    Result<StageGoals> stageGoals();
    // Inside a WriteTransaction on a server: writers of `what` ("quotas",
    // "stage_goals") take turns until it ends, so that what one compares is
    // what it overwrites (a file's writers take turns already).
    Result<void> lockForChange(const QString& what);
    Result<void> saveStageGoal(Stage stage, const StageGoal& goal); // inside a WriteTransaction

private:
    std::pair<QString, QVariantList> cohortCondition(const ReportFilter& filter, const QString& table) const;
    std::size_t expectedHistoryRows();

    Database& m_database;
};

} // namespace dealboard
