#include "RestoreCheck.h"

#include "RestoreReads.h"
#include "Schema.h"
#include "SchemaShape.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/TextRules.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dealboard {

using namespace restore;

namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

quint32 bigEndian32(const unsigned char* bytes)
{
    return (quint32(bytes[0]) << 24) | (quint32(bytes[1]) << 16) | (quint32(bytes[2]) << 8) | quint32(bytes[3]);
}

// What the kind of a file that is not a regular one is called.
QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode)) {
        return QStringLiteral("a folder");
    }
    if (S_ISFIFO(mode)) {
        return QStringLiteral("a named pipe (FIFO)");
    }
    if (S_ISCHR(mode) || S_ISBLK(mode)) {
        return QStringLiteral("a device");
    }
    if (S_ISSOCK(mode)) {
        return QStringLiteral("a socket");
    }
    return QStringLiteral("not a regular file");
}

// The whole SQLite file, as its first 100 bytes describe it (sqlite.org/fileformat.html).
Result<void> wholeSqliteFile(int fd, qint64 size, const QString& shown)
{
    unsigned char header[100] = {};
    const ssize_t read = ::pread(fd, header, sizeof header, 0);
    const bool sqlite = read >= 16 && std::memcmp(header, "SQLite format 3", 16) == 0;
    if (!sqlite) {
        return makeError(ErrorCode::NotADatabase,
                         QStringLiteral("'%1' is not an SQLite database, so not a DealBoard backup. Name the file "
                                        "a backup wrote (or one of the copies DealBoard keeps beside the pipeline).")
                             .arg(shown));
    }
    const QString cutShort = QStringLiteral(
        "'%1' is cut short or damaged: %2. A copy stopped before its end (a full disk, a dropped connection) "
        "looks like this. Copy the backup again from where it was made, or choose another.");
    if (read < static_cast<ssize_t>(sizeof header)) {
        return makeError(ErrorCode::NotADatabase,
                         cutShort.arg(shown, QStringLiteral("it ends within its header, at %1 bytes").arg(size)));
    }
    qint64 pageSize = (header[16] << 8) | header[17];
    if (pageSize == 1) {
        pageSize = 65536;
    }
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) != 0) {
        return makeError(ErrorCode::NotADatabase,
                         cutShort.arg(shown, QStringLiteral("its header names no valid page size")));
    }
    if (size % pageSize != 0) {
        return makeError(
            ErrorCode::NotADatabase,
            cutShort.arg(
                shown,
                QStringLiteral("its %1 bytes are not a whole number of its %2-byte pages").arg(size).arg(pageSize)));
    }
    // The page count in the header counts only when written by a release
    // that keeps it (the version-valid-for number equals the change counter).
    const quint32 pages = bigEndian32(header + 28);
    if (pages != 0 && bigEndian32(header + 24) == bigEndian32(header + 92) && pages > size / pageSize) {
        return makeError(
            ErrorCode::NotADatabase,
            cutShort.arg(
                shown, QStringLiteral("its header names %1 pages, the file holds %2").arg(pages).arg(size / pageSize)));
    }
    return {};
}

// What the file at an existing pipeline path holds, read without writing
// anything: its schema version and whether it has DealBoard's deals table,
// or SQLite's error. The main file is read alone (immutable: no lock, no
// -wal or -shm made beside it) unless a -wal or -journal beside it holds
// changes, which only a connection reading them with it sees.
struct TargetLook
{
    int rc = SQLITE_OK;
    QString why;
    int version = 0;
    int objects = 0;
    bool deals = false;
};

TargetLook lookAt(const QString& path, bool withChangesBeside)
{
    const QByteArray uri = QByteArrayLiteral("file:")
        + QUrl::toPercentEncoding(QFileInfo(path).absoluteFilePath(), QByteArrayLiteral("/"))
        + (withChangesBeside ? QByteArrayLiteral("?mode=ro") : QByteArrayLiteral("?immutable=1"));
    sqlite3* db = nullptr;
    TargetLook look;
    look.rc = sqlite3_open_v2(uri.constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    if (look.rc == SQLITE_OK) {
        const Result<QString> version = single(db, "PRAGMA user_version");
        const Result<QString> objects
            = version ? single(db, "SELECT count(*) FROM sqlite_master") : Result<QString>(version.error());
        const Result<QString> deals = objects
            ? single(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'deals'")
            : Result<QString>(objects.error());
        if (deals) {
            look.version = version.value().toInt();
            look.objects = objects.value().toInt();
            look.deals = deals.value() != u"0";
        } else {
            look.rc = sqlite3_errcode(db) == SQLITE_OK ? SQLITE_ERROR : sqlite3_errcode(db);
            look.why = deals.error().message;
        }
    } else {
        look.why = db != nullptr ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
    }
    sqlite3_close(db);
    return look;
}

// Refuses what restore must not replace at an existing pipeline path: a file
// that is not SQLite, another program's database, a pipeline of a newer
// DealBoard, or one that can't be read. An empty file holds nothing to lose.
Result<void> replaceable(const QString& path, const QString& name)
{
    if (::access(QFile::encodeName(path).constData(), R_OK) != 0) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("You may not read '%1' (%2), so restore can't tell whether it is a DealBoard "
                                        "pipeline and won't replace it. Restore as a user who may read it, or give "
                                        "another path with --db.")
                             .arg(name, systemError(errno)));
    }
    TargetLook look = lookAt(path, false);
    const bool pending = PipelineFiles::holdsChangesBeside(path);
    if (pending && (look.rc != SQLITE_OK || !look.deals)) {
        look = lookAt(path, true);
    }
    const QString givePipeline = QStringLiteral(
        "Give the pipeline's own path with --db (a new path makes a new pipeline); to replace this file anyway, "
        "move it elsewhere first (mv), then restore to its path.");
    if ((look.rc & 0xff) == SQLITE_NOTADB) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a DealBoard pipeline (not an SQLite file), and restore replaces "
                                        "only a pipeline. %2")
                             .arg(name, givePipeline));
    }
    if (look.rc != SQLITE_OK) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' can't be read to tell whether it is a DealBoard pipeline (SQLite: %2), "
                                        "so restore won't replace it. If it is a damaged pipeline, move it elsewhere "
                                        "first (mv), then restore to its path.")
                             .arg(name, TextRules::shown(look.why)));
    }
    if (look.version > Schema::Version) {
        return makeError(ErrorCode::NewerSchema,
                         QStringLiteral("'%1' is a pipeline of a newer DealBoard (schema version %2; this one knows up "
                                        "to %3): restoring would replace it with what this DealBoard makes, and what "
                                        "the newer one keeps would be lost. Restore with that DealBoard, or give a new "
                                        "path with --db.")
                             .arg(name)
                             .arg(look.version)
                             .arg(Schema::Version));
    }
    if (look.version == 0 && look.objects == 0) {
        return {}; // an empty SQLite file
    }
    if (look.version < 1 || !look.deals) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is an SQLite database of another program (%2), not a DealBoard "
                                        "pipeline, and restore replaces only a pipeline. %3")
                             .arg(name,
                                  look.deals ? QStringLiteral("schema version %1").arg(look.version)
                                             : QStringLiteral("it has no deals table"),
                                  givePipeline));
    }
    return {};
}

} // namespace

QString RestoreCheck::shown(const QString& path)
{
    return TextRules::shown(QDir::toNativeSeparators(path));
}

Result<void> RestoreCheck::file(const QString& backup, const QString& pipelinePath)
{
    const QString name = shown(backup);
    if (const std::optional<qsizetype> at = TextRules::forbiddenAt(backup, false)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The name '%1' holds an invisible or control character (%2), which can make a "
                                        "file show under another name or drive your terminal. Rename the file (in a "
                                        "file manager, or with mv), then restore it under its new name.")
                             .arg(name, TextRules::codePointAt(backup, *at)));
    }
    const QString target = QFileInfo(pipelinePath).absoluteFilePath();
    if (PipelineFiles::isOwnFile(backup, target)
        || PipelineFiles::isOwnFile(backup, target + QStringLiteral(".restoring"))) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is the pipeline itself (or one of its files, under this name or another "
                                        "linked to it), not a backup of it. Name the backup to restore.")
                             .arg(name));
    }
    const QByteArray encoded = QFile::encodeName(backup);
    struct stat link
    {
    };
    if (::lstat(encoded.constData(), &link) != 0) {
        const int error = errno;
        return makeError(ErrorCode::InvalidInput,
                         error == ENOENT ? QStringLiteral("There is no file '%1'. Check the backup's name and folder "
                                                          "(ls shows what is there).")
                                               .arg(name)
                                         : QStringLiteral("Can't look at '%1': %2. Check that you may open its folder.")
                                               .arg(name, systemError(error)));
    }
    if (S_ISLNK(link.st_mode)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is a symbolic link; restore reads a backup only from the file itself, "
                                        "never through a link. Name the backup file.")
                             .arg(name));
    }
    if (!S_ISREG(link.st_mode)) {
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("'%1' is %2, not a backup file%3. Name the backup file itself, the one a backup "
                           "wrote.")
                .arg(name, kindOf(link.st_mode),
                     S_ISFIFO(link.st_mode) ? QStringLiteral(": restore reads only a backup saved on disk, and "
                                                             "does not wait on a pipe")
                                            : QString()));
    }
    // Never blocks, never follows a link put there since, never becomes a terminal.
    const int fd = ::open(encoded.constData(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        return makeError(
            ErrorCode::InvalidInput,
            error == EACCES || error == EPERM
                ? QStringLiteral("You may not read '%1' (%2). Ask its owner to let you read it, or restore "
                                 "a copy you may read.")
                      .arg(name, systemError(error))
                : QStringLiteral("Can't read '%1': %2.").arg(name, systemError(error)));
    }
    struct stat opened
    {
    };
    Result<void> whole;
    if (::fstat(fd, &opened) != 0 || !S_ISREG(opened.st_mode) || opened.st_ino != link.st_ino
        || opened.st_dev != link.st_dev) {
        whole = makeError(ErrorCode::InvalidInput,
                          QStringLiteral("'%1' was replaced while it was being read. Restore it again once nothing "
                                         "else is writing there.")
                              .arg(name));
    } else if (opened.st_size == 0) {
        whole = makeError(ErrorCode::NotADatabase,
                          QStringLiteral("'%1' is empty (0 bytes), not a backup: a backup DealBoard writes never is. "
                                         "A copy that failed at once leaves such a file. Choose another backup.")
                              .arg(name));
    } else {
        whole = wholeSqliteFile(fd, opened.st_size, name);
    }
    ::close(fd);
    if (!whole) {
        return whole;
    }
    // A backup is read alone (immutable): what a -wal or -journal beside it
    // holds would be left out, or the file alone is half written.
    for (const QString& suffix : {QStringLiteral("-wal"), QStringLiteral("-journal")}) {
        struct stat beside
        {
        };
        if (::lstat(QFile::encodeName(backup + suffix).constData(), &beside) == 0
            && (beside.st_size > 0 || !S_ISREG(beside.st_mode))) {
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("'%1' has '%2' beside it, holding changes the backup file alone lacks: it "
                                            "was copied while in use, or the program writing it stopped. Let SQLite "
                                            "fold them in first (sqlite3 '%1' 'PRAGMA integrity_check' does, once "
                                            "nothing else has it open), or copy the backup again; then restore it.")
                                 .arg(name, shown(backup + suffix)));
        }
    }
    return {};
}

Result<void> RestoreCheck::target(const QString& pipelinePath)
{
    struct stat info
    {
    };
    if (::lstat(QFile::encodeName(pipelinePath).constData(), &info) != 0) {
        return {}; // a new pipeline; a missing folder is named when the copy is made
    }
    const QString name = shown(pipelinePath);
    if (S_ISLNK(info.st_mode)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is a symbolic link: restoring there would replace the link, not the "
                                        "pipeline it points to. Give the pipeline file itself with --db.")
                             .arg(name));
    }
    if (!S_ISREG(info.st_mode)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is %2, not a pipeline file: restore puts a backup in place of a "
                                        "pipeline file only. Give the pipeline's path with --db (a new path makes a "
                                        "new pipeline).")
                             .arg(name, kindOf(info.st_mode)));
    }
    if (info.st_nlink > 1) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' has %2 names (hard links to one file): restore would put the backup "
                                        "under this name only, while a board or program that has it open under "
                                        "another name goes on writing the old file, and the copy kept first could "
                                        "miss what it holds. Close DealBoard wherever the pipeline is open, give this "
                                        "name a file of its own (cp -p '%1' '%1.own' && mv '%1.own' '%1'; the other "
                                        "names keep the old file), then restore again.")
                             .arg(name, QString::number(info.st_nlink)));
    }
    if (info.st_size == 0 && !PipelineFiles::holdsChangesBeside(pipelinePath)) {
        return {}; // an empty file holds nothing to lose
    }
    return replaceable(pipelinePath, name);
}

Result<int> RestoreCheck::contents(sqlite3* db, const QString& shownBackup)
{
    const Result<QString> version = single(db, "PRAGMA user_version");
    const Result<QString> objects
        = version ? single(db, "SELECT count(*) FROM sqlite_master") : Result<QString>(version.error());
    if (!objects) {
        const QString why = TextRules::shown(objects.error().message);
        return makeError(ErrorCode::NotADatabase,
                         why.contains(QLatin1String("malformed"))
                             ? QStringLiteral("'%1' is damaged (SQLite: %2). Choose another backup: the copies "
                                              "DealBoard takes before an update or a restore lie beside the pipeline.")
                                   .arg(shownBackup, why)
                             : QStringLiteral("Can't read '%1': %2.").arg(shownBackup, why));
    }
    const int schemaVersion = version.value().toInt();
    if (schemaVersion > Schema::Version) {
        return makeError(ErrorCode::NewerSchema,
                         QStringLiteral("'%1' was written by a newer DealBoard (schema version %2; this one knows up "
                                        "to %3). Restore it with that DealBoard, or update this one.")
                             .arg(shownBackup)
                             .arg(schemaVersion)
                             .arg(Schema::Version));
    }
    const QMap<QString, QString> definitions = schemaDefinitions(db);
    if (schemaVersion < 1 || !definitions.contains(QStringLiteral("table deals"))) {
        return makeError(ErrorCode::NotADatabase,
                         objects.value() == u"0"
                             ? QStringLiteral("'%1' is an empty SQLite database, not a DealBoard backup. Name the file "
                                              "a backup wrote.")
                                   .arg(shownBackup)
                             : QStringLiteral("'%1' is an SQLite database of another program, not a DealBoard backup "
                                              "(it has no deals table). Name the file a backup wrote.")
                                   .arg(shownBackup));
    }
    const QStringList differences = definitionDifferences(Schema::definitionsAt(schemaVersion), definitions);
    if (!differences.isEmpty()) {
        return makeError(ErrorCode::NotADatabase,
                         QStringLiteral("'%1' is not exactly what DealBoard makes at schema version %2: %3. Restored, "
                                        "what it holds otherwise could run behind your back, let the pipeline keep "
                                        "what DealBoard refuses, or make it refuse every change. Choose another "
                                        "backup, or mend this one with sqlite3.")
                             .arg(shownBackup)
                             .arg(schemaVersion)
                             .arg(listed(differences, 8)));
    }
    if (Result<void> checked = sound(db, shownBackup); !checked) {
        return checked.error();
    }
    return schemaVersion;
}

QStringList RestoreCheck::differencesFromNew(sqlite3* db)
{
    return definitionDifferences(Schema::definitionsAt(Schema::Version), schemaDefinitions(db));
}

} // namespace dealboard
