#pragma once

// The storage seam: what the service and the board read and write, with no
// database type in sight. DealStore opens a pipeline and hands out its
// repositories; every SQL statement lives behind them in src/core/store/.
#include "dealboard/ChangeLog.h"
#include "dealboard/Result.h"
#include "dealboard/store/ActivityRepository.h"
#include "dealboard/store/ContactRepository.h"
#include "dealboard/store/DealRepository.h"
#include "dealboard/store/Filters.h"
#include "dealboard/store/NoteRepository.h"
#include "dealboard/store/ReportQueries.h"
#include "dealboard/store/SettingsRepository.h"
#include "dealboard/store/Team.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace dealboard {

class Database;

// What a copy of a pipeline moved.
struct CopyCounts
{
    qint64 deals = 0;
    qint64 rows = 0; // in every table
    qint64 milliseconds = 0;
};

// A write transaction begun with BEGIN IMMEDIATE; rolled back unless committed.
class WriteTransaction final
{
public:
    explicit WriteTransaction(Database* database)
        : m_database(database)
    {
    }
    WriteTransaction(WriteTransaction&& other) noexcept
        : m_database(std::exchange(other.m_database, nullptr))
    {
    }
    WriteTransaction& operator=(WriteTransaction&&) = delete;
    WriteTransaction(const WriteTransaction&) = delete;
    ~WriteTransaction();

    Result<void> commit();

private:
    Database* m_database;
};

// One pipeline: an SQLite file (the schema versioned by PRAGMA user_version
// and migrated at open) or a database on a PostgreSQL server, named by a
// postgresql:// URL (created by initServer, upgraded by migrateServer, never
// changed while opening). Every value is a bound parameter.
class DealStore final
{
public:
    static constexpr int SchemaVersion = 7;
    // How long an action waits for another process's write (a long import or
    // seed) before it gives up and says so.
    static constexpr int BusyLimitMs = 60'000;

    // Opens (creating it owner-only when missing) and migrates the database.
    // Refuses, leaving the file as it was: a missing folder, a file that is not
    // SQLite, another program's SQLite file, a database from a newer DealBoard.
    // A file with a -wal or hot -journal beside it is judged on its main file
    // alone first, so a refused file is never recovered or rewritten.
    // `Additional` connections (the board's background reader) skip that look:
    // the first connection of the process has made it.
    enum class Connection { First, Additional };
    static Result<std::unique_ptr<DealStore>> open(const QString& path, Connection connection = Connection::First);
    ~DealStore();
    DealStore(const DealStore&) = delete;
    DealStore& operator=(const DealStore&) = delete;

    // Creates a pipeline in an empty database on a server; refuses one that
    // holds any table. A client never does this while opening.
    static Result<void> initServer(const QString& url);
    // Upgrades a server's pipeline to this DealBoard's schema; says what it did.
    static Result<QString> migrateServer(const QString& url);

    // Every table of the pipeline `from` into `to` (a file or a server), all
    // or nothing, ids and id sequences kept. `to` must be new, or hold a
    // pipeline with no rows (a server's database just made by initServer, or
    // an empty one, which gets the structure first); otherwise it is refused
    // and left as it was.
    // `progress` counts the rows copied of every table's; stopped, the copy
    // keeps nothing (ErrorCode::Cancelled).
    static Result<CopyCounts> copyPipeline(const QString& from, const QString& to, const Progress& progress = {});

    // The team on a server (ServerTeam.cpp), set up by the database's owner
    // or a superuser: roles for reps and managers of this database only,
    // tables owned by a role that cannot log in, grants and row-level
    // security. Its users are then administered by a manager or the
    // database's owner, neither of whom needs the right to make roles.
    static Result<void> initTeam(const QString& url);
    // A login of the team; the password reaches the server as a SCRAM hash.
    static Result<void> addTeamMember(const QString& url, const QString& name, TeamRole role, const QString& password);
    static Result<std::vector<TeamMember>> teamMembers(const QString& url);
    static Result<void> setTeamRole(const QString& url, const QString& name, TeamRole role);
    // A user who may no longer sign in, or may again.
    static Result<void> setTeamMemberEnabled(const QString& url, const QString& name, bool enabled);
    // The team's users as this connection reads them; none without a team.
    Result<std::vector<TeamMember>> teamMembers();
    // Who this connection is on a team's server (read at open).
    const TeamSession& team() const { return m_team; }

    // The file's path, or the server's address (without anything secret).
    QString path() const;
    bool isServer() const;
    // The database engine and its version, for the About dialog ("SQLite 3.40.1").
    static QString engineVersion();
    // This pipeline's engine: engineVersion() for a file, the server's
    // product and version for a server.
    QString engine();
    // For a connection that only reads a table through once (the board's
    // background read): a small page cache, so the process does not hold two.
    Result<void> useSmallCache();

    Result<WriteTransaction> beginWrite();

    // The repositories: reads anywhere, writes inside a WriteTransaction.
    DealRepository& deals() { return *m_deals; }
    ReportQueries& reports() { return *m_reports; }
    ContactRepository& contacts() { return *m_contacts; }
    ActivityRepository& activities() { return *m_activities; }
    NoteRepository& notes() { return *m_notes; }
    SettingsRepository& settings() { return *m_settings; }

    // Changes whenever another connection commits (PRAGMA data_version).
    Result<qint64> dataVersion();

    // The change log, oldest first (ChangeLog.cpp); on a team's server only
    // the entries of rows this login may read.
    Result<std::vector<ChangeEntry>> changes(const ChangeQuery& query);
    // The newest entry's id (0: none yet).
    Result<qint64> lastChange();
    // The feed's position now, and what committed after a position (watch).
    Result<QString> feedPosition();
    Result<ChangeFeed> changesAfter(const QString& position);
    // Who this connection's changes are by in a file's change log (a server
    // names who is signed in).
    Result<void> setActor(const QString& actor);
    // Inside a bulk action's transaction (an import, the sample pipeline): on
    // a file its rows make one entry, written by endBulkLog ("rows", "by");
    // a server logs every row regardless.
    Result<void> beginBulkLog();
    Result<void> endBulkLog(const QString& table, qint64 rows, const QString& by);

    // On a server: calls `onChange` with the table's name whenever another
    // connection commits a change, through the server's notifications
    // (LISTEN), kept across reconnects; false on a file, whose readers
    // follow dataVersion() instead.
    bool followChanges(std::function<void(const QString& table)> onChange);
    // A round trip to the server, reconnecting (and listening again) when the
    // connection was lost; the error when it cannot. True when the connection
    // was made again since the last heartbeat (by it or by any statement):
    // what was notified meanwhile is unknown. Nothing to do on a file.
    Result<bool> heartbeat();

    // Maintenance.
    Result<QStringList> integrityProblems(); // SQLite's integrity_check; empty when sound
    // A consistent, owner-only copy at `target` (a new file) while others
    // may go on writing.
    Result<void> backupTo(const QString& target);
    // Called once per wait when an action has waited a second for another
    // process's write (the CLI prints a line, the board shows it is busy).
    void setWaitObserver(std::function<void()> onWait);
    // How the file's structure differs from the one DealBoard makes (unknown
    // triggers, views, tables, columns, indexes; missing ones); empty when equal.
    QStringList schemaFaults();
    // Rows no DealBoard action could have written (StoreCheck.cpp); one line
    // each, naming the row; at most 1,000.
    QStringList dataFaults();
    // Deals whose stored stage or status is none DealBoard knows (the board
    // shows them in Prospecting, open, and says so).
    int dealsOutsideTheStages();

private:
    explicit DealStore(std::unique_ptr<Database> database);
    static Result<CopyCounts> copyRows(const QString& from, const QString& to, const Progress& progress);
    static Result<TeamSession> teamSessionOf(Database& database);

    std::unique_ptr<Database> m_database;
    std::unique_ptr<ContactRepository> m_contacts;
    std::unique_ptr<DealRepository> m_deals;
    std::unique_ptr<ReportQueries> m_reports;
    std::unique_ptr<ActivityRepository> m_activities;
    std::unique_ptr<NoteRepository> m_notes;
    std::unique_ptr<SettingsRepository> m_settings;
    TeamSession m_team;
    int m_reconnectsSeen = 0;
    // Heartbeats so far; every StalledCheckBeats-th asks the server to end stalled changes.
    static constexpr int StalledCheckBeats = 5;
    int m_beats = 0;
};

} // namespace dealboard
