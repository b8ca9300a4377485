#pragma once

#include "dealboard/Pipeline.h"

#include <QMainWindow>
#include <array>
#include <functional>
#include <memory>
#include <vector>

class QComboBox;
class QFrame;
class QLabel;
class QMenu;
class QLineEdit;
class QScrollArea;
class QSplitter;
class QStackedWidget;
class QUrl;
class QTimer;
class QUndoStack;
class QAction;
class QTabWidget;

namespace dealboard::gui {

class AttentionView;
class BoardModel;
class DealActions;
class DealPane;
class DealFiles;
struct DealActionHooks;
class CardDelegate;
class DealListView;
class ContactsView;
class ForecastPanel;
class QuotaPanel;
class ReportsView;
class StageColumn;

// The board window: seven stage columns, search and owner filter, the deal
// details panel, menus and the undo stack. Every action goes through the
// service; the window holds no pipeline rules.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Pipeline& service, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shows that an action waits for another process's write (DealStore's wait observer).
    void showWaitingForWriter();
    // Every menu action, in menu order (the Keyboard shortcuts window reads them).
    QList<QAction*> shortcutActions() const;
    // Says how many deals have a stage or status DealBoard doesn't know.
    void reportDealsOutsideTheStages();
    Result<void> load(bool progressively = false);

    BoardModel& board() { return *m_board; }
    QUndoStack& undoStack() { return *m_undo; }
    StageColumn* column(Stage stage) const { return m_columns[stageIndex(stage)]; }
    ReportsView* reports() const { return m_reports; }
    ForecastPanel* forecast() const { return m_forecast; }
    QuotaPanel* quotas() const { return m_quotas; }
    ContactsView* organizations() const { return m_organizations; }
    ContactsView* people() const { return m_people; }
    AttentionView* attention() const { return m_attention; }
    QTabWidget* tabs() const { return m_tabs; }
    QComboBox* segmentFilter() const { return m_segment; }
    QComboBox* activityFilter() const { return m_activityView; }
    void showReports(bool show);

    // The deal the rep has selected, if any; selecting scrolls it into view.
    std::optional<DealId> selectedDealId() const { return m_selected; }
    // Every selected deal (Ctrl/Shift-click, Ctrl+A), column by column, top
    // to bottom (MainWindowSelection.cpp).
    QList<DealId> selectedDealIds() const;
    // Selects exactly this deal on the whole board (nothing when the filters hide it).
    void selectDeal(DealId id);
    // Selects exactly these deals (those shown), the first current; `focus`
    // puts the keyboard on it, as after a move.
    void selectDeals(const QList<DealId>& ids, bool focus);
    // Shows the deal in the details pane (opening it) and puts the keyboard there.
    void openDetails(DealId id);
    DealPane* details() const { return m_details; }

    // Moves the deals as a drop or a shortcut asks; a refusal the rep can fix
    // opens the missing-facts form.
    void requestMove(const QList<DealId>& ids, Stage target);
    // Imports a CSV file, all or nothing; a refusal lists each fault.
    void importFile(const QString& path);
    // Opens another pipeline in a board of its own (File > Open, Open recent).
    void openPipeline(const QString& path);
    // File > Connect to server…: the dialog, then the server's pipeline in a
    // board of its own (MainWindowState.cpp).
    void connectToServer();
    // The user guide: installed beside the program, else in the source tree.
    static QString userGuidePath();
    // Where a window whose frame stands at `frame` around its contents at
    // `contents` goes so that its frame fits `available`: smaller (never
    // below `minimum`), then moved in.
    static QRect fittedGeometry(const QRect& frame, const QRect& contents, const QRect& available,
                                const QSize& minimum);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void buildActions();
    void buildToolbar(QAction* newDeal);
    // View › Board … Quotas, the tabs in order, Ctrl+1 to Ctrl+7 (MainWindowViews.cpp).
    void addViewActions(QMenu* view);
    // The size of a first start, and the window kept on its screen, frame
    // and all, whatever tab is shown (MainWindowViews.cpp).
    QSize firstSize() const;
    void keepOnScreen();
    void buildBoard();
    void restoreSettings();
    void saveSettings() const;
    void updateEmptyState();
    void updateTotals();
    void buildDetails(); // MainWindowDetails.cpp
    void updateDetails();
    void followDetailsLink(const QUrl& link);
    void updateActions();
    void updateOwners();
    void hideRefusals();
    void report(const Error& error);
    void notify(const QString& message);
    // Ctrl+Z and its redo: a step on a deal the filters hide is done and said,
    // naming the deal (MainWindowSelection.cpp).
    void undoOrRedo(bool redo);
    void focusNeighbour(Stage from, int direction);
    void showCardMenu(Stage stage, const QPoint& position);

    // Runs `action` on the selected deal, when there is one.
    void onSelected(const std::function<void(DealId)>& action);
    // Runs `several` when more than one deal is selected, else `one` on the
    // selected deal.
    void forSelection(const std::function<void(DealId)>& one, const std::function<void(const QList<DealId>&)>& several);
    // Says how many deals are selected, and enables what works on several.
    void selectionGrew();
    // MainWindowSelection.cpp: a click or key in a column, a selection kept
    // across a filter or sort, a deal changed elsewhere.
    void watchSelection();
    void pickedIn(DealListView* view, bool alone);
    void keepSelection(const QList<DealId>& ids, std::optional<DealId> current, bool focus);
    void keyboardArrived(DealListView* view, Qt::FocusReason reason);
    // Scrolls the board so that the deal's card is in sight, across too.
    void bringIntoView(DealId id);
    void followSelected(DealId id);
    // A selected deal as it stood, to say why it left the selection.
    struct ShownDeal
    {
        DealId id;
        QString title;
        Stage stage;
        DealStatus status;
    };
    std::vector<ShownDeal> selectionAsShown() const;
    // Says which of several selected deals left the selection, and why.
    void sayWhoLeft(const std::vector<ShownDeal>& before);
    QString whyLeft(const ShownDeal& shown) const;
    void updateSelectionCount();
    // MainWindowFilters.cpp: the note over a filtered board, what each
    // pipeline's board remembers, collapsed columns.
    QWidget* withFilterNote(QWidget* board);
    void updateFilterNote();
    void clearFilters();
    void restoreBoardView();
    void saveBoardView() const;
    void fitBoardWidth(QWidget* boardArea);
    void columnCollapsed(StageColumn* column, QWidget* boardArea);
    void planActivity();
    void editContactFrequency();
    void showActivities();
    void fillRecent();
    void updateSegments();

    Pipeline& m_service;
    BoardModel* m_board;
    CardDelegate* m_delegate;
    QUndoStack* m_undo;
    std::unique_ptr<DealActionHooks> m_hooks;
    std::unique_ptr<DealActions> m_dealActions;
    std::unique_ptr<DealFiles> m_dealFiles;
    std::array<StageColumn*, StageCount> m_columns {};
    QStackedWidget* m_stack = nullptr;
    QTabWidget* m_tabs = nullptr;
    ReportsView* m_reports = nullptr;
    ForecastPanel* m_forecast = nullptr;
    QuotaPanel* m_quotas = nullptr;
    QSplitter* m_splitter = nullptr;
    QScrollArea* m_boardScroll = nullptr; // the columns, side by side
    DealPane* m_details = nullptr;
    bool m_rereadingForEdit = false; // a stale edit of the pane is being compared again
    QLineEdit* m_search = nullptr;
    QComboBox* m_owner = nullptr;
    QComboBox* m_segment = nullptr;
    QComboBox* m_activityView = nullptr;
    ContactsView* m_organizations = nullptr;
    ContactsView* m_people = nullptr;
    AttentionView* m_attention = nullptr;
    QMenu* m_recent = nullptr;
    QAction* m_planActivity = nullptr;
    QAction* m_activities = nullptr;
    QAction* m_followUp = nullptr;
    QLabel* m_summary = nullptr;
    QTimer* m_searchDelay = nullptr;
    QTimer* m_poll = nullptr;
    QAction* m_showLost = nullptr;
    QAction* m_myDeals = nullptr;
    QAction* m_contactFrequency = nullptr;
    std::vector<TeamMember> m_teamMembers; // on a team's server, for the owner filters
    QAction* m_showDetails = nullptr;
    QAction* m_moveNext = nullptr;
    QAction* m_movePrevious = nullptr;
    QAction* m_edit = nullptr;
    QAction* m_assignOwner = nullptr;
    QAction* m_win = nullptr;
    QAction* m_lose = nullptr;
    QAction* m_reopen = nullptr;
    QAction* m_delete = nullptr;
    std::optional<DealId> m_selected;
    QList<DealId> m_kept; // selected while the columns are laid anew
    std::optional<DealId> m_keptCurrent;
    std::vector<ShownDeal> m_leaving; // selected before other processes' changes or a filter
    QLabel* m_selectionCount = nullptr;
    QFrame* m_filterNote = nullptr;
    QLabel* m_filterNoteText = nullptr;
    QString m_actor;
};

} // namespace dealboard::gui
