#pragma once

#include "board/DealListView.h"
#include "dealboard/Stage.h"

#include <QFrame>

class QLabel;
class QMenu;
class QToolButton;

namespace dealboard::gui {

class BoardModel;
class StageColumnModel;

// One stage of the board: a header with the stage, its deal count, total and
// weighted value, and the list of cards below it. Its menu sorts the cards
// and collapses the column to a narrow strip with its count and total.
class StageColumn final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StageColumn)

public:
    StageColumn(Stage stage, BoardModel& board, QAbstractItemDelegate* delegate, QWidget* parent = nullptr);

    Stage stage() const { return m_stage; }
    DealListView* view() const { return m_view; }
    void updateTotals();
    QString headerSummary() const; // the header's text, for tests and accessibility
    // Why a move aimed at this column was refused, shown at its top until the
    // rep closes it or acts again (hideRefusal).
    void showRefusal(const QString& why);
    void hideRefusal();
    bool showsRefusal() const;
    QString refusalText() const;
    void setCollapsed(bool collapsed);
    bool isCollapsed() const { return m_collapsed; }
    // The deals whose cards were selected when the column last collapsed.
    QList<DealId> hiddenSelection() const { return m_hiddenSelection; }
    QWidget* strip() const { return m_strip; } // shown while collapsed
    QMenu* menu() const { return m_menu; }
    static constexpr int StripWidth = 34;

Q_SIGNALS:
    void collapsedChanged(bool collapsed);

private:
    void showDropHint(DropHint hint);
    DropHint dropHintFor(const QList<DealId>& ids) const;
    void showSort();

    Stage m_stage;
    BoardModel& m_board;
    QWidget* m_header = nullptr;
    StageColumnModel* m_model;
    DealListView* m_view;
    QLabel* m_title;
    QLabel* m_count;
    QLabel* m_totals;
    QFrame* m_refusal;
    QLabel* m_refusalText;
    QToolButton* m_menuButton = nullptr;
    QMenu* m_menu = nullptr;
    QWidget* m_strip = nullptr;
    bool m_collapsed = false;
    QList<DealId> m_hiddenSelection;
};

} // namespace dealboard::gui
