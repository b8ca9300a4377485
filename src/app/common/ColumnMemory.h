#pragma once

#include <QString>

class QTableView;

namespace dealboard::gui {

// The column widths of a table, kept in QSettings under the table's name (and
// its view's, where two views share a table's name): saved when the window
// closes, put back when the table next has the same columns.
class ColumnMemory final
{
public:
    static QString key(const QTableView* table);
    static void save(const QTableView* table);
    // False when nothing was saved for this table or its columns differ.
    static bool restore(QTableView* table);
};

} // namespace dealboard::gui
