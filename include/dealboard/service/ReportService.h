#pragma once

#include "dealboard/Forecast.h"
#include "dealboard/OwnerMonth.h"
#include "dealboard/OwnerSplit.h"
#include "dealboard/PipelineReport.h"
#include "dealboard/PipelineReview.h"
#include "dealboard/Result.h"
#include "dealboard/StageRules.h"
#include "dealboard/StallMarks.h"

#include <optional>

namespace dealboard {

class DealStore;
class Pipeline;

// The conversion report and the stage goals it is measured against.
class ReportService final
{
public:
    ReportService(Pipeline& pipeline, DealStore& store);

    // The conversion report for a cohort, its values converted into the
    // reporting currency (filter.currency is set to it).
    Result<PipelineReport> report(const ReportFilter& filter);
    // The same cohort's measures split by the deals' owner (filter.owner is
    // ignored: every owner the reader may see).
    Result<OwnerSplit> reportByOwner(const ReportFilter& filter);
    // The forecast by expected close month, as of today (the clock's local
    // day), over `months` months; one owner's deals when `owner` is set.
    Result<Forecast> forecast(const std::optional<QString>& owner, int months);
    // The team's forecast with each currency's rows of its own, nothing
    // converted: what a snapshot keeps (converted only when read).
    Result<Forecast> forecastInOwnCurrencies(int months);
    // Each owner's month against their quota; `month` as "YYYY-MM".
    Result<OwnerMonth> ownerMonth(const QString& month);
    // The weekly review, the team's or one owner's, as of now.
    Result<PipelineReview> review(const std::optional<QString>& owner);
    Result<StageGoals> stageGoals();
    // The stages' win probabilities: a manager's settings over the defaults.
    Result<StageProbabilities> probabilities();
    // Sets a stage's probability in percent, or back to its default when empty.
    Result<void> setProbability(Stage stage, std::optional<int> percent);
    // Every stage's at once, as one action.
    Result<void> setProbabilities(const StageProbabilities& probabilities);
    // When open deals are marked as stalling in each stage, with the
    // team's stays read for the stages that learn.
    // Without `withStays`, the rules only: what learns keeps no figures.
    Result<StallMarks> stallMarks(bool withStays = true);
    // A manager sets a stage's stall mark (fixed days, or learned with
    // fixed days to fall back on), or back to its built-in days when empty.
    Result<void> setStallRule(Stage stage, const std::optional<StallRule>& rule);
    // Several stages' rules as one action: each stage whose rule differs
    // from `expected` is set to `wanted`'s, provided it still stands as
    // `expected` says (else stale, naming the stage, and nothing is set).
    // True when a rule changed. The board's editor and its undo use it.
    Result<bool> setStallRules(const StallRules& wanted, const StallRules& expected);
    // The point from which each adjustable fact is needed.
    Result<StageRules> stageRules();
    // A manager's rules as one action: each fact whose rule differs from
    // `expected` gets `wanted`'s, provided it still stands as `expected`
    // says (else stale, naming the fact, and nothing is set). True when a
    // rule changed. The board's editor and its undo use it.
    Result<bool> setStageRules(const StageRules& wanted, const StageRules& expected);
    // `stage require`: the fact is needed from the rule's point on (moved
    // there if it was needed from another). False when it already was.
    Result<bool> requireFact(const StageRule& rule);
    // `stage unrequire`: the fact is needed nowhere, provided it was needed
    // from that very point. False when it was needed nowhere.
    Result<bool> unrequireFact(const StageRule& rule);
    // The stages' plans (StagePlanService.cpp).
    Result<StagePlan> stagePlan();
    // A manager's plans as one action: each step of `expected` missing from
    // `wanted` is removed (kept hidden, with its ticks), each step of
    // `wanted` without an id is added, each that differs is changed, and a
    // step of `wanted` removed before is brought back; provided every step
    // touched still stands as `expected` says (else stale, naming it, and
    // nothing is changed). Steps in neither are left as they are. Gives the
    // plans as they are after, and the ids of the steps added in `added`;
    // the board's editor, its undo and the CLI's commands use it.
    Result<StagePlan> setStagePlan(const StagePlan& wanted, const StagePlan& expected,
                                   std::vector<std::int64_t>* added = nullptr);
    // The custom fields (CustomFieldService.cpp).
    Result<CustomFields> customFields();
    // A manager's fields as one action, as setStagePlan does the plans: each
    // field of `expected` missing from `wanted` is removed (kept hidden, with
    // its values), each without an id added, each that differs changed (its
    // name, place, card and rule; never its key, type or choices), one
    // removed before brought back; every field touched must still stand as
    // `expected` says. Gives the fields as they are after.
    Result<CustomFields> setCustomFields(const CustomFields& wanted, const CustomFields& expected,
                                         std::vector<std::int64_t>* added = nullptr);
    // The report of each segment of a choice or yes/no custom field: one per
    // choice, then the deals without a value ("" as its label).
    struct FieldSegment
    {
        QString value; // the stored value; empty: none
        PipelineReport report;
    };
    Result<std::vector<FieldSegment>> reportByField(const ReportFilter& filter, const QString& key);
    // Every quota, or one month's.
    Result<std::vector<Quota>> quotas(const std::optional<QString>& month = std::nullopt);
    // Sets an owner's quota for a month in a currency; removes it when
    // `amount` is empty.
    Result<void> setQuota(const QString& owner, const QString& month, const QString& currency,
                          std::optional<std::int64_t> amountMinor);
    struct QuotaChange
    {
        QString owner;
        QString currency;
        std::optional<std::int64_t> amountMinor; // empty: remove
        // With `onlyOverLoaded`, the change is refused as stale when the
        // stored amount is not `loadedMinor`, the one the editor loaded
        // (empty: no quota).
        std::optional<std::int64_t> loadedMinor = std::nullopt;
        bool onlyOverLoaded = false;
    };
    // Several owners' quotas for one month, as one action: all or none.
    Result<void> setQuotas(const QString& month, const std::vector<QuotaChange>& changes);
    // Sets (or clears, with an empty goal) a stage's goal.
    Result<void> setStageGoal(Stage stage, const StageGoal& goal);
    // Sets every stage's goal at once, as one action; refused as stale,
    // nothing saved, when `expected` (the goals the editor loaded) is given
    // and a stored goal differs from it.
    Result<void> setStageGoals(const StageGoals& goals, const std::optional<StageGoals>& expected = std::nullopt);

private:
    struct Cohort
    {
        StageGoals goals;
        std::vector<ReportDeal> deals;
        std::vector<ReportHistoryRow> history;
    };
    Result<Cohort> readCohort(const ReportFilter& filter, bool owners);
    struct Desk
    {
        std::vector<ForecastDeal> deals;
        std::vector<ReportHistoryRow> history;
        StageProbabilities probabilities;
        RateTable rates; // what the totals convert with
    };
    Result<Desk> readDesk(const std::optional<QString>& owner);
    Forecast forecastOf(const Desk& desk, int months, bool converted = true) const;
    Result<OwnerMonth> monthOf(const Desk& desk, const QString& month);
    static std::optional<Error> validateGoal(Stage stage, const StageGoal& goal);
    // Inside the write: the first change whose stored amount is not the one expected.
    std::optional<Error> staleQuota(const QString& month, const std::vector<QuotaChange>& changes);
    static std::optional<Error> validateQuota(const QString& month, const QuotaChange& change);

    Pipeline& m_pipeline;
    DealStore& m_store;
};

} // namespace dealboard
