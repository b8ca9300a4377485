#pragma once

#include <QTableWidget>

namespace dealboard::gui {

// What the Reports tab's tables share: read-only whole rows, alternating
// colours, the last column stretched to the edge; figures aligned right,
// names left; a total's row in bold.
class ReportTable : public QTableWidget
{
    Q_OBJECT

public:
    ReportTable(const QString& name, const QStringList& headers, QWidget* parent = nullptr);

protected:
    // Fills `row`: its first `leftColumns` cells aligned left, the others
    // right, all bold when `total`. Returns the row's first cell.
    QTableWidgetItem* setFigures(int row, const QStringList& cells, int leftColumns, bool total = false);
    // Every column but the stretched last one as wide as its contents.
    void fitColumns();
};

} // namespace dealboard::gui
