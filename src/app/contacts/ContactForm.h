#pragma once

#include "dealboard/Pipeline.h"

#include <QDialog>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStandardItemModel;
class QTableView;
class QTableWidget;

namespace dealboard::gui {

// Add or edit one organization or person: every field as a line of text,
// tags separated by commas.
class ContactForm final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactForm)

public:
    ContactForm(const QString& title, const QStringList& labels, const QStringList& values, QWidget* parent = nullptr);
    QStringList values() const;
    QLineEdit* field(int index) const { return m_fields.at(index); }

private:
    QList<QLineEdit*> m_fields;
};

} // namespace dealboard::gui
