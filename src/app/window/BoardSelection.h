#pragma once

#include "dealboard/Pipeline.h"

#include <QList>
#include <QObject>
#include <array>
#include <functional>
#include <optional>
#include <vector>

class QScrollArea;

namespace dealboard::gui {

class BoardModel;
class DealListView;
class StageColumn;
class StatusLine;

// The board's selection: one card on the whole board for a plain click or
// key, more with Ctrl and Shift; kept for the cards still shown when a
// filter, a sort or a reload lays the columns anew; and said in the status
// line when a selected deal leaves it (another process moved it, a filter
// hid it, its column collapsed).
class BoardSelection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardSelection)

public:
    BoardSelection(Pipeline& service, BoardModel& board, const std::array<StageColumn*, StageCount>& columns,
                   QScrollArea* boardScroll, StatusLine& status, QObject* parent);

    // The deal the details pane shows and the one-deal actions act on.
    std::optional<DealId> current() const { return m_current; }
    // Every selected deal, column by column, top to bottom.
    QList<DealId> ids() const;
    // Selects exactly this deal on the whole board (nothing when the filters hide it).
    void selectDeal(DealId id);
    // Selects exactly these deals (those shown), the first current; `focus`
    // puts the keyboard on it, as after a move.
    void selectDeals(const QList<DealId>& ids, bool focus);
    // A deal changed here or elsewhere: the selection stays on it; true when
    // the pane must read it again.
    bool follow(DealId id);
    // A deal gone from the board leaves the selection; true when it was the current one.
    bool forget(DealId id);
    // The cards of a column just collapsed leave the selection, said.
    void columnCollapsed(StageColumn* column);
    // The keyboard to the next column's card in `direction`, skipping empty
    // and collapsed columns.
    void focusNeighbour(Stage from, int direction);
    // Counts the selection again and tells what acts on it.
    void announce();

Q_SIGNALS:
    // Another deal is current: the details pane follows.
    void currentChanged();
    // The selection grew or shrank: the actions that work on it follow.
    void changed();

private:
    // A selected deal as it stood, to say why it left the selection.
    struct ShownDeal
    {
        DealId id;
        QString title;
        Stage stage;
        DealStatus status;
    };
    void watch();
    void pickedIn(DealListView* view, bool alone);
    void keyboardArrived(DealListView* view, Qt::FocusReason reason);
    void keep(const QList<DealId>& ids, std::optional<DealId> current, bool focus);
    // Scrolls the board so that the deal's card is in sight, across too.
    void bringIntoView(DealId id);
    std::vector<ShownDeal> asShown() const;
    // Says which of several selected deals left the selection, and why.
    void sayWhoLeft(const std::vector<ShownDeal>& before);
    QString whyLeft(const ShownDeal& shown) const;
    StageColumn* column(Stage stage) const { return m_columns[stageIndex(stage)]; }

    Pipeline& m_service;
    BoardModel& m_board;
    const std::array<StageColumn*, StageCount>& m_columns;
    QScrollArea* m_boardScroll;
    StatusLine& m_status;
    std::optional<DealId> m_current;
    QList<DealId> m_kept; // selected while the columns are laid anew
    std::optional<DealId> m_keptCurrent;
    std::vector<ShownDeal> m_leaving; // selected before other processes' changes or a filter
};

} // namespace dealboard::gui
