#include "PostgresBackend.h"

#include "Database.h"
#include "StoreOpening.h"
#include "dealboard/ServerTrust.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

namespace dealboard {

namespace {

// The write transaction's id, taken as it begins: should the reply to its
// COMMIT be lost, the server can still say whether it committed.
constexpr const char* TransactionId = "SELECT pg_current_xact_id()::text";

} // namespace

PostgresBackend::PostgresBackend(Database& database, ServerAddress server)
    : Backend(database)
    , m_server(std::move(server))
    , m_schema(database)
{
}

PostgresBackend& PostgresBackend::of(Database& database)
{
    return static_cast<PostgresBackend&>(database.backend());
}

Result<std::unique_ptr<Database>> PostgresBackend::connectTrusted(const QString& url)
{
    if (Result<void> trusted = ServerTrust::check(url); !trusted) {
        return trusted.error();
    }
    return Database::connectTo(url);
}

Result<std::unique_ptr<Database>> PostgresBackend::openServer(const QString& url)
{
    Result<std::unique_ptr<Database>> database = connectTrusted(url);
    if (!database) {
        return database.error();
    }
    if (Result<void> accepted = database.value()->backend().schema().accept(); !accepted) {
        return accepted.error();
    }
    return database;
}

Result<void> PostgresBackend::open()
{
    return connectToServer();
}

Result<void> PostgresBackend::connectToServer()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Qt's PostgreSQL driver is not installed (Debian: libqt6sql6-psql)."));
    }
    QSqlDatabase& db = m_database.connection();
    db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_database.connectionName());
    db.setHostName(m_server.host);
    db.setPort(m_server.port);
    db.setDatabaseName(m_server.database);
    if (!m_server.user.isEmpty()) {
        db.setUserName(m_server.user);
    }
    if (const QString password = serverPassword(); !password.isEmpty()) {
        db.setPassword(password);
    }
    db.setConnectOptions(m_server.connectOptions());
    return openSession();
}

Result<void> PostgresBackend::openSession()
{
    QSqlDatabase& db = m_database.connection();
    if (!db.open()) {
        QString why = db.lastError().databaseText().trimmed();
        if (why.isEmpty()) {
            why = db.lastError().text().trimmed();
        }
        // libpq's message can span lines ("connection to server ... failed: ...").
        why.replace(QLatin1Char('\n'), QLatin1Char(' '));
        return makeError(ErrorCode::Storage, why.simplified());
    }
    // Times travel as UTC in ISO form (RawQuery and the readers expect it);
    // a write waits for another writer's lock as long as on a file.
    for (const QString& setting : {QStringLiteral("SET TIME ZONE 'UTC'"), QStringLiteral("SET DateStyle = 'ISO, YMD'"),
                                   QStringLiteral("SET lock_timeout = '%1ms'").arg(Database::ServerLockLimitMs)}) {
        if (Result<void> done = m_database.execute(setting); !done) {
            return done;
        }
    }
    if (m_onNotice) {
        subscribe();
    }
    return {};
}

bool PostgresBackend::reconnectIfLost()
{
    PGconn* connection = handle();
    if (connection != nullptr && PQstatus(connection) == CONNECTION_OK) {
        return false;
    }
    const std::string path = m_database.path().toStdString();
    if (m_database.depth() > 0) {
        // Lost in the middle of an action: its transaction died with the
        // session, so the action must fail whole; the next one connects again.
        spdlog::warn("The connection to {} was lost during a change; the change is not saved", path);
        return false;
    }
    // A board stays open all day; the server may restart under it. What was
    // prepared on the old session is gone with it.
    spdlog::warn("The connection to {} was lost; connecting again", path);
    m_database.forgetPrepared();
    m_database.connection().close();
    // The server must still be the one this user trusted (a pinned address).
    if (Result<void> trusted = ServerTrust::check(m_server); !trusted) {
        spdlog::error("Not connecting to {} again: {}", path, trusted.error().message.toStdString());
        m_lastConnectError = trusted.error().message;
        return false;
    }
    if (Result<void> opened = openSession(); !opened) {
        spdlog::error("Connecting to {} again failed: {}", path, opened.error().message.toStdString());
        m_lastConnectError = opened.error().message;
        return false;
    }
    m_lastConnectError.clear();
    spdlog::info("Connected to {} again", path);
    ++m_reconnects;
    return true;
}

pg_conn* PostgresBackend::handle() const
{
    const QSqlDatabase& db = m_database.connection();
    if (!db.isValid()) {
        return nullptr;
    }
    const QVariant handle = db.driver()->handle();
    if (handle.isValid()
        && (qstrcmp(handle.typeName(), "PGconn*") == 0 || qstrcmp(handle.typeName(), "pg_conn*") == 0)) {
        return *static_cast<PGconn* const*>(handle.constData());
    }
    return nullptr;
}

bool PostgresBackend::connected() const
{
    PGconn* connection = handle();
    return connection != nullptr && PQstatus(connection) == CONNECTION_OK;
}

QString PostgresBackend::engine()
{
    QSqlQuery query(m_database.connection());
    if (query.exec(QStringLiteral("SHOW server_version")) && query.next()) {
        return QStringLiteral("PostgreSQL %1").arg(query.value(0).toString().section(QLatin1Char(' '), 0, 0));
    }
    return QStringLiteral("PostgreSQL");
}

// A server's pipeline is made and upgraded on its own and announces other
// clients' commits; the file's maintenance is not its.
bool PostgresBackend::supports(DealStore::Capability capability) const
{
    switch (capability) {
    case DealStore::Capability::ServerPipeline:
    case DealStore::Capability::ChangeNotifications:
        return true;
    case DealStore::Capability::FileBackup:
    case DealStore::Capability::IntegrityCheck:
    case DealStore::Capability::SmallCache:
        return false;
    }
    return false;
}

Result<TeamSession> PostgresBackend::teamSession()
{
    return store::teamSessionOf(m_database);
}

QString PostgresBackend::dayOf(const QString& column) const
{
    return QStringLiteral("CAST(%1 AS date)").arg(column);
}

QString PostgresBackend::caseFreeLike() const
{
    return QStringLiteral("ILIKE");
}

const char* PostgresBackend::stageTotalsSql() const
{
    return "SELECT stage, status, currency, probability_percent, COUNT(*), SUM(value_minor / 1000000), "
           "SUM(value_minor % 1000000) FROM deals GROUP BY stage, status, currency, probability_percent "
           "ORDER BY stage, status, currency, probability_percent";
}

// There is no lock that every writer takes: writers of different deals go on
// in parallel, and a change of a deal that somebody else changed in between
// is refused as stale by its version (each UPDATE names the version it read).
Result<void> PostgresBackend::begin()
{
    reconnectIfLost();
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("BEGIN"))) {
        // A server that went away since the last action: nothing has
        // happened yet, so connect again and begin once more.
        if (!reconnectIfLost()) {
            if (!connected()) {
                spdlog::warn("Refused a change to {}: not connected", m_database.path().toStdString());
                return makeError(ErrorCode::Storage,
                                 QStringLiteral("Not connected to %1, so nothing was changed. DealBoard connects "
                                                "again by itself; try once it is back.")
                                     .arg(m_database.path()));
            }
            return storageError(QStringLiteral("start a change"), query);
        }
        QSqlQuery again(m_database.connection());
        if (!again.exec(QStringLiteral("BEGIN"))) {
            return storageError(QStringLiteral("start a change"), again);
        }
    }
    QSqlQuery id(m_database.connection());
    if (!id.exec(QString::fromLatin1(TransactionId)) || !id.next()) {
        Error error = storageError(QStringLiteral("start a change"), id);
        m_database.rollback();
        return error;
    }
    m_transaction = id.value(0).toString();
    return {};
}

Result<void> PostgresBackend::commit()
{
    const QString path = m_database.path();
    // A server ends a transaction in which a statement failed with a
    // rollback, even when asked to commit: say so rather than "saved".
    if (PGconn* connection = handle(); connection != nullptr && PQtransactionStatus(connection) == PQTRANS_INERROR) {
        spdlog::error("Not committing on {}: a statement of the transaction failed", path.toStdString());
        m_database.rollback();
        return makeError(
            ErrorCode::Storage,
            QStringLiteral("Couldn't save the change on %1: a step of it failed; nothing was saved.").arg(path));
    }
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("COMMIT"))) {
        if (!connected()) {
            return commitOutcome();
        }
        Error error = storageError(QStringLiteral("save the change"), query);
        m_database.rollback();
        return error;
    }
    ++m_ownChanges;
    return {};
}

void PostgresBackend::rollback()
{
    if (PGconn* connection = handle(); connection != nullptr && PQtransactionStatus(connection) == PQTRANS_IDLE) {
        return; // ended already (a lock wait's rollback, see lockHolder)
    }
    QSqlQuery rollback(m_database.connection());
    if (!rollback.exec(QStringLiteral("ROLLBACK"))) {
        spdlog::error("Rolling back a transaction on {} failed: {}", m_database.path().toStdString(),
                      rollback.lastError().text().toStdString());
    }
}

// Writers of the same deal take turns on its row, for as long as the
// server's bound allows; writers of other deals never wait. A row the
// caller may not change is not locked, and the change is refused after.
Result<void> PostgresBackend::holdDeal(qint64 id)
{
    QSqlQuery& query = m_database.prepared(QStringLiteral("SELECT id FROM deals WHERE id = ? FOR NO KEY UPDATE"));
    query.addBindValue(id);
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("change the deal"), query);
    }
    query.finish();
    return {};
}

Result<void> PostgresBackend::holdNamed(const QString& what)
{
    QSqlQuery& query = m_database.prepared(QStringLiteral("SELECT pg_advisory_xact_lock(hashtext(?))"));
    query.addBindValue(QStringLiteral("dealboard.") + what);
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("change the %1").arg(what), query);
    }
    query.finish();
    return {};
}

// A sequence never goes back: the next new deal gets a higher id.
Result<void> PostgresBackend::keepDealIdsAbove(qint64 id)
{
    QSqlQuery& advance = m_database.prepared(
        QStringLiteral("SELECT setval(pg_get_serial_sequence('deals', 'id'), GREATEST(CAST(? AS bigint), "
                       "(SELECT last_value FROM deals_id_seq)))"));
    advance.addBindValue(id);
    if (!advance.exec()) {
        return m_database.storageError(QStringLiteral("save the new deal"), advance);
    }
    advance.finish();
    return {};
}

// The service refuses first, in its words (Capabilities::require); this only
// keeps the store from being asked for what it cannot do.
Result<void> PostgresBackend::backupTo(const QString&)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("A pipeline on a server has no file to back up."));
}

} // namespace dealboard
