// A sales plan per stage (StagePlan): the engine's reading of required steps,
// and on both backends the plans a manager writes, the ticks a rep sets, the
// moves they hold, the change log, an older file's upgrade and the tables'
// own checks.
#include "dealboard/StagePlan.h"

#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/TransitionEngine.h"

#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

bool has(const std::vector<Requirement>& unmet, Requirement requirement)
{
    return std::find(unmet.begin(), unmet.end(), requirement) != unmet.end();
}

PlanStep added(TestDatabase& db, Stage stage, const QString& text, bool required = false)
{
    ReportService& reports = db.service().reports();
    const StagePlan before = reports.stagePlan().value();
    Result<StagePlan> after = reports.setStagePlan(before.withStep(stage, text, required), before);
    EXPECT_TRUE(after.ok()) << after.error().message.toStdString();
    return after.ok() ? after.value().stepsOf(stage).back() : PlanStep {};
}

} // namespace

TEST(StagePlan, AMoveAsksTheRequiredStepsOfTheStagesItLeavesOrJumpsAndTheRefusalNamesThem)
{
    StagePlan plan;
    plan.setSteps({{11, Stage::Contacting, 2, QStringLiteral("Book a demo"), true},
                   {10, Stage::Contacting, 1, QStringLiteral("Send the deck"), false},
                   {12, Stage::Negotiation, 1, QStringLiteral("Send the proposal"), true}});
    EXPECT_EQ(plan.step(Stage::Contacting, 1)->id, 10);
    EXPECT_EQ(plan.numberOf(11), 2);
    EXPECT_FALSE(plan.step(Stage::Contacting, 3));
    EXPECT_TRUE(plan.untickedBetween(Stage::Prospecting, Stage::Contacting, {}).empty());
    EXPECT_EQ(plan.untickedBetween(Stage::Contacting, Stage::Relationship, {}).size(), 1u);
    EXPECT_EQ(plan.untickedBetween(Stage::Qualifying, Stage::Retention, {}).size(), 2u);
    // A deal that comes in after a stage is not sent back to its steps.
    EXPECT_EQ(plan.untickedBetween(Stage::Relationship, Stage::Retention, {}).size(), 1u);
    EXPECT_TRUE(plan.untickedBetween(Stage::Closing, Stage::Contacting, {}).empty());
    EXPECT_EQ(plan.countOf(Stage::Contacting), 2);

    StageRules rules = StageRules::none();
    rules.setPlan(plan);
    Deal deal;
    deal.title = QStringLiteral("Acme");
    deal.qualification = {true, true, true};
    deal.stage = Stage::Contacting;
    // Moving on, and jumping past, both ask for the step.
    for (Stage target : {Stage::Relationship, Stage::Negotiation}) {
        const TransitionVerdict verdict = TransitionEngine::check(deal, target, rules);
        EXPECT_TRUE(has(verdict.unmet, Requirement::Plan)) << stageSlug(target).toStdString();
    }
    const QString message = TransitionEngine::refusalMessage(
        deal, Stage::Relationship, TransitionEngine::check(deal, Stage::Relationship, rules).unmet, rules);
    EXPECT_TRUE(message.contains(QStringLiteral("Contacting's plan not ticked: step 2 'Book a demo'")))
        << message.toStdString();
    // Staying, going back, and being created or edited ask nothing of it.
    EXPECT_FALSE(has(TransitionEngine::check(deal, Stage::Qualifying, rules).unmet, Requirement::Plan));
    EXPECT_FALSE(has(TransitionEngine::unmetToEnter(deal, Stage::Closing, rules), Requirement::Plan));
    deal.stage = Stage::Closing;
    EXPECT_FALSE(has(TransitionEngine::unmetInCurrentStage(deal, rules), Requirement::Plan));
    deal.stage = Stage::Relationship; // created there: Contacting's step is not its to tick
    EXPECT_FALSE(has(TransitionEngine::check(deal, Stage::Negotiation, rules).unmet, Requirement::Plan));
    // Ticked, the move goes.
    deal.stage = Stage::Contacting;
    deal.planTicks = {11};
    EXPECT_TRUE(TransitionEngine::check(deal, Stage::Negotiation, rules).allowed());
    EXPECT_FALSE(TransitionEngine::check(deal, Stage::Closing, rules).allowed());
    EXPECT_TRUE(TransitionEngine::describeEntryRules(Stage::Contacting, rules)
                    .contains(QStringLiteral("To move on to Relationship Building: 'Book a demo' ticked")));
    EXPECT_TRUE(TransitionEngine::describeEntryRules(Stage::Negotiation, rules)
                    .contains(QStringLiteral("'Send the proposal' ticked")));
}

TEST(StagePlan, WhatAStepMayNotBeSaysWhy)
{
    EXPECT_TRUE(StagePlan::whyNot(Stage::Contacting, QStringLiteral("  "), false).contains(u"a few words"));
    EXPECT_TRUE(StagePlan::whyNot(Stage::Contacting, QString(201, QLatin1Char('x')), false).contains(u"at most 200"));
    EXPECT_TRUE(
        StagePlan::whyNot(Stage::Contacting, QStringLiteral("Turn\u202Eed"), false).contains(QStringLiteral("U+202E")));
    EXPECT_TRUE(StagePlan::whyNot(Stage::Retention, QStringLiteral("Thank them"), true).contains(u"No deal leaves"));
    EXPECT_TRUE(StagePlan::whyNot(Stage::Retention, QStringLiteral("Thank them"), false).isEmpty());
}

TEST(StagePlan, AManagersPlanIsStoredLoggedAndItsUndoIsStaleCheckedAndBringsARemovedStepBack)
{
    TestDatabase db;
    db.create(QStringLiteral("Seed"));
    ReportService& reports = db.service().reports();
    EXPECT_TRUE(reports.stagePlan().value().steps().empty());
    const PlanStep deck = added(db, Stage::Contacting, QStringLiteral("  Send the deck  "), true);
    const PlanStep demo = added(db, Stage::Contacting, QStringLiteral("Book a demo"));
    EXPECT_EQ(deck.text, QStringLiteral("Send the deck"));
    db.reopen(); // stored, not remembered
    const StagePlan stored = db.service().reports().stagePlan().value();
    ASSERT_EQ(stored.stepsOf(Stage::Contacting).size(), 2u);
    EXPECT_EQ(stored.step(Stage::Contacting, 2)->text, QStringLiteral("Book a demo"));
    EXPECT_TRUE(db.service().reports().stageRules().value().plan() == stored);

    // Refused as a whole: a required step where no deal leaves, 21 steps.
    Result<StagePlan> retention
        = db.service().reports().setStagePlan(stored.withStep(Stage::Retention, QStringLiteral("Thank"), true), stored);
    ASSERT_FALSE(retention.ok());
    EXPECT_EQ(retention.error().code, ErrorCode::InvalidInput);
    StagePlan crowded = stored;
    for (int i = 0; i < StagePlan::MaxStepsPerStage - 1; ++i) {
        crowded = crowded.withStep(Stage::Contacting, QStringLiteral("Step %1").arg(i));
    }
    Result<StagePlan> tooMany = db.service().reports().setStagePlan(crowded, stored);
    ASSERT_FALSE(tooMany.ok());
    EXPECT_TRUE(tooMany.error().message.contains(QStringLiteral("at most 20")))
        << tooMany.error().message.toStdString();
    EXPECT_EQ(db.service().reports().stagePlan().value(), stored);
    // Two editors with one place left each: the second is refused, counted
    // as stored, not as it read.
    StagePlan nineteen = stored;
    for (int i = 0; i < StagePlan::MaxStepsPerStage - 3; ++i) {
        nineteen = nineteen.withStep(Stage::Contacting, QStringLiteral("Step %1").arg(i));
    }
    nineteen = db.service().reports().setStagePlan(nineteen, stored).value();
    ASSERT_EQ(nineteen.countOf(Stage::Contacting), StagePlan::MaxStepsPerStage - 1);
    ASSERT_TRUE(db.service()
                    .reports()
                    .setStagePlan(nineteen.withStep(Stage::Contacting, QStringLiteral("First")), nineteen)
                    .ok());
    Result<StagePlan> second
        = db.service().reports().setStagePlan(nineteen.withStep(Stage::Contacting, QStringLiteral("Second")), nineteen);
    ASSERT_FALSE(second.ok());
    EXPECT_TRUE(second.error().message.contains(QStringLiteral("would hold 21")))
        << second.error().message.toStdString();
    const StagePlan twenty = db.service().reports().stagePlan().value();
    ASSERT_TRUE(db.service().reports().setStagePlan(stored, twenty).ok()); // and back to two

    // A deal ticks the deck; the manager removes it; the undo brings both back.
    const DealId id = db.create(QStringLiteral("Acme"), Stage::Contacting, TestDatabase::qualified()).id;
    ASSERT_TRUE(db.service().deals().tickPlanStep(id, deck.id, true).value());
    StagePlan without = stored;
    without.setSteps({*stored.stepById(demo.id)});
    ASSERT_TRUE(db.service().reports().setStagePlan(without, stored).ok());
    EXPECT_FALSE(db.service().reports().stagePlan().value().stepById(deck.id));
    EXPECT_TRUE(db.service().deals().move(id, Stage::Relationship).ok()); // no step asks it any more
    ASSERT_TRUE(db.service().deals().move(id, Stage::Contacting).ok());
    ASSERT_TRUE(db.service().reports().setStagePlan(stored, without).ok());
    EXPECT_EQ(db.service().reports().stagePlan().value(), stored);
    EXPECT_EQ(db.service().deals().get(id).value().planTicks, std::vector<std::int64_t> {deck.id});

    // Stale: another manager changed the step meanwhile.
    StagePlan renamed = stored;
    std::vector<PlanStep> steps = stored.steps();
    steps.front().text = QStringLiteral("Send the new deck");
    renamed.setSteps(steps);
    ASSERT_TRUE(db.service().reports().setStagePlan(renamed, stored).ok());
    StagePlan mine = stored;
    steps.front().text = QStringLiteral("Mail the deck");
    mine.setSteps(steps);
    Result<StagePlan> stale = db.service().reports().setStagePlan(mine, stored);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::StaleVersion);
    EXPECT_TRUE(stale.error().message.contains(QStringLiteral("'Send the deck'")))
        << stale.error().message.toStdString();

    ChangeQuery query;
    query.tables = {QStringLiteral("stage_plan")};
    // Two added, 17 + 1 added and removed, one removed, one brought back, one renamed.
    EXPECT_EQ(db.service().reads().changes(query).value().size(), 2u + 36u + 3u);
    query.tables = {QStringLiteral("plan_ticks")};
    EXPECT_EQ(db.service().reads().changes(query).value().size(), 1u);
}

TEST(StagePlan, AMoveWaitsForTheRequiredStepAndSaveAndMoveTicksItInOneStep)
{
    TestDatabase db;
    db.create(QStringLiteral("Seed"));
    const PlanStep deck = added(db, Stage::Contacting, QStringLiteral("Send the deck"), true);
    const PlanStep demo = added(db, Stage::Contacting, QStringLiteral("Book a demo"));
    const DealId id = db.create(QStringLiteral("Acme"), Stage::Contacting, TestDatabase::qualified()).id;

    Result<MoveOutcome> refused = db.service().deals().move(id, Stage::Negotiation);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::RefusedByRules);
    EXPECT_TRUE(has(refused.error().unmet, Requirement::Plan));
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("step 1 'Send the deck'")))
        << refused.error().message.toStdString();
    EXPECT_FALSE(refused.error().message.contains(QStringLiteral("Book a demo")));

    // The refusal form's answer: the tick and the move, one transaction.
    DealFields facts;
    facts.tickSteps = {deck.id};
    facts.valueMinor = 50000;
    Result<MoveOutcome> moved = db.service().deals().move(id, Stage::Negotiation, {}, facts);
    ASSERT_TRUE(moved.ok()) << moved.error().message.toStdString();
    Deal deal = db.service().deals().get(id).value();
    EXPECT_EQ(deal.stage, Stage::Negotiation);
    EXPECT_EQ(deal.planTicks, std::vector<std::int64_t> {deck.id});

    // Past Contacting, the required tick stays; the other may go.
    ASSERT_TRUE(db.service().deals().tickPlanStep(id, demo.id, true).value());
    Result<bool> untick = db.service().deals().tickPlanStep(id, deck.id, false);
    ASSERT_FALSE(untick.ok());
    EXPECT_TRUE(untick.error().message.contains(QStringLiteral("required to leave Contacting")))
        << untick.error().message.toStdString();
    EXPECT_TRUE(db.service().deals().tickPlanStep(id, demo.id, false).value());
    EXPECT_FALSE(db.service().deals().tickPlanStep(id, demo.id, false).value()); // as asked already

    // The undo of the move asks nothing of the plan; back in Contacting the
    // tick may go, and then the move is refused again.
    ASSERT_TRUE(db.service().deals().undoStep(id, moved.value().step).ok());
    EXPECT_TRUE(db.service().deals().tickPlanStep(id, deck.id, false).value());
    EXPECT_FALSE(db.service().deals().move(id, Stage::Relationship).ok());
    // Its redo is a move again: the step unticked since is asked.
    Result<MoveOutcome> redone = db.service().deals().redoStep(id, moved.value().step);
    ASSERT_FALSE(redone.ok());
    EXPECT_TRUE(has(redone.error().unmet, Requirement::Plan));
    EXPECT_TRUE(redone.error().message.contains(QStringLiteral("'Send the deck'")))
        << redone.error().message.toStdString();
    EXPECT_EQ(db.service().deals().get(id).value().stage, Stage::Contacting);
    // So is the undo of a move back: it moves the deal on again.
    DealFields ticked;
    ticked.tickSteps = {deck.id};
    Result<MoveOutcome> on = db.service().deals().move(id, Stage::Relationship, {}, ticked);
    ASSERT_TRUE(on.ok()) << on.error().message.toStdString();
    Result<MoveOutcome> back = db.service().deals().move(id, Stage::Contacting);
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(db.service().deals().tickPlanStep(id, deck.id, false).value());
    EXPECT_FALSE(db.service().deals().undoStep(id, back.value().step).ok());
    EXPECT_EQ(db.service().deals().get(id).value().stage, Stage::Contacting);

    // A lost deal's required tick may be taken back; a removed step can't be ticked.
    const DealId other = db.create(QStringLiteral("Other"), Stage::Relationship, TestDatabase::qualified()).id;
    EXPECT_TRUE(db.service().deals().tickPlanStep(other, deck.id, true).value());
    ASSERT_TRUE(db.service().deals().lose(other, QStringLiteral("No budget after all")).ok());
    EXPECT_TRUE(db.service().deals().tickPlanStep(other, deck.id, false).value());
    const StagePlan before = db.service().reports().stagePlan().value();
    StagePlan without;
    without.setSteps({*before.stepById(deck.id)});
    ASSERT_TRUE(db.service().reports().setStagePlan(without, before).ok());
    Result<bool> gone = db.service().deals().tickPlanStep(id, demo.id, true);
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.error().code, ErrorCode::InvalidInput);
    DealFields ticks;
    ticks.tickSteps = {demo.id};
    EXPECT_FALSE(db.service().deals().move(id, Stage::Relationship, {}, ticks).ok());
    EXPECT_EQ(db.service().deals().get(id).value().stage, Stage::Contacting);
}

TEST(StagePlan, AVersionThirteenFileGainsThePlansAndTheTablesRefuseWhatTheServiceRefuses)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a file's schema";
    }
    db.create(QStringLiteral("Kept"));
    db.close();
    runRawSql(db.path(), backBeforeStagePlan(false) << QStringLiteral("PRAGMA user_version = 13"));
    db.reopen();
    ASSERT_TRUE(db.isOpen());
    EXPECT_TRUE(db.service().reports().stagePlan().value().steps().empty());
    const PlanStep deck = added(db, Stage::Contacting, QStringLiteral("Send the deck"), true);
    EXPECT_GT(deck.id, 0);
    db.close();
    for (const char* impossible : {"('retention', 1, 'Thank them', 1, 0)", "('contacting', 2, '   ', 0, 0)",
                                   "('limbo', 2, 'Lost stage', 0, 0)", "('contacting', 2, 'Flag', 2, 0)"}) {
        EXPECT_FALSE(runRawSqlOk(db.path(),
                                 {QStringLiteral("INSERT INTO stage_plan (stage, position, text, required, removed) "
                                                 "VALUES %1")
                                      .arg(QLatin1String(impossible))}))
            << impossible;
    }
    EXPECT_FALSE(runRawSqlOk(db.path(), {QStringLiteral("INSERT INTO plan_ticks VALUES (1, 1, 2, '2026-01-01')")}));
}
