#pragma once

#include "dealboard/Deal.h"

#include <QListView>
#include <functional>

namespace dealboard::gui {

// How a drop would be received, asked of the rules before the rep lets go.
enum class DropHint { None, Allowed, NeedsFacts, Refused };

// One column's list of cards. Drags carry deal ids; a drop asks the model,
// which asks the service. The view never removes rows after a drag.
class DealListView final : public QListView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DealListView)

public:
    explicit DealListView(QWidget* parent = nullptr);

    // Lets the column ask how the deals being dragged would be received here.
    void setDropHintProvider(std::function<DropHint(const QList<DealId>&)> provider);
    std::optional<DealId> currentDealId() const;
    // Deals of the selected cards, top to bottom.
    QList<DealId> selectedDealIds() const;
    // Selects exactly these cards of the column (none of them: clears it).
    void selectOnly(const QList<DealId>& ids);

Q_SIGNALS:
    void neighbourRequested(int direction); // Left / Right: focus the next column
    void openRequested(dealboard::DealId id);
    void deleteRequested(dealboard::DealId id);
    void dropHintChanged(dealboard::gui::DropHint hint);
    // A drag of these deals begins (the card under the pointer).
    void dragStarting(const QList<dealboard::DealId>& ids);
    // The rep tried to drag a card they may not move (a teammate's deal on a
    // team's server): said once per press, with the card's tooltip.
    void lockedDragAttempted(dealboard::DealId id);
    // The rep picked cards with the mouse or the keys: `alone` when without
    // Ctrl or Shift, which then selects exactly the current card on the board.
    void selectionPicked(bool alone);
    // The keyboard came to the column (Tab, back from a dialog, a menu or
    // the pane): the window makes the card it is on the selected one.
    void focusArrived(Qt::FocusReason reason);

protected:
    void startDrag(Qt::DropActions supportedActions) override;
    void keyPressEvent(QKeyEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;

private:
    // Enter and Delete act on the card the keyboard is on: one not selected
    // (left by Ctrl+arrows) becomes the selection first, as a click makes it.
    void pickCurrent();

    // The card the mouse was pressed on: the one a drag takes.
    QPersistentModelIndex m_pressed;
    QPoint m_pressedAt;
    bool m_lockedSaid = false;
    bool m_dragged = false; // since the press
    bool m_pickOnRelease = false; // a plain press on a selected card
    std::function<DropHint(const QList<DealId>&)> m_dropHint;
};

} // namespace dealboard::gui
