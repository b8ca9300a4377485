#pragma once

#include "dealboard/Pipeline.h"

#include <QWidget>

class QChartView;
class QComboBox;
class QLabel;

namespace dealboard::gui {

class ForecastTable;

// The Forecast view (a tab of its own, Ctrl+6): the team's claimed
// (weighted), empirical and won value by close month in a chart, every row
// in a table, and the stages' probabilities beside the rates the team's
// history shows. A manager sets the probabilities from here; Export writes
// the table.
class ForecastPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ForecastPanel)

public:
    ForecastPanel(Pipeline& service, QWidget* parent = nullptr);

    // Reads the forecast of the chosen owner's deals (all by default).
    void refresh();
    // The figures are out of date: read again now if shown, else when next shown.
    void invalidate();
    void setOwners(const QStringList& owners);
    // The forecast as shown (what Export CSV… writes).
    const Forecast& shown() const { return m_shown; }

Q_SIGNALS:
    void errorOccurred(const dealboard::Error& error);
    void message(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showForecast(const Forecast& forecast);
    void editProbabilities();
    void exportCsv();

    Pipeline& m_service;
    QComboBox* m_owner;
    bool m_stale = true;
    QChartView* m_chart;
    ForecastTable* m_table;
    QLabel* m_rates;
    Forecast m_shown;
};

} // namespace dealboard::gui
