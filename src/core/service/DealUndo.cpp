// DealService::undoStep: a step taken back as if it never was. On a file (and
// for the database's owner) the service writes it; a team member's undo is
// the server's dealboard_undo_step, which checks the same again.
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
    if (std::optional<Error> problem = actorProblem(options.actor)) {
        return *problem;
    }
    auto refusal = [](const Deal& deal, const QString& why) {
        return makeError(ErrorCode::RefusedByRules,
                         QStringLiteral("Can't undo that step of '%1': %2").arg(deal.title, why));
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
        const HistoryEntry* latest = nullptr;
        for (const HistoryEntry& entry : history.value()) {
            if (entry.id == step) {
                taken = &entry;
            }
            if (entry.counts()) {
                latest = &entry;
            }
        }
        if (taken == nullptr || !taken->fromStage || !taken->fromStatus || taken->undoes != 0) {
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("'%1' has no step %2 to undo.").arg(before.title).arg(step));
        }
        const TeamSession& team = m_store.team();
        if (team.isTeam && taken->actor != team.user) {
            return refusal(before, QStringLiteral("%1 took it, and only they can undo it.").arg(taken->actor));
        }
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
        Deal deal = before;
        deal.stage = *taken->fromStage;
        deal.status = *taken->fromStatus;
        deal.lostReason = deal.status == DealStatus::Lost ? taken->reasonBefore : QString();
        if (deal.status != DealStatus::Lost) {
            // Open again, it stands in its stage under that stage's rules (the
            // facts may have changed while it was lost).
            if (std::vector<Requirement> unmet = TransitionEngine::unmetInCurrentStage(deal); !unmet.empty()) {
                return refused(deal, deal.stage, std::move(unmet));
            }
        }
        if (m_store.deals().undoesOnServer()) {
            if (Result<void> done = m_store.deals().undoOnServer(id, step); !done) {
                return done.error();
            }
            Result<std::optional<Deal>> found = m_store.deals().find(id);
            if (!found) {
                return found.error();
            }
            if (!found.value()) {
                return notFound("deal", id);
            }
            return MoveOutcome {*found.value(), true, 0};
        }
        deal.updatedAt = m_pipeline.now();
        deal.stageEnteredAt = taken->enteredBefore;
        if (Result<void> done = m_store.deals().update(deal); !done) {
            return done.error();
        }
        HistoryEntry undo {
            0, id, before.stage, deal.stage, before.status, deal.status, deal.updatedAt, who(options.actor)};
        undo.enteredBefore = before.stageEnteredAt;
        undo.reasonBefore = before.lostReason;
        undo.undoes = step;
        if (Result<void> done = m_store.deals().insertHistory(undo); !done) {
            return done.error();
        }
        if (Result<void> done = m_store.deals().markUndone(step); !done) {
            return done.error();
        }
        return MoveOutcome {deal, true, 0};
    });
    if (!outcome) {
        spdlog::info("Refused to undo step {} of deal {}: {}", step, id, text(outcome.error().message));
        return outcome;
    }
    const Deal& deal = outcome.value().deal;
    spdlog::debug("Undid step {} of deal {}: back in {} {}", step, id, text(stageSlug(deal.stage)),
                  text(statusSlug(deal.status)));
    Q_EMIT m_pipeline.dealChanged(deal);
    return outcome;
}

} // namespace dealboard
