// MainWindow, kept current: the selection and what follows it (details,
// enabled actions), the totals, the filters, the status bar. MainWindow.cpp
// builds the window.
#include "MainWindow.h"
#include "activities/ActivitiesDialog.h"
#include "activities/ActivityDialog.h"
#include "activities/ActivityFlow.h"
#include "board/BoardModel.h"
#include "board/BoardStyle.h"
#include "board/CardDelegate.h"
#include "board/StageColumn.h"
#include "board/StageColumnModel.h"
#include "common/AboutDialog.h"
#include "common/ConnectDialog.h"
#include "common/Keyring.h"
#include "common/Numbers.h"
#include "common/RecentPipelines.h"
#include "common/ServerBoardLaunch.h"
#include "common/ShortcutsDialog.h"
#include "common/ShownText.h"
#include "contacts/AttentionView.h"
#include "contacts/ContactForm.h"
#include "contacts/ContactFrequencyDialog.h"
#include "contacts/ContactsView.h"
#include "dealboard/TransitionEngine.h"
#include "deals/DealActions.h"
#include "deals/DealFiles.h"
#include "reports/ForecastPanel.h"
#include "reports/ReportsView.h"
#include "undo/UndoCommands.h"

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
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <spdlog/spdlog.h>

namespace dealboard::gui {

void MainWindow::showReports(bool show)
{
    m_tabs->setCurrentWidget(show ? static_cast<QWidget*>(m_reports) : m_stack);
}

void MainWindow::updateOwners()
{
    // The deals' owners and, on a team's server, every user of the team.
    QStringList owners = m_board->owners();
    for (const TeamMember& member : m_teamMembers) {
        if (!owners.contains(member.name)) {
            owners << member.name;
        }
    }
    owners.sort(Qt::CaseInsensitive);
    m_reports->setOwners(owners);
    m_forecast->setOwners(owners);
    const QString wanted = m_owner->count() == 0 ? m_owner->property("restoreOwner").toString()
                                                 : (m_owner->currentIndex() <= 0 ? QString() : m_owner->currentText());
    QSignalBlocker blocker(m_owner);
    m_owner->clear();
    m_owner->addItem(QStringLiteral("All owners"));
    m_owner->addItems(owners);
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
    QStringList amounts {QStringLiteral("%1 %2").arg(Numbers::compact(weighted.value(Money::defaultCurrency())),
                                                     Money::defaultCurrency())};
    for (auto it = weighted.cbegin(); it != weighted.cend(); ++it) {
        if (it.key() != Money::defaultCurrency()) {
            amounts << QStringLiteral("%1 %2").arg(Numbers::compact(it.value()), it.key());
        }
    }
    m_summary->setText(
        QStringLiteral("%1 · weighted %2")
            .arg(open == 1 ? QStringLiteral("1 open deal") : QStringLiteral("%1 open deals").arg(Numbers::count(open)),
                 amounts.join(QStringLiteral(" + "))));
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

    // On a team's server: what the signed-in user may not do is disabled,
    // and its tooltip says who may.
    const TeamSession& team = m_service.reads().team();
    const QString why = deal ? shownText(team.whyNotChange(deal->owner, quotedText(deal->title))) : QString();
    for (QAction* action : {m_edit, m_delete, m_moveNext, m_movePrevious, m_win, m_lose, m_reopen, m_planActivity}) {
        if (!why.isEmpty()) {
            action->setEnabled(false);
        }
        action->setToolTip(why); // empty: Qt's own tooltip, the action's text
    }
    m_assignOwner->setEnabled(m_edit->isEnabled());
    m_assignOwner->setToolTip(why);
    // Several deals: the actions that work on each of them; the service says
    // which it refuses.
    if (selectedDealIds().size() > 1) {
        for (QAction* action : {m_moveNext, m_movePrevious, m_lose, m_delete, m_planActivity, m_assignOwner}) {
            action->setEnabled(true);
            action->setToolTip({});
        }
        for (QAction* action : {m_edit, m_win, m_reopen, m_activities, m_followUp}) {
            action->setEnabled(false);
            action->setToolTip(QStringLiteral("Works on one deal; several are selected"));
        }
    }
    const QString notManager = team.whyNotManage(QStringLiteral("the contact frequencies"));
    m_contactFrequency->setEnabled(notManager.isEmpty());
    m_contactFrequency->setToolTip(notManager);
}

void MainWindow::updateSegments()
{
    Result<std::vector<Segment>> segments = m_service.contacts().segments();
    if (!segments) {
        report(segments.error());
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
        (void)m_board->setSegment(current);
    } else if (!current.isEmpty()) {
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
    if (const QList<DealId> ids = selectedDealIds(); ids.size() > 1) {
        std::vector<Deal> deals;
        for (DealId id : ids) {
            if (const Deal* deal = m_board->deal(id)) {
                deals.push_back(*deal);
            }
        }
        if (ActivityFlow::planForSeveral(this, m_service, deals)) {
            notify(QStringLiteral("Planned an activity on each of %1 deals.").arg(deals.size()));
        }
        return;
    }
    const Deal* deal = m_selected ? m_board->deal(*m_selected) : nullptr;
    if (deal != nullptr && ActivityFlow::plan(this, m_service, *deal)) {
        notify(QStringLiteral("Planned an activity on %1.").arg(quotedText(deal->title)));
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

void MainWindow::report(const Error& error)
{
    statusBar()->showMessage(shownText(error.message, true), 15000);
}

void MainWindow::notify(const QString& message)
{
    statusBar()->showMessage(shownText(message, true), 6000);
}

void MainWindow::focusNeighbour(Stage from, int direction)
{
    const int target = stageIndex(from) + direction;
    if (target < 0 || target >= StageCount) {
        return;
    }
    DealListView* current = m_columns[stageIndex(from)]->view();
    DealListView* next = m_columns[target]->view();
    if (next->model()->rowCount() == 0 || m_columns[target]->isCollapsed()) {
        // Skip empty and collapsed columns in the direction of travel.
        focusNeighbour(static_cast<Stage>(target), direction);
        return;
    }
    const int row = std::min(std::max(current->currentIndex().row(), 0), next->model()->rowCount() - 1);
    // A plain key: the card reached is the one selected on the board.
    selectDeals({next->model()->index(row, 0).data(StageColumnModel::DealIdRole).toLongLong()}, true);
}

void MainWindow::showCardMenu(Stage stage, const QPoint& position)
{
    DealListView* view = column(stage)->view();
    const QModelIndex index = view->indexAt(position);
    if (!index.isValid()) {
        return;
    }
    // The menu acts on the selection the right-click left (the card, or the
    // selected cards it is one of).
    if (!view->selectionModel()->isSelected(index)) {
        selectDeals({index.data(StageColumnModel::DealIdRole).toLongLong()}, false);
    }
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

void MainWindow::requestMove(const QList<DealId>& ids, Stage target)
{
    hideRefusals();
    m_dealActions->move(ids, target);
}

void MainWindow::hideRefusals()
{
    // The rep acts again: an earlier refusal has been read.
    for (StageColumn* stageColumn : m_columns) {
        stageColumn->hideRefusal();
    }
}

void MainWindow::importFile(const QString& path)
{
    m_dealFiles->importFile(path);
}

// The selected deal, for the actions that work on it.
void MainWindow::onSelected(const std::function<void(DealId)>& action)
{
    if (m_selected) {
        action(*m_selected);
    }
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

void MainWindow::reportDealsOutsideTheStages()
{
    if (const int strays = m_service.reads().dealsOutsideTheStages(); strays > 0) {
        spdlog::warn("{} deal(s) of {} have a stage or status DealBoard doesn't know", strays,
                     m_service.reads().path().toStdString());
        report(makeError(ErrorCode::NotADatabase,
                         QStringLiteral("%1 deal(s) have a stage or status DealBoard doesn't know; they are shown "
                                        "as open in Prospecting. A check of the pipeline lists them.")
                             .arg(strays)));
    }
}

void MainWindow::connectToServer()
{
    ConnectDialog dialog(QString(), this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const QString server = dialog.url();
    if (dialog.rememberPassword()) {
        Keyring::keep(server, dialog.password());
    } else {
        Keyring::forget(server);
    }
    if (ServerBoardLaunch::start(QCoreApplication::applicationFilePath(), server, dialog.password()) == 0) {
        report(makeError(ErrorCode::Storage, QStringLiteral("Couldn't start DealBoard for %1.").arg(server)));
        return;
    }
    RecentPipelines::add(server);
    notify(QStringLiteral("Opening %1 in a board of its own…").arg(server));
}

} // namespace dealboard::gui
