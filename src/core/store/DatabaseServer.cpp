// A server's session beyond statements: listening for other clients'
// commits, the heartbeat, and how a commit whose reply was lost ended
// (docs/architecture.md, "The change log, notifications and connections that
// drop"). The rest of Database is in Database.cpp.
#include "ChangeLog.h"
#include "Database.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QThread>
#include <QVariant>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

namespace dealboard {

bool Database::listen(std::function<void(const QString& payload)> onNotice)
{
    if (!isServer() || !m_db.isOpen()) {
        return false;
    }
    m_onNotice = std::move(onNotice);
    return subscribe();
}

bool Database::subscribe()
{
    QSqlDriver* driver = m_db.driver();
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
        spdlog::error("Couldn't listen for changes on {}: {}", m_path.toStdString(),
                      driver->lastError().text().toStdString());
        return false;
    }
    spdlog::debug("Listening for changes on {}", m_path.toStdString());
    return true;
}

Result<void> Database::ping()
{
    if (!isServer()) {
        return {};
    }
    const auto lost = [this] {
        return makeError(ErrorCode::Storage,
                         m_lastConnectError.isEmpty() ? QStringLiteral("the connection is lost") : m_lastConnectError);
    };
    if (!connected()) {
        return reconnectIfLost() ? Result<void>() : Result<void>(lost());
    }
    QSqlQuery query(m_db);
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

bool Database::connected() const
{
    PGconn* connection = serverHandle();
    return connection != nullptr && PQstatus(connection) == CONNECTION_OK;
}

// The reply to COMMIT was lost with the connection. The server knows
// whether the transaction committed: connect again and ask it, so that the
// action is neither reported lost when it was saved (and then done twice)
// nor reported saved when it was not.
Result<void> Database::commitOutcome()
{
    m_depth = 0; // the transaction ended with the session, one way or the other
    const QString transaction = std::exchange(m_transaction, QString());
    spdlog::warn("The connection to {} was lost while committing transaction {}; asking the server how it ended",
                 m_path.toStdString(), transaction.toStdString());
    if (!transaction.isEmpty() && reconnectIfLost()) {
        QSqlQuery status(m_db);
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
            spdlog::info("Transaction {} on {} is {}", transaction.toStdString(), m_path.toStdString(),
                         outcome.toStdString());
            if (outcome == u"committed") {
                ++m_ownChanges;
                return {};
            }
            return makeError(ErrorCode::Storage,
                             QStringLiteral("The connection to %1 dropped while the change was being saved, and "
                                            "the server did not keep it: nothing was changed. Try it again.")
                                 .arg(m_path));
        }
    }
    spdlog::error("Whether transaction {} on {} committed is unknown", transaction.toStdString(), m_path.toStdString());
    return makeError(ErrorCode::Storage,
                     QStringLiteral("The connection to %1 was lost while the change was being saved, so whether "
                                    "it was saved is unknown. Look at the pipeline once connected again before "
                                    "trying it once more.")
                         .arg(m_path));
}

} // namespace dealboard
