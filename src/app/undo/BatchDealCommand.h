#pragma once

#include "undo/DealCommand.h"

#include <QStringList>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace dealboard::gui {

// One action on several deals as one undo step: its steps (one command per
// deal) are undone, or redone, together in one transaction; if the rules
// refuse one of them now, none is.
class BatchDealCommand final : public DealCommand
{
public:
    // `say` tells the rep what an undo or redo did, naming the deals by
    // `titles` as the action itself did.
    BatchDealCommand(Pipeline& service, ReportError report, const QString& text,
                     std::vector<std::pair<DealId, std::unique_ptr<DealCommand>>> steps,
                     std::function<void(const QString&)> say, QStringList titles);
    QList<DealId> deals() const override
    {
        QList<DealId> ids;
        for (const auto& step : m_steps) {
            ids << step.first;
        }
        return ids;
    }

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    void tell(const QString& done) const; // "Undid", "Redid"
    std::vector<std::pair<DealId, std::unique_ptr<DealCommand>>> m_steps;
    std::function<void(const QString&)> m_say;
    QStringList m_titles;
};

} // namespace dealboard::gui
