// Several deals at once on the board, as a rep selects them: Shift-click,
// Ctrl-click and Ctrl+A; moved, marked lost, given an owner, planned and
// deleted in one action and one undo step; where the rules refuse some, one
// form lists them and the rest move only if the rep says so.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"
#include "board/BoardModel.h"
#include "board/DealListView.h"
#include "board/StageColumn.h"
#include "board/StageColumnModel.h"
#include "deals/RefusedDealsDialog.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QUndoStack>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

class SeveralDealsBoardTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        for (int i = 1; i <= 5; ++i) {
            m_ready.push_back(
                m_db.create(QStringLiteral("Ready %1").arg(i), Stage::Qualifying, TestDatabase::qualified()).id);
        }
        DealFields unsure;
        unsure.willing = true;
        m_unqualified = m_db.create(QStringLiteral("Not qualified"), Stage::Qualifying, unsure).id;
        m_window = std::make_unique<MainWindow>(m_db.service());
        ASSERT_TRUE(m_window->load().ok());
        m_window->resize(1400, 900);
        m_window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
    }

    DealListView* view(Stage stage) const { return m_window->column(stage)->view(); }
    QPoint cardCentre(DealId id) const
    {
        const Deal* deal = m_window->board().deal(id);
        const int row = m_window->board().column(deal->stage)->rowOf(id);
        return view(deal->stage)->visualRect(view(deal->stage)->model()->index(row, 0)).center();
    }
    void click(DealId id, Qt::KeyboardModifiers modifiers = {})
    {
        const Stage stage = m_window->board().deal(id)->stage;
        QTest::mouseClick(view(stage)->viewport(), Qt::LeftButton, modifiers, cardCentre(id));
    }
    QAction* action(const char* name) const { return m_window->findChild<QAction*>(QString::fromLatin1(name)); }
    Stage stageOf(DealId id) { return m_db.service().deals().get(id).value().stage; }

    TestDatabase m_db;
    std::vector<DealId> m_ready;
    DealId m_unqualified = 0;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

TEST_F(SeveralDealsBoardTest, FiveDealsSelectedWithShiftClickMoveInOneStepAndOneCtrlZUndoesThem)
{
    click(m_ready[0]);
    // The cards are listed newest first: the fifth deal is at the top.
    click(m_ready[4], Qt::ShiftModifier);
    QList<DealId> selected = m_window->selectedDealIds();
    std::sort(selected.begin(), selected.end());
    ASSERT_EQ(selected, QList<DealId>(m_ready.begin(), m_ready.end()));
    EXPECT_TRUE(action("moveNextAction")->isEnabled());

    const int steps = m_window->undoStack().count();
    m_window->requestMove(m_window->selectedDealIds(), Stage::Contacting); // as their drop does
    for (DealId id : m_ready) {
        EXPECT_EQ(stageOf(id), Stage::Contacting);
        EXPECT_EQ(m_window->board().deal(id)->stage, Stage::Contacting);
    }
    ASSERT_EQ(m_window->undoStack().count(), steps + 1);
    EXPECT_EQ(m_window->undoStack().undoText(), QStringLiteral("Move 5 deals to Contacting"));
    m_window->undoStack().undo();
    for (DealId id : m_ready) {
        EXPECT_EQ(stageOf(id), Stage::Qualifying);
    }
    m_window->undoStack().redo();
    for (DealId id : m_ready) {
        EXPECT_EQ(stageOf(id), Stage::Contacting);
    }
    EXPECT_TRUE(m_db.service().check().value().faults.isEmpty());
}

TEST_F(SeveralDealsBoardTest, ARefusedDealIsListedAndTheRestMoveOnlyIfTheRepSaysSo)
{
    click(m_ready[0]);
    view(Stage::Qualifying)->setFocus();
    QTest::keyClick(view(Stage::Qualifying), Qt::Key_A, Qt::ControlModifier);
    ASSERT_EQ(m_window->selectedDealIds().size(), 6);

    // First the rep cancels: nothing moves.
    QStringList listed;
    answerNextDialog([&listed](QWidget* dialog) {
        auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("refusedDeals"));
        ASSERT_NE(table, nullptr);
        for (int row = 0; row < table->rowCount(); ++row) {
            listed << table->item(row, 0)->text() + QStringLiteral(": ") + table->item(row, 1)->text();
        }
        EXPECT_NE(dialog->findChild<QPushButton*>(QStringLiteral("doTheRest")), nullptr);
        static_cast<QDialog*>(dialog)->reject();
    });
    const int steps = m_window->undoStack().count();
    action("moveNextAction")->trigger();
    ASSERT_EQ(listed.size(), 1) << listed.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(listed.front().startsWith(QStringLiteral("Not qualified: "))) << listed.front().toStdString();
    EXPECT_TRUE(listed.front().contains(QStringLiteral("need"))) << listed.front().toStdString();
    for (DealId id : m_ready) {
        EXPECT_EQ(stageOf(id), Stage::Qualifying);
    }
    EXPECT_EQ(m_window->undoStack().count(), steps);

    // Then says "do the other five".
    click(m_ready[0]);
    QTest::keyClick(view(Stage::Qualifying), Qt::Key_A, Qt::ControlModifier);
    answerNextDialog([](QWidget* dialog) { dialog->findChild<QPushButton*>(QStringLiteral("doTheRest"))->click(); });
    action("moveNextAction")->trigger();
    for (DealId id : m_ready) {
        EXPECT_EQ(stageOf(id), Stage::Contacting);
    }
    EXPECT_EQ(stageOf(m_unqualified), Stage::Qualifying);
    EXPECT_EQ(m_window->undoStack().count(), steps + 1);
    m_window->undoStack().undo();
    for (DealId id : m_ready) {
        EXPECT_EQ(stageOf(id), Stage::Qualifying);
    }
}

TEST_F(SeveralDealsBoardTest, SeveralAreMarkedLostGivenAnOwnerAndDeletedEachInOneUndoStep)
{
    click(m_ready[0]);
    click(m_ready[1], Qt::ControlModifier);
    click(m_unqualified, Qt::ControlModifier);
    ASSERT_EQ(m_window->selectedDealIds().size(), 3);
    const std::vector<DealId> three = {m_ready[0], m_ready[1], m_unqualified};

    answerNextDialog([](QWidget* dialog) {
        auto* input = qobject_cast<QInputDialog*>(dialog);
        ASSERT_NE(input, nullptr);
        input->setTextValue(QStringLiteral("Kim Tran"));
        input->accept();
    });
    action("assignOwnerAction")->trigger();
    for (DealId id : three) {
        EXPECT_EQ(m_db.service().deals().get(id).value().owner, QStringLiteral("Kim Tran"));
    }
    EXPECT_EQ(m_db.service().deals().get(m_ready[2]).value().owner, QString());

    click(m_ready[0]);
    click(m_ready[1], Qt::ControlModifier);
    click(m_unqualified, Qt::ControlModifier);
    answerNextDialog([](QWidget* dialog) {
        auto* input = qobject_cast<QInputDialog*>(dialog);
        ASSERT_NE(input, nullptr);
        input->setTextValue(QStringLiteral("No budget"));
        input->accept();
    });
    action("loseAction")->trigger();
    for (DealId id : three) {
        const Deal deal = m_db.service().deals().get(id).value();
        EXPECT_EQ(deal.status, DealStatus::Lost);
        EXPECT_EQ(deal.lostReason, QStringLiteral("No budget"));
    }
    m_window->undoStack().undo(); // the three are open again, still Kim's
    for (DealId id : three) {
        const Deal deal = m_db.service().deals().get(id).value();
        EXPECT_EQ(deal.status, DealStatus::Open);
        EXPECT_EQ(deal.owner, QStringLiteral("Kim Tran"));
    }

    click(m_ready[2]);
    click(m_ready[3], Qt::ControlModifier);
    answerNextDialog([](QWidget* dialog) {
        auto* box = qobject_cast<QMessageBox*>(dialog);
        ASSERT_NE(box, nullptr);
        EXPECT_TRUE(box->text().contains(QStringLiteral("these 2 deals"))) << box->text().toStdString();
        box->button(QMessageBox::Yes)->click();
    });
    QTest::keyClick(view(Stage::Qualifying), Qt::Key_Delete);
    EXPECT_EQ(m_db.service().deals().get(m_ready[2]).error().code, ErrorCode::NotFound);
    EXPECT_EQ(m_db.service().deals().get(m_ready[3]).error().code, ErrorCode::NotFound);
    m_window->undoStack().undo();
    EXPECT_EQ(m_db.service().deals().get(m_ready[2]).value().title, QStringLiteral("Ready 3"));
    EXPECT_EQ(m_db.service().deals().get(m_ready[3]).value().title, QStringLiteral("Ready 4"));
    EXPECT_TRUE(m_db.service().check().value().faults.isEmpty());
}

TEST_F(SeveralDealsBoardTest, OneActivityIsPlannedOnEachSelectedDealInOneAction)
{
    click(m_ready[0]);
    click(m_ready[2], Qt::ControlModifier);
    click(m_ready[4], Qt::ControlModifier);
    ASSERT_EQ(m_window->selectedDealIds().size(), 3);
    answerNextDialog([](QWidget* dialog) {
        auto* kind = dialog->findChild<QComboBox*>(QStringLiteral("activityKind"));
        auto* subject = dialog->findChild<QLineEdit*>(QStringLiteral("activitySubject"));
        ASSERT_TRUE(kind && subject);
        kind->setCurrentIndex(kind->findData(static_cast<int>(ActivityKind::Task)));
        subject->clear();
        QTest::keyClicks(subject, QStringLiteral("Send the price list"));
        for (QPushButton* button : dialog->findChildren<QPushButton*>()) {
            if (button->text() == QStringLiteral("Save")) {
                button->click();
                return;
            }
        }
        ADD_FAILURE() << "no Save button";
    });
    action("planActivityAction")->trigger();
    for (DealId id : {m_ready[0], m_ready[2], m_ready[4]}) {
        const Deal deal = m_db.service().deals().get(id).value();
        ASSERT_TRUE(deal.nextActivity.has_value()) << id;
        EXPECT_EQ(deal.nextActivity->subject, QStringLiteral("Send the price list"));
    }
    EXPECT_FALSE(m_db.service().deals().get(m_ready[1]).value().nextActivity.has_value());
}
