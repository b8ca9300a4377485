// Opening a pipeline file: the refusals made before anything is written
// (docs/architecture.md, the open sequence), creating it owner-only, and its
// structure accepted (Schema::accept) before anyone reads it.
#include "Database.h"
#include "SqliteBackend.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dealboard {

namespace {

QAtomicInteger<int> connectionCounter;

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

Result<std::unique_ptr<Database>> SqliteBackend::openFile(const QString& path, bool firstConnection)
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
    if (exists && firstConnection) {
        if (Result<void> acceptable = Schema::firstLook(absolute); !acceptable) {
            return acceptable.error();
        }
    }

    const QString connectionName = QStringLiteral("dealboard-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    auto database = std::make_unique<Database>(absolute, connectionName);
    if (Result<void> opened = database->open(); !opened) {
        const QString why = opened.error().message;
        spdlog::error("Opening {} failed: {}", absolute.toStdString(), why.toStdString());
        database.reset();
        if (created) {
            QFile::remove(absolute);
        }
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Can't open '%1': %2").arg(QDir::toNativeSeparators(absolute), why));
    }
    if (Result<void> ready = database->backend().schema().accept(); !ready) {
        database.reset();
        if (created) {
            QFile::remove(absolute);
        }
        return ready.error();
    }
    return database;
}

} // namespace dealboard
