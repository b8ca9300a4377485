// A pipeline file's structure: the first look at the main file alone, the
// versions accepted, the pragmas, the migrations' order, and the guard that
// refuses writes to a file whose structure is not DealBoard's.
#include "Schema.h"

#include "ChangeLog.h"
#include "Database.h"
#include "SchemaShape.h"
#include "SqliteBackend.h"
#include "StageTotalsTable.h"
#include "dealboard/DealStore.h"
#include "dealboard/PipelineBackup.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/SystemUser.h"

#include <QAtomicInteger>
#include <QDir>
#include <QSqlError>
#include <QUrl>
#include <algorithm>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace dealboard {

Schema::Schema(Database& database)
    : m_database(database)
{
}

void Schema::startGuarding()
{
    m_guardSchema = true;
    // A structure that is not DealBoard's still opens, for reading, exporting
    // and check; every write is refused with what differs.
    (void)verifySchema();
}

Result<void> Schema::firstLook(const QString& absolute)
{
    const QString shownPath = QDir::toNativeSeparators(absolute);
    // immutable=1: SQLite reads the main file only, takes no locks and never
    // looks at a -wal or -journal beside it, so nothing is recovered or written.
    const QByteArray uri
        = QByteArrayLiteral("file:") + QUrl::toPercentEncoding(absolute, QByteArrayLiteral("/")) + "?immutable=1";
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(uri.constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    int version = 0;
    int objects = 0;
    if (rc == SQLITE_OK) {
        sqlite3_stmt* statement = nullptr;
        rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &statement, nullptr);
        if (rc == SQLITE_OK && (rc = sqlite3_step(statement)) == SQLITE_ROW) {
            version = sqlite3_column_int(statement, 0);
            rc = SQLITE_OK;
        }
        sqlite3_finalize(statement);
        statement = nullptr;
        if (rc == SQLITE_OK) {
            rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &statement, nullptr);
            if (rc == SQLITE_OK && (rc = sqlite3_step(statement)) == SQLITE_ROW) {
                objects = sqlite3_column_int(statement, 0);
                rc = SQLITE_OK;
            }
            sqlite3_finalize(statement);
        }
    }
    const QString why = db != nullptr ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
    sqlite3_close(db);
    if ((rc & 0xff) == SQLITE_NOTADB) {
        spdlog::warn("Refused {}: not an SQLite file", absolute.toStdString());
        return makeError(ErrorCode::NotADatabase,
                         QStringLiteral("'%1' is not a DealBoard database (not an SQLite file). "
                                        "It was left untouched; choose another file.")
                             .arg(shownPath));
    }
    if ((rc & 0xff) == SQLITE_CORRUPT && PipelineFiles::holdsChangesBeside(absolute)) {
        // A writer stopped in the middle of a checkpoint (or of a transaction,
        // with a rollback journal) leaves the main file alone torn: it is sound
        // only with what the -wal or -journal beside it holds. The connection
        // opened next reads both, and judges the file (closing it then must
        // not checkpoint into a file it refuses).
        spdlog::info("The main file of {} alone reads as damaged while a -wal or -journal holds recent changes; "
                     "judging it with them ({})",
                     absolute.toStdString(), why.toStdString());
        return {};
    }
    if ((rc & 0xff) == SQLITE_CORRUPT) {
        spdlog::warn("Refused {}: damaged ({})", absolute.toStdString(), why.toStdString());
        return makeError(ErrorCode::NotADatabase,
                         QStringLiteral("'%1' is damaged (SQLite: database disk image is malformed). It was left "
                                        "untouched; restore it from a backup.")
                             .arg(shownPath));
    }
    if (rc != SQLITE_OK) {
        spdlog::warn("Refused {}: {}", absolute.toStdString(), why.toStdString());
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Can't read '%1': %2. It was left untouched.").arg(shownPath, why));
    }
    return acceptableSchema(absolute, version, objects);
}

Result<void> Schema::acceptableSchema(const QString& absolute, int version, int objects)
{
    const QString shownPath = QDir::toNativeSeparators(absolute);
    if (version > Version) {
        spdlog::warn("Refused {}: schema version {} is newer than {}", absolute.toStdString(), version, Version);
        return makeError(ErrorCode::NewerSchema,
                         QStringLiteral("'%1' was written by a newer DealBoard (schema version %2; this one knows "
                                        "up to %3). Update DealBoard to open it; the file was left untouched.")
                             .arg(shownPath)
                             .arg(version)
                             .arg(Version));
    }
    if (version < 0 || (version == 0 && objects > 0)) {
        spdlog::warn("Refused {}: an SQLite file of another program (user_version {})", absolute.toStdString(),
                     version);
        return makeError(ErrorCode::NotADatabase,
                         QStringLiteral("'%1' is an SQLite database of another program, not DealBoard's. "
                                        "It was left untouched; choose another file.")
                             .arg(shownPath));
    }
    return {};
}

sqlite3* Schema::handle() const
{
    return SqliteBackend::of(m_database).handle();
}

Result<void> Schema::accept()
{
    // Until the file is accepted, closing must not checkpoint a WAL into it.
    sqlite3_db_config(handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    if (Result<void> ready = configureAndMigrate(); !ready) {
        return ready;
    }
    m_totalsKept = StageTotalsTable::ensure(m_database);
    sqlite3_db_config(handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    startGuarding();
    return ChangeLog::installOnFile(m_database, systemUserName());
}

Result<void> Schema::configureAndMigrate()
{
    const QString shownPath = QDir::toNativeSeparators(m_database.path());

    // Read before writing anything, so that a foreign file is left untouched.
    QSqlQuery probe(m_database.connection());
    probe.setForwardOnly(true);
    if (!probe.exec(QStringLiteral("PRAGMA user_version")) || !probe.next()) {
        const QString why = probe.lastError().text();
        spdlog::warn("Refused {}: {}", m_database.path().toStdString(), why.toStdString());
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
            return m_database.storageError(QStringLiteral("read the database"), probe);
        }
        objects = probe.value(0).toInt();
        probe.finish();
    }
    // Again through the normal connection: what a WAL held may differ from
    // the main file alone.
    if (Result<void> acceptable = acceptableSchema(m_database.path(), version, objects); !acceptable) {
        return acceptable;
    }

    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL", "PRAGMA cache_size=-32768"}) {
        if (Result<void> done = m_database.execute(QString::fromLatin1(pragma)); !done) {
            return done;
        }
    }

    if (version >= m_targetVersion) {
        return {};
    }
    // A migration writes: never with someone else's trigger in the file
    // (version 11's own, exactly as it made them, are the file's).
    if (const QStringList foreign = StageTotalsTable::withoutOwnTriggers(handle(), triggersAndViews(handle()));
        !foreign.isEmpty()) {
        spdlog::warn("Refused to migrate {}: {}", m_database.path().toStdString(),
                     foreign.join(QStringLiteral("; ")).toStdString());
        return makeError(ErrorCode::NotADatabase,
                         QStringLiteral("'%1' holds what DealBoard never makes (%2), so it was not updated to this "
                                        "version. Remove them with sqlite3 or restore a backup; the file was left "
                                        "untouched.")
                             .arg(shownPath, foreign.join(QStringLiteral("; "))));
    }
    // Nor with checks another program rewrote: version 10 rewrites them in
    // place and would leave them half its own (Migrations10.cpp).
    if (version < 10) {
        Result<QStringList> odd = checksNotAsMade();
        if (!odd) {
            return odd.error();
        }
        if (!odd.value().isEmpty()) {
            spdlog::warn("Refused to migrate {}: {}", m_database.path().toStdString(),
                         odd.value().join(QStringLiteral("; ")).toStdString());
            return makeError(ErrorCode::NotADatabase,
                             QStringLiteral("'%1' was changed by another program (%2), so it was not updated to this "
                                            "version. Restore a backup DealBoard made, or export its deals with the "
                                            "DealBoard that made it and import them into a new pipeline; the file "
                                            "was left untouched.")
                                 .arg(shownPath, odd.value().join(QStringLiteral("; "))));
        }
    }
    // Something to go back to if this migration or a later release goes wrong.
    if (version >= 1) {
        Result<QString> backup = PipelineBackup::besidePipeline(m_database, m_database.path(), version);
        if (!backup) {
            spdlog::error("Not migrating {}: the backup failed", m_database.path().toStdString());
            return makeError(ErrorCode::Storage,
                             QStringLiteral("'%1' needs an update to this DealBoard's schema, and a backup comes "
                                            "first, which failed: %2 The file was left as it was.")
                                 .arg(shownPath, backup.error().message));
        }
        spdlog::info("Backed up {} (schema {}) to {} before migrating", m_database.path().toStdString(), version,
                     backup.value().toStdString());
    }
    if (Result<void> begun = m_database.begin(); !begun) {
        return begun.error();
    }
    WriteTransaction transaction(&m_database);
    // Another process may have migrated while we waited for the lock.
    if (!probe.exec(QStringLiteral("PRAGMA user_version")) || !probe.next()) {
        return m_database.storageError(QStringLiteral("read the schema version"), probe);
    }
    const int lockedVersion = probe.value(0).toInt();
    probe.finish();
    for (int to = lockedVersion + 1; to <= m_targetVersion; ++to) {
        spdlog::info("Migrating {} to schema version {}", m_database.path().toStdString(), to);
        if (Result<void> done = migrateTo(to); !done) {
            spdlog::error("Migration of {} to version {} failed: {}", m_database.path().toStdString(), to,
                          done.error().message.toStdString());
            return done;
        }
    }
    // PRAGMA takes no bound parameters; the value is our own integer constant.
    if (Result<void> done = m_database.execute(QStringLiteral("PRAGMA user_version = %1").arg(m_targetVersion));
        !done) {
        return done;
    }
    Result<void> committed = transaction.commit();
    if (committed) {
        spdlog::info("Database {} is at schema version {}", m_database.path().toStdString(), m_targetVersion);
    }
    return committed;
}

// One migration step by its number. A switch, not a table of member
// pointers: the undefined-behaviour sanitizer misreads an index into such a
// table in a class with virtual functions.
Result<void> Schema::migrateTo(int version)
{
    static_assert(Version == 15, "a new schema version needs its step here");
    switch (version) {
    case 1:
        return migrateTo1();
    case 2:
        return migrateTo2();
    case 3:
        return migrateTo3();
    case 4:
        return migrateTo4();
    case 5:
        return migrateTo5();
    case 6:
        return migrateTo6();
    case 7:
        return migrateTo7();
    case 8:
        return migrateTo8();
    case 9:
        return migrateTo9();
    case 10:
        return migrateTo10();
    case 11:
        return migrateTo11();
    case 12:
        return migrateTo12();
    case 13:
        return migrateTo13();
    case 14:
        return migrateTo14();
    case 15:
        return migrateTo15();
    default:
        return makeError(ErrorCode::Storage, QStringLiteral("There is no schema version %1.").arg(version));
    }
}

int Schema::schemaCookie()
{
    int cookie = -1;
    if (sqlite3_stmt* statement = SqliteBackend::of(m_database).keptStatement("PRAGMA schema_version");
        statement != nullptr) {
        if (sqlite3_step(statement) == SQLITE_ROW) {
            cookie = sqlite3_column_int(statement, 0);
        }
        sqlite3_reset(statement);
    }
    return cookie;
}

Result<void> Schema::guard()
{
    if (!m_guardSchema) {
        return {};
    }
    if (schemaCookie() != m_verifiedSchemaCookie) {
        (void)verifySchema();
    }
    if (!m_schemaFault.isEmpty()) {
        return makeError(ErrorCode::NotADatabase, m_schemaFault);
    }
    return {};
}

const QStringList& Schema::expectedShape()
{
    static const QStringList shape = [] {
        QStringList lines;
        Database model(QStringLiteral(":memory:"), QStringLiteral("dealboard-expected-shape"));
        Schema schema(model);
        if (model.open() && schema.configureAndMigrate()) {
            lines = schemaShape(SqliteBackend::of(model).handle());
        } else {
            spdlog::error("Couldn't build the expected database structure");
        }
        return lines;
    }();
    return shape;
}

QMap<QString, QString> Schema::definitionsAt(int version)
{
    static QAtomicInteger<int> models;
    QMap<QString, QString> definitions;
    Database model(QStringLiteral(":memory:"),
                   QStringLiteral("dealboard-definitions-%1").arg(models.fetchAndAddRelaxed(1)));
    Schema schema(model);
    schema.m_targetVersion = std::clamp(version, 1, Version);
    if (model.open() && schema.configureAndMigrate()) {
        definitions = schemaDefinitions(SqliteBackend::of(model).handle());
    } else {
        spdlog::error("Couldn't build the definitions of schema version {}", version);
    }
    return definitions;
}

Result<void> Schema::verifySchema()
{
    const int cookie = schemaCookie();
    const QStringList differences = shapeDifferences(expectedShape(), schemaShape(handle()));
    m_verifiedSchemaCookie = cookie;
    if (differences.isEmpty()) {
        m_schemaFault.clear();
        return {};
    }
    // A newer DealBoard upgraded the file while this one had it open: not
    // another program's doing, and nothing to remove by hand.
    int version = 0;
    if (sqlite3_stmt* statement = nullptr;
        sqlite3_prepare_v2(handle(), "PRAGMA user_version", -1, &statement, nullptr) == SQLITE_OK) {
        if (sqlite3_step(statement) == SQLITE_ROW) {
            version = sqlite3_column_int(statement, 0);
        }
        sqlite3_finalize(statement);
    }
    if (version > Version) {
        m_schemaFault = QStringLiteral("'%1' was updated by a newer DealBoard (schema version %2; this one knows up "
                                       "to %3) while it was open here. This DealBoard writes nothing more to it; "
                                       "close it and open the file with the newer DealBoard. Nothing needs to be "
                                       "removed.")
                            .arg(QDir::toNativeSeparators(m_database.path()))
                            .arg(version)
                            .arg(Version);
        spdlog::warn("{} was updated to schema version {} while open", m_database.path().toStdString(), version);
        return makeError(ErrorCode::NewerSchema, m_schemaFault);
    }
    const qsizetype shown = std::min<qsizetype>(differences.size(), 8);
    QString listed = differences.mid(0, shown).join(QStringLiteral("; "));
    if (differences.size() > shown) {
        listed += QStringLiteral("; and %1 more").arg(differences.size() - shown);
    }
    m_schemaFault = QStringLiteral("'%1' was changed outside DealBoard (%2). DealBoard writes nothing to it, so "
                                   "that nothing runs behind your back; reading and exporting still work. Restore a "
                                   "backup, or remove what is listed with sqlite3.")
                        .arg(QDir::toNativeSeparators(m_database.path()), listed);
    spdlog::warn("Structure of {} differs from DealBoard's: {}", m_database.path().toStdString(),
                 differences.join(QStringLiteral("; ")).toStdString());
    return makeError(ErrorCode::NotADatabase, m_schemaFault);
}

QStringList Schema::faults()
{
    if (!m_guardSchema) {
        return {};
    }
    return shapeDifferences(expectedShape(), schemaShape(handle()));
}

} // namespace dealboard
