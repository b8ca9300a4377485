#pragma once

#include "dealboard/PipelineReport.h"
#include "dealboard/StallMarks.h"
#include "reports/ReportTable.h"

namespace dealboard::gui {

// The Reports tab's table by stage: reached, conversions, open and weighted
// value, losses (their reasons in the tooltip), days, the stall mark, goals
// and whether each is met.
class StageTable final : public ReportTable
{
    Q_OBJECT

public:
    explicit StageTable(QWidget* parent = nullptr);

    // `marks`: when a deal is marked as stalling in each stage, shown next
    // to the stage's goals.
    void showReport(const PipelineReport& report, const StallMarks& marks);

private:
    bool m_columnsSized = false;
};

} // namespace dealboard::gui
