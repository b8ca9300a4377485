#pragma once

#include "dealboard/Pipeline.h"

class QStackedWidget;
class QTabWidget;
class QWidget;

namespace dealboard::gui {

class AttentionView;
class ContactsView;
class ForecastPanel;
class QuotaPanel;
class ReportsView;
class StatusLine;

// The board window's tabs: the board, the organizations, the people, the
// deals needing attention, the reports, the forecast and the quotas; each
// view's refusals and messages said in the status line, and the figures
// read again when next shown after the pipeline changed.
class WindowViews final
{
public:
    WindowViews(Pipeline& service, QStackedWidget* board, StatusLine& status);

    QTabWidget* tabs() const { return m_tabs; }
    // The board's page: the empty pipeline's welcome, or the columns.
    QStackedWidget* board() const { return m_board; }
    ReportsView* reports() const { return m_reports; }
    ForecastPanel* forecast() const { return m_forecast; }
    QuotaPanel* quotas() const { return m_quotas; }
    ContactsView* organizations() const { return m_organizations; }
    ContactsView* people() const { return m_people; }
    AttentionView* attention() const { return m_attention; }
    void showReports(bool show);

private:
    QStackedWidget* m_board;
    ReportsView* m_reports;
    ForecastPanel* m_forecast;
    QuotaPanel* m_quotas;
    ContactsView* m_organizations;
    ContactsView* m_people;
    AttentionView* m_attention;
    QTabWidget* m_tabs;
};

} // namespace dealboard::gui
