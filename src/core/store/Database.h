#pragma once

// The connection under a DealStore: an SQLite file (QSQLITE) or a
// PostgreSQL server (QPSQL, with libpq for the whole-table reads and COPY).
// Statements, transactions, errors, waiting for another writer and the few
// spellings the two dialects do not share live here; the repositories write
// portable SQL through it (docs/architecture.md, "Two backends").
#include "dealboard/Result.h"
#include "dealboard/ServerAddress.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;
struct pg_conn;

namespace dealboard {

class RawQuery;

class Database final
{
public:
    // How long an action waits for another process's write before it gives up.
    static constexpr int BusyLimitMs = 60'000;
    // On a server, how long a write waits for a row another member holds.
    static constexpr int ServerLockLimitMs = 5'000;

    enum class Engine { SQLite, PostgreSQL };

    // A connection named `connectionName` (Qt SQL's registry) to the file `path`.
    Database(QString path, QString connectionName);
    // A connection to a database on a server.
    Database(ServerAddress server, QString connectionName);
    // Connected to the server named by `url` (not yet looked at), or why not,
    // naming the address and what to check.
    static Result<std::unique_ptr<Database>> connectTo(const QString& url);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens the file (or ":memory:") or connects; on failure returns the driver's reason.
    Result<void> open();
    // The file's path, or the server's address without anything secret.
    const QString& path() const { return m_path; }
    Engine engine() const { return m_engine; }
    bool isServer() const { return m_engine == Engine::PostgreSQL; }
    const ServerAddress& server() const { return m_server; }
    QSqlDatabase& connection() { return m_db; }

    // Runs SQL without parameters (pragmas, schema statements).
    Result<void> execute(const QString& sql);
    // A statement prepared once per connection and kept.
    QSqlQuery& prepared(const QString& sql);
    // The connection's sqlite3 handle, for the reads that walk whole tables (RawQuery).
    sqlite3* rawHandle() const;
    // The server connection's libpq handle (RawQuery, COPY); null on SQLite.
    pg_conn* serverHandle() const;

    // What the two dialects spell differently.
    // The UTC day of a stored time, comparable with a stored date.
    QString dayOf(const QString& column) const;
    // LIKE that ignores ASCII case (SQLite's LIKE does; PostgreSQL's ILIKE
    // on "C"-collated text does the same).
    QString caseFreeLike() const;
    // A C-API statement prepared once and kept for the connection's life (the hot inserts).
    sqlite3_stmt* keptStatement(const char* sql);

    // Commits this connection made (on a server, where each one counts).
    qint64 ownChanges() const { return m_ownChanges; }

    // On a team's server for one of its members: the server's guards give
    // ids, times, versions and the stage history, and a deal's delete and
    // undo go through the server's archive.
    bool derivedByServer() const { return m_derivedByServer; }
    void setDerivedByServer(bool derived) { m_derivedByServer = derived; }

    // BEGIN IMMEDIATE / COMMIT / ROLLBACK.
    Result<void> begin();
    Result<void> commit();
    void rollback();

    // What failed, logged with the statement, and what a person can do about it.
    Error storageError(const QString& action, const QSqlQuery& query) const;
    Error rawError(const QString& action, const RawQuery& query) const;
    static QString advice(int resultCode);
    // The same for a server's SQLSTATE.
    QString serverAdvice(const QString& sqlState) const;
    // What the server's own guards refused (SQLSTATE DB001 rules, DB002 a
    // limit, DB003 no such record), in their words; nothing for other errors.
    static std::optional<Error> serverRefusal(const QString& sqlState, const QString& text);

    // Called once per wait when an action has waited a second for another
    // process's write.
    void setWaitObserver(std::function<void()> onWait) { m_onWait = std::move(onWait); }

    // On a server: listens to the change log's channel and calls `onNotice`
    // with the payload (a table's name) of each other connection's commit,
    // again after every reconnect. False on a file or when the server refused.
    bool listen(std::function<void(const QString& payload)> onNotice);
    // A round trip to the server. A lost connection is connected again (and
    // listens again); the error when it cannot be.
    Result<void> ping();
    // Whether a server's connection stands (as far as libpq knows).
    bool connected() const;
    // How many times this connection was made again after it was lost: what
    // was notified in between is not known.
    int reconnects() const { return m_reconnects; }

private:
    static int waitForWriter(void* self, int attempt); // SQLite's busy handler
    Result<void> connectToServer();
    Result<void> openServerSession();
    // Connects to the server again when the connection was lost; true when it did.
    bool reconnectIfLost();
    bool subscribe();
    Result<void> commitOutcome();
    // After a write waited ServerLockLimitMs for a row: who holds it, since
    // when, and what to do; the transaction is rolled back on the way.
    QString lockHolder();

    Engine m_engine = Engine::SQLite;
    ServerAddress m_server;
    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_statements;
    std::unordered_map<std::string, sqlite3_stmt*> m_rawStatements;
    std::function<void()> m_onWait;
    std::chrono::steady_clock::time_point m_waitStarted;
    bool m_waitAnnounced = false;
    qint64 m_ownChanges = 0;
    std::function<void(const QString&)> m_onNotice;
    bool m_noticeConnected = false;
    int m_reconnects = 0;
    QString m_lastConnectError; // why the last try to connect again failed
    QString m_transaction; // a server's id of the write transaction open (pg_current_xact_id)
    // Write transactions open on this connection: an action inside another
    // (each deal of a batch) is a savepoint of the outer one.
    int m_depth = 0;
    bool m_derivedByServer = false;
};

} // namespace dealboard
