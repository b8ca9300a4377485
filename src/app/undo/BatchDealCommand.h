#pragma once

#include "undo/DealCommand.h"

#include <QStringList>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace dealboard::gui {

// One deal's part of an action on several deals: its command, its action not
// done yet, and the deal's title as the rep was shown it.
struct BatchStep
{
    QString title;
    std::unique_ptr<DealCommand> command;
};

// What an action on several deals did: the deals it was done to or, refused,
// the refusal and each deal refused with why (none was done then).
struct SeveralOutcome
{
    Result<BatchOutcome> done = makeError(ErrorCode::Cancelled, QString());
    std::vector<std::pair<DealId, Error>> refused;
};

// One action on several deals as one undo step. Its action makes each deal's
// step (`makeStep`: a command, or why the deal can't take it) and does them in
// one transaction (DealService::batch): if the rules refuse one, none is done.
// Its undo and redo undo, or redo, the steps that changed a deal together, in
// one transaction; if the rules refuse one of them now, none is.
class BatchDealCommand final : public DealCommand
{
public:
    using MakeStep = std::function<Result<BatchStep>(DealId)>;

    // `text` names the undo step ("%1": how many deals it changed); `say`
    // tells the rep what an undo or redo did, naming the deals as the action
    // itself did.
    BatchDealCommand(Pipeline& service, ReportError report, QString text, std::vector<DealId> ids, MakeStep makeStep,
                     std::function<void(const QString&)> say);
    QList<DealId> deals() const override
    {
        QList<DealId> ids;
        for (const auto& step : m_steps) {
            ids << step.first;
        }
        return ids;
    }
    const SeveralOutcome& outcome() const { return m_outcome; }

private:
    Result<bool> act() override;
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    void tell(const QString& done) const; // "Undid", "Redid"
    QString m_text;
    std::vector<DealId> m_ids; // the action's only
    MakeStep m_makeStep; // the action's only
    SeveralOutcome m_outcome;
    std::vector<std::pair<DealId, std::unique_ptr<DealCommand>>> m_steps; // those that changed a deal
    std::function<void(const QString&)> m_say;
    QStringList m_titles;
};

} // namespace dealboard::gui
