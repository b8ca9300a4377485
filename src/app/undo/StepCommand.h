#pragma once

#include "undo/DealCommand.h"

namespace dealboard::gui {

// A step in a deal's stage history (a lose, a reopen) whose action returns
// its history row: its undo takes the step back (DealService::undoStep), its
// redo takes it again as it was (redoStep).
class StepCommand : public DealAction<MoveOutcome>
{
public:
    StepCommand(Pipeline& service, ReportError report, const QString& text, DealId id);
    QList<DealId> deals() const override { return {m_id}; }

protected:
    // The step's action (lose, reopen) on the deal.
    virtual Result<MoveOutcome> step(DealId id) = 0;
    const DealId m_id;

private:
    Result<MoveOutcome> action() final;
    bool changes(const MoveOutcome& done) const final { return done.changed; }
    Result<void> undoAction() final;
    Result<void> redoAction() final;
    std::int64_t m_step = 0;
};

} // namespace dealboard::gui
