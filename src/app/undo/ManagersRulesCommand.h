#pragma once

#include "undo/DealCommand.h"

namespace dealboard::gui {

// Rules a manager set in an editor (the stall marks, the stages' rules), as
// one undo step. Undoing puts back the rules there were, redoing sets the new
// ones again, each only while nobody changed those same rules since (a change
// elsewhere refuses it, named). `Set` is the service's stale-checked setter:
// (wanted, expected) -> whether anything changed.
template<typename Rules, Result<bool> (ReportService::*Set)(const Rules&, const Rules&)>
class ManagersRulesCommand final : public DealAction<bool>
{
public:
    ManagersRulesCommand(Pipeline& service, ReportError report, const QString& text, const Rules& before,
                         const Rules& after)
        : DealAction(service, std::move(report), text)
        , m_before(before)
        , m_after(after)
    {
    }
    QList<DealId> deals() const override { return {}; }

private:
    Result<bool> action() override { return (m_service.reports().*Set)(m_after, m_before); }
    bool changes(const bool& changed) const override { return changed; }
    Result<void> undoAction() override { return done((m_service.reports().*Set)(m_before, m_after)); }
    Result<void> redoAction() override { return done((m_service.reports().*Set)(m_after, m_before)); }

    Rules m_before;
    Rules m_after;
};

using StallMarksCommand = ManagersRulesCommand<StallRules, &ReportService::setStallRules>;
using StageRulesCommand = ManagersRulesCommand<StageRules, &ReportService::setStageRules>;

} // namespace dealboard::gui
