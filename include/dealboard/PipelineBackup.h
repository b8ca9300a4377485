#pragma once

#include "dealboard/Result.h"

#include <QString>
#include <QStringList>

namespace dealboard {

class Database;

// Consistent, owner-only copies of a pipeline, and putting one back. A copy is
// made by SQLite (VACUUM INTO): one read transaction, so other processes may
// go on writing, and the copy has no -wal of its own to lose.
class PipelineBackup final
{
public:
    // How many backups taken before a migration are kept beside a pipeline;
    // older ones are removed. The copies taken before a restore are apart
    // and never removed automatically.
    static constexpr int Kept = 3;

    // Copies the open database to `target`, which must not exist yet.
    static Result<void> copyTo(Database& database, const QString& target);
    // Writes "<pipeline>.schema<N>-<date>.backup" beside the pipeline and
    // removes all but the newest Kept; returns the backup's path.
    static Result<QString> besidePipeline(Database& database, const QString& pipelinePath, int schemaVersion);
    // The backups taken before a migration, beside a pipeline, newest first.
    static QStringList automaticBackups(const QString& pipelinePath);
    // The copies taken before a restore ("<pipeline>.before-restore-<date>.backup"),
    // newest first.
    static QStringList beforeRestoreBackups(const QString& pipelinePath);
    // Puts `backup` in place of the pipeline at `pipelinePath`, all or
    // nothing: the backup must be a whole, readable file itself (not a link,
    // folder, pipe or device, nothing pending beside it, a name without
    // control or direction characters), holding exactly the definitions
    // DealBoard makes at its schema version, passing SQLite's integrity and
    // foreign key checks, and once brought up to this version exactly what
    // this version makes, with none of the faults a check of the pipeline finds;
    // what is at `pipelinePath` must be nothing, an empty file or a DealBoard
    // pipeline of this or an older version under one name only, open in no
    // process, and is itself copied beside it first. A refusal names what was
    // wrong and changes nothing. Returns that copy's path (empty for a new path).
    static Result<QString> restore(const QString& backup, const QString& pipelinePath);
    // Whether a process has the pipeline open (SQLite's lock on its -shm).
    static bool isOpenElsewhere(const QString& pipelinePath);
};

} // namespace dealboard
