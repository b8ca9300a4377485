#include "Database.h"

#include "RawQuery.h"
#include "ServerSchema.h"
#include "dealboard/ServerTrust.h"

#include <QAtomicInteger>
#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace dealboard {

namespace {

// The write transaction's id, taken as it begins: should the reply to its
// COMMIT be lost, the server can still say whether it committed.
constexpr const char* TransactionId = "SELECT pg_current_xact_id()::text";

} // namespace

Database::Database(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{
}

Database::Database(ServerAddress server, QString connectionName)
    : m_engine(Engine::PostgreSQL)
    , m_server(std::move(server))
    , m_path(m_server.shown())
    , m_connectionName(std::move(connectionName))
{
}

Database::~Database()
{
    m_statements.clear();
    for (auto& [sql, statement] : m_rawStatements) {
        sqlite3_finalize(statement);
    }
    m_rawStatements.clear();
    if (m_db.isValid()) {
        m_db.close();
    }
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<void> Database::open()
{
    if (isServer()) {
        return connectToServer();
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    if (!m_db.open()) {
        return makeError(ErrorCode::Storage, m_db.lastError().text());
    }
    // Waits for another writer as long as BusyLimitMs, saying so once it
    // takes long (see waitForWriter).
    sqlite3_busy_handler(rawHandle(), &Database::waitForWriter, this);
    return {};
}

Result<std::unique_ptr<Database>> Database::connectTo(const QString& url)
{
    static QAtomicInteger<int> counter;
    Result<ServerAddress> address = ServerAddress::parse(url);
    if (!address) {
        return address.error();
    }
    auto database = std::make_unique<Database>(
        address.value(), QStringLiteral("dealboard-server-%1").arg(counter.fetchAndAddRelaxed(1)));
    if (Result<void> opened = database->open(); !opened) {
        spdlog::error("Connecting to {} failed: {}", database->path().toStdString(),
                      opened.error().message.toStdString());
        QString why = opened.error().message;
        if (!why.endsWith(QLatin1Char('.')) && !why.endsWith(QLatin1Char('?'))) {
            why += QLatin1Char('.');
        }
        Error error = makeError(ErrorCode::Storage,
                                QStringLiteral("Can't connect to the pipeline on %1: %2 Check the address, that the "
                                               "server runs and lets you in, and the password.")
                                    .arg(database->path(), why));
        // Each front end says where it takes a password from.
        error.missing = QStringLiteral("connection");
        return error;
    }
    spdlog::info("Connected to {}", database->path().toStdString());
    return database;
}

Result<void> Database::connectToServer()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Qt's PostgreSQL driver is not installed (Debian: libqt6sql6-psql)."));
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    m_db.setHostName(m_server.host);
    m_db.setPort(m_server.port);
    m_db.setDatabaseName(m_server.database);
    if (!m_server.user.isEmpty()) {
        m_db.setUserName(m_server.user);
    }
    if (const QString password = serverPassword(); !password.isEmpty()) {
        m_db.setPassword(password);
    }
    m_db.setConnectOptions(m_server.connectOptions());
    return openServerSession();
}

Result<void> Database::openServerSession()
{
    if (!m_db.open()) {
        QString why = m_db.lastError().databaseText().trimmed();
        if (why.isEmpty()) {
            why = m_db.lastError().text().trimmed();
        }
        // libpq's message can span lines ("connection to server ... failed: ...").
        why.replace(QLatin1Char('\n'), QLatin1Char(' '));
        return makeError(ErrorCode::Storage, why.simplified());
    }
    // Times travel as UTC in ISO form (RawQuery and the readers expect it);
    // a write waits for another writer's lock as long as on a file.
    for (const QString& setting : {QStringLiteral("SET TIME ZONE 'UTC'"), QStringLiteral("SET DateStyle = 'ISO, YMD'"),
                                   QStringLiteral("SET lock_timeout = '%1ms'").arg(ServerLockLimitMs)}) {
        if (Result<void> done = execute(setting); !done) {
            return done;
        }
    }
    if (m_onNotice) {
        subscribe();
    }
    return {};
}

bool Database::reconnectIfLost()
{
    if (!isServer()) {
        return false;
    }
    PGconn* connection = serverHandle();
    if (connection != nullptr && PQstatus(connection) == CONNECTION_OK) {
        return false;
    }
    if (m_depth > 0) {
        // Lost in the middle of an action: its transaction died with the
        // session, so the action must fail whole; the next one connects again.
        spdlog::warn("The connection to {} was lost during a change; the change is not saved", m_path.toStdString());
        return false;
    }
    // A board stays open all day; the server may restart under it. What was
    // prepared on the old session is gone with it.
    spdlog::warn("The connection to {} was lost; connecting again", m_path.toStdString());
    m_statements.clear();
    m_db.close();
    // The server must still be the one this user trusted (a pinned address).
    if (Result<void> trusted = ServerTrust::check(m_server); !trusted) {
        spdlog::error("Not connecting to {} again: {}", m_path.toStdString(), trusted.error().message.toStdString());
        m_lastConnectError = trusted.error().message;
        return false;
    }
    if (Result<void> opened = openServerSession(); !opened) {
        spdlog::error("Connecting to {} again failed: {}", m_path.toStdString(), opened.error().message.toStdString());
        m_lastConnectError = opened.error().message;
        return false;
    }
    m_lastConnectError.clear();
    spdlog::info("Connected to {} again", m_path.toStdString());
    ++m_reconnects;
    return true;
}

pg_conn* Database::serverHandle() const
{
    if (!isServer() || !m_db.isValid()) {
        return nullptr;
    }
    const QVariant handle = m_db.driver()->handle();
    if (handle.isValid()
        && (qstrcmp(handle.typeName(), "PGconn*") == 0 || qstrcmp(handle.typeName(), "pg_conn*") == 0)) {
        return *static_cast<PGconn* const*>(handle.constData());
    }
    return nullptr;
}

QString Database::dayOf(const QString& column) const
{
    return isServer() ? QStringLiteral("CAST(%1 AS date)").arg(column)
                      : QStringLiteral("substr(%1, 1, 10)").arg(column);
}

QString Database::caseFreeLike() const
{
    return isServer() ? QStringLiteral("ILIKE") : QStringLiteral("LIKE");
}

Result<void> Database::execute(const QString& sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        return storageError(QStringLiteral("update the database"), query);
    }
    return {};
}

QSqlQuery& Database::prepared(const QString& sql)
{
    reconnectIfLost();
    auto found = m_statements.find(sql);
    if (found == m_statements.end()) {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!query.prepare(sql)) {
            spdlog::error("Preparing SQL failed: {} ({})", query.lastError().text().toStdString(), sql.toStdString());
        }
        found = m_statements.insert(sql, query);
    }
    return found.value();
}

sqlite3* Database::rawHandle() const
{
    if (isServer()) {
        return nullptr;
    }
    const QVariant handle = m_db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        return *static_cast<sqlite3* const*>(handle.constData());
    }
    return nullptr;
}

sqlite3_stmt* Database::keptStatement(const char* sql)
{
    auto found = m_rawStatements.find(sql);
    if (found != m_rawStatements.end()) {
        return found->second;
    }
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(rawHandle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK) {
        spdlog::error("Preparing SQL failed: {} ({})", sqlite3_errmsg(rawHandle()), sql);
        sqlite3_finalize(statement);
        return nullptr;
    }
    m_rawStatements.emplace(sql, statement);
    return statement;
}

// On a file BEGIN IMMEDIATE lets one writer in at a time. On a server there
// is no lock that every writer takes: writers of different deals go on in
// parallel, and a change of a deal that somebody else changed in between is
// refused as stale by its version (each UPDATE names the version it read).
Result<void> Database::begin()
{
    if (m_depth > 0) {
        // Inside another action: a savepoint, which the outer transaction
        // keeps or drops with everything else.
        QSqlQuery savepoint(m_db);
        if (!savepoint.exec(QStringLiteral("SAVEPOINT dealboard_%1").arg(m_depth))) {
            return storageError(QStringLiteral("start a change"), savepoint);
        }
        ++m_depth;
        return {};
    }
    reconnectIfLost();
    QSqlQuery query(m_db);
    if (!query.exec(isServer() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"))) {
        // A server that went away since the last action: nothing has
        // happened yet, so connect again and begin once more.
        if (!reconnectIfLost()) {
            if (isServer() && !connected()) {
                spdlog::warn("Refused a change to {}: not connected", m_path.toStdString());
                return makeError(ErrorCode::Storage,
                                 QStringLiteral("Not connected to %1, so nothing was changed. DealBoard connects "
                                                "again by itself; try once it is back.")
                                     .arg(m_path));
            }
            return storageError(QStringLiteral("start a change"), query);
        }
        QSqlQuery again(m_db);
        if (!again.exec(QStringLiteral("BEGIN"))) {
            return storageError(QStringLiteral("start a change"), again);
        }
    }
    if (isServer()) {
        QSqlQuery id(m_db);
        if (!id.exec(QString::fromLatin1(TransactionId)) || !id.next()) {
            Error error = storageError(QStringLiteral("start a change"), id);
            rollback();
            return error;
        }
        m_transaction = id.value(0).toString();
    }
    m_depth = 1;
    return {};
}

Result<void> Database::commit()
{
    if (m_depth > 1) {
        QSqlQuery release(m_db);
        if (!release.exec(QStringLiteral("RELEASE SAVEPOINT dealboard_%1").arg(m_depth - 1))) {
            Error error = storageError(QStringLiteral("save the change"), release);
            rollback();
            return error;
        }
        --m_depth;
        return {};
    }
    if (isServer()) {
        // A server ends a transaction in which a statement failed with a
        // rollback, even when asked to commit: say so rather than "saved".
        if (PGconn* connection = serverHandle();
            connection != nullptr && PQtransactionStatus(connection) == PQTRANS_INERROR) {
            spdlog::error("Not committing on {}: a statement of the transaction failed", m_path.toStdString());
            rollback();
            return makeError(
                ErrorCode::Storage,
                QStringLiteral("Couldn't save the change on %1: a step of it failed; nothing was saved.").arg(m_path));
        }
    }
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("COMMIT"))) {
        if (isServer() && !connected()) {
            return commitOutcome();
        }
        Error error = storageError(QStringLiteral("save the change"), query);
        rollback();
        return error;
    }
    m_depth = 0;
    if (isServer()) {
        ++m_ownChanges;
    }
    return {};
}

void Database::rollback()
{
    if (m_depth > 1) {
        // This action only; the outer one goes on (on a server this also
        // clears the error state a failed statement left).
        --m_depth;
        QSqlQuery back(m_db);
        if (!back.exec(QStringLiteral("ROLLBACK TO SAVEPOINT dealboard_%1").arg(m_depth))
            || !back.exec(QStringLiteral("RELEASE SAVEPOINT dealboard_%1").arg(m_depth))) {
            spdlog::error("Rolling back a step of a transaction on {} failed: {}", m_path.toStdString(),
                          back.lastError().text().toStdString());
        }
        return;
    }
    m_depth = 0;
    if (PGconn* connection = serverHandle(); connection != nullptr && PQtransactionStatus(connection) == PQTRANS_IDLE) {
        return; // ended already (a lock wait's rollback, see lockHolder)
    }
    QSqlQuery rollback(m_db);
    if (!rollback.exec(QStringLiteral("ROLLBACK"))) {
        spdlog::error("Rolling back a transaction on {} failed: {}", m_path.toStdString(),
                      rollback.lastError().text().toStdString());
    }
}

Error Database::storageError(const QString& action, const QSqlQuery& query) const
{
    const QSqlError error = query.lastError();
    // What the server's guards refused is the user's to fix, not a failure.
    if (isServer()) {
        if (std::optional<Error> refused = serverRefusal(error.nativeErrorCode(), error.databaseText())) {
            return *refused;
        }
    }
    spdlog::error("SQL failed on {}: {} (native code {}); statement: {}", m_path.toStdString(),
                  error.text().toStdString(), error.nativeErrorCode().toStdString(), query.lastQuery().toStdString());
    QString why = error.databaseText().trimmed();
    if (why.isEmpty()) {
        why = error.text().trimmed();
    }
    if (why.isEmpty()) {
        why = QStringLiteral("the database gave no reason (code %1)").arg(error.nativeErrorCode());
    }
    if (isServer()) {
        const QString sqlState = error.nativeErrorCode();
        why = why.simplified();
        if (why.endsWith(QLatin1Char('.'))) {
            why.chop(1);
        }
        if (sqlState == QLatin1String("55P03")) {
            return makeError(ErrorCode::Storage,
                             QStringLiteral("Couldn't %1 on %2: %3 Nothing was changed.")
                                 .arg(action, m_path, const_cast<Database*>(this)->lockHolder()));
        }
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Couldn't %1 on %2: %3.%4").arg(action, m_path, why, serverAdvice(sqlState)));
    }
    return makeError(ErrorCode::Storage,
                     QStringLiteral("Couldn't %1: %2.%3").arg(action, why, advice(error.nativeErrorCode().toInt())));
}

Error Database::rawError(const QString& action, const RawQuery& query) const
{
    if (isServer()) {
        if (const std::optional<Error> refused = serverRefusal(query.sqlState(), query.error())) {
            return *refused;
        }
        if (query.sqlState() == QLatin1String("55P03")) {
            return makeError(ErrorCode::Storage,
                             QStringLiteral("Couldn't %1 on %2: %3 Nothing was changed.")
                                 .arg(action, m_path, const_cast<Database*>(this)->lockHolder()));
        }
        spdlog::error("SQL failed on {}: {} (SQLSTATE {})", m_path.toStdString(), query.error().toStdString(),
                      query.sqlState().toStdString());
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Couldn't %1 on %2: %3.%4")
                             .arg(action, m_path, query.error().simplified(), serverAdvice(query.sqlState())));
    }
    spdlog::error("SQL failed on {}: {} (SQLite code {})", m_path.toStdString(), query.error().toStdString(),
                  query.status());
    return makeError(ErrorCode::Storage,
                     QStringLiteral("Couldn't %1: %2.%3").arg(action, query.error(), advice(query.status())));
}

// What a person can do about an SQLite failure, from its result code.
QString Database::advice(int resultCode)
{
    QString advice;
    // SQLite's primary result code is the low byte of an extended one.
    const int code = resultCode & 0xff;
    switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        advice = QStringLiteral(" Another DealBoard kept writing to it for over %1 seconds (a long import or "
                                "seed); nothing was changed. Try again when it has finished.")
                     .arg(BusyLimitMs / 1000);
        break;
    case SQLITE_READONLY:
        advice = QStringLiteral(" The database file is read-only.");
        break;
    case SQLITE_IOERR:
    case SQLITE_FULL:
        advice
            = QStringLiteral(" The disk may be full (or failing): free some space and try again. Nothing was saved.");
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        advice
            = QStringLiteral(" The database file is damaged; restore it from a backup (a check of the pipeline lists "
                             "what is wrong). Nothing was changed.");
        break;
    default:
        break;
    }
    return advice;
}

QString Database::serverAdvice(const QString& sqlState) const
{
    if (sqlState == QLatin1String("55P03")) {
        return QStringLiteral(" Another DealBoard kept writing to it for over %1 seconds (a long import); nothing "
                              "was changed. Try again when it has finished.")
            .arg(BusyLimitMs / 1000);
    }
    if (sqlState.startsWith(QLatin1String("08")) || sqlState.startsWith(QLatin1String("57P")) || sqlState.isEmpty()) {
        return QStringLiteral(" The connection to the server was lost or refused; nothing was saved. Check that the "
                              "server runs and try again.");
    }
    if (sqlState == QLatin1String("42501")) {
        return QStringLiteral(" Your database user may not do this; ask the server's administrator.");
    }
    if (sqlState == QLatin1String("53100")) {
        return QStringLiteral(" The server's disk is full; nothing was saved. Ask its administrator to free space.");
    }
    return {};
}

int Database::waitForWriter(void* self, int attempt)
{
    auto* database = static_cast<Database*>(self);
    using Clock = std::chrono::steady_clock;
    const Clock::time_point now = Clock::now();
    if (attempt == 0) {
        database->m_waitStarted = now;
        database->m_waitAnnounced = false;
    }
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now - database->m_waitStarted).count();
    if (waited >= BusyLimitMs) {
        spdlog::warn("Gave up waiting for another writer of {} after {} ms", database->m_path.toStdString(), waited);
        return 0;
    }
    if (!database->m_waitAnnounced && waited >= 1000) {
        database->m_waitAnnounced = true;
        spdlog::info("Waiting for another writer of {}", database->m_path.toStdString());
        if (database->m_onWait) {
            database->m_onWait();
        }
    }
    // Short sleeps first, as SQLite's own timeout does, then steady 50 ms.
    static constexpr int Sleeps[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50};
    const int sleepMs = attempt < static_cast<int>(std::size(Sleeps)) ? Sleeps[attempt] : 50;
    sqlite3_sleep(sleepMs);
    return 1;
}

} // namespace dealboard
