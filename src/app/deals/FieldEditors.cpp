#include "deals/FieldEditors.h"

#include "common/ShownText.h"

#include <QComboBox>
#include <QLineEdit>

namespace dealboard::gui {

QWidget* makeFieldEditor(const CustomField& field, const QString& stored, QWidget* parent)
{
    QWidget* editor = nullptr;
    if (field.type == FieldType::Choice || field.type == FieldType::YesNo) {
        auto* box = new QComboBox(parent);
        box->addItem(QStringLiteral("(none)"), QString());
        if (field.type == FieldType::YesNo) {
            box->addItem(QStringLiteral("Yes"), QStringLiteral("yes"));
            box->addItem(QStringLiteral("No"), QStringLiteral("no"));
        } else {
            for (const QString& choice : field.choices) {
                box->addItem(shownText(choice), choice);
            }
        }
        box->setCurrentIndex(std::max(0, box->findData(stored)));
        editor = box;
    } else {
        auto* line = new QLineEdit(CustomFields::written(field, stored), parent);
        line->setPlaceholderText(CustomFields::example(field));
        line->setMaxLength(CustomFields::MaxValueLength + 40);
        editor = line;
    }
    editor->setObjectName(QStringLiteral("field_%1").arg(field.key));
    editor->setAccessibleName(shownText(field.name));
    editor->setToolTip(QStringLiteral("%1: %2").arg(shownText(field.name), CustomFields::example(field)));
    return editor;
}

QString typedIn(const QWidget* editor)
{
    if (const auto* box = qobject_cast<const QComboBox*>(editor)) {
        return box->currentData().toString();
    }
    if (const auto* line = qobject_cast<const QLineEdit*>(editor)) {
        return line->text();
    }
    return {};
}

void setTyped(QWidget* editor, const QString& typed)
{
    if (auto* box = qobject_cast<QComboBox*>(editor)) {
        box->setCurrentIndex(std::max(0, box->findData(typed)));
    } else if (auto* line = qobject_cast<QLineEdit*>(editor)) {
        line->setText(typed);
    }
}

void onEdited(QWidget* editor, QObject* context, const std::function<void()>& changed)
{
    if (auto* box = qobject_cast<QComboBox*>(editor)) {
        QObject::connect(box, &QComboBox::currentIndexChanged, context, [changed](int) { changed(); });
    } else if (auto* line = qobject_cast<QLineEdit*>(editor)) {
        QObject::connect(line, &QLineEdit::textChanged, context, [changed](const QString&) { changed(); });
    }
}

QStringList keepTheirFields(DealFields& facts, const Deal& asked, const Deal& now, const CustomFields& fields)
{
    QStringList kept;
    std::erase_if(facts.setFields, [&](const std::pair<QString, QString>& set) {
        const std::optional<CustomField> field = fields.byKey(set.first);
        if (!field || fieldValueOf(asked.fieldValues, field->id) == fieldValueOf(now.fieldValues, field->id)) {
            return false;
        }
        kept << shownText(field->name);
        return true;
    });
    return kept;
}

} // namespace dealboard::gui
