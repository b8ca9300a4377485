#pragma once

// The reads of an SQLite file that restore's checks share (RestoreCheck.cpp):
// one value, the first rows of a statement, and whether the file is sound.
#include "dealboard/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

struct sqlite3;

namespace dealboard::restore {

// The first `limit` items, and how many more there are.
QString listed(const QStringList& items, qsizetype limit);
// One-row, one-column SQL: its text, or the error SQLite gave.
Result<QString> single(sqlite3* db, const char* sql);
// The first `limit` rows of `sql`, their columns as text, or why SQLite
// could not give them.
Result<QList<QStringList>> rows(sqlite3* db, const char* sql, int limit);
// Refuses a file SQLite's integrity check or its foreign keys find broken.
Result<void> sound(sqlite3* db, const QString& shown);

} // namespace dealboard::restore
