#include "MainWindow.h"

#include "activities/ActivitiesDialog.h"
#include "activities/ActivityDialog.h"
#include "activities/ActivityFlow.h"
#include "board/BoardModel.h"
#include "board/BoardStyle.h"
#include "board/CardDelegate.h"
#include "board/DealPane.h"
#include "board/StageColumn.h"
#include "board/StageColumnModel.h"
#include "common/AboutDialog.h"
#include "common/ColumnMemory.h"
#include "common/ConnectionBanner.h"
#include "common/FileDialogs.h"
#include "common/Preferences.h"
#include "common/RecentPipelines.h"
#include "common/ShortcutsDialog.h"
#include "common/ShownText.h"
#include "contacts/AttentionView.h"
#include "contacts/ContactForm.h"
#include "contacts/ContactFrequencyDialog.h"
#include "contacts/ContactsView.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/PipelineLocation.h"
#include "dealboard/ServerAddress.h"
#include "dealboard/SystemUser.h"
#include "dealboard/TransitionEngine.h"
#include "deals/DealActions.h"
#include "deals/DealFiles.h"
#include "reports/ForecastPanel.h"
#include "reports/QuotaPanel.h"
#include "reports/ReportsView.h"
#include "undo/UndoCommands.h"

#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSaveFile>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QUrl>
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
    , m_board(new BoardModel(service, this))
    , m_delegate(new CardDelegate([&service] { return service.now(); }, this))
    , m_undo(new QUndoStack(this))
    , m_actor(systemUserName())
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("DealBoard"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/dealboard.svg")));
    DealCommand::setActor(m_actor);
    m_hooks = std::make_unique<DealActionHooks>(DealActionHooks {
        [this](const Error& error) { report(error); }, [this](const QString& message) { notify(message); },
        [this](DealId id) { selectDeal(id); }, [this] { updateOwners(); },
        [this](Stage stage, const QString& why) { column(stage)->showRefusal(why); },
        [this](const QList<DealId>& ids) { selectDeals(ids, true); }});
    m_dealActions = std::make_unique<DealActions>(m_service, *m_board, *m_undo, this, m_actor, *m_hooks);
    m_dealFiles = std::make_unique<DealFiles>(m_service, this, m_actor, *m_hooks);
    buildActions();
    buildBoard();
    m_service.reads().setWaitObserver([this] { showWaitingForWriter(); });

    connect(m_board, &BoardModel::dropRequested, this, &MainWindow::requestMove);
    connect(m_board, &BoardModel::totalsChanged, this, [this] {
        updateTotals();
        updateEmptyState();
    });
    connect(m_board, &BoardModel::reloaded, this, &MainWindow::updateOwners);
    connect(m_board, &BoardModel::dealUpdated, this, &MainWindow::followSelected);
    connect(m_board, &BoardModel::loadFinished, this,
            [this] { notify(QStringLiteral("All %L1 deals are on the board.").arg(m_board->totalDeals())); });
    connect(m_board, &BoardModel::dealGone, this, [this](DealId id) {
        if (m_selected == id) {
            m_selected.reset();
            updateDetails();
        }
        // The columns drop the card after this: counted once they have.
        QMetaObject::invokeMethod(this, &MainWindow::selectionGrew, Qt::QueuedConnection);
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

Result<void> MainWindow::load(bool progressively)
{
    // A big pipeline paints its first screenful at once and reads the rest
    // in the background (BoardModel::loadProgressively).
    Result<void> loaded = progressively ? m_board->loadProgressively(FirstScreenful, ProgressiveFrom) : m_board->load();
    if (!loaded) {
        return loaded;
    }
    if (Result<std::vector<TeamMember>> members = m_service.reads().teamMembers()) {
        m_teamMembers = std::move(members.value());
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

void MainWindow::buildActions()
{
    QMenu* file = menuBar()->addMenu(QStringLiteral("&File"));
    QAction* newDeal = file->addAction(QStringLiteral("&New deal…"), this, [this] { m_dealActions->create(); });
    newDeal->setObjectName(QStringLiteral("newDealAction"));
    newDeal->setShortcut(QKeySequence::New);
    file->addAction(QStringLiteral("Load &sample pipeline"), this, [this] { m_dealActions->loadSample(); });
    file->addSeparator();
    QAction* open = file->addAction(QStringLiteral("&Open pipeline…"), this, [this] {
        if (const QString path = FileDialogs::askPipelineFile(this); !path.isEmpty()) {
            openPipeline(path);
        }
    });
    open->setObjectName(QStringLiteral("openPipelineAction"));
    open->setShortcut(QKeySequence::Open);
    m_recent = file->addMenu(QStringLiteral("Open &recent"));
    m_recent->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recent, &QMenu::aboutToShow, this, &MainWindow::fillRecent);
    file->addAction(QStringLiteral("&Connect to server…"), this, &MainWindow::connectToServer)
        ->setObjectName(QStringLiteral("connectServerAction"));
    RecentPipelines::add(m_service.reads().path());
    file->addSeparator();
    file->addAction(QStringLiteral("&Import deals from CSV…"), this, [this] { m_dealFiles->askAndImport(); })
        ->setObjectName(QStringLiteral("importDealsAction"));
    file->addAction(QStringLiteral("&Export deals as CSV…"), this, [this] { m_dealFiles->askAndExport(); })
        ->setObjectName(QStringLiteral("exportDealsAction"));
    // The board's owner filter chooses whose review it is.
    file->addAction(QStringLiteral("Export pipeline &review…"), this,
                    [this] {
                        m_dealFiles->askAndExportReview(m_owner->currentIndex() > 0 ? m_owner->currentText()
                                                                                    : QString());
                    })
        ->setObjectName(QStringLiteral("exportReviewAction"));
    file->addSeparator();
    QAction* quit = file->addAction(QStringLiteral("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    // Spelt out: the platform's standard Quit key is empty on some (offscreen).
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));

    QMenu* edit = menuBar()->addMenu(QStringLiteral("&Edit"));
    QAction* undo = m_undo->createUndoAction(this, QStringLiteral("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    QObject::disconnect(undo, &QAction::triggered, m_undo, &QUndoStack::undo);
    connect(undo, &QAction::triggered, this, [this] { undoOrRedo(false); });
    QAction* redo = m_undo->createRedoAction(this, QStringLiteral("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    QObject::disconnect(redo, &QAction::triggered, m_undo, &QUndoStack::redo);
    connect(redo, &QAction::triggered, this, [this] { undoOrRedo(true); });
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction* find = edit->addAction(QStringLiteral("&Find…"), this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    edit->addSeparator();
    edit->addAction(QStringLiteral("&Preferences…"), this,
                    [this] {
                        Preferences dialog(this);
                        dialog.exec();
                    })
        ->setObjectName(QStringLiteral("preferencesAction"));

    QMenu* deal = menuBar()->addMenu(QStringLiteral("&Deal"));
    deal->setToolTipsVisible(true); // why an action is disabled, on a team's server
    m_edit = deal->addAction(QStringLiteral("&Edit…"), this, [this] {
        if (m_selected) {
            m_dealActions->edit(*m_selected);
        }
    });
    m_edit->setObjectName(QStringLiteral("editDealAction"));
    m_assignOwner = deal->addAction(QStringLiteral("Assign &owner…"), this, [this] {
        if (!selectedDealIds().isEmpty()) {
            m_dealActions->assignOwner(selectedDealIds());
        }
    });
    m_assignOwner->setObjectName(QStringLiteral("assignOwnerAction"));
    m_moveNext = deal->addAction(QStringLiteral("Move to &next stage"), this, [this] {
        hideRefusals();
        forSelection([this](DealId id) { m_dealActions->step(id, 1); },
                     [this](const QList<DealId>& ids) { m_dealActions->stepSeveral(ids, 1); });
    });
    m_moveNext->setObjectName(QStringLiteral("moveNextAction"));
    m_moveNext->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Right));
    m_movePrevious = deal->addAction(QStringLiteral("Move to &previous stage"), this, [this] {
        hideRefusals();
        forSelection([this](DealId id) { m_dealActions->step(id, -1); },
                     [this](const QList<DealId>& ids) { m_dealActions->stepSeveral(ids, -1); });
    });
    m_movePrevious->setObjectName(QStringLiteral("movePreviousAction"));
    m_movePrevious->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Left));
    deal->addSeparator();
    m_win = deal->addAction(QStringLiteral("Mark &won"), this,
                            [this] { onSelected([this](DealId id) { m_dealActions->win(id); }); });
    m_lose = deal->addAction(QStringLiteral("Mark &lost…"), this, [this] {
        forSelection([this](DealId id) { m_dealActions->lose(id); },
                     [this](const QList<DealId>& ids) { m_dealActions->loseSeveral(ids); });
    });
    m_lose->setObjectName(QStringLiteral("loseAction"));
    m_reopen = deal->addAction(QStringLiteral("&Reopen"), this,
                               [this] { onSelected([this](DealId id) { m_dealActions->reopen(id); }); });
    deal->addSeparator();
    m_planActivity = deal->addAction(QStringLiteral("Plan &activity…"), this, &MainWindow::planActivity);
    m_planActivity->setObjectName(QStringLiteral("planActivityAction"));
    m_planActivity->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_activities = deal->addAction(QStringLiteral("Activi&ties…"), this, &MainWindow::showActivities);
    m_activities->setObjectName(QStringLiteral("activitiesAction"));
    m_activities->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_followUp = deal->addAction(QStringLiteral("New &follow-up deal…"), this,
                                 [this] { onSelected([this](DealId id) { m_dealActions->followUp(id); }); });
    m_followUp->setObjectName(QStringLiteral("followUpAction"));
    m_followUp->setToolTip(QStringLiteral("A cross-sell or up-sell deal for this won customer"));
    deal->addSeparator();
    m_contactFrequency
        = deal->addAction(QStringLiteral("Contact &frequency…"), this, &MainWindow::editContactFrequency);
    m_contactFrequency->setObjectName(QStringLiteral("contactFrequencyAction"));
    deal->addSeparator();
    m_delete = deal->addAction(QStringLiteral("&Delete…"), this, [this] {
        forSelection([this](DealId id) { m_dealActions->remove(id); },
                     [this](const QList<DealId>& ids) { m_dealActions->removeSeveral(ids); });
    });

    QMenu* view = menuBar()->addMenu(QStringLiteral("&View"));
    m_showLost = view->addAction(QStringLiteral("Show &lost deals"));
    m_showLost->setObjectName(QStringLiteral("showLostAction"));
    m_showLost->setCheckable(true);
    connect(m_showLost, &QAction::toggled, m_board, &BoardModel::setShowLost);
    view->addSeparator();
    addViewActions(view);
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
        AboutDialog dialog(m_service.reads().path(), m_service.reads().engine(), this);
        dialog.exec();
    });
    about->setObjectName(QStringLiteral("aboutAction"));
    auto* guide = new QAction(QStringLiteral("&User guide"), help);
    help->insertAction(about, guide);
    guide->setObjectName(QStringLiteral("userGuideAction"));
    connect(guide, &QAction::triggered, this, [this] {
        const QString path = userGuidePath();
        if (path.isEmpty() || !QDesktopServices::openUrl(QUrl::fromLocalFile(path))) {
            notify(QStringLiteral("The user guide is not installed here; it is docs/user-guide.md in DealBoard's "
                                  "source."));
        }
    });

    buildToolbar(newDeal);
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
        connect(view, &DealListView::openRequested, this, &MainWindow::openDetails);
        connect(view, &DealListView::deleteRequested, this, [this] { m_delete->trigger(); });
        connect(view, &DealListView::lockedDragAttempted, this, [this](DealId id) {
            if (const Deal* deal = m_board->deal(id)) {
                notify(m_service.reads().team().whyNotChange(deal->owner, quotedText(deal->title)));
            }
        });
        connect(column, &StageColumn::collapsedChanged, this,
                [this, column, boardArea] { columnCollapsed(column, boardArea); });
    }
    watchSelection();
    auto* scroll = new QScrollArea;
    m_boardScroll = scroll;
    scroll->setObjectName(QStringLiteral("boardScroll"));
    scroll->setWidget(boardArea);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus); // Tab reaches the cards, not the area around them
    scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    fitBoardWidth(boardArea);

    buildDetails();
    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("boardSplitter"));
    m_splitter->addWidget(withFilterNote(scroll));
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setCollapsible(0, false);

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
    // The forecast and the quotas: views of their own, each read when shown.
    m_forecast = new ForecastPanel(m_service);
    m_quotas = new QuotaPanel(m_service);
    connect(m_forecast, &ForecastPanel::errorOccurred, this, &MainWindow::report);
    connect(m_forecast, &ForecastPanel::message, this, &MainWindow::notify);
    connect(m_quotas, &QuotaPanel::errorOccurred, this, &MainWindow::report);
    connect(m_quotas, &QuotaPanel::message, this, &MainWindow::notify);
    const auto invalidateOn = [this](auto* view) {
        const auto invalidate = [view] { view->invalidate(); };
        connect(&m_service, &Pipeline::dealChanged, view, invalidate);
        connect(&m_service, &Pipeline::dealRemoved, view, invalidate);
        connect(&m_service, &Pipeline::dealsReset, view, invalidate);
        connect(&m_service, &Pipeline::externalChange, view, invalidate);
    };
    invalidateOn(m_forecast);
    invalidateOn(m_quotas);

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
    m_tabs->addTab(m_forecast, QStringLiteral("Forecast"));
    m_tabs->addTab(m_quotas, QStringLiteral("Quotas"));
    auto* central = new QWidget;
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(new ConnectionBanner(m_service));
    centralLayout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    statusBar()->setObjectName(QStringLiteral("statusBar"));
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        // First start: wide enough for all seven columns, within the screen
        // with the window's frame (MainWindowViews.cpp).
        resize(firstSize());
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_showDetails->setChecked(settings.value(QStringLiteral("view/details"), false).toBool());
    restoreBoardView(); // this pipeline's filters, sorts and columns
    m_tabs->setCurrentIndex(std::clamp(settings.value(QStringLiteral("view/tab"), 0).toInt(), 0, m_tabs->count() - 1));
    for (QTableView* table : findChildren<QTableView*>()) {
        ColumnMemory::restore(table);
    }
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("view/details"), m_showDetails->isChecked());
    saveBoardView();
    settings.setValue(QStringLiteral("view/tab"), m_tabs->currentIndex());
    for (const QTableView* table : findChildren<QTableView*>()) {
        ColumnMemory::save(table);
    }
    m_reports->saveFilters();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // Closing never drops without a word what the rep typed in the details
    // pane. A fact typed is saved, as leaving its field does; what can't be
    // (refused, or changed meanwhile) and a note not added are said: the rep
    // goes back to them, or closes knowing what is lost.
    m_details->commitTypedFacts();
    if (const QString unsaved = m_details->unsavedOnClosing(); !unsaved.isEmpty()) {
        QMessageBox box(QMessageBox::Warning, QStringLiteral("Close DealBoard?"),
                        unsaved
                            + QStringLiteral("\n\nGo back to save it (Enter in the field, Add note), or close "
                                             "without saving it."),
                        QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("unsavedOnClosing"));
        box.setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        QPushButton* back = box.addButton(QStringLiteral("Back to the deal"), QMessageBox::RejectRole);
        box.addButton(QStringLiteral("Close without saving"), QMessageBox::DestructiveRole);
        box.setDefaultButton(back);
        box.setEscapeButton(back);
        box.exec();
        if (box.clickedButton() == back) {
            event->ignore();
            QTimer::singleShot(0, m_details, &DealPane::focusUnsaved);
            return;
        }
    }
    saveSettings();
    event->accept();
}

void MainWindow::fillRecent()
{
    m_recent->clear();
    const QString current = PipelineFiles::identity(m_service.reads().path());
    for (const QString& path : RecentPipelines::list()) {
        QAction* action
            = m_recent->addAction(QDir::toNativeSeparators(path), this, [this, path] { openPipeline(path); });
        action->setEnabled(PipelineFiles::identity(path) != current);
    }
}

void MainWindow::openPipeline(const QString& path)
{
    if (!PipelineLocation::isAddress(path) && !QFileInfo::exists(path)) {
        report(makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' no longer exists.").arg(QDir::toNativeSeparators(path))));
        return;
    }
    if (PipelineFiles::identity(path) == PipelineFiles::identity(m_service.reads().path())) {
        return;
    }
    // A board of its own (or the running one for that pipeline, brought forward).
    if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), {path})) {
        report(makeError(ErrorCode::Storage, QStringLiteral("Couldn't start DealBoard for '%1'.").arg(path)));
        return;
    }
    RecentPipelines::add(path);
}

QString MainWindow::userGuidePath()
{
    const QString installed
        = QCoreApplication::applicationDirPath() + QStringLiteral("/../share/doc/dealboard/user-guide.md");
    if (QFileInfo::exists(installed)) {
        return QFileInfo(installed).canonicalFilePath();
    }
    const QString source = QStringLiteral(DEALBOARD_SOURCE_DIR "/docs/user-guide.md");
    return QFileInfo::exists(source) ? source : QString();
}

} // namespace dealboard::gui
