#include "undo/BatchDealCommand.h"

#include "deals/DealNames.h"

namespace dealboard::gui {

BatchDealCommand::BatchDealCommand(Pipeline& service, ReportError report, QString text, std::vector<DealId> ids,
                                   MakeStep makeStep, std::function<void(const QString&)> say)
    : DealCommand(service, std::move(report), QString())
    , m_text(std::move(text))
    , m_ids(std::move(ids))
    , m_makeStep(std::move(makeStep))
    , m_say(std::move(say))
{
}

Result<bool> BatchDealCommand::act()
{
    m_outcome.done = m_service.deals().batch(m_ids, false, [this](DealId id) -> Result<void> {
        Result<BatchStep> step = m_makeStep(id);
        const Result<bool> done = step ? step.value().command->act() : Result<bool>(step.error());
        if (!done) {
            m_outcome.refused.emplace_back(id, done.error());
            return done.error();
        }
        if (done.value()) {
            m_steps.emplace_back(id, std::move(step.value().command));
            m_titles << step.value().title;
        }
        return {};
    });
    m_makeStep = nullptr; // the steps are made: what it holds may go
    if (!m_outcome.done) {
        return m_outcome.done.error(); // rolled back: none was done
    }
    setMenuText(m_text.arg(m_steps.size()));
    return !m_steps.empty();
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
