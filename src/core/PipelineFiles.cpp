#include "dealboard/PipelineFiles.h"

#include "dealboard/PipelineLocation.h"
#include "dealboard/ServerAddress.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dealboard {

QString PipelineFiles::identity(const QString& pipeline)
{
    if (PipelineLocation::isAddress(pipeline)) {
        const Result<ServerAddress> address = ServerAddress::parse(pipeline);
        return address ? address.value().shown() : pipeline;
    }
    const QFileInfo info(pipeline);
    const QString resolved = info.canonicalFilePath();
    return resolved.isEmpty() ? info.absoluteFilePath() : resolved;
}

namespace {

struct FileId
{
    dev_t device = 0;
    ino_t inode = 0;
    bool operator==(const FileId&) const = default;
};

std::optional<FileId> fileId(const QString& path)
{
    struct stat info
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0) {
        return std::nullopt;
    }
    return FileId {info.st_dev, info.st_ino};
}

// The absolute path with the folder's symbolic links resolved, so that two
// spellings of the same missing file compare equal.
QString normalised(const QString& path)
{
    const QFileInfo info(path);
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return QDir(folder.isEmpty() ? info.absolutePath() : folder).filePath(info.fileName());
}

} // namespace

QStringList PipelineFiles::ownFiles(const QString& databasePath)
{
    return {databasePath, databasePath + QStringLiteral("-wal"), databasePath + QStringLiteral("-shm"),
            databasePath + QStringLiteral("-journal")};
}

bool PipelineFiles::isOwnFile(const QString& path, const QString& databasePath)
{
    if (databasePath.isEmpty() || path.isEmpty()) {
        return false;
    }
    const QString target = normalised(path);
    const std::optional<FileId> targetId = fileId(path);
    for (const QString& own : ownFiles(databasePath)) {
        if (normalised(own) == target) {
            return true;
        }
        if (targetId && fileId(own) == targetId) {
            return true;
        }
    }
    return false;
}

bool PipelineFiles::holdsChangesBeside(const QString& databasePath)
{
    for (const QString& sidecar : ownFiles(databasePath).mid(1)) {
        if (!sidecar.endsWith(QLatin1String("-shm")) && QFileInfo(sidecar).size() > 0) {
            return true;
        }
    }
    return false;
}

bool PipelineFiles::looksLikeSqlite(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return false;
    }
    char header[16] = {};
    const ssize_t read = ::read(fd, header, sizeof header);
    ::close(fd);
    return read == static_cast<ssize_t>(sizeof header) && std::memcmp(header, "SQLite format 3", 16) == 0;
}

Result<void> PipelineFiles::checkOutput(const QString& path, const QString& databasePath)
{
    const QString shown = QDir::toNativeSeparators(path);
    if (isOwnFile(path, databasePath)) {
        spdlog::warn("Refused to write over the open pipeline's file {}", path.toStdString());
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is the open pipeline's own file; writing there would destroy it. "
                                        "Choose another file name.")
                             .arg(shown));
    }
    struct stat info
    {
    };
    // The name itself, not where a link there points: a link is refused,
    // a dangling one too, so nothing is ever written through one.
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0) {
        return {}; // a new file
    }
    if (S_ISLNK(info.st_mode)) {
        spdlog::warn("Refused to write through the symbolic link {}", path.toStdString());
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is a symbolic link; DealBoard never writes through one. Give the path "
                                        "of the file itself, or remove the link first.")
                             .arg(shown));
    }
    if (S_ISDIR(info.st_mode)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is a folder. Give the path of a file to write.").arg(shown));
    }
    if (!S_ISREG(info.st_mode)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a regular file (a device, pipe or socket). Give the path of a "
                                        "file, or - for standard output.")
                             .arg(shown));
    }
    if (looksLikeSqlite(path)) {
        spdlog::warn("Refused to write over the SQLite database {}", path.toStdString());
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is a database; writing there would destroy it. Choose another file "
                                        "name.")
                             .arg(shown));
    }
    return {};
}

Result<void> PipelineFiles::checkInput(const QString& path, const QString& databasePath)
{
    const QString shown = QDir::toNativeSeparators(path);
    if (isOwnFile(path, databasePath)) {
        spdlog::warn("Refused to read the open pipeline's file {} as input", path.toStdString());
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is the open pipeline's own database file, not a CSV file. Choose "
                                        "the CSV file to import.")
                             .arg(shown));
    }
    struct stat info
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0) {
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("Can't read '%1': %2.").arg(shown, QString::fromLocal8Bit(std::strerror(errno))));
    }
    if (!S_ISREG(info.st_mode)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a regular file (a folder, device, pipe or socket). Give the "
                                        "path of a CSV file.")
                             .arg(shown));
    }
    return {};
}

namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// A new, empty, owner-only file beside `path` that no one else made: created
// exclusively and never through a symbolic link. Returns its descriptor and
// path, or -1 with errno set.
int createTemporaryBeside(const QString& path, QString& temporary)
{
    const QFileInfo target(path);
    const QDir folder = target.absoluteDir();
    for (int attempt = 0; attempt < 64; ++attempt) {
        temporary = folder.filePath(QStringLiteral(".%1.%2.part")
                                        .arg(target.fileName())
                                        .arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0')));
        const int fd = ::open(QFile::encodeName(temporary).constData(),
                              O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST) {
            return fd;
        }
    }
    return -1;
}

void syncFolderOf(const QString& path)
{
    const int fd
        = ::open(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

Result<void> PipelineFiles::saveAtomically(const QString& path, const QString& databasePath,
                                           const std::function<bool(QIODevice*)>& write)
{
    if (Result<void> writable = checkOutput(path, databasePath); !writable) {
        return writable;
    }
    const QString shown = QDir::toNativeSeparators(path);
    // Written to a file of our own beside the target, then renamed over it:
    // a crash never leaves half a file, and the rename replaces whatever name
    // is there (a link planted meanwhile included) without following it.
    QString temporary;
    const int fd = createTemporaryBeside(path, temporary);
    if (fd < 0) {
        const QString why = systemError();
        return makeError(ErrorCode::InvalidInput, QStringLiteral("Can't write '%1': %2.").arg(shown, why));
    }
    QFile file;
    if (!file.open(fd, QIODevice::WriteOnly, QFileDevice::DontCloseHandle)) {
        ::close(fd);
        ::unlink(QFile::encodeName(temporary).constData());
        return makeError(ErrorCode::Storage, QStringLiteral("Can't write '%1': %2.").arg(shown, file.errorString()));
    }
    bool written = write(&file);
    // A buffered write reports only "Unknown error"; flushing what is left
    // names the system's reason ("No space left on device").
    written = file.flush() && written;
    QString why = file.errorString();
    file.close();
    if (written && ::fsync(fd) != 0) {
        written = false;
        why = systemError();
    }
    ::close(fd);
    if (written && ::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0) {
        written = false;
        why = systemError();
    }
    if (!written) {
        ::unlink(QFile::encodeName(temporary).constData());
        if (why.isEmpty() || why == u"Unknown error") {
            why = QStringLiteral("the data could not be written");
        }
        spdlog::error("Writing {} failed: {}", path.toStdString(), why.toStdString());
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Couldn't save '%1': %2. Nothing was written.").arg(shown, why));
    }
    syncFolderOf(path);
    return {};
}

bool PipelineFiles::standardOutputIsOwnFile(const QString& databasePath)
{
    struct stat out
    {
    };
    if (databasePath.isEmpty() || ::fstat(STDOUT_FILENO, &out) != 0 || !S_ISREG(out.st_mode)) {
        return false;
    }
    const FileId outId {out.st_dev, out.st_ino};
    for (const QString& own : ownFiles(databasePath)) {
        if (fileId(own) == outId) {
            return true;
        }
    }
    return false;
}

} // namespace dealboard
