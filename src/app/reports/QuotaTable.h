#pragma once

#include "dealboard/OwnerMonth.h"
#include "reports/ReportTable.h"

namespace dealboard::gui {

// Each owner's month against their quota, one row per owner and currency;
// an owner behind quota stands out.
class QuotaTable final : public ReportTable
{
    Q_OBJECT

public:
    explicit QuotaTable(QWidget* parent = nullptr);

    void showMonth(const OwnerMonth& month);
};

} // namespace dealboard::gui
