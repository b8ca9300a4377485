#pragma once

#include "dealboard/OwnerSplit.h"
#include "reports/ReportTable.h"

namespace dealboard::gui {

// The Reports tab's split by owner: one row per owner, then the team's. A
// double-click on an owner's row asks for the charts of that owner's deals.
class OwnerTable final : public ReportTable
{
    Q_OBJECT

public:
    explicit OwnerTable(QWidget* parent = nullptr);

    void showSplit(const OwnerSplit& split);

Q_SIGNALS:
    void ownerChosen(const QString& owner);
};

} // namespace dealboard::gui
