// The stages' plans (ReportService's part) and a deal's ticks (DealService's).
#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Pipeline.h"
#include "dealboard/service/DealService.h"
#include "dealboard/service/ReportService.h"

#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

namespace {

Error stepChangedMeanwhile(const PlanStep& step)
{
    return makeError(ErrorCode::StaleVersion,
                     QStringLiteral("The step '%1' of %2's plan was changed meanwhile; nothing was changed. Look at "
                                    "the plan as it is now and try again.")
                         .arg(step.text, stageName(step.stage)));
}

// A stage of `after` that holds more steps than allowed and more than in
// `before` (a plan over the limit may still lose steps).
std::optional<Error> overfull(const StagePlan& after, const StagePlan& before)
{
    for (Stage stage : AllStages) {
        if (after.countOf(stage) > StagePlan::MaxStepsPerStage && after.countOf(stage) > before.countOf(stage)) {
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("A stage's plan holds at most %1 steps; %2's would hold %3. Remove one "
                                            "first.")
                                 .arg(StagePlan::MaxStepsPerStage)
                                 .arg(stageName(stage))
                                 .arg(after.countOf(stage)));
        }
    }
    return std::nullopt;
}

// Every step of `wanted` as it may be kept: its words trimmed and within the
// rules, at most so many per stage.
Result<StagePlan> checkedPlan(const StagePlan& wanted, const StagePlan& expected)
{
    std::vector<PlanStep> steps = wanted.steps();
    for (PlanStep& step : steps) {
        step.text = step.text.trimmed();
        if (const QString why = StagePlan::whyNot(step.stage, step.text, step.required); !why.isEmpty()) {
            return makeError(ErrorCode::InvalidInput, why);
        }
    }
    StagePlan plan;
    plan.setSteps(std::move(steps));
    if (std::optional<Error> full = overfull(plan, expected)) {
        return *full;
    }
    return plan;
}

} // namespace

Result<StagePlan> ReportService::stagePlan()
{
    return m_store.reports().stagePlan();
}

Result<StagePlan> ReportService::setStagePlan(const StagePlan& wantedPlan, const StagePlan& expected,
                                              std::vector<std::int64_t>* added)
{
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the stages' plans"))) {
        return *refused;
    }
    Result<StagePlan> checked = checkedPlan(wantedPlan, expected);
    if (!checked) {
        return checked.error();
    }
    const StagePlan& wanted = checked.value();
    bool changed = false;
    Result<StagePlan> outcome = write(m_store, [&]() -> Result<StagePlan> {
        // Editors take turns on a server (a file's writers do already): what
        // one counts is what it adds to.
        if (Result<void> held = m_store.reports().lockForChange(QStringLiteral("stage_plan")); !held) {
            return held.error();
        }
        Result<StagePlan> stored = m_store.reports().stagePlan();
        if (!stored) {
            return stored.error();
        }
        for (const PlanStep& step : expected.steps()) {
            if (wanted.stepById(step.id)) {
                continue;
            }
            if (stored.value().stepById(step.id) != step) {
                return stepChangedMeanwhile(step);
            }
            if (Result<void> done = m_store.reports().savePlanStep(step, true); !done) {
                return done.error();
            }
            spdlog::info("Plan step {} removed from {}", step.id, text(stageSlug(step.stage)));
            changed = true;
        }
        for (const PlanStep& step : wanted.steps()) {
            if (step.id == 0) {
                Result<std::int64_t> id = m_store.reports().addPlanStep(step);
                if (!id) {
                    return id.error();
                }
                if (added != nullptr) {
                    added->push_back(id.value());
                }
                spdlog::info("Plan step {} added to {}", id.value(), text(stageSlug(step.stage)));
                changed = true;
                continue;
            }
            if (const std::optional<PlanStep> before = expected.stepById(step.id)) {
                if (*before == step) {
                    continue;
                }
                if (before->stage != step.stage) {
                    return makeError(ErrorCode::InvalidInput,
                                     QStringLiteral("A step stays in its stage; remove '%1' from %2 and add it to "
                                                    "%3 instead.")
                                         .arg(before->text, stageName(before->stage), stageName(step.stage)));
                }
                if (stored.value().stepById(step.id) != *before) {
                    return stepChangedMeanwhile(*before);
                }
            } else {
                // Not expected: one removed before, brought back (an undo).
                Result<std::optional<PlanStep>> removed = m_store.reports().removedPlanStep(step.id);
                if (!removed) {
                    return removed.error();
                }
                if (!removed.value() || removed.value()->stage != step.stage) {
                    return stepChangedMeanwhile(step);
                }
            }
            if (Result<void> done = m_store.reports().savePlanStep(step); !done) {
                return done.error();
            }
            spdlog::info("Plan step {} of {} set", step.id, text(stageSlug(step.stage)));
            changed = true;
        }
        Result<StagePlan> after = m_store.reports().stagePlan();
        if (after) {
            // Another editor's steps committed meanwhile count too.
            if (std::optional<Error> full = overfull(after.value(), stored.value())) {
                return *full;
            }
        }
        return after;
    });
    if (outcome && changed) {
        Q_EMIT m_pipeline.stageRulesChanged();
    }
    return outcome;
}

Result<void> DealService::tickWithMove(const Deal& before, const std::vector<std::int64_t>& steps,
                                       const StageRules& rules)
{
    for (std::int64_t step : steps) {
        if (!rules.plan().stepById(step)) {
            return invalid(QStringLiteral("There is no step %1 in the stages' plans (it may have been removed "
                                          "meanwhile); nothing was changed.")
                               .arg(step));
        }
    }
    for (std::int64_t step : steps) {
        if (!isTicked(before.planTicks, step)) {
            if (Result<void> done = m_store.deals().setPlanTick(before.id, step, true, m_pipeline.now()); !done) {
                return done;
            }
        }
    }
    return {};
}

Result<std::vector<std::int64_t>> DealService::planTicks(DealId id)
{
    return m_store.deals().planTicks(id);
}

Result<bool> DealService::tickPlanStep(DealId id, std::int64_t stepId, bool ticked, const ActionOptions& options)
{
    if (std::optional<Error> problem = actorProblem(options.actor)) {
        return *problem;
    }
    Result<bool> outcome = write(m_store, [&]() -> Result<bool> {
        Result<Deal> loaded = loadForChange(id, options);
        if (!loaded) {
            return loaded.error();
        }
        const Deal& deal = loaded.value();
        Result<StagePlan> plan = m_store.reports().stagePlan();
        if (!plan) {
            return plan.error();
        }
        const std::optional<PlanStep> step = plan.value().stepById(stepId);
        if (isTicked(deal.planTicks, stepId) == ticked) {
            return false;
        }
        if (!step) {
            if (!ticked) {
                // A removed step's tick may still be taken back.
                if (Result<void> done = m_store.deals().setPlanTick(id, stepId, false, m_pipeline.now()); !done) {
                    return done.error();
                }
                return true;
            }
            return invalid(QStringLiteral("There is no step %1 in the stages' plans (it may have been removed "
                                          "meanwhile); nothing was ticked.")
                               .arg(stepId));
        }
        if (!ticked && step->required && deal.status != DealStatus::Lost && step->stage < deal.stage) {
            return makeError(ErrorCode::RefusedByRules,
                             QStringLiteral("Can't untick '%1' on '%2': it is required to leave %3, and the "
                                            "deal is past it. Move the deal back first.")
                                 .arg(step->text, deal.title, stageName(step->stage)));
        }
        if (Result<void> done = m_store.deals().setPlanTick(id, stepId, ticked, m_pipeline.now()); !done) {
            return done.error();
        }
        spdlog::info("{} plan step {} on deal {}", ticked ? "Ticked" : "Unticked", stepId, id);
        return true;
    });
    if (outcome && outcome.value()) {
        Q_EMIT m_pipeline.planTicked(id);
    }
    return outcome;
}

} // namespace dealboard
