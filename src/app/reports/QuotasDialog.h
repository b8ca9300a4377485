#pragma once

#include "dealboard/OwnerMonth.h"
#include "dealboard/service/ReportService.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace dealboard::gui {

// One month's quotas: a row per owner (those with deals and those with a
// quota), the amount to win and its currency; an empty amount means no quota.
class QuotasDialog final : public QDialog
{
    Q_OBJECT

public:
    // Quotas are set in `currency`, the reporting currency.
    QuotasDialog(const QString& month, const QString& currency, const QStringList& owners,
                 const std::vector<Quota>& quotas, QWidget* parent = nullptr);

    // Opened again after a save refused as stale: the amounts the manager
    // typed (`mine`) are put back over the stored ones, and a note names each
    // quota another manager changed meanwhile, theirs beside these.
    void keepTyped(const std::vector<ReportService::QuotaChange>& mine);

    // What changed, or the first amount that is not one (named).
    Result<std::vector<ReportService::QuotaChange>> changes() const;

private:
    void accept() override;

    QTableWidget* m_table;
    QLabel* m_changed = nullptr;
    std::vector<Quota> m_before;
};

} // namespace dealboard::gui
