#pragma once

#include "dealboard/Note.h"
#include "dealboard/Result.h"

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

private:
    Database& m_database;
};

} // namespace dealboard
