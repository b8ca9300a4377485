#pragma once

// The storage seam: what the service and the board read and write, with no
// database type in sight. DealStore opens a pipeline and hands out its
// repositories; every SQL statement lives behind them in src/core/store/.
#include "dealboard/ChangeLog.h"
#include "dealboard/CopyCounts.h"
#include "dealboard/Filters.h"
#include "dealboard/Result.h"
#include "dealboard/Team.h"
#include "dealboard/store/ActivityRepository.h"
#include "dealboard/store/ContactRepository.h"
#include "dealboard/store/DealRepository.h"
#include "dealboard/store/NoteRepository.h"
#include "dealboard/store/RateRepository.h"
#include "dealboard/store/ReportQueries.h"
#include "dealboard/store/SettingsRepository.h"
#include "dealboard/store/SnapshotQueries.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace dealboard {

class Database;
class DealStore;

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

namespace store {

// The first connection of a process to a file looks at it before opening it;
// `Additional` ones (the board's background reader) do not.
enum class Connection { First, Additional };
// The store-internal functions that make a DealStore (src/core/store/StoreOpening.h).
Result<std::unique_ptr<DealStore>> open(const QString& path, Connection connection = Connection::First);
Result<CopyCounts> copyRows(const QString& from, const QString& to, const Progress& progress);

} // namespace store

// One pipeline: an SQLite file (the schema versioned by PRAGMA user_version
// and migrated at open) or a database on a PostgreSQL server, named by a
// postgresql:// URL (created by store::initServer, upgraded by
// store::migrateServer, never changed while opening), opened by store::open
// (StoreOpening.h). It hands out the repositories, the write transactions,
// the change feed and the maintenance reads. Every value is a bound parameter.
class DealStore final
{
public:
    static constexpr int SchemaVersion = 15;
    // How long an action waits for another process's write (a long import or
    // seed) before it gives up and says so.
    static constexpr int BusyLimitMs = 60'000;

    ~DealStore();
    DealStore(const DealStore&) = delete;
    DealStore& operator=(const DealStore&) = delete;

    // What one kind of pipeline can do and the other cannot.
    enum class Capability {
        FileBackup, // a consistent copy into a new file (backupTo), and restore from one: a file
        IntegrityCheck, // SQLite's integrity check: a file
        SmallCache, // a reader's small page cache: a file
        ServerPipeline, // a pipeline made and upgraded on its own (init, migrate), a team: a server
        ChangeNotifications, // other clients' commits announced, with a heartbeat: a server
    };
    bool supports(Capability capability) const;

    // The team's users as this connection reads them; none without a team.
    Result<std::vector<TeamMember>> teamMembers();
    // Who this connection is on a team's server (read at open).
    const TeamSession& team() const { return m_team; }

    // The file's path, or the server's address (without anything secret).
    QString path() const;
    // This pipeline's engine: store::engineVersion() for a file, the server's
    // product and version for a server.
    QString engine();
    // For a connection that only reads a table through once (the board's
    // background read): a small page cache, so the process does not hold two.
    Result<void> useSmallCache();

    Result<WriteTransaction> beginWrite();

    // The repositories: reads anywhere, writes inside a WriteTransaction.
    DealRepository& deals() { return *m_deals; }
    ReportQueries& reports() { return *m_reports; }
    SnapshotQueries& snapshots() { return *m_snapshots; }
    ContactRepository& contacts() { return *m_contacts; }
    ActivityRepository& activities() { return *m_activities; }
    NoteRepository& notes() { return *m_notes; }
    SettingsRepository& settings() { return *m_settings; }
    RateRepository& rates() { return *m_rates; }

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
    // Inside a bulk action's transaction (an import, the sample pipeline)
    // that adds rows to `table`: on a file its rows make one entry, written
    // by endBulkLog ("rows", "by"), and added deals are summed into the
    // column totals there; a server logs every row regardless.
    Result<void> beginBulkLog(const QString& table);
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
    friend Result<std::unique_ptr<DealStore>> store::open(const QString& path, store::Connection connection);
    friend Result<CopyCounts> store::copyRows(const QString& from, const QString& to, const Progress& progress);

    std::unique_ptr<Database> m_database;
    std::unique_ptr<ContactRepository> m_contacts;
    std::unique_ptr<DealRepository> m_deals;
    std::unique_ptr<ReportQueries> m_reports;
    std::unique_ptr<SnapshotQueries> m_snapshots;
    std::unique_ptr<ActivityRepository> m_activities;
    std::unique_ptr<NoteRepository> m_notes;
    std::unique_ptr<SettingsRepository> m_settings;
    std::unique_ptr<RateRepository> m_rates;
    TeamSession m_team;
    int m_reconnectsSeen = 0;
    // Heartbeats so far; every StalledCheckBeats-th asks the server to end stalled changes.
    static constexpr int StalledCheckBeats = 5;
    int m_beats = 0;
};

} // namespace dealboard
