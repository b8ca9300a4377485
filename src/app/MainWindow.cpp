#include "MainWindow.h"

#include "ActivityDialog.h"
#include "BoardModel.h"
#include "BoardStyle.h"
#include "CardDelegate.h"
#include "ContactFrequencyDialog.h"
#include "ContactsView.h"
#include "DealDialog.h"
#include "FileDialogs.h"
#include "HelpDialogs.h"
#include "MissingFactsDialog.h"
#include "ReportsView.h"
#include "StageColumn.h"
#include "StageColumnModel.h"
#include "UndoCommands.h"
#include "dealboard/DealCsv.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/StoredTime.h"
#include "dealboard/TransitionEngine.h"

#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QFile>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <spdlog/spdlog.h>

namespace dealboard::gui {

namespace {

constexpr int SearchDelayMs = 120;
constexpr int PollIntervalMs = 1000;
constexpr int FirstScreenful = 40; // cards per column before the rest is read
constexpr int ProgressiveFrom = 5000; // deals

} // namespace

MainWindow::MainWindow(Pipeline& service, QWidget* parent)
    : QMainWindow(parent)
    , m_service(service)
    , m_board(new BoardModel(service, this))
    , m_delegate(new CardDelegate([&service] { return service.now(); }, this))
    , m_undo(new QUndoStack(this))
    , m_actor(QString::fromLocal8Bit(qgetenv("USER")))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("DealBoard"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/dealboard.svg")));
    DealCommand::setActor(m_actor);
    buildActions();
    buildBoard();
    m_service.reads().setWaitObserver([this] { showWaitingForWriter(); });

    connect(m_board, &BoardModel::dropRequested, this, &MainWindow::requestMove);
    connect(m_board, &BoardModel::totalsChanged, this, [this] {
        updateTotals();
        updateEmptyState();
    });
    connect(m_board, &BoardModel::reloaded, this, [this] {
        updateOwners();
        if (m_selected) {
            selectDeal(*m_selected);
        }
    });
    connect(m_board, &BoardModel::dealUpdated, this, [this](DealId id) {
        // Keep the selection on a deal that moved, here or in another process.
        if (m_selected == id) {
            selectDeal(id);
        }
        updateActions();
    });
    connect(m_board, &BoardModel::loadFinished, this,
            [this] { notify(QStringLiteral("All %L1 deals are on the board.").arg(m_board->totalDeals())); });
    connect(m_board, &BoardModel::dealGone, this, [this](DealId id) {
        if (m_selected == id) {
            m_selected.reset();
            updateDetails();
            updateActions();
        }
    });

    m_poll = new QTimer(this);
    m_poll->setInterval(PollIntervalMs);
    connect(m_poll, &QTimer::timeout, &m_service, &Pipeline::pollExternalChanges);
    m_poll->start();

    restoreSettings();
}

MainWindow::~MainWindow()
{
    m_service.reads().setWaitObserver({});
}

void MainWindow::showWaitingForWriter()
{
    // Called inside the blocked action: paint now, undo when the event loop runs again.
    statusBar()->showMessage(QStringLiteral("Waiting for another DealBoard to finish writing…"));
    statusBar()->repaint();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QTimer::singleShot(0, this, [this] {
        QApplication::restoreOverrideCursor();
        if (statusBar()->currentMessage().startsWith(QStringLiteral("Waiting for another DealBoard"))) {
            statusBar()->clearMessage();
        }
    });
}

Result<void> MainWindow::load(bool progressively)
{
    // A big pipeline paints its first screenful at once and reads the rest
    // in the background (BoardModel::loadProgressively).
    Result<void> loaded = progressively ? m_board->loadProgressively(FirstScreenful, ProgressiveFrom) : m_board->load();
    if (!loaded) {
        return loaded;
    }
    updateOwners();
    updateSegments();
    updateEmptyState();
    updateActions();
    if (m_board->isLoading()) {
        statusBar()->showMessage(QStringLiteral("Showing the newest deals of each stage; reading all %L1 deals…")
                                     .arg(m_board->totalDeals()));
    }
    if (m_board->isLoading()) {
        // A scan of every deal: after the first paint, once the rest is read.
        connect(m_board, &BoardModel::loadFinished, this, &MainWindow::reportDealsOutsideTheStages,
                Qt::SingleShotConnection);
    } else {
        reportDealsOutsideTheStages();
    }
    return {};
}

QList<QAction*> MainWindow::shortcutActions() const
{
    QList<QAction*> actions;
    for (QAction* menu : menuBar()->actions()) {
        if (menu->menu() != nullptr) {
            actions += menu->menu()->actions();
        }
    }
    return actions;
}

void MainWindow::reportDealsOutsideTheStages()
{
    if (const int strays = m_service.reads().dealsOutsideTheStages(); strays > 0) {
        spdlog::warn("{} deal(s) of {} have a stage or status DealBoard doesn't know", strays,
                     m_service.reads().path().toStdString());
        report(makeError(ErrorCode::NotADatabase,
                         QStringLiteral("%1 deal(s) have a stage or status DealBoard doesn't know; they are shown "
                                        "as open in Prospecting. 'dealboard-cli check' lists them.")
                             .arg(strays)));
    }
}

void MainWindow::buildActions()
{
    QMenu* file = menuBar()->addMenu(QStringLiteral("&File"));
    QAction* newDeal = file->addAction(QStringLiteral("&New deal…"), this, &MainWindow::newDeal);
    newDeal->setObjectName(QStringLiteral("newDealAction"));
    newDeal->setShortcut(QKeySequence::New);
    file->addAction(QStringLiteral("Load &sample pipeline"), this, &MainWindow::loadSample);
    file->addSeparator();
    file->addAction(QStringLiteral("&Import deals from CSV…"), this, &MainWindow::importDeals)
        ->setObjectName(QStringLiteral("importDealsAction"));
    file->addAction(QStringLiteral("&Export deals as CSV…"), this, &MainWindow::exportDeals)
        ->setObjectName(QStringLiteral("exportDealsAction"));
    file->addSeparator();
    QAction* quit = file->addAction(QStringLiteral("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(QStringLiteral("&Edit"));
    QAction* undo = m_undo->createUndoAction(this, QStringLiteral("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_undo->createRedoAction(this, QStringLiteral("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction* find = edit->addAction(QStringLiteral("&Find…"), this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    find->setShortcut(QKeySequence::Find);

    QMenu* deal = menuBar()->addMenu(QStringLiteral("&Deal"));
    m_edit = deal->addAction(QStringLiteral("&Edit…"), this, [this] {
        if (m_selected) {
            editDeal(*m_selected);
        }
    });
    m_moveNext = deal->addAction(QStringLiteral("Move to &next stage"), this, [this] { moveSelected(1); });
    m_moveNext->setObjectName(QStringLiteral("moveNextAction"));
    m_moveNext->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Right));
    m_movePrevious = deal->addAction(QStringLiteral("Move to &previous stage"), this, [this] { moveSelected(-1); });
    m_movePrevious->setObjectName(QStringLiteral("movePreviousAction"));
    m_movePrevious->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Left));
    deal->addSeparator();
    m_win = deal->addAction(QStringLiteral("Mark &won"), this, &MainWindow::winSelected);
    m_lose = deal->addAction(QStringLiteral("Mark &lost…"), this, &MainWindow::loseSelected);
    m_reopen = deal->addAction(QStringLiteral("&Reopen"), this, &MainWindow::reopenSelected);
    deal->addSeparator();
    m_planActivity = deal->addAction(QStringLiteral("Plan &activity…"), this, &MainWindow::planActivity);
    m_planActivity->setObjectName(QStringLiteral("planActivityAction"));
    m_planActivity->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_activities = deal->addAction(QStringLiteral("Activi&ties…"), this, &MainWindow::showActivities);
    m_activities->setObjectName(QStringLiteral("activitiesAction"));
    m_activities->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_followUp = deal->addAction(QStringLiteral("New &follow-up deal…"), this, &MainWindow::newFollowUp);
    m_followUp->setObjectName(QStringLiteral("followUpAction"));
    m_followUp->setToolTip(QStringLiteral("A cross-sell or up-sell deal for this won customer"));
    deal->addSeparator();
    QAction* frequency
        = deal->addAction(QStringLiteral("Contact &frequency…"), this, &MainWindow::editContactFrequency);
    frequency->setObjectName(QStringLiteral("contactFrequencyAction"));
    deal->addSeparator();
    m_delete = deal->addAction(QStringLiteral("&Delete…"), this, [this] {
        if (m_selected) {
            deleteDeal(*m_selected);
        }
    });

    QMenu* view = menuBar()->addMenu(QStringLiteral("&View"));
    m_showLost = view->addAction(QStringLiteral("Show &lost deals"));
    m_showLost->setObjectName(QStringLiteral("showLostAction"));
    m_showLost->setCheckable(true);
    connect(m_showLost, &QAction::toggled, m_board, &BoardModel::setShowLost);
    view->addSeparator();
    // The tabs in the order they stand, Ctrl+1 to Ctrl+5.
    QAction* boardTab = view->addAction(QStringLiteral("&Board"), this, [this] { showReports(false); });
    boardTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    int tabKey = Qt::Key_2;
    for (const QString& name :
         {QStringLiteral("&Organizations"), QStringLiteral("&People"), QStringLiteral("&Attention")}) {
        const int index = tabKey - Qt::Key_2 + 1;
        QAction* action = view->addAction(name, this, [this, index] { m_tabs->setCurrentIndex(index); });
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(tabKey++)));
    }
    QAction* reportsTab = view->addAction(QStringLiteral("&Reports"), this, [this] { showReports(true); });
    reportsTab->setObjectName(QStringLiteral("showReportsAction"));
    reportsTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    view->addSeparator();
    m_showDetails = view->addAction(QStringLiteral("Deal &details panel"));
    m_showDetails->setCheckable(true);
    m_showDetails->setShortcut(QKeySequence(Qt::Key_F9));

    QMenu* help = menuBar()->addMenu(QStringLiteral("&Help"));
    QAction* shortcuts = help->addAction(QStringLiteral("&Keyboard shortcuts"), this, [this] {
        ShortcutsDialog dialog(shortcutActions(), this);
        dialog.exec();
    });
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    QAction* about = help->addAction(QStringLiteral("&About DealBoard"), this, [this] {
        AboutDialog dialog(m_service.reads().path(), this);
        dialog.exec();
    });
    about->setObjectName(QStringLiteral("aboutAction"));

    QToolBar* toolbar = addToolBar(QStringLiteral("Board"));
    toolbar->setObjectName(QStringLiteral("boardToolbar"));
    toolbar->setMovable(false);
    toolbar->addAction(newDeal);
    toolbar->addSeparator();
    m_search = new QLineEdit(toolbar);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(QStringLiteral("Search title, company or contact (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(320);
    toolbar->addWidget(m_search);
    m_owner = new QComboBox(toolbar);
    m_owner->setObjectName(QStringLiteral("ownerFilter"));
    m_owner->setMinimumWidth(160);
    m_owner->setToolTip(QStringLiteral("Show one owner's deals"));
    toolbar->addWidget(m_owner);
    auto* lostBox = new QCheckBox(QStringLiteral("Lost deals"), toolbar);
    lostBox->setToolTip(QStringLiteral("View → Show lost deals"));
    connect(lostBox, &QCheckBox::toggled, m_showLost, &QAction::setChecked);
    connect(m_showLost, &QAction::toggled, lostBox, &QCheckBox::setChecked);
    toolbar->addWidget(lostBox);
    m_segment = new QComboBox(toolbar);
    m_segment->setObjectName(QStringLiteral("segmentFilter"));
    m_segment->setMinimumWidth(150);
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
    for (Stage stage : AllStages) {
        auto* column = new StageColumn(stage, *m_board, m_delegate, boardArea);
        m_columns[stageIndex(stage)] = column;
        columns->addWidget(column, 1);
        DealListView* view = column->view();
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this,
                [this, stage](const QPoint& position) { showCardMenu(stage, position); });
        connect(view, &DealListView::neighbourRequested, this,
                [this, stage](int direction) { focusNeighbour(stage, direction); });
        connect(view, &DealListView::openRequested, this, &MainWindow::editDeal);
        connect(view, &DealListView::deleteRequested, this, &MainWindow::deleteDeal);
        connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
                [this, view](const QModelIndex& current) {
                    if (!current.isValid()) {
                        return;
                    }
                    m_selected = current.data(StageColumnModel::DealIdRole).toLongLong();
                    for (StageColumn* other : m_columns) {
                        if (other->view() != view) {
                            other->view()->clearSelection();
                        }
                    }
                    updateDetails();
                    updateActions();
                });
    }
    auto* scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("boardScroll"));
    scroll->setWidget(boardArea);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    boardArea->setMinimumWidth(StageCount * (BoardStyle::ColumnMinimumWidth + 6) + 16);

    m_details = new QTextBrowser;
    m_details->setObjectName(QStringLiteral("dealDetails"));
    m_details->setMinimumWidth(240);
    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("boardSplitter"));
    m_splitter->addWidget(scroll);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setCollapsible(0, false);
    m_details->hide();
    connect(m_showDetails, &QAction::toggled, m_details, &QWidget::setVisible);

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
    connect(newButton, &QPushButton::clicked, this, &MainWindow::newDeal);
    connect(sampleButton, &QPushButton::clicked, this, &MainWindow::loadSample);
    buttons->addWidget(newButton);
    buttons->addWidget(sampleButton);
    buttons->addStretch();
    emptyLayout->addLayout(buttons);
    emptyLayout->addStretch(3);

    m_stack = new QStackedWidget;
    m_stack->setObjectName(QStringLiteral("boardStack"));
    m_stack->addWidget(empty);
    m_stack->addWidget(m_splitter);

    m_reports = new ReportsView(m_service);
    connect(m_reports, &ReportsView::errorOccurred, this, &MainWindow::report);
    connect(m_reports, &ReportsView::message, this, &MainWindow::notify);
    // Figures follow the pipeline: recomputed when the Reports tab is next shown.
    connect(&m_service, &Pipeline::dealChanged, m_reports, &ReportsView::invalidate);
    connect(&m_service, &Pipeline::dealRemoved, m_reports, &ReportsView::invalidate);
    connect(&m_service, &Pipeline::dealsReset, m_reports, &ReportsView::invalidate);
    connect(&m_service, &Pipeline::externalChange, m_reports, &ReportsView::invalidate);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_organizations = new ContactsView(m_service, ContactsView::Kind::Organizations);
    m_people = new ContactsView(m_service, ContactsView::Kind::People);
    m_attention = new AttentionView(m_service);
    for (ContactsView* list : {m_organizations, m_people}) {
        connect(list, &ContactsView::errorOccurred, this, &MainWindow::report);
        connect(list, &ContactsView::message, this, &MainWindow::notify);
    }
    connect(m_attention, &AttentionView::errorOccurred, this, &MainWindow::report);
    connect(m_attention, &AttentionView::dealActivated, this, [this](DealId id) {
        showReports(false);
        selectDeal(id);
    });
    connect(&m_service, &Pipeline::contactsChanged, this, &MainWindow::updateSegments);
    connect(&m_service, &Pipeline::dealsReset, this, &MainWindow::updateSegments);

    m_tabs->addTab(m_stack, QStringLiteral("Board"));
    m_tabs->addTab(m_organizations, QStringLiteral("Organizations"));
    m_tabs->addTab(m_people, QStringLiteral("People"));
    m_tabs->addTab(m_attention, QStringLiteral("Attention"));
    m_tabs->addTab(m_reports, QStringLiteral("Reports"));
    setCentralWidget(m_tabs);
    statusBar()->setObjectName(QStringLiteral("statusBar"));
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        // First start: wide enough for all seven columns, within the screen.
        QSize size(1400, 850);
        const QScreen* screen = QGuiApplication::primaryScreen();
        // The offscreen platform's pretend screen says nothing about the user's.
        if (screen && QGuiApplication::platformName() != QLatin1String("offscreen")) {
            size = size.boundedTo(screen->availableSize());
        }
        resize(size);
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_showDetails->setChecked(settings.value(QStringLiteral("view/details"), false).toBool());
    m_showLost->setChecked(settings.value(QStringLiteral("view/showLost"), false).toBool());
    m_search->setText(settings.value(QStringLiteral("filter/search")).toString());
    m_board->setSearchText(m_search->text());
    m_owner->setProperty("restoreOwner", settings.value(QStringLiteral("filter/owner")).toString());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("view/details"), m_showDetails->isChecked());
    settings.setValue(QStringLiteral("view/showLost"), m_showLost->isChecked());
    settings.setValue(QStringLiteral("filter/search"), m_search->text());
    settings.setValue(QStringLiteral("filter/owner"),
                      m_owner->currentIndex() <= 0 ? QString() : m_owner->currentText());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    event->accept();
}

void MainWindow::showReports(bool show)
{
    m_tabs->setCurrentWidget(show ? static_cast<QWidget*>(m_reports) : m_stack);
}

void MainWindow::updateOwners()
{
    m_reports->setOwners(m_board->owners());
    const QString wanted = m_owner->count() == 0 ? m_owner->property("restoreOwner").toString()
                                                 : (m_owner->currentIndex() <= 0 ? QString() : m_owner->currentText());
    QSignalBlocker blocker(m_owner);
    m_owner->clear();
    m_owner->addItem(QStringLiteral("All owners"));
    m_owner->addItems(m_board->owners());
    const int index = wanted.isEmpty() ? 0 : m_owner->findText(wanted);
    m_owner->setCurrentIndex(std::max(index, 0));
    m_board->setOwner(index > 0 ? wanted : QString());
}

void MainWindow::updateEmptyState()
{
    m_stack->setCurrentIndex(m_board->dealCount() == 0 ? 0 : 1);
}

void MainWindow::updateTotals()
{
    QMap<QString, std::int64_t> weighted;
    int open = 0;
    for (StageColumn* column : m_columns) {
        column->updateTotals();
    }
    for (Stage stage : AllStages) {
        const StageTotals totals = m_board->totals(stage);
        open += totals.open;
        for (auto it = totals.openWeighted.cbegin(); it != totals.openWeighted.cend(); ++it) {
            weighted[it.key()] = addMoney(weighted.value(it.key()), it.value());
        }
    }
    // The pipeline's currency first, then the others: every open deal counted.
    QStringList amounts {QStringLiteral("%1 %2").arg(
        BoardStyle::compactAmount(weighted.value(Money::defaultCurrency())), Money::defaultCurrency())};
    for (auto it = weighted.cbegin(); it != weighted.cend(); ++it) {
        if (it.key() != Money::defaultCurrency()) {
            amounts << QStringLiteral("%1 %2").arg(BoardStyle::compactAmount(it.value()), it.key());
        }
    }
    m_summary->setText(QStringLiteral("%1 · weighted %2")
                           .arg(open == 1 ? QStringLiteral("1 open deal") : QStringLiteral("%1 open deals").arg(open),
                                amounts.join(QStringLiteral(" + "))));
    if (m_selected) {
        updateDetails();
    }
}

void MainWindow::updateDetails()
{
    const Deal* deal = m_selected ? m_board->deal(*m_selected) : nullptr;
    if (deal == nullptr) {
        m_details->setHtml(QStringLiteral("<p style='color:gray'>Select a deal to see its details.</p>"));
        return;
    }
    const QDateTime now = m_service.now();
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p><table cellspacing='4'>")
                       .arg(deal->title.toHtmlEscaped(), deal->company.toHtmlEscaped());
    auto row = [&html](const QString& name, const QString& value) {
        html += QStringLiteral("<tr><td style='color:gray'>%1</td><td>%2</td></tr>").arg(name, value.toHtmlEscaped());
    };
    row(QStringLiteral("Stage"),
        QStringLiteral("%1 (%2 days)").arg(stageName(deal->stage)).arg(deal->daysInStage(now)));
    row(QStringLiteral("Status"),
        statusSlug(deal->status) + (deal->lostReason.isEmpty() ? QString() : QStringLiteral(": ") + deal->lostReason));
    row(QStringLiteral("Value"), formatForPeople(deal->value));
    row(QStringLiteral("Weighted"), formatForPeople({deal->weightedMinor(), deal->value.currency}));
    row(QStringLiteral("Close"),
        deal->expectedClose.isValid() ? toStoredDate(deal->expectedClose) : QStringLiteral("—"));
    row(QStringLiteral("Owner"), deal->owner);
    if (deal->nextActivity) {
        row(QStringLiteral("Next"),
            QStringLiteral("%1 %2: %3")
                .arg(toStoredDate(deal->nextActivity->dueDate), activityKindName(deal->nextActivity->kind),
                     deal->nextActivity->subject));
    } else {
        row(QStringLiteral("Next"), QStringLiteral("No activity planned (Ctrl+T plans one)"));
    }
    if (deal->originDealId > 0) {
        const Deal* origin = m_board->deal(deal->originDealId);
        row(QStringLiteral("Follow-up of"), origin ? origin->title : QStringLiteral("deal %1").arg(deal->originDealId));
    }
    row(QStringLiteral("Contact"), deal->contactName);
    row(QStringLiteral("Email"), deal->email);
    row(QStringLiteral("Phone"), deal->phone);
    auto yes = [](bool value) { return value ? QStringLiteral("yes") : QStringLiteral("no"); };
    row(QStringLiteral("Willing"), yes(deal->qualification.willing));
    row(QStringLiteral("Need"), yes(deal->qualification.need));
    row(QStringLiteral("Budget"), yes(deal->qualification.budget));
    html += QStringLiteral("</table><h4>History</h4><ul>");
    if (Result<std::vector<HistoryEntry>> history = m_service.deals().history(deal->id)) {
        for (const HistoryEntry& entry : history.value()) {
            QString change = !entry.fromStage ? QStringLiteral("Created in %1").arg(stageName(entry.toStage))
                : entry.fromStage != entry.toStage
                ? QStringLiteral("%1 → %2").arg(stageName(*entry.fromStage), stageName(entry.toStage))
                : QStringLiteral("%1 → %2").arg(statusSlug(entry.fromStatus.value_or(DealStatus::Open)),
                                                statusSlug(entry.toStatus));
            html
                += QStringLiteral("<li>%1<br><span style='color:gray'>%2 %3</span></li>")
                       .arg(change.toHtmlEscaped(), entry.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                            entry.actor.toHtmlEscaped());
        }
    }
    html += QStringLiteral("</ul>");
    m_details->setHtml(html);
}

void MainWindow::updateActions()
{
    const Deal* deal = m_selected ? m_board->deal(*m_selected) : nullptr;
    const bool open = deal && deal->status != DealStatus::Lost;
    m_edit->setEnabled(deal != nullptr);
    m_delete->setEnabled(deal != nullptr);
    m_moveNext->setEnabled(open && deal->stage != Stage::Retention);
    m_movePrevious->setEnabled(open && deal->stage != Stage::Prospecting);
    m_win->setEnabled(deal && deal->status == DealStatus::Open && deal->stage == Stage::Closing);
    m_lose->setEnabled(deal && deal->status == DealStatus::Open);
    m_reopen->setEnabled(deal && deal->status == DealStatus::Lost);
    m_planActivity->setEnabled(deal != nullptr);
    m_activities->setEnabled(deal != nullptr);
    m_followUp->setEnabled(deal && deal->status == DealStatus::Won);
}

void MainWindow::updateSegments()
{
    Result<std::vector<Segment>> segments = m_service.contacts().segments();
    if (!segments) {
        report(segments.error());
        return;
    }
    const QString current = m_segment->currentData().toString();
    QSignalBlocker blocker(m_segment);
    m_segment->clear();
    m_segment->addItem(QStringLiteral("All segments"), QString());
    for (const Segment& segment : segments.value()) {
        if (segment.organizations + segment.people > 0) {
            m_segment->addItem(segment.tag, segment.tag);
        }
    }
    const int index = m_segment->findData(current);
    m_segment->setCurrentIndex(std::max(0, index));
    if (index < 0 && !current.isEmpty()) {
        (void)m_board->setSegment(QString());
    }
}

void MainWindow::editContactFrequency()
{
    Result<std::vector<Segment>> segments = m_service.contacts().segments();
    Result<int> defaultDays = m_service.contacts().defaultMinTouchDays();
    if (!segments || !defaultDays) {
        report(!segments ? segments.error() : defaultDays.error());
        return;
    }
    ContactFrequencyDialog dialog(defaultDays.value(), segments.value(), this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    if (Result<void> saved = m_service.contacts().setContactFrequency(dialog.defaultDays(), dialog.rules()); !saved) {
        report(saved.error());
        return;
    }
    notify(QStringLiteral("Saved the minimum days between touches."));
}

void MainWindow::planActivity()
{
    const Deal* deal = m_selected ? m_board->deal(*m_selected) : nullptr;
    if (deal != nullptr && ActivityFlow::plan(this, m_service, *deal)) {
        notify(QStringLiteral("Planned an activity on '%1'.").arg(deal->title));
    }
}

void MainWindow::showActivities()
{
    const Deal* deal = m_selected ? m_board->deal(*m_selected) : nullptr;
    if (deal == nullptr) {
        return;
    }
    ActivitiesDialog dialog(m_service, *deal, this);
    dialog.exec();
}

void MainWindow::newFollowUp()
{
    const Deal* deal = m_selected ? m_board->deal(*m_selected) : nullptr;
    if (deal == nullptr) {
        return;
    }
    const Deal origin = *deal;
    bool ok = false;
    const QString title
        = QInputDialog::getText(this, QStringLiteral("New follow-up deal"),
                                QStringLiteral("A cross-sell or up-sell for %1, starting in Prospecting. Title:")
                                    .arg(origin.company.isEmpty() ? origin.title : origin.company),
                                QLineEdit::Normal, QStringLiteral("Follow-up: %1").arg(origin.title), &ok);
    if (!ok) {
        return;
    }
    Result<Deal> created = m_service.deals().createFollowUp(origin.id, title, std::nullopt, m_actor);
    if (!created) {
        report(created.error());
        return;
    }
    selectDeal(created.value().id);
    notify(
        QStringLiteral("Created '%1' in Prospecting, a follow-up of '%2'.").arg(created.value().title, origin.title));
}

void MainWindow::report(const Error& error)
{
    statusBar()->showMessage(error.message, 15000);
}

void MainWindow::notify(const QString& message)
{
    statusBar()->showMessage(message, 6000);
}

void MainWindow::selectDeal(DealId id)
{
    const Deal* deal = m_board->deal(id);
    if (deal == nullptr) {
        return;
    }
    m_selected = id;
    DealListView* view = column(deal->stage)->view();
    const int row = m_board->column(deal->stage)->rowOf(id);
    if (row >= 0) {
        const QModelIndex index = view->model()->index(row, 0);
        view->setCurrentIndex(index);
        view->scrollTo(index);
        if (!view->hasFocus() && QApplication::focusWidget()
            && qobject_cast<DealListView*>(QApplication::focusWidget())) {
            view->setFocus();
        }
    }
    updateDetails();
    updateActions();
}

void MainWindow::focusNeighbour(Stage from, int direction)
{
    const int target = stageIndex(from) + direction;
    if (target < 0 || target >= StageCount) {
        return;
    }
    DealListView* current = m_columns[stageIndex(from)]->view();
    DealListView* next = m_columns[target]->view();
    if (next->model()->rowCount() == 0) {
        // Skip empty columns in the direction of travel.
        focusNeighbour(static_cast<Stage>(target + 1), direction);
        return;
    }
    const int row = std::min(std::max(current->currentIndex().row(), 0), next->model()->rowCount() - 1);
    next->setFocus();
    next->setCurrentIndex(next->model()->index(row, 0));
}

void MainWindow::requestMove(const QList<DealId>& ids, Stage target)
{
    for (DealId id : ids) {
        const Deal* shown = m_board->deal(id);
        if (shown == nullptr) {
            continue;
        }
        const Deal before = *shown;
        Result<MoveOutcome> moved = m_service.deals().move(id, target, {std::nullopt, m_actor});
        DealFields facts;
        if (!moved && moved.error().code == ErrorCode::RefusedByRules) {
            const std::vector<Requirement>& unmet = moved.error().unmet;
            const bool fixable = std::all_of(unmet.begin(), unmet.end(), &isSuppliableFact);
            if (!fixable) {
                report(moved.error());
                continue;
            }
            MissingFactsDialog dialog(before, target, unmet, m_service.now().toLocalTime().date(), this);
            if (dialog.exec() != QDialog::Accepted) {
                notify(QStringLiteral("'%1' stays in %2.").arg(before.title, stageName(before.stage)));
                continue;
            }
            facts = dialog.facts();
            moved = m_service.deals().move(id, target, {std::nullopt, m_actor}, facts);
        }
        if (!moved) {
            report(moved.error());
            continue;
        }
        if (!moved.value().changed) {
            continue;
        }
        m_undo->push(new MoveDealCommand(
            m_service, [this](const Error& error) { report(error); }, before, target, facts));
        const Deal& after = moved.value().deal;
        notify(after.status == DealStatus::Won
                   ? QStringLiteral("'%1' is won.").arg(after.title)
                   : QStringLiteral("Moved '%1' to %2.").arg(after.title, stageName(target)));
        selectDeal(id);
    }
}

void MainWindow::moveSelected(int direction)
{
    if (!m_selected) {
        return;
    }
    const Deal* deal = m_board->deal(*m_selected);
    if (deal == nullptr) {
        return;
    }
    const std::optional<Stage> target = direction > 0 ? nextStage(deal->stage) : previousStage(deal->stage);
    if (target) {
        requestMove({deal->id}, *target);
    }
}

void MainWindow::newDeal()
{
    std::optional<Deal> created;
    DealDialog dialog(
        nullptr, m_board->owners(), m_service.now().toLocalTime().date(),
        [this, &created](const DealFields& fields) -> std::optional<Error> {
            Result<Deal> result = m_service.deals().create(fields, Stage::Prospecting, m_actor);
            if (!result) {
                return result.error();
            }
            created = result.value();
            return std::nullopt;
        },
        this);
    if (dialog.exec() != QDialog::Accepted || !created) {
        return;
    }
    m_undo->push(new CreateDealCommand(
        m_service, [this](const Error& error) { report(error); }, *created));
    updateOwners();
    selectDeal(created->id);
}

void MainWindow::editDeal(DealId id)
{
    const Deal* shown = m_board->deal(id);
    if (shown == nullptr) {
        return;
    }
    const Deal before = *shown;
    std::optional<Deal> after;
    DealDialog dialog(
        &before, m_board->owners(), m_service.now().toLocalTime().date(),
        [this, &before, &after](const DealFields& fields) -> std::optional<Error> {
            // Refused as stale when someone else changed it since the dialog opened.
            Result<Deal> result = m_service.deals().edit(before.id, fields, {before.version, m_actor});
            if (!result) {
                return result.error();
            }
            after = result.value();
            return std::nullopt;
        },
        this);
    if (dialog.exec() != QDialog::Accepted || !after) {
        return;
    }
    if (after->version != before.version) {
        m_undo->push(new EditDealCommand(
            m_service, [this](const Error& error) { report(error); }, before, *after));
    }
    updateOwners();
}

void MainWindow::winSelected()
{
    if (m_selected) {
        requestMove({*m_selected}, Stage::Retention);
    }
}

void MainWindow::loseSelected()
{
    const Deal* shown = m_selected ? m_board->deal(*m_selected) : nullptr;
    if (shown == nullptr) {
        return;
    }
    const Deal before = *shown;
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("lostReasonDialog"));
    dialog.setWindowTitle(QStringLiteral("Mark lost"));
    dialog.setLabelText(QStringLiteral("Why was '%1' lost?").arg(before.title));
    dialog.setComboBoxEditable(true);
    dialog.setComboBoxItems({QString(), QStringLiteral("Chose a competitor"), QStringLiteral("No budget"),
                             QStringLiteral("Went silent"), QStringLiteral("Price too high"),
                             QStringLiteral("Project cancelled")});
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const QString reason = dialog.textValue().trimmed();
    Result<MoveOutcome> lost = m_service.deals().lose(before.id, reason, {before.version, m_actor});
    if (!lost) {
        report(lost.error());
        return;
    }
    if (lost.value().changed) {
        m_undo->push(new LoseDealCommand(
            m_service, [this](const Error& error) { report(error); }, before, reason));
        notify(QStringLiteral("'%1' is marked lost.").arg(before.title));
    }
}

void MainWindow::reopenSelected()
{
    const Deal* shown = m_selected ? m_board->deal(*m_selected) : nullptr;
    if (shown == nullptr) {
        return;
    }
    const Deal before = *shown;
    Result<MoveOutcome> reopened = m_service.deals().reopen(before.id, {before.version, m_actor});
    if (!reopened) {
        report(reopened.error());
        return;
    }
    if (reopened.value().changed) {
        m_undo->push(new ReopenDealCommand(
            m_service, [this](const Error& error) { report(error); }, before));
        notify(QStringLiteral("'%1' is open again in %2.").arg(before.title, stageName(before.stage)));
    }
}

void MainWindow::deleteDeal(DealId id)
{
    const Deal* shown = m_board->deal(id);
    if (shown == nullptr) {
        return;
    }
    const Deal before = *shown;
    QMessageBox confirm(QMessageBox::Question, QStringLiteral("Delete deal"),
                        QStringLiteral("Delete '%1' and its history?\nUndo (Ctrl+Z) brings it back.").arg(before.title),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
    confirm.setObjectName(QStringLiteral("confirmDelete"));
    confirm.setTextFormat(Qt::PlainText);
    confirm.setDefaultButton(QMessageBox::Cancel);
    if (confirm.exec() != QMessageBox::Yes) {
        return;
    }
    Result<DeletedDeal> deleted = m_service.deals().remove(id, {before.version, m_actor});
    if (!deleted) {
        report(deleted.error());
        return;
    }
    m_undo->push(new DeleteDealCommand(
        m_service, [this](const Error& error) { report(error); }, deleted.value()));
    notify(QStringLiteral("Deleted '%1'.").arg(before.title));
}

void MainWindow::showCardMenu(Stage stage, const QPoint& position)
{
    DealListView* view = column(stage)->view();
    const QModelIndex index = view->indexAt(position);
    if (!index.isValid()) {
        return;
    }
    view->setCurrentIndex(index);
    QMenu menu(this);
    menu.addAction(m_edit);
    menu.addSeparator();
    menu.addAction(m_moveNext);
    menu.addAction(m_movePrevious);
    menu.addSeparator();
    menu.addAction(m_win);
    menu.addAction(m_lose);
    menu.addAction(m_reopen);
    menu.addSeparator();
    menu.addAction(m_planActivity);
    menu.addAction(m_activities);
    menu.addAction(m_followUp);
    menu.addSeparator();
    menu.addAction(m_delete);
    menu.exec(view->viewport()->mapToGlobal(position));
}

void MainWindow::loadSample()
{
    if (m_board->dealCount() > 0) {
        QMessageBox confirm(QMessageBox::Question, QStringLiteral("Load sample pipeline"),
                            QStringLiteral("Add 200 sample deals to this pipeline? They can't be undone as one step."),
                            QMessageBox::Yes | QMessageBox::Cancel, this);
        if (confirm.exec() != QMessageBox::Yes) {
            return;
        }
    }
    Result<int> seeded = m_service.deals().seedSample(200, static_cast<quint64>(QDateTime::currentMSecsSinceEpoch()));
    if (!seeded) {
        report(seeded.error());
        return;
    }
    notify(QStringLiteral("Added %1 sample deals.").arg(seeded.value()));
}

void MainWindow::importDeals()
{
    const QString path = FileDialogs::askImportFile(this, QStringLiteral("Import deals"));
    if (!path.isEmpty()) {
        importFile(path);
    }
}

void MainWindow::importFile(const QString& path)
{
    // Never open the pipeline's own files here: closing them would drop SQLite's locks.
    if (Result<void> readable = PipelineFiles::checkInput(path, m_service.reads().path()); !readable) {
        report(readable.error());
        return;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        report(
            makeError(ErrorCode::InvalidInput, QStringLiteral("Can't read '%1': %2.").arg(path, file.errorString())));
        return;
    }
    Result<ImportPlan> imported = m_service.deals().importCsv(&file, false, m_actor);
    if (!imported) {
        QMessageBox refusal(QMessageBox::Warning, QStringLiteral("Import deals"),
                            imported.error().message.section(QLatin1Char('\n'), 0, 0), QMessageBox::Ok, this);
        refusal.setObjectName(QStringLiteral("importRefused"));
        refusal.setTextFormat(Qt::PlainText);
        refusal.setDetailedText(imported.error().message.section(QLatin1Char('\n'), 1));
        refusal.setInformativeText(QStringLiteral("Fix the lines named under Show Details and import the file again."));
        refusal.exec();
        return;
    }
    QString message = QStringLiteral("Imported %1 deals from %2.").arg(imported.value().count).arg(path);
    if (!imported.value().ignoredColumns.isEmpty()) {
        message
            += QStringLiteral(" Ignored columns: %1.").arg(imported.value().ignoredColumns.join(QStringLiteral(", ")));
    }
    notify(message);
}

void MainWindow::exportDeals()
{
    const std::optional<FileDialogs::ExportTarget> target
        = FileDialogs::askExportFile(this, QStringLiteral("Export deals"), QStringLiteral("deals.csv"));
    if (!target) {
        return;
    }
    int rows = 0;
    QString failure;
    const Result<void> saved
        = PipelineFiles::saveAtomically(target->path, m_service.reads().path(), [&](QIODevice* device) {
              Result<int> written
                  = DealCsv::stream(m_service.reads(), {}, device, m_service.now(), target->byteOrderMark);
              if (!written) {
                  failure = written.error().message;
                  return false;
              }
              rows = written.value();
              return true;
          });
    if (!saved) {
        report(failure.isEmpty() ? saved.error() : makeError(ErrorCode::Storage, failure));
        return;
    }
    notify(QStringLiteral("Exported %1 deals to %2.").arg(rows).arg(target->path));
}

} // namespace dealboard::gui
