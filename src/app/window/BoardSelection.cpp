#include "BoardSelection.h"

#include "StatusLine.h"
#include "board/BoardModel.h"
#include "board/DealListView.h"
#include "board/StageColumn.h"
#include "board/StageColumnModel.h"
#include "common/ShownText.h"
#include "deals/DealNames.h"

#include <QApplication>
#include <QItemSelectionModel>
#include <QScrollArea>
#include <QTimer>
#include <algorithm>

namespace dealboard::gui {

BoardSelection::BoardSelection(Pipeline& service, BoardModel& board,
                               const std::array<StageColumn*, StageCount>& columns, QScrollArea* boardScroll,
                               StatusLine& status, QObject* parent)
    : QObject(parent)
    , m_service(service)
    , m_board(board)
    , m_columns(columns)
    , m_boardScroll(boardScroll)
    , m_status(status)
{
    watch();
}

void BoardSelection::watch()
{
    for (StageColumn* column : m_columns) {
        DealListView* view = column->view();
        connect(view, &DealListView::selectionPicked, this, [this, view](bool alone) { pickedIn(view, alone); });
        connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &BoardSelection::announce);
        connect(view, &DealListView::focusArrived, this,
                [this, view](Qt::FocusReason reason) { keyboardArrived(view, reason); });
    }
    connect(&m_board, &BoardModel::columnsAboutToReset, this, [this] {
        m_kept = ids();
        m_keptCurrent = m_current;
        if (!m_board.applyingOutsideChanges()) {
            m_leaving = asShown();
        }
    });
    connect(&m_board, &BoardModel::columnsReset, this, [this] {
        keep(m_kept, m_keptCurrent, false);
        if (!m_board.applyingOutsideChanges()) {
            sayWhoLeft(std::exchange(m_leaving, {}));
        }
    });
    // Other processes' commits: a selected deal they move, delete or hide
    // leaves the selection, and the status bar says which and why.
    connect(&m_board, &BoardModel::outsideChangesAboutToApply, this, [this] { m_leaving = asShown(); });
    connect(&m_board, &BoardModel::outsideChangesApplied, this, [this] {
        const std::vector<ShownDeal> before = std::exchange(m_leaving, {});
        if (before.size() > 1 && (!m_current || !ids().contains(*m_current))) {
            // The deal in the pane left: the pane shows another one still selected.
            const QList<DealId> still = ids();
            m_current = still.isEmpty() ? std::nullopt : std::optional<DealId>(still.front());
            Q_EMIT currentChanged();
        }
        sayWhoLeft(before);
    });
}

std::vector<BoardSelection::ShownDeal> BoardSelection::asShown() const
{
    std::vector<ShownDeal> shown;
    for (DealId id : ids()) {
        if (const std::optional<Deal> deal = m_board.deal(id)) {
            shown.push_back({id, deal->title, deal->stage, deal->status});
        }
    }
    return shown;
}

void BoardSelection::sayWhoLeft(const std::vector<ShownDeal>& before)
{
    if (before.size() < 2) {
        return; // one deal's pane follows it, or closes
    }
    const QList<DealId> now = ids();
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
    m_status.notify(said);
    announce();
}

QString BoardSelection::whyLeft(const ShownDeal& shown) const
{
    const std::optional<Deal> deal = m_board.deal(shown.id);
    if (!deal) {
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

void BoardSelection::pickedIn(DealListView* view, bool alone)
{
    if (alone) {
        for (StageColumn* other : m_columns) {
            if (other->view() != view) {
                other->view()->clearSelection();
            }
        }
    }
    const QList<DealId> picked = ids();
    const std::optional<DealId> current = view->currentDealId();
    if (current && view->selectionModel()->isSelected(view->currentIndex())) {
        m_current = current;
    } else if (!m_current || !picked.contains(*m_current)) {
        m_current = picked.isEmpty() ? std::nullopt : std::optional<DealId>(picked.front());
    }
    Q_EMIT currentChanged();
    announce();
}

void BoardSelection::keyboardArrived(DealListView* view, Qt::FocusReason reason)
{
    // The ring and the selection are on one card, so that every key acts on
    // the card the rep sees ringed. A click picks its card itself.
    const QModelIndex current = view->currentIndex();
    if (reason == Qt::MouseFocusReason || !current.isValid() || view->selectionModel()->isSelected(current)) {
        return;
    }
    const bool tabbed = reason == Qt::TabFocusReason || reason == Qt::BacktabFocusReason;
    if (!tabbed && m_current) {
        // Back from a dialog, a menu or the pane: to the selected card.
        const std::optional<Deal> deal = m_board.deal(*m_current);
        const int row = deal ? m_board.column(deal->stage)->rowOf(*m_current) : -1;
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

void BoardSelection::keep(const QList<DealId>& ids, std::optional<DealId> current, bool focus)
{
    const std::optional<DealId> before = m_current;
    m_current.reset();
    // A card selected into a collapsed column (moved there, say) opens it:
    // nothing selected is out of sight.
    for (DealId id : ids) {
        if (const std::optional<Deal> deal = m_board.deal(id);
            deal.has_value() && column(deal->stage)->isCollapsed() && m_board.column(deal->stage)->rowOf(id) >= 0) {
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
        const std::optional<Deal> deal = m_board.deal(id);
        const int row = deal ? m_board.column(deal->stage)->rowOf(id) : -1;
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
                if (m_current == id) {
                    bringIntoView(id);
                }
            });
        } else if (keyboard != nullptr && keyboard != view) {
            view->setFocus(Qt::OtherFocusReason);
        }
        m_current = id;
        break;
    }
    if (m_current != before) {
        Q_EMIT currentChanged();
    }
    announce();
}

void BoardSelection::bringIntoView(DealId id)
{
    const std::optional<Deal> deal = m_board.deal(id);
    const int row = deal ? m_board.column(deal->stage)->rowOf(id) : -1;
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

void BoardSelection::selectDeals(const QList<DealId>& ids, bool focus)
{
    keep(ids, ids.isEmpty() ? std::nullopt : std::optional<DealId>(ids.front()), focus);
}

void BoardSelection::selectDeal(DealId id)
{
    const std::optional<Deal> deal = m_board.deal(id);
    if (!deal) {
        return;
    }
    if (m_board.column(deal->stage)->rowOf(id) < 0) {
        m_status.notify(QStringLiteral("%1 is hidden by the board's filters.").arg(quotedText(deal->title)));
    }
    // The keyboard follows when it was on the board.
    selectDeals({id}, qobject_cast<DealListView*>(QApplication::focusWidget()) != nullptr);
}

bool BoardSelection::follow(DealId id)
{
    // Keep the selection on a deal that moved, here or in another process;
    // one of several that another process moved leaves the selection instead
    // (said once its changes are all applied).
    if (m_current != id || (m_board.applyingOutsideChanges() && m_leaving.size() > 1)) {
        return false;
    }
    const std::optional<Deal> deal = m_board.deal(id);
    if (!deal || !column(deal->stage)->view()->selectedDealIds().contains(id)) {
        selectDeal(id); // the same deal, now elsewhere: the pane reads it again
    }
    return true;
}

bool BoardSelection::forget(DealId id)
{
    const bool wasCurrent = m_current == id;
    if (wasCurrent) {
        m_current.reset();
    }
    // The columns drop the card after this: counted once they have.
    QMetaObject::invokeMethod(this, &BoardSelection::announce, Qt::QueuedConnection);
    return wasCurrent;
}

void BoardSelection::columnCollapsed(StageColumn* stageColumn)
{
    // Its cards leave the selection (the deal in the pane too), and the
    // status bar says which when the rep had them selected.
    QList<DealId> left = stageColumn->hiddenSelection();
    if (m_current && !left.contains(*m_current)) {
        if (const std::optional<Deal> deal = m_board.deal(*m_current); deal && deal->stage == stageColumn->stage()) {
            left << *m_current;
        }
    }
    if (left.isEmpty()) {
        return;
    }
    QList<DealId> still;
    for (StageColumn* other : m_columns) {
        still += other->view()->selectedDealIds();
    }
    if (m_current && left.contains(*m_current)) {
        m_current.reset();
    }
    QStringList titles;
    for (DealId id : left) {
        if (const std::optional<Deal> deal = m_board.deal(id)) {
            titles << deal->title;
        }
    }
    keep(still, m_current, false);
    QString said = QStringLiteral("%1 left the selection: %2 is collapsed.")
                       .arg(namedDeals(titles), stageName(stageColumn->stage()));
    if (!still.isEmpty()) {
        said += still.size() == 1 ? QStringLiteral(" 1 deal is still selected.")
                                  : QStringLiteral(" %L1 deals are still selected.").arg(still.size());
    }
    m_status.notify(said);
}

void BoardSelection::focusNeighbour(Stage from, int direction)
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

QList<DealId> BoardSelection::ids() const
{
    QList<DealId> ids;
    for (StageColumn* column : m_columns) {
        ids += column->view()->selectedDealIds();
    }
    // The current deal, when a reload left no card selected; never one the
    // filters hide.
    if (ids.isEmpty() && m_current) {
        if (const std::optional<Deal> deal = m_board.deal(*m_current);
            deal && m_board.column(deal->stage)->rowOf(*m_current) >= 0) {
            ids << *m_current;
        }
    }
    return ids;
}

void BoardSelection::announce()
{
    Q_EMIT changed();
    m_status.showSelectionCount(ids().size());
}

} // namespace dealboard::gui
