#include "reports/ForecastTable.h"

#include "common/Numbers.h"

#include <QFont>
#include <QHeaderView>

namespace dealboard::gui {

ForecastTable::ForecastTable(QWidget* parent)
    : QTableWidget(parent)
{
    setObjectName(QStringLiteral("forecastTable"));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    verticalHeader()->hide();
    setAlternatingRowColors(true);
    const QStringList headers
        = {QStringLiteral("Close month"), QStringLiteral("Owner"),    QStringLiteral("Open deals"),
           QStringLiteral("Open value"),  QStringLiteral("Weighted"), QStringLiteral("Won in the month")};
    setColumnCount(static_cast<int>(headers.size()));
    setHorizontalHeaderLabels(headers);
    horizontalHeader()->setStretchLastSection(true);
    setToolTip(QStringLiteral("Open deals by expected close month, weighted by the stages' win probabilities; "
                              "overdue: the close date has passed"));
}

void ForecastTable::showForecast(const Forecast& forecast)
{
    setRowCount(static_cast<int>(forecast.rows.size()));
    int row = 0;
    for (const ForecastRow& r : forecast.rows) {
        const ForecastFigures& f = r.figures;
        const QStringList cells = {r.bucket,
                                   r.team                  ? QStringLiteral("Team")
                                       : r.owner.isEmpty() ? QStringLiteral("(no owner)")
                                                           : r.owner,
                                   Numbers::count(f.openDeals),
                                   Numbers::amount({f.openMinor, r.currency}),
                                   Numbers::amount({f.weightedMinor, r.currency}),
                                   Numbers::amount({f.wonMinor, r.currency})};
        for (int column = 0; column < cells.size(); ++column) {
            auto* cell = new QTableWidgetItem(cells[column]);
            cell->setTextAlignment(column < 2 ? (Qt::AlignLeft | Qt::AlignVCenter)
                                              : (Qt::AlignRight | Qt::AlignVCenter));
            if (r.team) {
                QFont font = cell->font();
                font.setBold(true);
                cell->setFont(font);
            }
            setItem(row, column, cell);
        }
        ++row;
    }
    for (int column = 0; column + 1 < columnCount(); ++column) {
        resizeColumnToContents(column);
    }
}

} // namespace dealboard::gui
