#include "undo/StepCommand.h"

namespace dealboard::gui {

StepCommand::StepCommand(Pipeline& service, ReportError report, const QString& text, DealId id)
    : DealAction(service, std::move(report), text)
    , m_id(id)
{
}

Result<MoveOutcome> StepCommand::action()
{
    Result<MoveOutcome> done = step(m_id);
    if (done) {
        m_step = done.value().step;
    }
    return done;
}

Result<void> StepCommand::undoAction()
{
    return done(m_service.deals().undoStep(m_id, m_step, options()));
}

Result<void> StepCommand::redoAction()
{
    return done(m_service.deals().redoStep(m_id, m_step, options()));
}

} // namespace dealboard::gui
