// The conversion report and the stage goals.
#include "dealboard/service/ReportService.h"

#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Pipeline.h"

#include <cmath>
#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

ReportService::ReportService(Pipeline& pipeline, DealStore& store)
    : m_pipeline(pipeline)
    , m_store(store)
{
}

// What both reports read: the range checked, then the goals, the cohort's
// deals (with their owners when asked) and its history.
Result<ReportService::Cohort> ReportService::readCohort(const ReportFilter& filter, bool owners)
{
    if (filter.from.isValid() && filter.to.isValid() && filter.from > filter.to) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The report's start date %1 is after its end date %2.")
                             .arg(filter.from.toString(Qt::ISODate), filter.to.toString(Qt::ISODate)));
    }
    Result<StageGoals> goals = m_store.reports().stageGoals();
    if (!goals) {
        return goals.error();
    }
    Result<std::vector<ReportDeal>> deals = m_store.reports().deals(filter, owners);
    if (!deals) {
        return deals.error();
    }
    Result<std::vector<ReportHistoryRow>> history = m_store.reports().history(filter);
    if (!history) {
        return history.error();
    }
    return Cohort {goals.value(), std::move(deals.value()), std::move(history.value())};
}

Result<PipelineReport> ReportService::report(const ReportFilter& filter)
{
    Result<Cohort> cohort = readCohort(filter, false);
    if (!cohort) {
        return cohort.error();
    }
    const Cohort& read = cohort.value();
    return PipelineReportBuilder::build(read.deals, read.history, filter, read.goals, m_pipeline.now());
}

Result<OwnerSplit> ReportService::reportByOwner(const ReportFilter& filter)
{
    ReportFilter everyone = filter;
    everyone.owner.clear();
    Result<Cohort> cohort = readCohort(everyone, true);
    if (!cohort) {
        return cohort.error();
    }
    const Cohort& read = cohort.value();
    return OwnerSplitBuilder::build(read.deals, read.history, everyone, read.goals, m_pipeline.now());
}

Result<Forecast> ReportService::forecast(const std::optional<QString>& owner, int months)
{
    if (months < 1 || months > Forecast::MaxMonths) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The forecast covers 1 to %1 months; %2 is not in "
                                        "that range.")
                             .arg(Forecast::MaxMonths)
                             .arg(months));
    }
    Result<std::vector<ForecastDeal>> deals = m_store.reports().forecastDeals(owner);
    if (!deals) {
        return deals.error();
    }
    return Forecast::build(deals.value(), m_pipeline.now().toLocalTime().date(), months, Money::defaultCurrency());
}

Result<StageGoals> ReportService::stageGoals()
{
    return m_store.reports().stageGoals();
}

std::optional<Error> ReportService::validateGoal(Stage stage, const StageGoal& goal)
{
    // NaN compares false with everything: refuse it by name.
    if (goal.targetConversion
        && (!std::isfinite(*goal.targetConversion) || *goal.targetConversion < 0.0 || *goal.targetConversion > 1.0)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("A conversion goal is a share between 0 and 1 (0.25 for 25 %)."));
    }
    if (goal.targetMedianDays && (*goal.targetMedianDays < 0 || *goal.targetMedianDays > 3650)) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("A days-in-stage goal is between 0 and 3650 days."));
    }
    if (stage == Stage::Retention && goal.targetConversion) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("Customer Retention is the last stage: it has no conversion to a next stage."));
    }
    return std::nullopt;
}

Result<void> ReportService::setStageGoals(const StageGoals& goals)
{
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the stage goals"))) {
        return *refused;
    }
    for (Stage stage : AllStages) {
        if (std::optional<Error> invalid = validateGoal(stage, goals[stageIndex(stage)])) {
            return *invalid;
        }
    }
    Result<void> saved = write(m_store, [&]() -> Result<void> {
        for (Stage stage : AllStages) {
            if (Result<void> done = m_store.reports().saveStageGoal(stage, goals[stageIndex(stage)]); !done) {
                return done;
            }
        }
        return {};
    });
    if (!saved) {
        return saved;
    }
    spdlog::info("Stage goals saved");
    Q_EMIT m_pipeline.goalsChanged();
    return {};
}

Result<void> ReportService::setStageGoal(Stage stage, const StageGoal& goal)
{
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the stage goals"))) {
        return *refused;
    }
    if (std::optional<Error> invalid = validateGoal(stage, goal)) {
        return *invalid;
    }
    if (Result<void> done = write(m_store, [&] { return m_store.reports().saveStageGoal(stage, goal); }); !done) {
        return done;
    }
    spdlog::info("Goal for {} set: conversion {}, median days {}", text(stageSlug(stage)),
                 goal.targetConversion ? QString::number(*goal.targetConversion).toStdString() : std::string("none"),
                 goal.targetMedianDays ? std::to_string(*goal.targetMedianDays) : std::string("none"));
    Q_EMIT m_pipeline.goalsChanged();
    return {};
}

} // namespace dealboard
