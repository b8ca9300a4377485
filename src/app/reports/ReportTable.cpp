#include "reports/ReportTable.h"

#include "common/ShownText.h"

#include <QFont>
#include <QHeaderView>
#include <QStyledItemDelegate>

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
    // A huge figure is shown whole, never "2,000,000,0…".
    setTextElideMode(Qt::ElideNone);
}

QTableWidgetItem* ReportTable::setFigures(int row, const QStringList& cells, int leftColumns, bool total)
{
    for (int column = 0; column < cells.size(); ++column) {
        auto* cell = new QTableWidgetItem(shownText(cells[column])); // an owner's name as stored
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

int ReportTable::neededWidth(int column) const
{
    // Every row, not only those in view (QTableView measures the visible ones).
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    int width = horizontalHeader()->sectionSizeHint(column);
    for (int row = 0; row < rowCount(); ++row) {
        const QModelIndex index = model()->index(row, column);
        width = std::max(width, itemDelegateForIndex(index)->sizeHint(option, index).width() + (showGrid() ? 1 : 0));
    }
    return width;
}

void ReportTable::fitColumns(bool keepWider)
{
    QHeaderView* header = horizontalHeader();
    for (int column = 0; column + 1 < columnCount(); ++column) {
        const int needed = neededWidth(column);
        if (!keepWider || header->sectionSize(column) < needed) {
            header->resizeSection(column, needed);
        }
    }
    keepLastColumnWhole();
}

void ReportTable::resizeEvent(QResizeEvent* event)
{
    QTableWidget::resizeEvent(event);
    keepLastColumnWhole();
}

void ReportTable::keepLastColumnWhole()
{
    const int last = columnCount() - 1;
    if (last < 0) {
        return;
    }
    QHeaderView* header = horizontalHeader();
    int others = 0;
    for (int column = 0; column < last; ++column) {
        others += header->sectionSize(column);
    }
    const int needed = neededWidth(last);
    const bool stretch = others + needed <= viewport()->width();
    if (header->stretchLastSection() != stretch) {
        header->setStretchLastSection(stretch);
    }
    if (!stretch && header->sectionSize(last) < needed) {
        header->resizeSection(last, needed);
    }
}

} // namespace dealboard::gui
