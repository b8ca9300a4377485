#pragma once

#include "undo/DealCommand.h"

#include <optional>

namespace dealboard::gui {

// A move between stages, with the facts supplied on the spot. Undoing it is
// itself a recorded move back; the facts stay confirmed.
class MoveDealCommand final : public DealCommand
{
public:
    MoveDealCommand(Pipeline& service, ReportError report, const Deal& before, Stage target, DealFields facts);

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DealId m_id;
    Stage m_from;
    Stage m_to;
    DealFields m_facts;
};

} // namespace dealboard::gui
