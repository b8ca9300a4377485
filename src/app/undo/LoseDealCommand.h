#pragma once

#include "undo/DealCommand.h"

#include <optional>

namespace dealboard::gui {

class LoseDealCommand final : public DealCommand
{
public:
    LoseDealCommand(Pipeline& service, ReportError report, const Deal& deal, const QString& reason);

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DealId m_id;
    QString m_reason;
};

} // namespace dealboard::gui
