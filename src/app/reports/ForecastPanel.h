#pragma once

#include "dealboard/Pipeline.h"

#include <QWidget>

class QChartView;
class QLabel;

namespace dealboard::gui {

class ForecastTable;

// The Reports tab's forecast: the team's claimed (weighted), empirical and
// won value by close month in a chart, every row in a table, and the
// stages' probabilities beside the rates the team's history shows. A
// manager sets the probabilities from here.
class ForecastPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ForecastPanel)

public:
    ForecastPanel(Pipeline& service, QWidget* parent = nullptr);

    // Reads the forecast of one owner's deals (all when empty).
    void refresh(const QString& owner);
    // The forecast as shown (what Export report CSV… writes).
    const Forecast& shown() const { return m_shown; }

Q_SIGNALS:
    void errorOccurred(const dealboard::Error& error);
    void message(const QString& text);

private:
    void showForecast(const Forecast& forecast);
    void editProbabilities();

    Pipeline& m_service;
    QChartView* m_chart;
    ForecastTable* m_table;
    QLabel* m_rates;
    Forecast m_shown;
};

} // namespace dealboard::gui
