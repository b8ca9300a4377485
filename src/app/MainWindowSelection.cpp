// The board's selection: one card on the whole board for a plain click or
// key, more with Ctrl and Shift; kept for the cards still shown when a
// filter, a sort or a reload lays the columns anew; counted in the status
// bar; and which actions then work on all of the selected deals.
#include "MainWindow.h"
#include "board/BoardModel.h"
#include "board/DealListView.h"
#include "board/StageColumn.h"
#include "board/StageColumnModel.h"
#include "common/ShownText.h"
#include "deals/DealNames.h"
#include "undo/DealCommand.h"

#include <QAction>
#include <QApplication>
#include <QItemSelectionModel>
#include <QLabel>
#include <QScrollArea>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>
#include <algorithm>

namespace dealboard::gui {

void MainWindow::watchSelection()
{
    for (StageColumn* column : m_columns) {
        DealListView* view = column->view();
        connect(view, &DealListView::selectionPicked, this, [this, view](bool alone) { pickedIn(view, alone); });
        connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::selectionGrew);
        connect(view, &DealListView::focusArrived, this,
                [this, view](Qt::FocusReason reason) { keyboardArrived(view, reason); });
    }
    m_selectionCount = new QLabel(this);
    m_selectionCount->setObjectName(QStringLiteral("selectionCount"));
    m_selectionCount->setToolTip(QStringLiteral("Drag them, or use the Deal menu to move, assign, plan, mark lost "
                                                "or delete them in one step"));
    m_selectionCount->hide();
    statusBar()->addPermanentWidget(m_selectionCount);
    connect(m_board, &BoardModel::columnsAboutToReset, this, [this] {
        m_kept = selectedDealIds();
        m_keptCurrent = m_selected;
        if (!m_board->applyingOutsideChanges()) {
            m_leaving = selectionAsShown();
        }
    });
    connect(m_board, &BoardModel::columnsReset, this, [this] {
        keepSelection(m_kept, m_keptCurrent, false);
        if (!m_board->applyingOutsideChanges()) {
            sayWhoLeft(std::exchange(m_leaving, {}));
        }
    });
    // Other processes' commits: a selected deal they move, delete or hide
    // leaves the selection, and the status bar says which and why.
    connect(m_board, &BoardModel::outsideChangesAboutToApply, this, [this] { m_leaving = selectionAsShown(); });
    connect(m_board, &BoardModel::outsideChangesApplied, this, [this] {
        const std::vector<ShownDeal> before = std::exchange(m_leaving, {});
        if (before.size() > 1 && (!m_selected || !selectedDealIds().contains(*m_selected))) {
            // The deal in the pane left: the pane shows another one still selected.
            const QList<DealId> still = selectedDealIds();
            m_selected = still.isEmpty() ? std::nullopt : std::optional<DealId>(still.front());
            updateDetails();
        }
        sayWhoLeft(before);
    });
}

std::vector<MainWindow::ShownDeal> MainWindow::selectionAsShown() const
{
    std::vector<ShownDeal> shown;
    for (DealId id : selectedDealIds()) {
        if (const Deal* deal = m_board->deal(id)) {
            shown.push_back({id, deal->title, deal->stage, deal->status});
        }
    }
    return shown;
}

void MainWindow::sayWhoLeft(const std::vector<ShownDeal>& before)
{
    if (before.size() < 2) {
        return; // one deal's pane follows it, or closes
    }
    const QList<DealId> now = selectedDealIds();
    QStringList titles;
    QStringList reasons;
    for (const ShownDeal& shown : before) {
        if (!now.contains(shown.id)) {
            titles << shown.title;
            reasons << whyLeft(shown);
        }
    }
    if (titles.isEmpty()) {
        return;
    }
    QString said;
    if (reasons.count(reasons.front()) == reasons.size()) {
        // "'Acme renewal' and 'Beta pilot' left the selection: moved to Closing by bob."
        said = QStringLiteral("%1 left the selection: %2.").arg(namedDeals(titles), reasons.front());
    } else {
        // Each deal with its own reason, the first few and how many more.
        constexpr qsizetype Told = 3;
        QStringList each;
        for (qsizetype i = 0; i < std::min(Told, titles.size()); ++i) {
            each << QStringLiteral("%1 %2").arg(namedDeals({titles.at(i)}), reasons.at(i));
        }
        if (titles.size() > Told) {
            each << QStringLiteral("%1 more").arg(titles.size() - Told);
        }
        said = QStringLiteral("%1 deals left the selection: %2.")
                   .arg(titles.size())
                   .arg(each.join(QStringLiteral("; ")));
    }
    if (!now.isEmpty()) {
        said += now.size() == 1 ? QStringLiteral(" 1 deal is still selected.")
                                : QStringLiteral(" %L1 deals are still selected.").arg(now.size());
    }
    notify(said);
    selectionGrew();
}

QString MainWindow::whyLeft(const ShownDeal& shown) const
{
    const Deal* deal = m_board->deal(shown.id);
    if (deal == nullptr) {
        return QStringLiteral("deleted elsewhere");
    }
    // Who took the step, when the deal's history says.
    const auto by = [this, &shown] {
        Result<std::vector<HistoryEntry>> history = m_service.deals().history(shown.id);
        if (!history || history.value().empty()) {
            return QStringLiteral(" elsewhere");
        }
        const auto last = std::max_element(history.value().begin(), history.value().end(),
                                           [](const HistoryEntry& a, const HistoryEntry& b) { return a.id < b.id; });
        return last->actor.isEmpty() ? QStringLiteral(" elsewhere")
                                     : QStringLiteral(" by %1").arg(shownText(last->actor));
    };
    if (deal->status != shown.status) {
        const QString status = deal->status == DealStatus::Won ? QStringLiteral("marked won")
            : deal->status == DealStatus::Lost                 ? QStringLiteral("marked lost")
                                                               : QStringLiteral("reopened");
        return status + by();
    }
    if (deal->stage != shown.stage) {
        return QStringLiteral("moved to %1").arg(stageName(deal->stage)) + by();
    }
    return QStringLiteral("hidden by the board's filters");
}

void MainWindow::pickedIn(DealListView* view, bool alone)
{
    if (alone) {
        for (StageColumn* other : m_columns) {
            if (other->view() != view) {
                other->view()->clearSelection();
            }
        }
    }
    const QList<DealId> picked = selectedDealIds();
    const std::optional<DealId> current = view->currentDealId();
    if (current && view->selectionModel()->isSelected(view->currentIndex())) {
        m_selected = current;
    } else if (!m_selected || !picked.contains(*m_selected)) {
        m_selected = picked.isEmpty() ? std::nullopt : std::optional<DealId>(picked.front());
    }
    updateDetails();
    selectionGrew();
}

void MainWindow::keyboardArrived(DealListView* view, Qt::FocusReason reason)
{
    // The ring and the selection are on one card, so that every key acts on
    // the card the rep sees ringed. A click picks its card itself.
    const QModelIndex current = view->currentIndex();
    if (reason == Qt::MouseFocusReason || !current.isValid() || view->selectionModel()->isSelected(current)) {
        return;
    }
    const bool tabbed = reason == Qt::TabFocusReason || reason == Qt::BacktabFocusReason;
    if (!tabbed && m_selected) {
        // Back from a dialog, a menu or the pane: to the selected card.
        const Deal* deal = m_board->deal(*m_selected);
        const int row = deal ? m_board->column(deal->stage)->rowOf(*m_selected) : -1;
        if (row >= 0 && !column(deal->stage)->isCollapsed()) {
            DealListView* home = column(deal->stage)->view();
            home->selectionModel()->setCurrentIndex(home->model()->index(row, 0), QItemSelectionModel::Select);
            if (home != view) {
                home->setFocus(Qt::OtherFocusReason);
            }
            return;
        }
    }
    if (tabbed) {
        // Tab into a column selects the card it rings, as a plain click would.
        selectDeals({current.data(StageColumnModel::DealIdRole).toLongLong()}, false);
    }
}

void MainWindow::keepSelection(const QList<DealId>& ids, std::optional<DealId> current, bool focus)
{
    const std::optional<DealId> before = m_selected;
    m_selected.reset();
    // A card selected into a collapsed column (moved there, say) opens it:
    // nothing selected is out of sight.
    for (DealId id : ids) {
        if (const Deal* deal = m_board->deal(id);
            deal != nullptr && column(deal->stage)->isCollapsed() && m_board->column(deal->stage)->rowOf(id) >= 0) {
            column(deal->stage)->setCollapsed(false);
        }
    }
    for (StageColumn* column : m_columns) {
        column->view()->selectOnly(ids);
    }
    QList<DealId> order = ids;
    if (current) {
        order.prepend(*current);
    }
    // The keyboard on the board stays on the selected card (Enter, Delete
    // and the moves act on one card).
    auto* keyboard = qobject_cast<DealListView*>(QApplication::focusWidget());
    for (DealId id : order) {
        const Deal* deal = m_board->deal(id);
        const int row = deal ? m_board->column(deal->stage)->rowOf(id) : -1;
        if (row < 0) {
            continue; // gone, or hidden by a filter: no longer selected
        }
        DealListView* view = column(deal->stage)->view();
        const QModelIndex index = view->model()->index(row, 0);
        view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::Select);
        view->scrollTo(index);
        if (focus) {
            // Into a window the form has just left, too: it gets the focus back here.
            view->setFocus(Qt::OtherFocusReason);
            // A card moved into a far column is brought into sight across
            // too, now and once a column it opened is laid out.
            bringIntoView(id);
            QTimer::singleShot(0, this, [this, id] {
                if (m_selected == id) {
                    bringIntoView(id);
                }
            });
        } else if (keyboard != nullptr && keyboard != view) {
            view->setFocus(Qt::OtherFocusReason);
        }
        m_selected = id;
        break;
    }
    if (m_selected != before) {
        updateDetails();
    }
    selectionGrew();
}

void MainWindow::bringIntoView(DealId id)
{
    const Deal* deal = m_board->deal(id);
    const int row = deal ? m_board->column(deal->stage)->rowOf(id) : -1;
    if (row < 0) {
        return;
    }
    DealListView* view = column(deal->stage)->view();
    const QModelIndex index = view->model()->index(row, 0);
    view->scrollTo(index);
    // Across: the whole column in sight (the board scrolls sideways only).
    StageColumn* shown = column(deal->stage);
    const QPoint at = shown->mapTo(m_boardScroll->widget(), QPoint(0, 0));
    m_boardScroll->ensureVisible(at.x() + shown->width() / 2, 0, shown->width() / 2 + 1, 0);
}

void MainWindow::selectDeals(const QList<DealId>& ids, bool focus)
{
    keepSelection(ids, ids.isEmpty() ? std::nullopt : std::optional<DealId>(ids.front()), focus);
}

void MainWindow::selectDeal(DealId id)
{
    const Deal* deal = m_board->deal(id);
    if (deal == nullptr) {
        return;
    }
    if (m_board->column(deal->stage)->rowOf(id) < 0) {
        notify(QStringLiteral("%1 is hidden by the board's filters.").arg(quotedText(deal->title)));
    }
    // The keyboard follows when it was on the board.
    selectDeals({id}, qobject_cast<DealListView*>(QApplication::focusWidget()) != nullptr);
}

void MainWindow::followSelected(DealId id)
{
    // Keep the selection on a deal that moved, here or in another process;
    // one of several that another process moved leaves the selection instead
    // (said once its changes are all applied).
    if (m_selected == id && !(m_board->applyingOutsideChanges() && m_leaving.size() > 1)) {
        const Deal* deal = m_board->deal(id);
        if (deal == nullptr || !column(deal->stage)->view()->selectedDealIds().contains(id)) {
            selectDeal(id);
            updateDetails(); // the same deal, now elsewhere: the pane reads it again
        } else {
            updateDetails();
        }
    }
    updateActions();
}

QList<DealId> MainWindow::selectedDealIds() const
{
    QList<DealId> ids;
    for (StageColumn* column : m_columns) {
        ids += column->view()->selectedDealIds();
    }
    // The current deal, when a reload left no card selected; never one the
    // filters hide.
    if (ids.isEmpty() && m_selected) {
        if (const Deal* deal = m_board->deal(*m_selected);
            deal && m_board->column(deal->stage)->rowOf(*m_selected) >= 0) {
            ids << *m_selected;
        }
    }
    return ids;
}

void MainWindow::forSelection(const std::function<void(DealId)>& one,
                              const std::function<void(const QList<DealId>&)>& several)
{
    const QList<DealId> ids = selectedDealIds();
    if (ids.size() > 1) {
        several(ids);
    } else if (ids.size() == 1) {
        one(ids.front());
    }
}

void MainWindow::selectionGrew()
{
    updateActions();
    updateSelectionCount();
}

void MainWindow::updateSelectionCount()
{
    const qsizetype count = selectedDealIds().size();
    m_selectionCount->setText(count == 1 ? QStringLiteral("1 deal selected")
                                         : QStringLiteral("%L1 deals selected").arg(count));
    m_selectionCount->setVisible(count > 0);
}

void MainWindow::undoOrRedo(bool redo)
{
    const int at = redo ? m_undo->index() : m_undo->index() - 1;
    const auto* command = dynamic_cast<const DealCommand*>(m_undo->command(at));
    if (redo) {
        m_undo->redo();
    } else {
        m_undo->undo();
    }
    if (command == nullptr || command->refused()) {
        return;
    }
    // A deal out of sight changed: never silently.
    QStringList hidden;
    for (DealId id : command->deals()) {
        const Deal* deal = m_board->deal(id);
        if (deal != nullptr && m_board->column(deal->stage)->rowOf(id) < 0) {
            hidden << deal->title;
        }
    }
    if (hidden.isEmpty()) {
        return;
    }
    notify(QStringLiteral("%1 \u201c%2\u201d: %3 %4 hidden by the board's filters; clear the search and filters to "
                          "see %5.")
               .arg(redo ? QStringLiteral("Redid") : QStringLiteral("Undid"),
                    command->text().replace(QStringLiteral("&&"), QStringLiteral("&")), namedDeals(hidden),
                    hidden.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"),
                    hidden.size() == 1 ? QStringLiteral("it") : QStringLiteral("them")));
}

} // namespace dealboard::gui
