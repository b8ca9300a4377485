// The board's toolbar: new deal, search and the filters, "My deals" on a
// team's server, and the pipeline's totals.
#include "MainWindow.h"
#include "board/BoardModel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QToolBar>

namespace dealboard::gui {

namespace {

constexpr int SearchDelayMs = 120;

} // namespace

void MainWindow::buildToolbar(QAction* newDeal)
{
    QToolBar* toolbar = addToolBar(QStringLiteral("Board"));
    toolbar->setObjectName(QStringLiteral("boardToolbar"));
    toolbar->setMovable(false);
    toolbar->addAction(newDeal);
    // The details pane, also opened by Enter or a double-click on a card.
    m_showDetails->setIconText(QStringLiteral("Details"));
    m_showDetails->setObjectName(QStringLiteral("showDetailsAction"));
    toolbar->addAction(m_showDetails);
    toolbar->addSeparator();
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
    m_activityView = new QComboBox(toolbar);
    m_activityView->setObjectName(QStringLiteral("activityFilter"));
    m_activityView->addItem(QStringLiteral("Any next activity"), static_cast<int>(ActivityView::All));
    m_activityView->addItem(QStringLiteral("No next activity"), static_cast<int>(ActivityView::NoNextActivity));
    m_activityView->addItem(QStringLiteral("Overdue activity"), static_cast<int>(ActivityView::Overdue));
    m_activityView->setToolTip(QStringLiteral("Show the deals that need a next step"));
    toolbar->addWidget(m_activityView);
    connect(m_activityView, &QComboBox::currentIndexChanged, this,
            [this] { m_board->setActivityView(static_cast<ActivityView>(m_activityView->currentData().toInt())); });
    connect(m_segment, &QComboBox::currentIndexChanged, this, [this] {
        if (Result<void> done = m_board->setSegment(m_segment->currentData().toString()); !done) {
            report(done.error());
        }
    });
    auto* spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    m_summary = new QLabel(toolbar);
    m_summary->setObjectName(QStringLiteral("pipelineSummary"));
    m_summary->setContentsMargins(0, 0, 8, 0);
    toolbar->addWidget(m_summary);

    // Typing filters after a short pause, so a fast typist's burst is filtered once.
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(SearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { m_board->setSearchText(m_search->text()); });
    connect(m_owner, &QComboBox::currentIndexChanged, this,
            [this] { m_board->setOwner(m_owner->currentIndex() <= 0 ? QString() : m_owner->currentText()); });
    connect(m_owner, &QComboBox::currentIndexChanged, this, [this] {
        const QSignalBlocker blocker(m_myDeals);
        m_myDeals->setChecked(m_owner->currentIndex() > 0 && m_owner->currentText() == m_service.reads().team().user);
    });
}

} // namespace dealboard::gui
