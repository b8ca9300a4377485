#include "reports/ForecastTable.h"

#include "common/Numbers.h"

namespace dealboard::gui {

ForecastTable::ForecastTable(QWidget* parent)
    : ReportTable(QStringLiteral("forecastTable"),
                  {QStringLiteral("Close month"), QStringLiteral("Owner"), QStringLiteral("Open deals"),
                   QStringLiteral("Open value"), QStringLiteral("Weighted"), QStringLiteral("Won in the month")},
                  parent)
{
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
        setFigures(row, cells, 2, r.team);
        ++row;
    }
    fitColumns();
}

} // namespace dealboard::gui
