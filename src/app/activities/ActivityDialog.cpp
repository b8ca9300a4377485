#include "activities/ActivityDialog.h"

#include "activities/ActivitiesDialog.h"
#include "activities/ActivityFlow.h"
#include "board/BoardStyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace dealboard::gui {

ActivityDialog::ActivityDialog(const QString& title, const QString& intro, const ActivityFields& initial,
                               bool offerSkip, QWidget* parent)
    : QDialog(parent)
    , m_initial(initial)
{
    setObjectName(QStringLiteral("activityDialog"));
    setWindowTitle(title);
    auto* layout = new QVBoxLayout(this);
    if (!intro.isEmpty()) {
        auto* label = new QLabel(intro);
        label->setWordWrap(true);
        layout->addWidget(label);
    }
    auto* form = new QFormLayout;
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("activityKind"));
    for (ActivityKind kind : AllActivityKinds) {
        m_kind->addItem(activityKindName(kind), static_cast<int>(kind));
    }
    m_kind->setCurrentIndex(m_kind->findData(static_cast<int>(initial.kind)));
    form->addRow(QStringLiteral("&Type:"), m_kind);
    m_subject = new QLineEdit(initial.subject);
    m_subject->setObjectName(QStringLiteral("activitySubject"));
    m_subject->setPlaceholderText(QStringLiteral("What is it about, e.g. Send the proposal"));
    form->addRow(QStringLiteral("&Subject:"), m_subject);
    auto* when = new QHBoxLayout;
    m_date = new QDateEdit(initial.dueDate.isValid() ? initial.dueDate : QDate::currentDate());
    m_date->setObjectName(QStringLiteral("activityDate"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_timed = new QCheckBox(QStringLiteral("at"));
    m_timed->setObjectName(QStringLiteral("activityTimed"));
    m_timed->setChecked(initial.dueTime.isValid());
    m_time = new QTimeEdit(initial.dueTime.isValid() ? initial.dueTime : QTime(10, 0));
    m_time->setObjectName(QStringLiteral("activityTime"));
    m_time->setDisplayFormat(QStringLiteral("HH:mm"));
    m_time->setEnabled(m_timed->isChecked());
    connect(m_timed, &QCheckBox::toggled, m_time, &QWidget::setEnabled);
    when->addWidget(m_date, 1);
    when->addWidget(m_timed);
    when->addWidget(m_time);
    // A label with a buddy: a row of a layout would show the '&' literally.
    auto* dueLabel = new QLabel(QStringLiteral("&Due:"));
    dueLabel->setBuddy(m_date);
    form->addRow(dueLabel, when);
    m_notes = new QPlainTextEdit(initial.notes);
    m_notes->setObjectName(QStringLiteral("activityNotes"));
    m_notes->setFixedHeight(72);
    form->addRow(QStringLiteral("&Notes:"), m_notes);
    layout->addLayout(form);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Save"));
    if (offerSkip) {
        QPushButton* skip = buttons->addButton(QStringLiteral("No next activity"), QDialogButtonBox::DestructiveRole);
        skip->setObjectName(QStringLiteral("skipNextActivity"));
        connect(skip, &QPushButton::clicked, this, [this] { done(SkipResult); });
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_subject->setFocus();
    resize(440, sizeHint().height());
}

ActivityFields ActivityDialog::fields() const
{
    ActivityFields fields = m_initial;
    fields.kind = static_cast<ActivityKind>(m_kind->currentData().toInt());
    fields.subject = m_subject->text();
    fields.dueDate = m_date->date();
    fields.dueTime = m_timed->isChecked() ? m_time->time() : QTime();
    fields.notes = m_notes->toPlainText();
    return fields;
}

} // namespace dealboard::gui
