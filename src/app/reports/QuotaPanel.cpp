#include "reports/QuotaPanel.h"

#include "common/Numbers.h"
#include "reports/QuotaTable.h"
#include "reports/QuotasDialog.h"
#include "reports/TableExport.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <set>

namespace dealboard::gui {

QuotaPanel::QuotaPanel(Pipeline& service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_month(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_table(new QuotaTable(this))
{
    setObjectName(QStringLiteral("quotaPanel"));
    m_month->setObjectName(QStringLiteral("quotaMonth"));
    // Six months back to three ahead: the months a manager reviews or plans.
    const QDate today = m_service.now().toLocalTime().date();
    const QDate first(today.year(), today.month(), 1);
    for (int m = -6; m <= 3; ++m) {
        m_month->addItem(first.addMonths(m).toString(QStringLiteral("yyyy-MM")));
    }
    m_month->setCurrentIndex(6);
    m_summary->setObjectName(QStringLiteral("quotaSummary"));
    auto* edit = new QPushButton(QStringLiteral("Set quotas…"), this);
    edit->setObjectName(QStringLiteral("quotasButton"));
    const QString notManager = m_service.reads().team().whyNotManage(QStringLiteral("the quotas"));
    edit->setEnabled(notManager.isEmpty());
    edit->setToolTip(notManager.isEmpty() ? QStringLiteral("Set what each owner is to win in the month") : notManager);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(QStringLiteral("Month"), this));
    top->addWidget(m_month);
    top->addWidget(m_summary, 1);
    top->addWidget(edit);
    auto* exportButton = new QPushButton(QStringLiteral("Export CSV…"), this);
    exportButton->setObjectName(QStringLiteral("exportQuotasButton"));
    exportButton->setToolTip(QStringLiteral("Write the month's table as CSV, the currency in a column of its own"));
    top->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);

    connect(m_month, &QComboBox::currentIndexChanged, this, &QuotaPanel::refresh);
    connect(edit, &QPushButton::clicked, this, &QuotaPanel::editQuotas);
    connect(exportButton, &QPushButton::clicked, this, &QuotaPanel::exportCsv);
    // A probability changes the weighted pipeline of the month; a rate its conversion.
    for (auto signal : {&Pipeline::probabilitiesChanged, &Pipeline::quotasChanged, &Pipeline::ratesChanged}) {
        connect(&m_service, signal, this, &QuotaPanel::invalidate);
    }
}

void QuotaPanel::invalidate()
{
    m_stale = true;
    if (isVisible()) {
        refresh();
    }
}

void QuotaPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        refresh();
    }
}

void QuotaPanel::exportCsv()
{
    const Result<QString> done
        = exportTable(this, m_service, QStringLiteral("Quotas"), QStringLiteral("quotas-%1.csv").arg(month()),
                      [this](QIODevice* device, bool bom) { return OwnerMonthFormat::writeCsv(device, m_shown, bom); });
    if (!done) {
        Q_EMIT errorOccurred(done.error());
    } else if (!done.value().isEmpty()) {
        Q_EMIT message(done.value());
    }
}

QString QuotaPanel::month() const
{
    return m_month->currentText();
}

void QuotaPanel::refresh()
{
    m_stale = false;
    Result<OwnerMonth> month = m_service.reports().ownerMonth(this->month());
    if (!month) {
        Q_EMIT errorOccurred(month.error());
        return;
    }
    m_shown = std::move(month.value());
    m_table->showMonth(m_shown);
    int behind = 0;
    int quotas = 0;
    for (const OwnerMonthRow& row : m_shown.rows) {
        quotas += row.quotaMinor ? 1 : 0;
        behind += row.standing == OwnerMonthRow::Standing::Behind ? 1 : 0;
    }
    QString summary = quotas == 0 ? QStringLiteral("No quota set for this month.")
        : behind == 0             ? QStringLiteral("Nobody is behind quota.")
                                  : QStringLiteral("<b style='color:#b02a2a'>%1 behind quota</b>")
                            .arg(behind == 1 ? QStringLiteral("1 owner") : QStringLiteral("%1 owners").arg(behind));
    // In which currency, at which rates, and what no rate converts.
    const ConversionNote& note = m_shown.conversion;
    summary += QStringLiteral(" · in %1").arg(note.currency);
    if (const QString said = note.text(); !said.isEmpty()) {
        summary += QStringLiteral(", ") + said.toHtmlEscaped();
    }
    for (const OwnerMonthRow& row : m_shown.rows) {
        for (const Money& quota : row.unconvertedQuotas) {
            summary += QStringLiteral(" · quota of %1 not converted, no rate: %2")
                           .arg(row.owner.toHtmlEscaped(), Numbers::amount(quota).toHtmlEscaped());
        }
    }
    m_summary->setText(summary);
}

void QuotaPanel::editQuotas()
{
    // A save refused because another manager changed a quota meanwhile opens
    // the editor again on what is stored now, with what was typed kept.
    std::vector<ReportService::QuotaChange> typed;
    for (;;) {
        Result<std::vector<Quota>> quotas = m_service.reports().quotas(month());
        if (!quotas) {
            Q_EMIT errorOccurred(quotas.error());
            return;
        }
        Result<QStringList> known = m_service.reads().owners();
        if (!known) {
            Q_EMIT errorOccurred(known.error());
            return;
        }
        Result<QString> currency = m_service.rates().reportingCurrency();
        if (!currency) {
            Q_EMIT errorOccurred(currency.error());
            return;
        }
        std::set<QString> owners(known.value().begin(), known.value().end());
        QuotasDialog dialog(month(), currency.value(), QStringList(owners.begin(), owners.end()), quotas.value(), this);
        dialog.keepTyped(typed);
        if (dialog.exec() != QDialog::Accepted) {
            return;
        }
        Result<std::vector<ReportService::QuotaChange>> changes = dialog.changes();
        if (!changes || changes.value().empty()) {
            return;
        }
        Result<void> saved = m_service.reports().setQuotas(month(), changes.value());
        if (!saved && saved.error().code == ErrorCode::StaleVersion) {
            typed = changes.value();
            continue;
        }
        if (!saved) {
            Q_EMIT errorOccurred(saved.error());
            return;
        }
        // The pipeline's quotasChanged has the view read the month again.
        Q_EMIT message(QStringLiteral("Quotas for %1 saved.").arg(month()));
        return;
    }
}

} // namespace dealboard::gui
