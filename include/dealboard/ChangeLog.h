#pragma once

// The change log: one entry per committed change of a pipeline's rows (a
// deal, an activity, a note, a contact, a setting, a goal, a probability, a
// quota), written under the change by the database itself. It is what
// `dealboard-cli log` and `watch` print and what a manager reads to learn who
// changed what.
#include "dealboard/Deal.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace dealboard {

struct ChangeEntry
{
    qint64 id = 0; // grows with every change; never reused
    QDateTime at; // when it was committed (UTC)
    QString actor; // who: the login on a server, the given actor on a file
    QString table; // "deals", "activities", "notes", "quotas", …
    QString row; // the row's id, or its key ("alice/2026-11/EUR")
    std::optional<DealId> deal; // the deal the row belongs to, if any
    QString action; // "insert", "update" or "delete"
    // A JSON object: for an update each changed field's [old, new]; for an
    // insert the new row's fields, for a delete the old row's (nulls left out).
    QByteArray changes;
};

// What was committed after a position of the feed, and the position after
// it. On a file a position is the newest id seen; on a server it is the
// snapshot of what had committed (so an entry whose transaction committed
// after a later-numbered one is never skipped).
struct ChangeFeed
{
    std::vector<ChangeEntry> entries; // oldest id first
    QString position;
};

// Which entries to read, oldest first.
struct ChangeQuery
{
    qint64 afterId = 0; // only entries with a greater id
    std::optional<DealId> deal; // only entries of this deal (its row, activities and notes)
    std::optional<QDateTime> since; // only entries at or after this time
    QStringList tables; // only entries of these tables; empty: of every table
    int limit = 0; // at most this many (0: all); the newest when `newest` is set
    bool newest = false;
};

} // namespace dealboard
