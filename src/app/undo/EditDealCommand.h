#pragma once

#include "undo/DealCommand.h"

#include <optional>

namespace dealboard::gui {

// An edit of a deal's facts. Undo and redo write back only the facts the edit
// changed, and only while each still holds what the edit left (or found):
// a fact someone changed since is never overwritten; the step is refused,
// naming it.
class EditDealCommand final : public DealCommand
{
public:
    EditDealCommand(Pipeline& service, ReportError report, const Deal& before, const Deal& after);

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    // Writes `to` over the deal when its facts still hold `from`.
    Result<void> swap(const DealFields& from, const DealFields& to, const QString& what);

    DealId m_id;
    QString m_title;
    DealFields m_before; // only the facts the edit changed
    DealFields m_after;
};

} // namespace dealboard::gui
