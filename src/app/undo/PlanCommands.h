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
// gives the steps added their ids; undoing puts back the plans there were
// (an added step is removed, a removed one comes back with its ticks),
// redoing sets the edited ones again, each only while nobody changed those
// steps since (ReportService::setStagePlan).
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
        Result<StagePlan> outcome = m_service.reports().setStagePlan(m_after, m_before);
        if (outcome) {
            m_after = outcome.value(); // with the new steps' ids
        }
        return outcome;
    }
    bool changes(const StagePlan& after) const override { return !(after == m_before); }
    Result<void> undoAction() override { return done(m_service.reports().setStagePlan(m_before, m_after)); }
    Result<void> redoAction() override { return done(m_service.reports().setStagePlan(m_after, m_before)); }

    StagePlan m_before;
    StagePlan m_after;
};

} // namespace dealboard::gui
