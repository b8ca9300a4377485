#include "BoardFilters.h"

#include "StatusLine.h"
#include "board/BoardMemory.h"
#include "board/BoardModel.h"
#include "common/Numbers.h"
#include "common/ShownText.h"
#include "dealboard/TextRules.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace dealboard::gui {

namespace {

constexpr int SearchDelayMs = 120;

} // namespace

BoardFilters::BoardFilters(Pipeline& service, BoardModel& board, StatusLine& status, QWidget* window)
    : QObject(window)
    , m_service(service)
    , m_board(board)
    , m_status(status)
    , m_showLost(new QAction(QStringLiteral("Show &lost deals"), window))
{
    m_showLost->setObjectName(QStringLiteral("showLostAction"));
    m_showLost->setCheckable(true);
    connect(m_showLost, &QAction::toggled, &m_board, &BoardModel::setShowLost);
}

void BoardFilters::addTo(QToolBar* toolbar)
{
    m_search = new QLineEdit(toolbar);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(QStringLiteral("Search title, company or contact (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(240);
    toolbar->addWidget(m_search);
    m_owner = new QComboBox(toolbar);
    m_owner->setObjectName(QStringLiteral("ownerFilter"));
    m_owner->setMinimumWidth(140);
    m_owner->setToolTip(QStringLiteral("Show one owner's deals"));
    toolbar->addWidget(m_owner);
    // On a team's server: one click to the signed-in rep's own deals.
    m_myDeals = toolbar->addAction(QStringLiteral("My deals"));
    m_myDeals->setObjectName(QStringLiteral("myDealsAction"));
    m_myDeals->setCheckable(true);
    m_myDeals->setVisible(m_service.reads().team().isTeam);
    m_myDeals->setToolTip(
        QStringLiteral("Show only the deals of %1, who is signed in").arg(m_service.reads().team().user));
    connect(m_myDeals, &QAction::toggled, this, [this](bool mine) {
        const QString user = m_service.reads().team().user;
        if (mine && m_owner->findText(user) < 0) {
            m_owner->addItem(user);
        }
        m_owner->setCurrentIndex(mine ? m_owner->findText(user) : 0);
    });
    auto* lostBox = new QCheckBox(QStringLiteral("Lost deals"), toolbar);
    lostBox->setToolTip(QStringLiteral("View → Show lost deals"));
    connect(lostBox, &QCheckBox::toggled, m_showLost, &QAction::setChecked);
    connect(m_showLost, &QAction::toggled, lostBox, &QCheckBox::setChecked);
    toolbar->addWidget(lostBox);
    m_segment = new QComboBox(toolbar);
    m_segment->setObjectName(QStringLiteral("segmentFilter"));
    m_segment->setMinimumWidth(130);
    m_segment->setToolTip(QStringLiteral("Show the deals of one segment (a tag of the organization or person)"));
    toolbar->addWidget(m_segment);
    m_field = new QComboBox(toolbar);
    m_field->setObjectName(QStringLiteral("fieldFilter"));
    m_field->setMinimumWidth(130);
    m_field->setToolTip(QStringLiteral("Show the deals whose custom field holds one value"));
    m_field->setAccessibleName(QStringLiteral("Custom field filter"));
    toolbar->addWidget(m_field);
    connect(m_field, &QComboBox::currentIndexChanged, this, [this] {
        const QStringList chosen = m_field->currentData().toStringList();
        m_board.setFieldFilter(chosen.value(0), chosen.value(1));
    });
    connect(&m_board, &BoardModel::stageRulesChanged, this, &BoardFilters::updateFields);
    updateFields();
    m_activityView = new QComboBox(toolbar);
    m_activityView->setObjectName(QStringLiteral("activityFilter"));
    m_activityView->addItem(QStringLiteral("Any next activity"), static_cast<int>(ActivityView::All));
    m_activityView->addItem(QStringLiteral("No next activity"), static_cast<int>(ActivityView::NoNextActivity));
    m_activityView->addItem(QStringLiteral("Overdue activity"), static_cast<int>(ActivityView::Overdue));
    m_activityView->setToolTip(QStringLiteral("Show the deals that need a next step"));
    toolbar->addWidget(m_activityView);
    connect(m_activityView, &QComboBox::currentIndexChanged, this,
            [this] { m_board.setActivityView(static_cast<ActivityView>(m_activityView->currentData().toInt())); });
    connect(m_segment, &QComboBox::currentIndexChanged, this, [this] {
        if (Result<void> done = m_board.setSegment(m_segment->currentData().toString()); !done) {
            m_status.report(done.error());
        }
    });

    // Typing filters after a short pause, so a fast typist's burst is filtered once.
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(SearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { m_board.setSearchText(m_search->text()); });
    connect(m_owner, &QComboBox::currentIndexChanged, this, [this] { m_board.setOwner(owner()); });
    connect(m_owner, &QComboBox::currentIndexChanged, this, [this] {
        const QSignalBlocker blocker(m_myDeals);
        m_myDeals->setChecked(m_owner->currentIndex() > 0 && m_owner->currentText() == m_service.reads().team().user);
    });
}

QWidget* BoardFilters::withNote(QWidget* board)
{
    m_note = new QFrame;
    m_note->setObjectName(QStringLiteral("filterNote"));
    m_note->setStyleSheet(QStringLiteral("QFrame#filterNote { background: #fff8e1; border-bottom: 1px solid "
                                         "#e6d28f; }"));
    m_noteText = new QLabel(m_note);
    m_noteText->setObjectName(QStringLiteral("filterNoteText"));
    m_noteText->setTextFormat(Qt::PlainText); // the search is the rep's own text
    // However long the search, the note never widens the window.
    m_noteText->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto* clearButton = new QPushButton(QStringLiteral("Clear filters"), m_note);
    clearButton->setObjectName(QStringLiteral("clearFiltersButton"));
    connect(clearButton, &QPushButton::clicked, this, &BoardFilters::clear);
    auto* row = new QHBoxLayout(m_note);
    row->setContentsMargins(12, 4, 12, 4);
    row->addWidget(m_noteText, 1);
    row->addWidget(clearButton);
    m_note->hide();
    connect(&m_board, &BoardModel::totalsChanged, this, &BoardFilters::updateNote);

    auto* area = new QWidget;
    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_note);
    layout->addWidget(board, 1);
    return area;
}

void BoardFilters::updateNote()
{
    const BoardFilter& filter = m_board.filter();
    if (!filter.narrows()) {
        m_note->hide();
        return;
    }
    QStringList what;
    if (!filter.search.isEmpty()) {
        // A pasted page is named by its start.
        constexpr qsizetype Shown = 60;
        const QString typed = m_search->text().trimmed();
        const qsizetype cut = typed.size() > Shown && typed.at(Shown - 1).isHighSurrogate() ? Shown - 1 : Shown;
        what << QStringLiteral("search \u201c%1\u201d")
                    .arg(typed.size() > Shown ? TextRules::shown(typed.left(cut)) + QStringLiteral("\u2026")
                                              : TextRules::shown(typed));
    }
    if (!filter.owner.isEmpty()) {
        what << QStringLiteral("owner %1").arg(TextRules::shown(filter.owner));
    }
    if (!filter.segment.isEmpty()) {
        what << QStringLiteral("segment %1").arg(TextRules::shown(filter.segment));
    }
    if (!filter.fieldKey.isEmpty()) {
        what << m_field->currentText(); // "Lead source: Web"
    }
    if (filter.activity != ActivityView::All) {
        what << m_activityView->currentText().toLower();
    }
    const int total = m_board.unfilteredDeals();
    const QString count = m_board.isLoading()
        ? QStringLiteral("Filtered while all %L1 deals are read").arg(m_board.totalDeals())
        : QStringLiteral("Showing %1 of %2 %3")
              .arg(Numbers::count(m_board.shownDeals()), Numbers::count(total),
                   total == 1 ? QStringLiteral("deal") : QStringLiteral("deals"));
    m_noteText->setText(QStringLiteral("%1 · %2").arg(count, what.join(QStringLiteral(", "))));
    m_note->show();
}

QStringList BoardFilters::owners() const
{
    QStringList owners = m_board.owners();
    for (const TeamMember& member : m_teamMembers) {
        if (!owners.contains(member.name)) {
            owners << member.name;
        }
    }
    owners.sort(Qt::CaseInsensitive);
    return owners;
}

void BoardFilters::showOwners(const QStringList& owners)
{
    // The first time, the owner the rep had chosen when the board closed.
    const QString wanted = m_owner->count() == 0 ? m_owner->property("restoreOwner").toString() : owner();
    QSignalBlocker blocker(m_owner);
    m_owner->clear();
    m_owner->addItem(QStringLiteral("All owners"));
    m_owner->addItems(owners);
    const int index = wanted.isEmpty() ? 0 : m_owner->findText(wanted);
    m_owner->setCurrentIndex(std::max(index, 0));
    m_board.setOwner(index > 0 ? wanted : QString());
}

QString BoardFilters::owner() const
{
    return m_owner->currentIndex() <= 0 ? QString() : m_owner->currentText();
}

void BoardFilters::updateSegments()
{
    Result<std::vector<Segment>> segments = m_service.contacts().segments();
    if (!segments) {
        m_status.report(segments.error());
        return;
    }
    // The first time, the segment the rep had chosen when the board closed.
    const QString current = m_segment->count() == 0 ? m_segment->property("restoreSegment").toString()
                                                    : m_segment->currentData().toString();
    QSignalBlocker blocker(m_segment);
    m_segment->clear();
    m_segment->addItem(QStringLiteral("All segments"), QString());
    for (const Segment& segment : segments.value()) {
        if (segment.organizations + segment.people > 0) {
            m_segment->addItem(shownText(segment.tag), segment.tag);
        }
    }
    const int index = m_segment->findData(current);
    m_segment->setCurrentIndex(std::max(0, index));
    if (index > 0) {
        (void)m_board.setSegment(current);
    } else if (!current.isEmpty()) {
        (void)m_board.setSegment(QString());
    }
}

void BoardFilters::updateFields()
{
    const QStringList current = m_field->currentData().toStringList();
    QSignalBlocker blocker(m_field);
    m_field->clear();
    m_field->addItem(QStringLiteral("Any field value"), QStringList());
    for (const CustomField& field : m_board.stageRules().fields().fields()) {
        QStringList values;
        if (field.type == FieldType::Choice) {
            values = field.choices;
        } else if (field.type == FieldType::YesNo) {
            values = {QStringLiteral("yes"), QStringLiteral("no")};
        } else {
            continue;
        }
        for (const QString& value : values) {
            m_field->addItem(QStringLiteral("%1: %2").arg(shownText(field.name), CustomFields::shown(field, value)),
                             QStringList {field.key, value});
        }
        m_field->addItem(QStringLiteral("%1: none").arg(shownText(field.name)), QStringList {field.key, QString()});
    }
    const int index = m_field->findData(current);
    m_field->setCurrentIndex(std::max(0, index));
    m_field->setVisible(m_field->count() > 1);
    if (index <= 0 && !current.isEmpty()) {
        m_board.setFieldFilter(QString(), QString()); // its field or value is gone
    }
}

void BoardFilters::clear()
{
    m_searchDelay->stop();
    m_search->clear();
    m_board.setSearchText(QString());
    m_owner->setCurrentIndex(0);
    m_segment->setCurrentIndex(0);
    m_field->setCurrentIndex(0);
    m_activityView->setCurrentIndex(0);
    m_status.notify(QStringLiteral("Showing every deal again."));
}

void BoardFilters::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

void BoardFilters::restore(const BoardView& view)
{
    m_showLost->setChecked(view.showLost);
    m_search->setText(view.search);
    m_board.setSearchText(view.search);
    m_owner->setProperty("restoreOwner", view.owner);
    m_segment->setProperty("restoreSegment", view.segment);
    m_activityView->setCurrentIndex(std::max(0, m_activityView->findData(view.activity)));
}

void BoardFilters::save(BoardView& view) const
{
    view.search = m_search->text();
    view.owner = owner();
    view.segment = m_segment->currentData().toString();
    view.activity = m_activityView->currentData().toInt();
    view.showLost = m_showLost->isChecked();
}

} // namespace dealboard::gui
