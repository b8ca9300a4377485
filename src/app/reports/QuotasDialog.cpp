#include "reports/QuotasDialog.h"

#include "common/Numbers.h"
#include "common/ShownText.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <set>

namespace dealboard::gui {

QuotasDialog::QuotasDialog(const QString& month, const QString& currency, const QStringList& owners,
                           const std::vector<Quota>& quotas, QWidget* parent)
    : QDialog(parent)
    , m_table(new QTableWidget(this))
    , m_before(quotas)
{
    setObjectName(QStringLiteral("quotasDialog"));
    setWindowTitle(QStringLiteral("Quotas for %1").arg(month));
    m_table->setObjectName(QStringLiteral("quotaEditor"));
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({QStringLiteral("Owner"), QStringLiteral("Quota"), QStringLiteral("Currency")});
    m_table->verticalHeader()->hide();
    // Every owner in the reporting currency, and once per other currency
    // they kept a quota in from before (which may only be cleared).
    std::set<std::pair<QString, QString>> rows;
    for (const Quota& quota : quotas) {
        rows.insert({quota.owner, quota.amount.currency});
        rows.insert({quota.owner, currency});
    }
    for (const QString& owner : owners) {
        if (!owner.isEmpty()) {
            rows.insert({owner, currency});
        }
    }
    m_table->setRowCount(static_cast<int>(rows.size()));
    int row = 0;
    for (const auto& [owner, code] : rows) {
        auto* name = new QTableWidgetItem(shownText(owner));
        name->setData(Qt::UserRole, owner);
        name->setFlags(name->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(row, 0, name);
        QString amount;
        for (const Quota& quota : quotas) {
            if (quota.owner == owner && quota.amount.currency == code) {
                amount = Numbers::amountOnly(quota.amount.minor, code);
            }
        }
        auto* value = new QTableWidgetItem(amount);
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, 1, value);
        auto* codeItem = new QTableWidgetItem(code);
        codeItem->setFlags(codeItem->flags() & ~Qt::ItemIsEditable);
        if (code != currency) {
            const QString kept = QStringLiteral("Kept from before the quotas were in %1: counted converted, and may "
                                                "only be cleared.")
                                     .arg(currency);
            value->setToolTip(kept);
            codeItem->setToolTip(kept);
        }
        m_table->setItem(row, 2, codeItem);
        ++row;
    }
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->resizeColumnToContents(2);
    m_table->setColumnWidth(1, 140);
    m_table->setMinimumSize(420, 260);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QuotasDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    auto* intro
        = new QLabel(QStringLiteral("What each owner is to win in %1, in %2. Leave an amount empty for no quota.")
                         .arg(month, currency),
                     this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_changed = new QLabel(this);
    m_changed->setObjectName(QStringLiteral("changedMeanwhile"));
    m_changed->setWordWrap(true);
    m_changed->setStyleSheet(QStringLiteral("background:#fff4ce; padding:6px;"));
    m_changed->hide();
    layout->addWidget(m_changed);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
}

Result<std::vector<ReportService::QuotaChange>> QuotasDialog::changes() const
{
    std::vector<ReportService::QuotaChange> changes;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString owner = m_table->item(row, 0)->data(Qt::UserRole).toString();
        const QString currency = m_table->item(row, 2)->text();
        const QString text = m_table->item(row, 1)->text().trimmed();
        std::optional<std::int64_t> amount;
        if (!text.isEmpty()) {
            Result<std::int64_t> parsed = parseAmountForPeople(text, currency);
            if (!parsed) {
                return makeError(ErrorCode::InvalidInput,
                                 QStringLiteral("The quota of %1, '%2', is not an amount: %3")
                                     .arg(shownText(owner), text, parsed.error().message));
            }
            amount = parsed.value();
        }
        std::optional<std::int64_t> before;
        for (const Quota& quota : m_before) {
            if (quota.owner == owner && quota.amount.currency == currency) {
                before = quota.amount.minor;
            }
        }
        if (amount != before) {
            changes.push_back({owner, currency, amount, before, true}); // saved only over what was loaded
        }
    }
    return changes;
}

void QuotasDialog::keepTyped(const std::vector<ReportService::QuotaChange>& mine)
{
    auto amountText = [](const std::optional<std::int64_t>& minor, const QString& currency) {
        return minor ? Numbers::amount({*minor, currency}) : QStringLiteral("no quota");
    };
    QStringList changed;
    for (const ReportService::QuotaChange& change : mine) {
        std::optional<std::int64_t> now;
        for (const Quota& quota : m_before) {
            if (quota.owner == change.owner && quota.amount.currency == change.currency) {
                now = quota.amount.minor;
            }
        }
        for (int row = 0; row < m_table->rowCount(); ++row) {
            if (m_table->item(row, 0)->text() == change.owner && m_table->item(row, 2)->text() == change.currency) {
                m_table->item(row, 1)->setText(
                    change.amountMinor ? Numbers::amountOnly(*change.amountMinor, change.currency) : QString());
            }
        }
        if (now != change.loadedMinor) {
            changed.append(QStringLiteral("%1: now %2, yours %3")
                               .arg(change.owner.toHtmlEscaped(), amountText(now, change.currency),
                                    amountText(change.amountMinor, change.currency)));
        }
    }
    if (changed.isEmpty()) {
        return;
    }
    m_changed->setText(QStringLiteral("Another manager changed these quotas while you edited them: %1.<br>"
                                      "Your amounts are kept below: Save keeps yours, Cancel keeps theirs.")
                           .arg(changed.join(QStringLiteral("; "))));
    m_changed->show();
}

void QuotasDialog::accept()
{
    // A typing slip keeps the dialog open with what was typed.
    if (Result<std::vector<ReportService::QuotaChange>> read = changes(); !read) {
        QMessageBox::warning(this, QStringLiteral("Quotas"), read.error().message);
        return;
    }
    QDialog::accept();
}

} // namespace dealboard::gui
