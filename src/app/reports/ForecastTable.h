#pragma once

#include "dealboard/Forecast.h"
#include "reports/ReportTable.h"

namespace dealboard::gui {

// The Reports tab's forecast by expected close month (as `dealboard-cli
// forecast` prints it): one row per bucket, owner and currency, the team's
// rows in bold.
class ForecastTable final : public ReportTable
{
    Q_OBJECT

public:
    explicit ForecastTable(QWidget* parent = nullptr);

    // `totals`: how the rows adding up each bucket are named ("Team", or
    // "Total" when the forecast is of one owner's deals).
    void showForecast(const Forecast& forecast, const QString& totals = QStringLiteral("Team"));
};

} // namespace dealboard::gui
