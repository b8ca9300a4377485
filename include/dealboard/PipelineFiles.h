#pragma once

#include "dealboard/Result.h"

#include <QString>
#include <QStringList>
#include <functional>

class QIODevice;

namespace dealboard {

// Guards a pipeline's files against the rest of the program. Closing any
// descriptor of an SQLite file drops the locks SQLite holds on it in this
// process, so nothing here ever opens the pipeline or its sidecars: they are
// recognised by name and by device and inode (stat), and only other files
// have their first bytes read.
class PipelineFiles final
{
public:
    // The database file and the files SQLite keeps beside it.
    static QStringList ownFiles(const QString& databasePath);
    // One spelling per pipeline, for remembering and comparing it: a file's
    // canonical absolute path, a server's address as ServerAddress shows it.
    static QString identity(const QString& pipeline);
    // Whether `path` is the pipeline or one of its sidecars (by name, or by
    // device and inode when both exist).
    static bool isOwnFile(const QString& path, const QString& databasePath);
    // Refuses an output path that is the pipeline, one of its sidecars, any
    // SQLite database, a symbolic link (dangling or not), or not a regular
    // file. A missing file is fine.
    static Result<void> checkOutput(const QString& path, const QString& databasePath);
    // Refuses an input path that is the pipeline or one of its sidecars, or
    // not a regular file.
    static Result<void> checkInput(const QString& path, const QString& databasePath);
    // Whether standard output is the pipeline or one of its sidecars (a
    // shell's `>>` onto the database).
    static bool standardOutputIsOwnFile(const QString& databasePath);
    // Saves what `write` writes to `path` atomically (a crash or a full disk
    // never leaves half a file) and owner-only, after checkOutput: into a
    // temporary file beside it, created exclusively and never through a
    // link (O_CREAT|O_EXCL|O_NOFOLLOW), then renamed into place. The error
    // names the system's reason ("No space left on device").
    static Result<void> saveAtomically(const QString& path, const QString& databasePath,
                                       const std::function<bool(QIODevice*)>& write);
    // Whether a -wal or -journal with content lies beside the pipeline: changes
    // the main file alone does not hold yet (a crash, a checkpoint cut short).
    static bool holdsChangesBeside(const QString& databasePath);
    // Whether an existing file starts with SQLite's header.
    static bool looksLikeSqlite(const QString& path);
};

} // namespace dealboard
