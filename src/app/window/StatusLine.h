#pragma once

#include "dealboard/Pipeline.h"

#include <QString>

class QLabel;
class QStatusBar;
class QWidget;

namespace dealboard::gui {

class BoardModel;

// What the board window says: a refusal or what was done in the status bar,
// a wait for another writer, how many deals are selected, and the pipeline's
// open deals and weighted value (shown in the toolbar).
class StatusLine final
{
public:
    StatusLine(QStatusBar* bar, QWidget* window);

    void report(const Error& error);
    void notify(const QString& message);
    // A message of its own length; 0 keeps it until the next one.
    void say(const QString& message, int timeoutMs = 0);
    // Shows that an action waits for another process's write (DealStore's wait observer).
    void showWaitingForWriter();
    void showSelectionCount(qsizetype count);
    void showTotals(const BoardModel& board);
    // The totals' label, for the toolbar.
    QLabel* totals() const { return m_totals; }
    // Says how many deals have a stage or status DealBoard doesn't know.
    void reportDealsOutsideTheStages(Pipeline& service);

private:
    QStatusBar* m_bar;
    QLabel* m_selectionCount;
    QLabel* m_totals;
};

} // namespace dealboard::gui
