#pragma once

#include "dealboard/Pipeline.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace dealboard::gui {

class QuotaTable;

// The Quotas view (a tab of its own, Ctrl+7): for a month, each owner's won
// value against their quota, the weighted pipeline closing in the rest of the
// month, and their month's deals and activities (as `dealboard-cli quota
// status`). A manager sets the month's quotas from here; Export writes the
// table.
class QuotaPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuotaPanel)

public:
    explicit QuotaPanel(Pipeline& service, QWidget* parent = nullptr);

    void refresh();
    // The figures are out of date: read again now if shown, else when next shown.
    void invalidate();
    QString month() const;
    // The month as shown (what Export CSV… writes).
    const OwnerMonth& shown() const { return m_shown; }

Q_SIGNALS:
    void errorOccurred(const dealboard::Error& error);
    void message(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void editQuotas();
    void exportCsv();

    Pipeline& m_service;
    bool m_stale = true;
    QComboBox* m_month;
    QLabel* m_summary;
    QuotaTable* m_table;
    OwnerMonth m_shown;
};

} // namespace dealboard::gui
