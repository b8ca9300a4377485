#include "undo/StallMarksCommand.h"

namespace dealboard::gui {

StallMarksCommand::StallMarksCommand(Pipeline& service, ReportError report, const StallRules& before,
                                     const StallRules& after)
    : DealAction(service, std::move(report), QStringLiteral("Set the stall marks"))
    , m_before(before)
    , m_after(after)
{
}

Result<bool> StallMarksCommand::action()
{
    return m_service.reports().setStallRules(m_after, m_before);
}

Result<void> StallMarksCommand::undoAction()
{
    return done(m_service.reports().setStallRules(m_before, m_after));
}

Result<void> StallMarksCommand::redoAction()
{
    return done(m_service.reports().setStallRules(m_after, m_before));
}

} // namespace dealboard::gui
