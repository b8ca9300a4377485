#include "undo/ReopenDealCommand.h"

namespace dealboard::gui {

ReopenDealCommand::ReopenDealCommand(Pipeline& service, ReportError report, const Deal& lostDeal)
    : DealCommand(service, std::move(report), QStringLiteral("Reopen '%1'").arg(menuTitle(lostDeal.title)))
    , m_id(lostDeal.id)
    , m_reason(lostDeal.lostReason)
{
}

Result<void> ReopenDealCommand::undoAction()
{
    return done(m_service.deals().lose(m_id, m_reason, options()));
}

Result<void> ReopenDealCommand::redoAction()
{
    return done(m_service.deals().reopen(m_id, options()));
}

} // namespace dealboard::gui
