#include "StageTable.h"

#include "board/BoardStyle.h"
#include "common/ColumnMemory.h"
#include "common/Numbers.h"
#include "reports/ReportText.h"

#include <QHeaderView>
#include <QTextDocument>

namespace dealboard::gui {

StageTable::StageTable(QWidget* parent)
    : ReportTable(QStringLiteral("reportTable"),
                  {QStringLiteral("Stage"), QStringLiteral("Reached"), QStringLiteral("To next"),
                   QStringLiteral("From start"), QStringLiteral("Open deals"), QStringLiteral("Open value"),
                   QStringLiteral("Weighted"), QStringLiteral("Lost"), QStringLiteral("Median days"),
                   QStringLiteral("Mean days"), QStringLiteral("In stage now"), QStringLiteral("Stalling after"),
                   QStringLiteral("Goal: to next"), QStringLiteral("Goal: days"), QStringLiteral("On target")},
                  parent)
{
}

void StageTable::showReport(const PipelineReport& report, const StallMarks& marks)
{
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
            marks.never(f.stage) ? QStringLiteral("never") : QStringLiteral("%1 d").arg(marks.days(f.stage)),
            percent(f.goal.targetConversion),
            f.goal.targetMedianDays ? QString::number(*f.goal.targetMedianDays) : QStringLiteral("–"),
            onTarget ? (*onTarget ? QStringLiteral("on target") : QStringLiteral("below target"))
                     : (f.goal.isSet() ? QStringLiteral("no data") : QStringLiteral("no goal")),
        };
        setFigures(row, cells, 1);
        item(row, 11)->setToolTip(marks.describe(f.stage)); // learned from how many deals, or why not
        if (onTarget) {
            QTableWidgetItem* verdict = item(row, static_cast<int>(cells.size()) - 1);
            verdict->setForeground(*onTarget ? BoardStyle::confirmed() : BoardStyle::overdue());
            QFont font = verdict->font();
            font.setBold(true);
            verdict->setFont(font);
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
    // The rep's widths where they were kept, but never narrower than the figures.
    const bool kept = !m_columnsSized && ColumnMemory::restore(this);
    fitColumns(kept || m_columnsSized);
    m_columnsSized = true;
}

} // namespace dealboard::gui
