#pragma once

#include "undo/DealCommand.h"

#include <optional>

namespace dealboard::gui {

class DeleteDealCommand final : public DealCommand
{
public:
    DeleteDealCommand(Pipeline& service, ReportError report, DeletedDeal deleted);
    QList<DealId> deals() const override { return {m_deleted.deal.id}; }

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DeletedDeal m_deleted;
};

} // namespace dealboard::gui
