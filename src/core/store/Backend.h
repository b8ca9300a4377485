#pragma once

// What differs between a pipeline in an SQLite file and one on a PostgreSQL
// server, behind one interface (docs/architecture.md, "Two backends"). A
// Database makes its backend once, from its location: SqliteBackend for a
// file, PostgresBackend for a server. Nothing else in the store asks which
// one it runs on; it asks the backend to do the thing.
#include "dealboard/ChangeLog.h"
#include "dealboard/DealStore.h"
#include "dealboard/Result.h"
#include "dealboard/Team.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

class QSqlQuery;

namespace dealboard {

class Database;
class RawQuery;
class StoreSchema;

// One statement's rows, read straight through the engine's C API (RawQuery's
// engine half): an SQLite statement stepped, or a server's result walked.
class RawRows
{
public:
    virtual ~RawRows() = default;
    virtual void bind(int index, std::int64_t value) = 0;
    virtual void bind(int index, const QString& text) = 0;
    virtual void bindStatic(int index, const char* text) = 0;
    virtual void bindNull(int index) = 0;
    virtual bool run() = 0;
    virtual bool next() = 0;
    virtual bool failed() const = 0;
    // The column's UTF-8 bytes, valid until next(); a null data() for NULL.
    virtual std::string_view bytes(int column) const = 0;
    virtual bool isNull(int column) const = 0;
    virtual std::int64_t int64(int column) const = 0;
    virtual QString error() const = 0;
    virtual int status() const = 0; // SQLite's result code; 0 on a server
    virtual QString sqlState() const = 0; // a server's SQLSTATE; empty on a file
};

// A table a copy moves, and how its rows come in.
struct CopyTable
{
    const char* name;
    const char* columns;
    int columnCount;
    bool autoincrement; // on a file, an AUTOINCREMENT counter to carry over
    bool identity; // on a server, an identity sequence to set
};

// What a copy into this backend needs from the caller: whether to go on
// (progress; false when stopped), and how to say that it failed.
struct CopyIn
{
    std::function<bool(qint64 copied)> goOn;
    std::function<Error()> cancelled;
    std::function<Error(const QString& why)> failed;
};

class Backend
{
public:
    // The pipeline at `location` opened and its structure accepted, by the
    // backend the location names: a server's address (PostgresBackend) or a
    // file's path (SqliteBackend, which looks at the main file alone first
    // on the process's first connection).
    static Result<std::unique_ptr<Database>> open(const QString& location, bool firstConnection);

    explicit Backend(Database& database)
        : m_database(database)
    {
    }
    virtual ~Backend() = default;
    Backend(const Backend&) = delete;
    Backend& operator=(const Backend&) = delete;

    // The connection.
    virtual Result<void> open() = 0;
    // A server's connection lost and made again; true when it was.
    virtual bool reconnectIfLost() = 0;
    // The engine and its version ("SQLite 3.40.1", "PostgreSQL 15.4").
    virtual QString engine() = 0;
    // What this kind of pipeline can do (DealStore::supports).
    virtual bool supports(DealStore::Capability capability) const = 0;
    // Whether a whole-table read without ORDER BY still comes in id order,
    // as a file's table is stored; a server's comes in any order, and
    // sorting it there costs more than ordering it in the client.
    virtual bool readsInIdOrder() const = 0;
    // Who this connection is on a team's server; nobody in particular on a file.
    virtual Result<TeamSession> teamSession() = 0;
    // The pipeline's structure: accepted at open, guarded on every write.
    virtual StoreSchema& schema() = 0;

    // Transactions and locks. The outermost transaction; Database nests the
    // inner ones as savepoints.
    virtual Result<void> begin() = 0;
    virtual Result<void> commit() = 0;
    virtual void rollback() = 0;
    // Holds deal `id` for this transaction's change of it (a file's writers
    // already take turns).
    virtual Result<void> holdDeal(qint64 id) = 0;
    // Holds the lock named `what` for this transaction.
    virtual Result<void> holdNamed(const QString& what) = 0;
    // After a deal was written with its own `id`: deals' ids given later are
    // higher.
    virtual Result<void> keepDealIdsAbove(qint64 id) = 0;
    // Called once per wait when an action has waited a second for another
    // process's write.
    virtual void setWaitObserver(std::function<void()> onWait) = 0;

    // What failed, logged with the statement, and what a person can do about it.
    virtual Error storageError(const QString& action, const QSqlQuery& query) = 0;
    virtual Error rawError(const QString& action, const RawQuery& query) = 0;

    // The dialect's spellings: the UTC day of a stored time, comparable with
    // a stored date; LIKE that ignores ASCII case.
    virtual QString dayOf(const QString& column) const = 0;
    virtual QString caseFreeLike() const = 0;
    // The column totals by stage, status, currency and the deal's own win
    // probability (NULL: the stage's): the deals' count, and their values'
    // millions and rest (NULL: past 64 bits). A file reads the table its
    // triggers keep (StageTotalsTable.h); a server sums the deals.
    virtual const char* stageTotalsSql() const = 0;

    // Whole-table reads (RawQuery). `keep`: a statement kept prepared for the
    // connection's life (the hot inserts).
    virtual std::unique_ptr<RawRows> rows(const char* sql, bool keep) = 0;
    // A read whose rows are handed on as they arrive, for a walk that keeps
    // none (the export): a server sends them one by one while it still reads
    // the rest, instead of the whole result first. Nothing else may run on the
    // connection until its rows are read or it is gone. A file's rows always
    // come as SQLite steps.
    virtual std::unique_ptr<RawRows> streamedRows(const char* sql) { return rows(sql, false); }

    // The change feed. Changes whenever another connection commits.
    virtual Result<qint64> dataVersion() = 0;
    // Calls `onNotice` with the table's name of each other connection's
    // commit, again after every reconnect; false where nothing notifies.
    virtual bool listen(std::function<void(const QString& payload)> onNotice) = 0;
    // A round trip, connecting again when the connection was lost.
    virtual Result<void> ping() = 0;
    // How many times the connection was made again after it was lost.
    virtual int reconnects() const = 0;
    // The feed's position now, and what committed after a position.
    virtual Result<QString> feedPosition() = 0;
    virtual Result<ChangeFeed> changesAfter(const QString& position) = 0;
    // The change log's writing: who the following changes are by; a bulk
    // action as one entry; a copy's rows not logged again.
    virtual Result<void> setActor(const QString& actor) = 0;
    virtual Result<void> pauseLogForBulk(const QString& table) = 0;
    virtual Result<void> recordBulk(const QString& table, qint64 rows, const QString& by) = 0;

    // Copy in and copy out.
    // Before the rows come in, inside the copy's transaction.
    virtual Result<void> beginCopyIn() = 0;
    // Every row of `rows` (the source's `SELECT columns`) into `table`; how many.
    virtual Result<qint64> copyIn(const CopyTable& table, RawQuery& rows, Database& source, const CopyIn& how) = 0;
    // The last id `table`'s sequence gave (0: none), as lastIdQuery reads it.
    Result<qint64> lastId(const CopyTable& table);
    virtual QByteArray lastIdQuery(const CopyTable& table) const = 0;

    // How long deals stayed in each stage (StallMarks): two parameters, the
    // window's start and end as stored times; columns stage, deals behind,
    // the stays' percentile in days, and the stays (StallMarksTable.cpp).
    virtual QByteArray stageStaysQuery() const = 0;
    // The next id `table` gives is after `value`.
    virtual Result<void> setLastId(const CopyTable& table, qint64 value) = 0;

    // Maintenance: what only a file has, answered on a server as it has always been.
    virtual Result<void> useSmallCache() = 0;
    virtual Result<QStringList> integrityProblems() = 0;
    virtual Result<void> backupTo(const QString& target) = 0;
    virtual QStringList dataFaults() = 0;
    virtual int dealsOutsideTheStages() = 0;

protected:
    // A failed statement logged with its text; the database's reason for it.
    QString loggedReason(const QSqlQuery& query) const;

    Database& m_database;
};

} // namespace dealboard
