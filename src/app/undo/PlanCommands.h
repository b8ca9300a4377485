#pragma once

#include "undo/DealCommand.h"

namespace dealboard::gui {

// A step of the stage plan ticked or unticked on a deal: undoing sets it
// back, redoing sets it again (DealService::tickPlanStep; a required step
// stays ticked while the deal is past its stage, and says so).
class TickPlanStepCommand final : public DealAction<bool>
{
public:
    TickPlanStepCommand(Pipeline& service, ReportError report, DealId deal, const PlanStep& step, bool ticked)
        : DealAction(service, std::move(report),
                     QStringLiteral("%1 '%2'").arg(ticked ? QStringLiteral("Tick") : QStringLiteral("Untick"),
                                                   menuTitle(step.text)))
        , m_deal(deal)
        , m_step(step.id)
        , m_ticked(ticked)
    {
    }
    QList<DealId> deals() const override { return {m_deal}; }

private:
    Result<bool> action() override { return m_service.deals().tickPlanStep(m_deal, m_step, m_ticked, options()); }
    bool changes(const bool& changed) const override { return changed; }
    Result<void> undoAction() override
    {
        return done(m_service.deals().tickPlanStep(m_deal, m_step, !m_ticked, options()));
    }
    Result<void> redoAction() override
    {
        return done(m_service.deals().tickPlanStep(m_deal, m_step, m_ticked, options()));
    }

    DealId m_deal;
    std::int64_t m_step;
    bool m_ticked;
};

// The stages' plans a manager edited, as one undo step. The first action
// gives the steps added their ids; from then on the command holds only the
// steps it changed, so that its undo puts back just those (an added step is
// removed, a removed one comes back with its ticks, a changed one as it was)
// and leaves another manager's steps alone; redoing sets them again; each
// only while nobody changed those steps since (ReportService::setStagePlan).
class StagePlanCommand final : public DealAction<StagePlan>
{
public:
    StagePlanCommand(Pipeline& service, ReportError report, const StagePlan& before, const StagePlan& after)
        : DealAction(service, std::move(report), QStringLiteral("Edit the stages' plans"))
        , m_before(before)
        , m_after(after)
    {
    }
    QList<DealId> deals() const override { return {}; }

private:
    Result<StagePlan> action() override
    {
        std::vector<std::int64_t> touched;
        Result<StagePlan> outcome = m_service.reports().setStagePlan(m_after, m_before, &touched);
        if (!outcome) {
            return outcome;
        }
        // The steps this edit changed: those added, removed or changed.
        for (const PlanStep& step : m_before.steps()) {
            if (m_after.stepById(step.id) != step) {
                touched.push_back(step.id);
            }
        }
        m_changed = !touched.empty();
        m_before = only(m_before, touched);
        m_after = only(outcome.value(), touched);
        return outcome;
    }
    bool changes(const StagePlan&) const override { return m_changed; }
    static StagePlan only(const StagePlan& plan, const std::vector<std::int64_t>& ids)
    {
        std::vector<PlanStep> steps = plan.steps();
        std::erase_if(steps,
                      [&ids](const PlanStep& step) { return std::find(ids.begin(), ids.end(), step.id) == ids.end(); });
        StagePlan kept;
        kept.setSteps(std::move(steps));
        return kept;
    }
    Result<void> undoAction() override { return done(m_service.reports().setStagePlan(m_before, m_after)); }
    Result<void> redoAction() override { return done(m_service.reports().setStagePlan(m_after, m_before)); }

    StagePlan m_before;
    StagePlan m_after;
    bool m_changed = false;
};

// The custom fields a manager edited, as one undo step, as StagePlanCommand
// does the plans: its undo puts back only the fields it changed (an added
// field removed, a removed one back with its values, a changed one as it
// was), while nobody changed those since (ReportService::setCustomFields).
class CustomFieldsCommand final : public DealAction<CustomFields>
{
public:
    CustomFieldsCommand(Pipeline& service, ReportError report, const CustomFields& before, const CustomFields& after)
        : DealAction(service, std::move(report), QStringLiteral("Edit the custom fields"))
        , m_before(before)
        , m_after(after)
    {
    }
    QList<DealId> deals() const override { return {}; }

private:
    Result<CustomFields> action() override
    {
        std::vector<std::int64_t> touched;
        Result<CustomFields> outcome = m_service.reports().setCustomFields(m_after, m_before, &touched);
        if (!outcome) {
            return outcome;
        }
        for (const CustomField& field : m_before.fields()) {
            if (m_after.byId(field.id) != field) {
                touched.push_back(field.id);
            }
        }
        m_changed = !touched.empty();
        m_before = only(m_before, touched);
        m_after = only(outcome.value(), touched);
        return outcome;
    }
    bool changes(const CustomFields&) const override { return m_changed; }
    static CustomFields only(const CustomFields& fields, const std::vector<std::int64_t>& ids)
    {
        std::vector<CustomField> kept = fields.fields();
        std::erase_if(kept, [&ids](const CustomField& field) {
            return std::find(ids.begin(), ids.end(), field.id) == ids.end();
        });
        CustomFields result;
        result.setFields(std::move(kept));
        return result;
    }
    Result<void> undoAction() override { return done(m_service.reports().setCustomFields(m_before, m_after)); }
    Result<void> redoAction() override { return done(m_service.reports().setCustomFields(m_after, m_before)); }

    CustomFields m_before;
    CustomFields m_after;
    bool m_changed = false;
};

} // namespace dealboard::gui
