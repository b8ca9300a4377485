#pragma once

#include "dealboard/Pipeline.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace dealboard::gui {

class QuotaTable;

// The Reports tab's quotas: for a month, each owner's won value against
// their quota, the weighted pipeline closing in the rest of the month, and
// their month's deals and activities (as `dealboard-cli quota status`). A
// manager sets the month's quotas from here.
class QuotaPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuotaPanel)

public:
    explicit QuotaPanel(Pipeline& service, QWidget* parent = nullptr);

    void refresh();
    QString month() const;
    // The month as shown (what Export report CSV… writes).
    const OwnerMonth& shown() const { return m_shown; }

Q_SIGNALS:
    void errorOccurred(const dealboard::Error& error);
    void message(const QString& text);

private:
    void editQuotas();

    Pipeline& m_service;
    QComboBox* m_month;
    QLabel* m_summary;
    QuotaTable* m_table;
    OwnerMonth m_shown;
};

} // namespace dealboard::gui
