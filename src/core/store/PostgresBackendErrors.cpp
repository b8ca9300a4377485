// What failed on a server, and what a person can do about it: the server's
// own refusals in their words, who holds a row a write waited for, SQLSTATE
// advice. The rest of PostgresBackend is in PostgresBackend.cpp.
#include "Database.h"
#include "PostgresBackend.h"
#include "RawQuery.h"
#include "dealboard/Requirement.h"

#include <QSqlError>
#include <QSqlQuery>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

namespace dealboard {

Error PostgresBackend::storageError(const QString& action, const QSqlQuery& query)
{
    const QSqlError error = query.lastError();
    // What the server's guards refused is the user's to fix, not a failure.
    if (std::optional<Error> refused = refusal(error.nativeErrorCode(), error.databaseText())) {
        return *refused;
    }
    QString why = loggedReason(query).simplified();
    const QString sqlState = error.nativeErrorCode();
    if (why.endsWith(QLatin1Char('.'))) {
        why.chop(1);
    }
    const QString& path = m_database.path();
    if (sqlState == QLatin1String("55P03")) {
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Couldn't %1 on %2: %3 Nothing was changed.").arg(action, path, lockHolder()));
    }
    return makeError(ErrorCode::Storage,
                     QStringLiteral("Couldn't %1 on %2: %3.%4").arg(action, path, why, advice(sqlState)));
}

Error PostgresBackend::rawError(const QString& action, const RawQuery& query)
{
    const QString& path = m_database.path();
    if (const std::optional<Error> refused = refusal(query.sqlState(), query.error())) {
        return *refused;
    }
    if (query.sqlState() == QLatin1String("55P03")) {
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Couldn't %1 on %2: %3 Nothing was changed.").arg(action, path, lockHolder()));
    }
    spdlog::error("SQL failed on {}: {} (SQLSTATE {})", path.toStdString(), query.error().toStdString(),
                  query.sqlState().toStdString());
    return makeError(ErrorCode::Storage,
                     QStringLiteral("Couldn't %1 on %2: %3.%4")
                         .arg(action, path, query.error().simplified(), advice(query.sqlState())));
}

QString PostgresBackend::advice(const QString& sqlState)
{
    if (sqlState == QLatin1String("55P03")) {
        return QStringLiteral(" Another DealBoard kept writing to it for over %1 seconds (a long import); nothing "
                              "was changed. Try again when it has finished.")
            .arg(Database::BusyLimitMs / 1000);
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

std::optional<Error> PostgresBackend::refusal(const QString& sqlState, const QString& text)
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
            if (const std::optional<Requirement> requirement = requirementFromCode(name)) {
                error.unmet.push_back(*requirement);
            }
        }
    }
    spdlog::info("The server refused a change: {}", message.toStdString());
    return error;
}

QString PostgresBackend::lockHolder()
{
    // The statement that waited ended the transaction; nothing of it stays.
    PGconn* connection = handle();
    if (connection == nullptr) {
        return QStringLiteral("another member's change held what it needed.");
    }
    PQclear(PQexec(connection, "ROLLBACK"));
    m_database.endTransaction();
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
                     .arg(Database::ServerLockLimitMs / 1000);
    } else {
        holder = QStringLiteral("another member's change held what it needed for over %1 seconds.")
                     .arg(Database::ServerLockLimitMs / 1000);
    }
    PQclear(result);
    PGresult* ended = PQexec(connection, "SELECT dealboard_team.end_stalled()");
    const bool endedSome = PQresultStatus(ended) == PGRES_TUPLES_OK && PQntuples(ended) == 1
        && QByteArray(PQgetvalue(ended, 0, 0)).toInt() > 0;
    PQclear(ended);
    spdlog::warn("A change to {} waited {} ms for a lock: {}", m_database.path().toStdString(),
                 Database::ServerLockLimitMs, holder.toStdString());
    return holder
        + (endedSome ? QStringLiteral(" The server has now ended that change, which was left open; try again.")
                     : QStringLiteral(" Try again in a moment: a change left open that holds up others is ended by "
                                      "the server after 30 seconds."));
}

} // namespace dealboard
