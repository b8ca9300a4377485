#include "dealboard/PipelineBackup.h"

#include "dealboard/DealStore.h"
#include "dealboard/PipelineFiles.h"
#include "store/Database.h"
#include "store/SchemaShape.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QUrl>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dealboard {

namespace {
// The copies on a bare SQLite handle (restore reads a file no store has open).
Result<void> copyFrom(sqlite3* db, const QString& target);
Result<QString> keepBeside(sqlite3* db, const QString& pipelinePath, int schemaVersion);
Result<QString> keepBeforeRestore(sqlite3* db, const QString& pipelinePath);
// What the file at `copy` holds that DealBoard did not make, once brought up
// to this version; an error when it can't be.
Result<QStringList> foreignObjects(const QString& copy);
} // namespace

namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

Result<void> createEmptyOwnerOnly(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        const QString why
            = errno == EEXIST ? QStringLiteral("the file already exists; choose a new name") : systemError();
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("Can't write the backup '%1': %2.").arg(QDir::toNativeSeparators(path), why));
    }
    ::close(fd);
    return {};
}

void syncFolder(const QString& folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

Result<void> PipelineBackup::copyTo(Database& database, const QString& target)
{
    return copyFrom(database.rawHandle(), target);
}

Result<QString> PipelineBackup::besidePipeline(Database& database, const QString& pipelinePath, int schemaVersion)
{
    return keepBeside(database.rawHandle(), pipelinePath, schemaVersion);
}

namespace {

Result<void> copyFrom(sqlite3* db, const QString& target)
{
    // VACUUM INTO accepts an empty file: made first, owner-only.
    if (Result<void> made = createEmptyOwnerOnly(target); !made) {
        return made;
    }
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v2(db, "VACUUM INTO ?1", -1, &statement, nullptr);
    const QByteArray path = QFile::encodeName(target);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(statement, 1, path.constData(), static_cast<int>(path.size()), SQLITE_TRANSIENT);
        rc = sqlite3_step(statement);
    }
    const QString why = QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) {
        QFile::remove(target);
        spdlog::error("Backup to {} failed: {}", target.toStdString(), why.toStdString());
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Couldn't write the backup '%1': %2. Nothing was kept.")
                             .arg(QDir::toNativeSeparators(target), why));
    }
    spdlog::info("Backed up to {}", target.toStdString());
    return {};
}

} // namespace

QStringList PipelineBackup::automaticBackups(const QString& pipelinePath)
{
    const QFileInfo pipeline(pipelinePath);
    QDir folder = pipeline.absoluteDir();
    const QFileInfoList found
        = folder.entryInfoList({pipeline.fileName() + QStringLiteral(".schema*.backup")}, QDir::Files, QDir::Name);
    QStringList paths;
    for (const QFileInfo& info : found) {
        paths << info.absoluteFilePath();
    }
    // The names end in the date and time they were made: newest last by name.
    std::reverse(paths.begin(), paths.end());
    return paths;
}

namespace {

Result<QString> keepBeside(sqlite3* db, const QString& pipelinePath, int schemaVersion)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString target = QStringLiteral("%1.schema%2-%3.backup")
                               .arg(QFileInfo(pipelinePath).absoluteFilePath())
                               .arg(schemaVersion)
                               .arg(now.toString(QStringLiteral("yyyy-MM-dd-HHmmss-zzz")));
    if (Result<void> copied = copyFrom(db, target); !copied) {
        return copied.error();
    }
    const QStringList backups = PipelineBackup::automaticBackups(pipelinePath);
    for (qsizetype i = PipelineBackup::Kept; i < backups.size(); ++i) {
        spdlog::info("Removing an old backup {}", backups[i].toStdString());
        QFile::remove(backups[i]);
    }
    return target;
}

QString stamp()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd-HHmmss-zzz"));
}

Result<QString> keepBeforeRestore(sqlite3* db, const QString& pipelinePath)
{
    // Never removed by the migrations' rotation, nor by later restores: the
    // copy taken before the first of several restores is what was real.
    const QString target
        = QStringLiteral("%1.before-restore-%2.backup").arg(QFileInfo(pipelinePath).absoluteFilePath(), stamp());
    if (Result<void> copied = copyFrom(db, target); !copied) {
        return copied.error();
    }
    return target;
}

Result<QStringList> foreignObjects(const QString& copy)
{
    QStringList differences;
    {
        Result<std::unique_ptr<DealStore>> store = DealStore::open(copy);
        if (!store) {
            return store.error();
        }
        differences = store.value()->schemaFaults();
    }
    // Bringing an older copy up to this version kept its own backup beside it.
    for (const QString& kept : PipelineBackup::automaticBackups(copy)) {
        QFile::remove(kept);
    }
    return differences;
}

} // namespace

QStringList PipelineBackup::beforeRestoreBackups(const QString& pipelinePath)
{
    const QFileInfo pipeline(pipelinePath);
    QStringList paths;
    for (const QFileInfo& info : pipeline.absoluteDir().entryInfoList(
             {pipeline.fileName() + QStringLiteral(".before-restore-*.backup")}, QDir::Files, QDir::Name)) {
        paths << info.absoluteFilePath();
    }
    std::reverse(paths.begin(), paths.end());
    return paths;
}

bool PipelineBackup::isOpenElsewhere(const QString& pipelinePath)
{
    const QString shm = pipelinePath + QStringLiteral("-shm");
    const int fd = ::open(QFile::encodeName(shm).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false; // SQLite keeps a -shm while any connection has the file open in WAL mode
    }
    // Every connection holds a shared lock on the "DMS" byte (offset 128)
    // of the -shm while it is open: a write lock there would conflict.
    struct flock probe
    {
    };
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    probe.l_start = 128;
    probe.l_len = 1;
    const bool held = ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
    ::close(fd);
    return held;
}

Result<QString> PipelineBackup::restore(const QString& backup, const QString& pipelinePath)
{
    const QString shownBackup = QDir::toNativeSeparators(backup);
    const QString target = QFileInfo(pipelinePath).absoluteFilePath();
    if (PipelineFiles::isOwnFile(backup, target)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is the pipeline itself (or one of its files), not a backup of it. "
                                        "Name the backup to restore.")
                             .arg(shownBackup));
    }
    struct stat link
    {
    };
    if (::lstat(QFile::encodeName(backup).constData(), &link) == 0 && S_ISLNK(link.st_mode)) {
        spdlog::warn("Refused to restore from the symbolic link {}", backup.toStdString());
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is a symbolic link; restore reads a backup only from the file itself, "
                                        "never through a link. Name the backup file; nothing was restored.")
                             .arg(shownBackup));
    }
    if (Result<void> readable = PipelineFiles::checkInput(backup, target); !readable) {
        return readable.error();
    }
    // The backup must be a sound DealBoard database: opened read-only and
    // immutable, so that nothing in it or beside it changes.
    const QByteArray uri = QByteArrayLiteral("file:")
        + QUrl::toPercentEncoding(QFileInfo(backup).absoluteFilePath(), QByteArrayLiteral("/")) + "?immutable=1";
    sqlite3* source = nullptr;
    if (sqlite3_open_v2(uri.constData(), &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) != SQLITE_OK) {
        const QString why = QString::fromUtf8(sqlite3_errmsg(source));
        sqlite3_close(source);
        return makeError(ErrorCode::NotADatabase, QStringLiteral("Can't read '%1': %2.").arg(shownBackup, why));
    }
    auto closeSource = qScopeGuard([&] { sqlite3_close(source); });
    int version = -1;
    QString verdict;
    {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(source, "PRAGMA user_version", -1, &statement, nullptr) == SQLITE_OK
            && sqlite3_step(statement) == SQLITE_ROW) {
            version = sqlite3_column_int(statement, 0);
        }
        sqlite3_finalize(statement);
        if (sqlite3_prepare_v2(source, "PRAGMA quick_check", -1, &statement, nullptr) == SQLITE_OK
            && sqlite3_step(statement) == SQLITE_ROW) {
            verdict = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
        }
        sqlite3_finalize(statement);
    }
    if (version < 1 || version > DealStore::SchemaVersion || verdict != u"ok") {
        return makeError(ErrorCode::NotADatabase,
                         QStringLiteral("'%1' is not a sound DealBoard backup (%2). Nothing was restored.")
                             .arg(shownBackup,
                                  version > DealStore::SchemaVersion ? QStringLiteral("written by a newer DealBoard")
                                      : verdict.isEmpty() || verdict == u"ok"
                                      ? QStringLiteral("not a DealBoard database")
                                      : QStringLiteral("damaged: %1").arg(verdict)));
    }

    const QString shownTarget = QDir::toNativeSeparators(target);
    const auto refuseForeign = [&](const QStringList& found) {
        spdlog::warn("Refused to restore {}: {}", backup.toStdString(), found.join(QStringLiteral("; ")).toStdString());
        const qsizetype listed = std::min<qsizetype>(found.size(), 8);
        QString what = found.mid(0, listed).join(QStringLiteral("; "));
        if (found.size() > listed) {
            what += QStringLiteral("; and %1 more").arg(found.size() - listed);
        }
        const bool onlyAdded = std::all_of(found.begin(), found.end(), [](const QString& difference) {
            return !difference.startsWith(QLatin1String("missing "));
        });
        return makeError(ErrorCode::NotADatabase,
                         QStringLiteral("'%1' %2 (%3). Restored, it could run behind your back, and the pipeline would "
                                        "refuse every change. Nothing was restored; '%4' was left as it was. Choose "
                                        "another backup, or mend this one with sqlite3.")
                             .arg(shownBackup,
                                  onlyAdded
                                      ? QStringLiteral("holds what DealBoard did not make")
                                      : QStringLiteral("holds what DealBoard did not make, or lacks what it makes"),
                                  what, shownTarget));
    };
    // Triggers and views DealBoard never makes: refused before anything is copied.
    if (const QStringList found = triggersAndViews(source); !found.isEmpty()) {
        return refuseForeign(found);
    }
    if (isOpenElsewhere(target)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is open in another DealBoard or dealboard-cli. Close it there, then "
                                        "restore again; nothing was changed.")
                             .arg(shownTarget));
    }
    // A copy beside the target first, so that the final step is one rename.
    const QString incoming = target + QStringLiteral(".restoring");
    const auto dropIncoming = [&incoming] {
        for (const QString& file : PipelineFiles::ownFiles(incoming)) {
            QFile::remove(file);
        }
    };
    dropIncoming(); // left by a restore that was cut short
    if (Result<void> copied = copyFrom(source, incoming); !copied) {
        return copied.error();
    }
    // Brought up to this version and compared, every table, column and index,
    // with what this version makes, before the pipeline is touched.
    if (Result<QStringList> foreign = foreignObjects(incoming); !foreign) {
        dropIncoming();
        return makeError(ErrorCode::NotADatabase,
                         QStringLiteral("'%1' can't be restored: %2 Nothing was restored; '%3' was left as it was.")
                             .arg(shownBackup, foreign.error().message, shownTarget));
    } else if (!foreign.value().isEmpty()) {
        dropIncoming();
        return refuseForeign(foreign.value());
    }
    QString safety;
    if (QFileInfo::exists(target)) {
        // What was there is kept, with whatever its -wal still held.
        sqlite3* current = nullptr;
        Result<void> kept = makeError(ErrorCode::Storage, QString());
        if (sqlite3_open_v2(QFile::encodeName(target).constData(), &current, SQLITE_OPEN_READWRITE, nullptr)
            == SQLITE_OK) {
            Result<QString> made = keepBeforeRestore(current, target);
            kept = made ? Result<void>() : Result<void>(made.error());
            if (made) {
                safety = made.value();
            }
        } else {
            kept = makeError(ErrorCode::Storage, QString::fromUtf8(sqlite3_errmsg(current)));
        }
        sqlite3_close(current); // checkpoints and removes its -wal: all of it is in the safety copy
        if (!kept) {
            dropIncoming();
            return makeError(ErrorCode::Storage,
                             QStringLiteral("Couldn't keep a copy of '%1' before restoring (%2). Nothing was changed.")
                                 .arg(shownTarget, kept.error().message));
        }
        if (isOpenElsewhere(target)) {
            dropIncoming();
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("'%1' was opened by another DealBoard meanwhile. Close it there, then "
                                            "restore again; nothing was changed.")
                                 .arg(shownTarget));
        }
        for (const QString& sidecar :
             {target + QStringLiteral("-wal"), target + QStringLiteral("-shm"), target + QStringLiteral("-journal")}) {
            QFile::remove(sidecar);
        }
    }
    if (::rename(QFile::encodeName(incoming).constData(), QFile::encodeName(target).constData()) != 0) {
        const QString why = systemError();
        dropIncoming();
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Couldn't put the backup in place of '%1': %2.").arg(shownTarget, why));
    }
    syncFolder(QFileInfo(target).absolutePath());
    spdlog::info("Restored {} from {} (safety copy: {})", target.toStdString(), backup.toStdString(),
                 safety.isEmpty() ? std::string("none") : safety.toStdString());
    return safety;
}

} // namespace dealboard
