#include "board/DealListView.h"

#include "board/BoardStyle.h"
#include "board/StageColumnModel.h"

#include <QApplication>
#include <QDrag>
#include <QDragEnterEvent>
#include <QFocusEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QSet>
#include <algorithm>

namespace dealboard::gui {

DealListView::DealListView(QWidget* parent)
    : QListView(parent)
{
    setUniformItemSizes(true);
    setSpacing(BoardStyle::CardSpacing / 2);
    // Ctrl/Shift-click and Ctrl+A select several cards.
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(false);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true);
    viewport()->setAutoFillBackground(false);
    setAttribute(Qt::WA_MacShowFocusRect, false);
}

void DealListView::setDropHintProvider(std::function<DropHint(const QList<DealId>&)> provider)
{
    m_dropHint = std::move(provider);
}

std::optional<DealId> DealListView::currentDealId() const
{
    const QModelIndex current = currentIndex();
    if (!current.isValid()) {
        return std::nullopt;
    }
    return current.data(StageColumnModel::DealIdRole).toLongLong();
}

QList<DealId> DealListView::selectedDealIds() const
{
    QModelIndexList rows = selectionModel()->selectedIndexes();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QList<DealId> ids;
    for (const QModelIndex& row : rows) {
        ids << row.data(StageColumnModel::DealIdRole).toLongLong();
    }
    return ids;
}

void DealListView::selectOnly(const QList<DealId>& ids)
{
    const QSet<DealId> wanted(ids.begin(), ids.end());
    QItemSelection selection;
    for (int row = 0; row < model()->rowCount(); ++row) {
        const QModelIndex index = model()->index(row, 0);
        if (wanted.contains(index.data(StageColumnModel::DealIdRole).toLongLong())) {
            selection.select(index, index);
        }
    }
    selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void DealListView::mousePressEvent(QMouseEvent* event)
{
    m_pressed = QPersistentModelIndex(indexAt(event->position().toPoint()));
    m_pressedAt = event->position().toPoint();
    m_lockedSaid = false;
    m_dragged = false;
    const bool wasSelected = m_pressed.isValid() && selectionModel()->isSelected(m_pressed);
    QListView::mousePressEvent(event);
    if (!m_pressed.isValid()) {
        return;
    }
    const bool extending = event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier);
    // A plain press on a selected card keeps the selection until the release
    // (a drag takes them all), as a right-click does for its menu.
    m_pickOnRelease = !extending && wasSelected && event->button() == Qt::LeftButton;
    if (!m_pickOnRelease && (extending || !wasSelected)) {
        Q_EMIT selectionPicked(!extending);
    }
}

void DealListView::mouseReleaseEvent(QMouseEvent* event)
{
    const bool pick = m_pickOnRelease && !m_dragged && event->button() == Qt::LeftButton && m_pressed.isValid()
        && m_pressed == indexAt(event->position().toPoint());
    m_pickOnRelease = false;
    QListView::mouseReleaseEvent(event);
    if (pick) {
        Q_EMIT selectionPicked(true);
    }
}

void DealListView::mouseMoveEvent(QMouseEvent* event)
{
    // Qt starts no drag for a card that may not be dragged, and says nothing:
    // say why, once, when the pointer has moved as far as a drag would need.
    const bool locked = (event->buttons() & Qt::LeftButton) && m_pressed.isValid()
        && !m_pressed.flags().testFlag(Qt::ItemIsDragEnabled);
    if (locked && !m_lockedSaid
        && (event->position().toPoint() - m_pressedAt).manhattanLength() >= QApplication::startDragDistance()) {
        m_lockedSaid = true;
        Q_EMIT lockedDragAttempted(m_pressed.data(StageColumnModel::DealIdRole).value<qint64>());
    }
    if (locked) {
        // Nor does the attempt become a range selection of the cards passed over.
        return;
    }
    QListView::mouseMoveEvent(event);
}

void DealListView::startDrag(Qt::DropActions)
{
    // The card under the pointer, whatever was selected before (a drop
    // selects the dropped card, and Qt may keep that selection on press);
    // with it every selected card of this column, when it is one of them.
    const QModelIndex pressed = m_pressed;
    if (!pressed.isValid() || selectionModel() == nullptr) {
        return;
    }
    m_dragged = true;
    QModelIndexList indexes = {pressed};
    if (selectionModel()->isSelected(pressed) && selectionModel()->selectedIndexes().size() > 1) {
        indexes = selectionModel()->selectedIndexes();
        std::sort(indexes.begin(), indexes.end(),
                  [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
        indexes.removeIf([](const QModelIndex& index) { return !index.flags().testFlag(Qt::ItemIsDragEnabled); });
    } else {
        selectionModel()->setCurrentIndex(pressed, QItemSelectionModel::ClearAndSelect);
    }
    QMimeData* mime = model()->mimeData(indexes);
    if (mime == nullptr) {
        return;
    }
    auto* drag = new QDrag(this);
    drag->setMimeData(mime);
    // A picture of the card under the cursor, with how many go when several do.
    const QRect rect = visualRect(pressed);
    QPixmap picture(rect.size() * devicePixelRatioF());
    picture.setDevicePixelRatio(devicePixelRatioF());
    picture.fill(Qt::transparent);
    {
        QPainter painter(&picture);
        painter.setOpacity(0.9);
        QStyleOptionViewItem option;
        initViewItemOption(&option);
        option.rect = QRect(QPoint(0, 0), rect.size());
        option.state |= QStyle::State_Selected;
        itemDelegateForIndex(pressed)->paint(&painter, option, pressed);
        if (indexes.size() > 1) {
            painter.setOpacity(1.0);
            const QString count = QStringLiteral("%1 deals").arg(indexes.size());
            QFont bold = font();
            bold.setBold(true);
            painter.setFont(bold);
            const QRect badge = QFontMetrics(bold).boundingRect(count).adjusted(-6, -3, 6, 3);
            const QRect placed(rect.width() - badge.width() - 4, rect.height() - badge.height() - 4, badge.width(),
                               badge.height());
            painter.setPen(Qt::NoPen);
            painter.setBrush(palette().highlight());
            painter.drawRoundedRect(placed, 4, 4);
            painter.setPen(palette().highlightedText().color());
            painter.drawText(placed, Qt::AlignCenter, count);
        }
    }
    drag->setPixmap(picture);
    drag->setHotSpot(viewport()->mapFromGlobal(QCursor::pos()) - rect.topLeft());
    Q_EMIT dragStarting(StageColumnModel::decodeDealIds(mime));
    // The rows follow the service's answer; whatever the drop did, remove nothing here.
    drag->exec(Qt::MoveAction, Qt::MoveAction);
}

void DealListView::keyPressEvent(QKeyEvent* event)
{
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    if (event->matches(QKeySequence::SelectAll)) {
        QListView::keyPressEvent(event);
        Q_EMIT selectionPicked(false);
        return;
    }
    if (modifiers == Qt::NoModifier) {
        switch (event->key()) {
        case Qt::Key_Left:
            Q_EMIT neighbourRequested(-1);
            return;
        case Qt::Key_Right:
            Q_EMIT neighbourRequested(1);
            return;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (const auto id = currentDealId()) {
                pickCurrent();
                Q_EMIT openRequested(*id);
            }
            return;
        case Qt::Key_Delete:
            if (const auto id = currentDealId()) {
                pickCurrent();
                Q_EMIT deleteRequested(*id);
            }
            return;
        default:
            break;
        }
    }
    const QModelIndex before = currentIndex();
    const QItemSelection selectedBefore = selectionModel()->selection();
    QListView::keyPressEvent(event);
    if (currentIndex() != before || selectionModel()->selection() != selectedBefore) {
        Q_EMIT selectionPicked(!(modifiers & (Qt::ControlModifier | Qt::ShiftModifier)));
    }
}

void DealListView::pickCurrent()
{
    const QModelIndex current = currentIndex();
    if (current.isValid() && !selectionModel()->isSelected(current)) {
        selectionModel()->setCurrentIndex(current, QItemSelectionModel::ClearAndSelect);
        Q_EMIT selectionPicked(true);
    }
}

void DealListView::focusInEvent(QFocusEvent* event)
{
    QListView::focusInEvent(event);
    Q_EMIT focusArrived(event->reason());
}

void DealListView::dragEnterEvent(QDragEnterEvent* event)
{
    QListView::dragEnterEvent(event);
    if (m_dropHint) {
        Q_EMIT dropHintChanged(m_dropHint(StageColumnModel::decodeDealIds(event->mimeData())));
    }
}

void DealListView::dragLeaveEvent(QDragLeaveEvent* event)
{
    QListView::dragLeaveEvent(event);
    Q_EMIT dropHintChanged(DropHint::None);
}

void DealListView::dropEvent(QDropEvent* event)
{
    Q_EMIT dropHintChanged(DropHint::None);
    // Ask the model, which turns the drop into a move request; then tell the
    // source view the drop was handled so that it removes nothing.
    const QList<DealId> ids = StageColumnModel::decodeDealIds(event->mimeData());
    if (ids.isEmpty() || model() == nullptr) {
        event->ignore();
        stopAutoScroll();
        setState(NoState);
        return;
    }
    model()->dropMimeData(event->mimeData(), Qt::MoveAction, -1, -1, QModelIndex());
    event->setDropAction(Qt::IgnoreAction);
    event->accept();
    // QAbstractItemView::dropEvent, which is not called, would end the drag
    // state; left in it, the next mouse move starts a drag of whatever is
    // selected instead of the card under the pointer.
    stopAutoScroll();
    setState(NoState);
}

void DealListView::mouseDoubleClickEvent(QMouseEvent* event)
{
    QListView::mouseDoubleClickEvent(event);
    if (const auto id = currentDealId()) {
        Q_EMIT openRequested(*id);
    }
}

} // namespace dealboard::gui
