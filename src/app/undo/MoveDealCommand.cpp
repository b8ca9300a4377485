#include "undo/MoveDealCommand.h"

#include "common/ShownText.h"
#include "undo/EditDealCommand.h"

namespace dealboard::gui {

MoveDealCommand::MoveDealCommand(Pipeline& service, ReportError report, const Deal& before, Stage target,
                                 std::int64_t step, const std::optional<Deal>& after)
    : DealCommand(service, std::move(report),
                  QStringLiteral("Move '%1' to %2").arg(menuTitle(before.title), stageName(target)))
    , m_id(before.id)
    , m_step(step)
    , m_title(after ? after->title : before.title)
    , m_target(target)
    , m_factsBefore(after ? factsChangedFrom(before, *after) : DealFields())
    , m_factsAfter(after ? factsChangedFrom(*after, before) : DealFields())
{
}

Result<void> MoveDealCommand::undoAction()
{
    if (!setsAnyFact(m_factsAfter)) {
        return done(m_service.deals().undoStep(m_id, m_step, options()));
    }
    // Back in the stage it left first, where the facts were missing.
    return m_service.deals().together([this]() -> Result<void> {
        if (Result<MoveOutcome> undone = m_service.deals().undoStep(m_id, m_step, options()); !undone) {
            return undone.error();
        }
        return swapFacts(
            m_service, m_id, m_factsAfter, m_factsBefore,
            QStringLiteral("Can't undo the move of '%1' to %2").arg(shownText(m_title), stageName(m_target)));
    });
}

Result<void> MoveDealCommand::redoAction()
{
    if (!setsAnyFact(m_factsAfter)) {
        return done(m_service.deals().redoStep(m_id, m_step, options()));
    }
    // The facts first, which the target stage asks for.
    return m_service.deals().together([this]() -> Result<void> {
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
