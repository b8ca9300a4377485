// A server's session beyond statements: listening for other clients'
// commits, the heartbeat, and how a commit whose reply was lost ended
// (docs/architecture.md, "The change log, notifications and connections that
// drop"). The rest of Database is in Database.cpp.
#include "ChangeLog.h"
#include "Database.h"
#include "dealboard/Requirement.h"

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

std::optional<Error> Database::serverRefusal(const QString& sqlState, const QString& text)
{
    ErrorCode code = ErrorCode::InvalidInput;
    if (sqlState == QLatin1String("23505")
        && (text.contains(QLatin1String("organizations_by_name")) || text.contains(QLatin1String("people_by_email")))) {
        // A contact's name or email is the team's, one for all: it may be
        // another rep's, hidden from this one.
        const bool person = text.contains(QLatin1String("people_by_email"));
        spdlog::info("The server refused a second contact of the same {}", person ? "email" : "name");
        return makeError(ErrorCode::InvalidInput,
                         person ? QStringLiteral("A person with that email is already in the team's pipeline (it may "
                                                 "be another rep's, which you do not see); nothing was changed. Use "
                                                 "another email, or ask a manager to link it.")
                                : QStringLiteral("An organization of that name is already in the team's pipeline (it "
                                                 "may be another rep's, which you do not see); nothing was changed. "
                                                 "Use another name, or ask a manager to link it."));
    }
    if (sqlState == QLatin1String("DB001")) {
        code = ErrorCode::RefusedByRules;
    } else if (sqlState == QLatin1String("DB003")) {
        code = ErrorCode::NotFound;
    } else if (sqlState != QLatin1String("DB002")) {
        return std::nullopt;
    }
    // libpq's text: "ERROR:  <message>\nDETAIL:  <codes>\n…".
    QString message;
    QString detail;
    for (QString line : text.split(QLatin1Char('\n'))) {
        line = line.trimmed();
        if (line.startsWith(QLatin1String("ERROR:"))) {
            message = line.mid(6).trimmed();
        } else if (line.startsWith(QLatin1String("DETAIL:"))) {
            detail = line.mid(7).trimmed();
        } else if (message.isEmpty() && !line.isEmpty()) {
            message = line;
        }
    }
    Error error = makeError(code, message);
    if (code == ErrorCode::NotFound) {
        error.missing = QStringLiteral("deal");
    }
    if (code == ErrorCode::RefusedByRules) {
        for (const QString& name : detail.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            for (int value = int(Requirement::Title); value <= int(Requirement::NotWon); ++value) {
                if (requirementCode(static_cast<Requirement>(value)) == name) {
                    error.unmet.push_back(static_cast<Requirement>(value));
                }
            }
        }
    }
    spdlog::info("The server refused a change: {}", message.toStdString());
    return error;
}

QString Database::lockHolder()
{
    // The statement that waited ended the transaction; nothing of it stays.
    PGconn* connection = serverHandle();
    if (connection == nullptr) {
        return QStringLiteral("another member's change held what it needed.");
    }
    PQclear(PQexec(connection, "ROLLBACK"));
    m_depth = 0;
    // The oldest open transaction of someone else is the one that holds
    // back the others; a stalled one is ended (see the team's end_stalled).
    // On a team the server says it (members may not read each other's
    // sessions); elsewhere the sessions are the reader's own.
    PGresult* result = PQexec(connection, "SELECT * FROM dealboard_team.oldest_change()");
    if (PQresultStatus(result) != PGRES_TUPLES_OK) {
        PQclear(result);
        result = PQexec(connection,
                        "SELECT usename, to_char(xact_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), state FROM "
                        "pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND "
                        "xact_start IS NOT NULL AND backend_type = 'client backend' ORDER BY xact_start LIMIT 1");
    }
    QString holder;
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1) {
        const QString user = QString::fromUtf8(PQgetvalue(result, 0, 0));
        const QString since = QString::fromUtf8(PQgetvalue(result, 0, 1));
        const QString state = QString::fromUtf8(PQgetvalue(result, 0, 2));
        holder = QStringLiteral("%1 has held what this change needs since %2 UTC, in a change %3, and it was waited "
                                "for %4 seconds.")
                     .arg(user.isEmpty() ? QStringLiteral("another member") : user, since,
                          state.startsWith(QLatin1String("idle")) ? QStringLiteral("left open")
                                                                  : QStringLiteral("still running"))
                     .arg(ServerLockLimitMs / 1000);
    } else {
        holder = QStringLiteral("another member's change held what it needed for over %1 seconds.")
                     .arg(ServerLockLimitMs / 1000);
    }
    PQclear(result);
    PGresult* ended = PQexec(connection, "SELECT dealboard_team.end_stalled()");
    const bool endedSome = PQresultStatus(ended) == PGRES_TUPLES_OK && PQntuples(ended) == 1
        && QByteArray(PQgetvalue(ended, 0, 0)).toInt() > 0;
    PQclear(ended);
    spdlog::warn("A change to {} waited {} ms for a lock: {}", m_path.toStdString(), ServerLockLimitMs,
                 holder.toStdString());
    return holder
        + (endedSome ? QStringLiteral(" The server has now ended that change, which was left open; try again.")
                     : QStringLiteral(" Try again in a moment: a change left open that holds up others is ended by "
                                      "the server after 30 seconds."));
}

} // namespace dealboard
