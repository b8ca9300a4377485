#pragma once

#include "dealboard/Note.h"
#include "dealboard/Result.h"

#include <optional>
#include <vector>

namespace dealboard {

class Database;

// The notes table.
class NoteRepository final
{
public:
    explicit NoteRepository(Database& database);

    // A deal's notes, newest first; with `deal` 0, every note, oldest first
    // (the export's order).
    Result<std::vector<Note>> list(DealId deal);
    Result<void> insert(Note& note); // assigns id
    Result<std::optional<Note>> find(NoteId id);
    // A note removed for good on a file; a team member's is kept by the
    // server's archive for its undo.
    Result<void> remove(NoteId id);
    // Puts a removed note back with its id, author and time.
    Result<void> restore(const Note& note);

private:
    Database& m_database;
};

} // namespace dealboard
