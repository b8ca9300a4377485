#pragma once

#include "dealboard/Pipeline.h"

#include <QMainWindow>
#include <array>
#include <memory>
#include <optional>

class QComboBox;
class QTabWidget;
class QUndoStack;
class QAction;

namespace dealboard::gui {

class AttentionView;
class BoardFilters;
class BoardModel;
class BoardSelection;
class ContactsView;
class DealActions;
class DealFiles;
class DealMenu;
class DealPane;
class DetailsSide;
class ForecastPanel;
class QuotaPanel;
class ReportsView;
class StageColumn;
class StatusLine;
class WindowActions;
class WindowState;
class WindowViews;
struct DealActionHooks;

// The board window: seven stage columns, the toolbar's search and filters,
// the deal details pane, the menus, the other views' tabs and the undo
// stack. It assembles; the parts behave, each in src/app/window/: the
// selection (BoardSelection), the filters (BoardFilters), the status line
// (StatusLine), the menus and actions (WindowActions, DealMenu), the window's state
// (WindowState), the tabs (WindowViews) and the details pane's requests
// (DetailsSide). Every action goes through the service; the window holds no
// pipeline rules.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Pipeline& service, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Every menu action, in menu order (the Keyboard shortcuts window reads them).
    QList<QAction*> shortcutActions() const;
    Result<void> load(bool progressively = false);

    BoardModel& board() { return *m_board; }
    QUndoStack& undoStack() { return *m_undo; }
    StageColumn* column(Stage stage) const { return m_columns[stageIndex(stage)]; }
    ReportsView* reports() const;
    ForecastPanel* forecast() const;
    QuotaPanel* quotas() const;
    ContactsView* organizations() const;
    ContactsView* people() const;
    AttentionView* attention() const;
    QTabWidget* tabs() const;
    QComboBox* segmentFilter() const;
    QComboBox* activityFilter() const;
    void showReports(bool show);

    // The deal the rep has selected, if any; selecting scrolls it into view.
    std::optional<DealId> selectedDealId() const;
    // Every selected deal (Ctrl/Shift-click, Ctrl+A), column by column, top
    // to bottom.
    QList<DealId> selectedDealIds() const;
    // Selects exactly this deal on the whole board (nothing when the filters hide it).
    void selectDeal(DealId id);
    // Selects exactly these deals (those shown), the first current; `focus`
    // puts the keyboard on it, as after a move.
    void selectDeals(const QList<DealId>& ids, bool focus);
    // Shows the deal in the details pane (opening it) and puts the keyboard there.
    void openDetails(DealId id);
    DealPane* details() const;

    // Moves the deals as a drop or a shortcut asks; a refusal the rep can fix
    // opens the missing-facts form.
    void requestMove(const QList<DealId>& ids, Stage target);
    // Imports a CSV file, all or nothing; a refusal lists each fault.
    void importFile(const QString& path);
    // The rep acts again, or a deal changed: an earlier refusal beside a
    // column has been read, or may be untrue.
    void hideRefusals();

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void buildBoard();
    // The board's page: the welcome of an empty pipeline, or the columns
    // beside the details pane.
    QWidget* buildEmptyState();
    void updateEmptyState();
    void updateTotals();
    void updateOwners();
    void updateActions();
    void followSelected(DealId id);
    void fitBoardWidth(QWidget* boardArea);
    void columnCollapsed(StageColumn* column, QWidget* boardArea);

    Pipeline& m_service;
    QString m_actor; // the system user, the actor of the history rows this board writes
    BoardModel* m_board;
    QUndoStack* m_undo;
    std::unique_ptr<StatusLine> m_status;
    std::unique_ptr<DealActionHooks> m_hooks;
    std::unique_ptr<DealActions> m_dealActions;
    std::unique_ptr<DealFiles> m_dealFiles;
    BoardFilters* m_filters;
    DealMenu* m_dealMenu;
    WindowActions* m_actions;
    std::array<StageColumn*, StageCount> m_columns {};
    BoardSelection* m_selection = nullptr;
    DetailsSide* m_details = nullptr;
    std::unique_ptr<WindowViews> m_views;
    std::unique_ptr<WindowState> m_state;
};

} // namespace dealboard::gui
