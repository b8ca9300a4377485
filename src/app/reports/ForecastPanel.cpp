#include "reports/ForecastPanel.h"

#include "common/Numbers.h"
#include "reports/ForecastTable.h"
#include "reports/ProbabilitiesDialog.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>

namespace dealboard::gui {

ForecastPanel::ForecastPanel(Pipeline& service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
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
    auto* top = new QHBoxLayout;
    top->addWidget(m_rates, 1);
    top->addWidget(probabilities, 0, Qt::AlignTop);

    // Side by side: the table keeps the panel's whole height for its rows.
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_chart);
    splitter->addWidget(m_table);
    // Narrow enough for a window of 800 pixels; the rep widens either.
    m_chart->setMinimumWidth(300);
    m_table->setMinimumWidth(280);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({520, 640});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(probabilities, &QPushButton::clicked, this, &ForecastPanel::editProbabilities);
}

void ForecastPanel::refresh(const QString& owner)
{
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
    m_table->showForecast(forecast);

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
                         .arg(rates.join(QStringLiteral(" · "))));

    // The chart: the team's rows in the pipeline's currency, bucket by bucket.
    QChart* chart = m_chart->chart();
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    const QString currency = Money::defaultCurrency();
    chart->setTitle(QStringLiteral("<b>Team forecast by close month, thousand %1</b>").arg(currency));
    auto* weighted = new QBarSet(QStringLiteral("Weighted"));
    auto* empirical = new QBarSet(QStringLiteral("Empirical"));
    auto* won = new QBarSet(QStringLiteral("Won"));
    weighted->setColor(QColor(0x4c, 0x78, 0xa8));
    empirical->setColor(QColor(0xf5, 0x85, 0x18));
    won->setColor(QColor(0x54, 0xa2, 0x4b));
    QStringList categories;
    double highest = 0;
    for (const ForecastRow& row : forecast.rows) {
        if (!row.team || row.currency != currency) {
            continue;
        }
        // The bars in thousands; the table keeps the exact figures.
        const auto major = [](std::int64_t minor) { return double(minor / 100) / 1000.0; };
        // "Dec 26" rather than "2026-12", so that every month's name fits under its bars.
        const QDate month = QDate::fromString(row.bucket + QStringLiteral("-01"), Qt::ISODate);
        categories << (month.isValid() ? QLocale(QLocale::English).toString(month, QStringLiteral("MMM yy"))
                                       : row.bucket);
        weighted->append(major(row.figures.weightedMinor));
        empirical->append(row.figures.empiricalMinor ? major(*row.figures.empiricalMinor) : 0.0);
        won->append(major(row.figures.wonMinor));
        highest = std::max({highest, major(row.figures.weightedMinor),
                            row.figures.empiricalMinor ? major(*row.figures.empiricalMinor) : 0.0,
                            major(row.figures.wonMinor)});
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
    auto* values = new QValueAxis;
    values->setRange(0, std::max(highest, 1.0) * 1.1);
    values->setLabelFormat(QStringLiteral("%.0f k"));
    values->setTickCount(5);
    values->applyNiceNumbers();
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
    // The pipeline's probabilitiesChanged has the Reports view read the forecast again.
    Q_EMIT message(QStringLiteral("Win probabilities saved."));
}

} // namespace dealboard::gui
