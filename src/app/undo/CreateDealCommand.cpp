#include "undo/CreateDealCommand.h"

namespace dealboard::gui {

CreateDealCommand::CreateDealCommand(Pipeline& service, ReportError report, DealFields fields)
    : DealAction(service, std::move(report), QString())
    , m_fields(std::move(fields))
{
}

Result<Deal> CreateDealCommand::action()
{
    Result<Deal> created = m_service.deals().create(m_fields, Stage::Prospecting, options().actor);
    if (created) {
        m_id = created.value().id;
        setMenuText(QStringLiteral("Create '%1'").arg(menuTitle(created.value().title)));
    }
    return created;
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
