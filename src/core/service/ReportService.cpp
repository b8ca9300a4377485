// The conversion report and the stage goals.
#include "dealboard/service/ReportService.h"

#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Currency.h"
#include "dealboard/Pipeline.h"
#include "dealboard/ServerAddress.h"

#include <algorithm>
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
    Result<RateTable> rates = m_pipeline.rates().rateTable();
    if (!rates) {
        return rates.error();
    }
    ReportFilter converted = filter;
    converted.currency = rates.value().reportingCurrency();
    Result<Cohort> cohort = readCohort(converted, false);
    if (!cohort) {
        return cohort.error();
    }
    const Cohort& read = cohort.value();
    return PipelineReportBuilder::build(read.deals, read.history, converted, read.goals, m_pipeline.now(),
                                        &rates.value());
}

Result<OwnerSplit> ReportService::reportByOwner(const ReportFilter& filter)
{
    Result<RateTable> rates = m_pipeline.rates().rateTable();
    if (!rates) {
        return rates.error();
    }
    ReportFilter everyone = filter;
    everyone.owner.clear();
    everyone.currency = rates.value().reportingCurrency();
    Result<Cohort> cohort = readCohort(everyone, true);
    if (!cohort) {
        return cohort.error();
    }
    const Cohort& read = cohort.value();
    return OwnerSplitBuilder::build(read.deals, read.history, everyone, read.goals, m_pipeline.now(), &rates.value());
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
    Result<Desk> desk = readDesk(owner);
    if (!desk) {
        return desk.error();
    }
    return forecastOf(desk.value(), months);
}

// What the forecast and the owners' month read: the deals (one owner's when
// set) dated from the history, the whole team's history (the empirical rates
// are the team's also in one owner's forecast), and the probabilities.
Result<ReportService::Desk> ReportService::readDesk(const std::optional<QString>& owner)
{
    Desk desk;
    Result<RateTable> rates = m_pipeline.rates().rateTable();
    if (!rates) {
        return rates.error();
    }
    desk.rates = std::move(rates.value());
    Result<std::vector<ForecastDeal>> deals = m_store.reports().forecastDeals(owner);
    if (!deals) {
        return deals.error();
    }
    Result<std::vector<ReportHistoryRow>> history = m_store.reports().history(ReportFilter());
    if (!history) {
        return history.error();
    }
    Result<StageProbabilities> probabilities = m_store.reports().stageProbabilities();
    if (!probabilities) {
        return probabilities.error();
    }
    desk.deals = std::move(deals.value());
    desk.history = std::move(history.value());
    desk.probabilities = probabilities.value();
    Forecast::dateClosings(desk.deals, desk.history);
    return desk;
}

Forecast ReportService::forecastOf(const Desk& desk, int months, bool converted) const
{
    const EmpiricalRates rates = EmpiricalRates::measure(desk.history, m_pipeline.now().toMSecsSinceEpoch());
    return Forecast::build(desk.deals, m_pipeline.now().toLocalTime().date(), months, desk.rates.reportingCurrency(),
                           desk.probabilities, rates, converted ? &desk.rates : nullptr);
}

Result<Forecast> ReportService::forecastInOwnCurrencies(int months)
{
    Result<Desk> desk = readDesk(std::nullopt);
    if (!desk) {
        return desk.error();
    }
    return forecastOf(desk.value(), months, false);
}

namespace {

std::optional<Error> monthProblem(const QString& month)
{
    const QDate first = OwnerMonth::firstDayOf(month);
    if (!first.isValid() || first.year() < 1900) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a month: give it as YYYY-MM, such as 2026-12.").arg(month));
    }
    return std::nullopt;
}

} // namespace

Result<OwnerMonth> ReportService::ownerMonth(const QString& month)
{
    if (std::optional<Error> invalid = monthProblem(month)) {
        return *invalid;
    }
    Result<Desk> desk = readDesk(std::nullopt);
    if (!desk) {
        return desk.error();
    }
    return monthOf(desk.value(), month);
}

Result<OwnerMonth> ReportService::monthOf(const Desk& desk, const QString& month)
{
    Result<std::vector<Quota>> quotas = m_store.reports().quotas(month);
    if (!quotas) {
        return quotas.error();
    }
    const QDate first = OwnerMonth::firstDayOf(month);
    Result<std::map<QString, int>> done = m_store.reports().activitiesDone(first, first.addMonths(1).addDays(-1));
    if (!done) {
        return done.error();
    }
    return OwnerMonth::build(desk.deals, quotas.value(), done.value(), month, m_pipeline.now().toLocalTime().date(),
                             desk.probabilities, &desk.rates);
}

Result<StageProbabilities> ReportService::probabilities()
{
    return m_store.reports().stageProbabilities();
}

Result<void> ReportService::setProbability(Stage stage, std::optional<int> percent)
{
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the win probabilities"))) {
        return *refused;
    }
    if (percent && (*percent < 0 || *percent > 100)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("A win probability is between 0 % and 100 %; %1 % is not.").arg(*percent));
    }
    if (Result<void> done = write(m_store, [&] { return m_store.reports().saveStageProbability(stage, percent); });
        !done) {
        return done;
    }
    spdlog::info("Win probability of {} set to {}", text(stageSlug(stage)),
                 percent ? std::to_string(*percent) + " %" : std::string("its default"));
    Q_EMIT m_pipeline.probabilitiesChanged();
    return {};
}

Result<void> ReportService::setProbabilities(const StageProbabilities& probabilities)
{
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the win probabilities"))) {
        return *refused;
    }
    for (Stage stage : AllStages) {
        if (const std::optional<int>& percent = probabilities.set[stageIndex(stage)];
            percent && (*percent < 0 || *percent > 100)) {
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("The win probability of %1 is between 0 % and 100 %; %2 % is not.")
                                 .arg(stageName(stage))
                                 .arg(*percent));
        }
    }
    Result<void> saved = write(m_store, [&]() -> Result<void> {
        for (Stage stage : AllStages) {
            if (Result<void> done = m_store.reports().saveStageProbability(stage, probabilities.set[stageIndex(stage)]);
                !done) {
                return done;
            }
        }
        return {};
    });
    if (!saved) {
        return saved;
    }
    spdlog::info("Win probabilities saved");
    Q_EMIT m_pipeline.probabilitiesChanged();
    return {};
}

Result<std::vector<Quota>> ReportService::quotas(const std::optional<QString>& month)
{
    if (month) {
        if (std::optional<Error> invalid = monthProblem(*month)) {
            return *invalid;
        }
    }
    return m_store.reports().quotas(month);
}

std::optional<Error> ReportService::validateQuota(const QString& month, const QuotaChange& change)
{
    if (change.owner.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("A quota needs an owner: give the owner's name."));
    }
    if (std::optional<Error> problem = tooLong(change.owner.trimmed(), "owner")) {
        return *problem;
    }
    if (const std::optional<int> at = controlCharacter(change.owner, false)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The owner's name holds a control character (U+%1) at character %2; give the "
                                        "name as plain text.")
                             .arg(change.owner.at(*at).unicode(), 4, 16, QLatin1Char('0'))
                             .arg(*at + 1));
    }
    if (std::optional<Error> invalid = monthProblem(month)) {
        return *invalid;
    }
    if (std::optional<Error> refused = currencyRefusal(change.currency)) {
        return *refused;
    }
    if (change.amountMinor && (*change.amountMinor < 0 || *change.amountMinor > MaxMoneyMinor)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The quota of %1 is not an amount from 0 up.").arg(change.owner.trimmed()));
    }
    return std::nullopt;
}

Result<void> ReportService::setQuota(const QString& owner, const QString& month, const QString& currency,
                                     std::optional<std::int64_t> amountMinor)
{
    return setQuotas(month, {{owner, currency, amountMinor}});
}

Result<void> ReportService::setQuotas(const QString& month, const std::vector<QuotaChange>& changes)
{
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the quotas"))) {
        return *refused;
    }
    Result<QString> reporting = m_pipeline.rates().reportingCurrency();
    if (!reporting) {
        return reporting.error();
    }
    for (const QuotaChange& change : changes) {
        if (std::optional<Error> invalid = validateQuota(month, change)) {
            return *invalid;
        }
        // A quota is set in the reporting currency; one kept from before in
        // another may still be removed.
        if (change.amountMinor && change.currency != reporting.value()) {
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("Quotas are in the team's reporting currency, %1: give the quota of %2 in "
                                            "%1, not %3.")
                                 .arg(reporting.value(), change.owner.trimmed(), change.currency));
        }
    }
    Result<void> saved = write(m_store, [&]() -> Result<void> {
        if (std::optional<Error> stale = staleQuota(month, changes)) {
            return *stale;
        }
        for (const QuotaChange& change : changes) {
            if (Result<void> done
                = m_store.reports().saveQuota(change.owner.trimmed(), month, change.currency, change.amountMinor);
                !done) {
                return done;
            }
        }
        return {};
    });
    if (!saved) {
        return saved;
    }
    for (const QuotaChange& change : changes) {
        spdlog::info("Quota of {} for {} in {}: {}", text(change.owner.trimmed()), text(month), text(change.currency),
                     change.amountMinor ? text(formatDecimal(*change.amountMinor, change.currency))
                                        : std::string("removed"));
    }
    Q_EMIT m_pipeline.quotasChanged();
    return {};
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

std::optional<Error> ReportService::staleQuota(const QString& month, const std::vector<QuotaChange>& changes)
{
    if (std::none_of(changes.begin(), changes.end(), [](const QuotaChange& c) { return c.onlyOverLoaded; })) {
        return std::nullopt;
    }
    if (Result<void> locked = m_store.reports().lockForChange(QStringLiteral("quotas")); !locked) {
        return locked.error();
    }
    Result<std::vector<Quota>> stored = m_store.reports().quotas(month);
    if (!stored) {
        return stored.error();
    }
    const auto amount = [](const std::optional<std::int64_t>& minor, const QString& currency) {
        return minor ? formatForPeople({*minor, currency}) : QStringLiteral("none");
    };
    for (const QuotaChange& change : changes) {
        if (!change.onlyOverLoaded) {
            continue;
        }
        std::optional<std::int64_t> now;
        for (const Quota& quota : stored.value()) {
            if (quota.owner == change.owner.trimmed() && quota.amount.currency == change.currency) {
                now = quota.amount.minor;
            }
        }
        if (now != change.loadedMinor) {
            spdlog::info("Refused stale quotas for {}: {}'s changed elsewhere", text(month), text(change.owner));
            return makeError(ErrorCode::StaleVersion,
                             QStringLiteral("The quota of %1 for %2 changed elsewhere while you edited it (it is now "
                                            "%3, it was %4); nothing was saved. Open the quotas again to see it.")
                                 .arg(change.owner.trimmed(), month, amount(now, change.currency),
                                      amount(change.loadedMinor, change.currency)));
        }
    }
    return std::nullopt;
}

Result<void> ReportService::setStageGoals(const StageGoals& goals, const std::optional<StageGoals>& expected)
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
        if (expected) {
            if (Result<void> locked = m_store.reports().lockForChange(QStringLiteral("stage_goals")); !locked) {
                return locked;
            }
            Result<StageGoals> stored = m_store.reports().stageGoals();
            if (!stored) {
                return stored.error();
            }
            for (Stage stage : AllStages) {
                if (stored.value()[stageIndex(stage)] != (*expected)[stageIndex(stage)]) {
                    spdlog::info("Refused stale stage goals: {}'s changed elsewhere", text(stageSlug(stage)));
                    return makeError(ErrorCode::StaleVersion,
                                     QStringLiteral("The goal of %1 changed elsewhere while you edited the goals; "
                                                    "nothing was saved. Open the goals again to see it.")
                                         .arg(stageName(stage)));
                }
            }
        }
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
