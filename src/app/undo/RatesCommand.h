#pragma once

#include "undo/DealCommand.h"

#include <functional>

namespace dealboard::gui {

// A change of the reporting currency or of exchange rates (one rate set or
// removed, or a whole ECB file imported) as one undo step. Its action is
// the service's; undoing it puts back what was there (RateService::apply),
// redoing it sets again what the action set, each only while nobody changed
// those rates since (a change elsewhere refuses it, named).
class RatesCommand final : public DealAction<RateService::RatesChange>
{
public:
    // `action` changes the rates and gives back what it set and what undoes it.
    struct Done
    {
        RateService::RatesChange applied;
        RateService::RatesChange undo;
    };
    RatesCommand(Pipeline& service, ReportError report, const QString& text, std::function<Result<Done>()> action);
    QList<DealId> deals() const override { return {}; }

private:
    Result<RateService::RatesChange> action() override;
    bool changes(const RateService::RatesChange& applied) const override { return !applied.empty(); }
    Result<void> undoAction() override;
    Result<void> redoAction() override;

    std::function<Result<Done>()> m_action;
    RateService::RatesChange m_applied;
    RateService::RatesChange m_undo;
};

} // namespace dealboard::gui
