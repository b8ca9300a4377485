#pragma once

// How a pipeline's change log is written (docs/architecture.md, "The change
// log"). On a server, triggers with a SECURITY DEFINER function write it, so
// the client cannot leave anything out or name anyone else, and every commit
// notifies the channel `dealboard` with the changed table's name. On a file,
// each DealBoard connection installs TEMP triggers that do the same; the
// file's structure holds the table only.
#include "dealboard/ChangeLog.h"
#include "dealboard/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace dealboard {

class Database;
class RawQuery;

namespace ChangeLog {

// The channel every commit on a server notifies.
inline constexpr const char* Channel = "dealboard";

// Version 6 on a server: the table, its index, the writing function and a
// trigger on every logged table.
QStringList serverStatements();
// The server's trigger function alone (CREATE OR REPLACE), for an upgrade.
QString serverFunction();
// The triggers of the tables a server's `version` first logs (6: all but
// the contact merges of version 10).
QStringList serverTriggersOf(int version);
// Whether a server trigger is one of the change log's (ServerSchema::faults).
bool isOwnTrigger(const QString& name);

// The times inside a server's JSON ("…+00:00") in the stored form a file's
// log has ("…Z"), so both read alike.
QByteArray timesAsStored(const QByteArray& changes);

// On a file: this connection's TEMP triggers, naming `actor`.
Result<void> installOnFile(Database& database, const QString& actor);
// A file's TEMP triggers made again, or dropped (a bulk action, whose rows
// make one entry; a copy, which carries the source's log).
Result<void> createFileTriggers(Database& database, const QString& only = {});
Result<void> dropFileTriggers(Database& database, const QString& only = {});
// The logged table whose triggers a bulk action adding rows to `table`
// pauses; empty: every table's.
QString bulkPaused(const QString& table);
// Who the following changes of this connection are by, in a file's log (a
// server names who is signed in).
Result<void> setFileActor(Database& database, const QString& actor);
// A bulk action on a file (an import, the sample pipeline) is one entry,
// not one per row: the rows' triggers rest inside its transaction, and this
// writes the entry ("rows", "by"). A server logs every row all the same:
// nothing a client asks lets it leave one out.
Result<void> recordFileBulk(Database& database, const QString& table, qint64 rows, const QString& by);

// Reading the log, the same on both: entries oldest first, the newest id
// (0: none yet), and one entry of a read.
Result<std::vector<ChangeEntry>> entries(Database& database, const ChangeQuery& query);
Result<qint64> lastEntry(Database& database);
ChangeEntry entryOf(RawQuery& rows);

} // namespace ChangeLog

} // namespace dealboard
