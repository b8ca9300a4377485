// The manager's desk, worked by hand: the stages' probabilities and a deal's
// own, the empirical rates from the team's history (the 90-day window and
// the 20-deal minimum at their exact edges), each owner's month against
// quota; and through the service on a file and a server.
#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/DealStore.h"
#include "dealboard/OwnerMonth.h"
#include "dealboard/Pipeline.h"
#include "dealboard/PipelineBackup.h"
#include "dealboard/service/PipelineOpener.h"

#include <QBuffer>
#include <QJsonArray>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

const QDateTime Now(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC);
constexpr qint64 Day = 86400;

ForecastDeal deal(DealId id, const QString& owner, Stage stage, DealStatus status, std::int64_t minor,
                  const QString& currency = QStringLiteral("EUR"))
{
    ForecastDeal d;
    d.id = id;
    d.owner = owner;
    d.stage = stage;
    d.status = status;
    d.valueMinor = minor;
    d.currency = currency;
    return d;
}

ForecastDeal openClosing(DealId id, const QString& owner, Stage stage, std::int64_t minor, const QDate& close)
{
    ForecastDeal d = deal(id, owner, stage, DealStatus::Open, minor);
    d.expectedClose = close;
    return d;
}

ForecastDeal won(DealId id, const QString& owner, std::int64_t minor, const QDate& created, const QDate& on,
                 const QString& currency = QStringLiteral("EUR"))
{
    ForecastDeal d = deal(id, owner, Stage::Retention, DealStatus::Won, minor, currency);
    d.createdAt = QDateTime(created, QTime(10, 0), Qt::UTC);
    d.wonOn = on;
    return d;
}

const ForecastRow* teamRow(const Forecast& forecast, const QString& bucket)
{
    for (const ForecastRow& r : forecast.rows) {
        if (r.team && r.bucket == bucket && r.currency == u"EUR") {
            return &r;
        }
    }
    return nullptr;
}

// 20 deals entered Negotiation exactly 90 days before Now; of them 1 to 5
// were won exactly 90 days after, deal 6 a second later, deal 7 before it
// entered. One more entered a second too late to be in the cohort. Closing
// has 19 deals behind it: not enough.
EmpiricalRates handWorkedRates()
{
    std::vector<ReportHistoryRow> history;
    const qint64 entered = Now.addSecs(-90 * Day).toMSecsSinceEpoch();
    auto row = [&history](DealId deal, Stage stage, DealStatus status, qint64 atMs) {
        history.push_back({deal, stage, status, atMs});
    };
    for (DealId id = 1; id <= 21; ++id) {
        row(id, Stage::Negotiation, DealStatus::Open, id == 21 ? entered + 1000 : entered);
        if (id <= 5) {
            row(id, Stage::Retention, DealStatus::Won, entered + 90 * Day * 1000);
        } else if (id == 6) {
            row(id, Stage::Retention, DealStatus::Won, entered + 90 * Day * 1000 + 1000);
        } else if (id == 21) {
            row(id, Stage::Retention, DealStatus::Won, entered + 2000); // won, but not in the cohort
        }
    }
    // Deal 7 was won before it entered Negotiation (reopened, then back): not a win within its window.
    history.insert(history.begin() + 10, {7, Stage::Retention, DealStatus::Won, entered - 1000});
    std::stable_sort(history.begin(), history.end(),
                     [](const ReportHistoryRow& a, const ReportHistoryRow& b) { return a.dealId < b.dealId; });
    for (DealId id = 100; id < 119; ++id) {
        row(id, Stage::Closing, DealStatus::Open, Now.addSecs(-200 * Day).toMSecsSinceEpoch());
        row(id, Stage::Retention, DealStatus::Won, Now.addSecs(-199 * Day).toMSecsSinceEpoch());
    }
    return EmpiricalRates::measure(history, Now.toMSecsSinceEpoch());
}

} // namespace

TEST(ManagersDesk, TheEmpiricalRateCountsTheNinetyDaysToTheSecondAndNeedsTwentyDeals)
{
    const EmpiricalRates rates = handWorkedRates();
    const EmpiricalRate& negotiation = rates.of(Stage::Negotiation);
    EXPECT_EQ(negotiation.cohort, 20);
    EXPECT_EQ(negotiation.won, 5);
    ASSERT_TRUE(negotiation.enough());
    EXPECT_EQ(negotiation.apply(1000), 250);
    EXPECT_EQ(negotiation.apply(999), 249); // 999 × 5 / 20 = 249.75, rounded down
    EXPECT_EQ(ForecastFormat::rateText(negotiation), QStringLiteral("25.0 %"));

    const EmpiricalRate& closing = rates.of(Stage::Closing);
    EXPECT_EQ(closing.cohort, 19);
    EXPECT_EQ(closing.won, 19);
    EXPECT_FALSE(closing.enough());
    EXPECT_EQ(closing.apply(1000), std::nullopt);
    EXPECT_EQ(ForecastFormat::rateText(closing), QStringLiteral("not enough history"));
    EXPECT_EQ(rates.of(Stage::Prospecting).cohort, 0);
    // A win is an entry into Customer Retention: deal 7's, long ago, and the 19 of Closing.
    EXPECT_EQ(rates.of(Stage::Retention).cohort, 20);
}

TEST(ManagersDesk, ABucketsEmpiricalFigureIsNullWhenOneOfItsDealsStandsInAStageWithoutHistory)
{
    const QDate today = Now.date();
    const std::vector<ForecastDeal> deals = {
        openClosing(1, QStringLiteral("anna"), Stage::Negotiation, 100000, QDate(2026, 6, 30)),
        openClosing(2, QStringLiteral("anna"), Stage::Negotiation, 999, QDate(2026, 7, 1)),
        openClosing(3, QStringLiteral("ben"), Stage::Closing, 50000, QDate(2026, 7, 31)),
    };
    const Forecast forecast
        = Forecast::build(deals, today, 2, QStringLiteral("EUR"), StageProbabilities {}, handWorkedRates());
    const ForecastRow* june = teamRow(forecast, QStringLiteral("2026-06"));
    ASSERT_NE(june, nullptr);
    EXPECT_EQ(june->figures.weightedMinor, 60000); // the design's 60 % for Negotiation
    EXPECT_EQ(june->figures.empiricalMinor, std::optional<std::int64_t>(25000));
    const ForecastRow* july = teamRow(forecast, QStringLiteral("2026-07"));
    ASSERT_NE(july, nullptr);
    EXPECT_EQ(july->figures.empiricalMinor, std::nullopt) << "deal 3 stands in Closing, with 19 deals behind it";
    // Anna's July line alone has a figure: her deal is in Negotiation.
    for (const ForecastRow& r : forecast.rows) {
        if (!r.team && r.bucket == u"2026-07" && r.owner == u"anna") {
            EXPECT_EQ(r.figures.empiricalMinor, std::optional<std::int64_t>(249));
        }
    }
    // An empty bucket has nothing to be unsure of.
    EXPECT_EQ(teamRow(forecast, QStringLiteral("overdue"))->figures.empiricalMinor, std::optional<std::int64_t>(0));

    const QJsonObject json = ForecastFormat::json(forecast);
    bool sawNull = false;
    for (const QJsonValue& row : json[QStringLiteral("rows")].toArray()) {
        const QJsonObject object = row.toObject();
        if (object[QStringLiteral("team")].toBool() && object[QStringLiteral("bucket")].toString() == u"2026-07") {
            EXPECT_TRUE(object[QStringLiteral("empirical_value")].isNull());
            sawNull = true;
        }
    }
    EXPECT_TRUE(sawNull);
    const QJsonArray stages = json[QStringLiteral("stages")].toArray();
    ASSERT_EQ(stages.size(), StageCount);
    const QJsonObject negotiation = stages.at(stageIndex(Stage::Negotiation)).toObject();
    EXPECT_EQ(negotiation[QStringLiteral("cohort")].toInt(), 20);
    EXPECT_EQ(negotiation[QStringLiteral("empirical_rate")].toDouble(), 0.25);
    EXPECT_TRUE(stages.at(stageIndex(Stage::Closing)).toObject()[QStringLiteral("empirical_rate")].isNull());
    const QString table = ForecastFormat::table(forecast);
    EXPECT_TRUE(table.contains(QStringLiteral("not enough history"))) << table.toStdString();
    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    ASSERT_TRUE(ForecastFormat::writeCsv(&csv, forecast));
    EXPECT_TRUE(csv.data().contains("2026-06,(team),EUR,1,1000.00,600.00,250.00,0,0.00\r\n"))
        << csv.data().toStdString();
}

TEST(ManagersDesk, ADealsOwnProbabilityWeighsAboveAManagersSettingAboveTheDefault)
{
    StageProbabilities probabilities;
    probabilities.set[stageIndex(Stage::Negotiation)] = 35;
    std::vector<ForecastDeal> deals = {
        openClosing(1, QStringLiteral("anna"), Stage::Negotiation, 100000, QDate(2026, 6, 10)),
        openClosing(2, QStringLiteral("anna"), Stage::Negotiation, 99999, QDate(2026, 6, 11)),
        openClosing(3, QStringLiteral("anna"), Stage::Closing, 10000, QDate(2026, 6, 12)),
    };
    deals[1].probabilityOverride = 50;
    const Forecast forecast = Forecast::build(deals, Now.date(), 1, QStringLiteral("EUR"), probabilities);
    // 35 % of 100,000 + 50 % of 99,999 + the default 80 % of 10,000: 92,999.5,
    // added exactly and rounded once, half away from zero.
    EXPECT_EQ(teamRow(forecast, QStringLiteral("2026-06"))->figures.weightedMinor, 93000);
    const QString table = ForecastFormat::table(forecast);
    EXPECT_TRUE(table.contains(QStringLiteral("35 %"))) << table.toStdString();
    EXPECT_TRUE(table.contains(QStringLiteral("80 % (default)"))) << table.toStdString();
}

TEST(ManagersDesk, EachOwnersMonthStandsAgainstTheirQuotaWorkedByHand)
{
    const QDate today(2026, 11, 20);
    StageProbabilities probabilities; // Negotiation 60 %
    std::vector<ForecastDeal> deals = {
        // Anna: won 60,000 (30 days) and 30,000 (0 days), lost one; 20,000 in
        // Negotiation closing on the month's last day (12,000 weighted); one
        // closing the next month's first day and one overdue are not the rest
        // of this month.
        won(1, QStringLiteral("anna"), 6000000, QDate(2026, 10, 6), QDate(2026, 11, 5)),
        won(2, QStringLiteral("anna"), 3000000, QDate(2026, 11, 1), QDate(2026, 11, 1)),
        deal(3, QStringLiteral("anna"), Stage::Qualifying, DealStatus::Lost, 500000),
        openClosing(4, QStringLiteral("anna"), Stage::Negotiation, 2000000, QDate(2026, 11, 30)),
        openClosing(5, QStringLiteral("anna"), Stage::Negotiation, 9000000, QDate(2026, 12, 1)),
        openClosing(6, QStringLiteral("anna"), Stage::Negotiation, 9000000, QDate(2026, 11, 19)),
        // Ben met his 50,000 on the second; what he won on October 31 and
        // December 1 is another month's.
        won(7, QStringLiteral("ben"), 5000000, QDate(2026, 9, 1), QDate(2026, 11, 2)),
        won(8, QStringLiteral("ben"), 7000000, QDate(2026, 9, 1), QDate(2026, 10, 31)),
        won(9, QStringLiteral("ben"), 7000000, QDate(2026, 9, 1), QDate(2026, 12, 1)),
        // Dmitri has no quota and won in dollars.
        won(10, QStringLiteral("dmitri"), 500000, QDate(2026, 11, 1), QDate(2026, 11, 3), QStringLiteral("USD")),
    };
    deals[2].lostOn = QDate(2026, 11, 10);
    const std::vector<Quota> quotas = {
        {QStringLiteral("anna"), QStringLiteral("2026-11"), {10000000, QStringLiteral("EUR")}},
        {QStringLiteral("anna"), QStringLiteral("2026-11"), {1000000, QStringLiteral("USD")}},
        {QStringLiteral("ben"), QStringLiteral("2026-11"), {5000000, QStringLiteral("EUR")}},
        {QStringLiteral("carla"), QStringLiteral("2026-11"), {8000000, QStringLiteral("EUR")}},
        {QStringLiteral("carla"), QStringLiteral("2026-12"), {1, QStringLiteral("EUR")}}, // another month's
    };
    const OwnerMonth month = OwnerMonth::build(deals, quotas, {{QStringLiteral("anna"), 4}}, QStringLiteral("2026-11"),
                                               today, probabilities);
    auto rowOf = [&month](const QString& owner, const QString& currency) -> const OwnerMonthRow* {
        for (const OwnerMonthRow& row : month.rows) {
            if (row.owner == owner && row.currency == currency) {
                return &row;
            }
        }
        return nullptr;
    };
    ASSERT_EQ(month.rows.size(), 5u); // anna EUR and USD, ben, carla, dmitri USD

    const OwnerMonthRow* anna = rowOf(QStringLiteral("anna"), QStringLiteral("EUR"));
    ASSERT_NE(anna, nullptr);
    EXPECT_EQ(anna->quotaMinor, std::optional<std::int64_t>(10000000));
    EXPECT_EQ(anna->wonMinor, 9000000);
    EXPECT_EQ(anna->wonDeals, 2);
    EXPECT_EQ(anna->lostDeals, 1);
    EXPECT_EQ(anna->winRatePermille(), std::optional<int>(666));
    EXPECT_EQ(anna->medianDaysToWin, std::optional<double>(15.0));
    EXPECT_EQ(anna->closingDeals, 1);
    EXPECT_EQ(anna->weightedRestMinor, 1200000);
    EXPECT_EQ(anna->activitiesDone, 4);
    EXPECT_EQ(anna->standing, OwnerMonthRow::Standing::OnTrack); // 90,000 + 12,000 ≥ 100,000

    const OwnerMonthRow* annasDollars = rowOf(QStringLiteral("anna"), QStringLiteral("USD"));
    ASSERT_NE(annasDollars, nullptr);
    EXPECT_EQ(annasDollars->standing, OwnerMonthRow::Standing::Behind); // currencies never mix
    const OwnerMonthRow* ben = rowOf(QStringLiteral("ben"), QStringLiteral("EUR"));
    ASSERT_NE(ben, nullptr);
    EXPECT_EQ(ben->wonMinor, 5000000);
    EXPECT_EQ(ben->standing, OwnerMonthRow::Standing::Met);
    const OwnerMonthRow* carla = rowOf(QStringLiteral("carla"), QStringLiteral("EUR"));
    ASSERT_NE(carla, nullptr);
    EXPECT_EQ(carla->standing, OwnerMonthRow::Standing::Behind);
    EXPECT_EQ(carla->winRatePermille(), std::nullopt);
    const OwnerMonthRow* dmitri = rowOf(QStringLiteral("dmitri"), QStringLiteral("USD"));
    ASSERT_NE(dmitri, nullptr);
    EXPECT_EQ(dmitri->standing, OwnerMonthRow::Standing::NoQuota);
    EXPECT_EQ(dmitri->quotaMinor, std::nullopt);

    const QString table = OwnerMonthFormat::table(month);
    EXPECT_TRUE(table.contains(QStringLiteral("on track"))) << table.toStdString();
    EXPECT_TRUE(table.contains(QStringLiteral("66.6 %"))) << table.toStdString();
    const QJsonObject json = OwnerMonthFormat::json(month);
    EXPECT_EQ(json[QStringLiteral("owners")].toArray().at(0).toObject()[QStringLiteral("standing")].toString(),
              QStringLiteral("on_track"));
    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    ASSERT_TRUE(OwnerMonthFormat::writeCsv(&csv, month));
    EXPECT_TRUE(csv.data().contains("2026-11,carla,EUR,behind,80000.00,0.00,0.00,0,0,,,0\r\n"))
        << csv.data().toStdString();

    // The next month, once it has come: Ben's December win, nothing else.
    const OwnerMonth december
        = OwnerMonth::build(deals, quotas, {}, QStringLiteral("2026-12"), QDate(2026, 12, 1), probabilities);
    EXPECT_EQ(december.rows.size(), 3u); // anna's open deal due on the 1st, ben, carla's quota of 0.01
}

TEST(ManagersDesk, AManagersProbabilityAndADealsOwnWeighTheBoardAndTheReportAndARefusalSavesNothing)
{
    TestDatabase db;
    DealFields fields = TestDatabase::qualified();
    fields.valueMinor = 100000;
    const Deal first = db.create(QStringLiteral("First"), Stage::Negotiation, fields);
    const Deal second = db.create(QStringLiteral("Second"), Stage::Negotiation, fields);
    auto boardWeighted = [&db] {
        std::int64_t weighted = 0;
        const std::vector<StageAggregate> aggregates = db.service().reads().stageAggregates().value();
        for (const StageAggregate& aggregate : aggregates) {
            if (aggregate.stage == Stage::Negotiation) {
                weighted += aggregate.weightedMinor;
            }
        }
        return weighted;
    };
    auto reportWeighted = [&db] {
        return db.service()
            .reports()
            .report(ReportFilter())
            .value()
            .stages[stageIndex(Stage::Negotiation)]
            .weightedValueMinor;
    };
    EXPECT_EQ(boardWeighted(), 120000); // 60 % of each
    ASSERT_TRUE(db.service().reports().setProbability(Stage::Negotiation, 35).ok());
    EXPECT_EQ(db.service().reports().probabilities().value().percent(Stage::Negotiation), 35);
    EXPECT_EQ(boardWeighted(), 70000);
    EXPECT_EQ(reportWeighted(), 70000);

    DealFields own;
    own.probabilityPercent = 90;
    const Result<Deal> edited = db.service().deals().edit(second.id, own, {});
    ASSERT_TRUE(edited.ok()) << edited.error().message.toStdString();
    EXPECT_EQ(edited.value().version, second.version + 1);
    EXPECT_EQ(db.service().deals().get(second.id).value().probabilityPercent, std::optional<int>(90));
    EXPECT_EQ(boardWeighted(), 35000 + 90000);
    EXPECT_EQ(reportWeighted(), 35000 + 90000);
    bool listed = false;
    const std::vector<Deal> deals = db.service().deals().list().value();
    for (const Deal& deal : deals) {
        if (deal.id == second.id) {
            listed = deal.probabilityPercent == std::optional<int>(90);
        }
    }
    EXPECT_TRUE(listed) << "the board's read carries the deal's own probability";

    // Refusals name what is wrong and change nothing.
    own.probabilityPercent = 101;
    const Result<Deal> tooMuch = db.service().deals().edit(first.id, own, {});
    ASSERT_FALSE(tooMuch.ok());
    EXPECT_TRUE(tooMuch.error().message.contains(QStringLiteral("101 %"))) << tooMuch.error().message.toStdString();
    EXPECT_EQ(db.service().deals().get(first.id).value().probabilityPercent, std::nullopt);
    const Result<void> refused = db.service().reports().setProbability(Stage::Closing, -1);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("-1 %"))) << refused.error().message.toStdString();
    EXPECT_FALSE(db.service().reports().probabilities().value().isSet(Stage::Closing));

    // Back to the stage's, and the stage back to its default.
    own.probabilityPercent = std::optional<int>();
    ASSERT_TRUE(db.service().deals().edit(second.id, own, {}).ok());
    ASSERT_TRUE(db.service().reports().setProbability(Stage::Negotiation, std::nullopt).ok());
    EXPECT_EQ(boardWeighted(), 120000);
    EXPECT_TRUE(db.service().check().value().faults.isEmpty());
}

TEST(ManagersDesk, QuotasAreSetListedAndRemovedAndABadOneIsRefusedWhole)
{
    TestDatabase db; // the clock reads 2026-03-02
    ReportService& reports = db.service().reports();
    ASSERT_TRUE(
        reports.setQuota(QStringLiteral("anna"), QStringLiteral("2026-03"), QStringLiteral("EUR"), 5000000).ok());
    ASSERT_TRUE(
        reports.setQuota(QStringLiteral("anna"), QStringLiteral("2026-03"), QStringLiteral("EUR"), 6000000).ok());
    ASSERT_EQ(reports.quotas().value().size(), 1u);
    EXPECT_EQ(reports.quotas().value().front().amount.minor, 6000000);

    // One bad change among good ones: nothing is written.
    const Result<void> refused = reports.setQuotas(
        QStringLiteral("2026-03"),
        {{QStringLiteral("ben"), QStringLiteral("EUR"), 100}, {QStringLiteral("carla"), QStringLiteral("eur"), 100}});
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("'eur' is not a currency code")));
    EXPECT_EQ(reports.quotas().value().size(), 1u);
    for (const auto& [owner, month, why] :
         {std::tuple {QStringLiteral(" "), QStringLiteral("2026-03"), QStringLiteral("needs an owner")},
          std::tuple {QStringLiteral("ben"), QStringLiteral("2026-3"), QStringLiteral("is not a month")},
          std::tuple {QStringLiteral("ben"), QStringLiteral("2026-00"), QStringLiteral("is not a month")},
          std::tuple {QStringLiteral("be\an"), QStringLiteral("2026-03"),
                      QStringLiteral("control character (U+0007) at character 3")}}) {
        const Result<void> bad = reports.setQuota(owner, month, QStringLiteral("EUR"), 1);
        ASSERT_FALSE(bad.ok()) << month.toStdString();
        EXPECT_TRUE(bad.error().message.contains(why)) << bad.error().message.toStdString();
    }
    EXPECT_FALSE(reports.ownerMonth(QStringLiteral("March")).ok());

    // The month's standing through the service: nothing won yet, behind.
    const Result<OwnerMonth> month = reports.ownerMonth(QStringLiteral("2026-03"));
    ASSERT_TRUE(month.ok()) << month.error().message.toStdString();
    ASSERT_EQ(month.value().rows.size(), 1u);
    EXPECT_EQ(month.value().rows.front().standing, OwnerMonthRow::Standing::Behind);
    EXPECT_EQ(month.value().today, QDate(2026, 3, 2));

    ASSERT_TRUE(
        reports.setQuota(QStringLiteral("anna"), QStringLiteral("2026-03"), QStringLiteral("EUR"), std::nullopt).ok());
    EXPECT_TRUE(reports.quotas().value().empty());
}

// Two managers edit the same month's quotas and the stage goals: the one who
// saves second, over values that changed since the editor loaded them, is
// refused inside the write (on a file and on a server), and nothing of it is
// saved; without the check (the CLI's plain set) the write goes through.
TEST(ManagersDesk, AQuotaOrGoalChangedSinceTheEditorLoadedItIsNotOverwritten)
{
    TestDatabase db;
    ReportService& first = db.service().reports();
    const QString march = QStringLiteral("2026-03");
    ASSERT_TRUE(first.setQuota(QStringLiteral("anna"), march, QStringLiteral("EUR"), 5000000).ok());
    Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(db.path());
    ASSERT_TRUE(store.ok()) << store.error().message.toStdString();
    Pipeline other(std::move(store.value()), std::make_shared<SystemClock>());
    ReportService& second = other.reports();

    // Both editors load anna's 50,000 and ben's none.
    ASSERT_TRUE(first
                    .setQuotas(march,
                               {{QStringLiteral("anna"), QStringLiteral("EUR"), 6000000, 5000000, true},
                                {QStringLiteral("ben"), QStringLiteral("EUR"), 100000, std::nullopt, true}})
                    .ok());
    const Result<void> stale
        = second.setQuotas(march, {{QStringLiteral("anna"), QStringLiteral("EUR"), 7000000, 5000000, true}});
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::StaleVersion);
    EXPECT_TRUE(stale.error().message.contains(QStringLiteral("quota of anna for 2026-03 changed elsewhere")))
        << stale.error().message.toStdString();
    EXPECT_TRUE(stale.error().message.contains(QStringLiteral("now 60,000 EUR")))
        << stale.error().message.toStdString();
    // ben's row was absent when loaded and is there now: stale too, and the
    // good change beside it is not saved either.
    const Result<void> alsoStale
        = second.setQuotas(march,
                           {{QStringLiteral("carla"), QStringLiteral("EUR"), 100, std::nullopt, true},
                            {QStringLiteral("ben"), QStringLiteral("EUR"), 200000, std::nullopt, true}});
    ASSERT_FALSE(alsoStale.ok());
    EXPECT_EQ(alsoStale.error().code, ErrorCode::StaleVersion);
    std::vector<Quota> quotas = first.quotas(march).value();
    ASSERT_EQ(quotas.size(), 2u);
    EXPECT_EQ(quotas[0].amount.minor, 6000000);
    EXPECT_EQ(quotas[1].amount.minor, 100000);
    // Over what is stored now, it is saved.
    ASSERT_TRUE(
        second.setQuotas(march, {{QStringLiteral("anna"), QStringLiteral("EUR"), 7000000, 6000000, true}}).ok());
    EXPECT_EQ(first.quotas(march).value()[0].amount.minor, 7000000);

    const StageGoals loaded = second.stageGoals().value();
    StageGoals mine = loaded;
    mine[stageIndex(Stage::Contacting)].targetMedianDays = 9;
    StageGoals theirs = loaded;
    theirs[stageIndex(Stage::Qualifying)].targetConversion = 0.4;
    ASSERT_TRUE(first.setStageGoals(theirs, loaded).ok());
    const Result<void> staleGoals = second.setStageGoals(mine, loaded);
    ASSERT_FALSE(staleGoals.ok());
    EXPECT_EQ(staleGoals.error().code, ErrorCode::StaleVersion);
    EXPECT_TRUE(staleGoals.error().message.contains(QStringLiteral("goal of Qualifying changed elsewhere")))
        << staleGoals.error().message.toStdString();
    const StageGoals stored = first.stageGoals().value();
    EXPECT_EQ(stored[stageIndex(Stage::Qualifying)].targetConversion, 0.4);
    EXPECT_FALSE(stored[stageIndex(Stage::Contacting)].targetMedianDays.has_value());
}

TEST(ManagersDesk, AVersionFourFileGainsProbabilitiesAndQuotasWhenOpened)
{
    DEALBOARD_FILE_ONLY("a file migrated when opened; a server's migrate is tested in TeamCliTest");
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("From version 4"));
    db.close();
    runRawSql(db.path(), backToSchemaFour(false) + QStringList {QStringLiteral("PRAGMA user_version = 4")});
    db.reopen();
    ASSERT_TRUE(db.isOpen());
    EXPECT_EQ(db.service().deals().get(deal.id).value().probabilityPercent, std::nullopt);
    ASSERT_TRUE(db.service().reports().setProbability(Stage::Closing, 70).ok());
    ASSERT_TRUE(db.service()
                    .reports()
                    .setQuota(QStringLiteral("anna"), QStringLiteral("2026-03"), QStringLiteral("EUR"), 100)
                    .ok());
    EXPECT_TRUE(db.service().check().value().faults.isEmpty());
    const QStringList backups = PipelineBackup::automaticBackups(db.path());
    ASSERT_EQ(backups.size(), 1);
    EXPECT_TRUE(backups.front().contains(QStringLiteral(".schema4-"))) << backups.front().toStdString();
}
