#include "deals/DealDialog.h"

#include "common/Numbers.h"
#include "common/Preferences.h"
#include "ui_DealDialog.h"

#include <QPushButton>

namespace dealboard::gui {

DealDialog::DealDialog(const Deal* existing, const QStringList& owners, const QDate& today, Save save, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::DealDialog>())
    , m_save(std::move(save))
{
    m_ui->setupUi(this);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &DealDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &DealDialog::reject);
    setObjectName(QStringLiteral("dealDialog"));
    setWindowTitle(existing ? QStringLiteral("Edit deal") : QStringLiteral("New deal"));
    m_ui->ownerCombo->addItems(owners);
    m_ui->currencyCombo->addItems({QStringLiteral("EUR"), QStringLiteral("USD"), QStringLiteral("GBP"),
                                   QStringLiteral("CHF"), QStringLiteral("JPY")});
    for (QLabel* problem : {m_ui->titleProblem, m_ui->emailProblem, m_ui->valueProblem, m_ui->saveProblem}) {
        problem->setTextFormat(Qt::PlainText); // messages quote what the rep typed
        problem->hide();
    }
    m_ui->closeDateEdit->setDate(today.addDays(30));
    m_ui->closeDateEdit->setEnabled(false);
    connect(m_ui->closeDateCheck, &QCheckBox::toggled, m_ui->closeDateEdit, &QWidget::setEnabled);

    if (existing) {
        const Deal& deal = *existing;
        m_ui->titleEdit->setText(deal.title);
        m_ui->companyEdit->setText(deal.company);
        m_ui->contactEdit->setText(deal.contactName);
        m_ui->emailEdit->setText(deal.email);
        m_ui->phoneEdit->setText(deal.phone);
        m_ui->ownerCombo->setCurrentText(deal.owner);
        m_ui->valueEdit->setText(deal.value.minor > 0 ? Numbers::amountOnly(deal.value.minor) : QString());
        m_ui->currencyCombo->setCurrentText(deal.value.currency);
        m_ui->closeDateCheck->setChecked(deal.expectedClose.isValid());
        if (deal.expectedClose.isValid()) {
            m_ui->closeDateEdit->setDate(deal.expectedClose);
        }
        m_ui->probabilitySpin->setValue(deal.probabilityPercent.value_or(-1));
        m_ui->willingCheck->setChecked(deal.qualification.willing);
        m_ui->needCheck->setChecked(deal.qualification.need);
        m_ui->budgetCheck->setChecked(deal.qualification.budget);
    } else {
        m_ui->ownerCombo->setCurrentText(Preferences::newDealOwner());
        m_ui->currencyCombo->setCurrentText(Preferences::newDealCurrency());
    }
    // Re-check a field as soon as it is edited, so an explained problem goes away when fixed.
    connect(m_ui->titleEdit, &QLineEdit::textEdited, this, [this] { (void)fields(); });
    connect(m_ui->valueEdit, &QLineEdit::textEdited, this, [this] { (void)fields(); });
    connect(m_ui->emailEdit, &QLineEdit::textEdited, this, [this] { (void)fields(); });
    m_ui->titleEdit->setFocus();
    // As tall as the fields need; a problem shown later grows the form.
    layout()->setSizeConstraint(QLayout::SetMinimumSize);
    resize(width(), sizeHint().height());
}

DealDialog::~DealDialog() = default;

std::optional<DealFields> DealDialog::fields()
{
    DealFields fields;
    bool valid = true;
    auto show = [](QLabel* label, const QString& problem) {
        label->setText(problem);
        label->setVisible(!problem.isEmpty());
    };

    const QString title = m_ui->titleEdit->text().trimmed();
    show(m_ui->titleProblem, title.isEmpty() ? QStringLiteral("Every deal needs a title.") : QString());
    valid = valid && !title.isEmpty();
    fields.title = title;

    const QString email = m_ui->emailEdit->text().trimmed();
    const bool emailOk = email.isEmpty() || email.contains(QLatin1Char('@'));
    show(m_ui->emailProblem, emailOk ? QString() : QStringLiteral("This is not an email address (it has no '@')."));
    valid = valid && emailOk;

    const QString valueText = m_ui->valueEdit->text().trimmed();
    if (valueText.isEmpty()) {
        fields.valueMinor = 0;
        show(m_ui->valueProblem, QString());
    } else if (const Result<std::int64_t> value = Numbers::parseAmount(valueText)) {
        fields.valueMinor = value.value();
        show(m_ui->valueProblem, QString());
    } else {
        show(m_ui->valueProblem, value.error().message);
        valid = false;
    }
    const QString currency = m_ui->currencyCombo->currentText().trimmed().toUpper();
    if (!isValidCurrency(currency)) {
        show(m_ui->valueProblem,
             QStringLiteral("'%1' is not a currency code; use three letters such as EUR.").arg(currency));
        valid = false;
    }
    if (!valid) {
        return std::nullopt;
    }
    fields.company = m_ui->companyEdit->text();
    fields.contactName = m_ui->contactEdit->text();
    fields.email = email;
    fields.phone = m_ui->phoneEdit->text();
    fields.owner = m_ui->ownerCombo->currentText();
    fields.currency = currency;
    fields.expectedClose = m_ui->closeDateCheck->isChecked() ? m_ui->closeDateEdit->date() : QDate();
    fields.willing = m_ui->willingCheck->isChecked();
    fields.need = m_ui->needCheck->isChecked();
    fields.budget = m_ui->budgetCheck->isChecked();
    const int percent = m_ui->probabilitySpin->value();
    fields.probabilityPercent = percent >= 0 ? std::optional<int>(percent) : std::nullopt;
    return fields;
}

void DealDialog::accept()
{
    m_ui->saveProblem->hide();
    const std::optional<DealFields> entered = fields();
    if (!entered) {
        return;
    }
    if (std::optional<Error> refused = m_save(*entered)) {
        m_ui->saveProblem->setText(refused->message);
        m_ui->saveProblem->show();
        return;
    }
    QDialog::accept();
}

} // namespace dealboard::gui
