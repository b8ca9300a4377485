#pragma once

#include "dealboard/Deal.h"

#include <QIODevice>
#include <QStringList>
#include <vector>

namespace dealboard {

// The deals export: one row per deal under a stable snake_case header.
class DealCsv final
{
public:
    static QStringList header();
    // Writes the header and every deal; false when the device refused bytes.
    static bool write(QIODevice* device, const std::vector<Deal>& deals, const QDateTime& now, bool byteOrderMark);
};

} // namespace dealboard
