#pragma once

// The column totals a file keeps (schema 11, StageTotalsTable.cpp): the
// number and value of deals per stage, status, currency and own win
// probability, kept by triggers in the file as deals are written.
#include "dealboard/Result.h"

#include <QStringList>
#include <optional>

struct sqlite3;

namespace dealboard {

class Database;

namespace StageTotalsTable {

// The triggers that keep the table, as version 11 makes them.
QStringList triggers();
// Reads the table in the columns DealRepository::stageAggregates sums:
// stage, status, currency, own probability (NULL: the stage's), deals, the
// values' millions and rest (NULL where a sum passed 64 bits).
const char* readSql();
// Empties the table and sums the deals into it again.
QStringList rebuildStatements();
// Where the table and the deals' own sums differ, one line each; empty
// when they agree.
QStringList differences(sqlite3* db);
// `found` (triggersAndViews' lines) without the table's own triggers, where
// they stand exactly as version 11 makes them.
QStringList withoutOwnTriggers(sqlite3* db, const QStringList& found);
// rebuildStatements in a transaction of its own.
Result<void> rebuild(sqlite3* db);
// At a file's open (schema 11): makes the table and its triggers again where
// another program removed or changed them, and sums the table again where
// its count of deals is not the deals' (a REPLACE by another program removes
// a row without its trigger). False when it could not: the totals are then
// summed from the deals (readSql must not be used).
bool ensure(Database& database);
// The deals summed at each read, in readSql's columns.
const char* summingSql();
// Inside a bulk write's transaction that only adds deals (a seed, an
// import): the insert trigger is dropped, so that no row pays for it (with
// a trigger, SQLite also keeps a statement journal for every insert). Gives
// the highest deal id before the bulk write, or nothing where the file has
// no such trigger. countAddedAfter sums the deals added after that id into
// the table in one statement and makes the trigger again.
Result<std::optional<qint64>> pauseInsertCounting(Database& database);
Result<void> countAddedAfter(Database& database, qint64 lastIdBefore);

} // namespace StageTotalsTable

} // namespace dealboard
