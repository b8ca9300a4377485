#pragma once

#include "board/DealListView.h"
#include "dealboard/Stage.h"

#include <QFrame>

class QLabel;

namespace dealboard::gui {

class BoardModel;
class StageColumnModel;

// One stage of the board: a header with the stage, its deal count, total and
// weighted value, and the list of cards below it.
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

private:
    void showDropHint(DropHint hint);

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
};

} // namespace dealboard::gui
