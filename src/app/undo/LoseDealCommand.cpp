#include "undo/LoseDealCommand.h"

namespace dealboard::gui {

LoseDealCommand::LoseDealCommand(Pipeline& service, ReportError report, const Deal& deal, std::int64_t step)
    : DealCommand(service, std::move(report), QStringLiteral("Mark '%1' lost").arg(menuTitle(deal.title)))
    , m_id(deal.id)
    , m_step(step)
{
}

Result<void> LoseDealCommand::undoAction()
{
    return done(m_service.deals().undoStep(m_id, m_step, options()));
}

Result<void> LoseDealCommand::redoAction()
{
    return done(m_service.deals().redoStep(m_id, m_step, options()));
}

} // namespace dealboard::gui
