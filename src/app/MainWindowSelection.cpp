// The board's selection of several deals: which are selected, and which
// actions then work on all of them.
#include "MainWindow.h"
#include "board/DealListView.h"
#include "board/StageColumn.h"
#include "board/StageColumnModel.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QStatusBar>
#include <algorithm>

namespace dealboard::gui {

QList<DealId> MainWindow::selectedDealIds() const
{
    QList<DealId> ids;
    for (StageColumn* column : m_columns) {
        QModelIndexList rows = column->view()->selectionModel()->selectedIndexes();
        std::sort(rows.begin(), rows.end(),
                  [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
        for (const QModelIndex& row : rows) {
            ids << row.data(StageColumnModel::DealIdRole).toLongLong();
        }
    }
    if (ids.isEmpty() && m_selected) {
        ids << *m_selected;
    }
    return ids;
}

void MainWindow::forSelection(const std::function<void(DealId)>& one,
                              const std::function<void(const QList<DealId>&)>& several)
{
    const QList<DealId> ids = selectedDealIds();
    if (ids.size() > 1) {
        several(ids);
    } else if (ids.size() == 1) {
        one(ids.front());
    }
}

void MainWindow::selectionGrew()
{
    updateActions();
    const qsizetype count = selectedDealIds().size();
    if (count > 1) {
        statusBar()->showMessage(
            QStringLiteral("%L1 deals selected: drag them, or use the Deal menu to move, assign, plan, mark lost or "
                           "delete them in one step")
                .arg(count),
            8000);
    }
}

} // namespace dealboard::gui
