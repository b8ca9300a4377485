#include "undo/StageRulesCommand.h"

namespace dealboard::gui {

StageRulesCommand::StageRulesCommand(Pipeline& service, ReportError report, const StageRules& before,
                                     const StageRules& after)
    : DealAction(service, std::move(report), QStringLiteral("Set the stage rules"))
    , m_before(before)
    , m_after(after)
{
}

Result<bool> StageRulesCommand::action()
{
    return m_service.reports().setStageRules(m_after, m_before);
}

Result<void> StageRulesCommand::undoAction()
{
    return done(m_service.reports().setStageRules(m_before, m_after));
}

Result<void> StageRulesCommand::redoAction()
{
    return done(m_service.reports().setStageRules(m_after, m_before));
}

} // namespace dealboard::gui
