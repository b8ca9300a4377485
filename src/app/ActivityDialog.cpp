#include "ActivityDialog.h"

#include "BoardStyle.h"

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

namespace {

// Runs `save` unconfirmed; a touch too soon asks the rep, and runs it again
// confirmed when they say so. False when nothing was saved.
template<typename T> bool saveAsking(QWidget* parent, const std::function<Result<T>(bool)>& save)
{
    Result<T> saved = save(false);
    if (!saved && saved.error().code == ErrorCode::TooFrequent) {
        QMessageBox ask(QMessageBox::Warning, QStringLiteral("Contact too soon"), saved.error().message,
                        QMessageBox::Cancel, parent);
        ask.setObjectName(QStringLiteral("contactTooSoon"));
        ask.setTextFormat(Qt::PlainText);
        QPushButton* anyway = ask.addButton(QStringLiteral("Save anyway"), QMessageBox::AcceptRole);
        anyway->setObjectName(QStringLiteral("saveAnyway"));
        ask.setDefaultButton(QMessageBox::Cancel);
        ask.exec();
        if (ask.clickedButton() != anyway) {
            return false;
        }
        saved = save(true);
    }
    if (!saved) {
        QMessageBox failed(QMessageBox::Warning, QStringLiteral("Activity not saved"), saved.error().message,
                           QMessageBox::Ok, parent);
        failed.setObjectName(QStringLiteral("activityNotSaved"));
        failed.setTextFormat(Qt::PlainText);
        failed.exec();
        return false;
    }
    return true;
}

} // namespace

bool ActivityFlow::plan(QWidget* parent, Pipeline& service, const Deal& deal)
{
    ActivityFields initial;
    initial.dealId = deal.id;
    initial.kind = ActivityKind::Call;
    initial.dueDate = QDate::currentDate();
    ActivityDialog dialog(QStringLiteral("Plan activity"),
                          QStringLiteral("For <b>%1</b>%2")
                              .arg(deal.title.toHtmlEscaped(),
                                   deal.contactName.isEmpty()
                                       ? QString()
                                       : QStringLiteral(" with %1").arg(deal.contactName.toHtmlEscaped())),
                          initial, false, parent);
    if (dialog.exec() != QDialog::Accepted) {
        return false;
    }
    const ActivityFields fields = dialog.fields();
    return saveAsking<Activity>(
        parent, [&service, &fields](bool confirmed) { return service.activities().plan(fields, confirmed); });
}

bool ActivityFlow::complete(QWidget* parent, Pipeline& service, const Activity& activity)
{
    ActivityFields initial;
    initial.dealId = activity.dealId;
    initial.kind = activity.kind;
    initial.dueDate = QDate::currentDate().addDays(3);
    ActivityDialog dialog(QStringLiteral("Done: plan the next activity"),
                          QStringLiteral("<b>%1</b> is done. What is the next step on <b>%2</b>?")
                              .arg(activity.subject.toHtmlEscaped(), activity.dealTitle.toHtmlEscaped()),
                          initial, true, parent);
    const int answer = dialog.exec();
    if (answer == QDialog::Rejected) {
        return false;
    }
    std::optional<ActivityFields> next;
    if (answer != ActivityDialog::SkipResult) {
        next = dialog.fields();
    }
    return saveAsking<std::optional<Activity>>(parent, [&service, &activity, &next](bool confirmed) {
        return service.activities().complete(activity.id, next, confirmed);
    });
}

ActivitiesDialog::ActivitiesDialog(Pipeline& service, const Deal& deal, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_deal(deal)
{
    setObjectName(QStringLiteral("activitiesDialog"));
    setWindowTitle(QStringLiteral("Activities: %1").arg(deal.title));
    auto* layout = new QVBoxLayout(this);
    m_table = new QTableWidget(0, 5);
    m_table->setObjectName(QStringLiteral("activitiesTable"));
    m_table->setHorizontalHeaderLabels({QStringLiteral("Due"), QStringLiteral("Type"), QStringLiteral("Subject"),
                                        QStringLiteral("Person"), QStringLiteral("Done")});
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    layout->addWidget(m_table);
    auto* buttons = new QHBoxLayout;
    auto* plan = new QPushButton(QStringLiteral("&Plan activity…"));
    plan->setObjectName(QStringLiteral("planActivity"));
    auto* done = new QPushButton(QStringLiteral("Mark &done…"));
    done->setObjectName(QStringLiteral("markDone"));
    auto* close = new QPushButton(QStringLiteral("Close"));
    buttons->addWidget(plan);
    buttons->addWidget(done);
    buttons->addStretch();
    buttons->addWidget(close);
    layout->addLayout(buttons);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    connect(plan, &QPushButton::clicked, this, [this] {
        if (ActivityFlow::plan(this, m_service, m_deal)) {
            reload();
        }
    });
    connect(done, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0 || row >= static_cast<int>(m_activities.size()) || m_activities[row].done) {
            return;
        }
        if (ActivityFlow::complete(this, m_service, m_activities[row])) {
            reload();
        }
    });
    reload();
    resize(640, 360);
}

void ActivitiesDialog::reload()
{
    ActivityFilter filter;
    filter.dealId = m_deal.id;
    Result<std::vector<Activity>> activities = m_service.activities().list(filter);
    m_activities = activities ? activities.value() : std::vector<Activity> {};
    // Open ones first (soonest first), then what was done (latest first).
    std::stable_partition(m_activities.begin(), m_activities.end(), [](const Activity& a) { return !a.done; });
    const auto firstDone
        = std::find_if(m_activities.begin(), m_activities.end(), [](const Activity& a) { return a.done; });
    std::reverse(firstDone, m_activities.end());
    m_table->setRowCount(static_cast<int>(m_activities.size()));
    const QDateTime now = QDateTime::currentDateTime();
    for (int row = 0; row < static_cast<int>(m_activities.size()); ++row) {
        const Activity& a = m_activities[row];
        QString due = a.dueDate.toString(Qt::ISODate);
        if (a.dueTime.isValid()) {
            due += QLatin1Char(' ') + a.dueTime.toString(QStringLiteral("HH:mm"));
        }
        const QStringList cells
            = {due, activityKindName(a.kind), a.subject, a.personName,
               a.done ? a.doneAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString()};
        NextActivity next;
        next.dueDate = a.dueDate;
        next.dueTime = a.dueTime;
        const NextActivityState state = a.done ? NextActivityState::Planned : nextActivityState(next, now);
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            if (state == NextActivityState::Overdue) {
                item->setForeground(BoardStyle::activityOverdue());
            } else if (state == NextActivityState::Today) {
                item->setForeground(BoardStyle::activityToday());
            } else if (a.done) {
                item->setForeground(BoardStyle::mutedText());
            }
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    if (!m_activities.empty()) {
        m_table->selectRow(0);
    }
}

} // namespace dealboard::gui
