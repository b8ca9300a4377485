#pragma once

// A pipeline on a PostgreSQL server (QPSQL, with libpq on the same
// connection for the whole-table reads and COPY): the session's settings, a
// connection made again when it was lost, writers that take turns on a
// deal's row, the server's notifications and the change log's sequence for
// following other connections' commits, and the server's SQLSTATE advice
// (docs/architecture.md, "Two backends"). The session's life is in
// PostgresBackendSession.cpp, the rows and the copy in PostgresBackendRows.cpp.
#include "Backend.h"
#include "ServerSchema.h"
#include "dealboard/ServerAddress.h"

#include <optional>

struct pg_conn;

namespace dealboard {

class PostgresBackend final : public Backend
{
public:
    PostgresBackend(Database& database, ServerAddress server);

    // Connected to the server named by `url` once it is trusted (no password
    // goes to a pinned server before its certificate is known), or why not.
    static Result<std::unique_ptr<Database>> connectTrusted(const QString& url);
    // The same, with the pipeline's structure accepted for use.
    static Result<std::unique_ptr<Database>> openServer(const QString& url);
    // The server's backend of `database`, which must be a server's.
    static PostgresBackend& of(Database& database);
    // What a person can do about a server's SQLSTATE.
    static QString advice(const QString& sqlState);
    // What the server's own guards refused (SQLSTATE DB001 rules, DB002 a
    // limit, DB003 no such record), in their words; nothing for other errors.
    static std::optional<Error> refusal(const QString& sqlState, const QString& text);

    // The connection's libpq handle; null while there is none.
    pg_conn* handle() const;
    const ServerAddress& server() const { return m_server; }
    ServerSchema& serverSchema() { return m_schema; }
    // Whether the connection stands (as far as libpq knows).
    bool connected() const;

    Result<void> open() override;
    bool reconnectIfLost() override;
    QString engine() override;
    bool supports(DealStore::Capability capability) const override;
    bool readsInIdOrder() const override { return false; }
    StoreSchema& schema() override { return m_schema; }
    Result<TeamSession> teamSession() override;

    Result<void> begin() override;
    Result<void> commit() override;
    void rollback() override;
    Result<void> holdDeal(qint64 id) override;
    Result<void> holdNamed(const QString& what) override;
    Result<void> keepDealIdsAbove(qint64 id) override;
    void setWaitObserver(std::function<void()>) override { }

    Error storageError(const QString& action, const QSqlQuery& query) override;
    Error rawError(const QString& action, const RawQuery& query) override;
    QString dayOf(const QString& column) const override;
    QString caseFreeLike() const override;
    const char* stageTotalsSql() const override;
    std::unique_ptr<RawRows> rows(const char* sql, bool keep) override;
    std::unique_ptr<RawRows> streamedRows(const char* sql) override;

    Result<qint64> dataVersion() override;
    bool listen(std::function<void(const QString&)> onNotice) override;
    Result<void> ping() override;
    int reconnects() const override { return m_reconnects; }
    Result<QString> feedPosition() override;
    Result<ChangeFeed> changesAfter(const QString& position) override;
    // A server names who is signed in, and logs every row regardless.
    Result<void> setActor(const QString&) override { return {}; }
    Result<void> pauseLogForBulk(const QString&) override { return {}; }
    Result<void> recordBulk(const QString&, qint64, const QString&) override { return {}; }

    Result<void> beginCopyIn() override;
    Result<qint64> copyIn(const CopyTable& table, RawQuery& rows, Database& source, const CopyIn& how) override;
    QByteArray lastIdQuery(const CopyTable& table) const override;
    QByteArray stageStaysQuery() const override;
    Result<void> setLastId(const CopyTable& table, qint64 value) override;

    // The server keeps its own files sound, and its CHECKs admit no other
    // stage or status: nothing of a file's checks to do.
    Result<void> useSmallCache() override { return {}; }
    Result<QStringList> integrityProblems() override { return QStringList(); }
    Result<void> backupTo(const QString& target) override;
    QStringList dataFaults() override { return {}; }
    int dealsOutsideTheStages() override { return 0; }

private:
    Result<void> connectToServer();
    Result<void> openSession();
    bool subscribe();
    Result<void> commitOutcome();
    // After a write waited ServerLockLimitMs for a row: who holds it, since
    // when, and what to do; the transaction is rolled back on the way.
    QString lockHolder();

    ServerAddress m_server;
    ServerSchema m_schema;
    qint64 m_ownChanges = 0; // commits this connection made: each one counts
    std::function<void(const QString&)> m_onNotice;
    bool m_noticeConnected = false;
    int m_reconnects = 0;
    QString m_lastConnectError; // why the last try to connect again failed
    QString m_transaction; // the server's id of the write transaction open (pg_current_xact_id)
};

} // namespace dealboard
