#pragma once

#include "undo/StepCommand.h"

namespace dealboard::gui {

// Reopen a lost deal, over the version the rep saw; its undo takes the step
// back (lost again, with its reason, in its stage since when it was before),
// its redo takes the step again as it was.
class ReopenDealCommand final : public StepCommand
{
public:
    ReopenDealCommand(Pipeline& service, ReportError report, const Deal& lostDeal);

private:
    Result<MoveOutcome> step(DealId id) override;
    std::int64_t m_version;
};

} // namespace dealboard::gui
