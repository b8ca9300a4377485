#pragma once

// The change log's entries as `log` and `watch` print them.
#include "dealboard/ChangeLog.h"

#include <QJsonObject>
#include <QStringList>

namespace dealboard::cli {

// {"id", "at", "actor", "table", "row", "deal", "action", "changes"}: the
// changes as the JSON object the log keeps.
QJsonObject changeJson(const ChangeEntry& entry);
// WHEN, WHO, WHAT ("deals 42 update") and the changes in words
// ("value_minor 100000 → 250000; owner "" → "bob""), for a table or a line.
QStringList changeColumns(const ChangeEntry& entry);
QString changesInWords(const ChangeEntry& entry);

} // namespace dealboard::cli
