#pragma once

#include "undo/DealCommand.h"

#include <optional>

namespace dealboard::gui {

// The facts of `deal` that differ from `other` (with `deal`'s values).
DealFields factsChangedFrom(const Deal& deal, const Deal& other);
// Whether `fields` sets any fact.
bool setsAnyFact(const DealFields& fields);
// Writes `to` over the deal when its facts set in `from` still hold `from`,
// as one action; otherwise refuses, naming the facts changed since:
// "<cant>: its budget changed since; nothing was changed."
Result<void> swapFacts(Pipeline& service, DealId id, const DealFields& from, const DealFields& to, const QString& cant);

// An edit of a deal's facts (DealService::edit). Undo and redo write back
// only the facts the edit changed, and only while each still holds what the
// edit left (or found): a fact someone changed since is never overwritten;
// the step is refused, naming it.
class EditDealCommand final : public DealAction<Deal>
{
public:
    // The edit of `before` (the deal as the rep saw it) with `fields`, over
    // `version` (refused as stale when the deal changed since).
    EditDealCommand(Pipeline& service, ReportError report, const Deal& before, DealFields fields, std::int64_t version);
    QList<DealId> deals() const override { return {m_seen.id}; }

private:
    Result<Deal> action() override;
    // An edit that left the version as it was changed nothing.
    bool changes(const Deal& after) const override { return after.version != m_seen.version; }
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    Deal m_seen;
    DealFields m_fields; // the action's only
    std::int64_t m_version;
    QString m_title;
    DealFields m_before; // only the facts the edit changed
    DealFields m_after;
};

} // namespace dealboard::gui
