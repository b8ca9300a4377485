#pragma once

#include "dealboard/OwnerSplit.h"
#include "dealboard/Pipeline.h"
#include "dealboard/PipelineReport.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QTableWidget;
class QTabWidget;

namespace dealboard::gui {

class AccuracyPanel;
class ReportCharts;
class OwnerTable;
class StageTable;

// The manager's view: the conversion funnel, days in stage against the goals,
// lost deals by stage and reason, and a table with every number. The figures
// come from the service's report; this view only draws them.
class ReportsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportsView)

public:
    explicit ReportsView(Pipeline& service, QWidget* parent = nullptr);

    ReportFilter filter() const;
    void setFilter(const ReportFilter& filter);
    const PipelineReport& report() const { return m_report; }
    void setOwners(const QStringList& owners);
    // The filters and column widths as the rep left them, kept in QSettings
    // when the window closes and put back when the view is made.
    void saveFilters() const;

    // Recomputes the report now (the view also does so on every filter change).
    void refresh();
    // Marks the figures stale; they are recomputed when the view is next shown.
    void invalidate();
    // The stall marks shown beside the goals: the board's, read once for both
    // (the team's stays take seconds at a million deals).
    void setStallMarks(const StallMarks& marks)
    {
        m_stallMarks = marks;
        invalidate();
    }
    // Shows the view whose widget is named `name` ("ownerSplitTable"); the
    // stages' charts and table otherwise.
    void openTable(const QString& name);
    // Shows the figures by stage, or by owner where that was shown last.
    void openFigures();

Q_SIGNALS:
    void errorOccurred(const dealboard::Error& error);
    void message(const QString& text);
    // "Currency and rates…": the window opens the dialog, with its undo stack.
    void ratesRequested();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void restoreFilters();

    void showReport();
    // The split by owner, read only while its tab is shown.
    void refreshOwners();
    void refreshShownTab();
    void editGoals();
    // Writes the table in view (by stage, by owner).
    void exportCsv();

    Pipeline& m_service;
    PipelineReport m_report;
    StallMarks m_stallMarks;
    bool m_stale = true;
    QCheckBox* m_fromSet;
    QDateEdit* m_from;
    QCheckBox* m_toSet;
    QDateEdit* m_to;
    QComboBox* m_owner;
    QComboBox* m_mode;
    QString m_restoreOwner; // the saved owner, until the owners are known
    QLabel* m_summary;
    ReportCharts* m_charts;
    StageTable* m_table;
    QTabWidget* m_tables; // the views: by stage, by owner
    OwnerTable* m_owners;
    AccuracyPanel* m_accuracy;
    AccuracyPanel* m_slipped;
    OwnerSplit m_split; // as the owners' table shows it
    bool m_ownersStale = true;
};

} // namespace dealboard::gui
