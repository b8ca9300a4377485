#pragma once

#include "undo/DealCommand.h"

namespace dealboard::gui {

// The facts a manager requires per stage, set in the editor, as one undo step. Undoing
// puts back the rules there were, redoing sets the new ones again, each only
// while nobody changed those facts' rules since (a change elsewhere
// refuses it, named).
class StageRulesCommand final : public DealAction<bool>
{
public:
    StageRulesCommand(Pipeline& service, ReportError report, const StageRules& before, const StageRules& after);
    QList<DealId> deals() const override { return {}; }

private:
    Result<bool> action() override;
    bool changes(const bool& changed) const override { return changed; }
    Result<void> undoAction() override;
    Result<void> redoAction() override;

    StageRules m_before;
    StageRules m_after;
};

} // namespace dealboard::gui
