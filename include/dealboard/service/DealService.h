#pragma once

#include "dealboard/DealImport.h"
#include "dealboard/Filters.h"
#include "dealboard/Result.h"
#include "dealboard/StageRules.h"
#include "dealboard/service/Actions.h"

#include <functional>

class QIODevice;

namespace dealboard {

class DealStore;
class Pipeline;
namespace service {
class SampleHistory;
}

// Every action on deals, each one write transaction in which the transition
// engine is asked (DealService.cpp); removing a deal and putting it back in
// DealRemoval.cpp; imports, the sample pipeline and follow-ups in DealBulk.cpp.
class DealService final
{
public:
    DealService(Pipeline& pipeline, DealStore& store);

    Result<Deal> create(const DealFields& fields, Stage stage = Stage::Prospecting, const QString& actor = {});
    Result<Deal> edit(DealId id, const DealFields& fields, const ActionOptions& options = {});
    // Moves the deal; `facts` (confirmed criteria, value, close date) are saved
    // first in the same transaction, so "supply what is missing, then move" is one action.
    Result<MoveOutcome> move(DealId id, Stage target, const ActionOptions& options = {}, const DealFields& facts = {});
    Result<MoveOutcome> win(DealId id, const ActionOptions& options = {});
    Result<MoveOutcome> lose(DealId id, const QString& reason, const ActionOptions& options = {});
    Result<MoveOutcome> reopen(DealId id, const ActionOptions& options = {});
    // Ticks (or unticks) a step of the stage plan on the deal. A required
    // step stays ticked while the deal is past its stage. False when it
    // already was as asked (StagePlanService.cpp).
    Result<bool> tickPlanStep(DealId id, std::int64_t step, bool ticked, const ActionOptions& options = {});
    // Every deal's value of one custom field, by deal (the board's cards and
    // filter; CustomFieldService.cpp).
    Result<std::vector<std::pair<DealId, FieldValue>>> fieldValuesOf(std::int64_t fieldId);
    // The deal's ticked steps, sorted.
    Result<std::vector<std::int64_t>> planTicks(DealId id);
    // Takes back a step (a move, win, lose or reopen: `step` is the outcome's
    // history row) as if it never was: the deal's stage, status, lost reason
    // and the time it entered its stage are as before the step. The step is
    // marked undone and the undo recorded; the reports skip both. Only the
    // deal's latest step that still stands, while the deal is as it left it,
    // and on a team's server only by whoever took it (DealUndo.cpp).
    Result<MoveOutcome> undoStep(DealId id, std::int64_t step, const ActionOptions& options = {});
    // Takes an undone step again exactly as it was: the deal is as right
    // after the step (in its stage since the step's own time), the step
    // stands again and counts as it did, its undo is marked undone and the
    // redo recorded. Only while the deal is as the undo left it, and on a
    // team's server only by whoever took it. The outcome's step is `step`.
    Result<MoveOutcome> redoStep(DealId id, std::int64_t step, const ActionOptions& options = {});
    // Runs `steps` (this service's actions) as one action in one transaction:
    // all of them are kept, or on the first refusal none (the undo of a move
    // that saved facts with it takes back both, say; DealUndo.cpp).
    Result<void> together(const std::function<Result<void>()>& steps);
    Result<DeletedDeal> remove(DealId id, const ActionOptions& options = {});
    // One action on several deals, one transaction: `one` is the action on a
    // deal (move, win, lose, reopen, remove, edit), each a step of it. By
    // default a single refusal changes none of them and the error names each
    // refused deal; with `each` the refused are left out and listed, and the
    // rest is done. A storage failure always changes none.
    Result<BatchOutcome> batch(std::vector<DealId> ids, bool each, const std::function<Result<void>(DealId)>& one);
    // Puts back a deal removed by remove(), with its id and history (undo).
    Result<Deal> restore(const DeletedDeal& deleted);
    // Retention: a cross-sell or up-sell deal for a won deal's organization and
    // person, in Prospecting, linked to its origin.
    Result<Deal> createFollowUp(DealId origin, const QString& title = {},
                                std::optional<std::int64_t> valueMinor = std::nullopt, const QString& actor = {},
                                const QDate& expectedClose = {});

    // Imports deals from CSV, all or nothing, in one transaction. With dryRun,
    // checks everything and reports what would be imported, writing nothing.
    // Reads `csv` (a file: it is read twice, checked first without the write
    // lock, then written) row by row.
    // `progress` hears of both reads (the file's bytes, twice); stopped, the
    // import keeps nothing (ErrorCode::Cancelled).
    Result<ImportPlan> importCsv(QIODevice* csv, bool dryRun, const QString& actor = {}, const Progress& progress = {})
    {
        return importDeals(csv, {}, dryRun, actor, progress);
    }
    // The same for a file in the layout `options` names (a Pipedrive or
    // HubSpot export), with their stages mapped onto ours.
    Result<ImportPlan> importDeals(QIODevice* file, const ImportOptions& options, bool dryRun,
                                   const QString& actor = {}, const Progress& progress = {});
    // Builds a deterministic sample pipeline of `count` deals in one
    // transaction; stopped through `progress`, it keeps nothing.
    Result<int> seedSample(int count, quint64 seed, const Progress& progress = {});

    Result<Deal> get(DealId id);
    Result<std::vector<Deal>> list(const DealFilter& filter = {});
    Result<std::vector<HistoryEntry>> history(DealId id);

private:
    // The sample pipeline's close-date changes and past snapshots (DealBulk.cpp).
    std::optional<Error> seedPast(const service::SampleHistory& past);
    Result<Deal> loadForChange(DealId id, const ActionOptions& options);
    // A move's ticks (StagePlanService.cpp), refused when a step is not in
    // the plans, else ticked before the deal moves, so the server's guard
    // finds them.
    Result<void> tickWithMove(const Deal& before, const std::vector<std::int64_t>& steps, const StageRules& rules);
    // The custom fields `fields` sets, checked and in their canonical form,
    // onto `deal` (CustomFieldService.cpp); what differs between `before`
    // and `after`, written (a new deal: `before` is empty).
    Result<void> applyFieldEdits(Deal& deal, const DealFields& fields, const StageRules& rules) const;
    Result<void> saveFieldValues(const Deal& before, const Deal& after);
    // undoStep and redoStep, one body (DealUndo.cpp).
    Result<MoveOutcome> undoOrRedo(DealId id, std::int64_t step, const ActionOptions& options, bool redo);
    // Runs `change` on the deal inside one write transaction; it returns whether
    // it changed anything, or the refusal.
    Result<MoveOutcome> change(DealId id, const ActionOptions& options, const char* action,
                               const std::function<Result<bool>(Deal&, const StageRules&)>& apply);
    // Writes the step's history row (on a team's server the server does) and
    // returns its id; 0 when stage and status stayed.
    Result<std::int64_t> recordHistory(const Deal& before, const Deal& after, const QString& actor);
    QString who(const QString& actor) const;
    std::optional<Error> validateFields(const DealFields& fields) const;

    Pipeline& m_pipeline;
    DealStore& m_store;
};

} // namespace dealboard
