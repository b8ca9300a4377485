#pragma once

// A pipeline in an SQLite file (QSQLITE, with SQLite's C API on the same
// connection for the whole-table reads and the hot inserts): BEGIN IMMEDIATE
// lets one writer in at a time, a busy handler waits for another process's
// write, PRAGMA data_version follows other connections' commits, and TEMP
// triggers write the change log (docs/architecture.md, "Two backends").
#include "Backend.h"
#include "Schema.h"

#include <chrono>
#include <optional>
#include <string>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace dealboard {

class SqliteBackend final : public Backend
{
public:
    explicit SqliteBackend(Database& database);
    ~SqliteBackend() override;

    // The file at `path` opened (created owner-only when missing) and its
    // structure accepted, or why not, leaving the file as it was. Only the
    // process's first connection looks at the main file alone first
    // (SqliteBackendOpen.cpp).
    static Result<std::unique_ptr<Database>> openFile(const QString& path, bool firstConnection);
    // The file's backend of `database`, which must be a file's.
    static SqliteBackend& of(Database& database);
    // SQLite's version ("SQLite 3.40.1").
    static QString version();
    // What a person can do about an SQLite failure, from its result code.
    static QString advice(int resultCode);

    // The connection's sqlite3 handle.
    sqlite3* handle() const;
    // A C-API statement prepared once and kept for the connection's life.
    sqlite3_stmt* keptStatement(const char* sql);
    Schema& fileSchema() { return m_schema; }

    Result<void> open() override;
    bool reconnectIfLost() override { return false; }
    QString engine() override { return version(); }
    bool supports(DealStore::Capability capability) const override;
    bool readsInIdOrder() const override { return true; }
    StoreSchema& schema() override { return m_schema; }
    Result<TeamSession> teamSession() override { return TeamSession(); }

    Result<void> begin() override;
    Result<void> commit() override;
    void rollback() override;
    Result<void> holdDeal(qint64) override { return {}; }
    Result<void> holdNamed(const QString&) override { return {}; }
    Result<void> keepDealIdsAbove(qint64) override { return {}; }
    void setWaitObserver(std::function<void()> onWait) override { m_onWait = std::move(onWait); }

    Error storageError(const QString& action, const QSqlQuery& query) override;
    Error rawError(const QString& action, const RawQuery& query) override;
    QString dayOf(const QString& column) const override;
    QString caseFreeLike() const override;
    const char* stageTotalsSql() const override;
    std::unique_ptr<RawRows> rows(const char* sql, bool keep) override;

    Result<qint64> dataVersion() override;
    bool listen(std::function<void(const QString&)>) override { return false; }
    Result<void> ping() override { return {}; }
    int reconnects() const override { return 0; }
    Result<QString> feedPosition() override;
    Result<ChangeFeed> changesAfter(const QString& position) override;
    Result<void> setActor(const QString& actor) override;
    Result<void> pauseLogForBulk(const QString& table) override;
    Result<void> recordBulk(const QString& table, qint64 rows, const QString& by) override;

    Result<void> beginCopyIn() override;
    Result<qint64> copyIn(const CopyTable& table, RawQuery& rows, Database& source, const CopyIn& how) override;
    QByteArray lastIdQuery(const CopyTable& table) const override;
    QByteArray stageStaysQuery() const override;
    Result<void> setLastId(const CopyTable& table, qint64 value) override;

    Result<void> useSmallCache() override;
    Result<QStringList> integrityProblems() override;
    Result<void> backupTo(const QString& target) override;
    QStringList dataFaults() override;
    int dealsOutsideTheStages() override;

private:
    static int waitForWriter(void* self, int attempt); // SQLite's busy handler

    Schema m_schema;
    std::unordered_map<std::string, sqlite3_stmt*> m_keptStatements;
    std::function<void()> m_onWait;
    // Inside a bulk addition of deals: the last deal id before it, whose
    // later deals the column totals count at its end.
    std::optional<qint64> m_uncountedAfter;
    std::chrono::steady_clock::time_point m_waitStarted;
    bool m_waitAnnounced = false;
};

} // namespace dealboard
