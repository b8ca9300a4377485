#pragma once

// The read-only tables of the contact and attention lists.
#include <QString>
#include <QStringList>
#include <cstdint>

class QTableWidget;

namespace dealboard::gui {

// The most rows a list shows; the rest are counted, not drawn.
inline constexpr int MaxRowsShown = 500;

// A table of whole rows, not editable, with the headers given.
QTableWidget* makeTable(const QStringList& headers, const QString& name);
// Fills a row; every cell carries the record's id (Qt::UserRole).
void fillRow(QTableWidget* table, int row, const QStringList& cells, std::int64_t id);

} // namespace dealboard::gui
