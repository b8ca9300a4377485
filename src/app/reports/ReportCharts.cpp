#include "reports/ReportCharts.h"

#include "board/BoardStyle.h"
#include "reports/ReportText.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QValueAxis>
#include <cmath>
#include <map>

namespace dealboard::gui {

namespace {

QChartView* makeChartView(const QString& name, QWidget* parent)
{
    auto* view = new QChartView(parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(200);
    auto* chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(6);
    chart->legend()->setAlignment(Qt::AlignBottom);
    view->setChart(chart);
    return view;
}

void resetChart(QChart* chart, const QString& title)
{
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    chart->setTitle(QStringLiteral("<b>%1</b>").arg(title));
}

// Stage names down the left, counts (or days) along the bottom from zero.
void addStageAxes(QChart* chart, QAbstractBarSeries* series, const QStringList& stages, double highest,
                  const QString& valueTitle = {})
{
    chart->addSeries(series);
    auto* stageAxis = new QBarCategoryAxis;
    stageAxis->append(stages);
    chart->addAxis(stageAxis, Qt::AlignLeft);
    series->attachAxis(stageAxis);
    // Whole-number ticks only (a count of 1 must not read "0 0 1 1"), with
    // room after the longest bar for its label.
    const double top = std::max(highest, 1.0) * 1.25;
    // The smallest of 1, 2, 5, 10, 20, 50 … that needs at most six ticks.
    double step = 1;
    for (double scale = 1; top / step > 6; scale *= 10) {
        for (const double factor : {1.0, 2.0, 5.0}) {
            step = factor * scale;
            if (top / step <= 6) {
                break;
            }
        }
    }
    auto* values = new QValueAxis;
    values->setRange(0, std::ceil(top / step) * step);
    values->setTickType(QValueAxis::TicksDynamic);
    values->setTickAnchor(0);
    values->setTickInterval(step);
    values->setLabelFormat(QStringLiteral("%d"));
    values->setTitleText(valueTitle);
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
}

// Short stage names for chart axes, where seven full names do not fit.
QString shortStageName(Stage stage)
{
    switch (stage) {
    case Stage::Relationship:
        return QStringLiteral("Relationship");
    case Stage::Retention:
        return QStringLiteral("Retention");
    default:
        return stageName(stage);
    }
}

} // namespace

ReportCharts::ReportCharts(QWidget* parent)
    : QWidget(parent)
    , m_funnel(makeChartView(QStringLiteral("funnelChart"), this))
    , m_days(makeChartView(QStringLiteral("daysChart"), this))
    , m_losses(makeChartView(QStringLiteral("lossesChart"), this))
{
    setObjectName(QStringLiteral("reportCharts"));
    auto* charts = new QHBoxLayout(this);
    charts->setContentsMargins(0, 0, 0, 0);
    charts->addWidget(m_funnel, 5);
    charts->addWidget(m_days, 4);
    charts->addWidget(m_losses, 4);
}

void ReportCharts::showReport(const PipelineReport& report)
{
    fillFunnel(report);
    fillDays(report);
    fillLosses(report);
}

void ReportCharts::fillFunnel(const PipelineReport& report)
{
    QChart* chart = m_funnel->chart();
    resetChart(chart, QStringLiteral("Funnel: deals that reached each stage"));
    auto* set = new QBarSet(QStringLiteral("Reached"));
    set->setColor(BoardStyle::stageAccent(Stage::Contacting));
    QStringList categories;
    // Horizontal bars listed bottom-up: Prospecting goes last so it is on top.
    for (int i = StageCount - 1; i >= 0; --i) {
        const StageFigures& figures = report.stages[i];
        *set << figures.reached;
        // "66.0 % → Qualifying": the share of the stage before that went on to this one.
        QString label = stageName(figures.stage);
        if (i > 0) {
            label = QStringLiteral("%1 → %2").arg(percent(report.stages[i - 1].conversionToNext), label);
        }
        categories << label;
    }
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    // After the bar's end: a short bar has no room for its number inside.
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    set->setLabelColor(BoardStyle::mutedText().darker(150));
    int most = 0;
    for (const StageFigures& figures : report.stages) {
        most = std::max(most, figures.reached);
    }
    addStageAxes(chart, series, categories, most);
    chart->legend()->hide();
}

void ReportCharts::fillDays(const PipelineReport& report)
{
    QChart* chart = m_days->chart();
    resetChart(chart, QStringLiteral("Median days in stage vs goal"));
    auto* actual = new QBarSet(QStringLiteral("Median days"));
    actual->setColor(BoardStyle::stageAccent(Stage::Negotiation));
    auto* target = new QBarSet(QStringLiteral("Goal"));
    target->setColor(BoardStyle::mutedText().lighter(150));
    QStringList categories;
    double highest = 1;
    // Bottom-up, so that Prospecting is on top as in the funnel; Customer
    // Retention is left out: no stay ends there.
    for (int i = StageCount - 2; i >= 0; --i) {
        const StageFigures& figures = report.stages[i];
        const double median = figures.medianDays.value_or(0.0);
        *actual << median;
        *target << figures.goal.targetMedianDays.value_or(0);
        highest = std::max({highest, median, static_cast<double>(figures.goal.targetMedianDays.value_or(0))});
        categories << shortStageName(figures.stage);
    }
    auto* series = new QHorizontalBarSeries;
    series->append(target);
    series->append(actual);
    addStageAxes(chart, series, categories, highest, QStringLiteral("days"));
    chart->legend()->show();
    chart->legend()->setReverseMarkers(true);
}

void ReportCharts::fillLosses(const PipelineReport& report)
{
    QChart* chart = m_losses->chart();
    resetChart(chart, QStringLiteral("Deals lost, by stage and reason"));
    // The most common reasons get their own colour; the rest are "Other".
    std::map<QString, int> totals;
    for (const StageFigures& figures : report.stages) {
        for (const auto& [reason, count] : figures.lostReasons) {
            totals[reason] += count;
        }
    }
    std::vector<std::pair<QString, int>> ranked(totals.begin(), totals.end());
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    constexpr std::size_t Shown = 4;
    QStringList reasons;
    for (std::size_t i = 0; i < std::min(Shown, ranked.size()); ++i) {
        reasons << (ranked[i].first.isEmpty() ? QStringLiteral("(no reason)") : ranked[i].first);
    }
    const bool hasOther = ranked.size() > Shown;
    auto* series = new QHorizontalStackedBarSeries;
    std::vector<QBarSet*> sets;
    for (const QString& reason : reasons) {
        sets.push_back(new QBarSet(reason));
    }
    QBarSet* other = hasOther ? new QBarSet(QStringLiteral("Other")) : nullptr;
    QStringList categories;
    double highest = 1;
    for (int stage = StageCount - 2; stage >= 0; --stage) {
        const StageFigures& figures = report.stages[stage];
        categories << shortStageName(figures.stage);
        std::vector<int> counts(reasons.size(), 0);
        int rest = 0;
        for (const auto& [reason, count] : figures.lostReasons) {
            const qsizetype at = reasons.indexOf(reason.isEmpty() ? QStringLiteral("(no reason)") : reason);
            if (at >= 0) {
                counts[at] += count;
            } else {
                rest += count;
            }
        }
        for (std::size_t i = 0; i < sets.size(); ++i) {
            *sets[i] << counts[i];
        }
        if (other) {
            *other << rest;
        }
        highest = std::max(highest, static_cast<double>(figures.lost));
    }
    for (QBarSet* set : sets) {
        series->append(set);
    }
    if (other) {
        series->append(other);
    }
    addStageAxes(chart, series, categories, highest);
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->legend()->setVisible(!sets.empty());
}

} // namespace dealboard::gui
