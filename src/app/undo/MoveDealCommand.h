#pragma once

#include "undo/DealCommand.h"

#include <optional>

namespace dealboard::gui {

// A move between stages (a win too), with the facts supplied on the spot.
// Its action is the move (DealService::move), with the facts it saves in the
// same transaction ("Save and move"). Undoing it takes the step back as if it
// never was (DealService::undoStep): the deal is in its stage since when it
// was before. Redoing it takes the step again as it was (redoStep): the deal
// is in the target stage since the move's own time. The facts a "Save and
// move" saved with it are part of it: its undo puts them back as they were
// and its redo sets them again, in the same transaction, only while each
// still holds what the move (or its undo) left; a fact someone changed since
// refuses the step, named.
class MoveDealCommand final : public DealAction<MoveOutcome>
{
public:
    // The move of `shown` (the deal as the board shows it) to `target`, over
    // `version` when given (refused as stale when the deal changed since),
    // saving `facts` with it.
    MoveDealCommand(Pipeline& service, ReportError report, const Deal& shown, Stage target,
                    std::optional<std::int64_t> version, DealFields facts = {});
    QList<DealId> deals() const override { return {m_id}; }

private:
    Result<MoveOutcome> action() override;
    bool changes(const MoveOutcome& moved) const override { return moved.changed; }
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    // Ticks (or unticks) the steps the move ticked, inside together().
    Result<void> tick(bool ticked);
    DealId m_id;
    Stage m_target;
    std::optional<std::int64_t> m_version; // the action's only
    DealFields m_facts; // as given to the action
    std::int64_t m_step = 0; // the history row its undo takes back
    QString m_title;
    DealFields m_factsBefore; // only the facts the move saved
    DealFields m_factsAfter;
    std::vector<std::int64_t> m_ticked; // the plan's steps the move ticked
};

} // namespace dealboard::gui
