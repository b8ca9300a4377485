// Stall marks: per stage, fixed days or days learned from how long the
// team's deals stayed there, on both backends; and version 12 of a file's
// schema, which brought the table that keeps them.
#include "dealboard/StallMarks.h"

#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/Deal.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

QString stored(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

// A move out of `from` at `left`, the deal having entered it `days` before
// (said by the row itself, as DealBoard writes it; or, with `saysEntry`
// false, only by the deal's step before).
QString stay(DealId deal, const char* from, const char* to, const QDateTime& left, int days, bool saysEntry = true,
             bool undone = false)
{
    return QStringLiteral("INSERT INTO stage_history (deal_id, from_stage, to_stage, from_status, to_status, at, "
                          "actor, entered_before, undone) VALUES (%1, '%2', '%3', 'open', 'open', '%4', 'tester', "
                          "%5, %6)")
        .arg(deal)
        .arg(QLatin1String(from), QLatin1String(to), stored(left),
             saysEntry ? QStringLiteral("'%1'").arg(stored(left.addDays(-days))) : QStringLiteral("NULL"))
        .arg(undone ? 1 : 0);
}

int userVersion(const QString& path)
{
    int version = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("stall-version"));
        db.setDatabaseName(path);
        EXPECT_TRUE(db.open());
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next()) {
            version = query.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("stall-version"));
    return version;
}

} // namespace

TEST(StallMarks, TheEightiethPercentileIsTheNearestRank)
{
    EXPECT_EQ(StallMarks::percentileOf({}), 0);
    EXPECT_EQ(StallMarks::percentileOf({7}), 7);
    std::vector<int> days;
    for (int d = 25; d >= 1; --d) {
        days.push_back(d); // unsorted on purpose
    }
    EXPECT_EQ(StallMarks::percentileOf(days), 20); // rank 20 of 25
    days.push_back(26);
    EXPECT_EQ(StallMarks::percentileOf(days), 21); // rank ceil(20.8) = 21 of 26
}

TEST(StallMarks, BuiltInFixedAndFallbackDaysSayWhyADealIsMarked)
{
    StallMarks marks;
    EXPECT_EQ(marks.days(Stage::Negotiation), 14);
    EXPECT_EQ(marks.source(Stage::Negotiation), StallMarks::Source::BuiltIn);
    EXPECT_FALSE(marks.isStalling(Stage::Negotiation, 14));
    EXPECT_TRUE(marks.isStalling(Stage::Negotiation, 15));
    EXPECT_FALSE(marks.isStalling(Stage::Retention, 5000)); // never, built in
    EXPECT_EQ(marks.why(Stage::Negotiation), QStringLiteral("longer than Negotiation's 14 days"));

    marks.rules[stageIndex(Stage::Closing)] = {false, 0};
    EXPECT_FALSE(marks.isStalling(Stage::Closing, 400)); // 0: never
    marks.rules[stageIndex(Stage::Closing)] = {false, 3};
    EXPECT_TRUE(marks.isStalling(Stage::Closing, 4));
    EXPECT_EQ(marks.why(Stage::Closing), QStringLiteral("longer than the 3 days a manager set for Closing"));

    marks.rules[stageIndex(Stage::Qualifying)] = {true, 9};
    marks.stays[stageIndex(Stage::Qualifying)] = {19, 30};
    EXPECT_EQ(marks.source(Stage::Qualifying), StallMarks::Source::TooFewDeals);
    EXPECT_EQ(marks.days(Stage::Qualifying), 9);
    EXPECT_TRUE(marks.why(Stage::Qualifying).contains(QStringLiteral("19 of 20")));
    marks.stays[stageIndex(Stage::Qualifying)] = {20, 30, 26};
    EXPECT_EQ(marks.days(Stage::Qualifying), 30);
    EXPECT_EQ(marks.describe(Stage::Qualifying),
              QStringLiteral("learned: 30 days (80th percentile of 26 stays by 20 deals in the last 180 days)"));
    EXPECT_EQ(marks.why(Stage::Qualifying),
              QStringLiteral("longer than 8 in 10 of the team's deals stayed in Qualifying: 30 days"));

    // 8 in 10 stays shorter than a day: a deal is stalling after its first
    // day, not never.
    marks.rules[stageIndex(Stage::Contacting)] = {true, 0};
    marks.stays[stageIndex(Stage::Contacting)] = {25, 0, 25};
    EXPECT_FALSE(marks.never(Stage::Contacting));
    EXPECT_FALSE(marks.isStalling(Stage::Contacting, 0));
    EXPECT_TRUE(marks.isStalling(Stage::Contacting, 1));
    EXPECT_TRUE(marks.never(Stage::Retention));

    // A won or lost deal is never stalling.
    Deal won;
    won.stage = Stage::Closing;
    won.status = DealStatus::Lost;
    won.stageEnteredAt = QDateTime(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC);
    EXPECT_FALSE(marks.isStalling(won, QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC)));
    won.status = DealStatus::Open;
    EXPECT_TRUE(marks.isStalling(won, QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC)));
}

TEST(StallMarks, ALearnedMarkReadsTheTeamsStaysInTheWindowAndFallsBackBelowTwentyDeals)
{
    TestDatabase db;
    const QDateTime now = db.service().now();
    std::vector<Deal> deals;
    for (int i = 1; i <= 26; ++i) {
        deals.push_back(db.create(QStringLiteral("Deal %1").arg(i)));
    }
    QStringList history;
    // 25 stays in Qualifying of 1 to 25 days, ended in the window; the last
    // one's length is known only from the deal's step before.
    for (int i = 1; i <= 24; ++i) {
        history << stay(deals[i - 1].id, "qualifying", "contacting", now.addDays(-10), i);
    }
    history << QStringLiteral("UPDATE stage_history SET at = '%1' WHERE deal_id = %2")
                   .arg(stored(now.addDays(-40)))
                   .arg(deals[24].id)
            << stay(deals[24].id, "qualifying", "contacting", now.addDays(-15), 0, false);
    // Not counted: a stay that ended before the window, a step taken back,
    // and a status change within the stage.
    history << stay(deals[25].id, "qualifying", "contacting", now.addDays(-181), 300)
            << stay(deals[25].id, "qualifying", "contacting", now.addDays(-3), 200, true, true)
            << stay(deals[25].id, "negotiation", "negotiation", now.addDays(-3), 200);
    // One deal in and out of Contacting twenty times is one deal behind the
    // figure, not twenty; stays "ending" after now (another program's) do not
    // count either.
    for (int i = 0; i < 20; ++i) {
        history << stay(deals[0].id, "contacting", "qualifying", now.addDays(-20 - i), 3)
                << stay(deals[i].id, "closing", "retention", now.addDays(2 + i), 9);
    }
    runRawSql(db.path(), history);

    // Until a stage learns, nothing of the history is read and marks are built in.
    Result<StallMarks> before = db.service().reports().stallMarks();
    ASSERT_TRUE(before.ok()) << before.error().message.toStdString();
    EXPECT_EQ(before.value().stays[stageIndex(Stage::Qualifying)], StageStays {});
    EXPECT_EQ(before.value().days(Stage::Qualifying), 14);

    ASSERT_TRUE(db.service().reports().setStallRule(Stage::Qualifying, StallRule {true, std::nullopt}).ok());
    ASSERT_TRUE(db.service().reports().setStallRule(Stage::Negotiation, StallRule {true, 9}).ok());
    ASSERT_TRUE(db.service().reports().setStallRule(Stage::Closing, StallRule {false, 3}).ok());
    ASSERT_TRUE(db.service().reports().setStallRule(Stage::Contacting, StallRule {true, std::nullopt}).ok());
    ASSERT_TRUE(db.service().reports().setStallRule(Stage::Retention, StallRule {true, std::nullopt}).ok());
    Result<StallMarks> read = db.service().reports().stallMarks();
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    const StallMarks& marks = read.value();
    EXPECT_EQ(marks.stays[stageIndex(Stage::Qualifying)].deals, 25);
    EXPECT_EQ(marks.stays[stageIndex(Stage::Qualifying)].stays, 25);
    EXPECT_EQ(marks.stays[stageIndex(Stage::Contacting)].deals, 1);
    EXPECT_EQ(marks.stays[stageIndex(Stage::Contacting)].stays, 20);
    EXPECT_EQ(marks.source(Stage::Contacting), StallMarks::Source::TooFewDeals);
    EXPECT_EQ(marks.stays[stageIndex(Stage::Closing)].stays, 0);
    EXPECT_EQ(marks.source(Stage::Qualifying), StallMarks::Source::Learned);
    EXPECT_EQ(marks.days(Stage::Qualifying), 20);
    EXPECT_EQ(marks.why(Stage::Qualifying),
              QStringLiteral("longer than 8 in 10 of the team's deals stayed in Qualifying: 20 days"));
    // Negotiation has no stay behind it: its fixed days meanwhile.
    EXPECT_EQ(marks.source(Stage::Negotiation), StallMarks::Source::TooFewDeals);
    EXPECT_EQ(marks.days(Stage::Negotiation), 9);
    EXPECT_EQ(marks.days(Stage::Closing), 3);
    EXPECT_EQ(marks.source(Stage::Prospecting), StallMarks::Source::BuiltIn);

    // Back to built in; out-of-range days are refused and change nothing.
    ASSERT_TRUE(db.service().reports().setStallRule(Stage::Closing, std::nullopt).ok());
    const Result<void> negative = db.service().reports().setStallRule(Stage::Qualifying, StallRule {false, -1});
    ASSERT_FALSE(negative.ok());
    EXPECT_TRUE(negative.error().message.contains(QStringLiteral("between 0 days (never) and 3650 days")))
        << negative.error().message.toStdString();
    EXPECT_FALSE(db.service().reports().setStallRule(Stage::Qualifying, StallRule {false, 3651}).ok());
    Result<StallMarks> after = db.service().reports().stallMarks();
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after.value().source(Stage::Closing), StallMarks::Source::BuiltIn);
    EXPECT_EQ(after.value().rule(Stage::Qualifying), (StallRule {true, std::nullopt}));

    // Every setting is in the change log.
    ChangeQuery query;
    query.tables = {QStringLiteral("stage_stall_marks")};
    Result<std::vector<ChangeEntry>> logged = db.service().reads().changes(query);
    ASSERT_TRUE(logged.ok());
    EXPECT_EQ(logged.value().size(), 6u); // five set, one removed
}

TEST(StallMarks, AVersionElevenFileIsUpgradedWithItsBackupAndItsOwnTotalsTriggers)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a file's schema";
    }
    db.create(QStringLiteral("Kept"));
    db.close();
    runRawSql(db.path(), backBeforeStallMarks(false) << QStringLiteral("PRAGMA user_version = 11"));
    db.reopen();
    ASSERT_TRUE(db.isOpen());
    EXPECT_TRUE(db.service().reports().setStallRule(Stage::Negotiation, StallRule {false, 21}).ok());
    const QStringList backups
        = QDir(db.folder()).entryList({QStringLiteral("pipeline.dealboard.schema11-*.backup")}, QDir::Files);
    EXPECT_EQ(backups.size(), 1) << backups.join(u' ').toStdString();
    EXPECT_EQ(userVersion(db.path()), DealStore::SchemaVersion);
    EXPECT_EQ(db.service().deals().list().value().size(), 1u);

    // Another program's trigger still stops the upgrade, the file untouched.
    db.close();
    runRawSql(db.path(),
              backBeforeStallMarks(false)
                  << QStringLiteral("PRAGMA user_version = 11")
                  << QStringLiteral("CREATE TRIGGER theirs AFTER INSERT ON notes BEGIN SELECT 1; END"));
    Result<std::unique_ptr<DealStore>> refused = PipelineOpener::openStore(db.path());
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("trigger theirs on notes")))
        << refused.error().message.toStdString();
    EXPECT_FALSE(refused.error().message.contains(QStringLiteral("stage_totals")))
        << refused.error().message.toStdString();
}
