// The stages' plans on the board: a manager writes them in the editor as one
// undo step, the details pane shows the deal's stage's steps with a tick
// each (undoable), and a move past a required step asks for its tick in the
// refusal form, saved with the move.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"
#include "board/DealPane.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

TEST(StagePlanBoard, AManagersPlansAreOneUndoStepAndEnterAddsAStepWithoutSaving)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Acme renewal"), Stage::Contacting, TestDatabase::qualified());
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    window.selectDeal(deal.id);

    bool answered = false;
    answerNextDialog(
        [&](QWidget* dialog) {
            answered = true;
            auto* stage = dialog->findChild<QComboBox*>(QStringLiteral("stageCombo"));
            auto* list = dialog->findChild<QListWidget*>(QStringLiteral("stepList"));
            auto* typed = dialog->findChild<QLineEdit*>(QStringLiteral("newStepEdit"));
            ASSERT_NE(list, nullptr);
            // It opens on the selected deal's stage.
            EXPECT_EQ(stage->currentText(), QStringLiteral("Contacting"));
            for (const char* step : {"Send the deck", "Book a demo"}) {
                typed->setFocus();
                QTest::keyClicks(typed, QString::fromLatin1(step));
                QTest::keyClick(typed, Qt::Key_Return); // adds, does not save
            }
            ASSERT_TRUE(dialog->isVisible());
            ASSERT_EQ(list->count(), 2);
            list->item(0)->setCheckState(Qt::Checked);
            list->setCurrentRow(1);
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("stepUpButton")), Qt::LeftButton);
            // Another stage's steps are kept while it is not shown.
            stage->setCurrentIndex(stage->findText(QStringLiteral("Negotiation")));
            EXPECT_EQ(list->count(), 0);
            QTest::keyClicks(typed, QStringLiteral("Send the proposal"));
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("addStepButton")), Qt::LeftButton);
            stage->setCurrentIndex(stage->findText(QStringLiteral("Contacting")));
            EXPECT_EQ(list->item(0)->text(), QStringLiteral("Book a demo"));
            // What the service would refuse is said, and nothing typed is lost.
            list->item(0)->setText(QStringLiteral("Book a ") + QChar(0x202E) + QStringLiteral("demo"));
            bool warned = false;
            answerNextDialog(
                [&](QWidget* box) {
                    warned = true;
                    QMetaObject::invokeMethod(box, "accept", Qt::QueuedConnection);
                },
                QStringLiteral("stagePlanProblem"));
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("okButton")), Qt::LeftButton);
            EXPECT_TRUE(warned);
            ASSERT_TRUE(dialog->isVisible());
            EXPECT_EQ(list->count(), 2);
            list->item(0)->setText(QStringLiteral("Book a demo"));
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("okButton")), Qt::LeftButton);
        },
        QStringLiteral("stagePlanDialog"));
    window.findChild<QAction*>(QStringLiteral("stagePlansAction"))->trigger();
    ASSERT_TRUE(answered);
    const StagePlan saved = db.service().reports().stagePlan().value();
    ASSERT_EQ(saved.stepsOf(Stage::Contacting).size(), 2u);
    EXPECT_EQ(saved.step(Stage::Contacting, 1)->text, QStringLiteral("Book a demo"));
    EXPECT_FALSE(saved.step(Stage::Contacting, 1)->required);
    EXPECT_TRUE(saved.step(Stage::Contacting, 2)->required);
    EXPECT_EQ(saved.stepsOf(Stage::Negotiation).size(), 1u);

    auto* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    auto* redo = window.findChild<QAction*>(QStringLiteral("redoAction"));
    undo->trigger();
    EXPECT_TRUE(db.service().reports().stagePlan().value().steps().empty());
    redo->trigger();
    EXPECT_EQ(db.service().reports().stagePlan().value(), saved); // the same steps, ids and all

    // Another manager's step, added meanwhile, outlives this editor's undo.
    StagePlan theirs = saved;
    std::vector<PlanStep> steps = saved.steps();
    steps.push_back({0, Stage::Qualifying, 1, QStringLiteral("Theirs"), false});
    theirs.setSteps(steps);
    ASSERT_TRUE(db.service().reports().setStagePlan(theirs, saved).ok());
    undo->trigger();
    const StagePlan after = db.service().reports().stagePlan().value();
    EXPECT_EQ(after.countOf(Stage::Contacting), 0);
    EXPECT_EQ(after.countOf(Stage::Negotiation), 0);
    ASSERT_EQ(after.countOf(Stage::Qualifying), 1);
    EXPECT_EQ(after.step(Stage::Qualifying, 1)->text, QStringLiteral("Theirs"));
}

TEST(StagePlanBoard, ThePaneTicksTheDealsStepsAndARefusedMoveAsksForTheRequiredTick)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Acme renewal"), Stage::Contacting, TestDatabase::qualified());
    StagePlan plan;
    plan.setSteps({{0, Stage::Contacting, 1, QStringLiteral("Send the deck"), true},
                   {0, Stage::Contacting, 2, QStringLiteral("Book a demo"), false}});
    const StagePlan stored = db.service().reports().setStagePlan(plan, {}).value();
    const PlanStep deck = *stored.step(Stage::Contacting, 1);
    const PlanStep demo = *stored.step(Stage::Contacting, 2);
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.resize(1280, 800);
    window.show();
    window.openDetails(deal.id);
    DealPane* pane = window.details();
    const QString story = pane->timeline()->toPlainText();
    EXPECT_TRUE(story.contains(QStringLiteral("Plan for Contacting"))) << story.toStdString();
    EXPECT_TRUE(story.contains(QStringLiteral("Send the deck · required to move on"))) << story.toStdString();

    // A tick from the pane, one undo step.
    Q_EMIT pane->linkActivated(QUrl(QStringLiteral("tick:%1").arg(demo.id)));
    EXPECT_EQ(db.service().deals().get(deal.id).value().planTicks, std::vector<std::int64_t> {demo.id});
    EXPECT_TRUE(pane->timeline()->toPlainText().contains(QStringLiteral("☑ Book a demo")))
        << pane->timeline()->toPlainText().toStdString();
    window.findChild<QAction*>(QStringLiteral("undoAction"))->trigger();
    EXPECT_TRUE(db.service().deals().get(deal.id).value().planTicks.empty());

    // Moving on asks for the required step only, and ticks it with the move.
    bool asked = false;
    answerNextDialog(
        [&](QWidget* dialog) {
            asked = true;
            auto* box = dialog->findChild<QCheckBox*>(QStringLiteral("planStep_%1").arg(deck.id));
            auto* ok = dialog->findChild<QPushButton*>(QStringLiteral("okButton"));
            ASSERT_NE(box, nullptr);
            EXPECT_EQ(dialog->findChild<QCheckBox*>(QStringLiteral("planStep_%1").arg(demo.id)), nullptr);
            EXPECT_FALSE(ok->isEnabled());
            box->setChecked(true);
            EXPECT_TRUE(ok->isEnabled());
            QTest::mouseClick(ok, Qt::LeftButton);
        },
        QStringLiteral("missingFactsDialog"));
    window.selectDeal(deal.id);
    window.findChild<QAction*>(QStringLiteral("moveNextAction"))->trigger();
    ASSERT_TRUE(asked);
    const Deal moved = db.service().deals().get(deal.id).value();
    EXPECT_EQ(moved.stage, Stage::Relationship);
    EXPECT_EQ(moved.planTicks, std::vector<std::int64_t> {deck.id});
    // One step: its undo takes back the tick with the move, its redo both.
    window.findChild<QAction*>(QStringLiteral("undoAction"))->trigger();
    EXPECT_EQ(db.service().deals().get(deal.id).value().stage, Stage::Contacting);
    EXPECT_TRUE(db.service().deals().get(deal.id).value().planTicks.empty());
    window.findChild<QAction*>(QStringLiteral("redoAction"))->trigger();
    EXPECT_EQ(db.service().deals().get(deal.id).value().stage, Stage::Relationship);
    EXPECT_EQ(db.service().deals().get(deal.id).value().planTicks, std::vector<std::int64_t> {deck.id});
    // A tick someone else made between an undo and its redo stays theirs.
    window.findChild<QAction*>(QStringLiteral("undoAction"))->trigger();
    ASSERT_TRUE(db.service().deals().tickPlanStep(deal.id, deck.id, true).value());
    window.findChild<QAction*>(QStringLiteral("redoAction"))->trigger();
    window.findChild<QAction*>(QStringLiteral("undoAction"))->trigger();
    EXPECT_EQ(db.service().deals().get(deal.id).value().stage, Stage::Contacting);
    EXPECT_EQ(db.service().deals().get(deal.id).value().planTicks, std::vector<std::int64_t> {deck.id});
    window.findChild<QAction*>(QStringLiteral("redoAction"))->trigger();
    EXPECT_EQ(db.service().deals().get(deal.id).value().stage, Stage::Relationship);
    // Past Contacting the pane offers no untick of what it needed; an untick
    // asked anyway is refused and said.
    window.openDetails(deal.id);
    EXPECT_FALSE(pane->timeline()->toPlainText().contains(QStringLiteral("Send the deck")))
        << pane->timeline()->toPlainText().toStdString();
    Q_EMIT pane->linkActivated(QUrl(QStringLiteral("untick:%1").arg(deck.id)));
    EXPECT_EQ(db.service().deals().get(deal.id).value().planTicks, std::vector<std::int64_t> {deck.id});
}
