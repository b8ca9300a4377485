#include "reports/ForecastPanel.h"

#include "common/Numbers.h"
#include "dealboard/Currency.h"
#include "dealboard/TextRules.h"
#include "reports/ForecastTable.h"
#include "reports/ProbabilitiesDialog.h"
#include "reports/TableExport.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>
#include <cstdint>

namespace dealboard::gui {

namespace {

// The value axis: `count` steps of `wholeUnits` (1, 2 or 5 times a power of
// ten) from 0 past the highest bar, counted in integers.
struct AxisSteps
{
    std::uint64_t wholeUnits = 1;
    int count = 1;
};

AxisSteps axisSteps(std::int64_t highestMinor, QStringView currency)
{
    const auto per = static_cast<std::uint64_t>(minorPerMajor(currency));
    const std::uint64_t highest
        = highestMinor <= 0 ? 1 : (static_cast<std::uint64_t>(highestMinor) + per - 1) / per; // whole units, up
    const std::uint64_t wanted = (highest + 3) / 4; // about four steps
    std::uint64_t power = 1;
    while (power <= wanted / 10) {
        power *= 10;
    }
    AxisSteps steps;
    for (const std::uint64_t times : {1, 2, 5, 10}) {
        steps.wholeUnits = power * times;
        if (steps.wholeUnits >= wanted) {
            break;
        }
    }
    steps.count = static_cast<int>((highest + steps.wholeUnits - 1) / steps.wholeUnits);
    return steps;
}

// A bar's height in whole units: for drawing only.
double barHeight(std::int64_t minor, QStringView currency)
{
    return static_cast<double>(minor) / static_cast<double>(minorPerMajor(currency));
}

} // namespace

ForecastPanel::ForecastPanel(Pipeline& service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_owner(new QComboBox(this))
    , m_chart(new QChartView(this))
    , m_table(new ForecastTable(this))
    , m_rates(new QLabel(this))
{
    setObjectName(QStringLiteral("forecastPanel"));
    m_chart->setObjectName(QStringLiteral("forecastChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(180);
    auto* chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(6);
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setChart(chart);
    m_rates->setObjectName(QStringLiteral("forecastRates"));
    m_rates->setWordWrap(true);
    m_rates->setTextFormat(Qt::RichText);

    auto* probabilities = new QPushButton(QStringLiteral("Win probabilities…"), this);
    probabilities->setObjectName(QStringLiteral("probabilitiesButton"));
    const QString notManager = m_service.reads().team().whyNotManage(QStringLiteral("the win probabilities"));
    probabilities->setEnabled(notManager.isEmpty());
    probabilities->setToolTip(notManager.isEmpty() ? QStringLiteral("Set each stage's win probability") : notManager);
    m_owner->setObjectName(QStringLiteral("forecastOwner"));
    m_owner->addItem(QStringLiteral("All owners"));
    m_owner->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_owner->setMinimumContentsLength(14);
    m_owner->setToolTip(QStringLiteral("The forecast of one owner's deals, or of everyone's"));
    auto* exportButton = new QPushButton(QStringLiteral("Export CSV…"), this);
    exportButton->setObjectName(QStringLiteral("exportForecastButton"));
    exportButton->setToolTip(QStringLiteral("Write the forecast table as CSV, the currency in a column of its own"));
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_owner);
    buttons->addWidget(probabilities);
    buttons->addWidget(exportButton);
    buttons->addStretch();
    auto* top = new QHBoxLayout;
    top->addWidget(m_rates, 1);
    top->addLayout(buttons);

    // Side by side: the table keeps the panel's whole height for its rows.
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_chart);
    splitter->addWidget(m_table);
    // Narrow enough for a window of 800 pixels; the rep widens either.
    m_chart->setMinimumWidth(300);
    m_table->setMinimumWidth(280);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({540, 620});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(probabilities, &QPushButton::clicked, this, &ForecastPanel::editProbabilities);
    connect(exportButton, &QPushButton::clicked, this, &ForecastPanel::exportCsv);
    connect(m_owner, &QComboBox::currentIndexChanged, this, &ForecastPanel::refresh);
    for (auto signal : {&Pipeline::probabilitiesChanged, &Pipeline::ratesChanged}) {
        connect(&m_service, signal, this, &ForecastPanel::invalidate);
    }
}

void ForecastPanel::setOwners(const QStringList& owners)
{
    const QString current = m_owner->currentIndex() <= 0 ? QString() : m_owner->currentText();
    QSignalBlocker blocker(m_owner);
    m_owner->clear();
    m_owner->addItem(QStringLiteral("All owners"));
    m_owner->addItems(owners);
    m_owner->setCurrentIndex(std::max(current.isEmpty() ? 0 : m_owner->findText(current), 0));
}

void ForecastPanel::invalidate()
{
    m_stale = true;
    if (isVisible()) {
        refresh();
    }
}

void ForecastPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        refresh();
    }
}

void ForecastPanel::exportCsv()
{
    const Result<QString> done
        = exportTable(this, m_service, QStringLiteral("Forecast"), QStringLiteral("forecast.csv"),
                      [this](QIODevice* device, bool bom) { return ForecastFormat::writeCsv(device, m_shown, bom); });
    if (!done) {
        Q_EMIT errorOccurred(done.error());
    } else if (!done.value().isEmpty()) {
        Q_EMIT message(done.value());
    }
}

void ForecastPanel::refresh()
{
    m_stale = false;
    const QString owner = m_owner->currentIndex() <= 0 ? QString() : m_owner->currentText();
    Result<Forecast> forecast = m_service.reports().forecast(
        owner.isEmpty() ? std::nullopt : std::optional<QString>(owner), Forecast::DefaultMonths);
    if (!forecast) {
        Q_EMIT errorOccurred(forecast.error());
        return;
    }
    showForecast(forecast.value());
}

void ForecastPanel::showForecast(const Forecast& forecast)
{
    m_shown = forecast;
    const bool oneOwner = m_owner->currentIndex() > 0;
    m_table->showForecast(forecast, oneOwner ? QStringLiteral("Total") : QStringLiteral("Team"));

    QStringList rates;
    for (Stage stage : AllStages) {
        const EmpiricalRate& rate = forecast.rates.of(stage);
        rates << QStringLiteral("%1 <b>%2 %</b> claimed, %3 seen (%4 deals)")
                     .arg(stageName(stage).toHtmlEscaped())
                     .arg(forecast.probabilities.percent(stage))
                     .arg(ForecastFormat::rateText(rate))
                     .arg(Numbers::count(rate.cohort));
    }
    m_rates->setText(QStringLiteral("Won within %1 days of entering a stage, by the team's history (a rate needs %2 "
                                    "deals behind it):<br>%3")
                         .arg(EmpiricalRate::Window)
                         .arg(EmpiricalRate::MinimumCohort)
                         .arg(rates.join(QStringLiteral(" · ")))
                     + QStringLiteral("<br>Values in %1%2.")
                           .arg(forecast.conversion.currency,
                                forecast.conversion.text().isEmpty()
                                    ? QString()
                                    : QStringLiteral(", ") + forecast.conversion.text().toHtmlEscaped()));

    // The chart: the team's rows, in the reporting currency, bucket by bucket.
    QChart* chart = m_chart->chart();
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    const QString currency = forecast.conversion.currency;
    chart->setTitle(oneOwner ? QStringLiteral("<b>Forecast of %1's deals by close month, %2</b>")
                                   .arg(TextRules::shown(m_owner->currentText()).toHtmlEscaped(), currency)
                             : QStringLiteral("<b>Team forecast by close month, %1</b>").arg(currency));
    auto* weighted = new QBarSet(QStringLiteral("Weighted"));
    auto* empirical = new QBarSet(QStringLiteral("Empirical"));
    auto* won = new QBarSet(QStringLiteral("Won"));
    weighted->setColor(QColor(0x4c, 0x78, 0xa8));
    empirical->setColor(QColor(0xf5, 0x85, 0x18));
    won->setColor(QColor(0x54, 0xa2, 0x4b));
    QStringList categories;
    std::int64_t highest = 0;
    for (const ForecastRow& row : forecast.rows) {
        if (!row.team || row.currency != currency) {
            continue;
        }
        // "Dec" over "26" rather than "2026-12", so that every month's name
        // fits under its bars, also in a chart half a 1024-pixel window wide.
        const QDate month = QDate::fromString(row.bucket + QStringLiteral("-01"), Qt::ISODate);
        categories << (month.isValid() ? QLocale(QLocale::English).toString(month, QStringLiteral("MMM'<br>'yy"))
                           : row.bucket == u"no date" ? QStringLiteral("no<br>date")
                           : row.bucket == u"overdue" ? QStringLiteral("over-<br>due")
                                                      : row.bucket);
        const std::int64_t empiricalMinor = row.figures.empiricalMinor.value_or(0);
        weighted->append(barHeight(row.figures.weightedMinor, currency));
        empirical->append(barHeight(empiricalMinor, currency));
        won->append(barHeight(row.figures.wonMinor, currency));
        highest = std::max({highest, row.figures.weightedMinor, empiricalMinor, row.figures.wonMinor});
    }
    auto* series = new QBarSeries;
    series->append(weighted);
    series->append(empirical);
    series->append(won);
    chart->addSeries(series);
    auto* months = new QBarCategoryAxis;
    months->append(categories);
    QFont small = months->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.85); // "overdue" and "no date" fit under their bars too
    months->setLabelsFont(small);
    chart->addAxis(months, Qt::AlignBottom);
    series->attachAxis(months);
    // The amounts as the board writes them (80M, 2,000B), a label on each
    // step; the steps are counted in whole units, the table keeps the
    // exact figures.
    const AxisSteps steps = axisSteps(highest, currency);
    auto* values = new QCategoryAxis;
    values->setObjectName(QStringLiteral("forecastAmounts"));
    values->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    values->setStartValue(0);
    for (int step = 1; step <= steps.count; ++step) {
        const std::uint64_t whole = steps.wholeUnits * static_cast<std::uint64_t>(step);
        values->append(Numbers::compactWhole(whole), static_cast<double>(whole));
    }
    values->setRange(0, static_cast<double>(steps.wholeUnits * static_cast<std::uint64_t>(steps.count)));
    chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(values);
}

void ForecastPanel::editProbabilities()
{
    Result<StageProbabilities> probabilities = m_service.reports().probabilities();
    if (!probabilities) {
        Q_EMIT errorOccurred(probabilities.error());
        return;
    }
    ProbabilitiesDialog dialog(probabilities.value(), this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    if (Result<void> saved = m_service.reports().setProbabilities(dialog.probabilities()); !saved) {
        Q_EMIT errorOccurred(saved.error());
        return;
    }
    // The pipeline's probabilitiesChanged has the view read the forecast again.
    Q_EMIT message(QStringLiteral("Win probabilities saved."));
}

} // namespace dealboard::gui
