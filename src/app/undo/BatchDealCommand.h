#pragma once

#include "undo/DealCommand.h"

#include <memory>
#include <utility>
#include <vector>

namespace dealboard::gui {

// One action on several deals as one undo step: its steps (one command per
// deal) are undone, or redone, together in one transaction; if the rules
// refuse one of them now, none is.
class BatchDealCommand final : public DealCommand
{
public:
    BatchDealCommand(Pipeline& service, ReportError report, const QString& text,
                     std::vector<std::pair<DealId, std::unique_ptr<DealCommand>>> steps);

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    std::vector<std::pair<DealId, std::unique_ptr<DealCommand>>> m_steps;
};

} // namespace dealboard::gui
