#pragma once

#include "undo/DealCommand.h"

#include <optional>

namespace dealboard::gui {

// Reopen; its undo takes the step back (lost again, with its reason, in its
// stage since when it was before), its redo takes the step again as it was.
class ReopenDealCommand final : public DealCommand
{
public:
    ReopenDealCommand(Pipeline& service, ReportError report, const Deal& lostDeal, std::int64_t step);
    QList<DealId> deals() const override { return {m_id}; }

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DealId m_id;
    std::int64_t m_step;
};

} // namespace dealboard::gui
