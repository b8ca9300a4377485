#pragma once

#include "dealboard/CustomFields.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace dealboard::gui {

// A manager's custom fields (Edit › Custom fields…): one row per field with
// its name, whether cards show it and from which point of the pipeline a
// deal needs it; a new field's key, name, type and choices below. A field's
// key, type and choices stay as they were made. Save checks what the service
// checks and keeps the dialog open, saying what is wrong.
class CustomFieldsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CustomFieldsDialog)

public:
    CustomFieldsDialog(const CustomFields& fields, QWidget* parent = nullptr);

    // The fields as the manager left them (new ones with id 0).
    CustomFields fields() const;
    // Why the last save was refused (by a change elsewhere, say), above the buttons.
    void showProblem(const QString& problem);

private:
    void addRow(const CustomField& field);
    void addField();
    void removeSelected();
    void trySave();
    // Why the fields can't be saved; empty when they can.
    QString problem() const;

    std::vector<CustomField> m_rows; // in the table's order: key, type and choices
    QTableWidget* m_table = nullptr;
    QLineEdit* m_key = nullptr;
    QLineEdit* m_name = nullptr;
    QComboBox* m_type = nullptr;
    QLineEdit* m_choices = nullptr;
    QLabel* m_problem = nullptr;
};

} // namespace dealboard::gui
