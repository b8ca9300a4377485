// The stall marks on the board: a manager sets them in the editor as one
// undo step, and each card's mark, tooltip and accessible text follow.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "RawSql.h"
#include "TestDatabase.h"
#include "board/BoardModel.h"
#include "board/StageColumnModel.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSpinBox>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

QString stalling(MainWindow& window, const Deal& deal, int role = StageColumnModel::StallingRole)
{
    StageColumnModel* column = window.board().column(deal.stage);
    const int row = column->rowOf(deal.id);
    EXPECT_GE(row, 0);
    return column->index(row).data(role).toString();
}

} // namespace

TEST(StallMarksBoard, AManagersMarkIsOneUndoStepAndEveryCardFollowsIt)
{
    TestDatabase db;
    const Deal closing = db.create(QStringLiteral("Closing soon"), Stage::Prospecting, TestDatabase::qualified());
    DealFields facts;
    facts.valueMinor = 500000;
    facts.expectedClose = QDate(2026, 4, 1);
    ASSERT_TRUE(db.service().deals().edit(closing.id, facts).ok());
    for (Stage stage :
         {Stage::Qualifying, Stage::Contacting, Stage::Relationship, Stage::Negotiation, Stage::Closing}) {
        ASSERT_TRUE(db.service().deals().move(closing.id, stage).ok());
    }
    db.clock().advanceSeconds(5 * 86400); // five days in Closing, whose built-in mark is 7
    const Deal deal = db.service().deals().get(closing.id).value();

    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    EXPECT_TRUE(stalling(window, deal).isEmpty());
    EXPECT_FALSE(stalling(window, deal, Qt::AccessibleTextRole).contains(QStringLiteral("stalling")));

    bool answered = false;
    answerNextDialog(
        [&](QWidget* dialog) {
            answered = true;
            auto* kind = dialog->findChild<QComboBox*>(QStringLiteral("stallKind_closing"));
            auto* days = dialog->findChild<QSpinBox*>(QStringLiteral("stallDays_closing"));
            auto* now = dialog->findChild<QLabel*>(QStringLiteral("stallNow_closing"));
            ASSERT_NE(kind, nullptr);
            EXPECT_EQ(now->text(), QStringLiteral("fixed: 7 days (built in)"));
            EXPECT_FALSE(days->isEnabled());
            kind->setCurrentIndex(1); // after fixed days
            days->setValue(3);
            kind->setCurrentIndex(1);
            EXPECT_TRUE(days->isEnabled());
            QMetaObject::invokeMethod(dialog, "accept");
        },
        QStringLiteral("stallMarksDialog"));
    window.findChild<QAction*>(QStringLiteral("stallMarksAction"))->trigger();
    ASSERT_TRUE(answered);
    EXPECT_EQ(db.service().reports().stallMarks().value().rule(Stage::Closing), (StallRule {false, 3}));
    EXPECT_EQ(stalling(window, deal), QStringLiteral("longer than the 3 days a manager set for Closing"));
    EXPECT_TRUE(stalling(window, deal, Qt::ToolTipRole)
                    .contains(QStringLiteral("Stalling: 5 days in Closing, longer than the 3 days")))
        << stalling(window, deal, Qt::ToolTipRole).toStdString();
    EXPECT_TRUE(stalling(window, deal, Qt::AccessibleTextRole).contains(QStringLiteral(", stalling")));

    // One step back and forth.
    auto* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    auto* redo = window.findChild<QAction*>(QStringLiteral("redoAction"));
    undo->trigger();
    EXPECT_EQ(db.service().reports().stallMarks().value().rule(Stage::Closing), StallRule {});
    EXPECT_TRUE(stalling(window, deal).isEmpty());
    redo->trigger();
    EXPECT_FALSE(stalling(window, deal).isEmpty());

    // Another manager's change meanwhile: the undo refuses and changes nothing.
    ASSERT_TRUE(db.service().reports().setStallRule(Stage::Closing, StallRule {false, 30}).ok());
    EXPECT_TRUE(stalling(window, deal).isEmpty());
    undo->trigger();
    EXPECT_EQ(db.service().reports().stallMarks().value().rule(Stage::Closing), (StallRule {false, 30}));

    // A learned mark: the team's stays are read off the board's thread, and
    // the card follows when they come. 20 deals stayed 2 days in Closing.
    QStringList stays;
    const QDateTime now = db.service().now();
    for (int i = 0; i < 20; ++i) {
        const Deal other = db.create(QStringLiteral("Other %1").arg(i));
        stays << QStringLiteral("INSERT INTO stage_history (deal_id, from_stage, to_stage, from_status, to_status, "
                                "at, actor, entered_before) VALUES (%1, 'closing', 'retention', 'open', 'won', '%2', "
                                "'tester', '%3')")
                     .arg(other.id)
                     .arg(now.addDays(-3).toString(Qt::ISODateWithMs), now.addDays(-5).toString(Qt::ISODateWithMs));
    }
    runRawSql(db.path(), stays);
    ASSERT_TRUE(db.service().reports().setStallRule(Stage::Closing, StallRule {true, 30}).ok());
    EXPECT_TRUE(waitUntil([&] { return !stalling(window, deal).isEmpty(); }));
    EXPECT_EQ(stalling(window, deal),
              QStringLiteral("longer than 8 in 10 of the team's deals stayed in Closing: 2 days"));
}
