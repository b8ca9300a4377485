#include "undo/EditDealCommand.h"

namespace dealboard::gui {

EditDealCommand::EditDealCommand(Pipeline& service, ReportError report, const Deal& before, const Deal& after)
    : DealCommand(service, std::move(report), QStringLiteral("Edit '%1'").arg(menuTitle(after.title)))
    , m_id(before.id)
    , m_before(allFields(before))
    , m_after(allFields(after))
{
}

Result<void> EditDealCommand::undoAction()
{
    return done(m_service.deals().edit(m_id, m_before, options()));
}

Result<void> EditDealCommand::redoAction()
{
    return done(m_service.deals().edit(m_id, m_after, options()));
}

} // namespace dealboard::gui
