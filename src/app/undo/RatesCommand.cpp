#include "undo/RatesCommand.h"

namespace dealboard::gui {

RatesCommand::RatesCommand(Pipeline& service, ReportError report, const QString& text,
                           std::function<Result<Done>()> action)
    : DealAction(service, std::move(report), text)
    , m_action(std::move(action))
{
}

Result<RateService::RatesChange> RatesCommand::action()
{
    Result<Done> done = m_action();
    if (!done) {
        return done.error();
    }
    m_applied = done.value().applied;
    m_undo = done.value().undo;
    return m_applied;
}

Result<void> RatesCommand::undoAction()
{
    return done(m_service.rates().apply(m_undo, m_applied));
}

Result<void> RatesCommand::redoAction()
{
    return done(m_service.rates().apply(m_applied, m_undo));
}

} // namespace dealboard::gui
