#include "undo/MoveDealCommand.h"

namespace dealboard::gui {

MoveDealCommand::MoveDealCommand(Pipeline& service, ReportError report, const Deal& before, Stage target,
                                 DealFields facts, std::int64_t step)
    : DealCommand(service, std::move(report),
                  QStringLiteral("Move '%1' to %2").arg(menuTitle(before.title), stageName(target)))
    , m_id(before.id)
    , m_to(target)
    , m_facts(std::move(facts))
    , m_step(step)
{
}

Result<void> MoveDealCommand::undoAction()
{
    return done(m_service.deals().undoStep(m_id, m_step, options()));
}

Result<void> MoveDealCommand::redoAction()
{
    return redone(m_service.deals().move(m_id, m_to, options(), m_facts), m_step);
}

} // namespace dealboard::gui
