#pragma once

#include "undo/DealCommand.h"

#include <optional>

namespace dealboard::gui {

// A move between stages (a win too), with the facts supplied on the spot.
// Undoing it takes the step back as if it never was (DealService::undoStep):
// the deal is in its stage since when it was before; the facts stay
// confirmed. Redoing it takes the step again as it was (redoStep): the deal
// is in the target stage since the move's own time.
class MoveDealCommand final : public DealCommand
{
public:
    MoveDealCommand(Pipeline& service, ReportError report, const Deal& before, Stage target, std::int64_t step);

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DealId m_id;
    std::int64_t m_step; // the history row its undo takes back
};

} // namespace dealboard::gui
