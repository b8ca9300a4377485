#pragma once

// The rows of an SQLite statement, as RawQuery reads them on a file.
#include "Backend.h"

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace dealboard {

// How much of `sql` SQLite prepares: all of it, but for a closing
// " RETURNING id" (see SqliteRows.cpp).
int preparedLength(const char* sql);

// A statement prepared for one read (finalized at the end) or kept for the
// connection's life (`kept`: reset at the end); `status` is how preparing it went.
std::unique_ptr<RawRows> sqliteRows(sqlite3* db, sqlite3_stmt* statement, bool kept, int status, const char* sql);

} // namespace dealboard
