#pragma once

#include "undo/DealCommand.h"

#include <optional>

namespace dealboard::gui {

// A deal deleted with its history (DealService::remove); its undo puts it
// back whole with its id, its redo deletes it again.
class DeleteDealCommand final : public DealAction<Deal>
{
public:
    // The delete of `shown` over `version` (refused as stale when the deal
    // changed since).
    DeleteDealCommand(Pipeline& service, ReportError report, const Deal& shown, std::int64_t version);
    QList<DealId> deals() const override { return {m_id}; }

private:
    Result<Deal> action() override;
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    Result<void> removeOver(std::optional<std::int64_t> version);
    DealId m_id;
    std::int64_t m_version; // the action's only
    DeletedDeal m_deleted;
};

} // namespace dealboard::gui
