#pragma once

#include "undo/DealCommand.h"

#include <optional>

namespace dealboard::gui {

// A new deal in Prospecting (DealService::create); its undo removes it, its
// redo puts it back with its id.
class CreateDealCommand final : public DealAction<Deal>
{
public:
    CreateDealCommand(Pipeline& service, ReportError report, DealFields fields);
    QList<DealId> deals() const override { return {m_id}; }

private:
    Result<Deal> action() override;
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DealFields m_fields; // the action's only
    DealId m_id = 0;
    std::optional<DeletedDeal> m_removed;
};

} // namespace dealboard::gui
