// DealStore's look at a file before it is trusted: the first look at the main
// file alone, the schema versions it accepts, and the structure guard that
// refuses writes to a file whose structure is not DealBoard's.
#include "SchemaShape.h"
#include "dealboard/DealStore.h"

#include <QByteArray>
#include <QDir>
#include <QSqlDatabase>
#include <QUrl>
#include <algorithm>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace dealboard {

Result<void> DealStore::firstLook(const QString& absolute)
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

Result<void> DealStore::acceptableSchema(const QString& absolute, int version, int objects)
{
    const QString shownPath = QDir::toNativeSeparators(absolute);
    if (version > SchemaVersion) {
        spdlog::warn("Refused {}: schema version {} is newer than {}", absolute.toStdString(), version, SchemaVersion);
        return makeError(ErrorCode::NewerSchema,
                         QStringLiteral("'%1' was written by a newer DealBoard (schema version %2; this one knows "
                                        "up to %3). Update DealBoard to open it; the file was left untouched.")
                             .arg(shownPath)
                             .arg(version)
                             .arg(SchemaVersion));
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

int DealStore::schemaCookie()
{
    int cookie = -1;
    if (sqlite3_stmt* statement = keptStatement("PRAGMA schema_version"); statement != nullptr) {
        if (sqlite3_step(statement) == SQLITE_ROW) {
            cookie = sqlite3_column_int(statement, 0);
        }
        sqlite3_reset(statement);
    }
    return cookie;
}

Result<void> DealStore::guardSchema()
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

const QStringList& DealStore::expectedShape()
{
    static const QStringList shape = [] {
        const QString name = QStringLiteral("dealboard-expected-shape");
        QStringList lines;
        {
            std::unique_ptr<DealStore> model(new DealStore(QStringLiteral(":memory:"), name));
            model->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            model->m_db.setDatabaseName(QStringLiteral(":memory:"));
            if (model->m_db.open() && model->configureAndMigrate()) {
                lines = schemaShape(model->rawHandle());
            } else {
                spdlog::error("Couldn't build the expected database structure");
            }
        }
        return lines;
    }();
    return shape;
}

Result<void> DealStore::verifySchema()
{
    const int cookie = schemaCookie();
    const QStringList differences = shapeDifferences(expectedShape(), schemaShape(rawHandle()));
    m_verifiedSchemaCookie = cookie;
    if (differences.isEmpty()) {
        m_schemaFault.clear();
        return {};
    }
    const qsizetype shown = std::min<qsizetype>(differences.size(), 8);
    QString listed = differences.mid(0, shown).join(QStringLiteral("; "));
    if (differences.size() > shown) {
        listed += QStringLiteral("; and %1 more").arg(differences.size() - shown);
    }
    m_schemaFault = QStringLiteral("'%1' was changed outside DealBoard (%2). DealBoard writes nothing to it, so "
                                   "that nothing runs behind your back; reading and exporting still work. Restore a "
                                   "backup, or remove what is listed with sqlite3.")
                        .arg(QDir::toNativeSeparators(m_path), listed);
    spdlog::warn("Structure of {} differs from DealBoard's: {}", m_path.toStdString(),
                 differences.join(QStringLiteral("; ")).toStdString());
    return makeError(ErrorCode::NotADatabase, m_schemaFault);
}

QStringList DealStore::schemaFaults()
{
    if (!m_guardSchema) {
        return {};
    }
    return shapeDifferences(expectedShape(), schemaShape(rawHandle()));
}

} // namespace dealboard
