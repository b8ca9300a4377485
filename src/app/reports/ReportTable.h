#pragma once

#include <QTableWidget>

namespace dealboard::gui {

// What the Reports tab's tables share: read-only whole rows, alternating
// colours, the last column stretched to the edge; figures aligned right,
// names left; a total's row in bold. No cell or header is ever cut: a column
// is at least as wide as its widest text, and the table scrolls sideways
// rather than squeeze its last column.
class ReportTable : public QTableWidget
{
    Q_OBJECT

public:
    ReportTable(const QString& name, const QStringList& headers, QWidget* parent = nullptr);

    // The width `column` needs to show its header and every cell whole.
    int neededWidth(int column) const;

protected:
    // Fills `row`: its first `leftColumns` cells aligned left, the others
    // right, all bold when `total`. Returns the row's first cell.
    QTableWidgetItem* setFigures(int row, const QStringList& cells, int leftColumns, bool total = false);
    // Every column as wide as its contents (`keepWider`: a column the rep
    // made wider stays so).
    void fitColumns(bool keepWider = false);
    void resizeEvent(QResizeEvent* event) override;

private:
    // Stretches the last column to the edge only while that leaves it whole.
    void keepLastColumnWhole();
};

} // namespace dealboard::gui
