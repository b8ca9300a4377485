#pragma once

// The connection under a DealStore, the same for a file and a server:
// statements prepared once and kept, transactions (an action inside another
// is a savepoint of it), and errors. What differs between an SQLite file and
// a PostgreSQL server is its Backend, made once with it from the location;
// the repositories write portable SQL through it (docs/architecture.md,
// "Two backends").
#include "Backend.h"
#include "dealboard/Result.h"
#include "dealboard/ServerAddress.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <functional>
#include <memory>

namespace dealboard {

class RawQuery;

class Database final
{
public:
    // How long an action waits for another process's write before it gives up.
    static constexpr int BusyLimitMs = 60'000;
    // On a server, how long a write waits for a row another member holds.
    static constexpr int ServerLockLimitMs = 5'000;

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
    Result<void> open() { return m_backend->open(); }
    // The file's path, or the server's address without anything secret.
    const QString& path() const { return m_path; }
    const QString& connectionName() const { return m_connectionName; }
    QSqlDatabase& connection() { return m_db; }
    const QSqlDatabase& connection() const { return m_db; }
    // What this pipeline's engine does its own way.
    Backend& backend() const { return *m_backend; }

    // Runs SQL without parameters (pragmas, schema statements).
    Result<void> execute(const QString& sql);
    // A statement prepared once per connection and kept.
    QSqlQuery& prepared(const QString& sql);
    // Forgets the kept statements (a connection made again has none).
    void forgetPrepared() { m_statements.clear(); }

    // What the two dialects spell differently (Backend::dayOf, caseFreeLike).
    QString dayOf(const QString& column) const { return m_backend->dayOf(column); }
    QString caseFreeLike() const { return m_backend->caseFreeLike(); }

    // On a team's server for one of its members: the server's guards give
    // ids, times, versions and the stage history, and a deal's delete and
    // undo go through the server's archive.
    bool derivedByServer() const { return m_derivedByServer; }
    void setDerivedByServer(bool derived) { m_derivedByServer = derived; }

    // Begins a write transaction (the backend's), or a savepoint inside one;
    // commits or rolls back the same.
    Result<void> begin();
    Result<void> commit();
    void rollback();
    // Write transactions open on this connection (0: none).
    int depth() const { return m_depth; }
    // The transaction ended without a word from this connection (its
    // session was lost, or a wait for a lock rolled it back).
    void endTransaction() { m_depth = 0; }

    // What failed, logged with the statement, and what a person can do about it.
    Error storageError(const QString& action, const QSqlQuery& query) const
    {
        return m_backend->storageError(action, query);
    }
    Error rawError(const QString& action, const RawQuery& query) const { return m_backend->rawError(action, query); }

    // Called once per wait when an action has waited a second for another
    // process's write.
    void setWaitObserver(std::function<void()> onWait) { m_backend->setWaitObserver(std::move(onWait)); }

private:
    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_statements;
    // Write transactions open on this connection: an action inside another
    // (each deal of a batch) is a savepoint of the outer one.
    int m_depth = 0;
    bool m_derivedByServer = false;
    std::unique_ptr<Backend> m_backend; // last: made from, and gone before, the rest
};

} // namespace dealboard
