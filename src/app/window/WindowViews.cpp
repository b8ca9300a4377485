#include "WindowViews.h"

#include "StatusLine.h"
#include "contacts/AttentionView.h"
#include "contacts/ContactsView.h"
#include "reports/ForecastPanel.h"
#include "reports/QuotaPanel.h"
#include "reports/ReportsView.h"

#include <QStackedWidget>
#include <QTabWidget>

namespace dealboard::gui {

WindowViews::WindowViews(Pipeline& service, QStackedWidget* board, StatusLine& status)
    : m_board(board)
    , m_reports(new ReportsView(service))
    , m_forecast(nullptr)
    , m_quotas(nullptr)
    , m_organizations(nullptr)
    , m_people(nullptr)
    , m_attention(nullptr)
    , m_tabs(nullptr)
{
    StatusLine* line = &status;
    const auto report = [line](const Error& error) { line->report(error); };
    const auto notify = [line](const QString& message) { line->notify(message); };
    QObject::connect(m_reports, &ReportsView::errorOccurred, m_reports, report);
    QObject::connect(m_reports, &ReportsView::message, m_reports, notify);
    // Figures follow the pipeline: recomputed when the Reports tab is next shown.
    QObject::connect(&service, &Pipeline::dealChanged, m_reports, &ReportsView::invalidate);
    QObject::connect(&service, &Pipeline::dealRemoved, m_reports, &ReportsView::invalidate);
    QObject::connect(&service, &Pipeline::dealsReset, m_reports, &ReportsView::invalidate);
    QObject::connect(&service, &Pipeline::externalChange, m_reports, &ReportsView::invalidate);
    // The forecast and the quotas: views of their own, each read when shown.
    m_forecast = new ForecastPanel(service);
    m_quotas = new QuotaPanel(service);
    QObject::connect(m_forecast, &ForecastPanel::errorOccurred, m_forecast, report);
    QObject::connect(m_forecast, &ForecastPanel::message, m_forecast, notify);
    QObject::connect(m_quotas, &QuotaPanel::errorOccurred, m_quotas, report);
    QObject::connect(m_quotas, &QuotaPanel::message, m_quotas, notify);
    const auto invalidateOn = [&service](auto* view) {
        const auto invalidate = [view] { view->invalidate(); };
        QObject::connect(&service, &Pipeline::dealChanged, view, invalidate);
        QObject::connect(&service, &Pipeline::dealRemoved, view, invalidate);
        QObject::connect(&service, &Pipeline::dealsReset, view, invalidate);
        QObject::connect(&service, &Pipeline::externalChange, view, invalidate);
    };
    invalidateOn(m_forecast);
    invalidateOn(m_quotas);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_organizations = new ContactsView(service, ContactsView::Kind::Organizations);
    m_people = new ContactsView(service, ContactsView::Kind::People);
    m_attention = new AttentionView(service);
    for (ContactsView* list : {m_organizations, m_people}) {
        QObject::connect(list, &ContactsView::errorOccurred, list, report);
        QObject::connect(list, &ContactsView::message, list, notify);
    }
    QObject::connect(m_attention, &AttentionView::errorOccurred, m_attention, report);

    m_tabs->addTab(m_board, QStringLiteral("Board"));
    m_tabs->addTab(m_organizations, QStringLiteral("Organizations"));
    m_tabs->addTab(m_people, QStringLiteral("People"));
    m_tabs->addTab(m_attention, QStringLiteral("Attention"));
    m_tabs->addTab(m_reports, QStringLiteral("Reports"));
    m_tabs->addTab(m_forecast, QStringLiteral("Forecast"));
    m_tabs->addTab(m_quotas, QStringLiteral("Quotas"));
}

void WindowViews::showReports(bool show)
{
    m_tabs->setCurrentWidget(show ? static_cast<QWidget*>(m_reports) : m_board);
}

} // namespace dealboard::gui
