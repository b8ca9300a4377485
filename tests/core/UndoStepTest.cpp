// Undo that undoes, through the real service on a file and on a server: a
// move, win, lose or reopen taken back leaves the deal (its days in stage and
// rotting mark), the report and the forecast exactly as before the step,
// while the history keeps the step (marked undone) and the undo; the report's
// lost counts and lost reasons agree; notes come and go with undo; and a
// version 6 file gains the history's undo columns.
#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/Forecast.h"
#include "dealboard/Pipeline.h"
#include "dealboard/PipelineBackup.h"
#include "dealboard/PipelineReport.h"

#include <QJsonDocument>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

// Every fact a stage asks for, so that any move is allowed.
DealFields everyFact()
{
    DealFields fields = TestDatabase::qualified();
    fields.valueMinor = 1200000;
    fields.expectedClose = QDate(2026, 5, 20);
    fields.owner = QStringLiteral("anna");
    return fields;
}

// What the rep and the manager see: the report's every figure, the forecast.
struct Picture
{
    QByteArray report;
    QByteArray forecast;
    int lostInQualifying = 0;
    int reasonsInQualifying = 0;

    bool operator==(const Picture&) const = default;
};

Picture pictureOf(Pipeline& pipeline)
{
    Picture picture;
    Result<PipelineReport> report = pipeline.reports().report(ReportFilter());
    EXPECT_TRUE(report.ok());
    Result<Forecast> forecast = pipeline.reports().forecast(std::nullopt, 6);
    EXPECT_TRUE(forecast.ok());
    if (!report || !forecast) {
        return picture;
    }
    picture.report = PipelineReportFormat::json(report.value());
    picture.forecast = QJsonDocument(ForecastFormat::json(forecast.value())).toJson();
    const StageFigures& qualifying = report.value().stages[stageIndex(Stage::Qualifying)];
    picture.lostInQualifying = qualifying.lost;
    for (const auto& [reason, count] : qualifying.lostReasons) {
        picture.reasonsInQualifying += count;
    }
    return picture;
}

ActionOptions by(const QString& actor)
{
    return {std::nullopt, actor};
}

} // namespace

TEST(UndoStep, AnUndoneMoveLeavesDaysInStageRottingReportAndForecastAsBefore)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Acme renewal"), Stage::Prospecting, everyFact());
    ASSERT_TRUE(db.service().deals().move(deal.id, Stage::Qualifying, by(QStringLiteral("anna"))).ok());
    db.clock().advanceSeconds(18 * 86400);
    const Deal before = db.service().deals().get(deal.id).value();
    ASSERT_EQ(before.daysInStage(db.service().now()), 18);
    const bool rotting = before.isRotting(db.service().now());
    EXPECT_TRUE(rotting); // Qualifying rots after 14 days
    const Picture picture = pictureOf(db.service());

    Result<MoveOutcome> moved = db.service().deals().move(deal.id, Stage::Contacting, by(QStringLiteral("anna")));
    ASSERT_TRUE(moved.ok()) << moved.error().message.toStdString();
    ASSERT_GT(moved.value().step, 0);
    EXPECT_EQ(moved.value().deal.daysInStage(db.service().now()), 0);
    Result<MoveOutcome> undone = db.service().deals().undoStep(deal.id, moved.value().step, by(QStringLiteral("anna")));
    ASSERT_TRUE(undone.ok()) << undone.error().message.toStdString();

    const Deal after = db.service().deals().get(deal.id).value();
    EXPECT_EQ(after.stage, Stage::Qualifying);
    EXPECT_EQ(after.status, DealStatus::Open);
    EXPECT_EQ(after.stageEnteredAt, before.stageEnteredAt);
    EXPECT_EQ(after.daysInStage(db.service().now()), 18);
    EXPECT_EQ(after.isRotting(db.service().now()), rotting);
    EXPECT_EQ(pictureOf(db.service()), picture);

    // The history keeps both: the step, marked undone, and the undo.
    const std::vector<HistoryEntry> history = db.service().deals().history(deal.id).value();
    ASSERT_EQ(history.size(), 4u);
    EXPECT_EQ(history[2].id, moved.value().step);
    EXPECT_TRUE(history[2].undone);
    EXPECT_EQ(history[2].toStage, Stage::Contacting);
    EXPECT_EQ(history[3].undoes, moved.value().step);
    EXPECT_EQ(history[3].fromStage, Stage::Contacting);
    EXPECT_EQ(history[3].toStage, Stage::Qualifying);
    EXPECT_FALSE(history[1].undone);
}

TEST(UndoStep, AnUndoneMarkLostCountsNowhereAndTheTableAndReasonsAgree)
{
    TestDatabase db;
    std::vector<Deal> deals;
    for (int i = 0; i < 6; ++i) {
        const Deal deal = db.create(QStringLiteral("Lead %1").arg(i), Stage::Prospecting, everyFact());
        ASSERT_TRUE(db.service().deals().move(deal.id, Stage::Qualifying, by(QStringLiteral("anna"))).ok());
        deals.push_back(deal);
    }
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(
            db.service().deals().lose(deals[i].id, QStringLiteral("No budget"), by(QStringLiteral("anna"))).ok());
    }
    db.clock().advanceSeconds(25 * 86400);
    const Deal before = db.service().deals().get(deals[5].id).value();
    const Picture picture = pictureOf(db.service());
    EXPECT_EQ(picture.lostInQualifying, 5);
    EXPECT_EQ(picture.reasonsInQualifying, 5);

    Result<MoveOutcome> lost
        = db.service().deals().lose(deals[5].id, QStringLiteral("Went silent"), by(QStringLiteral("anna")));
    ASSERT_TRUE(lost.ok());
    EXPECT_EQ(pictureOf(db.service()).lostInQualifying, 6);
    ASSERT_TRUE(db.service().deals().undoStep(deals[5].id, lost.value().step, by(QStringLiteral("anna"))).ok());

    const Deal after = db.service().deals().get(deals[5].id).value();
    EXPECT_EQ(after.status, DealStatus::Open);
    EXPECT_EQ(after.lostReason, QString());
    EXPECT_EQ(after.stageEnteredAt, before.stageEnteredAt);
    EXPECT_EQ(after.daysInStage(db.service().now()), 25);
    EXPECT_TRUE(after.isRotting(db.service().now()));
    const Picture now = pictureOf(db.service());
    EXPECT_EQ(now.lostInQualifying, 5);
    EXPECT_EQ(now.reasonsInQualifying, 5);
    EXPECT_EQ(now, picture);
}

TEST(UndoStep, AnUndoneReopenIsLostAgainWithItsReasonAndAnUndoneWinIsNotWon)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Globex"), Stage::Prospecting, everyFact());
    ASSERT_TRUE(db.service().deals().move(deal.id, Stage::Closing, by(QStringLiteral("anna"))).ok());
    db.clock().advanceSeconds(9 * 86400);
    ASSERT_TRUE(db.service().deals().lose(deal.id, QStringLiteral("Price too high"), by(QStringLiteral("anna"))).ok());
    db.clock().advanceSeconds(86400);
    const Deal lost = db.service().deals().get(deal.id).value();
    const Picture whileLost = pictureOf(db.service());

    Result<MoveOutcome> reopened = db.service().deals().reopen(deal.id, by(QStringLiteral("anna")));
    ASSERT_TRUE(reopened.ok());
    ASSERT_TRUE(db.service().deals().undoStep(deal.id, reopened.value().step, by(QStringLiteral("anna"))).ok());
    Deal after = db.service().deals().get(deal.id).value();
    EXPECT_EQ(after.status, DealStatus::Lost);
    EXPECT_EQ(after.lostReason, QStringLiteral("Price too high"));
    EXPECT_EQ(after.stageEnteredAt, lost.stageEnteredAt);
    EXPECT_EQ(pictureOf(db.service()), whileLost);

    // Reopened for real, then won and the win undone: open in Closing since
    // the reopening, and the forecast counts no win.
    Result<MoveOutcome> again = db.service().deals().reopen(deal.id, by(QStringLiteral("anna")));
    ASSERT_TRUE(again.ok());
    db.clock().advanceSeconds(86400);
    const Deal open = db.service().deals().get(deal.id).value();
    const Picture whileOpen = pictureOf(db.service());
    Result<MoveOutcome> won = db.service().deals().win(deal.id, by(QStringLiteral("anna")));
    ASSERT_TRUE(won.ok());
    EXPECT_NE(pictureOf(db.service()).forecast, whileOpen.forecast);
    ASSERT_TRUE(db.service().deals().undoStep(deal.id, won.value().step, by(QStringLiteral("anna"))).ok());
    after = db.service().deals().get(deal.id).value();
    EXPECT_EQ(after.stage, Stage::Closing);
    EXPECT_EQ(after.status, DealStatus::Open);
    EXPECT_EQ(after.stageEnteredAt, open.stageEnteredAt);
    EXPECT_EQ(pictureOf(db.service()), whileOpen);
}

TEST(UndoStep, OnlyTheLatestStandingStepIsUndoneAndOnlyOnce)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Initech"), Stage::Prospecting, everyFact());
    Result<MoveOutcome> first = db.service().deals().move(deal.id, Stage::Qualifying, by(QStringLiteral("anna")));
    db.clock().advanceSeconds(86400);
    Result<MoveOutcome> second = db.service().deals().move(deal.id, Stage::Contacting, by(QStringLiteral("anna")));
    ASSERT_TRUE(first.ok() && second.ok());

    Result<MoveOutcome> early = db.service().deals().undoStep(deal.id, first.value().step, by(QStringLiteral("anna")));
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, ErrorCode::RefusedByRules);
    EXPECT_TRUE(early.error().message.contains(QStringLiteral("changed stage or status since")))
        << early.error().message.toStdString();
    EXPECT_EQ(db.service().deals().get(deal.id).value().stage, Stage::Contacting);

    ASSERT_TRUE(db.service().deals().undoStep(deal.id, second.value().step, by(QStringLiteral("anna"))).ok());
    Result<MoveOutcome> twice = db.service().deals().undoStep(deal.id, second.value().step, by(QStringLiteral("anna")));
    ASSERT_FALSE(twice.ok());
    EXPECT_TRUE(twice.error().message.contains(QStringLiteral("undone already")))
        << twice.error().message.toStdString();

    // Now the first step is the latest standing one: undone, the deal is as created.
    ASSERT_TRUE(db.service().deals().undoStep(deal.id, first.value().step, by(QStringLiteral("anna"))).ok());
    const Deal after = db.service().deals().get(deal.id).value();
    EXPECT_EQ(after.stage, Stage::Prospecting);
    EXPECT_EQ(after.stageEnteredAt, deal.stageEnteredAt);

    // The creation is no step to undo.
    const std::int64_t creation = db.service().deals().history(deal.id).value().front().id;
    Result<MoveOutcome> created = db.service().deals().undoStep(deal.id, creation, by(QStringLiteral("anna")));
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code, ErrorCode::NotFound);
}

TEST(UndoStep, ANoteDeletedComesBackWithItsIdAuthorAndTime)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Acme renewal"));
    Result<Note> added = db.service().notes().add(deal.id, QStringLiteral("Called Bob."), QStringLiteral("anna"));
    ASSERT_TRUE(added.ok());
    db.clock().advanceSeconds(3600);
    Result<Note> removed = db.service().notes().remove(added.value().id);
    ASSERT_TRUE(removed.ok()) << removed.error().message.toStdString();
    EXPECT_TRUE(db.service().notes().list(deal.id).value().empty());
    ASSERT_TRUE(db.service().notes().restore(removed.value()).ok());
    const std::vector<Note> notes = db.service().notes().list(deal.id).value();
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].id, added.value().id);
    EXPECT_EQ(notes[0].author, added.value().author);
    EXPECT_EQ(notes[0].createdAt, added.value().createdAt);
    EXPECT_EQ(notes[0].text, QStringLiteral("Called Bob."));
    EXPECT_FALSE(db.service().notes().restore(removed.value()).ok()); // not twice
    Result<Note> missing = db.service().notes().remove(added.value().id + 100);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

// A redo takes the undone step again as it was: the deal, its days in
// stage, its rotting mark, the report and the forecast are as right after the
// step, as if the undo never happened; the history and the change log keep
// the step, its undo and the redo; it is undone and redone again.
TEST(UndoStep, ARedoIsTheDealAsRightAfterTheStepNotTheStepTakenAgain)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Acme renewal"), Stage::Prospecting, everyFact());
    const Deal other = db.create(QStringLiteral("Globex pilot"), Stage::Prospecting, everyFact());
    ASSERT_TRUE(db.service().deals().move(deal.id, Stage::Qualifying, by(QStringLiteral("anna"))).ok());
    Result<MoveOutcome> moved = db.service().deals().move(deal.id, Stage::Contacting, by(QStringLiteral("anna")));
    ASSERT_TRUE(moved.ok());
    Result<MoveOutcome> lost
        = db.service().deals().lose(other.id, QStringLiteral("No budget"), by(QStringLiteral("anna")));
    ASSERT_TRUE(lost.ok());
    db.clock().advanceSeconds(20 * 86400);
    const Deal after = db.service().deals().get(deal.id).value();
    ASSERT_EQ(after.daysInStage(db.service().now()), 20);
    const bool rotting = after.isRotting(db.service().now());
    EXPECT_TRUE(rotting); // Contacting rots after 14 days
    const Deal afterLost = db.service().deals().get(other.id).value();
    const Picture picture = pictureOf(db.service());
    ChangeQuery everything;
    const std::size_t logged = db.service().reads().changes(everything).value().size();

    for (int round = 0; round < 2; ++round) {
        ASSERT_TRUE(db.service().deals().undoStep(deal.id, moved.value().step, by(QStringLiteral("anna"))).ok());
        ASSERT_TRUE(db.service().deals().undoStep(other.id, lost.value().step, by(QStringLiteral("anna"))).ok());
        EXPECT_NE(pictureOf(db.service()), picture);
        Result<MoveOutcome> redone
            = db.service().deals().redoStep(deal.id, moved.value().step, by(QStringLiteral("anna")));
        ASSERT_TRUE(redone.ok()) << redone.error().message.toStdString();
        EXPECT_EQ(redone.value().step, moved.value().step);
        ASSERT_TRUE(db.service().deals().redoStep(other.id, lost.value().step, by(QStringLiteral("anna"))).ok());

        const Deal again = db.service().deals().get(deal.id).value();
        EXPECT_EQ(again.stage, Stage::Contacting);
        EXPECT_EQ(again.stageEnteredAt, after.stageEnteredAt);
        EXPECT_EQ(again.daysInStage(db.service().now()), 20);
        EXPECT_EQ(again.isRotting(db.service().now()), rotting);
        const Deal lostAgain = db.service().deals().get(other.id).value();
        EXPECT_EQ(lostAgain.status, DealStatus::Lost);
        EXPECT_EQ(lostAgain.lostReason, QStringLiteral("No budget"));
        EXPECT_EQ(lostAgain.stageEnteredAt, afterLost.stageEnteredAt);
        EXPECT_EQ(pictureOf(db.service()), picture);
    }
    // A win undone and redone is won again, in Customer Retention since the win.
    const Deal third = db.create(QStringLiteral("Initech deal"), Stage::Prospecting, everyFact());
    ASSERT_TRUE(db.service().deals().move(third.id, Stage::Closing, by(QStringLiteral("anna"))).ok());
    Result<MoveOutcome> won = db.service().deals().win(third.id, by(QStringLiteral("anna")));
    ASSERT_TRUE(won.ok()) << won.error().message.toStdString();
    const Deal wonDeal = db.service().deals().get(third.id).value();
    db.clock().advanceSeconds(86400);
    ASSERT_TRUE(db.service().deals().undoStep(third.id, won.value().step, by(QStringLiteral("anna"))).ok());
    Result<MoveOutcome> rewon = db.service().deals().redoStep(third.id, won.value().step, by(QStringLiteral("anna")));
    ASSERT_TRUE(rewon.ok()) << rewon.error().message.toStdString();
    EXPECT_EQ(rewon.value().deal.status, DealStatus::Won);
    EXPECT_EQ(rewon.value().deal.stage, Stage::Retention);
    EXPECT_EQ(rewon.value().deal.stageEnteredAt, wonDeal.stageEnteredAt);

    // Not twice, and not a step that stands.
    Result<MoveOutcome> refused
        = db.service().deals().redoStep(deal.id, moved.value().step, by(QStringLiteral("anna")));
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("not undone")))
        << refused.error().message.toStdString();

    // Each step, undo and redo is in the history and the change log.
    const std::vector<HistoryEntry> history = db.service().deals().history(deal.id).value();
    ASSERT_EQ(history.size(), 7u);
    EXPECT_FALSE(history[2].undone);
    EXPECT_EQ(history[3].undoes, history[2].id);
    EXPECT_EQ(history[4].undoes, history[3].id);
    EXPECT_EQ(history[5].undoes, history[2].id);
    EXPECT_EQ(history[6].undoes, history[5].id);
    EXPECT_GE(db.service().reads().changes(everything).value().size(), logged + 8); // the deal, each time
}

// A step an older DealBoard recorded (before file schema 7, server schema
// 8) does not say when the deal had entered the stage it left: its undo is
// refused saying so, and what the rep can do, never that the deal changed.
TEST(UndoStep, AStepRecordedBeforeUndoCouldRestoreItSaysSoAndWhatToDo)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Acme renewal"), Stage::Prospecting, everyFact());
    Result<MoveOutcome> moved = db.service().deals().move(deal.id, Stage::Qualifying, by(QStringLiteral("anna")));
    ASSERT_TRUE(moved.ok());
    const Deal other = db.create(QStringLiteral("Globex pilot"), Stage::Prospecting, everyFact());
    Result<MoveOutcome> lost
        = db.service().deals().lose(other.id, QStringLiteral("No budget"), by(QStringLiteral("anna")));
    ASSERT_TRUE(lost.ok());
    db.close();
    runRawSql(db.path(), {QStringLiteral("UPDATE stage_history SET entered_before = NULL, reason_before = NULL")});
    db.reopen();
    ASSERT_TRUE(db.isOpen());

    Result<MoveOutcome> refused
        = db.service().deals().undoStep(deal.id, moved.value().step, by(QStringLiteral("anna")));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().message,
              QStringLiteral("Can't undo that step of 'Acme renewal': it was recorded before undo could restore a "
                             "deal exactly. Move it back to Prospecting by hand (its days in stage start again)."));
    refused = db.service().deals().undoStep(other.id, lost.value().step, by(QStringLiteral("anna")));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().message,
              QStringLiteral("Can't undo that step of 'Globex pilot': it was recorded before undo could restore a "
                             "deal exactly. Reopen it by hand (its days in stage start again)."));
    EXPECT_EQ(db.service().deals().get(deal.id).value().stage, Stage::Qualifying);
}

TEST(UndoStep, AVersionSixFileGainsTheUndoColumnsWhenOpened)
{
    DEALBOARD_FILE_ONLY("a file migrated when opened; a server's migrate is tested in TeamCliTest");
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("From version 6"), Stage::Prospecting, everyFact());
    ASSERT_TRUE(db.service().deals().move(deal.id, Stage::Qualifying, by(QStringLiteral("anna"))).ok());
    db.close();
    runRawSql(db.path(), backBeforeUndo(false) + QStringList {QStringLiteral("PRAGMA user_version = 6")});
    db.reopen();
    ASSERT_TRUE(db.isOpen());
    const QStringList backups = PipelineBackup::automaticBackups(db.path());
    ASSERT_EQ(backups.size(), 1);
    EXPECT_TRUE(backups.front().contains(QStringLiteral(".schema6-"))) << backups.front().toStdString();
    // A step from before the upgrade keeps no stage-entered time: it is not undone.
    const std::int64_t old = db.service().deals().history(deal.id).value().back().id;
    EXPECT_FALSE(db.service().deals().undoStep(deal.id, old, by(QStringLiteral("anna"))).ok());
    db.clock().advanceSeconds(86400);
    Result<MoveOutcome> moved = db.service().deals().move(deal.id, Stage::Contacting, by(QStringLiteral("anna")));
    ASSERT_TRUE(moved.ok());
    ASSERT_TRUE(db.service().deals().undoStep(deal.id, moved.value().step, by(QStringLiteral("anna"))).ok());
    EXPECT_EQ(db.service().deals().get(deal.id).value().stage, Stage::Qualifying);
    EXPECT_EQ(db.service().check().value().faults, QStringList());
}
