#include "contacts/ContactForm.h"

#include "common/Tables.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace dealboard::gui {

ContactForm::ContactForm(const QString& title, const QStringList& labels, const QStringList& values, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("contactForm"));
    setWindowTitle(title);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        auto* edit = new QLineEdit(values.value(i));
        edit->setObjectName(QStringLiteral("contactField%1").arg(i));
        edit->setMinimumWidth(320);
        m_fields << edit;
        form->addRow(labels[i], edit);
    }
    layout->addLayout(form);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QStringList ContactForm::values() const
{
    QStringList result;
    for (const QLineEdit* edit : m_fields) {
        result << edit->text();
    }
    return result;
}

} // namespace dealboard::gui
