// store::copyPipeline: every table from one pipeline to another, a file
// to a server or back, all or nothing, ids and id sequences kept. Rows go to
// a server through COPY, to a file through one kept INSERT per table.
#include "ChangeLog.h"
#include "Database.h"
#include "RawQuery.h"
#include "ServerSchema.h"
#include "StoreOpening.h"
#include "dealboard/DealStore.h"
#include "dealboard/PipelineLocation.h"
#include "dealboard/ServerAddress.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

namespace dealboard {

namespace {

struct Table
{
    const char* name;
    const char* columns;
    const char* order;
    bool autoincrement; // on a file, an AUTOINCREMENT counter to carry over
    bool identity; // on a server, an identity sequence to set
};

// In the order their foreign keys allow; the columns are the same on both engines.
const Table Tables[] = {
    {"organizations", "id, name, industry, size, region, website, notes", "id", true, true},
    {"people", "id, name, email, phone, role, organization_id, notes", "id", true, true},
    {"organization_tags", "organization_id, tag", "organization_id, tag", false, false},
    {"person_tags", "person_id, tag", "person_id, tag", false, false},
    {"segment_rules", "tag, min_touch_days", "tag", false, false},
    {"settings", "key, value", "key", false, false},
    {"stage_goals", "stage, target_conversion_bp, target_median_days", "stage", false, false},
    {"stage_probabilities", "stage, percent", "stage", false, false},
    {"quotas", "owner, month, currency, amount_minor", "owner, month, currency", false, false},
    {"deals",
     "id, title, owner, stage, status, value_minor, currency, expected_close, willing, need, budget, lost_reason, "
     "created_at, updated_at, stage_entered_at, version, organization_id, person_id, origin_deal_id, "
     "probability_percent",
     "id", true, true},
    {"stage_history",
     "id, deal_id, from_stage, to_stage, from_status, to_status, at, actor, entered_before, reason_before, undone, "
     "undoes",
     "id", false, true},
    {"activities", "id, deal_id, person_id, kind, subject, due_date, due_time, done, done_at, notes, created_at", "id",
     true, true},
    {"notes", "id, deal_id, author, body, created_at", "id", true, true},
    {"change_log", "id, changed_at, actor, table_name, row_key, deal_id, action, changes", "id", true, true},
};

int columnCount(const char* columns)
{
    return static_cast<int>(QByteArray(columns).count(',')) + 1;
}

// A value in COPY's text form: backslash, tab, newline and carriage return escaped.
void appendCopyValue(QByteArray& line, std::string_view value)
{
    for (const char c : value) {
        switch (c) {
        case '\\':
            line += "\\\\";
            break;
        case '\t':
            line += "\\t";
            break;
        case '\n':
            line += "\\n";
            break;
        case '\r':
            line += "\\r";
            break;
        default:
            line += c;
        }
    }
}

Error copyFailed(const QString& from, const QString& to, const QString& why)
{
    spdlog::error("Copying {} to {} failed: {}", from.toStdString(), to.toStdString(), why.toStdString());
    return makeError(
        ErrorCode::Storage,
        QStringLiteral("Couldn't copy %1 to %2: %3 Nothing was copied; the target is as it was.").arg(from, to, why));
}

// The last id each table's sequence gave: on a file the AUTOINCREMENT
// counter (or the highest id, for a table without one), on a server the
// identity sequence.
Result<std::vector<std::pair<const Table*, qint64>>> sequences(Database& database)
{
    std::vector<std::pair<const Table*, qint64>> values;
    for (const Table& table : Tables) {
        if (!table.identity) {
            continue;
        }
        QByteArray sql;
        if (database.isServer()) {
            sql = QByteArray("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM ") + table.name + "_id_seq";
        } else if (table.autoincrement) {
            sql = QByteArray("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '") + table.name + "'), 0)";
        } else {
            sql = QByteArray("SELECT COALESCE(MAX(id), 0) FROM ") + table.name;
        }
        RawQuery query(database, sql.constData());
        qint64 value = 0;
        if (query.next()) {
            value = query.int64(0);
        } else if (query.failed()) {
            return database.rawError(QStringLiteral("read the id sequences"), query);
        }
        values.emplace_back(&table, value);
    }
    return values;
}

} // namespace

namespace store {

Result<CopyCounts> copyPipeline(const QString& from, const QString& to, const Progress& progress)
{
    const bool newFile = !PipelineLocation::isAddress(to) && !QFileInfo::exists(to);
    Result<CopyCounts> copied = copyRows(from, to, progress);
    if (!copied && newFile && QFileInfo::exists(to)) {
        // All or nothing: a file this copy made goes again.
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            QFile::remove(to + QLatin1String(suffix));
        }
    }
    return copied;
}

Result<CopyCounts> copyRows(const QString& from, const QString& to, const Progress& progress)
{
    QElapsedTimer timer;
    timer.start();
    const bool targetIsServer = PipelineLocation::isAddress(to);
    if (!PipelineLocation::isAddress(from) && !QFileInfo::exists(from)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("There is no pipeline file '%1' to copy from.").arg(from));
    }
    Result<std::unique_ptr<DealStore>> source = open(from);
    if (!source) {
        return source.error();
    }
    if (targetIsServer) {
        // A new database gets the structure first; a database with a
        // pipeline in it is checked below for rows.
        Result<void> created = initServer(to);
        if (!created && created.error().code != ErrorCode::InvalidInput) {
            return created.error();
        }
    }
    Result<std::unique_ptr<DealStore>> opened = open(to);
    if (!opened) {
        return opened.error();
    }
    DealStore& target = *opened.value();
    Database& in = *source.value()->m_database;
    Database& out = *target.m_database;
    if (in.path() == out.path()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 is both the source and the target of the copy; "
                                        "name two pipelines.")
                             .arg(in.path()));
    }
    const QString shownFrom = in.path();
    const QString shownTo = out.path();

    Result<WriteTransaction> transaction = target.beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    // The source's change log comes along; the copy's own rows are not news.
    if (Result<void> paused = ChangeLog::pauseForCopy(out); !paused) {
        return paused.error();
    }
    // Rows that must already be there: the target holds none.
    for (const Table& table : Tables) {
        RawQuery any(out, (QByteArray("SELECT 1 FROM ") + table.name + " LIMIT 1").constData());
        if (any.next()) {
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("%1 already holds %2. A copy goes into a new pipeline or one just made "
                                            "with init, so that nothing in it is mixed or lost; it was left "
                                            "untouched.")
                                 .arg(shownTo, QString::fromLatin1(table.name)));
        }
        if (any.failed()) {
            return out.rawError(QStringLiteral("read the target"), any);
        }
    }
    if (!out.isServer()) {
        // A follow-up may point at a deal with a higher id: the keys are
        // checked at commit, once every row is in.
        if (Result<void> deferred = out.execute(QStringLiteral("PRAGMA defer_foreign_keys = ON")); !deferred) {
            return deferred.error();
        }
    }

    // Every row of the source, for the progress told along the way.
    qint64 total = 0;
    if (progress) {
        for (const Table& table : Tables) {
            RawQuery count(in, (QByteArray("SELECT count(*) FROM ") + table.name).constData());
            if (!count.next()) {
                return in.rawError(QStringLiteral("count %1").arg(QString::fromLatin1(table.name)), count);
            }
            total += count.int64(0);
        }
    }
    CopyCounts counts;
    bool stopped = false;
    const auto goOn = [&](qint64 copiedOfTable) {
        if (progress && copiedOfTable % 1000 == 0
            && !progress(counts.rows + copiedOfTable, std::max<qint64>(total, 1))) {
            stopped = true;
        }
        return !stopped;
    };
    const auto cancelled = [&] {
        spdlog::info("Stopped the copy of {} to {} on request; nothing was kept", shownFrom.toStdString(),
                     shownTo.toStdString());
        return makeError(ErrorCode::Cancelled, QStringLiteral("Stopped: the copy kept nothing in %1.").arg(shownTo));
    };
    for (const Table& table : Tables) {
        const int columns = columnCount(table.columns);
        const QByteArray select
            = QByteArray("SELECT ") + table.columns + " FROM " + table.name + " ORDER BY " + table.order;
        RawQuery rows(in, select.constData());
        qint64 copied = 0;
        if (out.isServer()) {
            PGconn* connection = out.serverHandle();
            const QByteArray copy = QByteArray("COPY ") + table.name + " (" + table.columns + ") FROM STDIN";
            PGresult* started = PQexec(connection, copy.constData());
            const bool ready = PQresultStatus(started) == PGRES_COPY_IN;
            PQclear(started);
            if (!ready) {
                return copyFailed(shownFrom, shownTo, QString::fromUtf8(PQerrorMessage(connection)).trimmed());
            }
            QByteArray buffer;
            bool sent = true;
            while (sent && rows.next() && goOn(copied)) {
                for (int c = 0; c < columns; ++c) {
                    if (c > 0) {
                        buffer += '\t';
                    }
                    if (rows.isNull(c)) {
                        buffer += "\\N";
                    } else {
                        appendCopyValue(buffer, rows.bytes(c));
                    }
                }
                buffer += '\n';
                ++copied;
                if (buffer.size() > (1 << 20)) {
                    sent = PQputCopyData(connection, buffer.constData(), static_cast<int>(buffer.size())) == 1;
                    buffer.clear();
                }
            }
            if (sent && !buffer.isEmpty()) {
                sent = PQputCopyData(connection, buffer.constData(), static_cast<int>(buffer.size())) == 1;
            }
            const bool readFailed = rows.failed();
            PQputCopyEnd(connection,
                         stopped                   ? "stopped on request"
                             : readFailed || !sent ? "the source could not be read"
                                                   : nullptr);
            QString why;
            while (PGresult* result = PQgetResult(connection)) {
                if (PQresultStatus(result) != PGRES_COMMAND_OK && why.isEmpty()) {
                    why = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
                }
                PQclear(result);
            }
            if (stopped) {
                return cancelled();
            }
            if (readFailed) {
                return in.rawError(QStringLiteral("read %1").arg(QString::fromLatin1(table.name)), rows);
            }
            if (!why.isEmpty() || !sent) {
                return copyFailed(shownFrom, shownTo,
                                  why.isEmpty() ? QStringLiteral("the server stopped taking rows.") : why);
            }
        } else {
            QByteArray insert = QByteArray("INSERT INTO ") + table.name + " (" + table.columns + ") VALUES (?";
            insert += QByteArray(", ?").repeated(columns - 1) + ")";
            while (rows.next()) {
                if (!goOn(copied)) {
                    return cancelled();
                }
                RawQuery row(out, insert.constData(), RawQuery::Keep);
                for (int c = 0; c < columns; ++c) {
                    if (rows.isNull(c)) {
                        row.bindNull(c + 1);
                    } else {
                        const std::string_view value = rows.bytes(c);
                        row.bind(c + 1, QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size())));
                    }
                }
                if (!row.run()) {
                    return out.rawError(QStringLiteral("copy into %1").arg(QString::fromLatin1(table.name)), row);
                }
                ++copied;
            }
            if (rows.failed()) {
                return in.rawError(QStringLiteral("read %1").arg(QString::fromLatin1(table.name)), rows);
            }
        }
        counts.rows += copied;
        if (qstrcmp(table.name, "deals") == 0) {
            counts.deals = copied;
        }
        spdlog::info("Copied {} row(s) of {} from {} to {}", copied, table.name, shownFrom.toStdString(),
                     shownTo.toStdString());
    }

    // The id sequences: what the source would give next, the target gives next.
    Result<std::vector<std::pair<const Table*, qint64>>> kept = sequences(in);
    if (!kept) {
        return kept.error();
    }
    for (const auto& [described, value] : kept.value()) {
        if (value <= 0 || (!out.isServer() && !described->autoincrement)) {
            continue;
        }
        const QString table = QString::fromLatin1(described->name);
        QSqlQuery query(out.connection());
        if (!out.isServer()) {
            query.prepare(QStringLiteral("DELETE FROM sqlite_sequence WHERE name = ?"));
            query.addBindValue(table);
            if (!query.exec()) {
                return out.storageError(QStringLiteral("keep the id sequence of %1").arg(table), query);
            }
        }
        query.prepare(out.isServer() ? QStringLiteral("SELECT setval(pg_get_serial_sequence(?, 'id'), ?)")
                                     : QStringLiteral("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)"));
        query.addBindValue(table);
        query.addBindValue(value);
        if (!query.exec()) {
            return out.storageError(QStringLiteral("keep the id sequence of %1").arg(table), query);
        }
    }
    if (Result<void> committed = transaction.value().commit(); !committed) {
        return committed.error();
    }
    counts.milliseconds = timer.elapsed();
    spdlog::info("Copied {} ({} deal(s), {} row(s)) to {} in {} ms", shownFrom.toStdString(), counts.deals, counts.rows,
                 shownTo.toStdString(), counts.milliseconds);
    return counts;
}

} // namespace store

} // namespace dealboard
