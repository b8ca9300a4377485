#pragma once

#include "undo/DealCommand.h"

#include <optional>

namespace dealboard::gui {

class ReopenDealCommand final : public DealCommand
{
public:
    ReopenDealCommand(Pipeline& service, ReportError report, const Deal& lostDeal);

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DealId m_id;
    QString m_reason;
};

} // namespace dealboard::gui
