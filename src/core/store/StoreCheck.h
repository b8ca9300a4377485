#pragma once

// What SQLite's integrity_check cannot see: rows no DealBoard action could
// have written, each fault naming its table and row.
#include <QStringList>

struct sqlite3;

namespace dealboard {

class StoreCheck final
{
public:
    // Broken links, money that is not whole cents in range, impossible dates
    // and times, versions out of range, unknown stages, text that is not
    // UTF-8, a deal that follows itself up, settings out of range. One line
    // each; at most 1,000.
    static QStringList dataFaults(sqlite3* db);
    // Deals whose stored stage or status is none DealBoard knows.
    static int dealsOutsideTheStages(sqlite3* db);
};

} // namespace dealboard
