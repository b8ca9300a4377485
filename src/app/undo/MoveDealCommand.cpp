#include "undo/MoveDealCommand.h"

namespace dealboard::gui {

MoveDealCommand::MoveDealCommand(Pipeline& service, ReportError report, const Deal& before, Stage target,
                                 std::int64_t step)
    : DealCommand(service, std::move(report),
                  QStringLiteral("Move '%1' to %2").arg(menuTitle(before.title), stageName(target)))
    , m_id(before.id)
    , m_step(step)
{
}

Result<void> MoveDealCommand::undoAction()
{
    return done(m_service.deals().undoStep(m_id, m_step, options()));
}

Result<void> MoveDealCommand::redoAction()
{
    return done(m_service.deals().redoStep(m_id, m_step, options()));
}

} // namespace dealboard::gui
