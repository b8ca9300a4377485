#include "ReviewDocument.h"

#include "ReviewPages.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/TextRules.h"

#include <QBuffer>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <spdlog/spdlog.h>

namespace dealboard::ReviewDocument {

namespace {

// "Values in EUR, converted at the rates of 2026-12-01; not converted, no
// rate: 2 deals in USD (…)." under a table whose totals were converted.
void conversionLine(Pages& pages, const ConversionNote& note)
{
    if (note.currency.isEmpty()) {
        return;
    }
    const QString said = note.text();
    pages.paragraph(
        QStringLiteral("Values in %1%2.").arg(note.currency, said.isEmpty() ? QString() : QStringLiteral(", ") + said));
}

QString percentText(const std::optional<double>& share)
{
    return share ? QStringLiteral("%1 %").arg(*share * 100.0, 0, 'f', 1) : QStringLiteral("–");
}

void drawFunnel(Pages& pages, const PipelineReport& funnel)
{
    pages.heading(QStringLiteral("Funnel"),
                  QStringLiteral("Every deal so far, in %1: how many reached each stage, how many went on, and what "
                                 "is open in it now. A stage reached by a skip counts as passed.")
                      .arg(funnel.currency));
    std::vector<std::pair<QString, double>> reached;
    std::vector<QStringList> rows;
    for (const StageFigures& f : funnel.stages) {
        reached.push_back({stageName(f.stage), double(f.reached)});
        rows.push_back({stageName(f.stage), QString::number(f.reached), percentText(f.conversionToNext),
                        QString::number(f.openDeals), formatForPeople({f.openValueMinor, funnel.currency}),
                        formatForPeople({f.weightedValueMinor, funnel.currency}), QString::number(f.lost),
                        f.medianDays ? QString::number(*f.medianDays, 'f', 1) : QStringLiteral("–")});
    }
    pages.bars(reached, QStringLiteral("deals"));
    pages.table({{QStringLiteral("STAGE"), 2.2, false},
                 {QStringLiteral("REACHED"), 1, true},
                 {QStringLiteral("WENT ON"), 1, true},
                 {QStringLiteral("OPEN"), 0.8, true},
                 {QStringLiteral("OPEN VALUE"), 1.8, true},
                 {QStringLiteral("WEIGHTED"), 1.8, true},
                 {QStringLiteral("LOST"), 0.8, true},
                 {QStringLiteral("MEDIAN DAYS IN STAGE"), 1.2, true}},
                rows);
    pages.paragraph(
        QStringLiteral("Win rate %1 · median days to win %2 · won from new customers %3, from existing "
                       "customers %4.")
            .arg(percentText(funnel.winRate),
                 funnel.medianDaysToWon ? QString::number(*funnel.medianDaysToWon, 'f', 1) : QStringLiteral("–"),
                 formatForPeople({funnel.wonNewValueMinor, funnel.currency}),
                 formatForPeople({funnel.wonRepeatValueMinor, funnel.currency})));
    conversionLine(pages, funnel.conversion);
}

void drawForecast(Pages& pages, const Forecast& forecast, bool oneOwner)
{
    pages.heading(QStringLiteral("Forecast by expected close month"),
                  QStringLiteral("Weighted: each open deal's value times its win probability (its own, else its "
                                 "stage's). Empirical: times the share of deals this team won within %1 days of "
                                 "entering its stage; \"not enough history\" where fewer than %2 deals stand behind "
                                 "a stage's rate.")
                      .arg(EmpiricalRate::Window)
                      .arg(EmpiricalRate::MinimumCohort));
    std::vector<QStringList> rows;
    for (const ForecastRow& row : forecast.rows) {
        if (!row.team) {
            continue;
        }
        const ForecastFigures& f = row.figures;
        rows.push_back({row.bucket, row.currency, QString::number(f.openDeals),
                        formatForPeople({f.openMinor, row.currency}), formatForPeople({f.weightedMinor, row.currency}),
                        f.empiricalMinor ? formatForPeople({*f.empiricalMinor, row.currency})
                                         : QStringLiteral("not enough history"),
                        formatForPeople({f.wonMinor, row.currency})});
    }
    pages.table({{oneOwner ? QStringLiteral("MONTH (THE OWNER'S)") : QStringLiteral("MONTH (TEAM)"), 1.6, false},
                 {QStringLiteral("CUR."), 0.6, false},
                 {QStringLiteral("DEALS"), 0.7, true},
                 {QStringLiteral("OPEN VALUE"), 1.9, true},
                 {QStringLiteral("WEIGHTED"), 1.9, true},
                 {QStringLiteral("EMPIRICAL"), 1.9, true},
                 {QStringLiteral("WON"), 1.7, true}},
                rows);
    conversionLine(pages, forecast.conversion);
    std::vector<QStringList> stages;
    for (Stage stage : AllStages) {
        const EmpiricalRate& rate = forecast.rates.of(stage);
        stages.push_back({stageName(stage), Probability::claimed(forecast.probabilities, stage),
                          QString::number(rate.cohort), QString::number(rate.won), ForecastFormat::rateText(rate)});
    }
    pages.table({{QStringLiteral("STAGE"), 2.2, false},
                 {QStringLiteral("CLAIMED"), 1.6, true},
                 {QStringLiteral("COHORT"), 1, true},
                 {QStringLiteral("WON IN 90 DAYS"), 1.4, true},
                 {QStringLiteral("SEEN"), 1.8, true}},
                stages);
}

void drawOwners(Pages& pages, const OwnerMonth& month)
{
    pages.heading(QStringLiteral("Owners against quota, %1").arg(month.month),
                  QStringLiteral("Met: won at least the quota. On track: won plus the weighted value of open deals "
                                 "expected to close in the rest of the month reaches it. Behind: it does not."));
    std::vector<QStringList> rows;
    for (const OwnerMonthRow& row : month.rows) {
        rows.push_back({row.owner.isEmpty() ? QStringLiteral("(no owner)") : TextRules::shown(row.owner),
                        OwnerMonthFormat::standingText(row.standing),
                        row.quotaMinor ? formatForPeople({*row.quotaMinor, row.currency}) : QStringLiteral("–"),
                        formatForPeople({row.wonMinor, row.currency}),
                        formatForPeople({row.weightedRestMinor, row.currency}),
                        QStringLiteral("%1 / %2").arg(row.wonDeals).arg(row.lostDeals),
                        OwnerMonthFormat::winRateText(row, QStringLiteral("–")),
                        row.medianDaysToWin ? QString::number(*row.medianDaysToWin, 'f', 1) : QStringLiteral("–"),
                        QString::number(row.activitiesDone)});
    }
    if (rows.empty()) {
        pages.paragraph(QStringLiteral("No owner has a quota, a deal closing or a deal closed this month."));
        return;
    }
    pages.table({{QStringLiteral("OWNER"), 1.9, false},
                 {QStringLiteral("STANDING"), 1.3, false},
                 {QStringLiteral("QUOTA"), 1.9, true},
                 {QStringLiteral("WON"), 1.9, true},
                 {QStringLiteral("WEIGHTED, REST OF MONTH"), 1.9, true},
                 {QStringLiteral("WON / LOST"), 0.8, true},
                 {QStringLiteral("WIN RATE"), 1, true},
                 {QStringLiteral("MEDIAN DAYS TO WIN"), 0.9, true},
                 {QStringLiteral("ACTIVITIES DONE"), 1, true}},
                rows, {}, [&month](int row, int column) {
                    return column == 1 && month.rows[std::size_t(row)].standing == OwnerMonthRow::Standing::Behind;
                });
    conversionLine(pages, month.conversion);
    for (const OwnerMonthRow& row : month.rows) {
        for (const Money& quota : row.unconvertedQuotas) {
            pages.paragraph(QStringLiteral("The quota of %1, %2, has no rate to %3: it is not counted.")
                                .arg(TextRules::shown(row.owner), formatForPeople(quota), row.currency));
        }
    }
}

void drawNeglected(Pages& pages, const std::vector<NeglectedDeal>& neglected)
{
    pages.heading(QStringLiteral("Most neglected deals"),
                  QStringLiteral("Open deals untouched for longer than their stage allows, the greatest value times "
                                 "days over first."));
    if (neglected.empty()) {
        pages.paragraph(QStringLiteral("None: every open deal was touched within its stage's limit."));
        return;
    }
    std::vector<QStringList> rows;
    for (const NeglectedDeal& deal : neglected) {
        // The reps' own words, their direction and control characters written out.
        rows.push_back({TextRules::shown(deal.title), TextRules::shown(deal.owner), stageName(deal.stage),
                        deal.lastTouch ? deal.lastTouch->toString(Qt::ISODate) : QStringLiteral("never"),
                        QString::number(deal.daysWithoutTouch), formatForPeople(deal.value)});
    }
    pages.table({{QStringLiteral("DEAL"), 3.2, false},
                 {QStringLiteral("OWNER"), 1.6, false},
                 {QStringLiteral("STAGE"), 1.9, false},
                 {QStringLiteral("LAST TOUCH"), 1.2, true},
                 {QStringLiteral("DAYS"), 0.7, true},
                 {QStringLiteral("VALUE"), 1.6, true}},
                rows);
}

void drawAccuracy(Pages& pages, const ForecastAccuracy& accuracy)
{
    const QString note = AccuracyFormat::ratesNote(accuracy);
    pages.heading(
        QStringLiteral("Forecast accuracy"),
        QStringLiteral("What the forecast said of each month of the %1 before %2, 90, 60 and 30 days "
                       "ahead, against what was won, in %3%4. Error: said less won, in percent of won.")
            .arg(accuracy.months == 1 ? QStringLiteral("month") : QStringLiteral("%1 months").arg(accuracy.months))
            .arg(Forecast::monthBucket(accuracy.today), accuracy.currency,
                 note.isEmpty() ? QString() : QStringLiteral("; %1").arg(note)));
    std::vector<QStringList> rows = AccuracyFormat::tableRows(accuracy);
    for (QStringList& row : rows) {
        row[1] = TextRules::shown(row[1]);
    }
    pages.table({{QStringLiteral("MONTH"), 1, false},
                 {QStringLiteral("OWNER"), 1.4, false},
                 {QStringLiteral("DAYS AHEAD"), 0.7, true},
                 {QStringLiteral("SNAPSHOT"), 1.2, true},
                 {QStringLiteral("CLAIMED"), 1.6, true},
                 {QStringLiteral("ERROR"), 0.8, true},
                 {QStringLiteral("EMPIRICAL"), 1.6, true},
                 {QStringLiteral("ERROR"), 0.8, true},
                 {QStringLiteral("WON"), 1.6, true}},
                rows, [&rows](int row) { return rows[std::size_t(row)][1] == QStringLiteral("(team)"); });
    const QStringList verdict = accuracy.verdict();
    if (!verdict.isEmpty()) {
        pages.paragraph(verdict.join(QLatin1Char(' ')));
    }
}

void drawSlipped(Pages& pages, const SlippedDeals& slipped, std::size_t all)
{
    pages.heading(QStringLiteral("Slipped deals"),
                  all > slipped.deals.size()
                      ? QStringLiteral("The %1 of %2 open deals whose expected close date moved later %3 times or more "
                                       "that slipped most; all of them: dealboard-cli forecast slipped.")
                            .arg(slipped.deals.size())
                            .arg(all)
                            .arg(SlippedDeals::MinimumSlips)
                      : QStringLiteral("Open deals whose expected close date moved later %1 times or more.")
                            .arg(SlippedDeals::MinimumSlips));
    if (slipped.deals.empty()) {
        pages.paragraph(QStringLiteral("None: no open deal's close date moved later twice."));
        return;
    }
    std::vector<QStringList> rows;
    for (const SlippedDeal& deal : slipped.deals) {
        rows.push_back({TextRules::shown(deal.title),
                        deal.owner.isEmpty() ? QStringLiteral("(no owner)") : TextRules::shown(deal.owner),
                        stageName(deal.stage), formatForPeople(deal.value), deal.firstClose.toString(Qt::ISODate),
                        deal.expectedClose.toString(Qt::ISODate), QString::number(deal.slips),
                        QString::number(deal.daysLater)});
    }
    pages.table({{QStringLiteral("DEAL"), 3, false},
                 {QStringLiteral("OWNER"), 1.4, false},
                 {QStringLiteral("STAGE"), 1.6, false},
                 {QStringLiteral("VALUE"), 1.6, true},
                 {QStringLiteral("FIRST CLOSE"), 1.2, true},
                 {QStringLiteral("CLOSE NOW"), 1.2, true},
                 {QStringLiteral("SLIPS"), 0.6, true},
                 {QStringLiteral("DAYS LATER"), 0.8, true}},
                rows);
}

} // namespace

namespace {

// Draws the review on `device`; `pageCount` 0 while only counting the
// pages. Returns how many pages it drew, or 0 when the device refused.
int render(const PipelineReview& review, QIODevice* device, int pageCount)
{
    QPdfWriter writer(device);
    writer.setResolution(Resolution);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 15),
                                     QPageLayout::Millimeter));
    writer.setTitle(QStringLiteral("Pipeline review"));
    writer.setCreator(QStringLiteral("DealBoard"));
    QPainter painter;
    if (!painter.begin(&writer)) {
        return 0;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    const QString pipeline = TextRules::shown(review.pipeline);
    const QString day = review.forecast.today.toString(Qt::ISODate);
    const QString whose = review.owner.isEmpty() ? QStringLiteral("the team") : TextRules::shown(review.owner);
    Pages pages(writer, painter, QStringLiteral("%1 · pipeline review of %2 · %3").arg(pipeline, whose, day),
                pageCount);
    pages.title(QStringLiteral("Pipeline review: %1").arg(pipeline),
                QStringLiteral("For %1, as of %2 (%3 UTC)")
                    .arg(whose, day, review.at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    drawFunnel(pages, review.funnel);
    drawForecast(pages, review.forecast, !review.owner.isEmpty());
    pages.newPage();
    drawOwners(pages, review.month);
    drawNeglected(pages, review.neglected);
    pages.newPage();
    drawAccuracy(pages, review.accuracy);
    drawSlipped(pages, review.slipped, review.slippedAll);
    pages.finish();
    return painter.end() ? pages.page() : 0;
}

} // namespace

bool write(const PipelineReview& review, QIODevice* device)
{
    // Drawn twice: once to count the pages that long names and huge figures
    // may add, then with "Page 1 of N" in every footer.
    QBuffer counting;
    counting.open(QIODevice::WriteOnly);
    const int pageCount = render(review, &counting, 0);
    return pageCount > 0 && render(review, device, pageCount) > 0;
}

Result<void> save(const PipelineReview& review, const QString& path, const QString& databasePath)
{
    Result<void> saved = PipelineFiles::saveAtomically(path, databasePath,
                                                       [&review](QIODevice* device) { return write(review, device); });
    if (saved) {
        spdlog::info("Wrote the pipeline review of {} to {}",
                     review.owner.isEmpty() ? "the team" : review.owner.toStdString(), path.toStdString());
    }
    return saved;
}

} // namespace dealboard::ReviewDocument
