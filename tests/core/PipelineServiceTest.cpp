// Every user action through the service, on a real database file.
#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/DealStore.h"
#include "dealboard/TransitionEngine.h"
#include "dealboard/service/PipelineOpener.h"

#include <QSignalSpy>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

std::vector<std::pair<std::optional<Stage>, Stage>> stagePath(const std::vector<HistoryEntry>& history)
{
    std::vector<std::pair<std::optional<Stage>, Stage>> path;
    for (const HistoryEntry& entry : history) {
        path.emplace_back(entry.fromStage, entry.toStage);
    }
    return path;
}

} // namespace

TEST(Pipeline, CreateRecordsTheDealAndItsFirstHistoryRow)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Acme renewal"));
    EXPECT_GT(deal.id, 0);
    EXPECT_EQ(deal.stage, Stage::Prospecting);
    EXPECT_EQ(deal.status, DealStatus::Open);
    EXPECT_EQ(deal.version, 1);
    EXPECT_EQ(deal.createdAt, db.clock().nowUtc());
    const std::vector<HistoryEntry> history = db.service().deals().history(deal.id).value();
    ASSERT_EQ(history.size(), 1u);
    EXPECT_FALSE(history[0].fromStage.has_value());
    EXPECT_EQ(history[0].toStage, Stage::Prospecting);
    EXPECT_EQ(history[0].actor, QStringLiteral("tester"));
}

TEST(Pipeline, CreateRefusesEmptyTitleAndBadFieldsWithoutWriting)
{
    TestDatabase db;
    DealFields fields;
    fields.title = QStringLiteral("   ");
    Result<Deal> created = db.service().deals().create(fields);
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code, ErrorCode::InvalidInput);
    EXPECT_TRUE(created.error().message.contains(QStringLiteral("title")));

    fields.title = QStringLiteral("Fine");
    fields.currency = QStringLiteral("euro");
    EXPECT_EQ(db.service().deals().create(fields).error().code, ErrorCode::InvalidInput);
    fields.currency.reset();
    fields.email = QStringLiteral("not-an-address");
    EXPECT_EQ(db.service().deals().create(fields).error().code, ErrorCode::InvalidInput);
    EXPECT_TRUE(db.service().deals().list().value().empty());
}

TEST(Pipeline, CreateInALaterStageObeysTheRules)
{
    TestDatabase db;
    DealFields fields;
    fields.title = QStringLiteral("Straight to contacting");
    Result<Deal> refused = db.service().deals().create(fields, Stage::Contacting);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::RefusedByRules);
    EXPECT_EQ(refused.error().unmet.size(), 3u);
    EXPECT_TRUE(refused.error().message.startsWith(QStringLiteral("Can't create")));

    fields.willing = fields.need = fields.budget = true;
    Result<Deal> created = db.service().deals().create(fields, Stage::Contacting);
    ASSERT_TRUE(created.ok());
    EXPECT_EQ(created.value().stage, Stage::Contacting);

    fields.valueMinor = 100;
    fields.expectedClose = QDate(2026, 5, 1);
    Result<Deal> retention = db.service().deals().create(fields, Stage::Retention);
    ASSERT_FALSE(retention.ok());
    EXPECT_EQ(retention.error().unmet, std::vector<Requirement> {Requirement::FromClosing});
    EXPECT_EQ(db.service().deals().list().value().size(), 1u);
}

TEST(Pipeline, UnqualifiedMoveIsRefusedThenSucceedsAfterQualify)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Acme renewal"));
    Result<MoveOutcome> refused = db.service().deals().move(deal.id, Stage::Contacting);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::RefusedByRules);
    EXPECT_EQ(refused.error().unmet,
              (std::vector<Requirement> {Requirement::Willing, Requirement::Need, Requirement::Budget}));
    EXPECT_EQ(db.service().deals().get(deal.id).value().version, 1); // nothing written
    EXPECT_EQ(db.service().deals().history(deal.id).value().size(), 1u);

    ASSERT_TRUE(db.service().deals().edit(deal.id, TestDatabase::qualified()).ok());
    db.clock().advanceSeconds(3600);
    Result<MoveOutcome> moved
        = db.service().deals().move(deal.id, Stage::Contacting, {std::nullopt, QStringLiteral("ann")});
    ASSERT_TRUE(moved.ok()) << moved.error().message.toStdString();
    EXPECT_TRUE(moved.value().changed);
    EXPECT_EQ(moved.value().deal.stage, Stage::Contacting);
    EXPECT_EQ(moved.value().deal.stageEnteredAt, db.clock().nowUtc());

    const std::vector<HistoryEntry> history = db.service().deals().history(deal.id).value();
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[1].fromStage, Stage::Prospecting);
    EXPECT_EQ(history[1].toStage, Stage::Contacting);
    EXPECT_EQ(history[1].actor, QStringLiteral("ann"));
    EXPECT_EQ(history[1].at, db.clock().nowUtc());
}

TEST(Pipeline, MoveWithSuppliedFactsSavesThemAndMovesInOneStep)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Initech upgrade"), Stage::Qualifying);
    DealFields facts = TestDatabase::qualified();
    facts.valueMinor = 250000;
    facts.expectedClose = QDate(2026, 4, 15);
    // Closing needs the criteria, a value and a close date: all supplied here.
    Result<MoveOutcome> moved = db.service().deals().move(deal.id, Stage::Closing, {}, facts);
    ASSERT_TRUE(moved.ok()) << moved.error().message.toStdString();
    const Deal stored = db.service().deals().get(deal.id).value();
    EXPECT_EQ(stored.stage, Stage::Closing);
    EXPECT_TRUE(stored.qualification.complete());
    EXPECT_EQ(stored.value.minor, 250000);
    EXPECT_EQ(stored.expectedClose, QDate(2026, 4, 15));
    EXPECT_EQ(stored.version, 2); // one action, one write
}

TEST(Pipeline, RefusedMoveWithPartialFactsSavesNothing)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Partial"), Stage::Qualifying);
    DealFields facts;
    facts.willing = true;
    Result<MoveOutcome> refused = db.service().deals().move(deal.id, Stage::Contacting, {}, facts);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().unmet, (std::vector<Requirement> {Requirement::Need, Requirement::Budget}));
    EXPECT_FALSE(db.service().deals().get(deal.id).value().qualification.willing);
}

TEST(Pipeline, MoveToTheSameStageIsANoOp)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Same place"));
    Result<MoveOutcome> outcome = db.service().deals().move(deal.id, Stage::Prospecting);
    ASSERT_TRUE(outcome.ok());
    EXPECT_FALSE(outcome.value().changed);
    EXPECT_EQ(db.service().deals().get(deal.id).value().version, 1);
    EXPECT_EQ(db.service().deals().history(deal.id).value().size(), 1u);
}

TEST(Pipeline, WinNeedsClosingAndBackwardMoveReopensAWonDeal)
{
    TestDatabase db;
    DealFields facts = TestDatabase::qualified();
    facts.valueMinor = 5000;
    facts.expectedClose = QDate(2026, 4, 1);
    const Deal deal = db.create(QStringLiteral("Big win"), Stage::Negotiation, facts);

    Result<MoveOutcome> early = db.service().deals().win(deal.id);
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().unmet, std::vector<Requirement> {Requirement::FromClosing});

    ASSERT_TRUE(db.service().deals().move(deal.id, Stage::Closing).ok());
    Result<MoveOutcome> won = db.service().deals().win(deal.id);
    ASSERT_TRUE(won.ok());
    EXPECT_EQ(won.value().deal.stage, Stage::Retention);
    EXPECT_EQ(won.value().deal.status, DealStatus::Won);

    Result<MoveOutcome> lose = db.service().deals().lose(deal.id, QStringLiteral("changed mind"));
    ASSERT_FALSE(lose.ok());
    EXPECT_EQ(lose.error().unmet, std::vector<Requirement> {Requirement::NotWon});

    Result<MoveOutcome> back = db.service().deals().move(deal.id, Stage::Closing);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value().deal.status, DealStatus::Open);
    const std::vector<HistoryEntry> history = db.service().deals().history(deal.id).value();
    ASSERT_EQ(history.size(), 4u);
    EXPECT_EQ(history[2].toStatus, DealStatus::Won);
    EXPECT_EQ(history[3].fromStatus, DealStatus::Won);
    EXPECT_EQ(history[3].toStatus, DealStatus::Open);
}

TEST(Pipeline, LoseNeedsAReasonAndReopenRestoresTheStage)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Shaky"), Stage::Contacting, TestDatabase::qualified());
    Result<MoveOutcome> noReason = db.service().deals().lose(deal.id, QStringLiteral("  "));
    ASSERT_FALSE(noReason.ok());
    EXPECT_EQ(noReason.error().code, ErrorCode::InvalidInput);

    ASSERT_TRUE(db.service().deals().lose(deal.id, QStringLiteral("Chose a competitor")).ok());
    Deal lost = db.service().deals().get(deal.id).value();
    EXPECT_EQ(lost.status, DealStatus::Lost);
    EXPECT_EQ(lost.lostReason, QStringLiteral("Chose a competitor"));

    Result<MoveOutcome> moveLost = db.service().deals().move(deal.id, Stage::Negotiation);
    ASSERT_FALSE(moveLost.ok());
    EXPECT_EQ(moveLost.error().unmet.front(), Requirement::NotLost);

    Result<MoveOutcome> reopened = db.service().deals().reopen(deal.id);
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ(reopened.value().deal.status, DealStatus::Open);
    EXPECT_EQ(reopened.value().deal.stage, Stage::Contacting);
    EXPECT_TRUE(reopened.value().deal.lostReason.isEmpty());
    const std::vector<HistoryEntry> history = db.service().deals().history(deal.id).value();
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[1].toStatus, DealStatus::Lost);
    EXPECT_EQ(history[1].toStage, Stage::Contacting);
    EXPECT_EQ(history[2].fromStatus, DealStatus::Lost);
    EXPECT_EQ(history[2].toStatus, DealStatus::Open);
}

TEST(Pipeline, BackAndForthIsRecordedStepByStep)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Wobbly"), Stage::Prospecting, TestDatabase::qualified());
    for (Stage stage : {Stage::Contacting, Stage::Qualifying, Stage::Contacting}) {
        ASSERT_TRUE(db.service().deals().move(deal.id, stage).ok());
    }
    EXPECT_EQ(stagePath(db.service().deals().history(deal.id).value()),
              (std::vector<std::pair<std::optional<Stage>, Stage>> {{std::nullopt, Stage::Prospecting},
                                                                    {Stage::Prospecting, Stage::Contacting},
                                                                    {Stage::Contacting, Stage::Qualifying},
                                                                    {Stage::Qualifying, Stage::Contacting}}));
}

TEST(Pipeline, EditThatWouldBreakTheCurrentStageIsRefused)
{
    TestDatabase db;
    DealFields facts = TestDatabase::qualified();
    facts.valueMinor = 9900;
    const Deal deal = db.create(QStringLiteral("Negotiating"), Stage::Negotiation, facts);
    DealFields breaking;
    breaking.valueMinor = 0;
    breaking.budget = false;
    Result<Deal> refused = db.service().deals().edit(deal.id, breaking);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::RefusedByRules);
    EXPECT_EQ(refused.error().unmet, (std::vector<Requirement> {Requirement::Budget, Requirement::Value}));
    const Deal stored = db.service().deals().get(deal.id).value();
    EXPECT_EQ(stored.value.minor, 9900);
    EXPECT_TRUE(stored.qualification.budget);
}

TEST(Pipeline, StaleVersionIsRefusedAndNamesTheFreshState)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Contested"), Stage::Prospecting, TestDatabase::qualified());
    // Another process moves it first.
    Result<std::unique_ptr<DealStore>> otherStore = PipelineOpener::openStore(db.path());
    ASSERT_TRUE(otherStore.ok());
    Pipeline other(std::move(otherStore.value()), std::make_shared<SystemClock>());
    ASSERT_TRUE(other.deals().move(deal.id, Stage::Contacting).ok());

    DealFields edit;
    edit.company = QStringLiteral("Mine");
    Result<Deal> stale = db.service().deals().edit(deal.id, edit, {deal.version, QString()});
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::StaleVersion);
    EXPECT_TRUE(stale.error().message.contains(QStringLiteral("changed elsewhere")));
    EXPECT_TRUE(stale.error().message.contains(QStringLiteral("Contacting")));
    Result<MoveOutcome> staleMove = db.service().deals().move(deal.id, Stage::Qualifying, {deal.version, QString()});
    EXPECT_EQ(staleMove.error().code, ErrorCode::StaleVersion);
    const Deal stored = db.service().deals().get(deal.id).value();
    EXPECT_EQ(stored.company, QString());
    EXPECT_EQ(stored.stage, Stage::Contacting);
}

TEST(Pipeline, ActionThatFailsHalfWayLeavesNothingBehind)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Atomic"), Stage::Prospecting, TestDatabase::qualified());
    // Make the history write fail after the deal row was updated: a trigger
    // of the service's own connection (TEMP: the file's structure stays
    // DealBoard's, which a trigger in the file would not).
    if (db.onServer()) {
        // A server checks no structure before a write: a trigger of its own does.
        runRawSql(db.path(),
                  {QStringLiteral("CREATE FUNCTION refuse_history() RETURNS trigger LANGUAGE plpgsql AS "
                                  "$$BEGIN RAISE EXCEPTION 'history is full'; END$$"),
                   QStringLiteral("CREATE TRIGGER refuse_history BEFORE INSERT ON stage_history FOR EACH "
                                  "ROW EXECUTE FUNCTION refuse_history()")});
    } else {
        runOnStoreConnection(db.path(),
                             QStringLiteral("CREATE TEMP TRIGGER refuse_history BEFORE INSERT ON main.stage_history "
                                            "BEGIN SELECT RAISE(ABORT, 'history is full'); END"));
    }
    Result<MoveOutcome> moved = db.service().deals().move(deal.id, Stage::Contacting);
    ASSERT_FALSE(moved.ok());
    EXPECT_EQ(moved.error().code, ErrorCode::Storage);
    const Deal stored = db.service().deals().get(deal.id).value();
    EXPECT_EQ(stored.stage, Stage::Prospecting);
    EXPECT_EQ(stored.version, deal.version);

    const Result<Deal> created = db.service().deals().create(DealFields::withTitle(QStringLiteral("Half")));
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(db.service().deals().list().value().size(), 1u);
}

TEST(Pipeline, ForeignTriggersTablesAndColumnsStopEveryWrite)
{
    DEALBOARD_FILE_ONLY("the structure guard before each write is a file's (SQLite triggers); a server's foreign "
                        "tables are refused at open (ServerTest)");
    const std::vector<std::pair<QString, QString>> changes = {
        {QStringLiteral("CREATE TABLE spy (title TEXT)"), QStringLiteral("unknown table spy")},
        {QStringLiteral("CREATE TRIGGER copy_titles AFTER UPDATE ON deals BEGIN INSERT INTO deals_copy VALUES "
                        "(new.title); END"),
         QStringLiteral("unknown trigger copy_titles on deals")},
        {QStringLiteral("CREATE TRIGGER forget_history AFTER INSERT ON stage_history BEGIN DELETE FROM "
                        "stage_history WHERE id = new.id; END"),
         QStringLiteral("unknown trigger forget_history on stage_history")},
        {QStringLiteral("ALTER TABLE deals ADD COLUMN secret TEXT"), QStringLiteral("unknown column deals.secret")},
        {QStringLiteral("CREATE VIEW everything AS SELECT * FROM deals"), QStringLiteral("unknown view everything")},
        {QStringLiteral("DROP INDEX deals_by_owner"), QStringLiteral("missing index deals_by_owner")},
    };
    for (const auto& [sql, named] : changes) {
        TestDatabase db;
        const Deal deal = db.create(QStringLiteral("Guarded"), Stage::Prospecting, TestDatabase::qualified());
        db.close();
        runRawSql(db.path(), {sql});
        db.reopen();
        // Reads still work; every write is refused and names what differs.
        ASSERT_EQ(db.service().deals().list().value().size(), 1u) << sql.toStdString();
        const Result<MoveOutcome> moved = db.service().deals().move(deal.id, Stage::Contacting);
        ASSERT_FALSE(moved.ok()) << sql.toStdString();
        EXPECT_TRUE(moved.error().message.contains(named)) << moved.error().message.toStdString();
        EXPECT_FALSE(db.service().deals().create(DealFields::withTitle(QStringLiteral("New"))).ok());
        EXPECT_EQ(db.service().deals().get(deal.id).value().version, deal.version);
        const QStringList faults = db.service().check().value().faults;
        EXPECT_TRUE(faults.join(u'\n').contains(named)) << faults.join(u'\n').toStdString();
    }
}

TEST(Pipeline, ATriggerAddedWhileOpenStopsTheNextWrite)
{
    DEALBOARD_FILE_ONLY("the structure guard before each write is a file's");
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Guarded"), Stage::Prospecting, TestDatabase::qualified());
    runRawSql(db.path(), {QStringLiteral("CREATE TRIGGER late AFTER UPDATE ON deals BEGIN SELECT 1; END")});
    const Result<MoveOutcome> moved = db.service().deals().move(deal.id, Stage::Contacting);
    ASSERT_FALSE(moved.ok());
    EXPECT_TRUE(moved.error().message.contains(QStringLiteral("unknown trigger late")))
        << moved.error().message.toStdString();
    runRawSql(db.path(), {QStringLiteral("DROP TRIGGER late")});
    EXPECT_TRUE(db.service().deals().move(deal.id, Stage::Contacting).ok());
}

TEST(Pipeline, AFileWithATriggerIsNotMigrated)
{
    DEALBOARD_FILE_ONLY("a file migrated when opened");
    TestDatabase db;
    db.close();
    runRawSql(db.path(),
              {QStringLiteral("PRAGMA user_version = 2"),
               QStringLiteral("CREATE TRIGGER t AFTER INSERT ON deals BEGIN SELECT 1; END")});
    Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(db.path());
    ASSERT_FALSE(store.ok());
    EXPECT_TRUE(store.error().message.contains(QStringLiteral("trigger t on deals")))
        << store.error().message.toStdString();
}

TEST(Pipeline, DeleteAndRestoreBringBackTheDealWithItsHistory)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Deleted by mistake"), Stage::Prospecting, TestDatabase::qualified());
    ASSERT_TRUE(db.service().deals().move(deal.id, Stage::Contacting).ok());
    Result<DeletedDeal> deleted = db.service().deals().remove(deal.id);
    ASSERT_TRUE(deleted.ok());
    EXPECT_EQ(db.service().deals().get(deal.id).error().code, ErrorCode::NotFound);
    EXPECT_TRUE(db.service().deals().history(deal.id).value().empty());

    Result<Deal> restored = db.service().deals().restore(deleted.value());
    ASSERT_TRUE(restored.ok());
    EXPECT_EQ(restored.value().id, deal.id);
    EXPECT_EQ(db.service().deals().get(deal.id).value().stage, Stage::Contacting);
    EXPECT_EQ(db.service().deals().history(deal.id).value().size(), 2u);
    EXPECT_FALSE(db.service().deals().restore(deleted.value()).ok());
    EXPECT_TRUE(db.service().check().value().faults.isEmpty());
}

TEST(Pipeline, UnknownDealIsNotFound)
{
    TestDatabase db;
    EXPECT_EQ(db.service().deals().move(42, Stage::Qualifying).error().code, ErrorCode::NotFound);
    EXPECT_EQ(db.service().deals().remove(42).error().code, ErrorCode::NotFound);
    EXPECT_TRUE(db.service().deals().get(42).error().message.contains(QStringLiteral("no deal 42")));
}

TEST(Pipeline, AnnouncesChangesForTheBoard)
{
    TestDatabase db;
    QSignalSpy changed(&db.service(), &Pipeline::dealChanged);
    QSignalSpy removed(&db.service(), &Pipeline::dealRemoved);
    const Deal deal = db.create(QStringLiteral("Watched"));
    ASSERT_TRUE(db.service().deals().move(deal.id, Stage::Qualifying).ok());
    ASSERT_FALSE(db.service().deals().move(deal.id, Stage::Contacting).ok()); // refused: no signal
    EXPECT_EQ(changed.count(), 2);
    EXPECT_EQ(changed.last().at(0).value<Deal>().stage, Stage::Qualifying);
    ASSERT_TRUE(db.service().deals().remove(deal.id).ok());
    ASSERT_EQ(removed.count(), 1);
    EXPECT_EQ(removed.first().at(0).value<DealId>(), deal.id);
}

TEST(Pipeline, CheckFindsBrokenInvariants)
{
    TestDatabase db;
    const Deal good = db.create(QStringLiteral("Fine"), Stage::Contacting, TestDatabase::qualified());
    const Deal bad = db.create(QStringLiteral("Tampered"), Stage::Contacting, TestDatabase::qualified());
    EXPECT_TRUE(db.service().check().value().faults.isEmpty());
    db.close();
    runRawSql(db.path(),
              {QStringLiteral("UPDATE deals SET budget = 0 WHERE id = %1").arg(bad.id),
               QStringLiteral("UPDATE deals SET stage = 'negotiation', value_minor = 5 WHERE id = %1").arg(good.id)});
    db.reopen();
    const CheckReport report = db.service().check().value();
    EXPECT_EQ(report.dealsChecked, 2);
    ASSERT_EQ(report.faults.size(), 2) << report.faults.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(report.faults[0].contains(QStringLiteral("last history row")));
    EXPECT_TRUE(report.faults[1].contains(QStringLiteral("budget not confirmed")));
}

// Damage that SQLite's own integrity check does not see: check names each row.
TEST(Pipeline, CheckFindsDamageAndNamesTheRow)
{
    DEALBOARD_FILE_ONLY("rows a file's loose types admit; a server's column types and CHECKs refuse them");
    TestDatabase db;
    const Deal a = db.create(QStringLiteral("A"));
    const Deal b = db.create(QStringLiteral("B"));
    const Deal c = db.create(QStringLiteral("C"));
    EXPECT_TRUE(db.service().check().value().faults.isEmpty())
        << db.service().check().value().faults.join(u'\n').toStdString();
    db.close();
    const std::vector<std::pair<QString, QString>> damage = {
        {QStringLiteral("UPDATE deals SET value_minor = 'abc' WHERE id = %1").arg(a.id),
         QStringLiteral("Deal %1: value 'abc' is not a whole number of cents").arg(a.id)},
        {QStringLiteral("UPDATE deals SET value_minor = 1e300 WHERE id = %1").arg(b.id),
         QStringLiteral("Deal %1: value").arg(b.id)},
        {QStringLiteral("UPDATE deals SET expected_close = '2026-13-45' WHERE id = %1").arg(c.id),
         QStringLiteral("Deal %1: expected close '2026-13-45' is not a date").arg(c.id)},
        {QStringLiteral("UPDATE deals SET version = 9223372036854775807 WHERE id = %1").arg(a.id),
         QStringLiteral("Deal %1: version '9223372036854775807'").arg(a.id)},
        {QStringLiteral("UPDATE deals SET title = CAST(X'41FF42' AS TEXT) WHERE id = %1").arg(b.id),
         QStringLiteral("deals row %1: title is not valid UTF-8").arg(b.id)},
        {QStringLiteral("UPDATE deals SET currency = '' WHERE id = %1").arg(c.id),
         QStringLiteral("Deal %1: currency '' is not a three-letter code").arg(c.id)},
        {QStringLiteral("UPDATE deals SET origin_deal_id = id WHERE id = %1").arg(c.id),
         QStringLiteral("Deal %1 is recorded as a follow-up of itself").arg(c.id)},
        {QStringLiteral("UPDATE deals SET person_id = 4242 WHERE id = %1").arg(a.id),
         QStringLiteral("deals row %1 points to a row of people that does not exist").arg(a.id)},
        {QStringLiteral("INSERT INTO settings (key, value) VALUES ('default_min_touch_days', '99999')"),
         QStringLiteral("Setting default_min_touch_days: '99999'")},
        {QStringLiteral("UPDATE deals SET stage_entered_at = '2020-01-01T00:00:00.000Z' WHERE id = %1").arg(b.id),
         QStringLiteral("Deal %1 entered its stage before it was created").arg(b.id)},
    };
    QStringList statements {QStringLiteral("PRAGMA ignore_check_constraints = ON")};
    for (const auto& [sql, expected] : damage) {
        statements << sql;
    }
    statements << QStringLiteral("UPDATE deals SET stage = 'limbo' WHERE id = %1").arg(b.id);
    runRawSql(db.path(), statements);
    db.reopen();
    const QString faults = db.service().check().value().faults.join(u'\n');
    for (const auto& [sql, expected] : damage) {
        EXPECT_TRUE(faults.contains(expected)) << expected.toStdString() << "\n in:\n" << faults.toStdString();
    }
    EXPECT_TRUE(faults.contains(QStringLiteral("Deal %1: stage 'limbo' is not one of the seven stages").arg(b.id)))
        << faults.toStdString();
}

TEST(Pipeline, MoneyIsBoundedAndSumsNeverOverflow)
{
    EXPECT_TRUE(parseDecimal(u"999999999999.99", u"EUR").ok());
    EXPECT_FALSE(parseDecimal(u"1000000000000", u"EUR").ok());
    EXPECT_FALSE(parseDecimal(u"999999999999999.99", u"EUR").ok());
    EXPECT_EQ(addMoney(std::numeric_limits<std::int64_t>::max() - 1, 5), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(percentOf(std::numeric_limits<std::int64_t>::max(), 100),
              std::numeric_limits<std::int64_t>::max() / 100 * 100 + 7);

    TestDatabase db;
    DealFields largest;
    largest.valueMinor = MaxMoneyMinor;
    for (int i = 0; i < 120; ++i) {
        db.create(QStringLiteral("Big %1").arg(i), Stage::Prospecting, largest);
    }
    const PipelineReport report = db.service().reports().report({}).value();
    EXPECT_EQ(report.stages[0].openValueMinor, MaxMoneyMinor * 120);
    // Values written past the bound by another program: the sum holds at the
    // largest amount instead of turning negative.
    db.close();
    if (TestServer::inUse()) {
        // A server holds the bound in the table itself: past it, no program
        // writes a value (the database's owner included).
        QString error;
        EXPECT_FALSE(TestServer::run({QStringLiteral("UPDATE deals SET value_minor = 9000000000000000000 WHERE id <= "
                                                     "3")},
                                     QUrl(db.path()).path().mid(1), &error));
        EXPECT_TRUE(error.contains(QStringLiteral("deals_value_limit"))) << error.toStdString();
        return;
    }
    runRawSql(db.path(), {QStringLiteral("UPDATE deals SET value_minor = 9000000000000000000 WHERE id <= 3")});
    db.reopen();
    const PipelineReport damaged = db.service().reports().report({}).value();
    EXPECT_GT(damaged.stages[0].openValueMinor, 0);
    EXPECT_EQ(damaged.stages[0].openValueMinor, std::numeric_limits<std::int64_t>::max());
}

// The report reads the history in stored order and puts each deal's rows
// together: rows of different deals written in turns, and deal ids far apart
// (another program's), give every deal its own stays.
TEST(Pipeline, TheReportKeepsEachDealsHistoryTogetherWhateverTheOrderItWasWritten)
{
    TestDatabase db;
    const Deal slow = db.create(QStringLiteral("Slow"), Stage::Prospecting);
    const Deal quick = db.create(QStringLiteral("Quick"), Stage::Prospecting);
    const Deal middle = db.create(QStringLiteral("Middle"), Stage::Prospecting);
    db.clock().advanceSeconds(86400);
    ASSERT_TRUE(db.service().deals().move(quick.id, Stage::Qualifying).ok());
    db.clock().advanceSeconds(86400);
    ASSERT_TRUE(db.service().deals().move(middle.id, Stage::Qualifying).ok());
    db.clock().advanceSeconds(2 * 86400);
    ASSERT_TRUE(db.service().deals().move(slow.id, Stage::Qualifying).ok());
    db.clock().advanceSeconds(86400);
    ASSERT_TRUE(db.service().deals().move(quick.id, Stage::Prospecting).ok());

    const auto expectStays = [](const PipelineReport& report) {
        const StageFigures& prospecting = report.stages[stageIndex(Stage::Prospecting)];
        EXPECT_EQ(prospecting.completedStays, 3);
        EXPECT_EQ(prospecting.medianDays, std::optional<double>(2.0)); // 1, 2 and 4 days
        EXPECT_EQ(prospecting.meanDays, std::optional<double>(7.0 / 3));
        const StageFigures& qualifying = report.stages[stageIndex(Stage::Qualifying)];
        EXPECT_EQ(qualifying.completedStays, 1);
        EXPECT_EQ(qualifying.medianDays, std::optional<double>(4.0));
        EXPECT_EQ(qualifying.currentStays, 2);
        EXPECT_EQ(report.deals, 3);
    };
    expectStays(db.service().reports().report({}).value());
    if (db.onServer()) {
        // A server hands the rows over in the order they lie in its table:
        // laid backwards, each deal's steps come last first.
        db.close();
        QString error;
        ASSERT_TRUE(TestServer::run({QStringLiteral("CREATE INDEX history_backwards ON stage_history (id DESC)"),
                                     QStringLiteral("CLUSTER stage_history USING history_backwards"),
                                     QStringLiteral("DROP INDEX history_backwards")},
                                    QUrl(db.path()).path().mid(1), &error))
            << error.toStdString();
        db.reopen();
        expectStays(db.service().reports().report({}).value());
        return;
    }
    // The slow deal renumbered far past the others, as another program may.
    db.close();
    runRawSql(db.path(),
              {QStringLiteral("PRAGMA foreign_keys = OFF"),
               QStringLiteral("UPDATE stage_history SET deal_id = 4000000000 WHERE deal_id = %1").arg(slow.id),
               QStringLiteral("UPDATE deals SET id = 4000000000 WHERE id = %1").arg(slow.id)});
    db.reopen();
    expectStays(db.service().reports().report({}).value());
}
