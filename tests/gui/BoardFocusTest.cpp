// The keyboard's ring and the selection on the board are on one card, so
// that Enter, the moves, Delete and Mark lost act on the card the rep sees:
// after Tab into another column, after a dialog, after a column collapses.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"
#include "board/BoardModel.h"
#include "board/DealListView.h"
#include "board/DealPane.h"
#include "board/StageColumn.h"
#include "board/StageColumnModel.h"
#include "dealboard/DealStore.h"
#include "dealboard/service/PipelineOpener.h"

#include <QAction>
#include <QDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

class BoardFocusTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_qualifying = m_db.create(QStringLiteral("Ringed nowhere"), Stage::Qualifying, TestDatabase::qualified()).id;
        m_contacting = m_db.create(QStringLiteral("Next door"), Stage::Contacting, TestDatabase::qualified()).id;
        m_window = std::make_unique<MainWindow>(m_db.service());
        ASSERT_TRUE(m_window->load().ok());
        m_window->resize(1400, 900);
        m_window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    }

    DealListView* view(Stage stage) const { return m_window->column(stage)->view(); }
    void click(DealId id, Qt::KeyboardModifiers modifiers = {})
    {
        const Stage stage = m_window->board().deal(id)->stage;
        const int row = m_window->board().column(stage)->rowOf(id);
        QTest::mouseClick(view(stage)->viewport(), Qt::LeftButton, modifiers,
                          view(stage)->visualRect(view(stage)->model()->index(row, 0)).center());
    }
    Stage stageOf(DealId id) { return m_db.service().deals().get(id).value().stage; }
    // The card the keyboard rings: the focused column's current card.
    std::optional<DealId> ringed() const
    {
        auto* focused = qobject_cast<DealListView*>(QApplication::focusWidget());
        return focused != nullptr ? focused->currentDealId() : std::nullopt;
    }

    TestDatabase m_db;
    DealId m_qualifying = 0;
    DealId m_contacting = 0;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

// Click a card, Tab into the next column: the ringed card is the selected
// one, and Ctrl+Shift+Left and Enter act on it, not on the card left behind.
TEST_F(BoardFocusTest, TabIntoAColumnSelectsTheRingedCardAndKeysActOnIt)
{
    click(m_qualifying);
    ASSERT_EQ(QApplication::focusWidget(), view(Stage::Qualifying));
    ASSERT_EQ(m_window->selectedDealIds(), QList<DealId> {m_qualifying});
    QTest::keyClick(view(Stage::Qualifying), Qt::Key_Tab);
    ASSERT_EQ(QApplication::focusWidget(), view(Stage::Contacting));
    EXPECT_EQ(ringed(), m_contacting);
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {m_contacting}) << "the ring and the selection differ";
    EXPECT_EQ(m_window->selectedDealId(), m_contacting);

    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(stageOf(m_contacting), Stage::Qualifying) << "the ringed card moves";
    EXPECT_EQ(stageOf(m_qualifying), Stage::Qualifying) << "the card left behind stays";
    EXPECT_EQ(ringed(), m_contacting);
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {m_contacting});

    // Back with Shift+Tab from Qualifying: Prospecting's card is ringed and
    // selected, and Enter opens it.
    const DealId left = m_db.create(QStringLiteral("Far left"), Stage::Prospecting).id;
    ASSERT_TRUE(waitUntil([&] { return m_window->board().column(Stage::Prospecting)->rowOf(left) >= 0; }, 8000));
    click(m_qualifying);
    QTest::keyClick(view(Stage::Qualifying), Qt::Key_Backtab, Qt::ShiftModifier);
    ASSERT_EQ(QApplication::focusWidget(), view(Stage::Prospecting));
    EXPECT_EQ(ringed(), left);
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {left});
    m_window->details()->show();
    QTest::keyClick(view(Stage::Prospecting), Qt::Key_Return);
    EXPECT_EQ(m_window->details()->dealId(), left);

    // Mark lost… after Tab: the ringed card is the one marked lost.
    click(m_qualifying);
    QTest::keyClick(view(Stage::Qualifying), Qt::Key_Backtab, Qt::ShiftModifier);
    ASSERT_EQ(ringed(), left);
    QString asked;
    answerNextDialog([&asked](QWidget* dialog) {
        auto* input = qobject_cast<QInputDialog*>(dialog);
        ASSERT_NE(input, nullptr);
        asked = input->labelText();
        input->setTextValue(QStringLiteral("No budget"));
        input->accept();
    });
    m_window->findChild<QAction*>(QStringLiteral("loseAction"))->trigger();
    EXPECT_TRUE(asked.contains(QStringLiteral("Far left"))) << asked.toStdString();
    EXPECT_EQ(m_db.service().deals().get(left).value().status, DealStatus::Lost);
    EXPECT_EQ(m_db.service().deals().get(m_qualifying).value().status, DealStatus::Open);
}

// Ctrl+Down leaves the ring on a card that is not selected: Enter and Delete
// act on that card, which becomes the selection first, as a click makes it.
TEST_F(BoardFocusTest, EnterAndDeleteActOnTheRingedCard)
{
    const DealId other = m_db.create(QStringLiteral("Below"), Stage::Qualifying, TestDatabase::qualified()).id;
    ASSERT_TRUE(waitUntil([&] { return m_window->board().column(Stage::Qualifying)->rowOf(other) >= 0; }, 8000));
    click(other); // newest first: at the top
    QTest::keyClick(view(Stage::Qualifying), Qt::Key_Down, Qt::ControlModifier);
    ASSERT_EQ(ringed(), m_qualifying);
    ASSERT_EQ(m_window->selectedDealIds(), QList<DealId> {other});
    QString asked;
    answerNextDialog([&asked](QWidget* dialog) {
        auto* box = qobject_cast<QMessageBox*>(dialog);
        asked = box->text();
        box->button(QMessageBox::Cancel) ? box->button(QMessageBox::Cancel)->click()
                                         : box->button(QMessageBox::No)->click();
    });
    QTest::keyClick(view(Stage::Qualifying), Qt::Key_Delete);
    EXPECT_TRUE(asked.contains(QStringLiteral("Ringed nowhere"))) << asked.toStdString();
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {m_qualifying});
    QTest::keyClick(view(Stage::Qualifying), Qt::Key_Up, Qt::ControlModifier);
    QTest::keyClick(view(Stage::Qualifying), Qt::Key_Return);
    EXPECT_EQ(m_window->details()->dealId(), other);
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {other});
}

// Back from a dialog, the keyboard is on the selected card, wherever Qt
// gives the focus back.
TEST_F(BoardFocusTest, BackFromADialogTheKeyboardIsOnTheSelectedCard)
{
    click(m_qualifying);
    view(Stage::Contacting)
        ->selectionModel()
        ->setCurrentIndex(view(Stage::Contacting)->model()->index(0, 0), QItemSelectionModel::NoUpdate);
    view(Stage::Contacting)->setFocus(Qt::ActiveWindowFocusReason);
    EXPECT_EQ(QApplication::focusWidget(), view(Stage::Qualifying));
    EXPECT_EQ(ringed(), m_qualifying);
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {m_qualifying});
}

// Collapse column on the column holding the selected card: it collapses,
// the card leaves the selection (said), the keyboard stays on the column's
// strip, and Enter there opens it again.
TEST_F(BoardFocusTest, CollapsingTheSelectedCardsColumnCollapsesItAndSaysSo)
{
    StageColumn* qualifying = m_window->column(Stage::Qualifying);
    click(m_qualifying);
    ASSERT_EQ(m_window->selectedDealId(), m_qualifying);
    m_window->details()->show();
    qualifying->menu()->findChild<QAction*>(QStringLiteral("collapseColumn"))->trigger();
    QTest::qWait(50);
    EXPECT_TRUE(qualifying->isCollapsed());
    EXPECT_TRUE(m_window->selectedDealIds().isEmpty());
    EXPECT_FALSE(m_window->selectedDealId().has_value());
    EXPECT_EQ(m_window->statusBar()->currentMessage(),
              QStringLiteral("'Ringed nowhere' left the selection: Qualifying is collapsed."));
    EXPECT_EQ(QApplication::focusWidget(), qualifying->strip()) << "the keyboard went elsewhere";
    EXPECT_FALSE(view(Stage::Contacting)->selectionModel()->hasSelection());

    QTest::keyClick(qualifying->strip(), Qt::Key_Return);
    EXPECT_FALSE(qualifying->isCollapsed());
    EXPECT_EQ(QApplication::focusWidget(), view(Stage::Qualifying));
    EXPECT_EQ(ringed(), m_qualifying);
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {m_qualifying});

    // One of two selected in other columns: the other stays selected.
    click(m_contacting, Qt::ControlModifier);
    ASSERT_EQ(m_window->selectedDealIds().size(), 2);
    qualifying->menu()->findChild<QAction*>(QStringLiteral("collapseColumn"))->trigger();
    EXPECT_TRUE(qualifying->isCollapsed());
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {m_contacting});
    EXPECT_EQ(m_window->selectedDealId(), m_contacting);
    EXPECT_EQ(
        m_window->statusBar()->currentMessage(),
        QStringLiteral("'Ringed nowhere' left the selection: Qualifying is collapsed. 1 deal is still selected."));
}

// Two cards selected and asked to move on; meanwhile another process moves
// one of them: once the refusal is closed, the keyboard rings the selected
// card, and Enter opens it, not a card the rep does not see selected.
TEST_F(BoardFocusTest, AfterARefusedMoveOfSeveralTheRingIsOnTheSelectedCard)
{
    const DealId second = m_db.create(QStringLiteral("Second"), Stage::Qualifying, TestDatabase::qualified()).id;
    const DealId third = m_db.create(QStringLiteral("Third"), Stage::Qualifying, TestDatabase::qualified()).id;
    ASSERT_TRUE(waitUntil([&] { return m_window->board().column(Stage::Qualifying)->rowOf(third) >= 0; }, 8000));
    click(m_qualifying);
    click(second, Qt::ControlModifier);
    ASSERT_EQ(m_window->selectedDealIds().size(), 2);
    m_db.service().pollExternalChanges();
    answerNextDialog(
        [&](QWidget* dialog) {
            Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(m_db.path());
            ASSERT_TRUE(store.ok());
            Pipeline other(std::move(store.value()), std::make_shared<SystemClock>());
            ASSERT_TRUE(other.deals().move(second, Stage::Contacting, {std::nullopt, QStringLiteral("eve")}).ok());
            m_db.service().pollExternalChanges();
            ASSERT_TRUE(waitUntil([&] { return m_window->board().deal(second)->stage == Stage::Contacting; }));
            answerNextDialog([](QWidget* refused) { static_cast<QDialog*>(refused)->reject(); });
            qobject_cast<QMessageBox*>(dialog)->button(QMessageBox::Yes)->click();
        },
        QStringLiteral("confirmSeveral"));
    m_window->findChild<QAction*>(QStringLiteral("moveNextAction"))->trigger();
    ASSERT_TRUE(waitUntil([] { return QApplication::activeModalWidget() == nullptr; }));
    m_window->activateWindow(); // as the window manager does once the dialog is gone
    ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    QTest::qWait(50);
    ASSERT_TRUE(ringed().has_value()) << "the keyboard left the board";
    ASSERT_TRUE(m_window->selectedDealId().has_value());
    EXPECT_EQ(*ringed(), *m_window->selectedDealId())
        << "ring on " << *ringed() << ", selected " << *m_window->selectedDealId();
    EXPECT_TRUE(m_window->selectedDealIds().contains(*ringed()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    EXPECT_EQ(m_window->details()->dealId(), *m_window->selectedDealId());
    EXPECT_NE(stageOf(third), Stage::Contacting);
}

// As a drag does it: two cards selected, the press on the other one, the
// move asked; meanwhile another process moves the deal the pane shows back
// to Prospecting. Once the refusal is closed, the ring is on a selected card.
TEST_F(BoardFocusTest, AfterADragOfSeveralRefusedTheRingIsOnTheSelectedCard)
{
    const DealId second = m_db.create(QStringLiteral("Second"), Stage::Qualifying, TestDatabase::qualified()).id;
    ASSERT_TRUE(waitUntil([&] { return m_window->board().column(Stage::Qualifying)->rowOf(second) >= 0; }, 8000));
    click(m_qualifying);
    click(second, Qt::ControlModifier);
    ASSERT_EQ(m_window->selectedDealId(), second);
    const int row = m_window->board().column(Stage::Qualifying)->rowOf(m_qualifying);
    const QPoint pressed
        = view(Stage::Qualifying)->visualRect(view(Stage::Qualifying)->model()->index(row, 0)).center();
    QTest::mousePress(view(Stage::Qualifying)->viewport(), Qt::LeftButton, {}, pressed);
    m_db.service().pollExternalChanges();
    answerNextDialog(
        [&](QWidget* dialog) {
            Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(m_db.path());
            ASSERT_TRUE(store.ok());
            Pipeline other(std::move(store.value()), std::make_shared<SystemClock>());
            ASSERT_TRUE(other.deals().move(second, Stage::Prospecting, {std::nullopt, QStringLiteral("boss")}).ok());
            answerNextDialog([](QWidget* refused) { static_cast<QDialog*>(refused)->reject(); });
            qobject_cast<QMessageBox*>(dialog)->button(QMessageBox::Yes)->click();
        },
        QStringLiteral("confirmSeveral"));
    m_window->requestMove(m_window->selectedDealIds(), Stage::Contacting); // as the drop does
    QTest::mouseRelease(view(Stage::Qualifying)->viewport(), Qt::LeftButton, {}, pressed);
    ASSERT_TRUE(waitUntil([] { return QApplication::activeModalWidget() == nullptr; }));
    m_db.service().pollExternalChanges();
    m_window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    QTest::qWait(50);
    const std::optional<DealId> ring = ringed();
    ASSERT_TRUE(ring.has_value()) << "the keyboard left the board";
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {*ring}) << "ring on " << *ring;
    EXPECT_EQ(m_window->selectedDealId(), ring);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    EXPECT_EQ(m_window->details()->dealId(), *ring);
}
