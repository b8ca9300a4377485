#pragma once

// Opening a pipeline and administering one, inside the store: what makes a
// DealStore (a file opened and migrated, a server's database accepted), what
// makes or upgrades a server's pipeline, the copy between two pipelines, and
// a team's administration on a server. The service's PipelineOpener and
// TeamAdministration call these; nothing outside src/core sees them.
#include "dealboard/DealStore.h"
#include "dealboard/Result.h"
#include "dealboard/store/Team.h"

#include <QString>
#include <memory>
#include <vector>

namespace dealboard {

class Database;

namespace store {

// Opens (creating it owner-only when missing) and migrates the database.
// Refuses, leaving the file as it was: a missing folder, a file that is not
// SQLite, another program's SQLite file, a database from a newer DealBoard.
// A file with a -wal or hot -journal beside it is judged on its main file
// alone first, so a refused file is never recovered or rewritten.
// `Additional` connections (the board's background reader) skip that look:
// the first connection of the process has made it. (StoreOpening.cpp; the
// declaration is DealStore.h's, which makes it a friend:
// store::open(path, Connection connection).)

// Creates a pipeline in an empty database on a server; refuses one that
// holds any table. A client never does this while opening.
Result<void> initServer(const QString& url);
// Upgrades a server's pipeline to this DealBoard's schema; says what it did.
Result<QString> migrateServer(const QString& url);
// The database engine and its version, for the About dialog ("SQLite 3.40.1").
QString engineVersion();

// Every table of the pipeline `from` into `to` (a file or a server), all
// or nothing, ids and id sequences kept. `to` must be new, or hold a
// pipeline with no rows (a server's database just made by initServer, or
// an empty one, which gets the structure first); otherwise it is refused
// and left as it was.
// `progress` counts the rows copied of every table's; stopped, the copy
// keeps nothing (ErrorCode::Cancelled). (PipelineCopy.cpp)
Result<CopyCounts> copyPipeline(const QString& from, const QString& to, const Progress& progress = {});

// The team on a server (ServerTeam.cpp), set up by the database's owner
// or a superuser: roles for reps and managers of this database only,
// tables owned by a role that cannot log in, grants and row-level
// security. Its users are then administered by a manager or the
// database's owner, neither of whom needs the right to make roles.
Result<void> initTeam(const QString& url);
// A login of the team; the password reaches the server as a SCRAM hash.
Result<void> addTeamMember(const QString& url, const QString& name, TeamRole role, const QString& password);
Result<std::vector<TeamMember>> teamMembers(const QString& url);
Result<void> setTeamRole(const QString& url, const QString& name, TeamRole role);
// A user who may no longer sign in, or may again.
Result<void> setTeamMemberEnabled(const QString& url, const QString& name, bool enabled);
// Who a connection is on a server (read at open and on heartbeats).
Result<TeamSession> teamSessionOf(Database& database);

} // namespace store

} // namespace dealboard
