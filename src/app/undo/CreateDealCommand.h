#pragma once

#include "undo/DealCommand.h"

#include <optional>

namespace dealboard::gui {

class CreateDealCommand final : public DealCommand
{
public:
    CreateDealCommand(Pipeline& service, ReportError report, const Deal& created);
    QList<DealId> deals() const override { return {m_id}; }

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DealId m_id;
    std::optional<DeletedDeal> m_removed;
};

} // namespace dealboard::gui
