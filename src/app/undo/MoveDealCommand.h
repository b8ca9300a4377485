#pragma once

#include "undo/DealCommand.h"

#include <optional>

namespace dealboard::gui {

// A move between stages (a win too), with the facts supplied on the spot.
// Undoing it takes the step back as if it never was (DealService::undoStep):
// the deal is in its stage since when it was before. Redoing it takes the step
// again as it was (redoStep): the deal is in the target stage since the move's
// own time. The facts a "Save and move" saved with it are part of it: its undo
// puts them back as they were and its redo sets them again, in the same
// transaction, only while each still holds what the move (or its undo) left;
// a fact someone changed since refuses the step, named.
class MoveDealCommand final : public DealCommand
{
public:
    // `after`: the deal as the move left it, when it saved facts with it.
    MoveDealCommand(Pipeline& service, ReportError report, const Deal& before, Stage target, std::int64_t step,
                    const std::optional<Deal>& after = std::nullopt);
    QList<DealId> deals() const override { return {m_id}; }

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DealId m_id;
    std::int64_t m_step; // the history row its undo takes back
    QString m_title;
    Stage m_target;
    DealFields m_factsBefore; // only the facts the move saved
    DealFields m_factsAfter;
};

} // namespace dealboard::gui
