#pragma once

#include "dealboard/PipelineReport.h"
#include "reports/ReportTable.h"

namespace dealboard::gui {

// The Reports tab's table by stage: reached, conversions, open and weighted
// value, losses (their reasons in the tooltip), days, goals and whether each
// is met.
class StageTable final : public ReportTable
{
    Q_OBJECT

public:
    explicit StageTable(QWidget* parent = nullptr);

    void showReport(const PipelineReport& report);

private:
    bool m_columnsSized = false;
};

} // namespace dealboard::gui
