#include "undo/MoveDealCommand.h"

namespace dealboard::gui {

MoveDealCommand::MoveDealCommand(Pipeline& service, ReportError report, const Deal& before, Stage target,
                                 DealFields facts)
    : DealCommand(service, std::move(report),
                  QStringLiteral("Move '%1' to %2").arg(menuTitle(before.title), stageName(target)))
    , m_id(before.id)
    , m_from(before.stage)
    , m_to(target)
    , m_facts(std::move(facts))
{
}

Result<void> MoveDealCommand::undoAction()
{
    return done(m_service.deals().move(m_id, m_from, options()));
}

Result<void> MoveDealCommand::redoAction()
{
    return done(m_service.deals().move(m_id, m_to, options(), m_facts));
}

} // namespace dealboard::gui
