// The forecast's snapshots, its accuracy and the slipped deals: worked by
// hand on known snapshots and wins, and through the service on a file and
// a server (snapshot once a day, slipped deals from real edits).
#include "dealboard/ForecastAccuracy.h"

#include "TestDatabase.h"
#include "dealboard/DealStore.h"
#include "dealboard/Pipeline.h"

#include <QJsonArray>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

SnapshotRow row(const QDate& on, const QString& bucket, const QString& owner, const QString& currency,
                std::int64_t claimed, std::optional<std::int64_t> empirical)
{
    SnapshotRow r;
    r.takenOn = on;
    r.bucket = bucket;
    r.owner = owner;
    r.currency = currency;
    r.claimedMinor = claimed;
    r.empiricalMinor = empirical;
    return r;
}

ForecastDeal won(const QString& owner, std::int64_t minor, const QString& currency, const QDate& on)
{
    ForecastDeal d;
    d.owner = owner;
    d.stage = Stage::Retention;
    d.status = DealStatus::Won;
    d.valueMinor = minor;
    d.currency = currency;
    d.wonOn = on;
    return d;
}

// 1 USD = 0.9 EUR from the first of 2026.
RateTable usdRates()
{
    return RateTable(QStringLiteral("EUR"), {{QStringLiteral("USD"), QStringLiteral("EUR"), QDate(2026, 1, 1), 9, 10}});
}

const QString May = QStringLiteral("2026-05");

// May 2026 seen from 15 June: 90 days ahead is 31 January (a snapshot of
// the 29th, two days earlier, counts), 60 days 2 March (one that day), 30
// days 1 April (only one of 20 March: too far, no snapshot).
std::vector<SnapshotRow> handWorkedSnapshots()
{
    const QDate jan29(2026, 1, 29), mar2(2026, 3, 2), mar20(2026, 3, 20);
    return {row(jan29, May, QString(), QStringLiteral("EUR"), 100000, 80000),
            row(jan29, May, QString(), QStringLiteral("USD"), 10000, 20000),
            row(jan29, May, QStringLiteral("anna"), QStringLiteral("EUR"), 100000, 80000),
            row(jan29, May, QStringLiteral("anna"), QStringLiteral("USD"), 10000, 20000),
            row(jan29, QStringLiteral("2026-06"), QString(), QStringLiteral("EUR"), 999999, 999999),
            row(mar2, May, QString(), QStringLiteral("EUR"), 50000, std::nullopt),
            row(mar2, May, QStringLiteral("anna"), QStringLiteral("EUR"), 50000, std::nullopt),
            row(mar20, May, QString(), QStringLiteral("EUR"), 777777, 777777)};
}

} // namespace

TEST(ForecastAccuracy, HandWorkedMonthTeamAndOwnersConverted)
{
    const RateTable rates = usdRates();
    const std::vector<ForecastDeal> deals
        = {won(QStringLiteral("anna"), 100000, QStringLiteral("EUR"), QDate(2026, 5, 10)),
           won(QStringLiteral("ben"), 10000, QStringLiteral("USD"), QDate(2026, 5, 20)),
           won(QStringLiteral("anna"), 50000, QStringLiteral("EUR"), QDate(2026, 6, 1))};
    const ForecastAccuracy accuracy
        = ForecastAccuracy::build(handWorkedSnapshots(), deals, rates, QDate(2026, 6, 15), 1);
    ASSERT_EQ(accuracy.lines.size(), 3u);
    const AccuracyLine& team = accuracy.lines[0];
    EXPECT_EQ(team.month, May);
    EXPECT_TRUE(team.owner.isEmpty());
    EXPECT_EQ(team.wonDeals, 2);
    EXPECT_EQ(team.wonMinor, 109000); // 1,000.00 EUR + 100.00 USD at 0.9
    EXPECT_EQ(team.said[0].snapshotOn, QDate(2026, 1, 29));
    EXPECT_EQ(team.said[0].claimedMinor, 109000);
    EXPECT_EQ(team.said[0].empiricalMinor, 98000);
    EXPECT_EQ(ForecastAccuracy::errorPercent(team.said[0].claimedMinor, team.wonMinor), 0);
    EXPECT_EQ(ForecastAccuracy::errorPercent(*team.said[0].empiricalMinor, team.wonMinor), -10);
    EXPECT_EQ(team.said[1].snapshotOn, QDate(2026, 3, 2));
    EXPECT_EQ(team.said[1].claimedMinor, 50000);
    EXPECT_FALSE(team.said[1].empiricalMinor.has_value());
    EXPECT_EQ(ForecastAccuracy::errorPercent(50000, team.wonMinor), -54);
    EXPECT_FALSE(team.said[2].snapshotOn.isValid()); // 20 March is 12 days before 1 April

    const AccuracyLine& anna = accuracy.lines[1];
    EXPECT_EQ(anna.owner, QStringLiteral("anna"));
    EXPECT_EQ(anna.wonMinor, 100000);
    EXPECT_EQ(ForecastAccuracy::errorPercent(anna.said[0].claimedMinor, anna.wonMinor), 9);
    EXPECT_EQ(ForecastAccuracy::errorPercent(*anna.said[0].empiricalMinor, anna.wonMinor), -2);

    const AccuracyLine& ben = accuracy.lines[2];
    EXPECT_EQ(ben.owner, QStringLiteral("ben"));
    EXPECT_EQ(ben.wonMinor, 9000);
    EXPECT_EQ(ben.said[0].snapshotOn, QDate(2026, 1, 29)); // the team's snapshot said nothing of ben's
    EXPECT_EQ(ben.said[0].claimedMinor, 0);
    EXPECT_EQ(ForecastAccuracy::errorPercent(0, ben.wonMinor), -100);

    EXPECT_TRUE(accuracy.unconverted.isEmpty());
    EXPECT_EQ(accuracy.ratesFrom, QDate(2026, 1, 1));
    EXPECT_EQ(AccuracyFormat::ratesNote(accuracy), QStringLiteral("converted at the rates of 2026-01-01"));
    const auto [claimed90, empirical90] = accuracy.meanError(0);
    EXPECT_EQ(claimed90, 0);
    EXPECT_EQ(empirical90, 10);
    EXPECT_TRUE(accuracy.verdict().front().contains(QStringLiteral("claimed forecast was nearer")));

    const QJsonObject json = AccuracyFormat::json(accuracy);
    EXPECT_EQ(json[QStringLiteral("currency")].toString(), QStringLiteral("EUR"));
    const QJsonObject said90
        = json[QStringLiteral("lines")].toArray()[0].toObject()[QStringLiteral("said")].toArray()[0].toObject();
    EXPECT_EQ(said90[QStringLiteral("claimed_value")].toString(), QStringLiteral("1090.00"));
    EXPECT_EQ(said90[QStringLiteral("empirical_error_percent")].toInt(), -10);
}

TEST(ForecastAccuracy, AMissingRateIsNamedNeverSilentlyLeftOut)
{
    std::vector<SnapshotRow> snapshots = handWorkedSnapshots();
    snapshots.push_back(row(QDate(2026, 1, 29), May, QString(), QStringLiteral("JPY"), 5000, 5000));
    const ForecastAccuracy accuracy = ForecastAccuracy::build(
        snapshots, {won(QStringLiteral("anna"), 300, QStringLiteral("CHF"), QDate(2026, 5, 3))}, usdRates(),
        QDate(2026, 6, 15), 1);
    EXPECT_EQ(accuracy.unconverted, (QStringList {QStringLiteral("CHF"), QStringLiteral("JPY")}));
    EXPECT_EQ(accuracy.lines[0].said[0].claimedMinor, 109000); // the JPY left out, and said so
    EXPECT_TRUE(AccuracyFormat::ratesNote(accuracy).contains(QStringLiteral("not converted, no rate: CHF, JPY")));
    EXPECT_TRUE(AccuracyFormat::table(accuracy).contains(QStringLiteral("not converted, no rate: CHF, JPY")));
}

TEST(ForecastAccuracy, SlipsCountOnlyMovesLaterOfOpenDeals)
{
    SlippedDeal open;
    open.id = 7;
    open.owner = QStringLiteral("anna");
    open.expectedClose = QDate(2026, 3, 1);
    SlippedDeal once = open;
    once.id = 8;
    const std::vector<CloseDateChange> changes = {{7, QDate(), QDate(2026, 1, 1)}, // set: no slip
                                                  {7, QDate(2026, 1, 1), QDate(2026, 1, 21)},
                                                  {8, QDate(2026, 1, 1), QDate(2026, 2, 1)},
                                                  {7, QDate(2026, 1, 21), QDate(2026, 1, 11)}, // earlier: no slip
                                                  {7, QDate(2026, 1, 11), QDate(2026, 3, 1)},
                                                  {9, QDate(2026, 1, 1), QDate(2026, 2, 1)}, // 9 is closed
                                                  {9, QDate(2026, 2, 1), QDate(2026, 3, 1)}};
    const SlippedDeals slipped = SlippedDeals::build(changes, {open, once});
    ASSERT_EQ(slipped.deals.size(), 1u);
    EXPECT_EQ(slipped.deals[0].id, 7);
    EXPECT_EQ(slipped.deals[0].slips, 2);
    EXPECT_EQ(slipped.deals[0].daysLater, 20 + 49);
    EXPECT_FALSE(slipped.deals[0].firstClose.isValid()); // it had none before its first change
}

TEST(ForecastSnapshots, OneADayStoredAsTheForecastStands)
{
    TestDatabase db;
    DealFields fields = TestDatabase::qualified();
    fields.valueMinor = 200000;
    fields.expectedClose = QDate(2026, 4, 10);
    db.create(QStringLiteral("Acme renewal"), Stage::Negotiation, fields);
    // A deal in yen, which no rate converts: kept in yen, converted when read.
    fields.valueMinor = 10000;
    fields.currency = QStringLiteral("JPY");
    db.create(QStringLiteral("Yen deal"), Stage::Negotiation, fields);
    Result<bool> first = db.service().accuracy().takeSnapshot();
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    EXPECT_TRUE(first.value());
    Result<bool> again = db.service().accuracy().takeSnapshot();
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again.value()); // a day keeps one
    EXPECT_FALSE(db.service().accuracy().takeDailySnapshot().value());
    const QDate today = db.clock().nowUtc().date();
    Result<std::vector<SnapshotRow>> rows = db.store().snapshots().rows(today, today);
    ASSERT_TRUE(rows.ok());
    const auto teamIn = [&](const char* currency) {
        return std::find_if(rows.value().begin(), rows.value().end(), [currency](const SnapshotRow& r) {
            return r.bucket == u"2026-04" && r.owner.isEmpty() && r.currency == QLatin1String(currency);
        });
    };
    const auto april = teamIn("EUR");
    ASSERT_NE(april, rows.value().end());
    EXPECT_EQ(april->openDeals, 1);
    EXPECT_EQ(april->openMinor, 200000);
    EXPECT_EQ(april->claimedMinor, 200000 * 60 / 100); // Negotiation's default 60 %
    const auto yen = teamIn("JPY");
    ASSERT_NE(yen, rows.value().end());
    EXPECT_EQ(yen->openDeals, 1);
    EXPECT_EQ(yen->openMinor, 10000);
    db.clock().advanceSeconds(86400);
    EXPECT_TRUE(db.service().accuracy().takeDailySnapshot().value());
    EXPECT_EQ(db.store().snapshots().days().value().size(), 2u);
    // Both days' rows are in the change log.
    ChangeQuery query;
    Result<std::vector<ChangeEntry>> log = db.store().changes(query);
    ASSERT_TRUE(log.ok());
    EXPECT_TRUE(std::any_of(log.value().begin(), log.value().end(),
                            [](const ChangeEntry& e) { return e.table == u"forecast_snapshots"; }));
}

TEST(ForecastSnapshots, SlippedDealsFromRealEdits)
{
    TestDatabase db;
    DealFields fields;
    fields.expectedClose = QDate(2026, 4, 1);
    const Deal slipping = db.create(QStringLiteral("Globex fleet"), Stage::Prospecting, fields);
    const Deal steady = db.create(QStringLiteral("Initech CRM"), Stage::Prospecting, fields);
    for (const QDate& later : {QDate(2026, 4, 15), QDate(2026, 4, 8), QDate(2026, 5, 20)}) {
        DealFields move;
        move.expectedClose = later;
        ASSERT_TRUE(db.service().deals().edit(slipping.id, move).ok());
    }
    DealFields once;
    once.expectedClose = QDate(2026, 6, 1);
    ASSERT_TRUE(db.service().deals().edit(steady.id, once).ok());
    Result<SlippedDeals> slipped = db.service().accuracy().slipped();
    ASSERT_TRUE(slipped.ok()) << slipped.error().message.toStdString();
    ASSERT_EQ(slipped.value().deals.size(), 1u);
    const SlippedDeal& deal = slipped.value().deals.front();
    EXPECT_EQ(deal.id, slipping.id);
    EXPECT_EQ(deal.title, QStringLiteral("Globex fleet"));
    EXPECT_EQ(deal.slips, 2); // 1 → 15 April and 8 April → 20 May; back to the 8th is no slip
    EXPECT_EQ(deal.daysLater, 14 + 42);
    EXPECT_EQ(deal.firstClose, QDate(2026, 4, 1));
    EXPECT_EQ(deal.expectedClose, QDate(2026, 5, 20));
}

TEST(ForecastSnapshots, AccuracyFromStoredSnapshotsAndRealWins)
{
    TestDatabase db;
    // Won now (on a server the history's time is the server's own).
    const QDateTime now = QDateTime::currentDateTimeUtc();
    db.clock().set(now);
    DealFields fields = TestDatabase::qualified();
    fields.valueMinor = 150000;
    fields.expectedClose = now.date();
    const Deal deal = db.create(QStringLiteral("Umbrella audit"), Stage::Closing, fields);
    Result<MoveOutcome> wonNow = db.service().deals().win(deal.id);
    ASSERT_TRUE(wonNow.ok()) << wonNow.error().message.toStdString();
    const QDate monthStart(now.date().year(), now.date().month(), 1);
    const QString month = Forecast::monthBucket(monthStart);
    const QDate day60 = monthStart.addDays(-60);
    {
        Result<WriteTransaction> write = db.store().beginWrite();
        ASSERT_TRUE(write.ok());
        ASSERT_TRUE(db.store()
                        .snapshots()
                        .insert({row(day60, month, QString(), QStringLiteral("EUR"), 120000, 180000),
                                 row(day60, month, QStringLiteral("tester"), QStringLiteral("EUR"), 120000, 180000)},
                                now, QStringLiteral("tester"))
                        .ok());
        ASSERT_TRUE(write.value().commit().ok());
    }
    db.clock().set(now.addMonths(1));
    Result<ForecastAccuracy> accuracy = db.service().accuracy().accuracy(1);
    ASSERT_TRUE(accuracy.ok()) << accuracy.error().message.toStdString();
    ASSERT_FALSE(accuracy.value().lines.empty());
    const AccuracyLine& team = accuracy.value().lines.front();
    EXPECT_EQ(team.month, month);
    EXPECT_EQ(team.wonMinor, 150000);
    EXPECT_EQ(team.said[1].snapshotOn, day60);
    EXPECT_EQ(team.said[1].claimedMinor, 120000);
    EXPECT_EQ(ForecastAccuracy::errorPercent(team.said[1].claimedMinor, team.wonMinor), -20);
    EXPECT_EQ(ForecastAccuracy::errorPercent(*team.said[1].empiricalMinor, team.wonMinor), 20);
    EXPECT_FALSE(team.said[0].snapshotOn.isValid());
    EXPECT_FALSE(db.service().accuracy().accuracy(0).ok());
}
