#pragma once

#include "undo/DealCommand.h"

namespace dealboard::gui {

// The stall marks a manager set in the editor, as one undo step. Undoing
// puts back the rules there were, redoing sets the new ones again, each only
// while nobody changed those stages' marks since (a change elsewhere
// refuses it, named).
class StallMarksCommand final : public DealAction<bool>
{
public:
    StallMarksCommand(Pipeline& service, ReportError report, const StallRules& before, const StallRules& after);
    QList<DealId> deals() const override { return {}; }

private:
    Result<bool> action() override;
    bool changes(const bool& changed) const override { return changed; }
    Result<void> undoAction() override;
    Result<void> redoAction() override;

    StallRules m_before;
    StallRules m_after;
};

} // namespace dealboard::gui
