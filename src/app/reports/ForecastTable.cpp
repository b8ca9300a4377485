#include "reports/ForecastTable.h"

#include "common/Numbers.h"

namespace dealboard::gui {

ForecastTable::ForecastTable(QWidget* parent)
    : ReportTable(QStringLiteral("forecastTable"),
                  {QStringLiteral("Close month"), QStringLiteral("Owner"), QStringLiteral("Open deals"),
                   QStringLiteral("Open value"), QStringLiteral("Weighted"), QStringLiteral("Empirical"),
                   QStringLiteral("Won in the month")},
                  parent)
{
    setToolTip(QStringLiteral("Open deals by expected close month. Weighted: by the win probabilities (a deal's "
                              "own, else its stage's). Empirical: by the share of deals this team won within "
                              "%1 days of entering the stage. Overdue: the close date has passed.")
                   .arg(EmpiricalRate::Window));
}

void ForecastTable::showForecast(const Forecast& forecast, const QString& totals)
{
    setRowCount(static_cast<int>(forecast.rows.size()));
    int row = 0;
    for (const ForecastRow& r : forecast.rows) {
        const ForecastFigures& f = r.figures;
        const QStringList cells = {r.bucket,
                                   r.team                  ? totals
                                       : r.owner.isEmpty() ? QStringLiteral("(no owner)")
                                                           : r.owner,
                                   Numbers::count(f.openDeals),
                                   Numbers::amount({f.openMinor, r.currency}),
                                   Numbers::amount({f.weightedMinor, r.currency}),
                                   f.empiricalMinor ? Numbers::amount({*f.empiricalMinor, r.currency})
                                                    : QStringLiteral("not enough history"),
                                   Numbers::amount({f.wonMinor, r.currency})};
        setFigures(row, cells, 2, r.team);
        ++row;
    }
    fitColumns();
}

} // namespace dealboard::gui
