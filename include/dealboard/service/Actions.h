#pragma once

// What the services' actions take and give back, beside the domain's records.
#include "dealboard/Contacts.h"
#include "dealboard/Deal.h"
#include "dealboard/Note.h"
#include "dealboard/Result.h"

#include <QStringList>
#include <optional>
#include <vector>

namespace dealboard {

// Options shared by the actions that change an existing deal.
struct ActionOptions
{
    std::optional<std::int64_t> expectedVersion; // refuse as stale when the stored version differs
    QString actor; // who did it, for the stage history
};

// A deal removed by DealService::remove, kept whole so that undo can restore it.
struct DeletedDeal
{
    Deal deal;
    std::vector<HistoryEntry> history;
    // What went with it, put back by DealService::restore (with new ids).
    std::vector<Activity> activities;
    std::vector<Note> notes;
};

// The outcome of a move: the deal as stored afterwards, and whether anything changed.
struct MoveOutcome
{
    Deal deal;
    bool changed = false;
    // The stage history's row of the step (0: none), which its undo names
    // (DealService::undoStep).
    std::int64_t step = 0;
    // The deal as the action found it (for the facts a move saved with it).
    Deal before;
};

// What one action on several deals did: the deals it was done to, and (only
// when the refused ones may be left out) each refused deal with why.
struct BatchOutcome
{
    std::vector<DealId> done;
    std::vector<std::pair<DealId, Error>> refused;
};

// What an import of people would do, or did.
struct PeopleImport
{
    int created = 0;
    int updated = 0;
    int unchanged = 0; // known, and the same already (a vCard import)
    // Rows linked to a contact found by its normalized key (ContactKeys.h),
    // not as written: "Line 4: 'ACME ' → existing organization 'Acme GmbH' (id 3)".
    QStringList linked;
};

// What `check` found wrong; empty when the database is sound.
struct CheckReport
{
    QStringList faults;
    int dealsChecked = 0;
};

} // namespace dealboard
