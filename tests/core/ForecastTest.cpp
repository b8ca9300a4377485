// The forecast by expected close month, worked by hand: month boundaries,
// overdue, later and no date, several currencies and owners, won value in
// the month it was won; and through the service on a file and a server.
#include "dealboard/Forecast.h"

#include "TestDatabase.h"
#include "dealboard/Pipeline.h"

#include <QBuffer>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

ForecastDeal open(DealId id, const QString& owner, Stage stage, std::int64_t minor, const QDate& close,
                  const QString& currency = QStringLiteral("EUR"))
{
    ForecastDeal deal;
    deal.id = id;
    deal.owner = owner;
    deal.stage = stage;
    deal.valueMinor = minor;
    deal.currency = currency;
    deal.expectedClose = close;
    return deal;
}

ForecastDeal closed(DealId id, const QString& owner, DealStatus status, std::int64_t minor, const QDate& close,
                    const QDate& on)
{
    ForecastDeal deal = open(id, owner, Stage::Closing, minor, close);
    deal.status = status;
    (status == DealStatus::Won ? deal.wonOn : deal.lostOn) = on;
    return deal;
}

const ForecastRow* row(const Forecast& forecast, const QString& bucket, const QString& owner,
                       const QString& currency = QStringLiteral("EUR"))
{
    for (const ForecastRow& r : forecast.rows) {
        if (r.bucket == bucket && (owner.isNull() ? r.team : !r.team && r.owner == owner) && r.currency == currency) {
            return &r;
        }
    }
    return nullptr;
}

} // namespace

TEST(Forecast, DealsGoToTheMonthOfTheirExpectedCloseWithItsBoundariesExact)
{
    const QDate today(2026, 11, 30); // the last day of November
    const std::vector<ForecastDeal> deals = {
        open(1, QStringLiteral("anna"), Stage::Negotiation, 100000, QDate(2026, 11, 30)), // today: this month
        open(2, QStringLiteral("anna"), Stage::Closing, 50000, QDate(2026, 12, 1)), // first day of the next
        open(3, QStringLiteral("ben"), Stage::Qualifying, 20000, QDate(2026, 12, 31)), // last day of it
        open(4, QStringLiteral("ben"), Stage::Prospecting, 30000, QDate(2026, 11, 29)), // yesterday: overdue
        open(5, QStringLiteral("ben"), Stage::Contacting, 40000, QDate(2027, 1, 1)), // after 2 months: later
        open(6, QStringLiteral("anna"), Stage::Contacting, 7000, QDate()), // no date
        open(7, QStringLiteral("anna"), Stage::Negotiation, 99999, QDate(2026, 12, 15), QStringLiteral("USD")),
        closed(8, QStringLiteral("ben"), DealStatus::Won, 80000, QDate(2026, 10, 1),
               QDate(2026, 11, 2)), // won this month, whatever its close date said
        closed(9, QStringLiteral("ben"), DealStatus::Won, 5000, QDate(),
               QDate(2026, 10, 31)), // won before the first month: in no bucket
        closed(10, QStringLiteral("ben"), DealStatus::Lost, 5000, today, today),
    };
    const Forecast forecast = Forecast::build(deals, today, 2, QStringLiteral("EUR"));
    EXPECT_EQ(forecast.buckets,
              (QStringList {QStringLiteral("overdue"), QStringLiteral("2026-11"), QStringLiteral("2026-12"),
                            QStringLiteral("later"), QStringLiteral("no date")}));

    // Negotiation weighs 60 %, Closing 80 %, Qualifying 20 %, Prospecting 10 %, Contacting 20 %.
    const ForecastRow* november = row(forecast, QStringLiteral("2026-11"), QStringLiteral("anna"));
    ASSERT_NE(november, nullptr);
    EXPECT_EQ(november->figures.openDeals, 1);
    EXPECT_EQ(november->figures.openMinor, 100000);
    EXPECT_EQ(november->figures.weightedMinor, percentOf(100000, stageInfo(Stage::Negotiation).winProbabilityPercent));
    const ForecastRow* bensNovember = row(forecast, QStringLiteral("2026-11"), QStringLiteral("ben"));
    ASSERT_NE(bensNovember, nullptr);
    EXPECT_EQ(bensNovember->figures.openDeals, 0);
    EXPECT_EQ(bensNovember->figures.wonDeals, 1);
    EXPECT_EQ(bensNovember->figures.wonMinor, 80000);

    const ForecastRow* december = row(forecast, QStringLiteral("2026-12"), QString()); // the team, EUR
    ASSERT_NE(december, nullptr);
    EXPECT_EQ(december->figures.openDeals, 2); // deals 2 and 3
    EXPECT_EQ(december->figures.openMinor, 70000);
    EXPECT_EQ(december->figures.weightedMinor,
              percentOf(50000, stageInfo(Stage::Closing).winProbabilityPercent)
                  + percentOf(20000, stageInfo(Stage::Qualifying).winProbabilityPercent));
    // Currencies are never added together.
    const ForecastRow* dollars = row(forecast, QStringLiteral("2026-12"), QString(), QStringLiteral("USD"));
    ASSERT_NE(dollars, nullptr);
    EXPECT_EQ(dollars->figures.openMinor, 99999);
    EXPECT_EQ(dollars->figures.weightedMinor, 59999); // 99,999 × 60 %, rounded down

    EXPECT_EQ(row(forecast, QStringLiteral("overdue"), QString())->figures.openMinor, 30000);
    EXPECT_EQ(row(forecast, QStringLiteral("later"), QString())->figures.openMinor, 40000);
    EXPECT_EQ(row(forecast, QStringLiteral("no date"), QString())->figures.openMinor, 7000);
    // Won deal 9 and lost deal 10 are nowhere.
    int won = 0;
    for (const ForecastRow& r : forecast.rows) {
        if (r.team) {
            won += r.figures.wonDeals;
        }
    }
    EXPECT_EQ(won, 1);
}

TEST(Forecast, TheMonthTurnsWithTheClockAndEmptyMonthsStillShow)
{
    const std::vector<ForecastDeal> deals
        = {open(1, QStringLiteral("anna"), Stage::Closing, 100000, QDate(2026, 11, 30))};
    // On the 30th it is this month's; a day later, December 1st, it is overdue.
    EXPECT_EQ(
        row(Forecast::build(deals, QDate(2026, 11, 30), 3, QStringLiteral("EUR")), QStringLiteral("2026-11"), QString())
            ->figures.openDeals,
        1);
    const Forecast later = Forecast::build(deals, QDate(2026, 12, 1), 3, QStringLiteral("EUR"));
    EXPECT_EQ(later.buckets.at(1), QStringLiteral("2026-12"));
    EXPECT_EQ(later.buckets.at(3), QStringLiteral("2027-02")); // over the year's end
    EXPECT_EQ(row(later, QStringLiteral("overdue"), QString())->figures.openDeals, 1);
    // An empty month has its team line of zeros in the pipeline's currency.
    const ForecastRow* january = row(later, QStringLiteral("2027-01"), QString());
    ASSERT_NE(january, nullptr);
    EXPECT_EQ(january->figures.openDeals, 0);

    // The table, CSV and JSON say the same.
    const QString table = ForecastFormat::table(later);
    EXPECT_TRUE(table.contains(QStringLiteral("as of 2026-12-01"))) << table.toStdString();
    EXPECT_TRUE(table.contains(QStringLiteral("overdue  anna"))) << table.toStdString();
    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    ASSERT_TRUE(ForecastFormat::writeCsv(&csv, later));
    EXPECT_TRUE(csv.data().contains("overdue,anna,EUR,1,1000.00,800.00,,0,0.00\r\n")) << csv.data().toStdString();
    const QJsonObject json = ForecastFormat::json(later);
    EXPECT_EQ(json[QStringLiteral("today")].toString(), QStringLiteral("2026-12-01"));
    EXPECT_EQ(json[QStringLiteral("rows")].toArray().first().toObject()[QStringLiteral("weighted_value")].toString(),
              QStringLiteral("800.00"));
}

TEST(Forecast, TheServiceReadsOpenAndWonDealsUnderAFixedClock)
{
    TestDatabase db; // the clock reads 2026-03-02 09:00 UTC
    DealFields fields = TestDatabase::qualified();
    fields.valueMinor = 120000;
    fields.owner = QStringLiteral("anna");
    fields.expectedClose = QDate(2026, 3, 31);
    const Deal march = db.create(QStringLiteral("Closes in March"), Stage::Qualifying, fields);
    fields.owner = QStringLiteral("ben");
    fields.expectedClose = QDate(2026, 4, 1);
    db.create(QStringLiteral("Closes in April"), Stage::Qualifying, fields);
    fields.expectedClose = QDate(2026, 3, 1);
    const Deal won = db.create(QStringLiteral("Won today"), Stage::Qualifying, fields);
    for (Stage stage : {Stage::Contacting, Stage::Relationship, Stage::Negotiation, Stage::Closing}) {
        ASSERT_TRUE(db.service().deals().move(won.id, stage).ok());
    }
    ASSERT_TRUE(db.service().deals().win(won.id).ok());

    Result<Forecast> forecast = db.service().reports().forecast(std::nullopt, 2);
    ASSERT_TRUE(forecast.ok()) << forecast.error().message.toStdString();
    const ForecastRow* thisMonth = row(forecast.value(), QStringLiteral("2026-03"), QString());
    ASSERT_NE(thisMonth, nullptr);
    EXPECT_EQ(thisMonth->figures.openDeals, 1);
    EXPECT_EQ(thisMonth->figures.openMinor, 120000);
    EXPECT_EQ(thisMonth->figures.wonDeals, 1);
    EXPECT_EQ(thisMonth->figures.wonMinor, 120000);
    EXPECT_EQ(row(forecast.value(), QStringLiteral("2026-04"), QStringLiteral("ben"))->figures.openDeals, 1);

    // One owner's forecast holds only their deals.
    Result<Forecast> annas = db.service().reports().forecast(QStringLiteral("anna"), 2);
    ASSERT_TRUE(annas.ok());
    for (const ForecastRow& r : annas.value().rows) {
        EXPECT_TRUE(r.team || r.owner == QStringLiteral("anna")) << r.owner.toStdString();
    }
    EXPECT_EQ(row(annas.value(), QStringLiteral("2026-03"), QString())->figures.openMinor, march.value.minor);
    EXPECT_EQ(db.service().reports().forecast(std::nullopt, 0).error().code, ErrorCode::InvalidInput);
}

// Weighted values are added exactly and rounded once, halves away from zero:
// 5 % of 0.10 and 0.30 EUR is 0.02 EUR, and of twenty deals of ¥19 it is ¥19,
// where rounding each deal first would say 0.01 EUR and ¥0 (or ¥20).
TEST(Forecast, WeightedValuesAreAddedExactlyAndRoundedOnce)
{
    EXPECT_EQ(percentOf(10, 5), 1); // 0.5 of a cent, away from zero
    EXPECT_EQ(percentOf(999999, 5), 50000); // 49,999.95
    EXPECT_EQ(percentOf(99999, 60), 59999); // 59,999.4
    const QDate today(2026, 12, 6);
    std::vector<ForecastDeal> deals = {open(1, QStringLiteral("anna"), Stage::Prospecting, 10, QDate(2026, 12, 20)),
                                       open(2, QStringLiteral("anna"), Stage::Prospecting, 30, QDate(2026, 12, 20))};
    for (int i = 0; i < 20; ++i) {
        deals.push_back(
            open(10 + i, QStringLiteral("ben"), Stage::Prospecting, 19, QDate(2026, 12, 21), QStringLiteral("JPY")));
    }
    for (ForecastDeal& deal : deals) {
        deal.probabilityOverride = 5;
    }
    const Forecast forecast = Forecast::build(deals, today, 2, QStringLiteral("EUR"));
    EXPECT_EQ(row(forecast, QStringLiteral("2026-12"), QStringLiteral("anna"))->figures.weightedMinor, 2);
    EXPECT_EQ(
        row(forecast, QStringLiteral("2026-12"), QStringLiteral("ben"), QStringLiteral("JPY"))->figures.weightedMinor,
        19);

    // The report's stages and the owners' month, through the service.
    TestDatabase db; // the clock reads 2026-03-02 09:00 UTC
    DealFields fields;
    fields.expectedClose = QDate(2026, 3, 20);
    fields.owner = QStringLiteral("anna");
    for (std::int64_t value : {10, 30}) {
        fields.valueMinor = value;
        db.create(QStringLiteral("Small %1").arg(value), Stage::Prospecting, fields);
    }
    ASSERT_TRUE(db.service().reports().setProbability(Stage::Prospecting, 5).ok());
    const PipelineReport report = db.service().reports().report({}).value();
    EXPECT_EQ(report.stages[stageIndex(Stage::Prospecting)].weightedValueMinor, 2);
    const Result<Forecast> served = db.service().reports().forecast(std::nullopt, 2);
    ASSERT_TRUE(served.ok()) << served.error().message.toStdString();
    EXPECT_EQ(row(served.value(), QStringLiteral("2026-03"), QString())->figures.weightedMinor, 2);
}
