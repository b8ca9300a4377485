#include "reports/ReportsView.h"

#include "board/BoardStyle.h"
#include "common/ColumnMemory.h"
#include "common/FileDialogs.h"
#include "common/Numbers.h"
#include "dealboard/CsvWriter.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/StoredTime.h"
#include "reports/ForecastPanel.h"
#include "reports/GoalsDialog.h"
#include "reports/OwnerTable.h"
#include "reports/QuotaPanel.h"
#include "reports/ReportText.h"
#include "reports/StageTable.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QValueAxis>
#include <cmath>
#include <map>
#include <spdlog/spdlog.h>

namespace dealboard::gui {

namespace {

QChartView* makeChartView(const QString& name, QWidget* parent)
{
    auto* view = new QChartView(parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(260);
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

ReportsView::ReportsView(Pipeline& service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_fromSet(new QCheckBox(QStringLiteral("From"), this))
    , m_from(new QDateEdit(this))
    , m_toSet(new QCheckBox(QStringLiteral("to"), this))
    , m_to(new QDateEdit(this))
    , m_owner(new QComboBox(this))
    , m_mode(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_funnel(makeChartView(QStringLiteral("funnelChart"), this))
    , m_days(makeChartView(QStringLiteral("daysChart"), this))
    , m_losses(makeChartView(QStringLiteral("lossesChart"), this))
    , m_table(new StageTable(this))
    , m_tables(new QTabWidget(this))
    , m_owners(new OwnerTable(this))
    , m_forecast(new ForecastPanel(service, this))
    , m_quotas(new QuotaPanel(service, this))
{
    setObjectName(QStringLiteral("reportsView"));
    const QDate today = m_service.now().date();
    for (QDateEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setEnabled(false);
    }
    m_from->setObjectName(QStringLiteral("reportFrom"));
    m_to->setObjectName(QStringLiteral("reportTo"));
    m_fromSet->setObjectName(QStringLiteral("reportFromSet"));
    m_toSet->setObjectName(QStringLiteral("reportToSet"));
    m_from->setDate(today.addMonths(-3));
    m_to->setDate(today);
    m_owner->setObjectName(QStringLiteral("reportOwner"));
    m_owner->addItem(QStringLiteral("All owners"));
    m_owner->setMinimumWidth(130);
    m_mode->setObjectName(QStringLiteral("reportMode"));
    // Short names, so the filters fit a 1024-pixel screen; the tooltip explains.
    m_mode->addItem(QStringLiteral("Reached"), static_cast<int>(CountingMode::Reached));
    m_mode->addItem(QStringLiteral("Strict"), static_cast<int>(CountingMode::Strict));
    m_mode->setItemData(0, QStringLiteral("A stage counts as reached when the deal passed it (skips count as passed)"),
                        Qt::ToolTipRole);
    m_mode->setItemData(1, QStringLiteral("A stage counts only when the deal was in it (a skip breaks the chain)"),
                        Qt::ToolTipRole);
    m_mode->setToolTip(QStringLiteral("How a stage counts as reached: Reached (skips count as passed) or Strict (a "
                                      "skip breaks the chain)"));
    m_summary->setObjectName(QStringLiteral("reportSummary"));

    auto* goals = new QPushButton(QStringLiteral("Stage goals…"), this);
    goals->setObjectName(QStringLiteral("goalsButton"));
    // A rep on a team's server reads the goals in the table; a manager sets them.
    const QString notManager = m_service.reads().team().whyNotManage(QStringLiteral("the stage goals"));
    goals->setEnabled(notManager.isEmpty());
    goals->setToolTip(notManager.isEmpty() ? QStringLiteral("Set each stage's conversion and days goals") : notManager);
    auto* exportButton = new QPushButton(QStringLiteral("Export report CSV…"), this);
    exportButton->setObjectName(QStringLiteral("exportReportButton"));

    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(QStringLiteral("Deals created"), this));
    filters->addWidget(m_fromSet);
    filters->addWidget(m_from);
    filters->addWidget(m_toSet);
    filters->addWidget(m_to);
    filters->addSpacing(12);
    filters->addWidget(m_owner);
    filters->addWidget(m_mode);
    filters->addStretch();
    filters->addWidget(goals);
    filters->addWidget(exportButton);

    auto* charts = new QHBoxLayout;
    charts->addWidget(m_funnel, 5);
    charts->addWidget(m_days, 4);
    charts->addWidget(m_losses, 4);
    auto* chartArea = new QWidget(this);
    chartArea->setLayout(charts);
    charts->setContentsMargins(0, 0, 0, 0);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("reportSplitter"));
    splitter->addWidget(chartArea);
    m_tables->setObjectName(QStringLiteral("reportTables"));
    m_tables->setDocumentMode(true);
    m_tables->addTab(m_table, QStringLiteral("By stage"));
    m_tables->addTab(m_owners, QStringLiteral("By owner"));
    m_tables->addTab(m_forecast, QStringLiteral("Forecast"));
    m_tables->addTab(m_quotas, QStringLiteral("Quotas"));
    splitter->addWidget(m_tables);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);

    // Every filter change shows the new figures at once.
    connect(m_fromSet, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toSet, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    for (QCheckBox* box : {m_fromSet, m_toSet}) {
        connect(box, &QCheckBox::toggled, this, &ReportsView::refresh);
    }
    for (QDateEdit* edit : {m_from, m_to}) {
        connect(edit, &QDateEdit::dateChanged, this, &ReportsView::refresh);
    }
    connect(m_owner, &QComboBox::currentIndexChanged, this, &ReportsView::refresh);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &ReportsView::refresh);
    connect(goals, &QPushButton::clicked, this, &ReportsView::editGoals);
    connect(exportButton, &QPushButton::clicked, this, &ReportsView::exportCsv);
    connect(&m_service, &Pipeline::goalsChanged, this, &ReportsView::refresh);
    connect(m_tables, &QTabWidget::currentChanged, this, &ReportsView::refreshShownTab);
    for (auto signal : {&Pipeline::probabilitiesChanged, &Pipeline::quotasChanged}) {
        connect(&m_service, signal, this, [this] {
            m_forecastStale = m_quotasStale = true;
            refreshShownTab();
        });
    }
    connect(m_forecast, &ForecastPanel::errorOccurred, this, &ReportsView::errorOccurred);
    connect(m_forecast, &ForecastPanel::message, this, &ReportsView::message);
    connect(m_quotas, &QuotaPanel::errorOccurred, this, &ReportsView::errorOccurred);
    connect(m_quotas, &QuotaPanel::message, this, &ReportsView::message);
    connect(m_owners, &OwnerTable::ownerChosen, this, [this](const QString& owner) {
        if (const int index = m_owner->findText(owner); index > 0) {
            m_owner->setCurrentIndex(index);
        }
    });
    restoreFilters();
}

ReportFilter ReportsView::filter() const
{
    ReportFilter filter;
    if (m_fromSet->isChecked()) {
        filter.from = m_from->date();
    }
    if (m_toSet->isChecked()) {
        filter.to = m_to->date();
    }
    filter.owner = m_owner->currentIndex() <= 0 ? QString() : m_owner->currentText();
    filter.mode = static_cast<CountingMode>(m_mode->currentData().toInt());
    return filter;
}

void ReportsView::setFilter(const ReportFilter& filter)
{
    const QSignalBlocker blockers[] = {QSignalBlocker(m_fromSet), QSignalBlocker(m_toSet), QSignalBlocker(m_from),
                                       QSignalBlocker(m_to),      QSignalBlocker(m_owner), QSignalBlocker(m_mode)};
    m_fromSet->setChecked(filter.from.isValid());
    m_from->setEnabled(filter.from.isValid());
    if (filter.from.isValid()) {
        m_from->setDate(filter.from);
    }
    m_toSet->setChecked(filter.to.isValid());
    m_to->setEnabled(filter.to.isValid());
    if (filter.to.isValid()) {
        m_to->setDate(filter.to);
    }
    const int owner = filter.owner.isEmpty() ? 0 : m_owner->findText(filter.owner);
    m_owner->setCurrentIndex(std::max(owner, 0));
    m_mode->setCurrentIndex(filter.mode == CountingMode::Strict ? 1 : 0);
    refresh();
}

void ReportsView::saveFilters() const
{
    QSettings settings;
    const ReportFilter current = filter();
    settings.setValue(QStringLiteral("reports/from"), current.from.isValid() ? toStoredDate(current.from) : QString());
    settings.setValue(QStringLiteral("reports/to"), current.to.isValid() ? toStoredDate(current.to) : QString());
    settings.setValue(QStringLiteral("reports/owner"), current.owner);
    settings.setValue(QStringLiteral("reports/mode"), countingModeSlug(current.mode));
}

void ReportsView::restoreFilters()
{
    const QSettings settings;
    const QSignalBlocker blockers[] = {QSignalBlocker(m_fromSet), QSignalBlocker(m_toSet), QSignalBlocker(m_from),
                                       QSignalBlocker(m_to), QSignalBlocker(m_mode)};
    for (const auto& [key, box, edit] :
         {std::tuple {"reports/from", m_fromSet, m_from}, std::tuple {"reports/to", m_toSet, m_to}}) {
        const QDate date = fromStoredDate(settings.value(QLatin1String(key)).toString());
        box->setChecked(date.isValid());
        edit->setEnabled(date.isValid());
        if (date.isValid()) {
            edit->setDate(date);
        }
    }
    const std::optional<CountingMode> mode
        = countingModeFromSlug(settings.value(QStringLiteral("reports/mode")).toString());
    m_mode->setCurrentIndex(mode == CountingMode::Strict ? 1 : 0);
    m_restoreOwner = settings.value(QStringLiteral("reports/owner")).toString();
}

void ReportsView::setOwners(const QStringList& owners)
{
    const QString current = m_owner->count() <= 1 && !m_restoreOwner.isEmpty()
        ? std::exchange(m_restoreOwner, QString())
        : (m_owner->currentIndex() <= 0 ? QString() : m_owner->currentText());
    QSignalBlocker blocker(m_owner);
    m_owner->clear();
    m_owner->addItem(QStringLiteral("All owners"));
    m_owner->addItems(owners);
    m_owner->setCurrentIndex(std::max(current.isEmpty() ? 0 : m_owner->findText(current), 0));
}

void ReportsView::invalidate()
{
    m_stale = true;
    if (isVisible()) {
        refresh();
    }
}

void ReportsView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        refresh();
    }
}

void ReportsView::refresh()
{
    Result<PipelineReport> report = m_service.reports().report(filter());
    if (!report) {
        Q_EMIT errorOccurred(report.error());
        return;
    }
    m_report = std::move(report.value());
    m_stale = false;
    showReport();
    m_ownersStale = m_forecastStale = m_quotasStale = true;
    refreshShownTab();
}

void ReportsView::openTable(const QString& name)
{
    if (auto* table = m_tables->findChild<QWidget*>(name)) {
        m_tables->setCurrentWidget(table);
    }
}

void ReportsView::refreshShownTab()
{
    QWidget* shown = m_tables->currentWidget();
    if (m_ownersStale && shown == m_owners) {
        refreshOwners();
    } else if (m_forecastStale && shown == m_forecast) {
        m_forecastStale = false;
        m_forecast->refresh(filter().owner);
    } else if (m_quotasStale && shown == m_quotas) {
        m_quotasStale = false;
        m_quotas->refresh();
    }
}

void ReportsView::refreshOwners()
{
    Result<OwnerSplit> split = m_service.reports().reportByOwner(filter());
    if (!split) {
        Q_EMIT errorOccurred(split.error());
        return;
    }
    m_ownersStale = false;
    m_owners->showSplit(split.value());
}

namespace {

// "1 deal", "2 deals".
QString deals(int count, const QString& adjective = {})
{
    const QString noun = adjective.isEmpty() ? QStringLiteral("deal") : adjective + QStringLiteral(" deal");
    return QStringLiteral("%1 %2%3").arg(Numbers::count(count), noun, count == 1 ? QString() : QStringLiteral("s"));
}

} // namespace

void ReportsView::showReport()
{
    QString summary
        = QStringLiteral("<b>%1</b> %2 · win rate <b>%3</b> · median <b>%4</b> days from creation to won")
              .arg(m_report.deals)
              .arg(m_report.deals == 1 ? QStringLiteral("deal") : QStringLiteral("deals"))
              .arg(percent(m_report.winRate),
                   m_report.medianDaysToWon ? Numbers::decimal(*m_report.medianDaysToWon) : QStringLiteral("–"));
    summary += QStringLiteral(" · counting: %1")
                   .arg(m_report.filter.mode == CountingMode::Strict ? QStringLiteral("strict")
                                                                     : QStringLiteral("reached"));
    summary
        += QStringLiteral("<br>Won from new customers: <b>%1</b> (%2) · repeat business from follow-ups: "
                          "<b>%3</b> (%4)")
               .arg(Numbers::amount({m_report.wonNewValueMinor, m_report.currency}), deals(m_report.wonNewDeals),
                    Numbers::amount({m_report.wonRepeatValueMinor, m_report.currency}), deals(m_report.wonRepeatDeals));
    if (m_report.otherCurrencyDeals > 0) {
        summary += QStringLiteral(" · %1 in other currencies left out of the %2 values")
                       .arg(deals(m_report.otherCurrencyDeals, QStringLiteral("open")), m_report.currency);
    }
    m_summary->setText(summary);
    fillFunnel();
    fillDays();
    fillLosses();
    m_table->showReport(m_report);
}

void ReportsView::fillFunnel()
{
    QChart* chart = m_funnel->chart();
    resetChart(chart, QStringLiteral("Funnel: deals that reached each stage"));
    auto* set = new QBarSet(QStringLiteral("Reached"));
    set->setColor(BoardStyle::stageAccent(Stage::Contacting));
    QStringList categories;
    // Horizontal bars listed bottom-up: Prospecting goes last so it is on top.
    for (int i = StageCount - 1; i >= 0; --i) {
        const StageFigures& figures = m_report.stages[i];
        *set << figures.reached;
        // "66.0 % → Qualifying": the share of the stage before that went on to this one.
        QString label = stageName(figures.stage);
        if (i > 0) {
            label = QStringLiteral("%1 → %2").arg(percent(m_report.stages[i - 1].conversionToNext), label);
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
    for (const StageFigures& figures : m_report.stages) {
        most = std::max(most, figures.reached);
    }
    addStageAxes(chart, series, categories, most);
    chart->legend()->hide();
}

void ReportsView::fillDays()
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
        const StageFigures& figures = m_report.stages[i];
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

void ReportsView::fillLosses()
{
    QChart* chart = m_losses->chart();
    resetChart(chart, QStringLiteral("Deals lost, by stage and reason"));
    // The most common reasons get their own colour; the rest are "Other".
    std::map<QString, int> totals;
    for (const StageFigures& figures : m_report.stages) {
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
        const StageFigures& figures = m_report.stages[stage];
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

void ReportsView::editGoals()
{
    Result<StageGoals> goals = m_service.reports().stageGoals();
    if (!goals) {
        Q_EMIT errorOccurred(goals.error());
        return;
    }
    GoalsDialog dialog(goals.value(), this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    if (Result<void> saved = m_service.reports().setStageGoals(dialog.goals(), goals.value()); !saved) {
        Q_EMIT errorOccurred(saved.error());
        return;
    }
    Q_EMIT message(QStringLiteral("Stage goals saved."));
}

void ReportsView::exportCsv()
{
    const std::optional<FileDialogs::ExportTarget> target
        = FileDialogs::askExportFile(this, QStringLiteral("Export report"), QStringLiteral("pipeline-report.csv"));
    if (!target) {
        return;
    }
    // Exactly what is shown: the report of the current filters.
    const Result<void> saved
        = PipelineFiles::saveAtomically(target->path, m_service.reads().path(), [&](QIODevice* device) {
              return PipelineReportFormat::writeCsv(device, m_report, target->byteOrderMark);
          });
    if (!saved) {
        Q_EMIT errorOccurred(saved.error());
        return;
    }
    Q_EMIT message(QStringLiteral("Exported the report to %1.").arg(target->path));
}

} // namespace dealboard::gui
