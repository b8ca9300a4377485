#include "undo/DeleteDealCommand.h"

namespace dealboard::gui {

DeleteDealCommand::DeleteDealCommand(Pipeline& service, ReportError report, DeletedDeal deleted)
    : DealCommand(service, std::move(report), QStringLiteral("Delete '%1'").arg(menuTitle(deleted.deal.title)))
    , m_deleted(std::move(deleted))
{
}

Result<void> DeleteDealCommand::undoAction()
{
    return done(m_service.deals().restore(m_deleted));
}

Result<void> DeleteDealCommand::redoAction()
{
    Result<DeletedDeal> removed = m_service.deals().remove(m_deleted.deal.id, options());
    if (!removed) {
        return removed.error();
    }
    m_deleted = std::move(removed.value());
    return {};
}

} // namespace dealboard::gui
