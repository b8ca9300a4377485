#include "reports/ReportTable.h"

#include <QFont>
#include <QHeaderView>

namespace dealboard::gui {

ReportTable::ReportTable(const QString& name, const QStringList& headers, QWidget* parent)
    : QTableWidget(parent)
{
    setObjectName(name);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    verticalHeader()->hide();
    setAlternatingRowColors(true);
    setColumnCount(static_cast<int>(headers.size()));
    setHorizontalHeaderLabels(headers);
    horizontalHeader()->setStretchLastSection(true);
}

QTableWidgetItem* ReportTable::setFigures(int row, const QStringList& cells, int leftColumns, bool total)
{
    for (int column = 0; column < cells.size(); ++column) {
        auto* cell = new QTableWidgetItem(cells[column]);
        cell->setTextAlignment(column < leftColumns ? (Qt::AlignLeft | Qt::AlignVCenter)
                                                    : (Qt::AlignRight | Qt::AlignVCenter));
        if (total) {
            QFont font = cell->font();
            font.setBold(true);
            cell->setFont(font);
        }
        setItem(row, column, cell);
    }
    return item(row, 0);
}

void ReportTable::fitColumns()
{
    for (int column = 0; column + 1 < columnCount(); ++column) {
        resizeColumnToContents(column);
    }
}

} // namespace dealboard::gui
