#include "SqliteBackend.h"

#include "ChangeLog.h"
#include "Database.h"
#include "RawQuery.h"
#include "SqliteRows.h"
#include "StageTotalsTable.h"
#include "StoreCheck.h"
#include "dealboard/PipelineBackup.h"
#include "dealboard/PipelineFiles.h"

#include <QDir>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <utility>

namespace dealboard {

SqliteBackend::SqliteBackend(Database& database)
    : Backend(database)
    , m_schema(database)
{
}

SqliteBackend::~SqliteBackend()
{
    for (auto& [sql, statement] : m_keptStatements) {
        sqlite3_finalize(statement);
    }
}

SqliteBackend& SqliteBackend::of(Database& database)
{
    return static_cast<SqliteBackend&>(database.backend());
}

QString SqliteBackend::version()
{
    return QStringLiteral("SQLite %1").arg(QString::fromLatin1(sqlite3_libversion()));
}

// A file is backed up into another file, checked by SQLite and read with a
// small cache; it is neither made on its own nor announces changes.
bool SqliteBackend::supports(DealStore::Capability capability) const
{
    switch (capability) {
    case DealStore::Capability::FileBackup:
    case DealStore::Capability::IntegrityCheck:
    case DealStore::Capability::SmallCache:
        return true;
    case DealStore::Capability::ServerPipeline:
    case DealStore::Capability::ChangeNotifications:
        return false;
    }
    return false;
}

Result<void> SqliteBackend::open()
{
    QSqlDatabase& db = m_database.connection();
    db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_database.connectionName());
    db.setDatabaseName(m_database.path());
    if (!db.open()) {
        return makeError(ErrorCode::Storage, db.lastError().text());
    }
    // Waits for another writer as long as BusyLimitMs, saying so once it
    // takes long (see waitForWriter).
    sqlite3_busy_handler(handle(), &SqliteBackend::waitForWriter, this);
    return {};
}

sqlite3* SqliteBackend::handle() const
{
    const QSqlDatabase& db = m_database.connection();
    if (!db.isValid()) {
        return nullptr;
    }
    const QVariant handle = db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        return *static_cast<sqlite3* const*>(handle.constData());
    }
    return nullptr;
}

sqlite3_stmt* SqliteBackend::keptStatement(const char* sql)
{
    auto found = m_keptStatements.find(sql);
    if (found != m_keptStatements.end()) {
        return found->second;
    }
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(handle(), sql, preparedLength(sql), SQLITE_PREPARE_PERSISTENT, &statement, nullptr)
        != SQLITE_OK) {
        spdlog::error("Preparing SQL failed: {} ({})", sqlite3_errmsg(handle()), sql);
        sqlite3_finalize(statement);
        return nullptr;
    }
    m_keptStatements.emplace(sql, statement);
    return statement;
}

std::unique_ptr<RawRows> SqliteBackend::rows(const char* sql, bool keep)
{
    sqlite3* db = handle();
    if (keep) {
        sqlite3_stmt* statement = keptStatement(sql);
        return sqliteRows(db, statement, true, statement != nullptr ? SQLITE_OK : SQLITE_ERROR, sql);
    }
    sqlite3_stmt* statement = nullptr;
    const int status
        = db != nullptr ? sqlite3_prepare_v2(db, sql, preparedLength(sql), &statement, nullptr) : SQLITE_MISUSE;
    return sqliteRows(db, statement, false, status, sql);
}

// BEGIN IMMEDIATE lets one writer in at a time.
Result<void> SqliteBackend::begin()
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        return storageError(QStringLiteral("start a change"), query);
    }
    return {};
}

Result<void> SqliteBackend::commit()
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("COMMIT"))) {
        Error error = storageError(QStringLiteral("save the change"), query);
        m_database.rollback();
        return error;
    }
    return {};
}

void SqliteBackend::rollback()
{
    QSqlQuery rollback(m_database.connection());
    if (!rollback.exec(QStringLiteral("ROLLBACK"))) {
        spdlog::error("Rolling back a transaction on {} failed: {}", m_database.path().toStdString(),
                      rollback.lastError().text().toStdString());
    }
}

Error SqliteBackend::storageError(const QString& action, const QSqlQuery& query)
{
    const QString why = loggedReason(query);
    return makeError(
        ErrorCode::Storage,
        QStringLiteral("Couldn't %1: %2.%3").arg(action, why, advice(query.lastError().nativeErrorCode().toInt())));
}

Error SqliteBackend::rawError(const QString& action, const RawQuery& query)
{
    spdlog::error("SQL failed on {}: {} (SQLite code {})", m_database.path().toStdString(), query.error().toStdString(),
                  query.status());
    return makeError(ErrorCode::Storage,
                     QStringLiteral("Couldn't %1: %2.%3").arg(action, query.error(), advice(query.status())));
}

QString SqliteBackend::advice(int resultCode)
{
    QString advice;
    // SQLite's primary result code is the low byte of an extended one.
    const int code = resultCode & 0xff;
    switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        advice = QStringLiteral(" Another DealBoard kept writing to it for over %1 seconds (a long import or "
                                "seed); nothing was changed. Try again when it has finished.")
                     .arg(Database::BusyLimitMs / 1000);
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

QString SqliteBackend::dayOf(const QString& column) const
{
    return QStringLiteral("substr(%1, 1, 10)").arg(column);
}

QString SqliteBackend::caseFreeLike() const
{
    return QStringLiteral("LIKE");
}

const char* SqliteBackend::stageTotalsSql() const
{
    return m_schema.totalsKept() ? StageTotalsTable::readSql() : StageTotalsTable::summingSql();
}

int SqliteBackend::waitForWriter(void* self, int attempt)
{
    auto* backend = static_cast<SqliteBackend*>(self);
    const QString& path = backend->m_database.path();
    using Clock = std::chrono::steady_clock;
    const Clock::time_point now = Clock::now();
    if (attempt == 0) {
        backend->m_waitStarted = now;
        backend->m_waitAnnounced = false;
    }
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now - backend->m_waitStarted).count();
    if (waited >= Database::BusyLimitMs) {
        spdlog::warn("Gave up waiting for another writer of {} after {} ms", path.toStdString(), waited);
        return 0;
    }
    if (!backend->m_waitAnnounced && waited >= 1000) {
        backend->m_waitAnnounced = true;
        spdlog::info("Waiting for another writer of {}", path.toStdString());
        if (backend->m_onWait) {
            backend->m_onWait();
        }
    }
    // Short sleeps first, as SQLite's own timeout does, then steady 50 ms.
    static constexpr int Sleeps[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50};
    const int sleepMs = attempt < static_cast<int>(std::size(Sleeps)) ? Sleeps[attempt] : 50;
    sqlite3_sleep(sleepMs);
    return 1;
}

// SQLite counts other connections' commits.
Result<qint64> SqliteBackend::dataVersion()
{
    QSqlQuery& query = m_database.prepared(QStringLiteral("PRAGMA data_version"));
    if (!query.exec() || !query.next()) {
        return m_database.storageError(QStringLiteral("check for changes"), query);
    }
    const qint64 version = query.value(0).toLongLong();
    query.finish();
    return version;
}

// A file's feed is the change log's ids.
Result<QString> SqliteBackend::feedPosition()
{
    Result<qint64> last = ChangeLog::lastEntry(m_database);
    if (!last) {
        return last.error();
    }
    return QString::number(last.value());
}

Result<ChangeFeed> SqliteBackend::changesAfter(const QString& position)
{
    ChangeFeed feed;
    ChangeQuery query;
    query.afterId = position.toLongLong();
    Result<std::vector<ChangeEntry>> read = ChangeLog::entries(m_database, query);
    if (!read) {
        return read.error();
    }
    feed.entries = std::move(read.value());
    feed.position = feed.entries.empty() ? position : QString::number(feed.entries.back().id);
    return feed;
}

Result<void> SqliteBackend::setActor(const QString& actor)
{
    return ChangeLog::setFileActor(m_database, actor);
}

Result<void> SqliteBackend::pauseLogForBulk(const QString& table)
{
    // Dropped inside the bulk action's transaction, so a rollback puts them
    // back; no row of it pays for them. The same for the column totals'
    // count of each added deal: they are summed once at the end.
    m_uncountedAfter.reset();
    if (table == u"deals") {
        Result<std::optional<qint64>> paused = StageTotalsTable::pauseInsertCounting(m_database);
        if (!paused) {
            return paused.error();
        }
        m_uncountedAfter = paused.value();
    }
    return ChangeLog::dropFileTriggers(m_database, ChangeLog::bulkPaused(table));
}

Result<void> SqliteBackend::recordBulk(const QString& table, qint64 rows, const QString& by)
{
    if (const std::optional<qint64> after = std::exchange(m_uncountedAfter, std::nullopt); after && table == u"deals") {
        if (Result<void> counted = StageTotalsTable::countAddedAfter(m_database, *after); !counted) {
            return counted;
        }
    }
    return ChangeLog::recordFileBulk(m_database, table, rows, by);
}

Result<void> SqliteBackend::beginCopyIn()
{
    // The source's change log comes along; the copy's own rows are not news.
    if (Result<void> paused = ChangeLog::dropFileTriggers(m_database); !paused) {
        return paused;
    }
    // A follow-up may point at a deal with a higher id: the keys are
    // checked at commit, once every row is in.
    return m_database.execute(QStringLiteral("PRAGMA defer_foreign_keys = ON"));
}

// One kept INSERT per table.
Result<qint64> SqliteBackend::copyIn(const CopyTable& table, RawQuery& rows, Database& source, const CopyIn& how)
{
    QByteArray insert = QByteArray("INSERT INTO ") + table.name + " (" + table.columns + ") VALUES (?";
    insert += QByteArray(", ?").repeated(table.columnCount - 1) + ")";
    qint64 copied = 0;
    while (rows.next()) {
        if (!how.goOn(copied)) {
            return how.cancelled();
        }
        RawQuery row(m_database, insert.constData(), RawQuery::Keep);
        for (int c = 0; c < table.columnCount; ++c) {
            if (rows.isNull(c)) {
                row.bindNull(c + 1);
            } else {
                const std::string_view value = rows.bytes(c);
                row.bind(c + 1, QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size())));
            }
        }
        if (!row.run()) {
            return m_database.rawError(QStringLiteral("copy into %1").arg(QString::fromLatin1(table.name)), row);
        }
        ++copied;
    }
    if (rows.failed()) {
        return source.rawError(QStringLiteral("read %1").arg(QString::fromLatin1(table.name)), rows);
    }
    return copied;
}

// The AUTOINCREMENT counter, or the highest id for a table without one.
QByteArray SqliteBackend::lastIdQuery(const CopyTable& table) const
{
    return table.autoincrement
        ? QByteArray("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '") + table.name + "'), 0)"
        : QByteArray("SELECT COALESCE(MAX(id), 0) FROM ") + table.name;
}

Result<void> SqliteBackend::setLastId(const CopyTable& table, qint64 value)
{
    if (!table.autoincrement) {
        return {};
    }
    const QString name = QString::fromLatin1(table.name);
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("DELETE FROM sqlite_sequence WHERE name = ?"));
    query.addBindValue(name);
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("keep the id sequence of %1").arg(name), query);
    }
    query.prepare(QStringLiteral("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)"));
    query.addBindValue(name);
    query.addBindValue(value);
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("keep the id sequence of %1").arg(name), query);
    }
    return {};
}

Result<void> SqliteBackend::useSmallCache()
{
    return m_database.execute(QStringLiteral("PRAGMA cache_size=-2048"));
}

Result<QStringList> SqliteBackend::integrityProblems()
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("PRAGMA integrity_check"))) {
        return m_database.storageError(QStringLiteral("check the database"), query);
    }
    QStringList problems;
    while (query.next()) {
        const QString line = query.value(0).toString();
        if (line != QLatin1String("ok")) {
            problems << line;
        }
    }
    return problems;
}

Result<void> SqliteBackend::backupTo(const QString& target)
{
    if (PipelineFiles::isOwnFile(target, m_database.path())) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is the pipeline itself; give the backup a new name.")
                             .arg(QDir::toNativeSeparators(target)));
    }
    return PipelineBackup::copyTo(m_database, target);
}

QStringList SqliteBackend::dataFaults()
{
    QStringList faults = StoreCheck::dataFaults(handle());
    // The column totals are the deals' own sums: where they differ (only
    // another program writing the table can make them), they are summed again.
    // Not a fault once summed again: the table holds nothing the deals do not.
    if (const QStringList totals = StageTotalsTable::differences(handle()); !totals.isEmpty()) {
        const Result<void> rebuilt = m_schema.faults().isEmpty()
            ? StageTotalsTable::rebuild(handle())
            : Result<void>(makeError(ErrorCode::Storage,
                                     QStringLiteral("The column totals were not summed again: "
                                                    "the file's structure is not DealBoard's.")));
        for (const QString& difference : totals) {
            if (rebuilt) {
                spdlog::warn("{}", difference.toStdString());
            } else {
                faults << difference;
            }
        }
        if (rebuilt) {
            spdlog::warn("The column totals were summed again from the deals: another program had written them");
        } else {
            faults << rebuilt.error().message;
        }
    }
    return faults;
}

int SqliteBackend::dealsOutsideTheStages()
{
    return StoreCheck::dealsOutsideTheStages(handle());
}

} // namespace dealboard
