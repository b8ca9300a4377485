#pragma once

#include "OtherPipelines.h"
#include "dealboard/Pipeline.h"

#include <QList>
#include <QObject>
#include <functional>

class QAction;
class QMenu;
class QPoint;
class QUndoStack;

namespace dealboard::gui {

class BoardFilters;
class DealActions;
class DealFiles;
class MainWindow;
class StatusLine;

// The board window's menus, toolbar and card menu: each action and its key,
// what it calls (the deal actions on the selection, the files, the views),
// and which actions the selected deals allow (one or several, and on a
// team's server what the signed-in user may do).
class WindowActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowActions)

public:
    WindowActions(MainWindow& window, Pipeline& service, DealActions& deals, DealFiles& files, BoardFilters& filters,
                  StatusLine& status, QUndoStack& undo);

    // The menu bar, then the toolbar.
    void build();
    // Enables what the selection allows, and says why not in the tooltips.
    void update();
    // The card's menu at `position` in the column's view.
    void showCardMenu(Stage stage, const QPoint& position);
    // Every menu action, in menu order (the Keyboard shortcuts window reads them).
    QList<QAction*> shortcutActions() const;
    // View › Deal details panel.
    QAction* showDetails() const { return m_showDetails; }
    // Deal › Delete…, also the Delete key on a card.
    QAction* deleteAction() const { return m_delete; }
    // Deal › Plan activity…, also the details pane's link.
    void planActivity();
    // The user guide: installed beside the program, else in the source tree.
    static QString userGuidePath();

private:
    QAction* buildFileMenu(); // returns New deal, for the toolbar
    void buildEditMenu();
    void buildDealMenu();
    void buildViewMenu();
    void buildHelpMenu();
    void buildToolbar(QAction* newDeal);
    // View › Board … Quotas, the tabs in order, Ctrl+1 to Ctrl+7.
    void addViewActions(QMenu* view);
    // Ctrl+Z and its redo: a step on a deal the filters hide is done and said,
    // naming the deal.
    void undoOrRedo(bool redo);
    void showActivities();
    void editContactFrequency();
    // Runs `action` on the selected deal, when there is one.
    void onSelected(const std::function<void(DealId)>& action);
    // Runs `several` when more than one deal is selected, else `one` on the
    // selected deal.
    void forSelection(const std::function<void(DealId)>& one, const std::function<void(const QList<DealId>&)>& several);

    MainWindow& m_window;
    Pipeline& m_service;
    DealActions& m_deals;
    DealFiles& m_files;
    BoardFilters& m_filters;
    StatusLine& m_status;
    QUndoStack& m_undo;
    OtherPipelines m_otherPipelines;
    QMenu* m_recent = nullptr;
    QAction* m_showDetails = nullptr;
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
