#pragma once

#include "undo/DealCommand.h"

#include <optional>

namespace dealboard::gui {

class EditDealCommand final : public DealCommand
{
public:
    EditDealCommand(Pipeline& service, ReportError report, const Deal& before, const Deal& after);

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DealId m_id;
    DealFields m_before;
    DealFields m_after;
};

} // namespace dealboard::gui
