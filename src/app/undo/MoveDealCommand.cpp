#include "undo/MoveDealCommand.h"

#include "common/ShownText.h"
#include "undo/EditDealCommand.h"

namespace dealboard::gui {

MoveDealCommand::MoveDealCommand(Pipeline& service, ReportError report, const Deal& shown, Stage target,
                                 std::optional<std::int64_t> version, DealFields facts)
    : DealAction(service, std::move(report),
                 QStringLiteral("Move '%1' to %2").arg(menuTitle(shown.title), stageName(target)))
    , m_id(shown.id)
    , m_target(target)
    , m_version(version)
    , m_facts(std::move(facts))
    , m_title(shown.title)
{
}

Result<MoveOutcome> MoveDealCommand::action()
{
    ActionOptions first = options();
    first.expectedVersion = m_version;
    Result<MoveOutcome> moved = m_service.deals().move(m_id, m_target, first, m_facts);
    if (!moved) {
        return moved;
    }
    m_step = moved.value().step;
    for (std::int64_t step : m_facts.tickSteps) {
        if (!isTicked(moved.value().before.planTicks, step)) {
            m_ticked.push_back(step);
        }
    }
    if (setsAnyFact(m_facts)) {
        // Facts saved with the move are undone and redone with it, over the
        // deal as the move found it.
        const Deal& before = moved.value().before;
        const Deal& after = moved.value().deal;
        setMenuText(QStringLiteral("Move '%1' to %2").arg(menuTitle(before.title), stageName(m_target)));
        m_title = after.title;
        m_factsBefore = factsChangedFrom(before, after);
        m_factsAfter = factsChangedFrom(after, before);
    }
    return moved;
}

Result<void> MoveDealCommand::tick(bool ticked)
{
    std::vector<std::int64_t> changed;
    for (std::int64_t step : m_ticked) {
        Result<bool> done = m_service.deals().tickPlanStep(m_id, step, ticked, options());
        if (!done) {
            return done.error();
        }
        if (done.value()) {
            changed.push_back(step);
        }
    }
    if (ticked) {
        // A step someone else ticked meanwhile is theirs: the next undo
        // leaves it ticked.
        m_ticked = std::move(changed);
    }
    return {};
}

Result<void> MoveDealCommand::undoAction()
{
    if (!setsAnyFact(m_factsAfter) && m_ticked.empty()) {
        return done(m_service.deals().undoStep(m_id, m_step, options()));
    }
    // Back in the stage it left first, where the facts and ticks were missing.
    return m_service.deals().together([this]() -> Result<void> {
        if (Result<MoveOutcome> undone = m_service.deals().undoStep(m_id, m_step, options()); !undone) {
            return undone.error();
        }
        if (Result<void> unticked = tick(false); !unticked || !setsAnyFact(m_factsAfter)) {
            return unticked;
        }
        return swapFacts(
            m_service, m_id, m_factsAfter, m_factsBefore,
            QStringLiteral("Can't undo the move of '%1' to %2").arg(shownText(m_title), stageName(m_target)));
    });
}

Result<void> MoveDealCommand::redoAction()
{
    if (!setsAnyFact(m_factsAfter) && m_ticked.empty()) {
        return done(m_service.deals().redoStep(m_id, m_step, options()));
    }
    // The facts and ticks first, which the target stage asks for.
    return m_service.deals().together([this]() -> Result<void> {
        if (Result<void> ticked = tick(true); !ticked) {
            return ticked;
        }
        if (!setsAnyFact(m_factsAfter)) {
            return done(m_service.deals().redoStep(m_id, m_step, options()));
        }
        if (Result<void> set = swapFacts(
                m_service, m_id, m_factsBefore, m_factsAfter,
                QStringLiteral("Can't redo the move of '%1' to %2").arg(shownText(m_title), stageName(m_target)));
            !set) {
            return set;
        }
        return done(m_service.deals().redoStep(m_id, m_step, options()));
    });
}

} // namespace dealboard::gui
