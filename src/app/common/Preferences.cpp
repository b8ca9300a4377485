#include "common/Preferences.h"

#include "dealboard/Currency.h"
#include "dealboard/Money.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QVBoxLayout>

namespace dealboard::gui {

namespace {

const QString CurrencyKey = QStringLiteral("preferences/newDealCurrency");
const QString OwnerKey = QStringLiteral("preferences/newDealOwner");

} // namespace

QString Preferences::newDealCurrency()
{
    const QString stored = QSettings().value(CurrencyKey).toString();
    return findCurrency(stored) ? stored : Money::defaultCurrency();
}

QString Preferences::newDealOwner()
{
    return QSettings().value(OwnerKey).toString();
}

Preferences::Preferences(QWidget* parent)
    : QDialog(parent)
    , m_currency(new QLineEdit(newDealCurrency(), this))
    , m_owner(new QLineEdit(newDealOwner(), this))
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(QStringLiteral("Preferences"));
    m_currency->setObjectName(QStringLiteral("newDealCurrency"));
    m_currency->setMaxLength(3);
    m_owner->setObjectName(QStringLiteral("newDealOwner"));
    m_owner->setPlaceholderText(QStringLiteral("nobody yet"));
    m_problem->setObjectName(QStringLiteral("preferencesProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->hide();
    auto* form = new QFormLayout;
    form->addRow(QStringLiteral("New deals' &currency:"), m_currency);
    form->addRow(QStringLiteral("New deals' &owner:"), m_owner);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
}

void Preferences::accept()
{
    const Result<QString> checked = checkCurrency(m_currency->text());
    if (!checked) {
        m_problem->setText(checked.error().message);
        m_problem->show();
        m_currency->setFocus();
        return;
    }
    const QString currency = checked.value();
    QSettings settings;
    settings.setValue(CurrencyKey, currency);
    settings.setValue(OwnerKey, m_owner->text().trimmed());
    QDialog::accept();
}

} // namespace dealboard::gui
