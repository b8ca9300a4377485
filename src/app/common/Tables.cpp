#include "common/Tables.h"

#include "common/ShownText.h"

#include <QHeaderView>
#include <QTableWidget>

namespace dealboard::gui {

QTableWidget* makeTable(const QStringList& headers, const QString& name)
{
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()));
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->setAlternatingRowColors(true);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

void fillRow(QTableWidget* table, int row, const QStringList& cells, std::int64_t id)
{
    for (int column = 0; column < cells.size(); ++column) {
        auto* item = new QTableWidgetItem(shownText(cells[column]));
        item->setData(Qt::UserRole, qint64(id));
        table->setItem(row, column, item);
    }
}

} // namespace dealboard::gui
