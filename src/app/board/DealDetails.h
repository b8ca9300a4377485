#pragma once

#include "dealboard/ChangeLog.h"
#include "dealboard/Contacts.h"
#include "dealboard/Deal.h"
#include "dealboard/Note.h"
#include "dealboard/StagePlan.h"

#include <QDateTime>
#include <QString>
#include <utility>
#include <vector>

namespace dealboard::gui {

// Everything the details pane shows about one deal, as read for it.
struct DealStory
{
    const Deal* deal = nullptr; // nullptr: nothing selected
    const Deal* origin = nullptr; // the deal it follows up, when on the board
    std::vector<std::pair<DealId, QString>> followUps; // id, title
    std::vector<HistoryEntry> history; // oldest first
    std::vector<Activity> activities;
    std::vector<Note> notes;
    std::vector<ChangeEntry> changes; // the deal's change log, oldest first: its edits are shown
    StageProbabilities probabilities; // the weighted value's
    StagePlan plan; // the stages' plans; the deal's ticks are deal->planTicks
    CustomFields fields; // the custom fields; the deal's values are deal->fieldValues
};

// The pane's links: "deal:ID", "org:ID", "person:ID", "plan:ID" (of a deal),
// "complete:ID" and "reschedule:ID" (of an activity), "delete-note:ID".
namespace DetailsLink {
inline const QString Deal = QStringLiteral("deal");
inline const QString Organization = QStringLiteral("org");
inline const QString Person = QStringLiteral("person");
inline const QString Complete = QStringLiteral("complete");
inline const QString Reschedule = QStringLiteral("reschedule");
inline const QString Plan = QStringLiteral("plan"); // of a deal: plan its next activity
inline const QString DeleteNote = QStringLiteral("delete-note"); // of a note
inline const QString Tick = QStringLiteral("tick"); // of a step of the stage plan
inline const QString Untick = QStringLiteral("untick");
inline const QString Fields = QStringLiteral("fields"); // of a deal: fill in its custom fields
} // namespace DetailsLink

// The deal's place in the pipeline: stage and days in it, status, weighted
// value, its organization and person (links), the deal it follows up and its
// follow-ups (links).
QString dealSummaryHtml(const DealStory& story, const QDateTime& now);
// The deal's custom fields (an edit link when `mayChange`), the plan of the
// deal's stage, a tick box per step (links when
// `mayChange`); then what is planned (soonest first, with complete and reschedule links when
// `mayChange`), then the story newest first: notes, activities done and
// stage changes with the days spent in the stage left.
QString dealTimelineHtml(const DealStory& story, const QDateTime& now, bool mayChange);
// Who last changed the deal's `column` ("value_minor") and when, from its
// change log: "anna, 2 Mar 2026, 09:14"; the newest edit of the deal when no
// entry names the column; empty when the log has none.
QString lastEditBy(const std::vector<ChangeEntry>& changes, const QString& column);

} // namespace dealboard::gui
