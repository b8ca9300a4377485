#include "WindowActions.h"

#include "BoardFilters.h"
#include "DealMenu.h"
#include "MainWindow.h"
#include "StatusLine.h"
#include "activities/CalendarFileDialog.h"
#include "board/BoardModel.h"
#include "board/StageColumnModel.h"
#include "common/AboutDialog.h"
#include "common/FileDialogs.h"
#include "common/Preferences.h"
#include "common/RecentPipelines.h"
#include "common/ShortcutsDialog.h"
#include "deals/DealActions.h"
#include "deals/DealFiles.h"
#include "deals/DealNames.h"
#include "reports/CustomFieldsDialog.h"
#include "reports/ForecastPanel.h"
#include "reports/QuotaPanel.h"
#include "reports/RatesDialog.h"
#include "reports/ReportsView.h"
#include "reports/StagePlanDialog.h"
#include "reports/StageRulesDialog.h"
#include "reports/StallMarksDialog.h"
#include "undo/DealCommand.h"
#include "undo/ManagersRulesCommand.h"
#include "undo/PlanCommands.h"

#include <QAction>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QUrl>

namespace dealboard::gui {

WindowActions::WindowActions(MainWindow& window, Pipeline& service, DealActions& deals, DealFiles& files,
                             DealMenu& dealMenu, BoardFilters& filters, StatusLine& status, QUndoStack& undo)
    : QObject(&window)
    , m_window(window)
    , m_service(service)
    , m_deals(deals)
    , m_files(files)
    , m_dealMenu(dealMenu)
    , m_filters(filters)
    , m_status(status)
    , m_undo(undo)
    , m_otherPipelines(window, service, status)
    , m_calendar(service, status)
{
}

void WindowActions::build()
{
    QAction* newDeal = buildFileMenu();
    buildEditMenu();
    m_dealMenu.addTo(m_window.menuBar());
    buildViewMenu();
    buildHelpMenu();
    buildToolbar(newDeal);
}

QAction* WindowActions::buildFileMenu()
{
    QMenu* file = m_window.menuBar()->addMenu(QStringLiteral("&File"));
    QAction* newDeal = file->addAction(QStringLiteral("&New deal…"), this, [this] { m_deals.create(); });
    newDeal->setObjectName(QStringLiteral("newDealAction"));
    newDeal->setShortcut(QKeySequence::New);
    file->addAction(QStringLiteral("Load &sample pipeline"), this, [this] { m_deals.loadSample(); });
    file->addSeparator();
    QAction* open = file->addAction(QStringLiteral("&Open pipeline…"), this, [this] {
        if (const QString path = FileDialogs::askPipelineFile(&m_window); !path.isEmpty()) {
            m_otherPipelines.open(path);
        }
    });
    open->setObjectName(QStringLiteral("openPipelineAction"));
    open->setShortcut(QKeySequence::Open);
    m_recent = file->addMenu(QStringLiteral("Open &recent"));
    m_recent->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recent, &QMenu::aboutToShow, this, [this] { m_otherPipelines.fillRecent(m_recent); });
    file->addAction(QStringLiteral("&Connect to server…"), this, [this] { m_otherPipelines.connectToServer(); })
        ->setObjectName(QStringLiteral("connectServerAction"));
    RecentPipelines::add(m_service.reads().path());
    file->addSeparator();
    file->addAction(QStringLiteral("&Import deals from CSV…"), this, [this] { m_files.askAndImport(); })
        ->setObjectName(QStringLiteral("importDealsAction"));
    file->addAction(QStringLiteral("&Export deals as CSV…"), this, [this] { m_files.askAndExport(); })
        ->setObjectName(QStringLiteral("exportDealsAction"));
    // The board's owner filter chooses whose review it is.
    file->addAction(QStringLiteral("Export pipeline &review…"), this,
                    [this] { m_files.askAndExportReview(m_filters.owner()); })
        ->setObjectName(QStringLiteral("exportReviewAction"));
    file->addAction(QStringLiteral("&Keep activities in a calendar file…"), this, [this] { askCalendarFile(); })
        ->setObjectName(QStringLiteral("calendarFileAction"));
    file->addSeparator();
    QAction* quit = file->addAction(QStringLiteral("&Quit"), &m_window, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    // Spelt out: the platform's standard Quit key is empty on some (offscreen).
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    return newDeal;
}

void WindowActions::askCalendarFile()
{
    const Result<QStringList> owners = m_service.reads().owners();
    const TeamSession& team = m_service.reads().team();
    CalendarFileDialog dialog(m_calendar, owners ? owners.value() : QStringList(),
                              team.isTeam ? team.user : Preferences::newDealOwner(), &m_window);
    if (dialog.exec() == QDialog::Accepted && m_calendar.setting()) {
        const QString& owner = m_calendar.setting()->owner;
        m_status.notify(QStringLiteral("Keeping %1 activities in %2.")
                            .arg(owner.isEmpty() ? QStringLiteral("everyone's") : owner + QStringLiteral("'s"),
                                 m_calendar.setting()->path));
    }
}

void WindowActions::buildEditMenu()
{
    QMenu* edit = m_window.menuBar()->addMenu(QStringLiteral("&Edit"));
    QAction* undo = m_undo.createUndoAction(&m_window, QStringLiteral("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    QObject::disconnect(undo, &QAction::triggered, &m_undo, &QUndoStack::undo);
    connect(undo, &QAction::triggered, this, [this] { undoOrRedo(false); });
    QAction* redo = m_undo.createRedoAction(&m_window, QStringLiteral("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    QObject::disconnect(redo, &QAction::triggered, &m_undo, &QUndoStack::redo);
    connect(redo, &QAction::triggered, this, [this] { undoOrRedo(true); });
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction* find = edit->addAction(QStringLiteral("&Find…"), this, [this] { m_filters.focusSearch(); });
    find->setShortcut(QKeySequence::Find);
    edit->addSeparator();
    edit->addAction(QStringLiteral("&Preferences…"), this,
                    [this] {
                        Preferences dialog(&m_window);
                        dialog.exec();
                    })
        ->setObjectName(QStringLiteral("preferencesAction"));
    // The reporting currency and the rates (the Reports view's button too).
    QAction* rates = edit->addAction(QStringLiteral("Currency and &exchange rates…"), this, [this] {
        RatesDialog dialog(
            m_service, m_undo, [status = &m_status](const Error& error) { status->report(error); }, &m_window);
        dialog.exec();
    });
    rates->setObjectName(QStringLiteral("ratesAction"));
    // A manager's editors: each saves as one undo step, and is greyed out
    // for a rep with the reason as its tooltip.
    const auto pushRules = [this](std::unique_ptr<DealAction<bool>> command) {
        if (const Result<bool> outcome = DealCommand::push(m_undo, std::move(command)); !outcome) {
            m_status.report(outcome.error());
        }
    };
    const auto managersOnly = [this](QAction* action, const QString& what, const QString& tip) {
        const QString why = m_service.reads().team().whyNotManage(what);
        action->setEnabled(why.isEmpty());
        action->setToolTip(why.isEmpty() ? tip : why);
    };
    // When a deal is marked as stalling in each stage.
    QAction* stall = edit->addAction(QStringLiteral("&Stall marks…"), this, [this, pushRules] {
        Result<StallMarks> marks = m_service.reports().stallMarks();
        if (!marks) {
            m_status.report(marks.error());
            return;
        }
        StallMarksDialog dialog(marks.value(), &m_window);
        if (dialog.exec() != QDialog::Accepted) {
            return;
        }
        pushRules(std::make_unique<StallMarksCommand>(
            m_service, [status = &m_status](const Error& error) { status->report(error); },
            QStringLiteral("Set the stall marks"), marks.value().rules, dialog.rules()));
    });
    stall->setObjectName(QStringLiteral("stallMarksAction"));
    managersOnly(stall, QStringLiteral("the stall marks"),
                 QStringLiteral("Set when a deal is marked as stalling in each stage"));
    // What a deal needs from each point of the pipeline on.
    QAction* rules = edit->addAction(QStringLiteral("Sta&ge rules…"), this, [this, pushRules] {
        Result<StageRules> stored = m_service.reports().stageRules();
        if (!stored) {
            m_status.report(stored.error());
            return;
        }
        StageRulesDialog dialog(stored.value(), &m_window);
        if (dialog.exec() != QDialog::Accepted) {
            return;
        }
        pushRules(std::make_unique<StageRulesCommand>(
            m_service, [status = &m_status](const Error& error) { status->report(error); },
            QStringLiteral("Set the stage rules"), stored.value(), dialog.rules()));
    });
    rules->setObjectName(QStringLiteral("stageRulesAction"));
    managersOnly(rules, QStringLiteral("the stages' rules"),
                 QStringLiteral("Set what a deal needs to enter or leave each stage"));
    // A checklist per stage, its required steps held like the rules.
    QAction* plans = edit->addAction(QStringLiteral("Stage &plans…"), this, [this] {
        Result<StagePlan> stored = m_service.reports().stagePlan();
        if (!stored) {
            m_status.report(stored.error());
            return;
        }
        const std::optional<DealId> selected = m_window.selectedDealId();
        const std::optional<Deal> deal = selected ? m_window.board().deal(*selected) : std::nullopt;
        StagePlanDialog dialog(stored.value(), deal ? deal->stage : Stage::Prospecting, &m_window);
        if (dialog.exec() != QDialog::Accepted) {
            return;
        }
        const Result<StagePlan> saved
            = DealCommand::push(m_undo,
                                std::make_unique<StagePlanCommand>(
                                    m_service, [status = &m_status](const Error& error) { status->report(error); },
                                    stored.value(), dialog.plan()));
        if (!saved) {
            m_status.report(saved.error());
        }
    });
    plans->setObjectName(QStringLiteral("stagePlansAction"));
    managersOnly(plans, QStringLiteral("the stages' plans"),
                 QStringLiteral("Write a checklist for each stage and choose the steps a deal needs ticked"));
    // Facts the team adds to every deal, needed from a point on like the rules.
    QAction* fields = edit->addAction(QStringLiteral("Custom &fields…"), this, [this] {
        Result<CustomFields> stored = m_service.reports().customFields();
        if (!stored) {
            m_status.report(stored.error());
            return;
        }
        // A save refused by a change elsewhere (the same key added meanwhile,
        // say) asks again with what the manager gave and why, over the fields
        // as they are now; nothing typed is lost.
        CustomFields wanted = stored.value();
        QString problem;
        for (;;) {
            CustomFieldsDialog dialog(wanted, &m_window);
            dialog.showProblem(problem);
            if (dialog.exec() != QDialog::Accepted) {
                return;
            }
            wanted = dialog.fields();
            const Result<CustomFields> saved
                = DealCommand::push(m_undo,
                                    std::make_unique<CustomFieldsCommand>(
                                        m_service, [status = &m_status](const Error& error) { status->report(error); },
                                        stored.value(), wanted));
            if (saved) {
                return;
            }
            problem = QStringLiteral("Not saved: %1").arg(saved.error().message);
            stored = m_service.reports().customFields();
            if (!stored) {
                m_status.report(stored.error());
                return;
            }
        }
    });
    fields->setObjectName(QStringLiteral("customFieldsAction"));
    managersOnly(fields, QStringLiteral("the custom fields"),
                 QStringLiteral("Add facts every deal keeps, show them on cards and choose where a deal needs them"));
}

void WindowActions::buildViewMenu()
{
    QMenu* view = m_window.menuBar()->addMenu(QStringLiteral("&View"));
    view->addAction(m_filters.showLost());
    view->addSeparator();
    addViewActions(view);
    view->addSeparator();
    m_showDetails = view->addAction(QStringLiteral("Deal &details panel"));
    m_showDetails->setCheckable(true);
    m_showDetails->setShortcut(QKeySequence(Qt::Key_F9));
}

void WindowActions::addViewActions(QMenu* view)
{
    // The tabs in the order they stand, Ctrl+1 to Ctrl+7; the forecast and
    // the quotas are views of their own.
    QAction* boardTab = view->addAction(QStringLiteral("&Board"), this, [this] { m_window.showReports(false); });
    boardTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    int tabKey = Qt::Key_2;
    for (const QString& name :
         {QStringLiteral("&Organizations"), QStringLiteral("&People"), QStringLiteral("&Attention")}) {
        const int index = tabKey - Qt::Key_2 + 1;
        QAction* action = view->addAction(name, this, [this, index] { m_window.tabs()->setCurrentIndex(index); });
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(tabKey++)));
    }
    QAction* reportsTab = view->addAction(QStringLiteral("&Reports"), this, [this] {
        m_window.showReports(true);
        m_window.reports()->openFigures();
    });
    reportsTab->setObjectName(QStringLiteral("showReportsAction"));
    reportsTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    QAction* forecast = view->addAction(QStringLiteral("&Forecast"), this,
                                        [this] { m_window.tabs()->setCurrentWidget(m_window.forecast()); });
    forecast->setObjectName(QStringLiteral("showForecastAction"));
    forecast->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_6));
    forecast->setToolTip(QStringLiteral("The forecast by close month, weighted and empirical"));
    QAction* quotas = view->addAction(QStringLiteral("&Quotas"), this,
                                      [this] { m_window.tabs()->setCurrentWidget(m_window.quotas()); });
    quotas->setObjectName(QStringLiteral("showQuotasAction"));
    quotas->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_7));
    quotas->setToolTip(QStringLiteral("Each owner's month against quota"));
}

void WindowActions::buildHelpMenu()
{
    QMenu* help = m_window.menuBar()->addMenu(QStringLiteral("&Help"));
    QAction* shortcuts = help->addAction(QStringLiteral("&Keyboard shortcuts"), this, [this] {
        ShortcutsDialog dialog(shortcutActions(), &m_window);
        dialog.exec();
    });
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    QAction* about = help->addAction(QStringLiteral("&About DealBoard"), this, [this] {
        AboutDialog dialog(m_service.reads().path(), m_service.reads().engine(), &m_window);
        dialog.exec();
    });
    about->setObjectName(QStringLiteral("aboutAction"));
    auto* guide = new QAction(QStringLiteral("&User guide"), help);
    help->insertAction(about, guide);
    guide->setObjectName(QStringLiteral("userGuideAction"));
    connect(guide, &QAction::triggered, this, [this] {
        const QString path = userGuidePath();
        if (path.isEmpty() || !QDesktopServices::openUrl(QUrl::fromLocalFile(path))) {
            m_status.notify(QStringLiteral("The user guide is not installed here; it is docs/user-guide.md in "
                                           "DealBoard's source."));
        }
    });
}

void WindowActions::buildToolbar(QAction* newDeal)
{
    QToolBar* toolbar = m_window.addToolBar(QStringLiteral("Board"));
    toolbar->setObjectName(QStringLiteral("boardToolbar"));
    toolbar->setMovable(false);
    toolbar->addAction(newDeal);
    // The details pane, also opened by Enter or a double-click on a card.
    m_showDetails->setIconText(QStringLiteral("Details"));
    m_showDetails->setObjectName(QStringLiteral("showDetailsAction"));
    toolbar->addAction(m_showDetails);
    toolbar->addSeparator();
    m_filters.addTo(toolbar);
    auto* spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addWidget(m_status.totals());
}

QList<QAction*> WindowActions::shortcutActions() const
{
    QList<QAction*> actions;
    for (QAction* menu : m_window.menuBar()->actions()) {
        if (menu->menu() != nullptr) {
            actions += menu->menu()->actions();
        }
    }
    return actions;
}

void WindowActions::undoOrRedo(bool redo)
{
    const int at = redo ? m_undo.index() : m_undo.index() - 1;
    const auto* command = dynamic_cast<const DealCommand*>(m_undo.command(at));
    if (redo) {
        m_undo.redo();
    } else {
        m_undo.undo();
    }
    if (command != nullptr && command->refused()) {
        // Nothing was undone (or redone): the stack stands where it stood,
        // so the menu still names this step and the next Ctrl+Z does not
        // reach past it to an older one.
        command->skipNext();
        m_undo.setIndex(redo ? at : at + 1);
        return;
    }
    if (command == nullptr) {
        return;
    }
    // A deal out of sight changed: never silently.
    QStringList hidden;
    for (DealId id : command->deals()) {
        const std::optional<Deal> deal = m_window.board().deal(id);
        if (deal.has_value() && m_window.board().column(deal->stage)->rowOf(id) < 0) {
            hidden << deal->title;
        }
    }
    if (hidden.isEmpty()) {
        return;
    }
    m_status.notify(
        QStringLiteral("%1 \u201c%2\u201d: %3 %4 hidden by the board's filters; clear the search and filters to "
                       "see %5.")
            .arg(redo ? QStringLiteral("Redid") : QStringLiteral("Undid"),
                 command->text().replace(QStringLiteral("&&"), QStringLiteral("&")), namedDeals(hidden),
                 hidden.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"),
                 hidden.size() == 1 ? QStringLiteral("it") : QStringLiteral("them")));
}

QString WindowActions::userGuidePath()
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
