// The facts a manager requires per stage (StageRules): the engine's reading
// of them, and on both backends the rules stored, set, refused, logged, and
// held by every move, creation, edit and import.
#include "dealboard/StageRules.h"

#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/TransitionEngine.h"

#include <QBuffer>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

bool has(const std::vector<Requirement>& unmet, Requirement requirement)
{
    return std::find(unmet.begin(), unmet.end(), requirement) != unmet.end();
}

// A qualified deal in Contacting, with neither organization nor person.
DealId qualifiedDeal(TestDatabase& db, const QString& title, Stage stage = Stage::Contacting)
{
    DealFields fields = DealFields::withTitle(title);
    fields.willing = fields.need = fields.budget = true;
    Result<Deal> deal = db.service().deals().create(fields, stage);
    EXPECT_TRUE(deal.ok()) << deal.error().message.toStdString();
    return deal.ok() ? deal.value().id : 0;
}

} // namespace

TEST(StageRules, EachFactIsNeededFromItsPointOnAndTheFixedRulesStay)
{
    StageRules rules = StageRules::builtIn();
    EXPECT_FALSE(rules.neededIn(Requirement::Value, Stage::Relationship));
    EXPECT_TRUE(rules.neededIn(Requirement::Value, Stage::Negotiation));
    EXPECT_TRUE(rules.neededIn(Requirement::Value, Stage::Retention));
    EXPECT_TRUE(rules.neededIn(Requirement::CloseDate, Stage::Closing));
    EXPECT_FALSE(rules.neededIn(Requirement::Contact, Stage::Retention));

    // "To leave" a stage: needed in every stage after it, not in it.
    rules.set({Requirement::Activity, Stage::Relationship, RuleMoment::Leave});
    EXPECT_FALSE(rules.neededIn(Requirement::Activity, Stage::Relationship));
    EXPECT_TRUE(rules.neededIn(Requirement::Activity, Stage::Negotiation));
    // One point per fact: setting another moves it.
    rules.set({Requirement::Value, Stage::Contacting, RuleMoment::Enter});
    EXPECT_TRUE(rules.neededIn(Requirement::Value, Stage::Contacting));
    rules.clear(Requirement::CloseDate);
    EXPECT_FALSE(rules.neededIn(Requirement::CloseDate, Stage::Retention));
    // The gate and the title do not move.
    EXPECT_FALSE(rules.neededIn(Requirement::Budget, Stage::Qualifying));
    EXPECT_TRUE(rules.neededIn(Requirement::Budget, Stage::Contacting));
    EXPECT_EQ(StageRules::none().neededIn(Stage::Prospecting), std::vector<Requirement> {Requirement::Title});

    // A next activity is asked on entering only.
    Deal deal;
    deal.title = QStringLiteral("Acme");
    deal.qualification = {true, true, true};
    deal.value.minor = 100;
    deal.stage = Stage::Relationship;
    EXPECT_TRUE(has(TransitionEngine::check(deal, Stage::Negotiation, rules).unmet, Requirement::Activity));
    deal.stage = Stage::Negotiation;
    EXPECT_FALSE(has(TransitionEngine::unmetInCurrentStage(deal, rules), Requirement::Activity));
    EXPECT_TRUE(TransitionEngine::describeEntryRules(Stage::Negotiation, rules)
                    .contains(QStringLiteral("a next activity planned")));
}

TEST(StageRules, WhatCannotBeRequiredSaysWhy)
{
    EXPECT_TRUE(StageRules::whyNot({Requirement::Title, Stage::Closing, RuleMoment::Enter}).contains(u"fixed"));
    EXPECT_TRUE(StageRules::whyNot({Requirement::Budget, Stage::Closing, RuleMoment::Enter}).contains(u"gate"));
    EXPECT_TRUE(StageRules::whyNot({Requirement::NotWon, Stage::Closing, RuleMoment::Enter}).contains(u"value"));
    EXPECT_TRUE(
        StageRules::whyNot({Requirement::Value, Stage::Retention, RuleMoment::Leave}).contains(u"No deal leaves"));
    EXPECT_TRUE(StageRules::whyNot({Requirement::Activity, Stage::Prospecting, RuleMoment::Enter})
                    .contains(u"A new deal has no activity"));
    EXPECT_TRUE(StageRules::whyNot({Requirement::Activity, Stage::Prospecting, RuleMoment::Leave}).isEmpty());
}

TEST(StageRules, ANewPipelineHasTheBuiltInRulesAndAManagersChangeIsStoredAndLogged)
{
    TestDatabase db;
    db.create(QStringLiteral("Seed"));
    ReportService& reports = db.service().reports();
    ASSERT_TRUE(reports.stageRules().ok());
    EXPECT_EQ(reports.stageRules().value(), StageRules::builtIn());

    Result<bool> set = reports.requireFact({Requirement::Contact, Stage::Contacting, RuleMoment::Enter});
    ASSERT_TRUE(set.ok()) << set.error().message.toStdString();
    EXPECT_TRUE(set.value());
    EXPECT_FALSE(reports.requireFact({Requirement::Contact, Stage::Contacting, RuleMoment::Enter}).value());
    ASSERT_TRUE(reports.unrequireFact({Requirement::Value, Stage::Negotiation, RuleMoment::Enter}).ok());
    Result<bool> wrongPoint = reports.unrequireFact({Requirement::CloseDate, Stage::Negotiation, RuleMoment::Enter});
    ASSERT_FALSE(wrongPoint.ok());
    EXPECT_TRUE(wrongPoint.error().message.contains(QStringLiteral("to enter Closing")))
        << wrongPoint.error().message.toStdString();
    Result<bool> fixed = reports.requireFact({Requirement::Willing, Stage::Negotiation, RuleMoment::Enter});
    ASSERT_FALSE(fixed.ok());
    EXPECT_EQ(fixed.error().code, ErrorCode::InvalidInput);

    StageRules expected = StageRules::builtIn();
    expected.set({Requirement::Contact, Stage::Contacting, RuleMoment::Enter});
    expected.clear(Requirement::Value);
    db.reopen(); // stored, not remembered
    EXPECT_EQ(db.service().reports().stageRules().value(), expected);

    // The editor's undo: stale when another manager changed the same fact.
    StageRules mine = expected;
    mine.set({Requirement::Activity, Stage::Negotiation, RuleMoment::Leave});
    ASSERT_TRUE(db.service().reports().setStageRules(mine, expected).ok());
    StageRules stale = mine;
    stale.set({Requirement::Activity, Stage::Closing, RuleMoment::Enter});
    Result<bool> undone = db.service().reports().setStageRules(expected, stale);
    ASSERT_FALSE(undone.ok());
    EXPECT_EQ(undone.error().code, ErrorCode::StaleVersion);
    ASSERT_TRUE(db.service().reports().setStageRules(expected, mine).ok());
    EXPECT_EQ(db.service().reports().stageRules().value(), expected);

    // Back to the built-in point, the row goes; every step is logged.
    ASSERT_TRUE(db.service().reports().setStageRules(StageRules::builtIn(), expected).ok());
    EXPECT_EQ(db.service().reports().stageRules().value(), StageRules::builtIn());
    ChangeQuery query;
    query.tables = {QStringLiteral("stage_rules")};
    Result<std::vector<ChangeEntry>> logged = db.service().reads().changes(query);
    ASSERT_TRUE(logged.ok());
    // contact set, value cleared, activity set, activity removed, contact
    // and value back to built-in.
    EXPECT_EQ(logged.value().size(), 6u);
}

TEST(StageRules, AMoveAsksForExactlyTheFactsItsStageNeedsAndTakesThemInOneStep)
{
    TestDatabase db;
    db.create(QStringLiteral("Seed"));
    ReportService& reports = db.service().reports();
    ASSERT_TRUE(reports.requireFact({Requirement::Contact, Stage::Relationship, RuleMoment::Enter}).ok());
    ASSERT_TRUE(reports.requireFact({Requirement::Activity, Stage::Relationship, RuleMoment::Leave}).ok());
    const DealId id = qualifiedDeal(db, QStringLiteral("Acme renewal"));

    Result<MoveOutcome> refused = db.service().deals().move(id, Stage::Relationship);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::RefusedByRules);
    EXPECT_EQ(refused.error().unmet, std::vector<Requirement> {Requirement::Contact});
    EXPECT_EQ(refused.error().message,
              QStringLiteral("Can't move 'Acme renewal' to Relationship Building: no organization or person."));

    DealFields contact;
    contact.company = QStringLiteral("Acme GmbH");
    ASSERT_TRUE(db.service().deals().move(id, Stage::Relationship, {}, contact).ok());

    // Into Negotiation: a value (built in) and a next activity.
    Result<MoveOutcome> again = db.service().deals().move(id, Stage::Negotiation);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().unmet, (std::vector<Requirement> {Requirement::Value, Requirement::Activity}));
    DealFields facts;
    facts.valueMinor = 500000;
    facts.nextActivity
        = NextActivity {0, ActivityKind::Call, QStringLiteral("Walk through the offer"), QDate(2027, 1, 12), {}};
    Result<MoveOutcome> moved = db.service().deals().move(id, Stage::Negotiation, {}, facts);
    ASSERT_TRUE(moved.ok()) << moved.error().message.toStdString();
    Result<Deal> stored = db.service().deals().get(id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored.value().stage, Stage::Negotiation);
    ASSERT_TRUE(stored.value().nextActivity.has_value());
    EXPECT_EQ(stored.value().nextActivity->subject, QStringLiteral("Walk through the offer"));

    // Marking the activity done leaves the deal where it is; its company
    // can't be taken away, and other edits go on.
    ASSERT_TRUE(db.service().activities().complete(stored.value().nextActivity->id, std::nullopt, true).ok());
    DealFields noCompany;
    noCompany.company = QString();
    Result<Deal> cleared = db.service().deals().edit(id, noCompany);
    ASSERT_FALSE(cleared.ok());
    EXPECT_EQ(cleared.error().unmet, std::vector<Requirement> {Requirement::Contact});
    EXPECT_TRUE(db.service().deals().edit(id, DealFields::withTitle(QStringLiteral("Acme renewal 2027"))).ok());

    // A move back to Relationship Building is an entry too, but asks no activity
    // to enter it; a bad activity is refused before anything is kept.
    DealFields undated;
    undated.nextActivity = NextActivity {0, ActivityKind::Task, QStringLiteral("Call"), QDate(), {}};
    EXPECT_EQ(db.service().deals().move(id, Stage::Closing, {}, undated).error().code, ErrorCode::InvalidInput);
    EXPECT_TRUE(db.service().deals().move(id, Stage::Relationship).ok());
}

TEST(StageRules, ADealThatEnteredBeforeARuleKeepsBeingEditableAndCreationAndImportObeyIt)
{
    TestDatabase db;
    db.create(QStringLiteral("Seed"));
    const DealId older = qualifiedDeal(db, QStringLiteral("Older deal"));
    ASSERT_TRUE(db.service().reports().requireFact({Requirement::Contact, Stage::Contacting, RuleMoment::Enter}).ok());
    Result<Deal> edited
        = db.service().deals().edit(older, DealFields::withTitle(QStringLiteral("Older deal, renamed")));
    EXPECT_TRUE(edited.ok()) << edited.error().message.toStdString();

    DealFields fields = DealFields::withTitle(QStringLiteral("New deal"));
    fields.willing = fields.need = fields.budget = true;
    Result<Deal> created = db.service().deals().create(fields, Stage::Contacting);
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().message,
              QStringLiteral("Can't create 'New deal' in Contacting: no organization or person."));
    fields.company = QStringLiteral("Initech");
    EXPECT_TRUE(db.service().deals().create(fields, Stage::Contacting).ok());

    // An import places each deal under the same rule: all or nothing.
    QByteArray csv("title,stage,company,willing,need,budget\n"
                   "With company,contacting,Globex,yes,yes,yes\n"
                   "Without company,contacting,,yes,yes,yes\n");
    QBuffer buffer(&csv);
    ASSERT_TRUE(buffer.open(QIODevice::ReadOnly));
    Result<ImportPlan> imported = db.service().deals().importDeals(&buffer, {}, false);
    ASSERT_FALSE(imported.ok());
    EXPECT_TRUE(imported.error().message.contains(QStringLiteral("'Without company' can't be in Contacting: no "
                                                                 "organization or person.")))
        << imported.error().message.toStdString();
    EXPECT_EQ(db.service().deals().list().value().size(), 3u); // Seed, the older deal and Initech's

    // The check holds deals only to the fixed rules: a rule set later is no fault.
    Result<CheckReport> report = db.service().check();
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report.value().faults.isEmpty()) << report.value().faults.join(u'\n').toStdString();
}

TEST(StageRules, AVersionTwelveFileGainsTheRulesTableWithTheBuiltInRules)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a file's schema";
    }
    db.create(QStringLiteral("Kept"));
    db.close();
    runRawSql(db.path(), backBeforeStageRules(false) << QStringLiteral("PRAGMA user_version = 12"));
    db.reopen();
    ASSERT_TRUE(db.isOpen());
    EXPECT_EQ(db.service().reports().stageRules().value(), StageRules::builtIn());
    EXPECT_TRUE(db.service().reports().requireFact({Requirement::Contact, Stage::Closing, RuleMoment::Enter}).ok());
    // The table refuses what the service refuses, whoever writes.
    db.close();
    EXPECT_FALSE(runRawSqlOk(db.path(),
                             {QStringLiteral("INSERT INTO stage_rules VALUES ('activity', "
                                             "'prospecting', 'enter')")}));
    EXPECT_FALSE(runRawSqlOk(db.path(),
                             {QStringLiteral("INSERT INTO stage_rules VALUES ('budget', 'closing', "
                                             "'enter')")}));
    EXPECT_FALSE(
        runRawSqlOk(db.path(), {QStringLiteral("INSERT INTO stage_rules VALUES ('value', 'retention', 'leave')")}));
    EXPECT_FALSE(
        runRawSqlOk(db.path(), {QStringLiteral("INSERT INTO stage_rules VALUES ('value', 'limbo', 'enter')")}));
    EXPECT_FALSE(runRawSqlOk(db.path(), {QStringLiteral("INSERT INTO stage_rules VALUES ('value', 'closing', NULL)")}));
}

TEST(StageRules, AFollowUpEntersProspectingUnderItsRulesAndARedoAsksTheActivityAgain)
{
    TestDatabase db;
    db.create(QStringLiteral("Seed"));
    // A won deal, then a manager's rule on the first stage: its follow-up is a new deal.
    DealFields facts = TestDatabase::qualified();
    facts.valueMinor = 1000;
    facts.expectedClose = QDate(2027, 1, 31);
    facts.company = QStringLiteral("Acme");
    const Deal won = db.create(QStringLiteral("Won deal"), Stage::Closing, facts);
    ASSERT_TRUE(db.service().deals().win(won.id).ok());
    ASSERT_TRUE(
        db.service().reports().requireFact({Requirement::CloseDate, Stage::Prospecting, RuleMoment::Enter}).ok());
    Result<Deal> followUp = db.service().deals().createFollowUp(won.id);
    ASSERT_FALSE(followUp.ok());
    EXPECT_EQ(followUp.error().unmet, std::vector<Requirement> {Requirement::CloseDate});
    EXPECT_TRUE(followUp.error().message.startsWith(QStringLiteral("Can't create 'Follow-up: Won deal' in "
                                                                   "Prospecting")))
        << followUp.error().message.toStdString();
    Result<Deal> dated = db.service().deals().createFollowUp(won.id, {}, std::nullopt, {}, QDate(2027, 3, 1));
    ASSERT_TRUE(dated.ok()) << dated.error().message.toStdString();
    EXPECT_EQ(dated.value().expectedClose, QDate(2027, 3, 1));

    // A move that planned its activity, undone; the activity done since: a
    // redo enters the stage again and is refused without one.
    ASSERT_TRUE(
        db.service().reports().requireFact({Requirement::Activity, Stage::Relationship, RuleMoment::Enter}).ok());
    const Deal deal = db.create(QStringLiteral("Redo me"), Stage::Contacting, facts);
    DealFields next;
    next.nextActivity = NextActivity {0, ActivityKind::Task, QStringLiteral("Plan A"), QDate(2027, 1, 4), {}};
    Result<MoveOutcome> moved = db.service().deals().move(deal.id, Stage::Relationship, {}, next);
    ASSERT_TRUE(moved.ok()) << moved.error().message.toStdString();
    ASSERT_TRUE(db.service().deals().undoStep(deal.id, moved.value().step).ok());
    const ActivityId planned = db.service().deals().get(deal.id).value().nextActivity->id;
    ASSERT_TRUE(db.service().activities().complete(planned, std::nullopt, true).ok());
    Result<MoveOutcome> redone = db.service().deals().redoStep(deal.id, moved.value().step);
    ASSERT_FALSE(redone.ok());
    EXPECT_EQ(redone.error().unmet, std::vector<Requirement> {Requirement::Activity});
    EXPECT_EQ(db.service().deals().get(deal.id).value().stage, Stage::Contacting);
}

TEST(StageRules, WinningAsksNoNewActivityUnlessARuleAsksItToWin)
{
    StageRules rules = StageRules::builtIn();
    rules.set({Requirement::Activity, Stage::Relationship, RuleMoment::Enter});
    EXPECT_TRUE(rules.neededIn(Requirement::Activity, Stage::Closing));
    EXPECT_FALSE(rules.neededIn(Requirement::Activity, Stage::Retention));
    rules.set({Requirement::Activity, Stage::Retention, RuleMoment::Enter});
    EXPECT_TRUE(rules.neededIn(Requirement::Activity, Stage::Retention));
    EXPECT_FALSE(rules.neededIn(Requirement::Activity, Stage::Closing));

    TestDatabase db;
    db.create(QStringLiteral("Seed"));
    ASSERT_TRUE(
        db.service().reports().requireFact({Requirement::Activity, Stage::Relationship, RuleMoment::Enter}).ok());
    DealFields facts = TestDatabase::qualified();
    facts.valueMinor = 1000;
    facts.expectedClose = QDate(2027, 1, 31);
    const Deal closing = db.create(QStringLiteral("Closing"), Stage::Prospecting, facts);
    runRawSql(db.path(),
              {QStringLiteral("UPDATE deals SET stage = 'closing' WHERE id = %1").arg(closing.id),
               QStringLiteral("INSERT INTO stage_history (deal_id, from_stage, to_stage, from_status, "
                              "to_status, at, actor) VALUES (%1, 'prospecting', 'closing', 'open', 'open', "
                              "'2026-01-02T00:00:00.000Z', 'tester')")
                   .arg(closing.id)});
    Result<MoveOutcome> won = db.service().deals().win(closing.id);
    EXPECT_TRUE(won.ok()) << won.error().message.toStdString();
}

TEST(StageRules, TheColumnSaysWhatMovingOnAsks)
{
    StageRules rules = StageRules::builtIn();
    rules.set({Requirement::Activity, Stage::Relationship, RuleMoment::Leave});
    EXPECT_EQ(TransitionEngine::describeEntryRules(Stage::Qualifying, rules),
              QStringLiteral("To enter Qualifying: a title.\nTo move on to Contacting: willing to buy, proven need "
                             "and budget confirmed."));
    EXPECT_EQ(TransitionEngine::describeEntryRules(Stage::Relationship, rules),
              QStringLiteral("To enter Relationship Building: a title; willing to buy, proven need and budget "
                             "confirmed.\nTo move on to Negotiation: a deal value above zero; a next activity "
                             "planned."));
}

TEST(StageRules, ARowNoDealBoardWritesIsNotObeyedAndTheRightOnesStillChange)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a file past its own checks";
    }
    db.create(QStringLiteral("Seed"));
    db.close();
    runRawSql(db.path(),
              {QStringLiteral("PRAGMA ignore_check_constraints = 1"),
               QStringLiteral("INSERT INTO stage_rules VALUES ('activity', 'prospecting', 'enter')"),
               QStringLiteral("INSERT INTO stage_rules VALUES ('contact', 'retention', 'leave')"),
               QStringLiteral("INSERT INTO stage_rules VALUES ('value', 'limbo', 'enter')")});
    db.reopen();
    ASSERT_TRUE(db.isOpen());
    EXPECT_EQ(db.service().reports().stageRules().value(), StageRules::builtIn());
    EXPECT_TRUE(db.service().deals().create(DealFields::withTitle(QStringLiteral("Still possible"))).ok());
    EXPECT_TRUE(
        db.service().reports().requireFact({Requirement::CloseDate, Stage::Negotiation, RuleMoment::Enter}).ok());
    EXPECT_TRUE(
        db.service().reports().requireFact({Requirement::Activity, Stage::Prospecting, RuleMoment::Leave}).ok());
    EXPECT_EQ(db.service().reports().stageRules().value().ruleOf(Requirement::Activity),
              (StageRule {Requirement::Activity, Stage::Prospecting, RuleMoment::Leave}));
}

TEST(StageRules, ABoardOpenWhileANewerDealBoardUpdatesTheFileSaysSoAndAsksNothingRemoved)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a file's schema";
    }
    db.create(QStringLiteral("Seed"));
    runRawSql(db.path(),
              {QStringLiteral("CREATE TABLE stage_plans (stage TEXT)"),
               QStringLiteral("PRAGMA user_version = %1").arg(DealStore::SchemaVersion + 1)});
    Result<Deal> refused = db.service().deals().create(DealFields::withTitle(QStringLiteral("After")));
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("updated by a newer DealBoard")))
        << refused.error().message.toStdString();
    EXPECT_FALSE(refused.error().message.contains(QStringLiteral("sqlite3"))) << refused.error().message.toStdString();
}
