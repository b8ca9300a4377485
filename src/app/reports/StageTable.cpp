#include "StageTable.h"

#include "board/BoardStyle.h"
#include "common/ColumnMemory.h"
#include "common/Numbers.h"
#include "reports/ReportText.h"

#include <QHeaderView>
#include <QTextDocument>

namespace dealboard::gui {

StageTable::StageTable(QWidget* parent)
    : QTableWidget(parent)
{
    setObjectName(QStringLiteral("reportTable"));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    verticalHeader()->hide();
    setAlternatingRowColors(true);
    horizontalHeader()->setStretchLastSection(true);
}

void StageTable::showReport(const PipelineReport& report)
{
    const QStringList headers
        = {QStringLiteral("Stage"),      QStringLiteral("Reached"),      QStringLiteral("To next"),
           QStringLiteral("From start"), QStringLiteral("Open deals"),   QStringLiteral("Open value"),
           QStringLiteral("Weighted"),   QStringLiteral("Lost"),         QStringLiteral("Median days"),
           QStringLiteral("Mean days"),  QStringLiteral("In stage now"), QStringLiteral("Goal: to next"),
           QStringLiteral("Goal: days"), QStringLiteral("On target")};
    clear();
    setColumnCount(static_cast<int>(headers.size()));
    setHorizontalHeaderLabels(headers);
    setRowCount(StageCount);
    for (int row = 0; row < StageCount; ++row) {
        const StageFigures& f = report.stages[row];
        const std::optional<bool> onTarget = f.onTarget();
        const QStringList cells = {
            stageName(f.stage),
            Numbers::count(f.reached),
            percent(f.conversionToNext),
            percent(f.cumulativeConversion),
            Numbers::count(f.openDeals),
            Numbers::amount({f.openValueMinor, report.currency}),
            Numbers::amount({f.weightedValueMinor, report.currency}),
            Numbers::count(f.lost),
            f.medianDays ? Numbers::decimal(*f.medianDays) : QStringLiteral("–"),
            f.meanDays ? Numbers::decimal(*f.meanDays) : QStringLiteral("–"),
            f.currentStays > 0 ? QStringLiteral("%1 (median %2 d)")
                                     .arg(f.currentStays)
                                     .arg(Numbers::decimal(f.currentMedianDays.value_or(0)))
                               : QStringLiteral("–"),
            percent(f.goal.targetConversion),
            f.goal.targetMedianDays ? QString::number(*f.goal.targetMedianDays) : QStringLiteral("–"),
            onTarget ? (*onTarget ? QStringLiteral("on target") : QStringLiteral("below target"))
                     : (f.goal.isSet() ? QStringLiteral("no data") : QStringLiteral("no goal")),
        };
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            item->setTextAlignment(column == 0 ? (Qt::AlignLeft | Qt::AlignVCenter)
                                               : (Qt::AlignRight | Qt::AlignVCenter));
            if (column == cells.size() - 1 && onTarget) {
                item->setForeground(*onTarget ? BoardStyle::confirmed() : BoardStyle::overdue());
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
            }
            setItem(row, column, item);
        }
        if (!f.lostReasons.empty()) {
            QStringList reasons;
            for (const auto& [reason, count] : f.lostReasons) {
                reasons << QStringLiteral("%1: %2").arg(reason).arg(count);
            }
            // Reasons are the reps' own words: never read as rich text.
            item(row, 7)->setToolTip(Qt::convertFromPlainText(reasons.join(QLatin1Char('\n'))));
        }
    }
    // Sized to their contents the first time, unless the rep's widths were kept.
    if (!m_columnsSized) {
        if (!ColumnMemory::restore(this)) {
            resizeColumnsToContents();
        }
        m_columnsSized = true;
    }
}

} // namespace dealboard::gui
