#include "undo/LoseDealCommand.h"

namespace dealboard::gui {

LoseDealCommand::LoseDealCommand(Pipeline& service, ReportError report, const Deal& deal, const QString& reason)
    : DealCommand(service, std::move(report), QStringLiteral("Mark '%1' lost").arg(menuTitle(deal.title)))
    , m_id(deal.id)
    , m_reason(reason)
{
}

Result<void> LoseDealCommand::undoAction()
{
    return done(m_service.deals().reopen(m_id, options()));
}

Result<void> LoseDealCommand::redoAction()
{
    return done(m_service.deals().lose(m_id, m_reason, options()));
}

} // namespace dealboard::gui
