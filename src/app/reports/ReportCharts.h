#pragma once

#include "dealboard/PipelineReport.h"

#include <QWidget>

class QChartView;

namespace dealboard::gui {

// The Reports tab's charts, side by side: the conversion funnel, days in
// stage against the goals, and lost deals by stage and reason.
class ReportCharts final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportCharts)

public:
    explicit ReportCharts(QWidget* parent = nullptr);

    void showReport(const PipelineReport& report);

private:
    void fillFunnel(const PipelineReport& report);
    void fillDays(const PipelineReport& report);
    void fillLosses(const PipelineReport& report);

    QChartView* m_funnel;
    QChartView* m_days;
    QChartView* m_losses;
};

} // namespace dealboard::gui
