#include "undo/CreateDealCommand.h"

namespace dealboard::gui {

CreateDealCommand::CreateDealCommand(Pipeline& service, ReportError report, const Deal& created)
    : DealCommand(service, std::move(report), QStringLiteral("Create '%1'").arg(menuTitle(created.title)))
    , m_id(created.id)
{
}

Result<void> CreateDealCommand::undoAction()
{
    Result<DeletedDeal> removed = m_service.deals().remove(m_id, options());
    if (!removed) {
        return removed.error();
    }
    m_removed = std::move(removed.value());
    return {};
}

Result<void> CreateDealCommand::redoAction()
{
    if (!m_removed) {
        return {};
    }
    return done(m_service.deals().restore(*m_removed));
}

} // namespace dealboard::gui
