#pragma once

#include "undo/StepCommand.h"

namespace dealboard::gui {

// Mark lost, with its reason, over the version the rep saw; its undo takes
// the step back (the deal open in its stage since when it was before), its
// redo takes the step again as it was.
class LoseDealCommand final : public StepCommand
{
public:
    LoseDealCommand(Pipeline& service, ReportError report, const Deal& shown, QString reason);

private:
    Result<MoveOutcome> step(DealId id) override;
    QString m_reason;
    std::int64_t m_version;
};

} // namespace dealboard::gui
