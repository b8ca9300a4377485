#include "reports/ReportsView.h"

#include "board/BoardStyle.h"
#include "common/ColumnMemory.h"
#include "common/Numbers.h"
#include "dealboard/CsvWriter.h"
#include "dealboard/StoredTime.h"
#include "reports/AccuracyPanel.h"
#include "reports/GoalsDialog.h"
#include "reports/OwnerTable.h"
#include "reports/ReportCharts.h"
#include "reports/ReportText.h"
#include "reports/StageTable.h"
#include "reports/TableExport.h"

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
#include <functional>
#include <map>
#include <spdlog/spdlog.h>

namespace dealboard::gui {

ReportsView::ReportsView(Pipeline& service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_fromSet(new QCheckBox(QStringLiteral("Created from"), this))
    , m_from(new QDateEdit(this))
    , m_toSet(new QCheckBox(QStringLiteral("to"), this))
    , m_to(new QDateEdit(this))
    , m_owner(new QComboBox(this))
    , m_mode(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_charts(new ReportCharts(this))
    , m_table(new StageTable(this))
    , m_tables(new QTabWidget(this))
    , m_owners(new OwnerTable(this))
    , m_accuracy(new AccuracyPanel(service, AccuracyPanel::Shows::Accuracy, this))
    , m_slipped(new AccuracyPanel(service, AccuracyPanel::Shows::Slipped, this))
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
    // As wide as "All owners" whatever the owners' names: a long one must not
    // push the window past the screen.
    m_owner->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_owner->setMinimumContentsLength(14);
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
    m_summary->setWordWrap(true);

    auto* goals = new QPushButton(QStringLiteral("Stage goals…"), this);
    goals->setObjectName(QStringLiteral("goalsButton"));
    // A rep on a team's server reads the goals in the table; a manager sets them.
    const QString notManager = m_service.reads().team().whyNotManage(QStringLiteral("the stage goals"));
    goals->setEnabled(notManager.isEmpty());
    goals->setToolTip(notManager.isEmpty() ? QStringLiteral("Set each stage's conversion and days goals") : notManager);
    auto* exportButton = new QPushButton(QStringLiteral("Export report CSV…"), this);
    exportButton->setObjectName(QStringLiteral("exportReportButton"));
    exportButton->setToolTip(QStringLiteral("Write the table in view as CSV, the currency in a column of its own"));
    m_fromSet->setToolTip(QStringLiteral("Only deals created on or after this day"));
    m_toSet->setToolTip(QStringLiteral("Only deals created on or before this day"));

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_fromSet);
    filters->addWidget(m_from);
    filters->addWidget(m_toSet);
    filters->addWidget(m_to);
    filters->addSpacing(12);
    filters->addWidget(m_owner);
    filters->addWidget(m_mode);
    filters->addStretch();
    filters->addWidget(goals);

    // The views: the charts over the stages' table, then the owners' table
    // (the forecast and the quotas are views of the window's own).
    auto* stages = new QSplitter(Qt::Vertical, this);
    stages->setObjectName(QStringLiteral("reportSplitter"));
    stages->addWidget(m_charts);
    stages->addWidget(m_table);
    stages->setStretchFactor(0, 3);
    stages->setStretchFactor(1, 2);
    stages->setChildrenCollapsible(false);
    m_table->setMinimumHeight(90);
    m_tables->setObjectName(QStringLiteral("reportTables"));
    m_tables->setDocumentMode(true);
    m_tables->addTab(stages, QStringLiteral("By stage"));
    m_tables->addTab(m_owners, QStringLiteral("By owner"));
    m_tables->addTab(m_accuracy, QStringLiteral("Accuracy"));
    m_tables->addTab(m_slipped, QStringLiteral("Slipped deals"));
    // Beside the export (the filters' row keeps the window 800 pixels wide).
    auto* rates = new QPushButton(QStringLiteral("Currency and rates…"), this);
    rates->setObjectName(QStringLiteral("ratesButton"));
    rates->setToolTip(QStringLiteral("The reporting currency totals convert into, and the exchange rates"));
    connect(rates, &QPushButton::clicked, this, &ReportsView::ratesRequested);
    auto* corner = new QWidget(this);
    auto* cornerRow = new QHBoxLayout(corner);
    cornerRow->setContentsMargins(0, 0, 0, 0);
    cornerRow->addWidget(rates);
    cornerRow->addWidget(exportButton);
    m_tables->setCornerWidget(corner, Qt::TopRightCorner);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_summary);
    layout->addWidget(m_tables, 1);

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
    // New rates convert the totals anew.
    connect(&m_service, &Pipeline::ratesChanged, this, &ReportsView::invalidate);
    connect(m_tables, &QTabWidget::currentChanged, this, &ReportsView::refreshShownTab);
    for (AccuracyPanel* panel : {m_accuracy, m_slipped}) {
        connect(panel, &AccuracyPanel::errorOccurred, this, &ReportsView::errorOccurred);
    }
    // A double-click on an owner shows the charts of their deals.
    connect(m_owners, &OwnerTable::ownerChosen, this, [this, stages](const QString& owner) {
        if (const int index = m_owner->findText(owner); index > 0) {
            m_owner->setCurrentIndex(index);
            m_tables->setCurrentWidget(stages);
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
    m_ownersStale = true;
    refreshShownTab();
}

void ReportsView::openTable(const QString& name)
{
    for (int view = 0; view < m_tables->count(); ++view) {
        QWidget* page = m_tables->widget(view);
        if (page->objectName() == name || page->findChild<QWidget*>(name) != nullptr) {
            m_tables->setCurrentIndex(view);
            return;
        }
    }
    m_tables->setCurrentIndex(0);
}

void ReportsView::openFigures()
{
    if (m_tables->currentWidget() != m_owners) {
        m_tables->setCurrentIndex(0);
    }
}

void ReportsView::refreshShownTab()
{
    QWidget* shown = m_tables->currentWidget();
    if (m_ownersStale && shown == m_owners) {
        refreshOwners();
    }
    for (AccuracyPanel* panel : {m_accuracy, m_slipped}) {
        if (shown == panel) {
            panel->refresh();
        }
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
    m_split = std::move(split.value());
    m_owners->showSplit(m_split);
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
    // One currency for every value: at which rates, and what no rate converts.
    const ConversionNote& note = m_report.conversion;
    summary += QStringLiteral("<br>Values in %1").arg(m_report.currency);
    if (!note.rateDates.empty()) {
        summary += QStringLiteral(", ") + note.ratesText();
    }
    if (m_report.otherCurrencyDeals > 0) {
        summary += QStringLiteral(" · %1 in %2 left out of the %3 values, no rate")
                       .arg(deals(m_report.otherCurrencyDeals, QStringLiteral("open")),
                            note.unconvertedCurrencies().toHtmlEscaped(), m_report.currency);
    }
    if (m_report.otherCurrencyWonDeals > 0) {
        summary += QStringLiteral(" · %1 counted, their values in %2 left out of the %3 values, no rate")
                       .arg(deals(m_report.otherCurrencyWonDeals, QStringLiteral("won")),
                            note.unconvertedCurrencies().toHtmlEscaped(), m_report.currency);
    }
    m_summary->setText(summary);
    m_charts->showReport(m_report);
    m_table->showReport(m_report, m_stallMarks);
}

namespace {

QString goalText(const StageGoal& goal)
{
    if (!goal.isSet()) {
        return QStringLiteral("none");
    }
    QStringList parts;
    if (goal.targetConversion) {
        parts.append(QStringLiteral("%1 % on").arg(qRound(*goal.targetConversion * 100)));
    }
    if (goal.targetMedianDays) {
        parts.append(QStringLiteral("%1 days").arg(*goal.targetMedianDays));
    }
    return parts.join(QStringLiteral(", "));
}

// Mine over what is stored now: each goal the manager changed from what the
// editor showed keeps their value; every other takes the stored one.
// (A conversion is compared at the editor's precision, a tenth of a percent.)
std::optional<int> comparable(const std::optional<int>& days)
{
    return days;
}

std::optional<int> comparable(const std::optional<double>& conversion)
{
    return conversion ? std::optional<int>(qRound(*conversion * 1000)) : std::nullopt;
}

template<typename T>
std::optional<T> merged(const std::optional<T>& mine, const std::optional<T>& shown, const std::optional<T>& now)
{
    return comparable(mine) != comparable(shown) ? mine : now;
}

bool changedFrom(const StageGoal& mine, const StageGoal& shown)
{
    return comparable(mine.targetConversion) != comparable(shown.targetConversion)
        || mine.targetMedianDays != shown.targetMedianDays;
}

} // namespace

void ReportsView::editGoals()
{
    // A save refused because another manager changed a goal meanwhile opens
    // the editor again over the goals stored now: what this manager changed
    // is kept, everything else takes the other manager's values, and the
    // note names each stage changed, theirs beside yours.
    Result<StageGoals> loaded = m_service.reports().stageGoals();
    if (!loaded) {
        Q_EMIT errorOccurred(loaded.error());
        return;
    }
    StageGoals shown = loaded.value();
    StageGoals typed = shown;
    QString note;
    for (;;) {
        GoalsDialog dialog(typed, this, note);
        if (dialog.exec() != QDialog::Accepted) {
            return;
        }
        const StageGoals mine = dialog.goals();
        Result<void> saved = m_service.reports().setStageGoals(mine, shown);
        if (!saved && saved.error().code == ErrorCode::StaleVersion) {
            Result<StageGoals> now = m_service.reports().stageGoals();
            if (!now) {
                Q_EMIT errorOccurred(now.error());
                return;
            }
            QStringList changed;
            for (Stage stage : AllStages) {
                const std::size_t i = stageIndex(stage);
                typed[i].targetConversion
                    = merged(mine[i].targetConversion, shown[i].targetConversion, now.value()[i].targetConversion);
                typed[i].targetMedianDays
                    = merged(mine[i].targetMedianDays, shown[i].targetMedianDays, now.value()[i].targetMedianDays);
                if (now.value()[i] != shown[i]) {
                    changed.append(changedFrom(mine[i], shown[i])
                                       ? QStringLiteral("%1 (theirs: %2; yours: %3)")
                                             .arg(stageName(stage), goalText(now.value()[i]), goalText(typed[i]))
                                       : QStringLiteral("%1 (now %2)").arg(stageName(stage), goalText(now.value()[i])));
                }
            }
            shown = now.value();
            note = QStringLiteral("Another manager changed the goals of %1 while you edited them. Goals you did not "
                                  "change take theirs; yours are kept below: Save keeps them, Cancel keeps theirs.")
                       .arg(changed.join(QStringLiteral(", ")));
            continue;
        }
        if (!saved) {
            Q_EMIT errorOccurred(saved.error());
            return;
        }
        Q_EMIT message(QStringLiteral("Stage goals saved."));
        return;
    }
}

void ReportsView::exportCsv()
{
    // Exactly what is shown: the table in view, of the current filters.
    QWidget* shown = m_tables->currentWidget();
    const QString view = m_tables->tabText(m_tables->currentIndex());
    QString fileName = QStringLiteral("pipeline-report.csv");
    std::function<bool(QIODevice*, bool)> write
        = [this](QIODevice* device, bool bom) { return PipelineReportFormat::writeCsv(device, m_report, bom); };
    if (shown == m_owners) {
        fileName = QStringLiteral("pipeline-report-by-owner.csv");
        write = [this](QIODevice* device, bool bom) { return OwnerSplitFormat::writeCsv(device, m_split, bom); };
    }
    const Result<QString> done = exportTable(this, m_service, view, fileName, write);
    if (!done) {
        Q_EMIT errorOccurred(done.error());
    } else if (!done.value().isEmpty()) {
        Q_EMIT message(done.value());
    }
}

} // namespace dealboard::gui
