#pragma once

// The connection under a DealStore: the one place that knows it is SQLite
// through Qt SQL. Statements, transactions, errors and waiting for another
// writer live here; the repositories write portable SQL through it. A second
// backend (a server) brings its own Database and the few fast paths named
// in docs/architecture.md.
#include "dealboard/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <chrono>
#include <functional>
#include <string>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace dealboard {

class RawQuery;

class Database final
{
public:
    // How long an action waits for another process's write before it gives up.
    static constexpr int BusyLimitMs = 60'000;

    // A connection named `connectionName` (Qt SQL's registry) to `path`.
    Database(QString path, QString connectionName);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens the file (or ":memory:"); on failure returns the driver's reason.
    Result<void> open();
    const QString& path() const { return m_path; }
    QSqlDatabase& connection() { return m_db; }

    // Runs SQL without parameters (pragmas, schema statements).
    Result<void> execute(const QString& sql);
    // A statement prepared once per connection and kept.
    QSqlQuery& prepared(const QString& sql);
    // The connection's sqlite3 handle, for the reads that walk whole tables (RawQuery).
    sqlite3* rawHandle() const;
    // A C-API statement prepared once and kept for the connection's life (the hot inserts).
    sqlite3_stmt* keptStatement(const char* sql);

    // BEGIN IMMEDIATE / COMMIT / ROLLBACK.
    Result<void> begin();
    Result<void> commit();
    void rollback();

    // What failed, logged with the statement, and what a person can do about it.
    Error storageError(const QString& action, const QSqlQuery& query) const;
    Error rawError(const QString& action, const RawQuery& query) const;
    static QString advice(int resultCode);

    // Called once per wait when an action has waited a second for another
    // process's write.
    void setWaitObserver(std::function<void()> onWait) { m_onWait = std::move(onWait); }

private:
    static int waitForWriter(void* self, int attempt); // SQLite's busy handler

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_statements;
    std::unordered_map<std::string, sqlite3_stmt*> m_rawStatements;
    std::function<void()> m_onWait;
    std::chrono::steady_clock::time_point m_waitStarted;
    bool m_waitAnnounced = false;
};

} // namespace dealboard
