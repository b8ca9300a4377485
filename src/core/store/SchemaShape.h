#pragma once

#include <QMap>
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

// Every object of a database's schema, "table deals" or "index deals_by_owner
// on deals", with the SQL that defines it, normalized (spaces outside quotes
// collapsed, none inside brackets or beside commas) so that only a difference in
// meaning shows; SQLite's own statistics tables are left out.
QMap<QString, QString> schemaDefinitions(sqlite3* db);
QString normalizedSql(const QString& sql);
// What `actual` defines that `expected` does not, what it lacks, and what it
// defines otherwise, each naming the object (and, for a definition, where it
// differs), in words for a refusal message.
QStringList definitionDifferences(const QMap<QString, QString>& expected, const QMap<QString, QString>& actual);

} // namespace dealboard
