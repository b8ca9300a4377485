#include "undo/BatchDealCommand.h"

namespace dealboard::gui {

BatchDealCommand::BatchDealCommand(Pipeline& service, ReportError report, const QString& text,
                                   std::vector<std::pair<DealId, std::unique_ptr<DealCommand>>> steps)
    : DealCommand(service, std::move(report), text)
    , m_steps(std::move(steps))
{
}

Result<void> BatchDealCommand::undoAction()
{
    std::vector<DealId> ids;
    for (auto step = m_steps.rbegin(); step != m_steps.rend(); ++step) {
        ids.push_back(step->first);
    }
    std::size_t next = m_steps.size();
    return done(
        m_service.deals().batch(ids, false, [this, &next](DealId) { return m_steps[--next].second->undoAction(); }));
}

Result<void> BatchDealCommand::redoAction()
{
    std::vector<DealId> ids;
    for (const auto& step : m_steps) {
        ids.push_back(step.first);
    }
    std::size_t next = 0;
    return done(
        m_service.deals().batch(ids, false, [this, &next](DealId) { return m_steps[next++].second->redoAction(); }));
}

} // namespace dealboard::gui
