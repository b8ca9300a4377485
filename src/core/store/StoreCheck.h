#pragma once

// What SQLite's integrity_check cannot see: rows no DealBoard action could
// have written, each fault naming its table and row.
#include <QStringList>

namespace dealboard {

class Database;

class StoreCheck final
{
public:
    // Broken links, money that is not whole cents in range, impossible dates
    // and times, versions out of range, unknown stages, text that is not
    // UTF-8, a deal that follows itself up, settings out of range. One line
    // each; at most 1,000.
    static QStringList dataFaults(Database& database);
    // Deals whose stored stage or status is none DealBoard knows.
    static int dealsOutsideTheStages(Database& database);
};

} // namespace dealboard
