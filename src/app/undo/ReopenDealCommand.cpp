#include "undo/ReopenDealCommand.h"

namespace dealboard::gui {

ReopenDealCommand::ReopenDealCommand(Pipeline& service, ReportError report, const Deal& lostDeal, std::int64_t step)
    : DealCommand(service, std::move(report), QStringLiteral("Reopen '%1'").arg(menuTitle(lostDeal.title)))
    , m_id(lostDeal.id)
    , m_step(step)
{
}

Result<void> ReopenDealCommand::undoAction()
{
    return done(m_service.deals().undoStep(m_id, m_step, options()));
}

Result<void> ReopenDealCommand::redoAction()
{
    return done(m_service.deals().redoStep(m_id, m_step, options()));
}

} // namespace dealboard::gui
