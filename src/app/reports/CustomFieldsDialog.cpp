#include "reports/CustomFieldsDialog.h"

#include "common/ProblemLine.h"
#include "common/ShownText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dealboard::gui {

namespace {

enum Column { KeyColumn, NameColumn, TypeColumn, CardColumn, NeededColumn, ColumnCount };

// "Nowhere", then "To enter <stage>" and "To leave <stage>" for each stage.
QComboBox* neededBox(const CustomField& field, QWidget* parent)
{
    auto* box = new QComboBox(parent);
    box->addItem(QStringLiteral("Nowhere"), QString());
    for (Stage stage : AllStages) {
        if (stage != Stage::Prospecting) { // every new deal starts there
            box->addItem(QStringLiteral("To enter %1").arg(stageName(stage)),
                         QStringLiteral("enter:") + stageSlug(stage));
        }
        if (stage != Stage::Retention) {
            box->addItem(QStringLiteral("To leave %1").arg(stageName(stage)),
                         QStringLiteral("leave:") + stageSlug(stage));
        }
    }
    if (field.neededFrom) {
        const QString point = (field.neededToLeave ? QStringLiteral("leave:") : QStringLiteral("enter:"))
            + stageSlug(*field.neededFrom);
        box->setCurrentIndex(std::max(0, box->findData(point)));
    }
    return box;
}

} // namespace

CustomFieldsDialog::CustomFieldsDialog(const CustomFields& fields, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("customFieldsDialog"));
    setWindowTitle(QStringLiteral("Custom fields"));
    auto* intro = new QLabel(QStringLiteral("Facts your team keeps on every deal besides the built-in ones. A rep "
                                            "fills them in the deal's details; a field needed from a stage on "
                                            "holds the move until it is filled in."),
                             this);
    intro->setWordWrap(true);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("fieldsTable"));
    m_table->setHorizontalHeaderLabels({QStringLiteral("Key"), QStringLiteral("Name"), QStringLiteral("Type"),
                                        QStringLiteral("On cards"), QStringLiteral("Needed")});
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(TypeColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(NeededColumn, QHeaderView::ResizeToContents);
    m_table->setWordWrap(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    for (const CustomField& field : fields.fields()) {
        addRow(field);
    }
    auto* remove = new QPushButton(QStringLiteral("&Remove field"), this);
    remove->setObjectName(QStringLiteral("removeFieldButton"));
    connect(remove, &QPushButton::clicked, this, &CustomFieldsDialog::removeSelected);

    auto* adding = new QGroupBox(QStringLiteral("New field"), this);
    auto* form = new QFormLayout(adding);
    m_key = new QLineEdit(adding);
    m_key->setObjectName(QStringLiteral("newFieldKey"));
    m_key->setPlaceholderText(QStringLiteral("lead_source: what scripts and CSV columns use"));
    m_name = new QLineEdit(adding);
    m_name->setObjectName(QStringLiteral("newFieldName"));
    m_name->setPlaceholderText(QStringLiteral("Lead source"));
    m_type = new QComboBox(adding);
    m_type->setObjectName(QStringLiteral("newFieldType"));
    for (const QString& slug : fieldTypeSlugs()) {
        m_type->addItem(slug, slug);
    }
    m_choices = new QLineEdit(adding);
    m_choices->setObjectName(QStringLiteral("newFieldChoices"));
    m_choices->setPlaceholderText(QStringLiteral("web, referral, event (a choice field's list)"));
    auto* add = new QPushButton(QStringLiteral("&Add field"), adding);
    add->setObjectName(QStringLiteral("addFieldButton"));
    connect(add, &QPushButton::clicked, this, &CustomFieldsDialog::addField);
    add->setDefault(true); // Enter in the new field's lines adds it; Save is a click
    form->addRow(QStringLiteral("&Key:"), m_key);
    form->addRow(QStringLiteral("&Name:"), m_name);
    form->addRow(QStringLiteral("&Type:"), m_type);
    form->addRow(QStringLiteral("&Choices:"), m_choices);
    form->addRow(QString(), add);

    m_problem = problemLine(this, QStringLiteral("fieldsEditorProblem"));
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    m_problem->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    buttons->button(QDialogButtonBox::Save)->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &CustomFieldsDialog::trySave);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table);
    auto* row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(remove);
    layout->addLayout(row);
    layout->addWidget(adding);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(860, 540);
}

void CustomFieldsDialog::showProblem(const QString& problem)
{
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

void CustomFieldsDialog::addRow(const CustomField& field)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* key = new QTableWidgetItem(field.key);
    key->setFlags(key->flags() & ~Qt::ItemIsEditable);
    m_table->setItem(row, KeyColumn, key);
    m_table->setItem(row, NameColumn, new QTableWidgetItem(shownText(field.name)));
    QString type = fieldTypeSlug(field.type);
    if (!field.choices.isEmpty()) {
        type += QStringLiteral(": ") + field.choices.join(QStringLiteral(", "));
    }
    auto* typeItem = new QTableWidgetItem(type);
    typeItem->setFlags(typeItem->flags() & ~Qt::ItemIsEditable);
    m_table->setItem(row, TypeColumn, typeItem);
    auto* card = new QCheckBox(m_table);
    card->setChecked(field.onCard);
    card->setAccessibleName(QStringLiteral("Show %1 on cards").arg(shownText(field.name)));
    m_table->setCellWidget(row, CardColumn, card);
    m_table->setCellWidget(row, NeededColumn, neededBox(field, m_table));
    m_rows.push_back(field);
}

void CustomFieldsDialog::addField()
{
    CustomField field;
    field.key = m_key->text().trimmed();
    field.name = m_name->text().trimmed();
    field.type = fieldTypeFromSlug(m_type->currentData().toString()).value_or(FieldType::Text);
    if (!m_choices->text().trimmed().isEmpty()) {
        for (const QString& choice : m_choices->text().split(QLatin1Char(','))) {
            field.choices << choice.trimmed();
        }
    }
    QString why = CustomFields::whyNot(field);
    for (const CustomField& row : m_rows) {
        if (why.isEmpty() && row.key == field.key) {
            why = QStringLiteral("There is already a field with the key %1; choose another key.").arg(field.key);
        }
    }
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    if (!why.isEmpty()) {
        return;
    }
    addRow(field);
    m_key->clear();
    m_name->clear();
    m_choices->clear();
    m_key->setFocus();
}

void CustomFieldsDialog::removeSelected()
{
    const int row = m_table->currentRow();
    if (row < 0) {
        return;
    }
    m_table->removeRow(row);
    m_rows.erase(m_rows.begin() + row);
}

CustomFields CustomFieldsDialog::fields() const
{
    std::vector<CustomField> fields;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        CustomField field = m_rows[static_cast<std::size_t>(row)];
        const QString name = m_table->item(row, NameColumn)->text();
        if (name != shownText(field.name)) {
            field.name = name.trimmed();
        }
        field.position = row + 1;
        field.onCard = qobject_cast<QCheckBox*>(m_table->cellWidget(row, CardColumn))->isChecked();
        const QString point
            = qobject_cast<QComboBox*>(m_table->cellWidget(row, NeededColumn))->currentData().toString();
        field.neededFrom = point.isEmpty() ? std::nullopt : stageFromSlug(point.section(QLatin1Char(':'), 1));
        field.neededToLeave = point.startsWith(QLatin1String("leave:"));
        fields.push_back(std::move(field));
    }
    CustomFields all;
    all.setFields(std::move(fields));
    return all;
}

QString CustomFieldsDialog::problem() const
{
    const CustomFields wanted = fields();
    int onCards = 0;
    for (const CustomField& field : wanted.fields()) {
        if (const QString why = CustomFields::whyNot(field); !why.isEmpty()) {
            return why;
        }
        onCards += field.onCard ? 1 : 0;
    }
    if (onCards > CustomFields::MaxOnCard) {
        return QStringLiteral("Cards show at most %1 custom fields; take one off the cards.")
            .arg(CustomFields::MaxOnCard);
    }
    if (wanted.fields().size() > std::size_t(CustomFields::MaxFields)) {
        return QStringLiteral("A pipeline holds at most %1 custom fields.").arg(CustomFields::MaxFields);
    }
    return {};
}

void CustomFieldsDialog::trySave()
{
    // A field typed in and not added yet is added with the save.
    if (!m_key->text().trimmed().isEmpty() || !m_name->text().trimmed().isEmpty()) {
        addField();
        if (m_problem->isVisible()) {
            return;
        }
    }
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    if (why.isEmpty()) {
        accept();
    }
}

} // namespace dealboard::gui
