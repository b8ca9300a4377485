#include "MainWindow.h"

#include "board/BoardModel.h"
#include "board/BoardStyle.h"
#include "board/CardDelegate.h"
#include "board/DealListView.h"
#include "board/DealPane.h"
#include "board/StageColumn.h"
#include "common/ConnectionBanner.h"
#include "common/ShownText.h"
#include "contacts/AttentionView.h"
#include "contacts/ContactsView.h"
#include "dealboard/SystemUser.h"
#include "deals/DealActions.h"
#include "deals/DealFiles.h"
#include "reports/ForecastPanel.h"
#include "reports/ReportsView.h"
#include "undo/DealCommand.h"
#include "undo/MergeContactsCommand.h"
#include "window/BoardFilters.h"
#include "window/BoardSelection.h"
#include "window/DealMenu.h"
#include "window/DetailsSide.h"
#include "window/StatusLine.h"
#include "window/WindowActions.h"
#include "window/WindowState.h"
#include "window/WindowViews.h"

#include <QAction>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>
#include <spdlog/spdlog.h>

namespace dealboard::gui {

namespace {

constexpr int PollIntervalMs = 1000;
constexpr int FirstScreenful = 40; // cards per column before the rest is read
constexpr int ProgressiveFrom = 5000; // deals

} // namespace

MainWindow::MainWindow(Pipeline& service, QWidget* parent)
    : QMainWindow(parent)
    , m_service(service)
    , m_actor(systemUserName())
    , m_board(new BoardModel(service, this))
    , m_undo(new QUndoStack(this))
    , m_status(std::make_unique<StatusLine>(statusBar(), this))
    , m_filters(new BoardFilters(service, *m_board, *m_status, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("DealBoard"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/dealboard.svg")));
    DealCommand::setActor(m_actor);
    m_hooks = std::make_unique<DealActionHooks>(DealActionHooks {
        [this](const Error& error) { m_status->report(error); },
        [this](const QString& message) { m_status->notify(message); }, [this](DealId id) { selectDeal(id); },
        [this] { updateOwners(); }, [this](Stage stage, const QString& why) { column(stage)->showRefusal(why); },
        [this](const QList<DealId>& ids) { selectDeals(ids, true); }});
    m_dealActions = std::make_unique<DealActions>(m_service, *m_board, *m_undo, this, m_actor, *m_hooks);
    m_dealFiles = std::make_unique<DealFiles>(m_service, this, m_actor, *m_hooks);
    m_dealMenu = new DealMenu(*this, m_service, *m_dealActions, *m_status);
    m_actions = new WindowActions(*this, m_service, *m_dealActions, *m_dealFiles, *m_dealMenu, *m_filters, *m_status,
                                  *m_undo);
    m_actions->build();
    buildBoard();
    connect(m_board, &BoardModel::stallMarksChanged, this, [this] { reports()->setStallMarks(m_board->stallMarks()); });
    connect(reports(), &ReportsView::ratesRequested, findChild<QAction*>(QStringLiteral("ratesAction")),
            &QAction::trigger);
    // The Duplicates dialogs merge as one step of the window's Undo.
    const MergeContacts merge = [this](ContactType type, std::int64_t keep, std::int64_t other) {
        return MergeContactsCommand::push(
            *m_undo,
            std::make_unique<MergeContactsCommand>(m_service.contacts(), type, keep, other,
                                                   [this](const Error& error) { m_status->report(error); }));
    };
    organizations()->setMerge(merge);
    people()->setMerge(merge);
    m_service.reads().setWaitObserver([this] { m_status->showWaitingForWriter(); });

    connect(m_board, &BoardModel::dropRequested, this, &MainWindow::requestMove);
    connect(m_board, &BoardModel::totalsChanged, this, [this] {
        updateTotals();
        updateEmptyState();
    });
    connect(m_board, &BoardModel::reloaded, this, &MainWindow::updateOwners);
    connect(m_board, &BoardModel::dealUpdated, this, &MainWindow::followSelected);
    connect(m_board, &BoardModel::loadFinished, this,
            [this] { m_status->notify(QStringLiteral("All %L1 deals are on the board.").arg(m_board->totalDeals())); });
    connect(m_board, &BoardModel::dealGone, this, [this](DealId id) {
        if (m_selection->forget(id)) {
            m_details->update();
        }
    });

    auto* poll = new QTimer(this);
    poll->setInterval(PollIntervalMs);
    connect(poll, &QTimer::timeout, &m_service, &Pipeline::pollExternalChanges);
    poll->start();

    m_state->restore();
}

MainWindow::~MainWindow()
{
    m_service.reads().setWaitObserver({});
}

Result<void> MainWindow::load(bool progressively)
{
    // A big pipeline paints its first screenful at once and reads the rest
    // in the background (BoardModel::loadProgressively).
    Result<void> loaded = progressively ? m_board->loadProgressively(FirstScreenful, ProgressiveFrom) : m_board->load();
    if (!loaded) {
        return loaded;
    }
    if (Result<std::vector<TeamMember>> members = m_service.reads().teamMembers()) {
        m_filters->setTeamMembers(std::move(members.value()));
    }
    updateOwners();
    m_filters->updateSegments();
    updateEmptyState();
    updateActions();
    if (m_board->isLoading()) {
        m_status->say(QStringLiteral("Showing the newest deals of each stage; reading all %L1 deals…")
                          .arg(m_board->totalDeals()));
        // A scan of every deal: after the first paint, once the rest is read.
        connect(
            m_board, &BoardModel::loadFinished, this, [this] { m_status->reportDealsOutsideTheStages(m_service); },
            Qt::SingleShotConnection);
    } else {
        m_status->reportDealsOutsideTheStages(m_service);
    }
    // The day's snapshot of the forecast, once every deal is read (AccuracyService).
    const auto snapshot = [this] {
        if (Result<bool> taken = m_service.accuracy().takeDailySnapshot(); !taken) {
            spdlog::warn("The forecast's snapshot of today was not taken: {}", taken.error().message.toStdString());
        }
    };
    if (m_board->isLoading()) {
        connect(m_board, &BoardModel::loadFinished, this, snapshot, Qt::SingleShotConnection);
    } else {
        QTimer::singleShot(0, this, snapshot);
    }
    return {};
}

void MainWindow::buildBoard()
{
    auto* boardArea = new QWidget;
    boardArea->setObjectName(QStringLiteral("boardArea"));
    boardArea->setAutoFillBackground(true);
    QPalette palette = boardArea->palette();
    palette.setColor(QPalette::Window, BoardStyle::boardBackground());
    boardArea->setPalette(palette);
    auto* columns = new QHBoxLayout(boardArea);
    columns->setContentsMargins(8, 8, 8, 8);
    columns->setSpacing(6);
    auto* delegate = new CardDelegate([this] { return m_service.now(); }, m_board->stallMarks(), this);
    for (Stage stage : AllStages) {
        auto* column = new StageColumn(stage, *m_board, delegate, boardArea);
        m_columns[stageIndex(stage)] = column;
        columns->addWidget(column, 1);
        DealListView* view = column->view();
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this,
                [this, stage](const QPoint& position) { m_dealMenu->showCardMenu(stage, position); });
        connect(view, &DealListView::neighbourRequested, this,
                [this, stage](int direction) { m_selection->focusNeighbour(stage, direction); });
        connect(view, &DealListView::openRequested, this, &MainWindow::openDetails);
        connect(view, &DealListView::deleteRequested, this, [this] { m_dealMenu->deleteAction()->trigger(); });
        connect(view, &DealListView::lockedDragAttempted, this, [this](DealId id) {
            if (const std::optional<Deal> deal = m_board->deal(id)) {
                m_status->notify(m_service.reads().team().whyNotChange(deal->owner, quotedText(deal->title)));
            }
        });
        connect(column, &StageColumn::collapsedChanged, this,
                [this, column, boardArea] { columnCollapsed(column, boardArea); });
    }
    auto* scroll = new QScrollArea;
    m_selection = new BoardSelection(m_service, *m_board, m_columns, scroll, *m_status, this);
    scroll->setObjectName(QStringLiteral("boardScroll"));
    scroll->setWidget(boardArea);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus); // Tab reaches the cards, not the area around them
    scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    fitBoardWidth(boardArea);

    m_details
        = new DetailsSide(*this, m_service, *m_dealActions, *m_dealMenu, m_actions->showDetails(), *m_status, m_actor);
    connect(m_selection, &BoardSelection::currentChanged, m_details, &DetailsSide::update);
    connect(m_selection, &BoardSelection::changed, this, &MainWindow::updateActions);
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("boardSplitter"));
    splitter->addWidget(m_filters->withNote(scroll));
    splitter->addWidget(m_details->pane());
    splitter->setStretchFactor(0, 1);
    splitter->setCollapsible(0, false);

    auto* stack = new QStackedWidget;
    stack->setObjectName(QStringLiteral("boardStack"));
    stack->addWidget(buildEmptyState());
    stack->addWidget(splitter);

    m_views = std::make_unique<WindowViews>(m_service, stack, *m_status);
    connect(attention(), &AttentionView::dealActivated, this, [this](DealId id) {
        showReports(false);
        selectDeal(id);
    });
    connect(&m_service, &Pipeline::contactsChanged, m_filters, &BoardFilters::updateSegments);
    connect(&m_service, &Pipeline::dealsReset, m_filters, &BoardFilters::updateSegments);

    auto* central = new QWidget;
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(new ConnectionBanner(m_service));
    centralLayout->addWidget(tabs(), 1);
    setCentralWidget(central);
    m_state = std::make_unique<WindowState>(*this, m_service, splitter, m_actions->showDetails(), *m_filters);
}

QWidget* MainWindow::buildEmptyState()
{
    // Empty database: say so, and offer the two ways to start.
    auto* empty = new QWidget;
    empty->setObjectName(QStringLiteral("emptyState"));
    auto* emptyLayout = new QVBoxLayout(empty);
    emptyLayout->addStretch(2);
    auto* headline
        = new QLabel(QStringLiteral("<h2>Your pipeline is empty</h2>"
                                    "<p>Add your first deal, or load a sample pipeline to look around.</p>"));
    headline->setAlignment(Qt::AlignCenter);
    emptyLayout->addWidget(headline);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    auto* newButton = new QPushButton(QStringLiteral("New deal"));
    newButton->setObjectName(QStringLiteral("emptyNewDeal"));
    auto* sampleButton = new QPushButton(QStringLiteral("Load sample pipeline"));
    sampleButton->setObjectName(QStringLiteral("emptyLoadSample"));
    connect(newButton, &QPushButton::clicked, this, [this] { m_dealActions->create(); });
    connect(sampleButton, &QPushButton::clicked, this, [this] { m_dealActions->loadSample(); });
    buttons->addWidget(newButton);
    buttons->addWidget(sampleButton);
    buttons->addStretch();
    emptyLayout->addLayout(buttons);
    emptyLayout->addStretch(3);
    return empty;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_details->letsClose()) {
        event->ignore();
        return;
    }
    m_state->save();
    event->accept();
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    m_state->keepOnScreenWhenFramed();
}

QList<QAction*> MainWindow::shortcutActions() const
{
    return m_actions->shortcutActions();
}

ReportsView* MainWindow::reports() const
{
    return m_views->reports();
}

ForecastPanel* MainWindow::forecast() const
{
    return m_views->forecast();
}

QuotaPanel* MainWindow::quotas() const
{
    return m_views->quotas();
}

ContactsView* MainWindow::organizations() const
{
    return m_views->organizations();
}

ContactsView* MainWindow::people() const
{
    return m_views->people();
}

AttentionView* MainWindow::attention() const
{
    return m_views->attention();
}

QTabWidget* MainWindow::tabs() const
{
    return m_views->tabs();
}

QComboBox* MainWindow::segmentFilter() const
{
    return m_filters->segmentFilter();
}

QComboBox* MainWindow::activityFilter() const
{
    return m_filters->activityFilter();
}

void MainWindow::showReports(bool show)
{
    m_views->showReports(show);
}

std::optional<DealId> MainWindow::selectedDealId() const
{
    return m_selection->current();
}

QList<DealId> MainWindow::selectedDealIds() const
{
    return m_selection->ids();
}

void MainWindow::selectDeal(DealId id)
{
    m_selection->selectDeal(id);
}

void MainWindow::selectDeals(const QList<DealId>& ids, bool focus)
{
    m_selection->selectDeals(ids, focus);
}

void MainWindow::openDetails(DealId id)
{
    m_details->open(id);
}

DealPane* MainWindow::details() const
{
    return m_details->pane();
}

void MainWindow::requestMove(const QList<DealId>& ids, Stage target)
{
    hideRefusals();
    m_dealActions->move(ids, target);
}

void MainWindow::importFile(const QString& path)
{
    m_dealFiles->importFile(path);
}

void MainWindow::hideRefusals()
{
    for (StageColumn* stageColumn : m_columns) {
        stageColumn->hideRefusal();
    }
}

void MainWindow::updateEmptyState()
{
    m_views->board()->setCurrentIndex(m_board->dealCount() == 0 ? 0 : 1);
}

void MainWindow::updateTotals()
{
    for (StageColumn* column : m_columns) {
        column->updateTotals();
    }
    m_status->showTotals(*m_board);
}

void MainWindow::updateOwners()
{
    const QStringList owners = m_filters->owners();
    reports()->setOwners(owners);
    forecast()->setOwners(owners);
    m_filters->showOwners(owners);
}

void MainWindow::updateActions()
{
    m_dealMenu->update();
}

void MainWindow::followSelected(DealId id)
{
    if (m_selection->follow(id)) {
        m_details->update();
    }
    updateActions();
}

void MainWindow::fitBoardWidth(QWidget* boardArea)
{
    int width = 16;
    for (StageColumn* stageColumn : m_columns) {
        if (stageColumn != nullptr) {
            width += (stageColumn->isCollapsed() ? StageColumn::StripWidth : BoardStyle::ColumnMinimumWidth) + 6;
        }
    }
    boardArea->setMinimumWidth(width);
}

void MainWindow::columnCollapsed(StageColumn* stageColumn, QWidget* boardArea)
{
    auto* columns = static_cast<QHBoxLayout*>(boardArea->layout());
    columns->setStretchFactor(stageColumn, stageColumn->isCollapsed() ? 0 : 1);
    fitBoardWidth(boardArea);
    if (stageColumn->isCollapsed()) {
        m_selection->columnCollapsed(stageColumn);
    }
}

} // namespace dealboard::gui
