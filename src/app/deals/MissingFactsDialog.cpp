#include "deals/MissingFactsDialog.h"

#include "board/BoardStyle.h"
#include "common/Numbers.h"
#include "common/ProblemLine.h"
#include "common/ShownText.h"
#include "dealboard/TransitionEngine.h"
#include "deals/FieldEditors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace dealboard::gui {

MissingFactsDialog::MissingFactsDialog(const Deal& deal, Stage target, const std::vector<Requirement>& unmet,
                                       const QDate& today, QWidget* parent, const Result<StageRules>& rules)
    : QDialog(parent)
    , m_unmet(unmet)
    , m_currency(deal.value.currency)
{
    setObjectName(QStringLiteral("missingFactsDialog"));
    setWindowTitle(QStringLiteral("Move to %1").arg(stageName(target)));
    auto has = [&unmet](Requirement requirement) {
        return std::find(unmet.begin(), unmet.end(), requirement) != unmet.end();
    };

    auto* intro = new QLabel(QStringLiteral("<b>%1</b> can move to <b>%2</b> once these are confirmed:")
                                 .arg(shownText(deal.title).toHtmlEscaped(), stageName(target)),
                             this);
    intro->setObjectName(QStringLiteral("missingFactsIntro"));
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    if (has(Requirement::Title)) {
        m_title = new QLineEdit(this);
        m_title->setObjectName(QStringLiteral("titleEdit"));
        m_title->setPlaceholderText(QStringLiteral("What is being sold"));
        form->addRow(QStringLiteral("Title:"), m_title);
        connect(m_title, &QLineEdit::textChanged, this, &MissingFactsDialog::updateOk);
    }
    auto addCheck = [this, form](Requirement requirement, const char* name, const QString& text, const QString& help) {
        auto* check = new QCheckBox(text, this);
        check->setObjectName(QString::fromLatin1(name));
        check->setToolTip(help);
        form->addRow(QString(), check);
        connect(check, &QCheckBox::toggled, this, &MissingFactsDialog::updateOk);
        Q_UNUSED(requirement);
        return check;
    };
    if (has(Requirement::Willing)) {
        m_willing = addCheck(Requirement::Willing, "willingCheck", QStringLiteral("The prospect is willing to buy"),
                             QStringLiteral("They said they want to buy, not just look."));
    }
    if (has(Requirement::Need)) {
        m_need = addCheck(Requirement::Need, "needCheck", QStringLiteral("The need is proven"),
                          QStringLiteral("A real problem our offer solves has been confirmed."));
    }
    if (has(Requirement::Budget)) {
        m_budget = addCheck(Requirement::Budget, "budgetCheck", QStringLiteral("The budget is confirmed"),
                            QStringLiteral("Money for this purchase exists and has been confirmed."));
    }
    if (has(Requirement::Value)) {
        m_value = new QLineEdit(this);
        m_value->setObjectName(QStringLiteral("valueEdit"));
        m_value->setPlaceholderText(QStringLiteral("e.g. 12500.00"));
        m_valueProblem = new QLabel(this);
        m_valueProblem->setObjectName(QStringLiteral("valueProblem"));
        m_valueProblem->setStyleSheet(QStringLiteral("color: %1;").arg(BoardStyle::overdue().name()));
        m_valueProblem->setWordWrap(true);
        m_valueProblem->setTextFormat(Qt::PlainText);
        m_valueProblem->hide();
        auto* row = new QHBoxLayout;
        row->addWidget(m_value, 1);
        row->addWidget(new QLabel(m_currency, this));
        form->addRow(QStringLiteral("Deal value:"), row);
        form->addRow(QString(), m_valueProblem);
        connect(m_value, &QLineEdit::textChanged, this, &MissingFactsDialog::updateOk);
    }
    if (has(Requirement::CloseDate)) {
        m_closeDate = new QDateEdit(today.addDays(30), this);
        m_closeDate->setObjectName(QStringLiteral("closeDateEdit"));
        m_closeDate->setCalendarPopup(true);
        m_closeDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        form->addRow(QStringLiteral("Expected close:"), m_closeDate);
    }
    if (has(Requirement::Contact)) {
        m_company = new QLineEdit(this);
        m_company->setObjectName(QStringLiteral("companyEdit"));
        m_company->setPlaceholderText(QStringLiteral("The buyer's organization"));
        m_company->setAccessibleName(QStringLiteral("Organization"));
        form->addRow(QStringLiteral("Organization:"), m_company);
        connect(m_company, &QLineEdit::textChanged, this, &MissingFactsDialog::updateOk);
    }
    if (has(Requirement::Activity)) {
        m_activityKind = new QComboBox(this);
        m_activityKind->setObjectName(QStringLiteral("activityKindCombo"));
        m_activityKind->setAccessibleName(QStringLiteral("Next activity's kind"));
        for (const auto& [kind, name] :
             {std::pair {ActivityKind::Call, "Call"}, std::pair {ActivityKind::Email, "Email"},
              std::pair {ActivityKind::Meeting, "Meeting"}, std::pair {ActivityKind::Task, "Task"}}) {
            m_activityKind->addItem(QString::fromLatin1(name), static_cast<int>(kind));
        }
        m_activitySubject = new QLineEdit(this);
        m_activitySubject->setObjectName(QStringLiteral("activitySubjectEdit"));
        m_activitySubject->setPlaceholderText(QStringLiteral("e.g. Walk through the offer"));
        m_activitySubject->setAccessibleName(QStringLiteral("Next activity"));
        m_activitySubject->setMinimumWidth(200);
        m_activityDue = new QDateEdit(today.addDays(1), this);
        m_activityDue->setObjectName(QStringLiteral("activityDueEdit"));
        m_activityDue->setCalendarPopup(true);
        m_activityDue->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        m_activityDue->setAccessibleName(QStringLiteral("Next activity's due date"));
        auto* row = new QHBoxLayout;
        row->addWidget(m_activityKind);
        row->addWidget(m_activitySubject, 1);
        row->addWidget(m_activityDue);
        form->addRow(QStringLiteral("Next activity:"), row);
        connect(m_activitySubject, &QLineEdit::textChanged, this, &MissingFactsDialog::updateOk);
    }
    const Result<StagePlan> plans = rules ? Result<StagePlan>(rules.value().plan()) : rules.error();
    if (has(Requirement::Plan) && plans) {
        for (const PlanStep& step : plans.value().untickedBetween(deal.stage, target, deal.planTicks)) {
            auto* check = new QCheckBox(shownText(step.text), this);
            check->setObjectName(QStringLiteral("planStep_%1").arg(step.id));
            check->setToolTip(QStringLiteral("Step %1 of %2's plan, required to move on.")
                                  .arg(plans.value().numberOf(step.id))
                                  .arg(stageName(step.stage)));
            form->addRow(QStringLiteral("%1's plan:").arg(stageName(step.stage)), check);
            connect(check, &QCheckBox::toggled, this, &MissingFactsDialog::updateOk);
            m_steps.emplace_back(check, step.id);
        }
    }
    if (has(Requirement::Field) && rules) {
        for (const CustomField& field : TransitionEngine::missingFields(deal, target, rules.value())) {
            QWidget* editor = makeFieldEditor(field, QString(), this);
            form->addRow(QStringLiteral("%1:").arg(shownText(field.name)), editor);
            onEdited(editor, this, [this] { updateOk(); });
            m_fields.emplace_back(editor, field);
        }
        m_fieldProblem = problemLine(this, QStringLiteral("fieldProblem"));
        m_fieldProblem->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
        m_fieldProblem->hide();
        form->addRow(QString(), m_fieldProblem);
    }

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Save and move"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_changed = new QLabel(this);
    m_changed->setObjectName(QStringLiteral("changedMeanwhile"));
    m_changed->setWordWrap(true);
    m_changed->setTextFormat(Qt::PlainText);
    m_changed->setStyleSheet(QStringLiteral("QLabel { background: #fff4d6; border: 1px solid #c9a227; "
                                            "border-radius: 3px; padding: 4px; }"));
    m_changed->hide();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_changed);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    setMinimumWidth(400);
    updateOk();
}

void MissingFactsDialog::updateOk()
{
    bool complete = true;
    if (m_title && m_title->text().trimmed().isEmpty()) {
        complete = false;
    }
    for (QCheckBox* check : {m_willing, m_need, m_budget}) {
        if (check && !check->isChecked()) {
            complete = false;
        }
    }
    for (const auto& [check, step] : m_steps) {
        if (!check->isChecked()) {
            complete = false;
        }
    }
    for (QLineEdit* needed : {m_company, m_activitySubject}) {
        if (needed && needed->text().trimmed().isEmpty()) {
            complete = false;
        }
    }
    // Each field filled in and written as its type asks; the first fault said.
    QString fieldProblem;
    for (const auto& [editor, field] : m_fields) {
        const Result<QString> value = CustomFields::canonical(field, typedIn(editor));
        if (!value || value.value().isEmpty()) {
            complete = false;
        }
        if (!value && fieldProblem.isEmpty()) {
            fieldProblem = value.error().message;
        }
    }
    if (m_fieldProblem
        && (fieldProblem != m_fieldProblem->text() || fieldProblem.isEmpty() == m_fieldProblem->isVisible())) {
        m_fieldProblem->setText(fieldProblem);
        m_fieldProblem->setVisible(!fieldProblem.isEmpty());
        growToContent();
    }
    if (m_value) {
        const QString text = m_value->text().trimmed();
        const Result<std::int64_t> parsed = Numbers::parseAmount(text, m_currency);
        QString problem;
        if (text.isEmpty()) {
            complete = false;
        } else if (!parsed) {
            problem = parsed.error().message;
        } else if (parsed.value() <= 0) {
            problem = QStringLiteral("The value must be above zero.");
        }
        if (!problem.isEmpty()) {
            complete = false;
        }
        if (problem != m_valueProblem->text() || problem.isEmpty() == m_valueProblem->isVisible()) {
            m_valueProblem->setText(problem);
            m_valueProblem->setVisible(!problem.isEmpty());
            growToContent();
        }
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete);
}

void MissingFactsDialog::growToContent()
{
    // A wrapped line needs the height for its width: grow the form to it.
    if (layout() != nullptr) {
        layout()->activate();
        const int needed = layout()->totalHeightForWidth(width());
        if (needed > height()) {
            resize(width(), needed);
        }
    }
}

void MissingFactsDialog::showChangedMeanwhile(const QString& changed, const DealFields& entered)
{
    m_changed->setText(changed);
    m_changed->show();
    if (m_title && entered.title) {
        m_title->setText(*entered.title);
    }
    const std::pair<QCheckBox*, std::optional<bool>> boxes[]
        = {{m_willing, entered.willing}, {m_need, entered.need}, {m_budget, entered.budget}};
    for (const auto& [box, given] : boxes) {
        if (box && given) {
            box->setChecked(*given);
        }
    }
    for (const auto& [check, step] : m_steps) {
        check->setChecked(std::find(entered.tickSteps.begin(), entered.tickSteps.end(), step)
                          != entered.tickSteps.end());
    }
    for (const auto& [editor, field] : m_fields) {
        for (const auto& [key, typed] : entered.setFields) {
            if (key == field.key) {
                setTyped(editor, typed);
            }
        }
    }
    if (m_value && entered.valueMinor) {
        m_value->setText(Numbers::amountOnly(*entered.valueMinor, m_currency));
    }
    if (m_closeDate && entered.expectedClose && entered.expectedClose->isValid()) {
        m_closeDate->setDate(*entered.expectedClose);
    }
    if (m_company && entered.company) {
        m_company->setText(*entered.company);
    }
    if (m_activitySubject && entered.nextActivity) {
        m_activityKind->setCurrentIndex(m_activityKind->findData(static_cast<int>(entered.nextActivity->kind)));
        m_activitySubject->setText(entered.nextActivity->subject);
        m_activityDue->setDate(entered.nextActivity->dueDate);
    }
    updateOk();
    layout()->activate();
    resize(width(), std::max(height(), layout()->totalHeightForWidth(width())));
}

DealFields MissingFactsDialog::facts() const
{
    DealFields fields;
    if (m_title) {
        fields.title = m_title->text().trimmed();
    }
    if (m_willing) {
        fields.willing = m_willing->isChecked();
    }
    if (m_need) {
        fields.need = m_need->isChecked();
    }
    if (m_budget) {
        fields.budget = m_budget->isChecked();
    }
    if (m_value) {
        if (const Result<std::int64_t> parsed = Numbers::parseAmount(m_value->text().trimmed(), m_currency)) {
            fields.valueMinor = parsed.value();
        }
    }
    if (m_closeDate) {
        fields.expectedClose = m_closeDate->date();
    }
    if (m_company) {
        fields.company = m_company->text().trimmed();
    }
    for (const auto& [check, step] : m_steps) {
        if (check->isChecked()) {
            fields.tickSteps.push_back(step);
        }
    }
    for (const auto& [editor, field] : m_fields) {
        fields.setFields.emplace_back(field.key, typedIn(editor));
    }
    if (m_activitySubject) {
        NextActivity next;
        next.kind = static_cast<ActivityKind>(m_activityKind->currentData().toInt());
        next.subject = m_activitySubject->text().trimmed();
        next.dueDate = m_activityDue->date();
        fields.nextActivity = next;
    }
    return fields;
}

} // namespace dealboard::gui
