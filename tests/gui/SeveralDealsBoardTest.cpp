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
#include "dealboard/DealStore.h"
#include "dealboard/service/PipelineOpener.h"
#include "deals/RefusedDealsDialog.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
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
        const std::optional<Deal> deal = m_window->board().deal(id);
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
    QString named;
    confirmSeveral(&named);
    m_window->requestMove(m_window->selectedDealIds(), Stage::Contacting); // as their drop does
    // Named before they move: the first three and how many more.
    EXPECT_TRUE(named.contains(QStringLiteral("Move these 5 deals to Contacting?"))) << named.toStdString();
    EXPECT_TRUE(named.contains(QStringLiteral("'Ready 5', 'Ready 4', 'Ready 3' and 2 more"))) << named.toStdString();
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
    confirmSeveral(nullptr, [&listed](QWidget* dialog) {
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
    confirmSeveral(nullptr,
                   [](QWidget* dialog) { dialog->findChild<QPushButton*>(QStringLiteral("doTheRest"))->click(); });
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

// Click A, then B in another column, then A again: exactly A is selected, the
// count says so, and Mark lost… marks A alone. Ctrl extends across columns,
// and a plain click on one of several selected cards keeps only it.
TEST_F(SeveralDealsBoardTest, APlainClickSelectsExactlyOneCardOnTheWholeBoard)
{
    const DealId elsewhere = m_db.create(QStringLiteral("Elsewhere"), Stage::Prospecting).id;
    auto* count = m_window->findChild<QLabel*>(QStringLiteral("selectionCount"));
    ASSERT_NE(count, nullptr);
    click(m_ready[0]);
    click(elsewhere);
    click(m_ready[0]);
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {m_ready[0]});
    EXPECT_EQ(m_window->selectedDealId(), m_ready[0]);
    EXPECT_EQ(count->text(), QStringLiteral("1 deal selected"));

    click(elsewhere, Qt::ControlModifier);
    EXPECT_EQ(m_window->selectedDealIds().size(), 2);
    EXPECT_EQ(count->text(), QStringLiteral("2 deals selected"));
    click(m_ready[0]); // selected already: the others leave on release
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {m_ready[0]});
    EXPECT_EQ(count->text(), QStringLiteral("1 deal selected"));

    QString question;
    answerNextDialog([&question](QWidget* dialog) {
        auto* input = qobject_cast<QInputDialog*>(dialog);
        ASSERT_NE(input, nullptr);
        question = input->labelText();
        input->setTextValue(QStringLiteral("No budget"));
        input->accept();
    });
    action("loseAction")->trigger();
    EXPECT_TRUE(question.contains(QStringLiteral("'Ready 1'"))) << question.toStdString();
    EXPECT_EQ(m_db.service().deals().get(m_ready[0]).value().status, DealStatus::Lost);
    EXPECT_EQ(m_db.service().deals().get(elsewhere).value().status, DealStatus::Open);
}

// A card the search hides leaves the selection: nothing acts on it unseen.
TEST_F(SeveralDealsBoardTest, ACardHiddenByAFilterLeavesTheSelection)
{
    click(m_ready[0]);
    click(m_unqualified, Qt::ControlModifier);
    ASSERT_EQ(m_window->selectedDealIds().size(), 2);
    auto* search = m_window->findChild<QLineEdit*>(QStringLiteral("searchEdit"));
    QTest::keyClicks(search, QStringLiteral("ready 1"));
    ASSERT_TRUE(waitUntil([this] { return m_window->board().shownDeals() == 1; }));
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {m_ready[0]});
    EXPECT_EQ(m_window->findChild<QLabel*>(QStringLiteral("selectionCount"))->text(),
              QStringLiteral("1 deal selected"));

    // What left the selection does not come back with the card.
    search->clear();
    ASSERT_TRUE(waitUntil([this] { return m_window->board().shownDeals() == 6; }));
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {m_ready[0]});
    QTest::keyClicks(search, QStringLiteral("not qualified"));
    ASSERT_TRUE(waitUntil([this] { return m_window->board().shownDeals() == 1; }));
    EXPECT_TRUE(m_window->selectedDealIds().isEmpty());
    EXPECT_FALSE(m_window->selectedDealId().has_value());
    EXPECT_FALSE(action("loseAction")->isEnabled());
    action("loseAction")->trigger(); // by its shortcut, say: nothing to act on
    EXPECT_EQ(m_db.service().deals().get(m_ready[0]).value().status, DealStatus::Open);
    EXPECT_EQ(m_db.service().deals().get(m_unqualified).value().status, DealStatus::Open);
}

// Every action on several deals names them before it acts; a cancelled
// question changes nothing; the moved cards stay selected where they landed.
TEST_F(SeveralDealsBoardTest, AnActionOnSeveralNamesThemBeforeItActs)
{
    m_window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    click(m_ready[0]);
    click(m_ready[1], Qt::ControlModifier);
    answerNextDialog([](QWidget* dialog) { qobject_cast<QMessageBox*>(dialog)->button(QMessageBox::Cancel)->click(); },
                     QStringLiteral("confirmSeveral"));
    action("moveNextAction")->trigger();
    EXPECT_EQ(stageOf(m_ready[0]), Stage::Qualifying);
    EXPECT_EQ(stageOf(m_ready[1]), Stage::Qualifying);

    QString named;
    confirmSeveral(&named);
    action("moveNextAction")->trigger();
    EXPECT_TRUE(named.contains(QStringLiteral("'Ready 2' and 'Ready 1'"))) << named.toStdString();
    EXPECT_EQ(stageOf(m_ready[0]), Stage::Contacting);
    QList<DealId> selected = m_window->selectedDealIds();
    std::sort(selected.begin(), selected.end());
    EXPECT_EQ(selected, (QList<DealId> {m_ready[0], m_ready[1]}));
    m_window->activateWindow(); // back from the question
    ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    EXPECT_EQ(QApplication::focusWidget(), view(Stage::Contacting));

    QString deleting;
    answerNextDialog([&deleting](QWidget* dialog) {
        auto* box = qobject_cast<QMessageBox*>(dialog);
        deleting = box->text();
        box->button(QMessageBox::Cancel)->click();
    });
    QTest::keyClick(view(Stage::Contacting), Qt::Key_Delete);
    EXPECT_TRUE(deleting.contains(QStringLiteral("'Ready 2' and 'Ready 1'"))) << deleting.toStdString();
}

// A deal moved elsewhere while the rep is asked is not moved on from where it
// is now: it is refused as changed, listed, and nothing moves unless the rep
// says so.
TEST_F(SeveralDealsBoardTest, ADealChangedWhileTheRepIsAskedIsNotActedOnAsItIsNow)
{
    click(m_ready[0]);
    click(m_ready[1], Qt::ControlModifier);
    ASSERT_EQ(m_window->selectedDealIds().size(), 2);
    QStringList listed;
    answerNextDialog(
        [this, &listed](QWidget* dialog) {
            // Meanwhile another rep moves one of them on.
            ASSERT_TRUE(
                m_db.service().deals().move(m_ready[1], Stage::Contacting, {std::nullopt, QStringLiteral("Eve")}).ok());
            answerNextDialog([&listed](QWidget* refused) {
                auto* table = refused->findChild<QTableWidget*>(QStringLiteral("refusedDeals"));
                ASSERT_NE(table, nullptr);
                for (int row = 0; row < table->rowCount(); ++row) {
                    listed << table->item(row, 1)->text();
                }
                static_cast<QDialog*>(refused)->reject();
            });
            qobject_cast<QMessageBox*>(dialog)->button(QMessageBox::Yes)->click();
        },
        QStringLiteral("confirmSeveral"));
    action("moveNextAction")->trigger();
    ASSERT_EQ(listed.size(), 1) << listed.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(listed.front().contains(QStringLiteral("changed elsewhere"))) << listed.front().toStdString();
    EXPECT_EQ(stageOf(m_ready[1]), Stage::Contacting) << "not moved on from where Eve left it";
    EXPECT_EQ(stageOf(m_ready[0]), Stage::Qualifying) << "nothing moved: the rep did not say to";
}

// A selected deal that another process moves or deletes, or that a filter
// hides, leaves the selection with a word in the status bar saying which and
// why; the count stays true.
TEST_F(SeveralDealsBoardTest, ADealLeavingTheSelectionElsewhereIsSaidAndTheCountStaysTrue)
{
    click(m_ready[0]);
    for (int i = 1; i <= 3; ++i) {
        click(m_ready[i], Qt::ControlModifier);
    }
    ASSERT_EQ(m_window->selectedDealIds().size(), 4);
    auto* count = m_window->findChild<QLabel*>(QStringLiteral("selectionCount"));
    const auto selected = [this] {
        QList<DealId> ids = m_window->selectedDealIds();
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    m_db.service().pollExternalChanges(); // what this board has seen
    Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(m_db.path());
    ASSERT_TRUE(store.ok());
    Pipeline other(std::move(store.value()), std::make_shared<SystemClock>());

    // Bob moves one of them in his DealBoard.
    ASSERT_TRUE(other.deals().move(m_ready[1], Stage::Contacting, {std::nullopt, QStringLiteral("bob")}).ok());
    m_db.service().pollExternalChanges();
    ASSERT_TRUE(waitUntil([this] { return m_window->board().deal(m_ready[1])->stage == Stage::Contacting; }));
    EXPECT_EQ(selected(), (QList<DealId> {m_ready[0], m_ready[2], m_ready[3]}));
    EXPECT_EQ(count->text(), QStringLiteral("3 deals selected"));
    EXPECT_TRUE(m_window->statusBar()->currentMessage().startsWith(
        QStringLiteral("'Ready 2' left the selection: moved to Contacting by bob. 3 deals are still selected.")))
        << m_window->statusBar()->currentMessage().toStdString();

    // Another deletes one, and marks another lost (lost deals are hidden).
    ASSERT_TRUE(other.deals().remove(m_ready[2], {std::nullopt, QStringLiteral("bob")}).ok());
    ASSERT_TRUE(
        other.deals().lose(m_ready[3], QStringLiteral("No budget"), {std::nullopt, QStringLiteral("ann")}).ok());
    m_db.service().pollExternalChanges();
    ASSERT_TRUE(waitUntil([this] { return !m_window->board().deal(m_ready[2]).has_value(); }));
    EXPECT_EQ(selected(), QList<DealId> {m_ready[0]});
    EXPECT_EQ(count->text(), QStringLiteral("1 deal selected"));
    const QString said = m_window->statusBar()->currentMessage();
    EXPECT_TRUE(said.startsWith(QStringLiteral("2 deals left the selection: "))
                && said.contains(QStringLiteral("'Ready 3' deleted elsewhere"))
                && said.contains(QStringLiteral("'Ready 4' marked lost by ann")))
        << said.toStdString();

    // A filter hides some of a selection.
    click(m_ready[0]);
    click(m_ready[4], Qt::ControlModifier);
    click(m_unqualified, Qt::ControlModifier);
    ASSERT_EQ(m_window->selectedDealIds().size(), 3);
    QTest::keyClicks(m_window->findChild<QLineEdit*>(QStringLiteral("searchEdit")), QStringLiteral("ready"));
    ASSERT_TRUE(waitUntil([this] { return m_window->board().shownDeals() == 3; })); // Ready 1, 2 and 5
    EXPECT_EQ(selected(), (QList<DealId> {m_ready[0], m_ready[4]}));
    EXPECT_EQ(count->text(), QStringLiteral("2 deals selected"));
    EXPECT_TRUE(m_window->statusBar()->currentMessage().startsWith(
        QStringLiteral("'Not qualified' left the selection: hidden by the board's filters.")))
        << m_window->statusBar()->currentMessage().toStdString();
}

// An undo, and a redo, of an action on several deals says what it undid,
// naming the deals as the action itself does.
TEST_F(SeveralDealsBoardTest, AnUndoOfSeveralDealsSaysWhatItUndidNamingThem)
{
    click(m_ready[0]);
    click(m_ready[4], Qt::ShiftModifier);
    ASSERT_EQ(m_window->selectedDealIds().size(), 5);
    confirmSeveral();
    m_window->requestMove(m_window->selectedDealIds(), Stage::Contacting);
    const QString moved = m_window->statusBar()->currentMessage();
    EXPECT_TRUE(moved.contains(QStringLiteral("'Ready 5', 'Ready 4', 'Ready 3' and 2 more"))) << moved.toStdString();

    m_window->statusBar()->clearMessage();
    m_window->findChild<QAction*>(QStringLiteral("undoAction"))->trigger();
    ASSERT_EQ(stageOf(m_ready[0]), Stage::Qualifying);
    EXPECT_EQ(
        m_window->statusBar()->currentMessage(),
        QStringLiteral("Undid \u201cMove 5 deals to Contacting\u201d: 'Ready 5', 'Ready 4', 'Ready 3' and 2 more."));
    m_window->statusBar()->clearMessage();
    m_window->undoStack().redo();
    ASSERT_EQ(stageOf(m_ready[0]), Stage::Contacting);
    EXPECT_EQ(
        m_window->statusBar()->currentMessage(),
        QStringLiteral("Redid \u201cMove 5 deals to Contacting\u201d: 'Ready 5', 'Ready 4', 'Ready 3' and 2 more."));

    // Two deals marked lost: both named.
    click(m_ready[0]);
    click(m_ready[1], Qt::ControlModifier);
    answerNextDialog([](QWidget* dialog) {
        auto* input = qobject_cast<QInputDialog*>(dialog);
        ASSERT_NE(input, nullptr);
        input->setTextValue(QStringLiteral("No budget"));
        input->accept();
    });
    m_window->findChild<QAction*>(QStringLiteral("loseAction"))->trigger();
    ASSERT_EQ(m_db.service().deals().get(m_ready[0]).value().status, DealStatus::Lost);
    m_window->statusBar()->clearMessage();
    m_window->undoStack().undo();
    const QString undone = m_window->statusBar()->currentMessage();
    EXPECT_TRUE(undone.startsWith(QStringLiteral("Undid ")) && undone.contains(QStringLiteral("'Ready 1'"))
                && undone.contains(QStringLiteral("'Ready 2'")))
        << undone.toStdString();
}
