#pragma once

// The column totals a file keeps (schema 11, StageTotalsTable.cpp): the
// number and value of deals per stage, status, currency and own win
// probability, kept by triggers in the file as deals are written.
#include "dealboard/Result.h"

#include <QStringList>

struct sqlite3;

namespace dealboard {

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
// rebuildStatements in a transaction of its own.
Result<void> rebuild(sqlite3* db);

} // namespace StageTotalsTable

} // namespace dealboard
