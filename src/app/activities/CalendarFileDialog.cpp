#include "activities/CalendarFileDialog.h"

#include "activities/CalendarKeeper.h"
#include "common/FileDialogs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace dealboard::gui {

namespace {

const QString EveryOwner = QStringLiteral("Everyone's");

} // namespace

CalendarFileDialog::CalendarFileDialog(CalendarKeeper& keeper, const QStringList& owners, const QString& suggestedOwner,
                                       QWidget* parent)
    : QDialog(parent)
    , m_keeper(keeper)
    , m_keep(new QCheckBox(QStringLiteral("&Keep my activities in a calendar file"), this))
    , m_path(new QLineEdit(this))
    , m_owner(new QComboBox(this))
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("calendarFileDialog"));
    setWindowTitle(QStringLiteral("Calendar file"));
    m_keep->setObjectName(QStringLiteral("keepCalendar"));
    m_path->setObjectName(QStringLiteral("calendarPath"));
    m_path->setPlaceholderText(QStringLiteral("a .ics file a calendar application subscribes to"));
    m_owner->setObjectName(QStringLiteral("calendarOwner"));
    m_owner->setEditable(true);
    m_owner->addItem(EveryOwner);
    m_owner->addItems(owners);
    m_problem->setObjectName(QStringLiteral("calendarProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    const auto& kept = keeper.setting();
    m_keep->setChecked(kept.has_value());
    m_path->setText(kept ? kept->path : QDir::home().filePath(QStringLiteral("dealboard-activities.ics")));
    const QString owner = kept ? kept->owner : suggestedOwner;
    m_owner->setCurrentText(owner.isEmpty() ? EveryOwner : owner);

    auto* choose = new QPushButton(QStringLiteral("&Choose…"), this);
    choose->setObjectName(QStringLiteral("chooseCalendarFile"));
    connect(choose, &QPushButton::clicked, this, [this] {
        const QString path
            = FileDialogs::askCalendarFile(this, QStringLiteral("Keep activities in"), m_path->text().trimmed());
        if (!path.isEmpty()) {
            m_path->setText(path);
        }
    });
    auto* file = new QHBoxLayout;
    file->addWidget(m_path, 1);
    file->addWidget(choose);
    auto* form = new QFormLayout;
    auto* fileLabel = new QLabel(QStringLiteral("&File:"), this);
    fileLabel->setBuddy(m_path);
    form->addRow(fileLabel, file);
    form->addRow(QStringLiteral("&Activities of:"), m_owner);
    const auto enable = [this, choose](bool on) {
        m_path->setEnabled(on);
        choose->setEnabled(on);
        m_owner->setEnabled(on);
    };
    connect(m_keep, &QCheckBox::toggled, this, enable);
    enable(m_keep->isChecked());
    auto* hint = new QLabel(QStringLiteral("DealBoard writes the file again whenever activities change, yours or a "
                                           "teammate's, while the board is open. Subscribe to it in your calendar "
                                           "application."),
                            this);
    hint->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_keep);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());
}

void CalendarFileDialog::refuse(const QString& why, QWidget* where)
{
    m_problem->setText(why);
    m_problem->show();
    where->setFocus();
}

void CalendarFileDialog::accept()
{
    if (!m_keep->isChecked()) {
        m_keeper.stop();
        QDialog::accept();
        return;
    }
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        refuse(QStringLiteral("Choose the file to keep the activities in."), m_path);
        return;
    }
    const QString owner = m_owner->currentText().trimmed();
    const Result<int> kept = m_keeper.keep(
        {QDir::cleanPath(QDir::current().absoluteFilePath(path)), owner == EveryOwner ? QString() : owner});
    if (!kept) {
        refuse(QStringLiteral("%1 Choose another file.").arg(kept.error().message), m_path);
        return;
    }
    QDialog::accept();
}

} // namespace dealboard::gui
