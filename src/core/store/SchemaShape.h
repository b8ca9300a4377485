#pragma once

#include <QStringList>

struct sqlite3;

namespace dealboard {

// The structure of a database, one sorted line per table, column, index,
// foreign key, trigger and view, read through SQLite's own pragmas. Two files
// with the same structure have the same lines however their SQL text was
// written (a new file and a migrated one).
QStringList schemaShape(sqlite3* db);
// Triggers and views, which DealBoard never makes: "trigger NAME on TABLE".
QStringList triggersAndViews(sqlite3* db);
// What `actual` has that `expected` lacks ("unknown …") and the reverse
// ("missing …"), in words for the refusal message.
QStringList shapeDifferences(const QStringList& expected, const QStringList& actual);

} // namespace dealboard
