#include "dealboard/PipelineBackup.h"

#include "dealboard/Clock.h"
#include "dealboard/DealStore.h"
#include "dealboard/Pipeline.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/TextRules.h"
#include "store/Database.h"
#include "store/RestoreCheck.h"
#include "store/SqliteBackend.h"
#include "store/StoreOpening.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QUrl>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <limits>
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
// What a check of the pipeline finds in the file at `copy` (at this version).
Result<QStringList> checkFaults(const QString& copy);
int openImmutable(const QString& path, sqlite3** db);
} // namespace

namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
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
    return copyFrom(SqliteBackend::of(database).handle(), target);
}

Result<QString> PipelineBackup::besidePipeline(Database& database, const QString& pipelinePath, int schemaVersion)
{
    return keepBeside(SqliteBackend::of(database).handle(), pipelinePath, schemaVersion);
}

namespace {

// Hidden partial copies (".NAME.partial-PID", and their journals) in
// `folder` that a killed process left: its number no longer runs, the file is
// the user's own, and it is an SQLite file or the journal of one.
void removeKilledPartials(const QDir& folder)
{
    static const QRegularExpression partialName(QStringLiteral("^\\..+\\.partial-(\\d+)(-journal)?$"));
    const QStringList hidden = folder.entryList({QStringLiteral(".*.partial-*")}, QDir::Files | QDir::Hidden);
    for (const QString& name : hidden) {
        const QRegularExpressionMatch match = partialName.match(name);
        bool number = false;
        const qint64 pid = match.hasMatch() ? match.captured(1).toLongLong(&number) : 0;
        if (!number || pid <= 0 || pid > std::numeric_limits<pid_t>::max() || ::kill(static_cast<pid_t>(pid), 0) == 0
            || errno != ESRCH) {
            continue; // its process still runs, or may
        }
        const QString path = folder.filePath(name);
        struct stat info = {};
        if (::lstat(QFile::encodeName(path).constData(), &info) != 0 || !S_ISREG(info.st_mode)
            || info.st_uid != ::getuid()) {
            continue;
        }
        QFile file(path);
        const QByteArray head = file.open(QIODevice::ReadOnly) ? file.read(16) : QByteArray();
        const bool sqlite = head == QByteArrayLiteral("SQLite format 3\0") || info.st_size == 0;
        if (sqlite || (!match.captured(2).isEmpty() && QFileInfo::exists(path.chopped(8)) == false)) {
            spdlog::info("Removed {}, a partial copy left by a process that was stopped", path.toStdString());
            QFile::remove(path);
        }
    }
}

Result<void> copyFrom(sqlite3* db, const QString& target)
{
    // Written under a hidden name beside the target, then moved into place
    // whole and never over a file that is there: a backup cut short (a kill,
    // a full disk) leaves nothing under a backup's own name.
    const QFileInfo place(target);
    const QString partial = place.absoluteDir().filePath(
        QStringLiteral(".%1.partial-%2").arg(place.fileName()).arg(QCoreApplication::applicationPid()));
    if (place.exists() || place.isSymLink()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("Can't write the backup '%1': the file already exists; choose a new name.")
                             .arg(QDir::toNativeSeparators(target)));
    }
    QFile::remove(partial); // left by a process of the same number that was killed
    removeKilledPartials(place.absoluteDir());
    // VACUUM INTO accepts an empty file: made first, owner-only.
    if (const int fd = ::open(QFile::encodeName(partial).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        fd < 0) {
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("Can't write the backup '%1': %2.").arg(QDir::toNativeSeparators(target), systemError()));
    } else {
        ::close(fd);
    }
    const auto discard = [&partial] {
        QFile::remove(partial);
        QFile::remove(partial + QStringLiteral("-journal"));
    };
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v2(db, "VACUUM INTO ?1", -1, &statement, nullptr);
    const QByteArray path = QFile::encodeName(partial);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(statement, 1, path.constData(), static_cast<int>(path.size()), SQLITE_TRANSIENT);
        rc = sqlite3_step(statement);
    }
    const QString why = QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) {
        discard();
        spdlog::error("Backup to {} failed: {}", target.toStdString(), why.toStdString());
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Couldn't write the backup '%1': %2. Nothing was kept.")
                             .arg(QDir::toNativeSeparators(target), why));
    }
    if (const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC); fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    const QByteArray targetPath = QFile::encodeName(target);
    int moved = ::renameat2(AT_FDCWD, path.constData(), AT_FDCWD, targetPath.constData(), RENAME_NOREPLACE);
    if (moved != 0 && errno == EINVAL) {
        // A file system without that kind of rename: a second name made,
        // which also never replaces a file, then the hidden one removed.
        moved = ::link(path.constData(), targetPath.constData());
        if (moved == 0) {
            ::unlink(path.constData());
        }
    }
    if (moved != 0) {
        const QString failed
            = errno == EEXIST ? QStringLiteral("the file already exists; choose a new name") : systemError();
        discard();
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("Can't write the backup '%1': %2.").arg(QDir::toNativeSeparators(target), failed));
    }
    syncFolder(place.absolutePath());
    spdlog::info("Backed up to {}", target.toStdString());
    return {};
}

} // namespace

namespace {

// The files beside the pipeline named "<pipeline's name><middle>…<suffix>",
// newest first (their names end in the date and time they were made). The
// names are compared as text: a pipeline's name may hold *, ? or [, which a
// name filter would read as a pattern, matching other pipelines' files.
QStringList besideNamed(const QString& pipelinePath, const QString& middle, const QString& suffix)
{
    const QFileInfo pipeline(pipelinePath);
    const QString prefix = pipeline.fileName() + middle;
    QStringList paths;
    for (const QFileInfo& info : pipeline.absoluteDir().entryInfoList(QDir::Files | QDir::Hidden, QDir::Name)) {
        const QString name = info.fileName();
        if (name.size() > prefix.size() + suffix.size() && name.startsWith(prefix) && name.endsWith(suffix)) {
            paths << info.absoluteFilePath();
        }
    }
    std::reverse(paths.begin(), paths.end());
    return paths;
}

} // namespace

QStringList PipelineBackup::automaticBackups(const QString& pipelinePath)
{
    return besideNamed(pipelinePath, QStringLiteral(".schema"), QStringLiteral(".backup"));
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

// Read alone, with no lock, no journal and nothing written beside it.
int openImmutable(const QString& path, sqlite3** db)
{
    const QByteArray uri = QByteArrayLiteral("file:")
        + QUrl::toPercentEncoding(QFileInfo(path).absoluteFilePath(), QByteArrayLiteral("/")) + "?immutable=1";
    return sqlite3_open_v2(uri.constData(), db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
}

Result<QStringList> foreignObjects(const QString& copy)
{
    QStringList differences;
    {
        Result<std::unique_ptr<DealStore>> store = store::open(copy);
        if (!store) {
            return store.error();
        }
        differences = store.value()->schemaFaults();
    }
    sqlite3* migrated = nullptr;
    if (openImmutable(copy, &migrated) == SQLITE_OK) {
        differences += RestoreCheck::differencesFromNew(migrated);
    } else {
        differences
            << QStringLiteral("its definitions could not be read: %1").arg(QString::fromUtf8(sqlite3_errmsg(migrated)));
    }
    sqlite3_close(migrated);
    // Bringing an older copy up to this version kept its own backup beside it.
    for (const QString& kept : PipelineBackup::automaticBackups(copy)) {
        QFile::remove(kept);
    }
    return differences;
}

Result<QStringList> checkFaults(const QString& copy)
{
    Result<std::unique_ptr<DealStore>> store = store::open(copy);
    if (!store) {
        return store.error();
    }
    Pipeline pipeline(std::move(store.value()), std::make_shared<SystemClock>());
    // The check's own warning would name the private copy; the refusal
    // names the backup and the faults instead.
    const spdlog::level::level_enum level = spdlog::get_level();
    spdlog::set_level(std::max(level, spdlog::level::err));
    Result<CheckReport> report = pipeline.check();
    spdlog::set_level(level);
    if (!report) {
        return report.error();
    }
    QStringList faults;
    for (const QString& fault : report.value().faults) {
        faults << (fault.endsWith(u'.') ? fault.chopped(1) : fault);
    }
    return faults;
}

} // namespace

QStringList PipelineBackup::beforeRestoreBackups(const QString& pipelinePath)
{
    return besideNamed(pipelinePath, QStringLiteral(".before-restore-"), QStringLiteral(".backup"));
}

bool PipelineBackup::isOpenElsewhere(const QString& pipelinePath)
{
    const QString shm = pipelinePath + QStringLiteral("-shm");
    const int fd
        = ::open(QFile::encodeName(shm).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC); // never waits on a pipe
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
    const QString shownBackup = RestoreCheck::shown(backup);
    const QString target = QFileInfo(pipelinePath).absoluteFilePath();
    const QString shownTarget = RestoreCheck::shown(target);
    // Every refusal names what was wrong and says that nothing changed.
    const auto refuse = [&](Error error) {
        spdlog::info("Refused to restore {}: {}", shownBackup.toStdString(), error.message.toStdString());
        error.message += QStringLiteral(" Nothing was restored; '%1' was left as it was.").arg(shownTarget);
        return error;
    };
    if (Result<void> file = RestoreCheck::file(backup, target); !file) {
        return refuse(file.error());
    }
    if (Result<void> place = RestoreCheck::target(target); !place) {
        return refuse(place.error());
    }
    // Read alone and immutable: nothing in it or beside it changes, and no
    // -wal or journal is read with it (RestoreCheck::file refused those).
    sqlite3* source = nullptr;
    auto closeSource = qScopeGuard([&] { sqlite3_close(source); });
    if (openImmutable(backup, &source) != SQLITE_OK) {
        return refuse(makeError(ErrorCode::NotADatabase,
                                QStringLiteral("Can't read '%1': %2.")
                                    .arg(shownBackup, TextRules::shown(QString::fromUtf8(sqlite3_errmsg(source))))));
    }
    const Result<int> version = RestoreCheck::contents(source, shownBackup);
    if (!version) {
        return refuse(version.error());
    }
    if (isOpenElsewhere(target)) {
        return refuse(makeError(ErrorCode::InvalidInput,
                                QStringLiteral("'%1' is open in another DealBoard (a board or a command). Close it "
                                               "there, then restore again.")
                                    .arg(shownTarget)));
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
        return refuse(copied.error());
    }
    // The copy is ours alone, and checked again it is what is put in place,
    // even if the backup changed under another name while it was read. Only
    // a connection that may write keeps the tables' CHECK rules (SQLite skips
    // them on a read-only one), so only here are rows breaking them found.
    {
        sqlite3* copy = nullptr;
        const int opened
            = sqlite3_open_v2(QFile::encodeName(incoming).constData(), &copy, SQLITE_OPEN_READWRITE, nullptr);
        const Result<int> again = opened == SQLITE_OK
            ? RestoreCheck::contents(copy, shownBackup)
            : Result<int>(makeError(ErrorCode::Storage, QString::fromUtf8(sqlite3_errmsg(copy))));
        sqlite3_close(copy);
        if (!again) {
            dropIncoming();
            return refuse(again.error());
        }
        if (again.value() != version.value()) {
            dropIncoming();
            return refuse(makeError(ErrorCode::InvalidInput,
                                    QStringLiteral("'%1' changed while it was being read (its schema version). "
                                                   "Restore it again once nothing else writes to it.")
                                        .arg(shownBackup)));
        }
    }
    // Brought up to this version and compared, every definition, table,
    // column and index, with what this version makes, before the pipeline is
    // touched.
    if (Result<QStringList> foreign = foreignObjects(incoming); !foreign) {
        dropIncoming();
        return refuse(
            makeError(ErrorCode::NotADatabase,
                      QStringLiteral("'%1' can't be restored: %2").arg(shownBackup, foreign.error().message)));
    } else if (!foreign.value().isEmpty()) {
        dropIncoming();
        return refuse(makeError(ErrorCode::NotADatabase,
                                QStringLiteral("'%1', brought up to schema version %2, is not exactly what DealBoard "
                                               "makes: %3. Choose another backup, or mend this one with sqlite3.")
                                    .arg(shownBackup)
                                    .arg(DealStore::SchemaVersion)
                                    .arg(foreign.value().mid(0, 8).join(QStringLiteral("; ")))));
    }
    // The pipeline's own invariants, as a check of the pipeline runs them: rows
    // no DealBoard action writes would be shown, added up and kept.
    if (Result<QStringList> faults = checkFaults(incoming); !faults || !faults.value().isEmpty()) {
        dropIncoming();
        if (!faults) {
            return refuse(
                makeError(ErrorCode::NotADatabase,
                          QStringLiteral("'%1' can't be checked: %2").arg(shownBackup, faults.error().message)));
        }
        const QStringList& found = faults.value();
        return refuse(makeError(
            ErrorCode::NotADatabase,
            QStringLiteral(
                "'%1' holds what DealBoard never writes, which a check of the pipeline refuses (%2 %3: %4%5). "
                "Restored, the pipeline would show, add up and keep it. Choose another backup: the copies "
                "DealBoard takes before an update or a restore lie beside the pipeline.")
                .arg(shownBackup)
                .arg(found.size())
                .arg(found.size() == 1 ? QStringLiteral("fault") : QStringLiteral("faults"))
                .arg(TextRules::shown(found.mid(0, 3).join(QStringLiteral("; "))))
                .arg(found.size() > 3 ? QStringLiteral("; and %1 more").arg(found.size() - 3) : QString())));
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
