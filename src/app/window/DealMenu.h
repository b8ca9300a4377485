#pragma once

#include "dealboard/Pipeline.h"

#include <QList>
#include <QObject>
#include <functional>

class QAction;
class QMenuBar;
class QPoint;

namespace dealboard::gui {

class DealActions;
class MainWindow;
class StatusLine;

// The Deal menu and the card menu: the actions on the selected deals (one,
// or several where the action works on each), and which of them the
// selection allows, with why not in the tooltips (several deals selected; on
// a team's server, what the signed-in user may not change).
class DealMenu final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DealMenu)

public:
    DealMenu(MainWindow& window, Pipeline& service, DealActions& deals, StatusLine& status);

    void addTo(QMenuBar* menuBar);
    // Enables what the selection allows, and says why not in the tooltips.
    void update();
    // The card's menu at `position` in the column's view.
    void showCardMenu(Stage stage, const QPoint& position);
    // Deal › Delete…, also the Delete key on a card.
    QAction* deleteAction() const { return m_delete; }
    // Deal › Plan activity…, also the details pane's link.
    void planActivity();

private:
    void showActivities();
    void editContactFrequency();
    // The deal the one-deal actions act on, when it is on the board.
    std::optional<Deal> selectedDeal() const;
    // Runs `action` on the selected deal, when there is one.
    void onSelected(const std::function<void(DealId)>& action);
    // Runs `several` when more than one deal is selected, else `one` on the
    // selected deal.
    void forSelection(const std::function<void(DealId)>& one, const std::function<void(const QList<DealId>&)>& several);

    MainWindow& m_window;
    Pipeline& m_service;
    DealActions& m_deals;
    StatusLine& m_status;
    QAction* m_edit = nullptr;
    QAction* m_assignOwner = nullptr;
    QAction* m_moveNext = nullptr;
    QAction* m_movePrevious = nullptr;
    QAction* m_win = nullptr;
    QAction* m_lose = nullptr;
    QAction* m_reopen = nullptr;
    QAction* m_planActivity = nullptr;
    QAction* m_activities = nullptr;
    QAction* m_followUp = nullptr;
    QAction* m_contactFrequency = nullptr;
    QAction* m_delete = nullptr;
};

} // namespace dealboard::gui
