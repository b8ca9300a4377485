// The report's measures on hand-built histories; every expected figure is
// worked out by hand in the comments.
#include "dealboard/PipelineReport.h"

#include "TestDatabase.h"
#include "dealboard/OwnerSplit.h"

#include <QBuffer>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

constexpr qint64 Day = 86'400'000;
const QDateTime Now(QDate(2026, 3, 31), QTime(0, 0), Qt::UTC);
const qint64 T0 = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();

// A deal's path as (stage, status, day) steps; the first step is its creation.
struct Step
{
    Stage stage;
    DealStatus status;
    int day;
};

class Cohort
{
public:
    void add(std::initializer_list<Step> steps, std::int64_t value = 0, const QString& reason = {},
             const QString& owner = {})
    {
        ReportDeal deal;
        deal.owner = owner;
        deal.id = static_cast<DealId>(m_deals.size() + 1);
        deal.createdMs = T0 + steps.begin()->day * Day;
        deal.valueMinor = value;
        deal.lostReason = reason;
        for (const Step& step : steps) {
            m_history.push_back({deal.id, step.stage, step.status, T0 + step.day * Day});
            deal.stage = step.stage;
            deal.status = step.status;
        }
        deal.probabilityPercent = stageInfo(deal.stage).winProbabilityPercent;
        m_deals.push_back(deal);
    }

    // The last deal added is in a currency other than the report's.
    void inOtherCurrency()
    {
        m_deals.back().inReportCurrency = false;
        m_deals.back().currency = QStringLiteral("USD");
    }

    PipelineReport report(CountingMode mode = CountingMode::Reached, const StageGoals& goals = {}) const
    {
        ReportFilter filter;
        filter.mode = mode;
        return PipelineReportBuilder::build(m_deals, m_history, filter, goals, Now);
    }

    OwnerSplit split() const { return OwnerSplitBuilder::build(m_deals, m_history, ReportFilter(), {}, Now); }

private:
    std::vector<ReportDeal> m_deals;
    std::vector<ReportHistoryRow> m_history;
};

std::vector<int> reached(const PipelineReport& report)
{
    std::vector<int> counts;
    for (const StageFigures& figures : report.stages) {
        counts.push_back(figures.reached);
    }
    return counts;
}

constexpr DealStatus Open = DealStatus::Open;
constexpr DealStatus Won = DealStatus::Won;
constexpr DealStatus Lost = DealStatus::Lost;

} // namespace

TEST(PipelineReport, EmptyCohortHasNoRates)
{
    const PipelineReport report = Cohort().report();
    EXPECT_EQ(report.deals, 0);
    EXPECT_EQ(reached(report), std::vector<int>(7, 0));
    for (const StageFigures& figures : report.stages) {
        EXPECT_FALSE(figures.conversionToNext.has_value());
        EXPECT_FALSE(figures.cumulativeConversion.has_value());
        EXPECT_FALSE(figures.medianDays.has_value());
        EXPECT_EQ(PipelineReportFormat::csvRow(figures, QStringLiteral("EUR"))[3], QString());
    }
    EXPECT_FALSE(report.winRate.has_value());
}

TEST(PipelineReport, SkippedStageCountsAsPassedInReachedModeButBreaksTheChainInStrict)
{
    Cohort cohort;
    // A: Prospecting -> Qualifying -> Contacting (no skip).
    cohort.add({{Stage::Prospecting, Open, 0}, {Stage::Qualifying, Open, 2}, {Stage::Contacting, Open, 5}});
    // B: Prospecting -> Contacting, skipping Qualifying.
    cohort.add({{Stage::Prospecting, Open, 0}, {Stage::Contacting, Open, 4}});
    // C: created in Qualifying (never in Prospecting).
    cohort.add({{Stage::Qualifying, Open, 1}});

    // Reached: all three reached Prospecting and Qualifying (C's Prospecting and
    // B's Qualifying by passing); A and B reached Contacting.
    const PipelineReport loose = cohort.report(CountingMode::Reached);
    EXPECT_EQ(reached(loose), (std::vector<int> {3, 3, 2, 0, 0, 0, 0}));
    EXPECT_DOUBLE_EQ(*loose.stages[0].conversionToNext, 1.0);
    EXPECT_DOUBLE_EQ(*loose.stages[1].conversionToNext, 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(*loose.stages[2].cumulativeConversion, 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(*loose.stages[2].conversionToNext, 0.0);
    EXPECT_FALSE(loose.stages[3].conversionToNext.has_value()); // nobody reached Relationship Building

    // Strict: Prospecting A, B (C never was); Qualifying only A (B skipped it,
    // C has no Prospecting); Contacting only A.
    const PipelineReport strict = cohort.report(CountingMode::Strict);
    EXPECT_EQ(reached(strict), (std::vector<int> {2, 1, 1, 0, 0, 0, 0}));
    EXPECT_DOUBLE_EQ(*strict.stages[0].conversionToNext, 0.5);
}

TEST(PipelineReport, BackAndForthIsCountedOncePerStage)
{
    Cohort cohort;
    // Q -> C -> Q -> C -> Q: reached Prospecting..Contacting once each.
    cohort.add({{Stage::Prospecting, Open, 0},
                {Stage::Qualifying, Open, 1},
                {Stage::Contacting, Open, 2},
                {Stage::Qualifying, Open, 3},
                {Stage::Contacting, Open, 5},
                {Stage::Qualifying, Open, 8}});
    const PipelineReport report = cohort.report();
    EXPECT_EQ(reached(report), (std::vector<int> {1, 1, 1, 0, 0, 0, 0}));
    // Moving back does not un-reach Contacting.
    EXPECT_DOUBLE_EQ(*report.stages[1].conversionToNext, 1.0);
    // Completed stays: Prospecting 1 day; Qualifying 1 and 2 days (day 1-2, 3-5);
    // Contacting 1 and 3 days (day 2-3, 5-8). The current Qualifying stay (day
    // 8 to Now) is reported apart.
    EXPECT_DOUBLE_EQ(*report.stages[0].medianDays, 1.0);
    EXPECT_EQ(report.stages[1].completedStays, 2);
    EXPECT_DOUBLE_EQ(*report.stages[1].medianDays, 1.5);
    EXPECT_DOUBLE_EQ(*report.stages[1].meanDays, 1.5);
    EXPECT_DOUBLE_EQ(*report.stages[2].medianDays, 2.0);
    EXPECT_EQ(report.stages[1].currentStays, 1);
    // Now is 2026-03-31, day 89 after T0; the stay began on day 8: 81 days.
    EXPECT_DOUBLE_EQ(*report.stages[1].currentMedianDays, 81.0);
}

TEST(PipelineReport, LostDealsAreCountedInTheirStageWithReasonsAndReopenedOnesAgain)
{
    Cohort cohort;
    // Lost in Contacting after 4 days there.
    cohort.add({{Stage::Prospecting, Open, 0}, {Stage::Contacting, Open, 2}, {Stage::Contacting, Lost, 6}}, 0,
               QStringLiteral("Went silent"));
    // Lost in Contacting, reopened, moved on to Relationship Building.
    cohort.add({{Stage::Prospecting, Open, 0},
                {Stage::Contacting, Open, 1},
                {Stage::Contacting, Lost, 3},
                {Stage::Contacting, Open, 10},
                {Stage::Relationship, Open, 12}});
    // Lost in Prospecting.
    cohort.add({{Stage::Prospecting, Open, 0}, {Stage::Prospecting, Lost, 9}}, 0, QStringLiteral("Price too high"));
    const PipelineReport report = cohort.report();
    EXPECT_EQ(report.stages[stageIndex(Stage::Prospecting)].lost, 1);
    EXPECT_EQ(report.stages[stageIndex(Stage::Contacting)].lost, 2); // distinct deals lost there
    // The reasons add up to the count: the one still lost gives its own, the
    // reopened one says it was reopened since.
    const auto& reasons = report.stages[stageIndex(Stage::Contacting)].lostReasons;
    ASSERT_EQ(reasons.size(), 2u);
    EXPECT_EQ(reasons[0], std::make_pair(PipelineReport::ReopenedSince, 1));
    EXPECT_EQ(reasons[1], std::make_pair(QStringLiteral("Went silent"), 1));
    EXPECT_EQ(reached(report), (std::vector<int> {3, 2, 2, 1, 0, 0, 0}));
    // Contacting stays: 4 days (lost), 2 days (lost), 2 days (reopened day 10, left day 12).
    EXPECT_EQ(report.stages[stageIndex(Stage::Contacting)].completedStays, 3);
    EXPECT_DOUBLE_EQ(*report.stages[stageIndex(Stage::Contacting)].medianDays, 2.0);
    EXPECT_NEAR(*report.stages[stageIndex(Stage::Contacting)].meanDays, 8.0 / 3.0, 1e-9);
    // Lost deals are not open.
    EXPECT_EQ(report.stages[stageIndex(Stage::Prospecting)].openDeals, 0);
}

TEST(PipelineReport, WinRateDaysToWonAndOpenValues)
{
    Cohort cohort;
    cohort.add({{Stage::Prospecting, Open, 0}, {Stage::Closing, Open, 10}, {Stage::Retention, Won, 30}}, 500000);
    cohort.add({{Stage::Prospecting, Open, 10}, {Stage::Negotiation, Open, 20}}, 100000);
    cohort.add({{Stage::Prospecting, Open, 5}}, 20000);
    cohort.add({{Stage::Prospecting, Open, 5}}, 30000);
    const PipelineReport report = cohort.report();
    EXPECT_DOUBLE_EQ(*report.winRate, 0.25); // 1 of 4
    EXPECT_DOUBLE_EQ(*report.medianDaysToWon, 30.0);
    const StageFigures& prospecting = report.stages[stageIndex(Stage::Prospecting)];
    EXPECT_EQ(prospecting.openDeals, 2);
    EXPECT_EQ(prospecting.openValueMinor, 50000);
    EXPECT_EQ(prospecting.weightedValueMinor, 2500); // 5 %
    const StageFigures& negotiation = report.stages[stageIndex(Stage::Negotiation)];
    EXPECT_EQ(negotiation.weightedValueMinor, 60000); // 60 %
    EXPECT_EQ(report.stages[stageIndex(Stage::Retention)].openDeals, 0); // won, not open
}

TEST(PipelineReport, GoalsMarkStagesOnOrBelowTarget)
{
    Cohort cohort;
    cohort.add({{Stage::Prospecting, Open, 0}, {Stage::Qualifying, Open, 10}});
    cohort.add({{Stage::Prospecting, Open, 0}, {Stage::Qualifying, Open, 20}});
    cohort.add({{Stage::Prospecting, Open, 0}});
    cohort.add({{Stage::Prospecting, Open, 0}});
    StageGoals goals {};
    goals[stageIndex(Stage::Prospecting)].targetConversion = 0.5; // actual 2/4 = 0.5: met
    goals[stageIndex(Stage::Prospecting)].targetMedianDays = 14; // actual median of 10, 20 = 15: missed
    goals[stageIndex(Stage::Qualifying)].targetConversion = 0.1; // actual 0/2: missed
    goals[stageIndex(Stage::Contacting)].targetMedianDays = 5; // no stays: cannot judge
    const PipelineReport report = cohort.report(CountingMode::Reached, goals);
    EXPECT_EQ(report.stages[0].conversionOnTarget, true);
    EXPECT_EQ(report.stages[0].daysOnTarget, false);
    EXPECT_EQ(report.stages[0].onTarget(), false);
    EXPECT_EQ(report.stages[1].onTarget(), false);
    EXPECT_EQ(report.stages[2].onTarget(), std::nullopt);
    EXPECT_EQ(report.stages[3].onTarget(), std::nullopt); // no goal
    const QStringList row = PipelineReportFormat::csvRow(report.stages[0], QStringLiteral("EUR"));
    EXPECT_EQ(
        row,
        (QStringList {QStringLiteral("prospecting"), QStringLiteral("EUR"), QStringLiteral("4"),
                      QStringLiteral("0.5000"), QStringLiteral("1.0000"), QStringLiteral("2"), QStringLiteral("0.00"),
                      QStringLiteral("0.00"), QStringLiteral("0"), QStringLiteral("15.0"), QStringLiteral("15.0"),
                      QStringLiteral("0.5000"), QStringLiteral("14"), QStringLiteral("no")}));
}

TEST(PipelineReport, ServiceFiltersByCreationDateAndOwnerAndStoresGoals)
{
    TestDatabase db;
    DealFields alice = TestDatabase::qualified();
    alice.owner = QStringLiteral("Alice");
    db.clock().set(QDateTime(QDate(2026, 1, 10), QTime(12, 0), Qt::UTC));
    const Deal january = db.create(QStringLiteral("January"), Stage::Prospecting, alice);
    db.clock().set(QDateTime(QDate(2026, 2, 10), QTime(12, 0), Qt::UTC));
    const Deal february = db.create(QStringLiteral("February"), Stage::Prospecting, TestDatabase::qualified());
    db.clock().advanceSeconds(86400);
    ASSERT_TRUE(db.service().deals().move(february.id, Stage::Contacting).ok());
    ASSERT_TRUE(db.service().deals().move(january.id, Stage::Qualifying).ok());

    ReportFilter filter;
    EXPECT_EQ(db.service().reports().report(filter).value().deals, 2);
    filter.from = QDate(2026, 2, 1);
    PipelineReport report = db.service().reports().report(filter).value();
    EXPECT_EQ(report.deals, 1);
    EXPECT_EQ(reached(report), (std::vector<int> {1, 1, 1, 0, 0, 0, 0}));
    filter.from = QDate();
    filter.to = QDate(2026, 1, 10); // inclusive of the whole day
    EXPECT_EQ(db.service().reports().report(filter).value().deals, 1);
    filter.to = QDate();
    filter.owner = QStringLiteral("Alice");
    report = db.service().reports().report(filter).value();
    EXPECT_EQ(report.deals, 1);
    EXPECT_EQ(reached(report), (std::vector<int> {1, 1, 0, 0, 0, 0, 0}));

    filter = {};
    filter.from = QDate(2026, 3, 1);
    filter.to = QDate(2026, 2, 1);
    EXPECT_EQ(db.service().reports().report(filter).error().code, ErrorCode::InvalidInput);

    StageGoal goal;
    goal.targetConversion = 0.35;
    goal.targetMedianDays = 12;
    ASSERT_TRUE(db.service().reports().setStageGoal(Stage::Qualifying, goal).ok());
    EXPECT_EQ(db.service().reports().stageGoals().value()[stageIndex(Stage::Qualifying)], goal);
    EXPECT_FALSE(db.service().reports().setStageGoal(Stage::Qualifying, StageGoal {1.5, std::nullopt}).ok());
    EXPECT_FALSE(db.service().reports().setStageGoal(Stage::Retention, StageGoal {0.5, std::nullopt}).ok());
    ASSERT_TRUE(db.service().reports().setStageGoal(Stage::Qualifying, StageGoal {}).ok());
    EXPECT_FALSE(db.service().reports().stageGoals().value()[stageIndex(Stage::Qualifying)].isSet());
}

// Anna: one won (500), one lost, one open in Closing (300);
// Ben: one open in Qualifying (200); one deal nobody owns, lost.
TEST(OwnerSplit, EachOwnerGetsTheirOwnDealsMeasuresAndTheTeamLineIsTheWholeCohort)
{
    Cohort cohort;
    cohort.add({{Stage::Prospecting, Open, 0}, {Stage::Closing, Open, 10}, {Stage::Retention, Won, 20}}, 50000, {},
               QStringLiteral("anna"));
    cohort.add({{Stage::Prospecting, Open, 0}, {Stage::Prospecting, Lost, 5}}, 0, QStringLiteral("No budget"),
               QStringLiteral("anna"));
    cohort.add({{Stage::Prospecting, Open, 1}, {Stage::Qualifying, Open, 3}}, 20000, {}, QStringLiteral("ben"));
    cohort.add({{Stage::Prospecting, Open, 2}, {Stage::Closing, Open, 4}}, 30000, {}, QStringLiteral("anna"));
    cohort.add({{Stage::Prospecting, Open, 2}, {Stage::Prospecting, Lost, 3}}, 0, QStringLiteral("Silent"));
    const OwnerSplit split = cohort.split();
    ASSERT_EQ(split.owners.size(), 3u);
    EXPECT_EQ(split.owners[0].owner, QStringLiteral("anna"));
    EXPECT_EQ(split.owners[1].owner, QStringLiteral("ben"));
    EXPECT_EQ(split.owners[2].owner, QString()); // nobody's deals come last

    const OwnerFigures& anna = split.owners[0];
    EXPECT_EQ(anna.deals, 3);
    EXPECT_EQ(anna.openDeals, 1);
    EXPECT_EQ(anna.openValueMinor, 30000);
    EXPECT_EQ(anna.wonDeals, 1);
    EXPECT_EQ(anna.wonValueMinor, 50000);
    EXPECT_EQ(anna.lostDeals, 1);
    ASSERT_TRUE(anna.winRate.has_value());
    EXPECT_NEAR(*anna.winRate, 1.0 / 3.0, 1e-9); // as the report counts it: reached Retention of the cohort
    ASSERT_TRUE(anna.medianDaysToWon.has_value());
    EXPECT_DOUBLE_EQ(*anna.medianDaysToWon, 20.0);

    const OwnerFigures& ben = split.owners[1];
    EXPECT_EQ(ben.deals, 1);
    EXPECT_EQ(ben.openValueMinor, 20000);
    EXPECT_EQ(ben.wonDeals, 0);
    EXPECT_EQ(split.owners[2].lostDeals, 1);

    // The team's line is the whole cohort's report, not a sum of rates.
    const PipelineReport whole = cohort.report();
    EXPECT_EQ(split.team.deals, 5);
    EXPECT_EQ(split.team.openValueMinor, 50000);
    EXPECT_EQ(split.team.lostDeals, 2);
    EXPECT_EQ(split.team.winRate, whole.winRate);
    // An owner's weighted value is their share of the team's.
    EXPECT_EQ(anna.weightedValueMinor + ben.weightedValueMinor + split.owners[2].weightedValueMinor,
              split.team.weightedValueMinor);
}

// A won deal in another currency counts as won wherever it counts in the win
// rate (the owner's line, the team's, the report's), its value left out of
// the values and said so.
TEST(OwnerSplit, AWonDealInAnotherCurrencyIsCountedAsWonAndNamedAsLeftOutOfTheValues)
{
    Cohort cohort;
    cohort.add({{Stage::Prospecting, Open, 0}, {Stage::Retention, Won, 20}}, 70000, {}, QStringLiteral("alice"));
    cohort.inOtherCurrency();
    for (int i = 0; i < 7; ++i) {
        cohort.add({{Stage::Prospecting, Open, i}}, 1000, {}, QStringLiteral("alice"));
    }
    cohort.add({{Stage::Prospecting, Open, 0}, {Stage::Retention, Won, 10}}, 50000, {}, QStringLiteral("ben"));
    const OwnerSplit split = cohort.split();
    const OwnerFigures& alice = split.owners[0];
    ASSERT_EQ(alice.owner, QStringLiteral("alice"));
    EXPECT_EQ(alice.wonDeals, 1) << "counted in the win rate, so counted as won";
    EXPECT_EQ(alice.wonValueMinor, 0) << "its value is in another currency";
    EXPECT_NEAR(*alice.winRate, 1.0 / 8.0, 1e-9);
    EXPECT_EQ(split.team.wonDeals, 2);
    EXPECT_EQ(split.team.wonValueMinor, 50000);
    EXPECT_TRUE(split.otherCurrencies.contains(QStringLiteral("1 won deal(s) in other currencies")))
        << split.otherCurrencies.toStdString();
    EXPECT_TRUE(OwnerSplitFormat::table(split).contains(QStringLiteral("1 won deal(s) in other currencies")));
    const PipelineReport report = cohort.report();
    EXPECT_EQ(report.wonNewDeals, 2);
    EXPECT_EQ(report.wonNewValueMinor, 50000);
    EXPECT_EQ(report.otherCurrencyWonDeals, 1);
    EXPECT_TRUE(PipelineReportFormat::table(report).contains(QStringLiteral("1 won deal(s) in other currencies")));
}

TEST(OwnerSplit, AnOwnersNameIsWrittenAsTextInCsv)
{
    Cohort cohort;
    cohort.add({{Stage::Prospecting, Open, 0}}, 100, {}, QStringLiteral("=HYPERLINK(\"x\")"));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ASSERT_TRUE(OwnerSplitFormat::writeCsv(&buffer, cohort.split(), false));
    const QStringList lines = QString::fromUtf8(buffer.data()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 3);
    EXPECT_TRUE(lines[1].startsWith(QStringLiteral("\"'=HYPERLINK"))) << lines[1].toStdString();
    EXPECT_EQ(lines[2], QStringLiteral("(team),EUR,1,1,1.00,0.05,0,0.00,0,0.0000,,,"));
    EXPECT_TRUE(OwnerSplitFormat::table(cohort.split()).contains(QStringLiteral("Team ")));
}
