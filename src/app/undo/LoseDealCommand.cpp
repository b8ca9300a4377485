#include "undo/LoseDealCommand.h"

namespace dealboard::gui {

LoseDealCommand::LoseDealCommand(Pipeline& service, ReportError report, const Deal& shown, QString reason)
    : StepCommand(service, std::move(report), QStringLiteral("Mark '%1' lost").arg(menuTitle(shown.title)), shown.id)
    , m_reason(std::move(reason))
    , m_version(shown.version)
{
}

Result<MoveOutcome> LoseDealCommand::step(DealId id)
{
    ActionOptions lose = options();
    lose.expectedVersion = m_version;
    return m_service.deals().lose(id, m_reason, lose);
}

} // namespace dealboard::gui
