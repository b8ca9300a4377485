// The details pane, driven as a rep drives it: Enter or a double-click opens
// the deal's whole story, facts are edited in place (one undo step each, bad
// input refused where it was typed), notes are added with Ctrl+Enter, planned
// activities are rescheduled from the timeline, and Esc returns to the board.
#include "board/DealPane.h"

#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"
#include "board/BoardModel.h"
#include "board/DealListView.h"
#include "board/StageColumn.h"
#include "board/StageColumnModel.h"

#include <QAction>
#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QUndoStack>
#include <QUrl>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

class DealPaneTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_deal = m_db.create(QStringLiteral("Security audit"), Stage::Qualifying, TestDatabase::qualified());
        ASSERT_TRUE(m_db.service().deals().move(m_deal.id, Stage::Contacting).ok());
        ASSERT_TRUE(m_db.service().notes().add(m_deal.id, QStringLiteral("Budget approved by the CFO"), {}).ok());
        ActivityFields call;
        call.dealId = m_deal.id;
        call.kind = ActivityKind::Task;
        call.subject = QStringLiteral("Send the proposal");
        call.dueDate = QDate(2026, 3, 6);
        m_activity = m_db.service().activities().plan(call).value();
        m_window = std::make_unique<MainWindow>(m_db.service());
        ASSERT_TRUE(m_window->load().ok());
        m_window->resize(1280, 800);
        m_window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
    }

    DealListView* view() const { return m_window->column(Stage::Contacting)->view(); }
    DealPane* pane() const { return m_window->details(); }
    Deal stored() { return m_db.service().deals().get(m_deal.id).value(); }

    // Types into a fact's field and leaves it with Return, as a rep does.
    void typeInto(QLineEdit* field, const QString& text)
    {
        field->setFocus();
        field->selectAll();
        QTest::keyClicks(field, text);
        QTest::keyClick(field, Qt::Key_Return);
    }

    TestDatabase m_db;
    Deal m_deal;
    Activity m_activity;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

TEST_F(DealPaneTest, EnterOpensTheWholeStoryAndEscReturnsToTheBoard)
{
    ASSERT_FALSE(pane()->isVisible());
    m_window->selectDeal(m_deal.id);
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_Return);
    ASSERT_TRUE(waitUntil([this] { return pane()->isVisible(); }));
    EXPECT_EQ(pane()->dealId(), m_deal.id);
    EXPECT_EQ(QApplication::focusWidget(), pane()->titleEdit());
    EXPECT_EQ(pane()->titleEdit()->text(), QStringLiteral("Security audit"));

    const QString story = pane()->timeline()->toPlainText();
    const qsizetype planned = story.indexOf(QStringLiteral("Send the proposal"));
    const qsizetype note = story.indexOf(QStringLiteral("Budget approved by the CFO"));
    const qsizetype moved = story.indexOf(QStringLiteral("Qualifying → Contacting"));
    const qsizetype created = story.indexOf(QStringLiteral("Created in Qualifying"));
    EXPECT_TRUE(planned >= 0 && note > planned && moved > note && created > moved) << story.toStdString();
    EXPECT_TRUE(story.contains(QStringLiteral("Complete…"))) << story.toStdString();

    // Esc goes back to the card, which keeps its selection.
    QTest::keyClick(pane()->titleEdit(), Qt::Key_Escape);
    EXPECT_EQ(QApplication::focusWidget(), view());
    EXPECT_EQ(m_window->selectedDealId(), m_deal.id);
    EXPECT_TRUE(pane()->isVisible());
}

TEST_F(DealPaneTest, ADoubleClickOpensThePaneAndANoteIsAddedWithCtrlEnter)
{
    m_window->selectDeal(m_deal.id);
    const QRect card = view()->visualRect(view()->model()->index(0, 0));
    QTest::mouseDClick(view()->viewport(), Qt::LeftButton, {}, card.center());
    ASSERT_TRUE(waitUntil([this] { return pane()->isVisible(); }));

    // A control character is refused where it was typed; the text stays.
    pane()->noteEdit()->setFocus();
    pane()->noteEdit()->setPlainText(QStringLiteral("Rang twice\x07"));
    QTest::keyClick(pane()->noteEdit(), Qt::Key_Return, Qt::ControlModifier);
    EXPECT_TRUE(pane()->problem()->isVisible());
    EXPECT_TRUE(pane()->problem()->text().contains(QStringLiteral("control character")))
        << pane()->problem()->text().toStdString();
    EXPECT_EQ(m_db.service().notes().list(m_deal.id).value().size(), 1u);
    EXPECT_FALSE(pane()->noteEdit()->toPlainText().isEmpty());

    pane()->noteEdit()->selectAll();
    QTest::keyClicks(pane()->noteEdit(), QStringLiteral("Asked for two references"));
    QTest::keyClick(pane()->noteEdit(), Qt::Key_Return, Qt::ControlModifier);
    const std::vector<Note> notes = m_db.service().notes().list(m_deal.id).value();
    ASSERT_EQ(notes.size(), 2u);
    EXPECT_EQ(notes[0].text, QStringLiteral("Asked for two references"));
    EXPECT_TRUE(pane()->noteEdit()->toPlainText().isEmpty());
    EXPECT_FALSE(pane()->problem()->isVisible());
    const QString story = pane()->timeline()->toPlainText();
    EXPECT_LT(story.indexOf(QStringLiteral("Asked for two references")),
              story.indexOf(QStringLiteral("Budget approved by the CFO")))
        << story.toStdString();
}

TEST_F(DealPaneTest, FactsEditedInPlaceAreOneUndoStepEachAndRefusedInputChangesNothing)
{
    m_window->openDetails(m_deal.id);
    ASSERT_TRUE(pane()->isVisible());
    const int steps = m_window->undoStack().count();

    // The amount as the app shows it.
    typeInto(pane()->valueEdit(), QStringLiteral("12,500.50"));
    EXPECT_EQ(stored().value.minor, 1250050);
    EXPECT_EQ(m_window->undoStack().count(), steps + 1);
    auto* close = pane()->findChild<QLineEdit*>(QStringLiteral("detailsClose"));
    typeInto(close, QStringLiteral("2026-04-30"));
    EXPECT_EQ(stored().expectedClose, QDate(2026, 4, 30));
    EXPECT_EQ(m_window->undoStack().count(), steps + 2);

    // Bad input is refused in the pane and asks nothing of the service.
    const qint64 version = stored().version;
    typeInto(pane()->valueEdit(), QStringLiteral("12,50"));
    EXPECT_TRUE(pane()->problem()->isVisible());
    typeInto(close, QStringLiteral("30/04/2026"));
    EXPECT_TRUE(pane()->problem()->text().contains(QStringLiteral("YYYY-MM-DD")))
        << pane()->problem()->text().toStdString();
    QTest::keyClick(close, Qt::Key_Escape); // puts back what is stored
    EXPECT_EQ(close->text(), QStringLiteral("2026-04-30"));
    typeInto(pane()->titleEdit(), QStringLiteral(" "));
    EXPECT_TRUE(pane()->problem()->text().contains(QStringLiteral("needs a title")));
    EXPECT_EQ(stored().version, version);

    // The rules refuse taking the budget back from a deal past Qualifying;
    // the box shows what is stored again.
    auto* budget = pane()->findChild<QCheckBox*>(QStringLiteral("detailsBudget"));
    QTest::mouseClick(budget, Qt::LeftButton);
    EXPECT_TRUE(stored().qualification.budget);
    EXPECT_TRUE(budget->isChecked());
    EXPECT_TRUE(pane()->problem()->isVisible());
    EXPECT_EQ(stored().version, version);

    // One Ctrl+Z takes back the last edit only.
    m_window->undoStack().undo();
    EXPECT_FALSE(stored().expectedClose.isValid());
    EXPECT_EQ(stored().value.minor, 1250050);
    EXPECT_TRUE(waitUntil([&] { return close->text().isEmpty(); }));

    // The timeline tells each edit from the change log, with who made it;
    // the moves stay the history's, told once.
    const QString story = pane()->timeline()->toPlainText();
    EXPECT_TRUE(story.contains(QStringLiteral("Value 0 EUR → 12,500.50 EUR"))) << story.toStdString();
    EXPECT_TRUE(story.contains(QStringLiteral("Close date none → 2026-04-30"))) << story.toStdString();
    EXPECT_TRUE(story.contains(QStringLiteral("Close date 2026-04-30 → none"))) << story.toStdString();
    EXPECT_TRUE(story.contains(QStringLiteral("Edited · "))) << story.toStdString();
    EXPECT_EQ(story.count(QStringLiteral("Qualifying → Contacting")), 1) << story.toStdString();
}

TEST_F(DealPaneTest, APlannedActivityIsRescheduledFromTheTimeline)
{
    m_window->openDetails(m_deal.id);
    answerNextDialog([](QWidget* dialog) {
        dialog->findChild<QDateEdit*>(QStringLiteral("rescheduleDate"))->setDate(QDate(2026, 3, 10));
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    });
    Q_EMIT pane()->linkActivated(QUrl(QStringLiteral("reschedule:%1").arg(m_activity.id)));
    EXPECT_EQ(m_db.service().activities().get(m_activity.id).value().dueDate, QDate(2026, 3, 10));
    EXPECT_TRUE(pane()->timeline()->toPlainText().contains(QStringLiteral("10 Mar 2026")))
        << pane()->timeline()->toPlainText().toStdString();
}
