// A server's session beyond statements: listening for other clients'
// commits, the heartbeat, how a commit whose reply was lost ended, and the
// change feed (docs/architecture.md, "The change log, notifications and
// connections that drop").
#include "ChangeLog.h"
#include "Database.h"
#include "PostgresBackend.h"
#include "RawQuery.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

namespace dealboard {

bool PostgresBackend::listen(std::function<void(const QString& payload)> onNotice)
{
    if (!m_database.connection().isOpen()) {
        return false;
    }
    m_onNotice = std::move(onNotice);
    return subscribe();
}

bool PostgresBackend::subscribe()
{
    QSqlDriver* driver = m_database.connection().driver();
    const QString channel = QString::fromLatin1(ChangeLog::Channel);
    if (!m_noticeConnected) {
        // The driver outlives a reconnect (close, open): connected once.
        QObject::connect(driver, &QSqlDriver::notification, driver,
                         [this](const QString& name, QSqlDriver::NotificationSource source, const QVariant& payload) {
                             // This connection's own commits are known already.
                             if (name == QLatin1String(ChangeLog::Channel) && source == QSqlDriver::OtherSource
                                 && m_onNotice) {
                                 m_onNotice(payload.toString());
                             }
                         });
        m_noticeConnected = true;
    }
    if (driver->subscribedToNotifications().contains(channel)) {
        return true;
    }
    if (!driver->subscribeToNotification(channel)) {
        spdlog::error("Couldn't listen for changes on {}: {}", m_database.path().toStdString(),
                      driver->lastError().text().toStdString());
        return false;
    }
    spdlog::debug("Listening for changes on {}", m_database.path().toStdString());
    return true;
}

Result<void> PostgresBackend::ping()
{
    const auto lost = [this] {
        return makeError(ErrorCode::Storage,
                         m_lastConnectError.isEmpty() ? QStringLiteral("the connection is lost") : m_lastConnectError);
    };
    if (!connected()) {
        return reconnectIfLost() ? Result<void>() : Result<void>(lost());
    }
    QSqlQuery query(m_database.connection());
    if (query.exec(QStringLiteral("SELECT 1"))) {
        return {};
    }
    // A server restarted or a connection ended from its side shows only
    // now: the query failed and the connection is marked lost.
    if (connected()) {
        return storageError(QStringLiteral("reach the server"), query);
    }
    return reconnectIfLost() ? Result<void>() : Result<void>(lost());
}

// Every commit counts, less this connection's own.
Result<qint64> PostgresBackend::dataVersion()
{
    QSqlQuery& query = m_database.prepared(ServerSchema::readChanges());
    if (!query.exec() || !query.next()) {
        return m_database.storageError(QStringLiteral("check for changes"), query);
    }
    const qint64 version = query.value(0).toLongLong() - m_ownChanges;
    query.finish();
    return version;
}

Result<void> PostgresBackend::commitOutcome()
{
    m_database.endTransaction(); // the transaction ended with the session, one way or the other
    const QString transaction = std::exchange(m_transaction, QString());
    spdlog::warn("The connection to {} was lost while committing transaction {}; asking the server how it ended",
                 m_database.path().toStdString(), transaction.toStdString());
    if (!transaction.isEmpty() && reconnectIfLost()) {
        QSqlQuery status(m_database.connection());
        status.prepare(QStringLiteral("SELECT pg_xact_status(CAST(? AS xid8))"));
        QString outcome;
        // The old session may not have ended on the server yet: its
        // transaction is then still "in progress" for a moment.
        for (int asked = 0; asked < 50 && (outcome.isEmpty() || outcome == u"in progress"); ++asked) {
            if (asked > 0) {
                QThread::msleep(100);
            }
            status.addBindValue(transaction);
            outcome = status.exec() && status.next() && !status.value(0).isNull() ? status.value(0).toString()
                                                                                  : QStringLiteral("unknown");
            status.finish();
        }
        if (outcome == u"committed" || outcome == u"aborted") {
            spdlog::info("Transaction {} on {} is {}", transaction.toStdString(), m_database.path().toStdString(),
                         outcome.toStdString());
            if (outcome == u"committed") {
                ++m_ownChanges;
                return {};
            }
            return makeError(ErrorCode::Storage,
                             QStringLiteral("The connection to %1 dropped while the change was being saved, and "
                                            "the server did not keep it: nothing was changed. Try it again.")
                                 .arg(m_database.path()));
        }
    }
    spdlog::error("Whether transaction {} on {} committed is unknown", transaction.toStdString(),
                  m_database.path().toStdString());
    return makeError(ErrorCode::Storage,
                     QStringLiteral("The connection to %1 was lost while the change was being saved, so whether "
                                    "it was saved is unknown. Look at the pipeline once connected again before "
                                    "trying it once more.")
                         .arg(m_database.path()));
}

// What committed after a position: the server's snapshot, since ids are
// given before commit and may commit out of order.
Result<QString> PostgresBackend::feedPosition()
{
    RawQuery now(m_database, "SELECT pg_current_snapshot()::text");
    if (!now.next()) {
        return m_database.rawError(QStringLiteral("read the change log"), now);
    }
    return now.text(0);
}

Result<ChangeFeed> PostgresBackend::changesAfter(const QString& position)
{
    ChangeFeed feed;
    // One snapshot for both reads: what it shows committed is read now, and
    // the next read starts from it. An entry is new when its transaction had
    // not committed in the last snapshot, whatever its id.
    if (Result<void> begun = m_database.execute(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
        !begun) {
        return begun.error();
    }
    const auto read = [&]() -> Result<void> {
        RawQuery now(m_database, "SELECT pg_current_snapshot()::text");
        if (!now.next()) {
            return m_database.rawError(QStringLiteral("read the change log"), now);
        }
        feed.position = now.text(0);
        RawQuery rows(m_database,
                      "SELECT id, changed_at, actor, table_name, row_key, deal_id, action, changes FROM change_log "
                      "WHERE xact >= pg_snapshot_xmin(CAST(? AS pg_snapshot)) AND NOT "
                      "pg_visible_in_snapshot(xact, CAST(? AS pg_snapshot)) ORDER BY id");
        rows.bind(1, position);
        rows.bind(2, position);
        while (rows.next()) {
            feed.entries.push_back(ChangeLog::entryOf(rows));
        }
        if (rows.failed()) {
            return m_database.rawError(QStringLiteral("read the change log"), rows);
        }
        return {};
    };
    const Result<void> done = read();
    if (Result<void> ended = m_database.execute(done ? QStringLiteral("COMMIT") : QStringLiteral("ROLLBACK")); !ended) {
        return ended.error();
    }
    if (!done) {
        return done.error();
    }
    return feed;
}

} // namespace dealboard
