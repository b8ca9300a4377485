#include "Database.h"

#include "PostgresBackend.h"
#include "SqliteBackend.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <spdlog/spdlog.h>

namespace dealboard {

Database::Database(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
    , m_backend(std::make_unique<SqliteBackend>(*this))
{
}

Database::Database(ServerAddress server, QString connectionName)
    : m_path(server.shown())
    , m_connectionName(std::move(connectionName))
    , m_backend(std::make_unique<PostgresBackend>(*this, std::move(server)))
{
}

Database::~Database()
{
    m_statements.clear();
    m_backend.reset();
    if (m_db.isValid()) {
        m_db.close();
    }
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
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
    m_backend->reconnectIfLost();
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
    if (Result<void> begun = m_backend->begin(); !begun) {
        return begun;
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
    if (Result<void> committed = m_backend->commit(); !committed) {
        return committed;
    }
    m_depth = 0;
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
    m_backend->rollback();
}

} // namespace dealboard
