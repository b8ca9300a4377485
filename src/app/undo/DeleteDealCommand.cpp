#include "undo/DeleteDealCommand.h"

namespace dealboard::gui {

DeleteDealCommand::DeleteDealCommand(Pipeline& service, ReportError report, const Deal& shown, std::int64_t version)
    : DealAction(service, std::move(report), QStringLiteral("Delete '%1'").arg(menuTitle(shown.title)))
    , m_id(shown.id)
    , m_version(version)
{
}

Result<void> DeleteDealCommand::removeOver(std::optional<std::int64_t> version)
{
    ActionOptions remove = options();
    remove.expectedVersion = version;
    Result<DeletedDeal> removed = m_service.deals().remove(m_id, remove);
    if (!removed) {
        return removed.error();
    }
    m_deleted = std::move(removed.value());
    return {};
}

Result<Deal> DeleteDealCommand::action()
{
    if (Result<void> removed = removeOver(m_version); !removed) {
        return removed.error();
    }
    setMenuText(QStringLiteral("Delete '%1'").arg(menuTitle(m_deleted.deal.title)));
    return m_deleted.deal;
}

Result<void> DeleteDealCommand::undoAction()
{
    return done(m_service.deals().restore(m_deleted));
}

Result<void> DeleteDealCommand::redoAction()
{
    return removeOver(std::nullopt);
}

} // namespace dealboard::gui
