// DealService::undoStep and redoStep: a step taken back as if it never was,
// and taken again as it was. On a file (and for the database's owner) the
// service writes them; a team member's are the server's dealboard_undo_step
// and dealboard_redo_step, which check the same again.
#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Pipeline.h"
#include "dealboard/TransitionEngine.h"
#include "dealboard/service/DealService.h"

#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

namespace {

// What a rep can do about a step an older DealBoard recorded, which does not
// say when the deal had entered the stage it left (as the server says it).
QString byHand(const HistoryEntry& step)
{
    if (step.toStatus == DealStatus::Lost && step.fromStatus != DealStatus::Lost) {
        return QStringLiteral("Reopen it by hand (its days in stage start again).");
    }
    if (step.fromStatus == DealStatus::Lost && step.toStatus != DealStatus::Lost) {
        return QStringLiteral("Mark it lost again by hand.");
    }
    return QStringLiteral("Move it back to %1 by hand (its days in stage start again).")
        .arg(stageName(*step.fromStage));
}

} // namespace

Result<MoveOutcome> DealService::undoStep(DealId id, std::int64_t step, const ActionOptions& options)
{
    return undoOrRedo(id, step, options, false);
}

Result<MoveOutcome> DealService::redoStep(DealId id, std::int64_t step, const ActionOptions& options)
{
    return undoOrRedo(id, step, options, true);
}

Result<void> DealService::together(const std::function<Result<void>()>& steps)
{
    // What a step announced is taken back with the rest on a refusal.
    bool announced = false;
    const QMetaObject::Connection listening = QObject::connect(&m_pipeline, &Pipeline::dealChanged, &m_pipeline,
                                                               [&announced](const Deal&) { announced = true; });
    Result<void> done = write(m_store, steps);
    QObject::disconnect(listening);
    if (!done && announced) {
        Q_EMIT m_pipeline.dealsReset();
    }
    return done;
}

Result<MoveOutcome> DealService::undoOrRedo(DealId id, std::int64_t step, const ActionOptions& options, bool redo)
{
    if (std::optional<Error> problem = actorProblem(options.actor)) {
        return *problem;
    }
    const QString verb = redo ? QStringLiteral("redo") : QStringLiteral("undo");
    auto refusal = [&verb](const Deal& deal, const QString& why) {
        return makeError(ErrorCode::RefusedByRules,
                         QStringLiteral("Can't %1 that step of '%2': %3").arg(verb, deal.title, why));
    };
    Result<MoveOutcome> outcome = write(m_store, [&]() -> Result<MoveOutcome> {
        Result<Deal> loaded = loadForChange(id, options);
        if (!loaded) {
            return loaded.error();
        }
        const Deal before = loaded.value();
        Result<std::vector<HistoryEntry>> history = m_store.deals().history(id);
        if (!history) {
            return history.error();
        }
        const HistoryEntry* taken = nullptr;
        const HistoryEntry* latest = nullptr; // the latest step that counts
        const HistoryEntry* undo = nullptr; // the step's standing undo (for a redo)
        for (const HistoryEntry& entry : history.value()) {
            if (entry.id == step) {
                taken = &entry;
            }
            if (entry.counts()) {
                latest = &entry;
            }
            if (entry.undoes == step && !entry.undone) {
                undo = &entry;
            }
        }
        if (taken == nullptr || !taken->fromStage || !taken->fromStatus || taken->undoes != 0) {
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("'%1' has no step %2 to %3.").arg(before.title).arg(step).arg(verb));
        }
        const TeamSession& team = m_store.team();
        if (team.isTeam && taken->actor != team.user) {
            return refusal(before, QStringLiteral("%1 took it, and only they can %2 it.").arg(taken->actor, verb));
        }
        // The deal as the step (undo) or its undo (redo) left it, and as it is to be.
        Deal deal = before;
        if (redo) {
            if (!taken->undone || undo == nullptr) {
                return refusal(before, QStringLiteral("it is not undone, so there is nothing to redo."));
            }
            if ((latest != nullptr && latest->id > undo->id) || before.stage != undo->toStage
                || before.status != undo->toStatus) {
                return refusal(before,
                               QStringLiteral("it has changed stage or status since (it is now in %1, %2).")
                                   .arg(stageName(before.stage), statusSlug(before.status)));
            }
            deal.stage = taken->toStage;
            deal.status = taken->toStatus;
            deal.lostReason = deal.status == DealStatus::Lost ? undo->reasonBefore : QString();
            deal.stageEnteredAt = undo->enteredBefore;
        } else {
            if (taken->undone) {
                return refusal(before, QStringLiteral("it is undone already."));
            }
            if (latest != taken || before.stage != taken->toStage || before.status != taken->toStatus) {
                return refusal(before,
                               QStringLiteral("it has changed stage or status since (it is now in %1, %2).")
                                   .arg(stageName(before.stage), statusSlug(before.status)));
            }
            if (!taken->enteredBefore.isValid()) {
                return refusal(
                    before,
                    QStringLiteral("it was recorded before undo could restore a deal exactly. %1").arg(byHand(*taken)));
            }
            deal.stage = *taken->fromStage;
            deal.status = *taken->fromStatus;
            deal.lostReason = deal.status == DealStatus::Lost ? taken->reasonBefore : QString();
            deal.stageEnteredAt = taken->enteredBefore;
        }
        if (deal.status != DealStatus::Lost) {
            // Open (or won) again, it stands in its stage under that stage's
            // rules (the facts may have changed meanwhile).
            Result<StageRules> rules = m_store.reports().stageRules();
            if (!rules) {
                return rules.error();
            }
            // A redo is a move again: a stage entered asks its next activity
            // too (an undo, back where the deal was, does not).
            std::vector<Requirement> unmet = redo && deal.stage != before.stage
                ? TransitionEngine::unmetToEnter(deal, deal.stage, rules.value())
                : TransitionEngine::unmetInCurrentStage(deal, rules.value());
            // An undo or redo that moves the deal on passes its stage's
            // plan like a move: a step unticked since is asked again.
            if (!TransitionEngine::untickedSteps(before, deal.stage, rules.value()).empty()) {
                unmet.push_back(Requirement::Plan);
            }
            if (!unmet.empty()) {
                return refused(before, deal.stage, std::move(unmet), rules.value());
            }
        }
        if (m_store.deals().undoesOnServer()) {
            if (Result<void> done = m_store.deals().undoOnServer(id, step, redo); !done) {
                return done.error();
            }
            Result<std::optional<Deal>> found = m_store.deals().find(id);
            if (!found) {
                return found.error();
            }
            if (!found.value()) {
                return notFound("deal", id);
            }
            return MoveOutcome {*found.value(), true, step, before};
        }
        deal.updatedAt = m_pipeline.now();
        if (Result<void> done = m_store.deals().update(deal); !done) {
            return done.error();
        }
        HistoryEntry row {
            0, id, before.stage, deal.stage, before.status, deal.status, deal.updatedAt, who(options.actor)};
        row.enteredBefore = before.stageEnteredAt;
        row.reasonBefore = before.lostReason;
        row.undoes = redo ? undo->id : step;
        if (Result<void> done = m_store.deals().insertHistory(row); !done) {
            return done.error();
        }
        if (redo) {
            if (Result<void> done = m_store.deals().markUndone(undo->id); !done) {
                return done.error();
            }
        }
        if (Result<void> done = m_store.deals().markUndone(step, !redo); !done) {
            return done.error();
        }
        return MoveOutcome {deal, true, step, before};
    });
    if (!outcome) {
        spdlog::info("Refused to {} step {} of deal {}: {}", text(verb), step, id, text(outcome.error().message));
        return outcome;
    }
    const Deal& deal = outcome.value().deal;
    spdlog::debug("{} step {} of deal {}: now in {} {}", redo ? "Redid" : "Undid", step, id,
                  text(stageSlug(deal.stage)), text(statusSlug(deal.status)));
    Q_EMIT m_pipeline.dealChanged(deal);
    return outcome;
}

} // namespace dealboard
