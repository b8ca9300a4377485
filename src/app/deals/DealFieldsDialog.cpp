#include "deals/DealFieldsDialog.h"

#include "common/ProblemLine.h"
#include "common/ShownText.h"
#include "deals/FieldEditors.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace dealboard::gui {

DealFieldsDialog::DealFieldsDialog(const Deal& deal, const CustomFields& fields, Save save, QWidget* parent)
    : QDialog(parent)
    , m_deal(deal)
    , m_save(std::move(save))
{
    setObjectName(QStringLiteral("dealFieldsDialog"));
    setWindowTitle(QStringLiteral("Fields of %1").arg(quotedText(deal.title)));
    auto* intro = new QLabel(
        QStringLiteral("Fill in what you know of %1; leave a field empty to clear it.").arg(quotedText(deal.title)),
        this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    for (const CustomField& field : fields.fields()) {
        QWidget* editor = makeFieldEditor(field, fieldValueOf(deal.fieldValues, field.id), this);
        QString label = QStringLiteral("%1:").arg(shownText(field.name));
        if (field.neededIn(deal.stage)) {
            editor->setToolTip(editor->toolTip() + QStringLiteral(" (needed in %1)").arg(stageName(deal.stage)));
            label = QStringLiteral("%1 *:").arg(shownText(field.name));
        }
        form->addRow(label, editor);
        m_editors.emplace_back(editor, field);
    }
    bool anyNeeded = false;
    for (const CustomField& field : fields.fields()) {
        anyNeeded = anyNeeded || field.neededIn(deal.stage);
    }
    if (anyNeeded) {
        form->addRow(QString(), new QLabel(QStringLiteral("* needed in %1").arg(stageName(deal.stage)), this));
    }
    m_problem = problemLine(this, QStringLiteral("fieldsProblem"));
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    m_problem->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &DealFieldsDialog::trySave);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

void DealFieldsDialog::trySave()
{
    std::vector<std::pair<QString, QString>> changed;
    for (const auto& [editor, field] : m_editors) {
        const QString typed = typedIn(editor);
        const QString stored = fieldValueOf(m_deal.fieldValues, field.id);
        // Unchanged when it reads as the stored value (or both are empty).
        const Result<QString> read = CustomFields::canonical(field, typed);
        if (read && read.value() == stored) {
            continue;
        }
        changed.emplace_back(field.key, typed);
    }
    if (changed.empty()) {
        accept();
        return;
    }
    if (const std::optional<QString> refused = m_save(changed)) {
        m_problem->setText(*refused);
        m_problem->show();
        return;
    }
    accept();
}

} // namespace dealboard::gui
