#include "dealboard/DealStore.h"

#include "RawQuery.h"
#include "SchemaShape.h"
#include "StoreValues.h"
#include "dealboard/Contacts.h"
#include "dealboard/PipelineBackup.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/StoredTime.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dealboard {

namespace {

QAtomicInteger<int> connectionCounter;

// Stage and status as small integers, computed by the database: reading a
// hundred thousand rows then makes no string for them.
const QString StageNumber = QStringLiteral(
    "CASE %1 WHEN 'prospecting' THEN 1 WHEN 'qualifying' THEN 2 WHEN 'contacting' THEN 3 WHEN 'relationship' THEN 4 "
    "WHEN 'negotiation' THEN 5 WHEN 'closing' THEN 6 WHEN 'retention' THEN 7 ELSE 1 END");
const QString StatusNumber = QStringLiteral("CASE %1 WHEN 'won' THEN 1 WHEN 'lost' THEN 2 ELSE 0 END");

Stage stageFromNumber(int number)
{
    return number >= 1 && number <= StageCount ? static_cast<Stage>(number) : Stage::Prospecting;
}

// Stage and status from their stored slugs, by the letters that tell them
// apart (the schema's CHECK constraints allow nothing else).
Stage stageFromSlugBytes(std::string_view slug)
{
    if (slug.size() < 3) {
        return Stage::Prospecting;
    }
    switch (slug[0]) {
    case 'q':
        return Stage::Qualifying;
    case 'c':
        return slug[1] == 'o' ? Stage::Contacting : Stage::Closing;
    case 'r':
        return slug[2] == 'l' ? Stage::Relationship : Stage::Retention;
    case 'n':
        return Stage::Negotiation;
    default:
        return Stage::Prospecting;
    }
}

DealStatus statusFromSlugBytes(std::string_view slug)
{
    if (slug.empty()) {
        return DealStatus::Open;
    }
    return slug[0] == 'w' ? DealStatus::Won : slug[0] == 'l' ? DealStatus::Lost : DealStatus::Open;
}

// Adds the filter's conditions (bound, in order) and the order by id to a
// deals query that ends in "WHERE 1 = 1"; returns the values to bind.
QStringList appendFilter(QString& sql, const DealFilter& filter)
{
    QStringList values;
    if (filter.stage) {
        sql += QStringLiteral(" AND d.stage = ?");
        values << stageSlug(*filter.stage);
    }
    if (!filter.owner.isEmpty()) {
        sql += QStringLiteral(" AND d.owner = ?");
        values << filter.owner;
    }
    if (!filter.statuses.empty()) {
        QStringList marks;
        for (DealStatus status : filter.statuses) {
            marks << QStringLiteral("?");
            values << statusSlug(status);
        }
        sql += QStringLiteral(" AND d.status IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    sql += QStringLiteral(" ORDER BY d.id");
    return values;
}

DealStatus statusFromNumber(int number)
{
    return number == 1 ? DealStatus::Won : number == 2 ? DealStatus::Lost : DealStatus::Open;
}

// Every column of a deal row, as written.
const QString DealColumns = QStringLiteral(
    "id, title, organization_id, person_id, origin_deal_id, owner, stage, status, value_minor, currency, "
    "expected_close, willing, need, budget, lost_reason, created_at, updated_at, stage_entered_at, version");

// A deal as read: its row, its organization and person, and its next activity
// (the earliest one not done). The subquery is one index seek per deal.
const QString DealSelect = QStringLiteral(
    "SELECT d.id, d.title, COALESCE(o.name, ''), COALESCE(p.name, ''), COALESCE(p.email, ''), COALESCE(p.phone, ''), "
    "d.owner, d.stage, d.status, d.value_minor, d.currency, d.expected_close, d.willing, d.need, d.budget, "
    "d.lost_reason, d.created_at, d.updated_at, d.stage_entered_at, d.version, d.organization_id, d.person_id, "
    "d.origin_deal_id, a.id, a.kind, a.subject, a.due_date, a.due_time, "
    "(SELECT COUNT(*) + COALESCE(SUM(y.done), 0) FROM activities y WHERE y.deal_id = d.id) "
    "FROM deals d LEFT JOIN organizations o ON o.id = d.organization_id LEFT JOIN people p ON p.id = d.person_id "
    "LEFT JOIN activities a ON a.id = (SELECT x.id FROM activities x WHERE x.deal_id = d.id AND x.done = 0 "
    "ORDER BY x.due_date, COALESCE(x.due_time, '24:00'), x.id LIMIT 1)");

Deal readDeal(const QSqlQuery& query)
{
    Deal deal;
    deal.id = query.value(0).toLongLong();
    deal.title = query.value(1).toString();
    deal.company = query.value(2).toString();
    deal.contactName = query.value(3).toString();
    deal.email = query.value(4).toString();
    deal.phone = query.value(5).toString();
    deal.owner = query.value(6).toString();
    deal.stage = stageFromSlug(query.value(7).toString()).value_or(Stage::Prospecting);
    deal.status = statusFromSlug(query.value(8).toString()).value_or(DealStatus::Open);
    deal.value.minor = query.value(9).toLongLong();
    deal.value.currency = query.value(10).toString();
    deal.expectedClose = fromStoredDate(query.value(11).toString());
    deal.qualification.willing = query.value(12).toBool();
    deal.qualification.need = query.value(13).toBool();
    deal.qualification.budget = query.value(14).toBool();
    deal.lostReason = query.value(15).toString();
    deal.createdAt = fromStoredTime(query.value(16).toString());
    deal.updatedAt = fromStoredTime(query.value(17).toString());
    deal.stageEnteredAt = fromStoredTime(query.value(18).toString());
    deal.version = query.value(19).toLongLong();
    deal.organizationId = query.value(20).toLongLong();
    deal.personId = query.value(21).toLongLong();
    deal.originDealId = query.value(22).toLongLong();
    if (!query.value(23).isNull()) {
        NextActivity next;
        next.id = query.value(23).toLongLong();
        next.kind = activityKindFromSlug(query.value(24).toString()).value_or(ActivityKind::Task);
        next.subject = query.value(25).toString();
        next.dueDate = fromStoredDate(query.value(26).toString());
        next.dueTime = storedClockTime(query.value(27));
        deal.nextActivity = std::move(next);
    }
    deal.activityStamp = query.value(28).toLongLong();
    return deal;
}

HistoryEntry readHistory(const QSqlQuery& query)
{
    HistoryEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.dealId = query.value(1).toLongLong();
    if (!query.value(2).isNull()) {
        entry.fromStage = stageFromSlug(query.value(2).toString());
    }
    entry.toStage = stageFromSlug(query.value(3).toString()).value_or(Stage::Prospecting);
    if (!query.value(4).isNull()) {
        entry.fromStatus = statusFromSlug(query.value(4).toString());
    }
    entry.toStatus = statusFromSlug(query.value(5).toString()).value_or(DealStatus::Open);
    entry.at = fromStoredTime(query.value(6).toString());
    entry.actor = query.value(7).toString();
    return entry;
}

// Creates the file with owner-only permissions before SQLite sees it (SQLite
// itself would create it 0644). An empty file is a valid, empty database.
bool createOwnerOnly(const QString& path, QString& why)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        why = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    ::close(fd);
    return true;
}

} // namespace

WriteTransaction::~WriteTransaction()
{
    if (m_store != nullptr) {
        QSqlQuery rollback(m_store->m_db);
        if (!rollback.exec(QStringLiteral("ROLLBACK"))) {
            spdlog::error("Rolling back a transaction on {} failed: {}", m_store->m_path.toStdString(),
                          rollback.lastError().text().toStdString());
        }
    }
}

Result<void> WriteTransaction::commit()
{
    DealStore* store = std::exchange(m_store, nullptr);
    QSqlQuery query(store->m_db);
    if (!query.exec(QStringLiteral("COMMIT"))) {
        Error error = store->storageError(QStringLiteral("save the change"), query);
        QSqlQuery rollback(store->m_db);
        rollback.exec(QStringLiteral("ROLLBACK"));
        return error;
    }
    return {};
}

DealStore::DealStore(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{
}

DealStore::~DealStore()
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

Result<std::unique_ptr<DealStore>> DealStore::open(const QString& path, Connection connection)
{
    if (path.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("No database path was given."));
    }
    if (path.startsWith(QLatin1Char(':')) || path.startsWith(QLatin1String("file:"))) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a file path. DealBoard keeps a pipeline in a file: give its "
                                        "path, such as ./pipeline.dealboard.")
                             .arg(path));
    }
    const QFileInfo info(path);
    const QString absolute = info.absoluteFilePath();
    if (!info.absoluteDir().exists()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The folder '%1' does not exist. Create it first or choose another path.")
                             .arg(QDir::toNativeSeparators(info.absolutePath())));
    }
    if (info.isDir()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is a folder, not a database file. Give the path of a file.")
                             .arg(QDir::toNativeSeparators(absolute)));
    }
    struct stat status
    {
    };
    const bool exists = ::stat(QFile::encodeName(absolute).constData(), &status) == 0;
    if (exists && !S_ISREG(status.st_mode)) {
        spdlog::warn("Refused {}: not a regular file", absolute.toStdString());
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a regular file (a device, pipe or socket). A pipeline is a "
                                        "file: give the path of one.")
                             .arg(QDir::toNativeSeparators(absolute)));
    }

    // SQLite would open such a file read-only and fail at the first write with
    // "attempt to write a readonly database"; say what is wrong instead.
    if (exists && (!info.isWritable() || !QFileInfo(info.absolutePath()).isWritable())) {
        spdlog::warn("Refused {}: not writable", absolute.toStdString());
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("'%1' is read-only for you (the file or its folder): DealBoard writes to it and "
                           "to its journal beside it. Ask for write access or copy it to a folder of "
                           "yours. It was left untouched.")
                .arg(QDir::toNativeSeparators(absolute)));
    }

    bool created = false;
    if (!exists) {
        QString why;
        if (!createOwnerOnly(absolute, why)) {
            return makeError(
                ErrorCode::Storage,
                QStringLiteral("Can't create the database '%1': %2.").arg(QDir::toNativeSeparators(absolute), why));
        }
        created = true;
        spdlog::info("Created database file {}", absolute.toStdString());
    } else if (status.st_size == 0 && (status.st_mode & 077) != 0) {
        // An empty file becomes a pipeline: owner-only, as a new one would be.
        if (::chmod(QFile::encodeName(absolute).constData(), 0600) != 0) {
            return makeError(
                ErrorCode::Storage,
                QStringLiteral("Can't make '%1' readable by you only: %2.")
                    .arg(QDir::toNativeSeparators(absolute), QString::fromLocal8Bit(std::strerror(errno))));
        }
        spdlog::info("Made the empty file {} owner-only before using it as a pipeline", absolute.toStdString());
    }

    // Decide on the main file alone before anything can recover a journal or
    // a WAL beside it: a refused file must stay as it was, sidecars included.
    if (exists && connection == Connection::First) {
        if (Result<void> acceptable = firstLook(absolute); !acceptable) {
            return acceptable.error();
        }
    }

    const QString connectionName = QStringLiteral("dealboard-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<DealStore> store(new DealStore(absolute, connectionName));
    store->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    store->m_db.setDatabaseName(absolute);
    if (!store->m_db.open()) {
        const QString why = store->m_db.lastError().text();
        spdlog::error("Opening {} failed: {}", absolute.toStdString(), why.toStdString());
        store.reset();
        if (created) {
            QFile::remove(absolute);
        }
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Can't open '%1': %2").arg(QDir::toNativeSeparators(absolute), why));
    }
    // Waits for another writer as long as BusyLimitMs, saying so once it
    // takes long (see waitForWriter).
    sqlite3_busy_handler(store->rawHandle(), &DealStore::waitForWriter, store.get());
    // Until the file is accepted, closing must not checkpoint a WAL into it.
    sqlite3_db_config(store->rawHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);

    Result<void> ready = store->configureAndMigrate();
    if (!ready) {
        store.reset();
        if (created) {
            QFile::remove(absolute);
        }
        return ready.error();
    }
    sqlite3_db_config(store->rawHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    store->m_guardSchema = true;
    // A structure that is not DealBoard's still opens, for reading, exporting
    // and check; every write is refused with what differs.
    (void)store->verifySchema();
    return store;
}

Result<void> DealStore::configureAndMigrate()
{
    const QString shownPath = QDir::toNativeSeparators(m_path);

    // Read before writing anything, so that a foreign file is left untouched.
    QSqlQuery probe(m_db);
    probe.setForwardOnly(true);
    if (!probe.exec(QStringLiteral("PRAGMA user_version")) || !probe.next()) {
        const QString why = probe.lastError().text();
        spdlog::warn("Refused {}: {}", m_path.toStdString(), why.toStdString());
        if (why.contains(QStringLiteral("malformed"), Qt::CaseInsensitive)) {
            return makeError(ErrorCode::NotADatabase,
                             QStringLiteral("'%1' is damaged (SQLite: database disk image is malformed). It was left "
                                            "untouched; restore it from a backup.")
                                 .arg(shownPath));
        }
        if (why.contains(QStringLiteral("not a database"), Qt::CaseInsensitive)) {
            return makeError(ErrorCode::NotADatabase,
                             QStringLiteral("'%1' is not a DealBoard database (not an SQLite file). "
                                            "It was left untouched; choose another file.")
                                 .arg(shownPath));
        }
        return makeError(ErrorCode::Storage, QStringLiteral("Can't read '%1': %2").arg(shownPath, why));
    }
    const int version = probe.value(0).toInt();
    probe.finish();
    int objects = 0;
    if (version == 0) {
        if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !probe.next()) {
            return storageError(QStringLiteral("read the database"), probe);
        }
        objects = probe.value(0).toInt();
        probe.finish();
    }
    // Again through the normal connection: what a WAL held may differ from
    // the main file alone.
    if (Result<void> acceptable = acceptableSchema(m_path, version, objects); !acceptable) {
        return acceptable;
    }

    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL", "PRAGMA cache_size=-32768"}) {
        if (Result<void> done = execute(QString::fromLatin1(pragma)); !done) {
            return done;
        }
    }

    if (version == SchemaVersion) {
        return {};
    }
    // A migration writes: never with someone else's trigger in the file.
    if (const QStringList foreign = triggersAndViews(rawHandle()); !foreign.isEmpty()) {
        spdlog::warn("Refused to migrate {}: {}", m_path.toStdString(),
                     foreign.join(QStringLiteral("; ")).toStdString());
        return makeError(ErrorCode::NotADatabase,
                         QStringLiteral("'%1' holds what DealBoard never makes (%2), so it was not updated to this "
                                        "version. Remove them with sqlite3 or restore a backup; the file was left "
                                        "untouched.")
                             .arg(shownPath, foreign.join(QStringLiteral("; "))));
    }
    // Something to go back to if this migration or a later release goes wrong.
    if (version >= 1) {
        Result<QString> backup = PipelineBackup::besidePipeline(rawHandle(), m_path, version);
        if (!backup) {
            spdlog::error("Not migrating {}: the backup failed", m_path.toStdString());
            return makeError(ErrorCode::Storage,
                             QStringLiteral("'%1' needs an update to this DealBoard's schema, and a backup comes "
                                            "first, which failed: %2 The file was left as it was.")
                                 .arg(shownPath, backup.error().message));
        }
        spdlog::info("Backed up {} (schema {}) to {} before migrating", m_path.toStdString(), version,
                     backup.value().toStdString());
    }
    Result<WriteTransaction> transaction = beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    // Another process may have migrated while we waited for the lock.
    if (!probe.exec(QStringLiteral("PRAGMA user_version")) || !probe.next()) {
        return storageError(QStringLiteral("read the schema version"), probe);
    }
    const int lockedVersion = probe.value(0).toInt();
    probe.finish();
    if (lockedVersion < 1) {
        spdlog::info("Migrating {} to schema version 1", m_path.toStdString());
        if (Result<void> done = migrateTo1(); !done) {
            spdlog::error("Migration of {} to version 1 failed: {}", m_path.toStdString(),
                          done.error().message.toStdString());
            return done;
        }
    }
    if (lockedVersion < 2) {
        spdlog::info("Migrating {} to schema version 2", m_path.toStdString());
        if (Result<void> done = migrateTo2(); !done) {
            spdlog::error("Migration of {} to version 2 failed: {}", m_path.toStdString(),
                          done.error().message.toStdString());
            return done;
        }
    }
    if (lockedVersion < 3) {
        spdlog::info("Migrating {} to schema version 3", m_path.toStdString());
        if (Result<void> done = migrateTo3(); !done) {
            spdlog::error("Migration of {} to version 3 failed: {}", m_path.toStdString(),
                          done.error().message.toStdString());
            return done;
        }
    }
    // PRAGMA takes no bound parameters; the value is our own integer constant.
    if (Result<void> done = execute(QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion)); !done) {
        return done;
    }
    Result<void> committed = transaction.value().commit();
    if (committed) {
        spdlog::info("Database {} is at schema version {}", m_path.toStdString(), SchemaVersion);
    }
    return committed;
}

Result<void> DealStore::migrateTo1()
{
    const QStringList statements = {
        // AUTOINCREMENT: a deleted deal's id is never given to a new deal, so
        // scripts, undo and other windows never mistake one deal for another.
        QStringLiteral("CREATE TABLE deals ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " title TEXT NOT NULL,"
                       " company TEXT NOT NULL DEFAULT '',"
                       " contact_name TEXT NOT NULL DEFAULT '',"
                       " email TEXT NOT NULL DEFAULT '',"
                       " phone TEXT NOT NULL DEFAULT '',"
                       " owner TEXT NOT NULL DEFAULT '',"
                       " stage TEXT NOT NULL CHECK (stage IN ('prospecting','qualifying','contacting',"
                       "'relationship','negotiation','closing','retention')),"
                       " status TEXT NOT NULL CHECK (status IN ('open','won','lost')),"
                       " value_minor INTEGER NOT NULL DEFAULT 0 CHECK (value_minor >= 0),"
                       " currency TEXT NOT NULL DEFAULT 'EUR',"
                       " expected_close TEXT,"
                       " willing INTEGER NOT NULL DEFAULT 0,"
                       " need INTEGER NOT NULL DEFAULT 0,"
                       " budget INTEGER NOT NULL DEFAULT 0,"
                       " lost_reason TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL,"
                       " updated_at TEXT NOT NULL,"
                       " stage_entered_at TEXT NOT NULL,"
                       " version INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("CREATE TABLE stage_history ("
                       " id INTEGER PRIMARY KEY,"
                       " deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,"
                       " from_stage TEXT,"
                       " to_stage TEXT NOT NULL,"
                       " from_status TEXT,"
                       " to_status TEXT NOT NULL,"
                       " at TEXT NOT NULL,"
                       " actor TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX deals_by_stage ON deals (stage, status)"),
        QStringLiteral("CREATE INDEX deals_by_owner ON deals (owner)"),
        QStringLiteral("CREATE INDEX deals_by_created ON deals (created_at)"),
        QStringLiteral("CREATE INDEX history_by_deal ON stage_history (deal_id, id)"),
        QStringLiteral("CREATE INDEX history_by_stage ON stage_history (to_stage, deal_id)"),
    };
    for (const QString& statement : statements) {
        if (Result<void> done = execute(statement); !done) {
            return done;
        }
    }
    return {};
}

// Version 2: a manager's goals per stage. Conversion is kept in basis points
// (an integer, like every figure the store keeps).
Result<void> DealStore::migrateTo2()
{
    return execute(QStringLiteral("CREATE TABLE stage_goals ("
                                  " stage TEXT PRIMARY KEY CHECK (stage IN ('prospecting','qualifying','contacting',"
                                  "'relationship','negotiation','closing','retention')),"
                                  " target_conversion_bp INTEGER CHECK (target_conversion_bp BETWEEN 0 AND 10000),"
                                  " target_median_days INTEGER CHECK (target_median_days >= 0))"));
}

// Version 3: organizations and people as records of their own (the deal's
// company and contact fields become links to them), segment tags, activities,
// and follow-up deals linked to their origin. Exact duplicates merge (the same
// organization name; the same email); every other spelling or phone number a
// merged record had is kept in its notes, so nothing typed is lost.
Result<void> DealStore::migrateTo3()
{
    const QStringList statements = {
        QStringLiteral("CREATE TABLE organizations ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " name TEXT NOT NULL CHECK (name <> ''),"
                       " industry TEXT NOT NULL DEFAULT '',"
                       " size TEXT NOT NULL DEFAULT '',"
                       " region TEXT NOT NULL DEFAULT '',"
                       " website TEXT NOT NULL DEFAULT '',"
                       " notes TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE UNIQUE INDEX organizations_by_name ON organizations (lower(name))"),
        QStringLiteral("CREATE TABLE people ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " name TEXT NOT NULL CHECK (name <> ''),"
                       " email TEXT NOT NULL DEFAULT '',"
                       " phone TEXT NOT NULL DEFAULT '',"
                       " role TEXT NOT NULL DEFAULT '',"
                       " organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,"
                       " notes TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE UNIQUE INDEX people_by_email ON people (lower(email)) WHERE email <> ''"),
        QStringLiteral("CREATE INDEX people_by_organization ON people (organization_id, name)"),
        QStringLiteral("CREATE TABLE organization_tags ("
                       " organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,"
                       " tag TEXT NOT NULL CHECK (tag <> ''),"
                       " PRIMARY KEY (organization_id, tag))"),
        QStringLiteral("CREATE INDEX organization_tags_by_tag ON organization_tags (tag)"),
        QStringLiteral("CREATE TABLE person_tags ("
                       " person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
                       " tag TEXT NOT NULL CHECK (tag <> ''),"
                       " PRIMARY KEY (person_id, tag))"),
        QStringLiteral("CREATE INDEX person_tags_by_tag ON person_tags (tag)"),
        QStringLiteral("CREATE TABLE segment_rules ("
                       " tag TEXT PRIMARY KEY CHECK (tag <> ''),"
                       " min_touch_days INTEGER NOT NULL CHECK (min_touch_days BETWEEN 0 AND 365))"),
        QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE activities ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,"
                       " person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,"
                       " kind TEXT NOT NULL CHECK (kind IN ('call','email','meeting','task')),"
                       " subject TEXT NOT NULL CHECK (subject <> ''),"
                       " due_date TEXT NOT NULL,"
                       " due_time TEXT,"
                       " done INTEGER NOT NULL DEFAULT 0,"
                       " done_at TEXT,"
                       " notes TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX activities_by_deal ON activities (deal_id, done, due_date)"),
        QStringLiteral("CREATE INDEX activities_by_person ON activities (person_id, due_date)"),
        QStringLiteral("ALTER TABLE deals ADD COLUMN organization_id INTEGER REFERENCES organizations(id) "
                       "ON DELETE SET NULL"),
        QStringLiteral("ALTER TABLE deals ADD COLUMN person_id INTEGER REFERENCES people(id) ON DELETE SET NULL"),
        QStringLiteral("ALTER TABLE deals ADD COLUMN origin_deal_id INTEGER REFERENCES deals(id) ON DELETE SET NULL"),
        // Follow-ups are few: only they are indexed (deleting a deal finds its
        // follow-ups through it). Deals are never looked up by organization or
        // person in SQL, so those links have no index of their own.
        QStringLiteral("CREATE INDEX deals_by_origin ON deals (origin_deal_id) WHERE origin_deal_id IS NOT NULL"),
        // The board's first screenful: the newest arrivals of each stage, and
        // the column totals summed from an index that covers them (it replaces
        // the plain (stage, status) index).
        QStringLiteral("CREATE INDEX deals_by_stage_entered ON deals (stage, stage_entered_at)"),
        QStringLiteral("DROP INDEX deals_by_stage"),
        // No read looks history up by stage (the report reads it whole).
        QStringLiteral("DROP INDEX history_by_stage"),
        QStringLiteral("CREATE INDEX deals_by_stage ON deals (stage, status, currency, value_minor)"),
    };
    for (const QString& statement : statements) {
        if (Result<void> done = execute(statement); !done) {
            return done;
        }
    }

    // Move the deals' company and contact fields into records.
    struct Record
    {
        std::int64_t id = 0;
        QString name;
        QString phone;
        QStringList alsoNames;
        QStringList alsoPhones;
        QStringList alsoEmails;
    };
    QHash<QString, Record> organizationsByKey;
    QHash<QString, Record> peopleByKey;
    std::vector<std::tuple<DealId, std::int64_t, std::int64_t>> links;
    std::int64_t nextOrganization = 1;
    std::int64_t nextPerson = 1;
    QHash<QString, QString> personEmail;
    QHash<QString, std::int64_t> personOrganization;
    {
        QSqlQuery read(m_db);
        read.setForwardOnly(true);
        if (!read.exec(QStringLiteral("SELECT id, company, contact_name, email, phone FROM deals ORDER BY id"))) {
            return storageError(QStringLiteral("read the deals to migrate"), read);
        }
        while (read.next()) {
            const DealId dealId = read.value(0).toLongLong();
            const QString company = read.value(1).toString().trimmed();
            const QString contact = read.value(2).toString().trimmed();
            const QString email = read.value(3).toString().trimmed();
            const QString phone = read.value(4).toString().trimmed();
            std::int64_t organizationId = 0;
            if (!company.isEmpty()) {
                Record& organization = organizationsByKey[asciiLower(company)];
                if (organization.id == 0) {
                    organization.id = nextOrganization++;
                    organization.name = company;
                } else if (company != organization.name && !organization.alsoNames.contains(company)) {
                    organization.alsoNames << company;
                }
                organizationId = organization.id;
            }
            std::int64_t personId = 0;
            if (!contact.isEmpty() || !email.isEmpty() || !phone.isEmpty()) {
                const QString key = !email.isEmpty() ? QStringLiteral("e:") + asciiLower(email)
                    : !contact.isEmpty() ? QStringLiteral("n:%1:%2").arg(organizationId).arg(asciiLower(contact))
                                         : QStringLiteral("p:%1:%2").arg(organizationId).arg(phone);
                Record& person = peopleByKey[key];
                const QString name = !contact.isEmpty() ? contact : !email.isEmpty() ? email : phone;
                if (person.id == 0) {
                    person.id = nextPerson++;
                    person.name = name;
                    person.phone = phone;
                    personEmail.insert(key, email);
                    personOrganization.insert(key, organizationId);
                } else {
                    if (!contact.isEmpty() && contact != person.name && !person.alsoNames.contains(contact)) {
                        person.alsoNames << contact;
                    }
                    if (!email.isEmpty() && email != personEmail.value(key) && !person.alsoEmails.contains(email)) {
                        person.alsoEmails << email;
                    }
                    if (person.phone.isEmpty()) {
                        person.phone = phone;
                    } else if (!phone.isEmpty() && phone != person.phone && !person.alsoPhones.contains(phone)) {
                        person.alsoPhones << phone;
                    }
                    if (personOrganization.value(key) == 0) {
                        personOrganization.insert(key, organizationId);
                    }
                }
                personId = person.id;
            }
            links.emplace_back(dealId, organizationId, personId);
        }
    }
    auto alsoNotes = [](const Record& record) {
        QStringList notes;
        if (const QStringList also = record.alsoNames + record.alsoEmails; !also.isEmpty()) {
            notes << QStringLiteral("Also written as: %1.").arg(also.join(QStringLiteral("; ")));
        }
        if (!record.alsoPhones.isEmpty()) {
            notes << QStringLiteral("Other phone numbers: %1.").arg(record.alsoPhones.join(QStringLiteral("; ")));
        }
        return nonNull(notes.join(QLatin1Char(' ')));
    };
    QSqlQuery insertOrganization(m_db);
    insertOrganization.prepare(QStringLiteral("INSERT INTO organizations (id, name, notes) VALUES (?, ?, ?)"));
    for (const Record& organization : std::as_const(organizationsByKey)) {
        insertOrganization.addBindValue(qint64(organization.id));
        insertOrganization.addBindValue(organization.name);
        insertOrganization.addBindValue(alsoNotes(organization));
        if (!insertOrganization.exec()) {
            return storageError(QStringLiteral("create an organization"), insertOrganization);
        }
    }
    QSqlQuery insertPerson(m_db);
    insertPerson.prepare(QStringLiteral(
        "INSERT INTO people (id, name, email, phone, organization_id, notes) VALUES (?, ?, ?, ?, ?, ?)"));
    for (auto it = peopleByKey.cbegin(); it != peopleByKey.cend(); ++it) {
        insertPerson.addBindValue(qint64(it->id));
        insertPerson.addBindValue(it->name);
        insertPerson.addBindValue(personEmail.value(it.key()));
        insertPerson.addBindValue(it->phone);
        insertPerson.addBindValue(optionalId(personOrganization.value(it.key())));
        insertPerson.addBindValue(alsoNotes(*it));
        if (!insertPerson.exec()) {
            return storageError(QStringLiteral("create a person"), insertPerson);
        }
    }
    QSqlQuery link(m_db);
    link.prepare(QStringLiteral("UPDATE deals SET organization_id = ?, person_id = ? WHERE id = ?"));
    for (const auto& [dealId, organizationId, personId] : links) {
        link.addBindValue(optionalId(organizationId));
        link.addBindValue(optionalId(personId));
        link.addBindValue(qint64(dealId));
        if (!link.exec()) {
            return storageError(QStringLiteral("link a deal to its organization"), link);
        }
    }
    for (const char* column : {"company", "contact_name", "email", "phone"}) {
        if (Result<void> done = execute(QStringLiteral("ALTER TABLE deals DROP COLUMN %1").arg(QLatin1String(column)));
            !done) {
            return done;
        }
    }
    spdlog::info("Migration to version 3 made {} organization(s) and {} person record(s) from {} deal(s)",
                 organizationsByKey.size(), peopleByKey.size(), links.size());
    return {};
}

Result<void> DealStore::execute(const QString& sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        return storageError(QStringLiteral("update the database"), query);
    }
    return {};
}

QSqlQuery& DealStore::prepared(const QString& sql)
{
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

Error DealStore::storageError(const QString& action, const QSqlQuery& query) const
{
    const QSqlError error = query.lastError();
    spdlog::error("SQL failed on {}: {} (native code {}); statement: {}", m_path.toStdString(),
                  error.text().toStdString(), error.nativeErrorCode().toStdString(), query.lastQuery().toStdString());
    QString why = error.databaseText().trimmed();
    if (why.isEmpty()) {
        why = error.text().trimmed();
    }
    if (why.isEmpty()) {
        why = QStringLiteral("SQLite gave no reason (code %1)").arg(error.nativeErrorCode());
    }
    return makeError(
        ErrorCode::Storage,
        QStringLiteral("Couldn't %1: %2.%3").arg(action, why, sqliteAdvice(error.nativeErrorCode().toInt())));
}

// What a person can do about an SQLite failure, from its result code.
QString DealStore::sqliteAdvice(int resultCode)
{
    QString advice;
    // SQLite's primary result code is the low byte of an extended one.
    const int code = resultCode & 0xff;
    switch (code) {
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        advice = QStringLiteral(" Another DealBoard kept writing to it for over %1 seconds (a long import or "
                                "seed); nothing was changed. Try again when it has finished.")
                     .arg(BusyLimitMs / 1000);
        break;
    case 8: // SQLITE_READONLY
        advice = QStringLiteral(" The database file is read-only.");
        break;
    case 10: // SQLITE_IOERR
    case 13: // SQLITE_FULL
        advice
            = QStringLiteral(" The disk may be full (or failing): free some space and try again. Nothing was saved.");
        break;
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
        advice = QStringLiteral(" The database file is damaged; restore it from a backup (`dealboard-cli check` lists "
                                "what is wrong). Nothing was changed.");
        break;
    default:
        break;
    }
    return advice;
}

Result<void> DealStore::useSmallCache()
{
    return execute(QStringLiteral("PRAGMA cache_size=-2048"));
}

Result<WriteTransaction> DealStore::beginWrite()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        return storageError(QStringLiteral("start a change"), query);
    }
    // Under the write lock nobody can change the structure until commit.
    if (Result<void> ours = guardSchema(); !ours) {
        QSqlQuery rollback(m_db);
        rollback.exec(QStringLiteral("ROLLBACK"));
        spdlog::warn("Refused a write to {}: {}", m_path.toStdString(), ours.error().message.toStdString());
        return ours.error();
    }
    // Nobody else writes until this transaction ends, so what linkParties
    // learns about organizations and people stays true until then.
    m_linkCache = {};
    return WriteTransaction(this);
}

Result<std::optional<Deal>> DealStore::findDeal(DealId id)
{
    QSqlQuery& query = prepared(DealSelect + QStringLiteral(" WHERE d.id = ?"));
    query.addBindValue(qint64(id));
    if (!query.exec()) {
        return storageError(QStringLiteral("read the deal"), query);
    }
    std::optional<Deal> deal;
    if (query.next()) {
        deal = readDeal(query);
    }
    query.finish();
    return deal;
}

sqlite3* DealStore::rawHandle() const
{
    const QVariant handle = m_db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        return *static_cast<sqlite3* const*>(handle.constData());
    }
    return nullptr;
}

sqlite3_stmt* DealStore::keptStatement(const char* sql)
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

Error DealStore::rawError(const QString& action, const RawQuery& query) const
{
    spdlog::error("SQL failed on {}: {} (SQLite code {})", m_path.toStdString(), query.error().toStdString(),
                  query.status());
    return makeError(ErrorCode::Storage,
                     QStringLiteral("Couldn't %1: %2.%3").arg(action, query.error(), sqliteAdvice(query.status())));
}

// The board, the export, the check and the attention report read every deal:
// through SQLite's C API (see RawQuery), stage and status as numbers, and the
// next activities and activity stamps in two ordered passes merged by id
// instead of two subqueries per deal.
Result<std::vector<Deal>> DealStore::deals(const DealFilter& filter)
{
    QString sql = QStringLiteral(
                      "SELECT d.id, d.title, COALESCE(o.name, ''), COALESCE(p.name, ''), COALESCE(p.email, ''), "
                      "COALESCE(p.phone, ''), d.owner, %1, %2, d.value_minor, d.currency, d.expected_close, "
                      "d.willing, d.need, d.budget, d.lost_reason, d.created_at, d.updated_at, d.stage_entered_at, "
                      "d.version, d.organization_id, d.person_id, d.origin_deal_id FROM deals d "
                      "LEFT JOIN organizations o ON o.id = d.organization_id LEFT JOIN people p ON p.id = d.person_id "
                      "WHERE 1 = 1")
                      .arg(StageNumber.arg(QStringLiteral("d.stage")), StatusNumber.arg(QStringLiteral("d.status")));
    const QStringList values = appendFilter(sql, filter);

    sqlite3* raw = rawHandle();
    std::vector<Deal> result;
    if (values.isEmpty()) {
        // Every deal: room for all at once, rather than growing by doubling.
        RawQuery count(raw, "SELECT COUNT(*) FROM deals");
        if (count.next()) {
            result.reserve(static_cast<std::size_t>(count.int64(0)));
        }
    }
    {
        RawQuery query(raw, sql.toUtf8().constData());
        for (int i = 0; i < values.size(); ++i) {
            query.bind(i + 1, values[i]);
        }
        char16_t buffer[32];
        QString spill;
        QString currency; // shared between deals in the same currency
        while (query.next()) {
            Deal deal;
            deal.id = query.int64(0);
            deal.title = query.text(1);
            deal.company = query.text(2);
            deal.contactName = query.text(3);
            deal.email = query.text(4);
            deal.phone = query.text(5);
            deal.owner = query.text(6);
            deal.stage = stageFromNumber(static_cast<int>(query.int64(7)));
            deal.status = statusFromNumber(static_cast<int>(query.int64(8)));
            deal.value.minor = query.int64(9);
            const QStringView code = query.shortText(10, buffer, spill);
            if (code != currency) {
                currency = code.toString();
            }
            deal.value.currency = currency;
            if (!query.isNull(11)) {
                deal.expectedClose = fromStoredDate(query.shortText(11, buffer, spill));
            }
            deal.qualification.willing = query.int64(12) != 0;
            deal.qualification.need = query.int64(13) != 0;
            deal.qualification.budget = query.int64(14) != 0;
            deal.lostReason = query.text(15);
            deal.createdAt = fromStoredTime(query.shortText(16, buffer, spill));
            deal.updatedAt = fromStoredTime(query.shortText(17, buffer, spill));
            deal.stageEnteredAt = fromStoredTime(query.shortText(18, buffer, spill));
            deal.version = query.int64(19);
            deal.organizationId = query.int64(20);
            deal.personId = query.int64(21);
            deal.originDealId = query.int64(22);
            result.push_back(std::move(deal));
        }
        if (query.failed()) {
            return rawError(QStringLiteral("read the deals"), query);
        }
    }
    {
        RawQuery next(raw,
                      "SELECT deal_id, id, kind, subject, due_date, due_time FROM activities WHERE done = 0 "
                      "ORDER BY deal_id, due_date, COALESCE(due_time, '24:00'), id");
        std::size_t at = 0;
        char16_t buffer[32];
        QString spill;
        while (next.next()) {
            const DealId dealId = next.int64(0);
            while (at < result.size() && result[at].id < dealId) {
                ++at;
            }
            if (at == result.size()) {
                break;
            }
            if (result[at].id != dealId || result[at].nextActivity) {
                continue;
            }
            NextActivity activity;
            activity.id = next.int64(1);
            activity.kind = activityKindFromSlug(next.text(2)).value_or(ActivityKind::Task);
            activity.subject = next.text(3);
            activity.dueDate = fromStoredDate(next.shortText(4, buffer, spill));
            if (!next.isNull(5)) {
                activity.dueTime = QTime::fromString(next.text(5), QStringLiteral("HH:mm"));
            }
            result[at].nextActivity = std::move(activity);
        }
        if (next.failed()) {
            return rawError(QStringLiteral("read the deals' next activities"), next);
        }
    }
    {
        RawQuery stamps(raw, "SELECT deal_id, COUNT(*) + SUM(done) FROM activities GROUP BY deal_id ORDER BY deal_id");
        std::size_t at = 0;
        while (stamps.next()) {
            const DealId dealId = stamps.int64(0);
            while (at < result.size() && result[at].id < dealId) {
                ++at;
            }
            if (at == result.size()) {
                break;
            }
            if (result[at].id == dealId) {
                result[at].activityStamp = stamps.int64(1);
            }
        }
        if (stamps.failed()) {
            return rawError(QStringLiteral("read the deals' activities"), stamps);
        }
    }
    return result;
}

Result<void> DealStore::scanDealRows(const DealFilter& filter, const std::function<bool(const DealCsvRow&)>& row)
{
    QString sql = QStringLiteral(
        "SELECT d.id, d.title, COALESCE(o.name, ''), COALESCE(p.name, ''), COALESCE(p.email, ''), "
        "COALESCE(p.phone, ''), d.owner, d.stage, d.status, d.value_minor, d.currency, d.expected_close, d.willing, "
        "d.need, d.budget, d.lost_reason, d.created_at, d.stage_entered_at FROM deals d "
        "LEFT JOIN organizations o ON o.id = d.organization_id LEFT JOIN people p ON p.id = d.person_id WHERE 1 = 1");
    const QStringList values = appendFilter(sql, filter);
    RawQuery query(rawHandle(), sql.toUtf8().constData());
    for (int i = 0; i < values.size(); ++i) {
        query.bind(i + 1, values[i]);
    }
    DealCsvRow current;
    while (query.next()) {
        current.id = query.int64(0);
        current.title = query.bytes(1);
        current.company = query.bytes(2);
        current.contact = query.bytes(3);
        current.email = query.bytes(4);
        current.phone = query.bytes(5);
        current.owner = query.bytes(6);
        current.stage = query.bytes(7);
        current.status = query.bytes(8);
        current.valueMinor = query.int64(9);
        current.currency = query.bytes(10);
        current.expectedClose = query.bytes(11);
        current.willing = query.int64(12) != 0;
        current.need = query.int64(13) != 0;
        current.budget = query.int64(14) != 0;
        current.lostReason = query.bytes(15);
        current.createdAt = query.bytes(16);
        current.stageEnteredAt = query.bytes(17);
        if (!row(current)) {
            return {};
        }
    }
    if (query.failed()) {
        return rawError(QStringLiteral("read the deals"), query);
    }
    return {};
}

Result<std::vector<Deal>> DealStore::newestInStage(Stage stage, int limit)
{
    QSqlQuery& query = prepared(DealSelect
                                + QStringLiteral(" WHERE d.stage = ? AND d.status <> 'lost' "
                                                 "ORDER BY d.stage_entered_at DESC, d.id DESC LIMIT ?"));
    query.addBindValue(stageSlug(stage));
    query.addBindValue(limit);
    if (!query.exec()) {
        return storageError(QStringLiteral("read the deals"), query);
    }
    std::vector<Deal> result;
    while (query.next()) {
        result.push_back(readDeal(query));
    }
    query.finish();
    return result;
}

Result<std::vector<StageAggregate>> DealStore::stageAggregates()
{
    QString probability = QStringLiteral("CASE stage");
    for (Stage stage : AllStages) {
        // Our own constants, not user input.
        probability
            += QStringLiteral(" WHEN '%1' THEN %2").arg(stageSlug(stage)).arg(stageInfo(stage).winProbabilityPercent);
    }
    probability += QStringLiteral(" ELSE 0 END");
    QSqlQuery& query = prepared(
        QStringLiteral("SELECT %1, %2, currency, COUNT(*), SUM(value_minor), "
                       "SUM(value_minor * %3 / 100) FROM deals GROUP BY stage, status, currency")
            .arg(StageNumber.arg(QStringLiteral("stage")), StatusNumber.arg(QStringLiteral("status")), probability));
    if (!query.exec()) {
        return storageError(QStringLiteral("sum up the stages"), query);
    }
    std::vector<StageAggregate> result;
    while (query.next()) {
        result.push_back({stageFromNumber(query.value(0).toInt()), statusFromNumber(query.value(1).toInt()),
                          query.value(2).toString(), query.value(3).toInt(), query.value(4).toLongLong(),
                          query.value(5).toLongLong()});
    }
    query.finish();
    return result;
}

Result<std::vector<HistoryEntry>> DealStore::history(DealId id)
{
    QSqlQuery& query = prepared(QStringLiteral("SELECT id, deal_id, from_stage, to_stage, from_status, to_status, at, "
                                               "actor FROM stage_history WHERE deal_id = ? ORDER BY id"));
    query.addBindValue(qint64(id));
    if (!query.exec()) {
        return storageError(QStringLiteral("read the deal's history"), query);
    }
    std::vector<HistoryEntry> entries;
    while (query.next()) {
        entries.push_back(readHistory(query));
    }
    query.finish();
    return entries;
}

Result<std::vector<HistoryEntry>> DealStore::allHistory()
{
    QSqlQuery& query = prepared(QStringLiteral("SELECT id, deal_id, from_stage, to_stage, from_status, to_status, at, "
                                               "actor FROM stage_history ORDER BY deal_id, id"));
    if (!query.exec()) {
        return storageError(QStringLiteral("read the stage history"), query);
    }
    std::vector<HistoryEntry> entries;
    while (query.next()) {
        entries.push_back(readHistory(query));
    }
    query.finish();
    return entries;
}

Result<QStringList> DealStore::owners()
{
    QSqlQuery& query = prepared(QStringLiteral("SELECT DISTINCT owner FROM deals WHERE owner <> '' ORDER BY owner"));
    if (!query.exec()) {
        return storageError(QStringLiteral("read the owners"), query);
    }
    QStringList result;
    while (query.next()) {
        result << query.value(0).toString();
    }
    query.finish();
    return result;
}

Result<std::vector<std::pair<DealId, std::int64_t>>> DealStore::dealVersions()
{
    sqlite3* raw = rawHandle();
    std::vector<std::pair<DealId, std::int64_t>> versions;
    {
        RawQuery query(raw, "SELECT id, version FROM deals ORDER BY id");
        while (query.next()) {
            versions.emplace_back(query.int64(0), query.int64(1));
        }
        if (query.failed()) {
            return rawError(QStringLiteral("read the deals"), query);
        }
    }
    // The activity stamps, merged in by id (Deal::cardStamp).
    RawQuery stamps(raw, "SELECT deal_id, COUNT(*) + SUM(done) FROM activities GROUP BY deal_id ORDER BY deal_id");
    std::size_t at = 0;
    while (stamps.next()) {
        const DealId dealId = stamps.int64(0);
        while (at < versions.size() && versions[at].first < dealId) {
            versions[at].second = Deal::cardStamp(versions[at].second, 0);
            ++at;
        }
        if (at < versions.size() && versions[at].first == dealId) {
            versions[at].second = Deal::cardStamp(versions[at].second, stamps.int64(1));
            ++at;
        }
    }
    if (stamps.failed()) {
        return rawError(QStringLiteral("read the deals' activities"), stamps);
    }
    return versions;
}

Result<qint64> DealStore::dataVersion()
{
    QSqlQuery& query = prepared(QStringLiteral("PRAGMA data_version"));
    if (!query.exec() || !query.next()) {
        return storageError(QStringLiteral("check for changes"), query);
    }
    const qint64 version = query.value(0).toLongLong();
    query.finish();
    return version;
}

Result<void> DealStore::insertDeal(Deal& deal)
{
    if (Result<void> linked = linkParties(deal); !linked) {
        return linked;
    }
    QSqlQuery& query = prepared(QStringLiteral("INSERT INTO deals (%1) VALUES "
                                               "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                                    .arg(DealColumns));
    deal.version = 1;
    query.addBindValue(deal.id > 0 ? QVariant(qint64(deal.id)) : QVariant(QMetaType::fromType<qint64>()));
    query.addBindValue(nonNull(deal.title));
    query.addBindValue(optionalId(deal.organizationId));
    query.addBindValue(optionalId(deal.personId));
    query.addBindValue(optionalId(deal.originDealId));
    query.addBindValue(nonNull(deal.owner));
    query.addBindValue(stageSlug(deal.stage));
    query.addBindValue(statusSlug(deal.status));
    query.addBindValue(qint64(deal.value.minor));
    query.addBindValue(deal.value.currency);
    query.addBindValue(nullableText(toStoredDate(deal.expectedClose)));
    query.addBindValue(int(deal.qualification.willing));
    query.addBindValue(int(deal.qualification.need));
    query.addBindValue(int(deal.qualification.budget));
    query.addBindValue(nonNull(deal.lostReason));
    query.addBindValue(toStoredTime(deal.createdAt));
    query.addBindValue(toStoredTime(deal.updatedAt));
    query.addBindValue(toStoredTime(deal.stageEnteredAt));
    query.addBindValue(qint64(deal.version));
    if (!query.exec()) {
        return storageError(QStringLiteral("save the new deal"), query);
    }
    deal.id = query.lastInsertId().toLongLong();
    query.finish();
    return {};
}

Result<void> DealStore::updateDeal(Deal& deal)
{
    if (Result<void> linked = linkParties(deal); !linked) {
        return linked;
    }
    QSqlQuery& query = prepared(QStringLiteral(
        "UPDATE deals SET title = ?, organization_id = ?, person_id = ?, owner = ?, stage = ?, "
        "status = ?, value_minor = ?, currency = ?, expected_close = ?, willing = ?, need = ?, budget = ?, "
        "lost_reason = ?, updated_at = ?, stage_entered_at = ?, version = version + 1 WHERE id = ? AND version = ?"));
    query.addBindValue(nonNull(deal.title));
    query.addBindValue(optionalId(deal.organizationId));
    query.addBindValue(optionalId(deal.personId));
    query.addBindValue(nonNull(deal.owner));
    query.addBindValue(stageSlug(deal.stage));
    query.addBindValue(statusSlug(deal.status));
    query.addBindValue(qint64(deal.value.minor));
    query.addBindValue(deal.value.currency);
    query.addBindValue(nullableText(toStoredDate(deal.expectedClose)));
    query.addBindValue(int(deal.qualification.willing));
    query.addBindValue(int(deal.qualification.need));
    query.addBindValue(int(deal.qualification.budget));
    query.addBindValue(nonNull(deal.lostReason));
    query.addBindValue(toStoredTime(deal.updatedAt));
    query.addBindValue(toStoredTime(deal.stageEnteredAt));
    query.addBindValue(qint64(deal.id));
    query.addBindValue(qint64(deal.version));
    if (!query.exec()) {
        return storageError(QStringLiteral("save the deal"), query);
    }
    const int changed = query.numRowsAffected();
    query.finish();
    if (changed != 1) {
        return makeError(
            ErrorCode::StaleVersion,
            QStringLiteral("Deal %1 changed elsewhere since it was read; nothing was saved.").arg(deal.id));
    }
    ++deal.version;
    return {};
}

Result<void> DealStore::deleteDeal(DealId id, std::int64_t version)
{
    QSqlQuery& query = prepared(QStringLiteral("DELETE FROM deals WHERE id = ? AND version = ?"));
    query.addBindValue(qint64(id));
    query.addBindValue(qint64(version));
    if (!query.exec()) {
        return storageError(QStringLiteral("delete the deal"), query);
    }
    const int changed = query.numRowsAffected();
    query.finish();
    if (changed != 1) {
        return makeError(ErrorCode::StaleVersion,
                         QStringLiteral("Deal %1 changed elsewhere since it was read; it was not deleted.").arg(id));
    }
    return {};
}

// Seeds and imports write hundreds of thousands of these: a kept statement
// through SQLite's C API, slugs bound without copies.
Result<void> DealStore::insertHistory(HistoryEntry& entry)
{
    RawQuery query(rawHandle(),
                   keptStatement("INSERT INTO stage_history (deal_id, from_stage, to_stage, from_status, "
                                 "to_status, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    query.bind(1, std::int64_t(entry.dealId));
    if (entry.fromStage) {
        query.bindStatic(2, stageInfo(*entry.fromStage).slug);
    } else {
        query.bindNull(2);
    }
    query.bindStatic(3, stageInfo(entry.toStage).slug);
    if (entry.fromStatus) {
        query.bind(4, statusSlug(*entry.fromStatus));
    } else {
        query.bindNull(4);
    }
    query.bind(5, statusSlug(entry.toStatus));
    query.bind(6, toStoredTime(entry.at));
    query.bind(7, nonNull(entry.actor));
    if (!query.run()) {
        return rawError(QStringLiteral("record the stage history"), query);
    }
    entry.id = query.lastInsertId();
    return {};
}

std::pair<QString, QVariantList> DealStore::cohortCondition(const ReportFilter& filter, const QString& table) const
{
    // Times are stored as sortable UTC text, so a calendar range is a text range.
    // Only the bounds that are set become conditions: without any, SQLite reads
    // the table in id order and needs no sort.
    QStringList conditions {QStringLiteral("1 = 1")};
    QVariantList values;
    if (filter.from.isValid()) {
        conditions << QStringLiteral("%1.created_at >= ?").arg(table);
        values << toStoredTime(QDateTime(filter.from, QTime(0, 0), Qt::UTC));
    }
    if (filter.to.isValid()) {
        // The last millisecond of the day, not the next day's start: the day
        // after 9999-12-31 would not sort as a later text.
        conditions << QStringLiteral("%1.created_at <= ?").arg(table);
        values << toStoredTime(QDateTime(filter.to, QTime(23, 59, 59, 999), Qt::UTC));
    }
    if (!filter.owner.isEmpty()) {
        conditions << QStringLiteral("%1.owner = ?").arg(table);
        values << filter.owner;
    }
    return {conditions.join(QStringLiteral(" AND ")), values};
}

Result<std::vector<ReportDeal>> DealStore::reportDeals(const ReportFilter& filter)
{
    const auto [condition, values] = cohortCondition(filter, QStringLiteral("d"));
    // Strings only where the report uses them: the reason of lost deals, the
    // creation time of won ones; the currency is compared in the database.
    const QString sql = QStringLiteral("SELECT d.id, d.stage, d.status, d.value_minor, d.currency = ?, "
                                       "CASE WHEN d.status = 'lost' THEN d.lost_reason END, "
                                       "CASE WHEN d.status = 'won' THEN d.created_at END, "
                                       "d.origin_deal_id IS NOT NULL FROM deals d WHERE %1 ORDER BY d.id")
                            .arg(condition);
    RawQuery query(rawHandle(), sql.toUtf8().constData());
    query.bind(1, filter.currency);
    for (int i = 0; i < values.size(); ++i) {
        query.bind(i + 2, values[i].toString());
    }
    std::vector<ReportDeal> deals;
    while (query.next()) {
        ReportDeal deal;
        deal.id = query.int64(0);
        deal.stage = stageFromSlugBytes(query.bytes(1));
        deal.status = statusFromSlugBytes(query.bytes(2));
        deal.valueMinor = query.int64(3);
        deal.inReportCurrency = query.int64(4) == 1;
        if (deal.status == DealStatus::Lost) {
            deal.lostReason = query.text(5);
        } else if (deal.status == DealStatus::Won) {
            deal.createdMs = storedTimeToMs(query.bytes(6));
            deal.followUp = query.int64(7) == 1;
        }
        deals.push_back(std::move(deal));
    }
    if (query.failed()) {
        return rawError(QStringLiteral("read the deals for the report"), query);
    }
    return deals;
}

Result<std::vector<ReportHistoryRow>> DealStore::reportHistory(const ReportFilter& filter)
{
    // Read in stored order (no join, no sort in SQL), keep the cohort's rows,
    // then order them by deal; rows of one deal keep their stored order.
    sqlite3* raw = rawHandle();
    std::vector<DealId> cohort;
    const bool everyDeal = !filter.from.isValid() && !filter.to.isValid() && filter.owner.isEmpty();
    if (!everyDeal) {
        const auto [condition, values] = cohortCondition(filter, QStringLiteral("d"));
        RawQuery ids(
            raw, QStringLiteral("SELECT d.id FROM deals d WHERE %1 ORDER BY d.id").arg(condition).toUtf8().constData());
        for (int i = 0; i < values.size(); ++i) {
            ids.bind(i + 1, values[i].toString());
        }
        while (ids.next()) {
            cohort.push_back(ids.int64(0));
        }
        if (ids.failed()) {
            return rawError(QStringLiteral("read the deals for the report"), ids);
        }
    }
    RawQuery query(raw, "SELECT h.deal_id, h.to_stage, h.to_status, h.at FROM stage_history h ORDER BY h.id");
    std::vector<ReportHistoryRow> rows;
    while (query.next()) {
        const DealId dealId = query.int64(0);
        if (!everyDeal && !std::binary_search(cohort.begin(), cohort.end(), dealId)) {
            continue;
        }
        ReportHistoryRow row;
        row.dealId = dealId;
        row.toStage = stageFromSlugBytes(query.bytes(1));
        row.toStatus = statusFromSlugBytes(query.bytes(2));
        row.atMs = storedTimeToMs(query.bytes(3));
        rows.push_back(row);
    }
    if (query.failed()) {
        return rawError(QStringLiteral("read the stage history for the report"), query);
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const ReportHistoryRow& a, const ReportHistoryRow& b) { return a.dealId < b.dealId; });
    return rows;
}

Result<StageGoals> DealStore::stageGoals()
{
    QSqlQuery& query
        = prepared(QStringLiteral("SELECT stage, target_conversion_bp, target_median_days FROM stage_goals"));
    if (!query.exec()) {
        return storageError(QStringLiteral("read the stage goals"), query);
    }
    StageGoals goals {};
    while (query.next()) {
        const std::optional<Stage> stage = stageFromSlug(query.value(0).toString());
        if (!stage) {
            continue;
        }
        StageGoal& goal = goals[stageIndex(*stage)];
        if (!query.value(1).isNull()) {
            goal.targetConversion = query.value(1).toInt() / 10000.0;
        }
        if (!query.value(2).isNull()) {
            goal.targetMedianDays = query.value(2).toInt();
        }
    }
    query.finish();
    return goals;
}

Result<void> DealStore::saveStageGoal(Stage stage, const StageGoal& goal)
{
    QSqlQuery& remove = prepared(QStringLiteral("DELETE FROM stage_goals WHERE stage = ?"));
    remove.addBindValue(stageSlug(stage));
    if (!remove.exec()) {
        return storageError(QStringLiteral("save the stage goal"), remove);
    }
    remove.finish();
    if (!goal.isSet()) {
        return {};
    }
    QSqlQuery& insert = prepared(
        QStringLiteral("INSERT INTO stage_goals (stage, target_conversion_bp, target_median_days) VALUES (?, ?, ?)"));
    insert.addBindValue(stageSlug(stage));
    insert.addBindValue(goal.targetConversion ? QVariant(static_cast<int>(std::lround(*goal.targetConversion * 10000)))
                                              : QVariant(QMetaType::fromType<int>()));
    insert.addBindValue(goal.targetMedianDays ? QVariant(*goal.targetMedianDays)
                                              : QVariant(QMetaType::fromType<int>()));
    if (!insert.exec()) {
        return storageError(QStringLiteral("save the stage goal"), insert);
    }
    insert.finish();
    return {};
}

int DealStore::waitForWriter(void* self, int attempt)
{
    auto* store = static_cast<DealStore*>(self);
    using Clock = std::chrono::steady_clock;
    const Clock::time_point now = Clock::now();
    if (attempt == 0) {
        store->m_waitStarted = now;
        store->m_waitAnnounced = false;
    }
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now - store->m_waitStarted).count();
    if (waited >= BusyLimitMs) {
        spdlog::warn("Gave up waiting for another writer of {} after {} ms", store->m_path.toStdString(), waited);
        return 0;
    }
    if (!store->m_waitAnnounced && waited >= 1000) {
        store->m_waitAnnounced = true;
        spdlog::info("Waiting for another writer of {}", store->m_path.toStdString());
        if (store->m_onWait) {
            store->m_onWait();
        }
    }
    // Short sleeps first, as SQLite's own timeout does, then steady 50 ms.
    static constexpr int Sleeps[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50};
    const int sleepMs = attempt < static_cast<int>(std::size(Sleeps)) ? Sleeps[attempt] : 50;
    sqlite3_sleep(sleepMs);
    return 1;
}

void DealStore::setWaitObserver(std::function<void()> onWait)
{
    m_onWait = std::move(onWait);
}

Result<void> DealStore::backupTo(const QString& target)
{
    if (PipelineFiles::isOwnFile(target, m_path)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is the pipeline itself; give the backup a new name.")
                             .arg(QDir::toNativeSeparators(target)));
    }
    return PipelineBackup::copyTo(rawHandle(), target);
}

Result<QStringList> DealStore::integrityProblems()
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("PRAGMA integrity_check"))) {
        return storageError(QStringLiteral("check the database"), query);
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

} // namespace dealboard
