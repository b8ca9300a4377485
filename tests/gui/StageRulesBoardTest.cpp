// The stages' rules on the board: a manager sets them in the editor as one
// undo step, the columns say what each stage needs, and a refused move asks
// for exactly the organization and next activity its stage needs, saved
// with the move in one step.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

QString headerTip(MainWindow& window, Stage stage)
{
    auto* column = window.findChild<QWidget*>(QStringLiteral("column_%1").arg(stageSlug(stage)));
    EXPECT_NE(column, nullptr);
    auto* header = column ? column->findChild<QWidget*>(QStringLiteral("columnHeader")) : nullptr;
    EXPECT_NE(header, nullptr);
    return header ? header->toolTip() : QString();
}

} // namespace

TEST(StageRulesBoard, AManagersRulesAreOneUndoStepAndTheColumnsSayThem)
{
    TestDatabase db;
    db.create(QStringLiteral("Seed"));
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    EXPECT_FALSE(headerTip(window, Stage::Relationship).contains(QStringLiteral("an organization or person")));

    bool answered = false;
    answerNextDialog(
        [&](QWidget* dialog) {
            answered = true;
            auto* contact = dialog->findChild<QComboBox*>(QStringLiteral("rule_contact"));
            auto* value = dialog->findChild<QComboBox*>(QStringLiteral("rule_value"));
            auto* activity = dialog->findChild<QComboBox*>(QStringLiteral("rule_activity"));
            ASSERT_NE(contact, nullptr);
            EXPECT_EQ(value->currentText(), QStringLiteral("to enter Negotiation"));
            EXPECT_EQ(contact->currentText(), QStringLiteral("Needed nowhere"));
            // What no stage may ask is not offered.
            EXPECT_EQ(activity->findText(QStringLiteral("to enter Prospecting")), -1);
            EXPECT_EQ(value->findText(QStringLiteral("to leave Customer Retention")), -1);
            contact->setCurrentIndex(contact->findText(QStringLiteral("to enter Relationship Building")));
            value->setCurrentIndex(value->findText(QStringLiteral("Needed nowhere")));
            QMetaObject::invokeMethod(dialog, "accept");
        },
        QStringLiteral("stageRulesDialog"));
    window.findChild<QAction*>(QStringLiteral("stageRulesAction"))->trigger();
    ASSERT_TRUE(answered);
    StageRules expected = StageRules::builtIn();
    expected.set({Requirement::Contact, Stage::Relationship, RuleMoment::Enter});
    expected.clear(Requirement::Value);
    EXPECT_EQ(db.service().reports().stageRules().value(), expected);
    EXPECT_TRUE(headerTip(window, Stage::Relationship).contains(QStringLiteral("an organization or person")))
        << headerTip(window, Stage::Relationship).toStdString();
    EXPECT_FALSE(headerTip(window, Stage::Negotiation).contains(QStringLiteral("value")));

    auto* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    auto* redo = window.findChild<QAction*>(QStringLiteral("redoAction"));
    undo->trigger();
    EXPECT_EQ(db.service().reports().stageRules().value(), StageRules::builtIn());
    EXPECT_FALSE(headerTip(window, Stage::Relationship).contains(QStringLiteral("an organization or person")));
    redo->trigger();
    EXPECT_EQ(db.service().reports().stageRules().value(), expected);

    // Another manager's change to the same fact: the undo refuses, nothing changes.
    ASSERT_TRUE(db.service().reports().requireFact({Requirement::Contact, Stage::Closing, RuleMoment::Enter}).ok());
    undo->trigger();
    EXPECT_EQ(db.service().reports().stageRules().value().ruleOf(Requirement::Contact),
              (StageRule {Requirement::Contact, Stage::Closing, RuleMoment::Enter}));
    // The refused step is still the one the menu offers: the next Undo does
    // not reach past it.
    EXPECT_TRUE(undo->isEnabled());
    EXPECT_TRUE(undo->text().contains(QStringLiteral("Set the stage rules"))) << undo->text().toStdString();
    EXPECT_FALSE(redo->isEnabled());
}

TEST(StageRulesBoard, ARefusedMoveAsksForTheOrganizationAndTheNextActivityAndMovesInOneStep)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Acme renewal"), Stage::Contacting, TestDatabase::qualified());
    ASSERT_TRUE(
        db.service().reports().requireFact({Requirement::Contact, Stage::Relationship, RuleMoment::Enter}).ok());
    ASSERT_TRUE(
        db.service().reports().requireFact({Requirement::Activity, Stage::Relationship, RuleMoment::Enter}).ok());
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();

    bool asked = false;
    answerNextDialog(
        [&](QWidget* dialog) {
            asked = true;
            auto* company = dialog->findChild<QLineEdit*>(QStringLiteral("companyEdit"));
            auto* subject = dialog->findChild<QLineEdit*>(QStringLiteral("activitySubjectEdit"));
            auto* kind = dialog->findChild<QComboBox*>(QStringLiteral("activityKindCombo"));
            auto* due = dialog->findChild<QDateEdit*>(QStringLiteral("activityDueEdit"));
            auto* ok = dialog->findChild<QPushButton*>(QStringLiteral("okButton"));
            ASSERT_NE(company, nullptr);
            ASSERT_NE(subject, nullptr);
            // Nothing else is asked: the deal is qualified already.
            EXPECT_EQ(dialog->findChild<QWidget*>(QStringLiteral("valueEdit")), nullptr);
            EXPECT_EQ(dialog->findChild<QWidget*>(QStringLiteral("willingCheck")), nullptr);
            EXPECT_FALSE(ok->isEnabled());
            company->setText(QStringLiteral("Acme GmbH"));
            EXPECT_FALSE(ok->isEnabled()); // the activity is still missing
            subject->setText(QStringLiteral("Book the demo"));
            kind->setCurrentIndex(kind->findText(QStringLiteral("Meeting")));
            due->setDate(QDate(2027, 2, 3));
            EXPECT_TRUE(ok->isEnabled());
            QTest::mouseClick(ok, Qt::LeftButton);
        },
        QStringLiteral("missingFactsDialog"));
    window.selectDeal(deal.id);
    window.findChild<QAction*>(QStringLiteral("moveNextAction"))->trigger();
    ASSERT_TRUE(asked);
    const Deal moved = db.service().deals().get(deal.id).value();
    EXPECT_EQ(moved.stage, Stage::Relationship);
    EXPECT_EQ(moved.company, QStringLiteral("Acme GmbH"));
    ASSERT_TRUE(moved.nextActivity.has_value());
    EXPECT_EQ(moved.nextActivity->subject, QStringLiteral("Book the demo"));
    EXPECT_EQ(moved.nextActivity->kind, ActivityKind::Meeting);
    EXPECT_EQ(moved.nextActivity->dueDate, QDate(2027, 2, 3));

    // One step: undo puts the deal back in Contacting without the organization.
    window.findChild<QAction*>(QStringLiteral("undoAction"))->trigger();
    const Deal back = db.service().deals().get(deal.id).value();
    EXPECT_EQ(back.stage, Stage::Contacting);
    EXPECT_TRUE(back.company.isEmpty());
}

TEST(StageRulesBoard, ARefusedSaveAndMoveAsksAgainWithWhatWasTypedAndAMoveMeanwhileSavesNothing)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Acme renewal"), Stage::Contacting, TestDatabase::qualified());
    ASSERT_TRUE(
        db.service().reports().requireFact({Requirement::Contact, Stage::Relationship, RuleMoment::Enter}).ok());
    ASSERT_TRUE(
        db.service().reports().requireFact({Requirement::Activity, Stage::Relationship, RuleMoment::Enter}).ok());
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();

    // A direction character in the subject: refused, and the form comes back
    // with everything typed and why.
    int asked = 0;
    std::function<void(QWidget*)> answer = [&](QWidget* dialog) {
        ++asked;
        auto* company = dialog->findChild<QLineEdit*>(QStringLiteral("companyEdit"));
        auto* subject = dialog->findChild<QLineEdit*>(QStringLiteral("activitySubjectEdit"));
        auto* changed = dialog->findChild<QLabel*>(QStringLiteral("changedMeanwhile"));
        ASSERT_NE(company, nullptr);
        if (asked == 1) {
            company->setText(QStringLiteral("Acme GmbH"));
            subject->setText(QStringLiteral("Demo") + QChar(0x202E) + QStringLiteral("x"));
            answerNextDialog(answer, QStringLiteral("missingFactsDialog"));
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("okButton")), Qt::LeftButton);
            return;
        }
        EXPECT_EQ(company->text(), QStringLiteral("Acme GmbH"));
        EXPECT_TRUE(changed->isVisible());
        EXPECT_TRUE(changed->text().contains(QStringLiteral("U+202E"))) << changed->text().toStdString();
        subject->setText(QStringLiteral("Demo"));
        // Meanwhile a teammate moves the deal on: nothing of the form is saved.
        DealFields elsewhere;
        elsewhere.company = QStringLiteral("Other Co");
        elsewhere.valueMinor = 100000;
        EXPECT_TRUE(db.service().deals().edit(deal.id, elsewhere).ok());
        DealFields next;
        next.nextActivity = NextActivity {0, ActivityKind::Call, QStringLiteral("Theirs"), QDate(2027, 1, 5), {}};
        EXPECT_TRUE(db.service().deals().move(deal.id, Stage::Negotiation, {}, next).ok());
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("okButton")), Qt::LeftButton);
    };
    answerNextDialog(answer, QStringLiteral("missingFactsDialog"));
    window.selectDeal(deal.id);
    window.findChild<QAction*>(QStringLiteral("moveNextAction"))->trigger();
    EXPECT_EQ(asked, 2);
    const Deal after = db.service().deals().get(deal.id).value();
    EXPECT_EQ(after.company, QStringLiteral("Other Co"));
    EXPECT_EQ(after.stage, Stage::Negotiation);
    ASSERT_TRUE(after.nextActivity.has_value());
    EXPECT_EQ(after.nextActivity->subject, QStringLiteral("Theirs"));
    EXPECT_EQ(db.service().activities().list({}).value().size(), 1u); // the form's "Demo" was not planned
}
