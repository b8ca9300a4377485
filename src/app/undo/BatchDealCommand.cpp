#include "undo/BatchDealCommand.h"

#include "deals/DealNames.h"

namespace dealboard::gui {

BatchDealCommand::BatchDealCommand(Pipeline& service, ReportError report, const QString& text,
                                   std::vector<std::pair<DealId, std::unique_ptr<DealCommand>>> steps,
                                   std::function<void(const QString&)> say, QStringList titles)
    : DealCommand(service, std::move(report), text)
    , m_steps(std::move(steps))
    , m_say(std::move(say))
    , m_titles(std::move(titles))
{
}

void BatchDealCommand::tell(const QString& done) const
{
    if (m_say) {
        m_say(QStringLiteral("%1 \u201c%2\u201d: %3.").arg(done, text(), namedDeals(m_titles)));
    }
}

Result<void> BatchDealCommand::undoAction()
{
    std::vector<DealId> ids;
    for (auto step = m_steps.rbegin(); step != m_steps.rend(); ++step) {
        ids.push_back(step->first);
    }
    std::size_t next = m_steps.size();
    Result<void> undone = done(
        m_service.deals().batch(ids, false, [this, &next](DealId) { return m_steps[--next].second->undoAction(); }));
    if (undone) {
        tell(QStringLiteral("Undid"));
    }
    return undone;
}

Result<void> BatchDealCommand::redoAction()
{
    std::vector<DealId> ids;
    for (const auto& step : m_steps) {
        ids.push_back(step.first);
    }
    std::size_t next = 0;
    Result<void> redone = done(
        m_service.deals().batch(ids, false, [this, &next](DealId) { return m_steps[next++].second->redoAction(); }));
    if (redone) {
        tell(QStringLiteral("Redid"));
    }
    return redone;
}

} // namespace dealboard::gui
