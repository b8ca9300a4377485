#pragma once

// Removing a row of the manager's tables (segment rules, stage
// probabilities, stage goals, quotas) by its key. A team's member does it
// through the server's dealboard_remove_row, since no member holds a
// table-wide DELETE (which would let them lock the table against the team);
// the database's owner and a file delete the row themselves.
#include "dealboard/Result.h"

#include <QString>
#include <QStringList>

namespace dealboard {

class Database;

// `keys` are the values of `columns`, in order; `action` completes "Couldn't …".
Result<void> removeKeyedRow(Database& database, const char* table, const QStringList& columns, const QStringList& keys,
                            const QString& action);

} // namespace dealboard
