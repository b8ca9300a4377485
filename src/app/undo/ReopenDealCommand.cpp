#include "undo/ReopenDealCommand.h"

namespace dealboard::gui {

ReopenDealCommand::ReopenDealCommand(Pipeline& service, ReportError report, const Deal& lostDeal)
    : StepCommand(service, std::move(report), QStringLiteral("Reopen '%1'").arg(menuTitle(lostDeal.title)), lostDeal.id)
    , m_version(lostDeal.version)
{
}

Result<MoveOutcome> ReopenDealCommand::step(DealId id)
{
    ActionOptions reopen = options();
    reopen.expectedVersion = m_version;
    return m_service.deals().reopen(id, reopen);
}

} // namespace dealboard::gui
