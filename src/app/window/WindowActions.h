#pragma once

#include "OtherPipelines.h"
#include "activities/CalendarKeeper.h"
#include "dealboard/Pipeline.h"

#include <QList>
#include <QObject>

class QAction;
class QMenu;
class QUndoStack;

namespace dealboard::gui {

class BoardFilters;
class DealFiles;
class DealActions;
class DealMenu;
class MainWindow;
class StatusLine;

// The board window's menu bar and toolbar: File, Edit, Deal (DealMenu),
// View and Help, each action with its key, and the toolbar's New deal,
// Details, filters and totals.
class WindowActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowActions)

public:
    WindowActions(MainWindow& window, Pipeline& service, DealActions& deals, DealFiles& files, DealMenu& dealMenu,
                  BoardFilters& filters, StatusLine& status, QUndoStack& undo);

    // The menu bar, then the toolbar.
    void build();
    // Every menu action, in menu order (the Keyboard shortcuts window reads them).
    QList<QAction*> shortcutActions() const;
    // View › Deal details panel.
    QAction* showDetails() const { return m_showDetails; }
    // The user guide: installed beside the program, else in the source tree.
    static QString userGuidePath();

private:
    QAction* buildFileMenu(); // returns New deal, for the toolbar
    void buildEditMenu();
    void buildViewMenu();
    void buildHelpMenu();
    void buildToolbar(QAction* newDeal);
    // File › Keep activities in a calendar file…
    void askCalendarFile();
    // View › Board … Quotas, the tabs in order, Ctrl+1 to Ctrl+7.
    void addViewActions(QMenu* view);
    // Ctrl+Z and its redo: a step on a deal the filters hide is done and said,
    // naming the deal.
    void undoOrRedo(bool redo);

    MainWindow& m_window;
    Pipeline& m_service;
    DealActions& m_deals;
    DealFiles& m_files;
    DealMenu& m_dealMenu;
    BoardFilters& m_filters;
    StatusLine& m_status;
    QUndoStack& m_undo;
    OtherPipelines m_otherPipelines;
    CalendarKeeper m_calendar;
    QMenu* m_recent = nullptr;
    QAction* m_showDetails = nullptr;
};

} // namespace dealboard::gui
