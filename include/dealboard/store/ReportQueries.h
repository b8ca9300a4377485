#pragma once

#include "dealboard/Forecast.h"
#include "dealboard/PipelineReport.h"
#include "dealboard/Result.h"

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
    // Open and won deals for the forecast (one owner's when `owner` is set),
    // each won deal with the day it was won.
    Result<std::vector<ForecastDeal>> forecastDeals(const std::optional<QString>& owner);
    Result<StageGoals> stageGoals();
    Result<void> saveStageGoal(Stage stage, const StageGoal& goal); // inside a WriteTransaction

private:
    std::pair<QString, QVariantList> cohortCondition(const ReportFilter& filter, const QString& table) const;

    Database& m_database;
};

} // namespace dealboard
