#pragma once

// What restore checks before a backup takes the pipeline's place, each check
// a refusal that names what is wrong and what to do, and none of them
// changing anything: the file itself (a regular, readable, whole SQLite file
// with nothing pending beside it, under a name that shows as it is), then
// what it holds (exactly the definitions DealBoard makes at its schema
// version, sound, every link pointing to a row that exists).
#include "dealboard/Result.h"

#include <QString>

struct sqlite3;

namespace dealboard {

class RestoreCheck final
{
public:
    // Looks at `backup` without SQLite, and never opens a pipe or a device:
    // refuses a name with control or direction characters, the pipeline's own
    // files, a link, folder, pipe, device or socket, a file you may not read,
    // an empty, cut short or foreign file, and a -wal or -journal beside it.
    static Result<void> file(const QString& backup, const QString& pipelinePath);
    // Refuses a pipeline path the restore must not replace: a symbolic link
    // (the rename would replace the link, not the pipeline it names), a
    // folder, pipe, device or socket, a file with more than one name (hard
    // links), and a file that is not a DealBoard pipeline of this or an older
    // schema version (another program's, a newer DealBoard's, unreadable).
    // A missing or empty file is fine (a new pipeline).
    static Result<void> target(const QString& pipelinePath);
    // The schema version of the backup open as `db` (`shownBackup` names it),
    // or why it must not be restored: newer, another program's, a definition
    // that is not exactly DealBoard's at that version, a fault SQLite's
    // integrity_check or foreign_key_check finds.
    static Result<int> contents(sqlite3* db, const QString& shownBackup);
    // How the definitions in `db` differ from a new pipeline's of this version.
    static QStringList differencesFromNew(sqlite3* db);
    // The path as a message shows it: native separators, and what could drive
    // a terminal or turn the text written out (<U+202E>).
    static QString shown(const QString& path);
};

} // namespace dealboard
