#pragma once

#include "dealboard/ForecastAccuracy.h"
#include "dealboard/Pipeline.h"

#include <QWidget>

class QLabel;
class QSpinBox;

namespace dealboard::gui {

class ReportTable;

// Two tabs of the Reports view: "Accuracy", what the forecast said of each
// past month 90, 60 and 30 days ahead against what was won (team and per
// owner, claimed beside empirical), and "Slipped deals", the open deals
// whose close date moved later again and again. Both read the service.
class AccuracyPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccuracyPanel)

public:
    enum class Shows { Accuracy, Slipped };
    AccuracyPanel(Pipeline& service, Shows shows, QWidget* parent = nullptr);

    // Reads the figures again.
    void refresh();
    const ForecastAccuracy& accuracy() const { return m_accuracy; }
    const SlippedDeals& slipped() const { return m_slipped; }

Q_SIGNALS:
    void errorOccurred(const dealboard::Error& error);

private:
    void showAccuracy();
    void showSlipped();

    Pipeline& m_service;
    Shows m_shows;
    QSpinBox* m_months = nullptr;
    QLabel* m_summary;
    ReportTable* m_table;
    ForecastAccuracy m_accuracy;
    SlippedDeals m_slipped;
};

} // namespace dealboard::gui
