#include "activities/ActivitiesDialog.h"

#include "activities/ActivityFlow.h"
#include "board/BoardStyle.h"
#include "common/ColumnMemory.h"
#include "common/ShownText.h"

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

ActivitiesDialog::ActivitiesDialog(Pipeline& service, const Deal& deal, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_deal(deal)
{
    setObjectName(QStringLiteral("activitiesDialog"));
    setWindowTitle(QStringLiteral("Activities: %1").arg(shownText(deal.title)));
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
    ColumnMemory::restore(m_table);
    connect(this, &QDialog::finished, this, [this] { ColumnMemory::save(m_table); });
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
            = {due, activityKindName(a.kind), shownText(a.subject), shownText(a.personName),
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
