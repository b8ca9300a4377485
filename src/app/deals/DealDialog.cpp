#include "deals/DealDialog.h"

#include "common/Numbers.h"
#include "common/Preferences.h"
#include "dealboard/Currency.h"
#include "dealboard/TextRules.h"
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
        m_loaded = deal;
        m_ui->titleEdit->setText(TextRules::shown(deal.title));
        m_ui->companyEdit->setText(TextRules::shown(deal.company));
        m_ui->contactEdit->setText(TextRules::shown(deal.contactName));
        m_ui->emailEdit->setText(TextRules::shown(deal.email));
        m_ui->phoneEdit->setText(TextRules::shown(deal.phone));
        m_ui->ownerCombo->setCurrentText(TextRules::shown(deal.owner));
        m_ui->valueEdit->setText(deal.value.minor > 0 ? Numbers::amountOnly(deal.value.minor, deal.value.currency)
                                                      : QString());
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

    const QString title = meant(m_loaded.title, m_ui->titleEdit->text()).trimmed();
    const QString company = meant(m_loaded.company, m_ui->companyEdit->text());
    const QString contact = meant(m_loaded.contactName, m_ui->contactEdit->text());
    const QString phone = meant(m_loaded.phone, m_ui->phoneEdit->text());
    const QString owner = meant(m_loaded.owner, m_ui->ownerCombo->currentText());
    // A written-out character kept in an edited field stands for itself, and
    // can't be saved: said under the title, naming the field and the marker.
    QString hidden;
    const std::tuple<const char*, const QString*, const QString*> texts[] = {
        {"The title", &title, &m_loaded.title},           {"The organization", &company, &m_loaded.company},
        {"The contact", &contact, &m_loaded.contactName}, {"The phone", &phone, &m_loaded.phone},
        {"The owner", &owner, &m_loaded.owner},
    };
    for (const auto& [name, text, stored] : texts) {
        const std::optional<qsizetype> at = *text != *stored ? TextRules::forbiddenAt(*text, false) : std::nullopt;
        if (at && hidden.isEmpty()) {
            hidden = QStringLiteral("%1 holds the invisible character %2 (shown as <%2>), which can't be "
                                    "saved. Delete <%2> to save your change.")
                         .arg(QLatin1String(name), TextRules::codePointAt(*text, *at));
        }
    }
    show(m_ui->titleProblem, title.isEmpty() ? QStringLiteral("Every deal needs a title.") : hidden);
    valid = valid && !title.isEmpty() && hidden.isEmpty();
    fields.title = title;

    const QString email = meant(m_loaded.email, m_ui->emailEdit->text()).trimmed();
    const bool emailOk = email.isEmpty() || email.contains(QLatin1Char('@'));
    QString emailProblem = emailOk ? QString() : QStringLiteral("This is not an email address (it has no '@').");
    if (const std::optional<qsizetype> at
        = email != m_loaded.email ? TextRules::forbiddenAt(email, false) : std::nullopt) {
        emailProblem = QStringLiteral("The email holds the invisible character %1 (shown as <%1>), which "
                                      "can't be saved. Delete <%1> to save your change.")
                           .arg(TextRules::codePointAt(email, *at));
    }
    show(m_ui->emailProblem, emailProblem);
    valid = valid && emailProblem.isEmpty();

    // The value is read with the decimals of its currency (JPY none, BHD three);
    // a code outside ISO 4217 only when the deal already had it.
    const QString currency = m_ui->currencyCombo->currentText().trimmed().toUpper();
    const Result<QString> checked = checkCurrency(currency);
    const QString valueText = m_ui->valueEdit->text().trimmed();
    if (!checked && currency != m_loaded.value.currency) {
        show(m_ui->valueProblem, checked.error().message);
        valid = false;
    } else if (valueText.isEmpty()) {
        fields.valueMinor = 0;
        show(m_ui->valueProblem, QString());
    } else if (const Result<std::int64_t> value = Numbers::parseAmount(valueText, currency)) {
        fields.valueMinor = value.value();
        show(m_ui->valueProblem, QString());
    } else {
        show(m_ui->valueProblem, value.error().message);
        valid = false;
    }
    if (!valid) {
        return std::nullopt;
    }
    fields.company = company;
    fields.contactName = contact;
    fields.email = email;
    fields.phone = phone;
    fields.owner = owner;
    fields.currency = currency;
    fields.expectedClose = m_ui->closeDateCheck->isChecked() ? m_ui->closeDateEdit->date() : QDate();
    fields.willing = m_ui->willingCheck->isChecked();
    fields.need = m_ui->needCheck->isChecked();
    fields.budget = m_ui->budgetCheck->isChecked();
    const int percent = m_ui->probabilitySpin->value();
    fields.probabilityPercent = percent >= 0 ? std::optional<int>(percent) : std::nullopt;
    return fields;
}

QString DealDialog::meant(const QString& stored, const QString& typed) const
{
    return TextRules::unshown(stored, typed);
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
