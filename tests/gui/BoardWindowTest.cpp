// The board window, driven like a rep drives it: drops, the missing-facts form,
// keyboard moves, undo and redo, search, deletion, and changes from the CLI.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "RawSql.h"
#include "TestDatabase.h"
#include "board/BoardModel.h"
#include "board/BoardStyle.h"
#include "board/CardDelegate.h"
#include "board/DealListView.h"
#include "board/StageColumn.h"
#include "board/StageColumnModel.h"
#include "common/Numbers.h"
#include "dealboard/TextRules.h"
#include "deals/MissingFactsDialog.h"

#include <QAction>
#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDrag>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>
#include <QUndoStack>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <thread>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

class BoardWindowTest : public ::testing::Test
{
protected:
    void open()
    {
        m_window = std::make_unique<MainWindow>(m_db.service());
        ASSERT_TRUE(m_window->load().ok());
        m_window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
    }

    // Drops the deal on a column through the model's own drag-and-drop entry points.
    void drop(DealId id, Stage target)
    {
        std::unique_ptr<QMimeData> mime(StageColumnModel::encodeDealIds({id}));
        ASSERT_TRUE(m_window->board().column(target)->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, {}));
    }

    Deal stored(DealId id) { return m_db.service().deals().get(id).value(); }

    TestDatabase m_db;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

TEST_F(BoardWindowTest, EmptyDatabaseShowsTheEmptyStateAndSampleLoads)
{
    open();
    auto* stack = m_window->findChild<QStackedWidget*>(QStringLiteral("boardStack"));
    ASSERT_NE(stack, nullptr);
    EXPECT_EQ(stack->currentWidget()->objectName(), QStringLiteral("emptyState"));
    auto* loadSample = m_window->findChild<QPushButton*>(QStringLiteral("emptyLoadSample"));
    ASSERT_NE(loadSample, nullptr);
    QTest::mouseClick(loadSample, Qt::LeftButton);
    EXPECT_EQ(m_db.service().deals().list().value().size(), 200u);
    EXPECT_NE(stack->currentWidget()->objectName(), QStringLiteral("emptyState"));
    EXPECT_EQ(m_window->board().dealCount(), 200);
}

TEST_F(BoardWindowTest, AllowedDropMovesTheDealInTheDatabase)
{
    const Deal deal = m_db.create(QStringLiteral("Qualified lead"), Stage::Qualifying, TestDatabase::qualified());
    open();
    drop(deal.id, Stage::Contacting);
    EXPECT_EQ(stored(deal.id).stage, Stage::Contacting);
    EXPECT_EQ(m_window->board().column(Stage::Contacting)->rowOf(deal.id), 0);
    EXPECT_EQ(m_window->board().column(Stage::Qualifying)->rowCount(), 0);
    EXPECT_EQ(m_window->undoStack().count(), 1);
    EXPECT_EQ(m_window->selectedDealId(), deal.id);
}

TEST_F(BoardWindowTest, RefusedDropOpensTheFormAndOkMovesWithTheFacts)
{
    const Deal deal = m_db.create(QStringLiteral("Unqualified lead"), Stage::Qualifying);
    open();
    bool sawForm = false;
    answerNextDialog([&sawForm](QWidget* dialog) {
        sawForm = qobject_cast<MissingFactsDialog*>(dialog) != nullptr;
        auto* ok = dialog->findChild<QPushButton*>(QStringLiteral("okButton"));
        ASSERT_NE(ok, nullptr);
        EXPECT_FALSE(ok->isEnabled()); // nothing confirmed yet
        // Exactly the three criteria are asked for: no value, no date.
        EXPECT_EQ(dialog->findChild<QLineEdit*>(QStringLiteral("valueEdit")), nullptr);
        EXPECT_EQ(dialog->findChild<QDateEdit*>(QStringLiteral("closeDateEdit")), nullptr);
        for (const char* name : {"willingCheck", "needCheck", "budgetCheck"}) {
            auto* check = dialog->findChild<QCheckBox*>(QString::fromLatin1(name));
            ASSERT_NE(check, nullptr) << name;
            QTest::mouseClick(check, Qt::LeftButton);
        }
        EXPECT_TRUE(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
    });
    drop(deal.id, Stage::Contacting);
    EXPECT_TRUE(sawForm);
    const Deal after = stored(deal.id);
    EXPECT_EQ(after.stage, Stage::Contacting);
    EXPECT_TRUE(after.qualification.complete());
    EXPECT_EQ(after.version, deal.version + 1); // facts and move: one write
    EXPECT_EQ(m_db.service().deals().history(deal.id).value().size(), 2u);
}

TEST_F(BoardWindowTest, FormAsksForValueAndDateWhenClosingNeedsThem)
{
    const Deal deal = m_db.create(QStringLiteral("Jump to closing"), Stage::Contacting, TestDatabase::qualified());
    open();
    answerNextDialog([](QWidget* dialog) {
        EXPECT_EQ(dialog->findChild<QCheckBox*>(QStringLiteral("budgetCheck")), nullptr);
        auto* value = dialog->findChild<QLineEdit*>(QStringLiteral("valueEdit"));
        auto* date = dialog->findChild<QDateEdit*>(QStringLiteral("closeDateEdit"));
        auto* ok = dialog->findChild<QPushButton*>(QStringLiteral("okButton"));
        ASSERT_TRUE(value && date && ok);
        QTest::keyClicks(value, QStringLiteral("12,5"));
        EXPECT_FALSE(ok->isEnabled()); // malformed: explained, not accepted
        value->clear();
        QTest::keyClicks(value, QStringLiteral("12,500.50")); // as the card shows amounts
        date->setDate(QDate(2026, 5, 20));
        EXPECT_TRUE(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
    });
    drop(deal.id, Stage::Closing);
    const Deal after = stored(deal.id);
    EXPECT_EQ(after.stage, Stage::Closing);
    EXPECT_EQ(after.value.minor, 1250050);
    EXPECT_EQ(after.expectedClose, QDate(2026, 5, 20));
}

TEST_F(BoardWindowTest, CancellingTheFormChangesNothing)
{
    const Deal deal = m_db.create(QStringLiteral("Stays put"), Stage::Qualifying);
    open();
    answerNextDialog([](QWidget* dialog) {
        QTest::mouseClick(dialog->findChild<QCheckBox*>(QStringLiteral("willingCheck")), Qt::LeftButton);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("cancelButton")), Qt::LeftButton);
    });
    drop(deal.id, Stage::Contacting);
    const Deal after = stored(deal.id);
    EXPECT_EQ(after.stage, Stage::Qualifying);
    EXPECT_FALSE(after.qualification.willing);
    EXPECT_EQ(after.version, deal.version);
    EXPECT_EQ(m_window->undoStack().count(), 0);
    EXPECT_EQ(m_window->board().column(Stage::Qualifying)->rowOf(deal.id), 0);
}

TEST_F(BoardWindowTest, UnfixableRefusalIsExplainedWithoutAForm)
{
    DealFields facts = TestDatabase::qualified();
    facts.valueMinor = 100;
    facts.expectedClose = QDate(2026, 4, 1);
    const Deal deal = m_db.create(QStringLiteral("Skips the close"), Stage::Negotiation, facts);
    open();
    drop(deal.id, Stage::Retention);
    EXPECT_EQ(QApplication::activeModalWidget(), nullptr);
    EXPECT_EQ(stored(deal.id).stage, Stage::Negotiation);
    EXPECT_TRUE(m_window->statusBar()->currentMessage().contains(QStringLiteral("no skipping the close")))
        << m_window->statusBar()->currentMessage().toStdString();
}

TEST_F(BoardWindowTest, KeyboardMovesTheSelectedDealUnderTheSameRules)
{
    const Deal deal = m_db.create(QStringLiteral("Keyboard"), Stage::Prospecting, TestDatabase::qualified());
    open();
    m_window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    m_window->selectDeal(deal.id);
    DealListView* view = m_window->column(Stage::Prospecting)->view();
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Right, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(stored(deal.id).stage, Stage::Qualifying);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(stored(deal.id).stage, Stage::Contacting);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(stored(deal.id).stage, Stage::Qualifying);
    EXPECT_EQ(m_window->selectedDealId(), deal.id);
}

TEST_F(BoardWindowTest, ArrowKeysWalkAcrossColumns)
{
    const Deal left = m_db.create(QStringLiteral("Left"));
    const Deal right = m_db.create(QStringLiteral("Right"), Stage::Qualifying);
    open();
    m_window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    m_window->selectDeal(left.id);
    m_window->column(Stage::Prospecting)->view()->setFocus();
    QTest::keyClick(m_window->column(Stage::Prospecting)->view(), Qt::Key_Right);
    EXPECT_EQ(m_window->selectedDealId(), right.id);
    EXPECT_EQ(QApplication::focusWidget(), m_window->column(Stage::Qualifying)->view());
}

// The history keeps the step, marked undone, and the undo on its own row; a
// redo undoes the undo: the step stands again, the undo is marked undone, and
// the redo's own row names the undo.
TEST_F(BoardWindowTest, UndoAndRedoOfAMoveAreKeptInTheHistory)
{
    const Deal deal = m_db.create(QStringLiteral("Undo me"), Stage::Qualifying, TestDatabase::qualified());
    open();
    drop(deal.id, Stage::Contacting);
    ASSERT_EQ(stored(deal.id).stage, Stage::Contacting);
    m_window->undoStack().undo();
    EXPECT_EQ(stored(deal.id).stage, Stage::Qualifying);
    EXPECT_EQ(m_window->board().column(Stage::Qualifying)->rowOf(deal.id), 0);
    m_window->undoStack().redo();
    EXPECT_EQ(stored(deal.id).stage, Stage::Contacting);
    const std::vector<HistoryEntry> history = m_db.service().deals().history(deal.id).value();
    ASSERT_EQ(history.size(), 4u);
    EXPECT_TRUE(history[1].counts());
    EXPECT_EQ(history[2].fromStage, Stage::Contacting);
    EXPECT_EQ(history[2].toStage, Stage::Qualifying);
    EXPECT_EQ(history[2].undoes, history[1].id);
    EXPECT_TRUE(history[2].undone);
    EXPECT_EQ(history[3].toStage, Stage::Contacting);
    EXPECT_EQ(history[3].undoes, history[2].id);
}

TEST_F(BoardWindowTest, SearchFiltersTheCardsAsTheUserTypes)
{
    m_db.create(QStringLiteral("Acme renewal"));
    m_db.create(QStringLiteral("Globex expansion"));
    m_db.create(QStringLiteral("Acme support"), Stage::Qualifying);
    open();
    auto* search = m_window->findChild<QLineEdit*>(QStringLiteral("searchEdit"));
    ASSERT_NE(search, nullptr);
    QTest::keyClicks(search, QStringLiteral("acme"));
    StageColumnModel* prospecting = m_window->board().column(Stage::Prospecting);
    ASSERT_TRUE(waitUntil([prospecting] { return prospecting->rowCount() == 1; }));
    EXPECT_EQ(prospecting->dealAt(0)->title, QStringLiteral("Acme renewal"));
    EXPECT_EQ(m_window->board().column(Stage::Qualifying)->rowCount(), 1);
    search->clear();
    ASSERT_TRUE(waitUntil([prospecting] { return prospecting->rowCount() == 2; }));
}

// A pasted page in the search box is named by its start, and never widens
// the window past the screen.
TEST_F(BoardWindowTest, ALongSearchNeverWidensTheWindow)
{
    m_db.create(QStringLiteral("Acme renewal"));
    open();
    const int before = m_window->width();
    auto* search = m_window->findChild<QLineEdit*>(QStringLiteral("searchEdit"));
    ASSERT_NE(search, nullptr);
    search->setText(QString(3600, QLatin1Char('w')) + QStringLiteral("\U0001F600"));
    auto* note = m_window->findChild<QLabel*>(QStringLiteral("filterNoteText"));
    ASSERT_NE(note, nullptr);
    ASSERT_TRUE(waitUntil([note] { return note->isVisible(); }));
    EXPECT_LT(note->text().size(), 200) << note->text().size();
    EXPECT_TRUE(note->text().contains(QStringLiteral("\u2026")));
    EXPECT_LE(m_window->width(), before);
    EXPECT_LE(m_window->minimumSizeHint().width(), before);
    search->clear();
    QApplication::processEvents();
    EXPECT_LE(m_window->width(), before);
}

TEST_F(BoardWindowTest, DeleteAsksFirstAndUndoBringsTheDealBack)
{
    const Deal deal = m_db.create(QStringLiteral("Delete me"));
    open();
    m_window->selectDeal(deal.id);
    DealListView* view = m_window->column(Stage::Prospecting)->view();
    answerNextDialog([](QWidget* dialog) {
        auto* box = qobject_cast<QMessageBox*>(dialog);
        ASSERT_NE(box, nullptr);
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    });
    QTest::keyClick(view, Qt::Key_Delete);
    EXPECT_TRUE(m_db.service().deals().get(deal.id).ok());

    answerNextDialog([](QWidget* dialog) {
        QTest::mouseClick(qobject_cast<QMessageBox*>(dialog)->button(QMessageBox::Yes), Qt::LeftButton);
    });
    QTest::keyClick(view, Qt::Key_Delete);
    EXPECT_FALSE(m_db.service().deals().get(deal.id).ok());
    EXPECT_EQ(m_window->board().column(Stage::Prospecting)->rowCount(), 0);
    m_window->undoStack().undo();
    EXPECT_EQ(stored(deal.id).title, QStringLiteral("Delete me"));
    EXPECT_EQ(m_window->board().column(Stage::Prospecting)->rowOf(deal.id), 0);
}

// A deal's own win probability, set in its form: the card shows it beside
// the value, the column's weighted total follows, and undo puts the stage's
// probability back.
TEST_F(BoardWindowTest, ADealsOwnProbabilityFromItsFormShowsOnTheBoardAndUndoes)
{
    DealFields fields = TestDatabase::qualified();
    fields.valueMinor = 1000000;
    const Deal deal = m_db.create(QStringLiteral("Probable"), Stage::Negotiation, fields);
    open();
    auto weighted = [this] {
        return m_window->board().totals(Stage::Negotiation).perCurrency.value(QStringLiteral("EUR")).second;
    };
    EXPECT_EQ(weighted(), 600000); // the stage's 60 %
    m_window->selectDeal(deal.id);
    answerNextDialog([](QWidget* dialog) {
        auto* spin = dialog->findChild<QSpinBox*>(QStringLiteral("probabilitySpin"));
        ASSERT_NE(spin, nullptr);
        EXPECT_EQ(spin->text(), QStringLiteral("the stage's"));
        spin->setValue(25);
        dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttons"))->button(QDialogButtonBox::Save)->click();
    });
    m_window->findChild<QAction*>(QStringLiteral("editDealAction"))->trigger();
    EXPECT_EQ(stored(deal.id).probabilityPercent, std::optional<int>(25));
    EXPECT_EQ(weighted(), 250000);
    m_window->openDetails(deal.id);
    const QString summary = m_window->findChild<QLabel*>(QStringLiteral("detailsSummary"))->text();
    EXPECT_TRUE(summary.contains(QStringLiteral("25 % (its own), weighted 2,500 EUR"))) << summary.toStdString();
    m_window->undoStack().undo();
    EXPECT_EQ(stored(deal.id).probabilityPercent, std::nullopt);
    EXPECT_EQ(weighted(), 600000);
}

TEST_F(BoardWindowTest, NewDealDialogExplainsBadInputAndSavesNothingUntilFixed)
{
    open();
    answerNextDialog([](QWidget* dialog) {
        auto* buttons = dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttons"));
        auto* title = dialog->findChild<QLineEdit*>(QStringLiteral("titleEdit"));
        auto* value = dialog->findChild<QLineEdit*>(QStringLiteral("valueEdit"));
        auto* titleProblem = dialog->findChild<QLabel*>(QStringLiteral("titleProblem"));
        auto* valueProblem = dialog->findChild<QLabel*>(QStringLiteral("valueProblem"));
        ASSERT_TRUE(buttons && title && value && titleProblem && valueProblem);
        QTest::keyClicks(value, QStringLiteral("-40"));
        buttons->button(QDialogButtonBox::Save)->click();
        EXPECT_TRUE(dialog->isVisible());
        EXPECT_TRUE(titleProblem->isVisible());
        EXPECT_TRUE(valueProblem->text().contains(QStringLiteral("negative"))) << valueProblem->text().toStdString();
        QTest::keyClicks(title, QStringLiteral("Brand new"));
        value->clear();
        QTest::keyClicks(value, QStringLiteral("2500"));
        buttons->button(QDialogButtonBox::Save)->click();
        auto* saveProblem = dialog->findChild<QLabel*>(QStringLiteral("saveProblem"));
        EXPECT_FALSE(dialog->isVisible())
            << titleProblem->text().toStdString() << "|" << valueProblem->text().toStdString() << "|"
            << saveProblem->text().toStdString();
    });
    m_window->findChild<QAction*>(QStringLiteral("newDealAction"))->trigger();
    const std::vector<Deal> deals = m_db.service().deals().list().value();
    ASSERT_EQ(deals.size(), 1u);
    EXPECT_EQ(deals[0].title, QStringLiteral("Brand new"));
    EXPECT_EQ(deals[0].value.minor, 250000);
    m_window->undoStack().undo();
    EXPECT_TRUE(m_db.service().deals().list().value().empty());
    m_window->undoStack().redo();
    EXPECT_EQ(m_db.service().deals().list().value().size(), 1u);
}

TEST_F(BoardWindowTest, MoveMadeWithTheCliAppearsOnTheOpenBoardKeepingTheSelection)
{
    const Deal deal = m_db.create(QStringLiteral("Moved by a script"), Stage::Prospecting, TestDatabase::qualified());
    open();
    m_window->selectDeal(deal.id);
    QProcess cli;
    cli.start(QStringLiteral(DEALBOARD_CLI_PATH),
              {QStringLiteral("--db"), m_db.path(), QStringLiteral("move"), QString::number(deal.id),
               QStringLiteral("contacting")});
    ASSERT_TRUE(cli.waitForFinished(30000));
    ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
    StageColumnModel* contacting = m_window->board().column(Stage::Contacting);
    ASSERT_TRUE(waitUntil([contacting, &deal] { return contacting->rowOf(deal.id) == 0; }, 5000));
    EXPECT_EQ(m_window->board().column(Stage::Prospecting)->rowCount(), 0);
    EXPECT_EQ(m_window->selectedDealId(), deal.id);
    EXPECT_EQ(m_window->column(Stage::Contacting)->view()->currentIndex().row(), 0);
}

TEST_F(BoardWindowTest, ColumnHeadersNeverAddUpDifferentCurrencies)
{
    DealFields euros;
    euros.valueMinor = 100000;
    m_db.create(QStringLiteral("In euros"), Stage::Prospecting, euros);
    DealFields dollars;
    dollars.valueMinor = 50000;
    dollars.currency = QStringLiteral("USD");
    m_db.create(QStringLiteral("In dollars"), Stage::Prospecting, dollars);
    open();
    const QString summary = m_window->column(Stage::Prospecting)->headerSummary();
    EXPECT_TRUE(summary.contains(QStringLiteral("EUR: total 1,000 EUR"))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("USD: total 500 USD"))) << summary.toStdString();
}

// A won deal converts at the rate of the day it was won, as in the reports:
// won before the first rate of its currency, it is named, not converted at
// today's rate; an open deal of that currency converts at today's.
TEST_F(BoardWindowTest, AColumnConvertsAWonDealAtItsWonDaysRate)
{
    DealFields dollars = TestDatabase::qualified();
    dollars.valueMinor = 50000;
    dollars.currency = QStringLiteral("USD");
    dollars.expectedClose = QDate(2026, 3, 31);
    const Deal won = m_db.create(QStringLiteral("Won in dollars"), Stage::Qualifying, dollars);
    for (Stage stage : {Stage::Contacting, Stage::Relationship, Stage::Negotiation, Stage::Closing}) {
        ASSERT_TRUE(m_db.service().deals().move(won.id, stage).ok());
    }
    ASSERT_TRUE(m_db.service().deals().win(won.id).ok());
    m_db.create(QStringLiteral("Open in dollars"), Stage::Prospecting, dollars);
    m_db.clock().advanceSeconds(4 * 86400);
    ASSERT_TRUE(m_db.service().rates().setRate(QStringLiteral("USD"), QDate(2026, 3, 5), RateFraction {9, 10}).ok());
    m_db.clock().advanceSeconds(86400);
    open();
    const StageTotals retention = m_window->board().totals(Stage::Retention);
    EXPECT_EQ(retention.valueMinor, 0);
    EXPECT_EQ(retention.conversion.unconvertedDeals(), 1);
    const StageTotals prospecting = m_window->board().totals(Stage::Prospecting);
    EXPECT_EQ(prospecting.valueMinor, 45000);
    EXPECT_EQ(prospecting.conversion.unconvertedDeals(), 0);
}

// Without a rate for a currency, a column's one total leaves its deals out
// and says so beside the total, in the tooltip and on the toolbar.
TEST_F(BoardWindowTest, AColumnNamesTheDealsNoRateConverts)
{
    DealFields euros;
    euros.valueMinor = 100000;
    m_db.create(QStringLiteral("In euros"), Stage::Prospecting, euros);
    DealFields other;
    other.valueMinor = 50000;
    other.currency = QStringLiteral("USD");
    m_db.create(QStringLiteral("In dollars"), Stage::Prospecting, other);
    other.currency = QStringLiteral("JPY");
    m_db.create(QStringLiteral("In yen"), Stage::Prospecting, other);
    open();
    const StageTotals totals = m_window->board().totals(Stage::Prospecting);
    EXPECT_EQ(totals.currency, QStringLiteral("EUR"));
    EXPECT_EQ(totals.valueMinor, 100000);
    EXPECT_EQ(totals.conversion.unconvertedDeals(), 2);
    const QString summary = m_window->column(Stage::Prospecting)->headerSummary();
    EXPECT_TRUE(summary.contains(QStringLiteral("Total 1,000 EUR"))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("not converted, no rate: 1 deal in JPY"), Qt::CaseInsensitive))
        << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("1 deal in USD"))) << summary.toStdString();
    auto* line = m_window->findChild<QLabel*>(QStringLiteral("pipelineSummary"));
    ASSERT_NE(line, nullptr);
    EXPECT_TRUE(line->text().contains(QStringLiteral("EUR + 2 deals unconverted (JPY, USD)")))
        << line->text().toStdString();
    // The column's header says it short enough for its width.
    auto* header = m_window->column(Stage::Prospecting)->findChild<QLabel*>(QStringLiteral("columnTotals"));
    ASSERT_NE(header, nullptr);
    EXPECT_TRUE(header->text().contains(QStringLiteral("EUR<br>+ 2 in 2 currencies<br>weighted")))
        << header->text().toStdString();
    EXPECT_LE(header->sizeHint().width(), m_window->column(Stage::Prospecting)->width())
        << header->text().toStdString();
}

TEST_F(BoardWindowTest, ImportAddsTheDealsOrExplainsAndChangesNothing)
{
    open();
    const QString bad = m_db.folder() + QStringLiteral("/bad.csv");
    {
        QFile out(bad);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write("title,stage\nGood,prospecting\nBad,nowhere\n");
    }
    QString shown;
    answerNextDialog([&shown](QWidget* dialog) {
        auto* box = qobject_cast<QMessageBox*>(dialog);
        ASSERT_NE(box, nullptr);
        shown = box->text() + QLatin1Char('\n') + box->detailedText();
        box->accept();
    });
    m_window->importFile(bad);
    EXPECT_TRUE(shown.contains(QStringLiteral("Line 3, column 2 (stage)"))) << shown.toStdString();
    EXPECT_TRUE(m_db.service().deals().list().value().empty());

    const QString good = m_db.folder() + QStringLiteral("/good.csv");
    {
        QFile out(good);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write("title,stage,willing,need,budget\nImported lead,contacting,yes,yes,yes\n");
    }
    m_window->importFile(good);
    ASSERT_EQ(m_db.service().deals().list().value().size(), 1u);
    EXPECT_EQ(m_window->board().column(Stage::Contacting)->rowCount(), 1);
}

// A drop selects the dropped card; pressing another card of that column and
// dragging it must drag the card under the pointer, never the selected one.
TEST_F(BoardWindowTest, DragTakesTheCardUnderThePointer)
{
    const Deal first = m_db.create(QStringLiteral("First"), Stage::Prospecting);
    const Deal second = m_db.create(QStringLiteral("Second"), Stage::Prospecting);
    const Deal dropped = m_db.create(QStringLiteral("Dropped"), Stage::Qualifying, TestDatabase::qualified());
    open();
    DealListView* view = m_window->column(Stage::Prospecting)->view();
    {
        // The drop arrives as the window system delivers it.
        std::unique_ptr<QMimeData> mime(StageColumnModel::encodeDealIds({dropped.id}));
        const QPointF at(view->viewport()->rect().center());
        QDragEnterEvent enter(at.toPoint(), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &enter);
        QDragMoveEvent over(at.toPoint(), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &over);
        QDropEvent dropped(at, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &dropped);
    }
    ASSERT_EQ(m_window->board().column(Stage::Prospecting)->rowCount(), 3);
    EXPECT_EQ(view->currentDealId(), dropped.id);
    {
        // Merely passing over the column after the drop starts no drag.
        QList<DealId> dragged;
        const auto connection
            = QObject::connect(view, &DealListView::dragStarting, view, [&](const QList<DealId>& ids) {
                  dragged = ids;
                  QTimer::singleShot(0, view, [] { QDrag::cancel(); });
              });
        for (int step = 1; step <= 4; ++step) {
            const QPointF at(10 + step * 15, 10 + step * 15);
            QMouseEvent move(QEvent::MouseMove, at, view->viewport()->mapToGlobal(at), Qt::NoButton, Qt::NoButton,
                             Qt::NoModifier);
            QApplication::sendEvent(view->viewport(), &move);
        }
        QObject::disconnect(connection);
        EXPECT_TRUE(dragged.isEmpty()) << "a drag started without a pressed button";
    }

    for (const Deal& target : {first, second}) {
        const int row = m_window->board().column(Stage::Prospecting)->rowOf(target.id);
        const QRect card = view->visualRect(view->model()->index(row, 0));
        ASSERT_TRUE(card.isValid());
        QList<DealId> dragged;
        const auto connection
            = QObject::connect(view, &DealListView::dragStarting, view, [&](const QList<DealId>& ids) {
                  dragged = ids;
                  QTimer::singleShot(0, view, [] { QDrag::cancel(); });
              });
        const QPoint from = card.center();
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
        for (int step = 1; step <= 4; ++step) {
            QMouseEvent move(QEvent::MouseMove, QPointF(from + QPoint(step * 10, step * 6)),
                             view->viewport()->mapToGlobal(QPointF(from + QPoint(step * 10, step * 6))), Qt::NoButton,
                             Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(view->viewport(), &move);
        }
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, from + QPoint(40, 24));
        QObject::disconnect(connection);
        EXPECT_EQ(dragged, QList<DealId> {target.id}) << target.title.toStdString();
    }
}

// Stored text is shown as the rep typed it, never read as markup.
TEST_F(BoardWindowTest, TitlesThatLookLikeMarkupAreShownAsPlainText)
{
    const QString title = QStringLiteral("<b>x</b><img src='/etc/passwd'>");
    const Deal deal = m_db.create(title);
    open();
    m_window->selectDeal(deal.id);
    bool shownLiterally = false;
    answerNextDialog([&](QWidget* dialog) {
        auto* box = qobject_cast<QMessageBox*>(dialog);
        ASSERT_NE(box, nullptr);
        for (QLabel* label : box->findChildren<QLabel*>()) {
            if (label->text().contains(title)) {
                shownLiterally = label->textFormat() == Qt::PlainText;
            }
        }
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    });
    QTest::keyClick(m_window->column(Stage::Prospecting)->view(), Qt::Key_Delete);
    EXPECT_TRUE(shownLiterally);
}

TEST_F(BoardWindowTest, ADealOutsideTheStagesIsNotPlacedSilently)
{
    const Deal deal = m_db.create(QStringLiteral("Stray"));
    m_db.close();
    runRawSql(m_db.path(),
              {QStringLiteral("PRAGMA ignore_check_constraints = ON"),
               QStringLiteral("UPDATE deals SET stage = 'limbo' WHERE id = %1").arg(deal.id)});
    m_db.reopen();
    open();
    EXPECT_TRUE(m_window->statusBar()->currentMessage().contains(QStringLiteral("1 deal(s) have a stage or status")))
        << m_window->statusBar()->currentMessage().toStdString();
}

// While a card is dragged over a column, the column shows how the drop would
// be received: green allowed, amber needs facts, red refused.
TEST_F(BoardWindowTest, ColumnsHighlightHowADropWouldBeReceived)
{
    const Deal deal = m_db.create(QStringLiteral("Lead"), Stage::Qualifying);
    open();
    auto borderColour = [&](Stage stage) {
        StageColumn* column = m_window->column(stage);
        const QImage picture = column->grab().toImage();
        return picture.pixelColor(picture.width() / 2, picture.height() - 12); // below the cards
    };
    const std::vector<std::pair<Stage, QColor>> cases = {
        {Stage::Prospecting, QColor(0xe6, 0xf4, 0xec)}, // green tint
        {Stage::Contacting, QColor(0xfd, 0xf3, 0xe3)}, // amber tint
        {Stage::Retention, QColor(0xfb, 0xe9, 0xe9)}, // red tint
    };
    std::unique_ptr<QMimeData> mime(StageColumnModel::encodeDealIds({deal.id}));
    for (const auto& [stage, colour] : cases) {
        const QColor before = borderColour(stage);
        QWidget* viewport = m_window->column(stage)->view()->viewport();
        QDragEnterEvent enter(viewport->rect().center(), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &enter);
        EXPECT_EQ(borderColour(stage), colour) << stageSlug(stage).toStdString();
        QDragLeaveEvent leave;
        QApplication::sendEvent(viewport, &leave);
        EXPECT_EQ(borderColour(stage), before) << stageSlug(stage).toStdString();
    }
}

// The form's problem line is shown whole, however long the reason.
TEST_F(BoardWindowTest, MissingFactsProblemIsShownWhole)
{
    DealFields qualified = TestDatabase::qualified();
    const Deal deal = m_db.create(QStringLiteral("Valueless"), Stage::Contacting, qualified);
    open();
    MissingFactsDialog dialog(deal, Stage::Negotiation, {Requirement::Value}, QDate(2026, 3, 2), m_window.get());
    dialog.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
    auto* value = dialog.findChild<QLineEdit*>(QStringLiteral("valueEdit"));
    auto* problem = dialog.findChild<QLabel*>(QStringLiteral("valueProblem"));
    ASSERT_NE(value, nullptr);
    ASSERT_NE(problem, nullptr);
    QTest::keyClicks(value, QStringLiteral("12,500.00 euros"));
    QApplication::processEvents();
    ASSERT_TRUE(problem->isVisible());
    EXPECT_TRUE(problem->text().contains(QStringLiteral("Write it like 1234.50")));
    EXPECT_GE(problem->height(), problem->heightForWidth(problem->width())) << problem->text().toStdString();
    EXPECT_TRUE(
        dialog.rect().contains(problem->geometry().translated(problem->parentWidget()->mapTo(&dialog, QPoint()))));
}

// Labels read as written: a percent sign once, an '&' in a title as itself in
// the Undo menu, the toolbar counting every open deal in every currency.
TEST_F(BoardWindowTest, FiguresAndLabelsReadAsWritten)
{
    DealFields dollars;
    dollars.currency = QStringLiteral("USD");
    dollars.valueMinor = 100000;
    m_db.create(QStringLiteral("In dollars"), Stage::Prospecting, dollars);
    const Deal deal = m_db.create(QStringLiteral("Smith & Sons, a very long title that would run past the menu"),
                                  Stage::Qualifying, TestDatabase::qualified());
    open();
    auto* summary = m_window->findChild<QLabel*>(QStringLiteral("pipelineSummary"));
    ASSERT_NE(summary, nullptr);
    EXPECT_TRUE(summary->text().startsWith(QStringLiteral("2 open deals"))) << summary->text().toStdString();
    EXPECT_TRUE(summary->text().contains(QStringLiteral("USD"))) << summary->text().toStdString();

    auto* header = m_window->column(Stage::Qualifying)->findChild<QWidget*>(QStringLiteral("columnHeader"));
    ASSERT_NE(header, nullptr);
    EXPECT_TRUE(header->toolTip().contains(QStringLiteral("Win probability 10 % (the default);")))
        << header->toolTip().toStdString();

    drop(deal.id, Stage::Contacting);
    auto* undo = m_window->findChild<QAction*>(QStringLiteral("undoAction"));
    ASSERT_NE(undo, nullptr);
    EXPECT_TRUE(undo->text().contains(QStringLiteral("Smith && Sons"))) << undo->text().toStdString();
    EXPECT_LE(undo->text().size(), 70) << undo->text().toStdString();
}

// A move while another process writes for a while: the board waits, shows it
// is busy, and the move lands.
TEST_F(BoardWindowTest, AMoveWaitsVisiblyForAnotherWriter)
{
    const Deal deal = m_db.create(QStringLiteral("Patient"), Stage::Qualifying, TestDatabase::qualified());
    open();
    std::atomic<bool> locked = false;
    std::thread writer([&] {
        sqlite3* handle = nullptr;
        sqlite3_open(QFile::encodeName(m_db.path()).constData(), &handle);
        sqlite3_exec(handle, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        locked = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(1800));
        sqlite3_exec(handle, "COMMIT", nullptr, nullptr, nullptr);
        sqlite3_close(handle);
    });
    while (!locked) {
        std::this_thread::yield();
    }
    drop(deal.id, Stage::Contacting);
    const bool busyShown
        = QApplication::overrideCursor() != nullptr && QApplication::overrideCursor()->shape() == Qt::WaitCursor;
    writer.join();
    EXPECT_TRUE(busyShown);
    EXPECT_EQ(stored(deal.id).stage, Stage::Contacting);
    QApplication::processEvents();
    EXPECT_EQ(QApplication::overrideCursor(), nullptr);
}

TEST(CardTitle, ACardCallsTheDealByItsOwnNameWhenTheTitleStartsWithTheCompany)
{
    EXPECT_EQ(CardDelegate::ownName(QStringLiteral("Hooli Labs cloud migration"), QStringLiteral("Hooli Labs")),
              QStringLiteral("Cloud migration"));
    EXPECT_EQ(CardDelegate::ownName(QStringLiteral("ACME - renewal 2027"), QStringLiteral("Acme")),
              QStringLiteral("Renewal 2027"));
    // Only at the end of a word, only with something left, only with a company.
    EXPECT_EQ(CardDelegate::ownName(QStringLiteral("Acmeplex upgrade"), QStringLiteral("Acme")),
              QStringLiteral("Acmeplex upgrade"));
    EXPECT_EQ(CardDelegate::ownName(QStringLiteral("Acme"), QStringLiteral("Acme")), QStringLiteral("Acme"));
    EXPECT_EQ(CardDelegate::ownName(QStringLiteral("Acme: "), QStringLiteral("Acme")), QStringLiteral("Acme: "));
    EXPECT_EQ(CardDelegate::ownName(QStringLiteral("Renewal"), QString()), QStringLiteral("Renewal"));
    EXPECT_EQ(CardDelegate::ownName(QStringLiteral("Support for Acme"), QStringLiteral("Acme")),
              QStringLiteral("Support for Acme"));
}

TEST_F(BoardWindowTest, OnASmallScreenColumnsKeepAReadableWidthAndTheBoardScrolls)
{
    m_db.create(QStringLiteral("Hooli Labs cloud migration"), Stage::Prospecting);
    open();
    m_window->resize(1024, 700);
    // The window fits the screen: no page of it (the Reports filters are the
    // widest) asks for more than 1024 pixels.
    ASSERT_TRUE(waitUntil([this] { return m_window->width() == 1024; }))
        << "the window is " << m_window->width() << " wide, at least " << m_window->minimumSizeHint().width();
    QApplication::processEvents();
    for (Stage stage : AllStages) {
        EXPECT_GE(m_window->column(stage)->width(), BoardStyle::ColumnMinimumWidth) << stageSlug(stage).toStdString();
    }
    auto* scroll = m_window->findChild<QScrollArea*>(QStringLiteral("boardScroll"));
    ASSERT_NE(scroll, nullptr);
    EXPECT_GT(scroll->horizontalScrollBar()->maximum(), 0); // the last columns are a scroll away, not squeezed
}

TEST_F(BoardWindowTest, ARefusedDropIsExplainedAtTheColumnItWasAimedAtUntilTheNextAction)
{
    const Deal deal = m_db.create(QStringLiteral("Qualified lead"), Stage::Qualifying, TestDatabase::qualified());
    open();
    StageColumn* retention = m_window->column(Stage::Retention);
    EXPECT_FALSE(retention->showsRefusal());
    drop(deal.id, Stage::Retention); // only from Closing: nothing the rep can supply here
    EXPECT_EQ(stored(deal.id).stage, Stage::Qualifying);
    ASSERT_TRUE(retention->showsRefusal());
    EXPECT_TRUE(retention->refusalText().contains(QStringLiteral("Can't move 'Qualified lead' to Customer Retention")))
        << retention->refusalText().toStdString();
    EXPECT_TRUE(retention->isAncestorOf(retention->findChild<QWidget*>(QStringLiteral("refusalNote"))));
    EXPECT_TRUE(retention->findChild<QWidget*>(QStringLiteral("refusalNote"))->isVisible());
    EXPECT_FALSE(m_window->column(Stage::Contacting)->showsRefusal());

    // The close button dismisses it; so does the next action.
    QTest::mouseClick(retention->findChild<QToolButton*>(QStringLiteral("refusalClose")), Qt::LeftButton);
    EXPECT_FALSE(retention->showsRefusal());
    drop(deal.id, Stage::Retention);
    ASSERT_TRUE(retention->showsRefusal());
    drop(deal.id, Stage::Contacting);
    EXPECT_FALSE(retention->showsRefusal());
    EXPECT_EQ(stored(deal.id).stage, Stage::Contacting);
}

// Ctrl+Shift+Right through the missing-facts form: the moved card is the one
// selected, and the keyboard is on it, so the next Enter opens that deal and
// the next move moves it alone.
TEST_F(BoardWindowTest, AMoveThroughTheFormLeavesTheMovedCardSelectedWithTheFocus)
{
    const Deal lead = m_db.create(QStringLiteral("Unqualified lead"), Stage::Qualifying);
    const Deal neighbour = m_db.create(QStringLiteral("Neighbour"), Stage::Qualifying);
    open();
    m_window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    m_window->selectDeal(lead.id);
    DealListView* qualifying = m_window->column(Stage::Qualifying)->view();
    DealListView* contacting = m_window->column(Stage::Contacting)->view();
    qualifying->setFocus();
    answerNextDialog([](QWidget* dialog) {
        for (const char* name : {"willingCheck", "needCheck", "budgetCheck"}) {
            QTest::mouseClick(dialog->findChild<QCheckBox*>(QString::fromLatin1(name)), Qt::LeftButton);
        }
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("okButton")), Qt::LeftButton);
    });
    QTest::keyClick(qualifying, Qt::Key_Right, Qt::ControlModifier | Qt::ShiftModifier);
    ASSERT_EQ(stored(lead.id).stage, Stage::Contacting);
    m_window->activateWindow(); // back from the form
    ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    ASSERT_TRUE(waitUntil([contacting] { return QApplication::focusWidget() == contacting; }))
        << (QApplication::focusWidget() ? QApplication::focusWidget()->objectName().toStdString() : "nothing");
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {lead.id});
    EXPECT_EQ(contacting->currentDealId(), lead.id);

    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {lead.id});
    EXPECT_EQ(m_window->selectedDealId(), lead.id);
    // The next move, back on the board, moves it alone.
    QTest::keyClick(contacting, Qt::Key_Right, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(stored(lead.id).stage, nextStage(Stage::Contacting));
    EXPECT_EQ(stored(neighbour.id).stage, Stage::Qualifying);
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {lead.id});
}

// A filtered board says how much it shows, and one click shows everything.
TEST_F(BoardWindowTest, AFilteredBoardSaysHowManyItShowsAndClearShowsAll)
{
    m_db.create(QStringLiteral("Acme renewal"));
    m_db.create(QStringLiteral("Acme support"), Stage::Qualifying);
    m_db.create(QStringLiteral("Globex expansion"));
    open();
    auto* note = m_window->findChild<QWidget*>(QStringLiteral("filterNote"));
    auto* noteText = m_window->findChild<QLabel*>(QStringLiteral("filterNoteText"));
    ASSERT_TRUE(note && noteText);
    EXPECT_FALSE(note->isVisible());
    auto* search = m_window->findChild<QLineEdit*>(QStringLiteral("searchEdit"));
    QTest::keyClicks(search, QStringLiteral("globex"));
    ASSERT_TRUE(waitUntil([note] { return note->isVisible(); }));
    EXPECT_TRUE(noteText->text().startsWith(QStringLiteral("Showing 1 of 3 deals"))) << noteText->text().toStdString();
    EXPECT_TRUE(noteText->text().contains(QStringLiteral("globex"))) << noteText->text().toStdString();

    QTest::mouseClick(m_window->findChild<QPushButton*>(QStringLiteral("clearFiltersButton")), Qt::LeftButton);
    EXPECT_FALSE(note->isVisible());
    EXPECT_TRUE(search->text().isEmpty());
    EXPECT_EQ(m_window->board().shownDeals(), 3);
}

// Filters, search, sorts and collapsed columns belong to the pipeline: the
// next pipeline opened starts unfiltered, and the first comes back as left.
TEST_F(BoardWindowTest, FiltersSearchAndSortsAreRememberedPerPipeline)
{
    m_db.create(QStringLiteral("Acme renewal"));
    m_db.create(QStringLiteral("Globex expansion"));
    open();
    QTest::keyClicks(m_window->findChild<QLineEdit*>(QStringLiteral("searchEdit")), QStringLiteral("acme"));
    ASSERT_TRUE(waitUntil([this] { return m_window->board().shownDeals() == 1; }));
    m_window->column(Stage::Prospecting)->menu()->findChild<QAction*>(QStringLiteral("sort_value"))->trigger();
    m_window->column(Stage::Qualifying)->menu()->findChild<QAction*>(QStringLiteral("collapseColumn"))->trigger();
    m_window->close(); // as the rep closes it

    TestDatabase other;
    for (int i = 0; i < 5; ++i) {
        other.create(QStringLiteral("Other %1").arg(i));
    }
    MainWindow second(other.service());
    ASSERT_TRUE(second.load().ok());
    second.show();
    EXPECT_TRUE(second.findChild<QLineEdit*>(QStringLiteral("searchEdit"))->text().isEmpty());
    EXPECT_EQ(second.board().shownDeals(), 5);
    EXPECT_FALSE(second.findChild<QWidget*>(QStringLiteral("filterNote"))->isVisible());
    EXPECT_EQ(second.board().sort(Stage::Prospecting), ColumnSort::Newest);
    EXPECT_FALSE(second.column(Stage::Qualifying)->isCollapsed());

    open();
    EXPECT_EQ(m_window->findChild<QLineEdit*>(QStringLiteral("searchEdit"))->text(), QStringLiteral("acme"));
    EXPECT_EQ(m_window->board().shownDeals(), 1);
    EXPECT_TRUE(m_window->findChild<QWidget*>(QStringLiteral("filterNote"))->isVisible());
    EXPECT_EQ(m_window->board().sort(Stage::Prospecting), ColumnSort::Value);
    EXPECT_TRUE(m_window->column(Stage::Qualifying)->isCollapsed());
}

// A column sorted by value, close date, days in stage or next activity; the
// selection stays on its card.
TEST_F(BoardWindowTest, AColumnSortsByValueCloseDateDaysInStageAndNextActivity)
{
    auto make = [this](const char* title, qint64 value, QDate close) {
        DealFields fields;
        fields.valueMinor = value;
        fields.expectedClose = close;
        const Deal deal = m_db.create(QString::fromLatin1(title), Stage::Prospecting, fields);
        m_db.clock().advanceSeconds(3600);
        return deal.id;
    };
    const DealId oldest = make("Oldest", 500, QDate(2026, 9, 1));
    const DealId biggest = make("Biggest", 90000, QDate(2026, 4, 1));
    const DealId newest = make("Newest", 100, QDate());
    ActivityFields call;
    call.dealId = newest;
    call.kind = ActivityKind::Call;
    call.subject = QStringLiteral("Call back");
    call.dueDate = QDate(2026, 3, 3);
    ASSERT_TRUE(m_db.service().activities().plan(call, true).ok());
    open();
    m_window->selectDeal(biggest);
    StageColumnModel* column = m_window->board().column(Stage::Prospecting);
    auto order = [column] {
        QList<DealId> ids;
        for (int row = 0; row < column->rowCount(); ++row) {
            ids << column->dealAt(row)->id;
        }
        return ids;
    };
    EXPECT_EQ(order(), (QList<DealId> {newest, biggest, oldest}));
    QMenu* menu = m_window->column(Stage::Prospecting)->menu();
    const std::vector<std::pair<const char*, QList<DealId>>> cases = {
        {"sort_value", {biggest, oldest, newest}},  {"sort_close", {biggest, oldest, newest}},
        {"sort_days", {oldest, biggest, newest}},   {"sort_activity", {newest, biggest, oldest}},
        {"sort_newest", {newest, biggest, oldest}},
    };
    for (const auto& [name, expected] : cases) {
        menu->findChild<QAction*>(QString::fromLatin1(name))->trigger();
        EXPECT_EQ(order(), expected) << name;
        EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {biggest}) << name;
    }
    // A change that moves a card in its sort puts it in its place.
    menu->findChild<QAction*>(QStringLiteral("sort_value"))->trigger();
    DealFields bigger;
    bigger.valueMinor = 1000000;
    ASSERT_TRUE(m_db.service().deals().edit(oldest, bigger).ok());
    EXPECT_EQ(order(), (QList<DealId> {oldest, biggest, newest}));
}

// A collapsed column is a narrow strip that still says its count and total;
// a click opens it again.
TEST_F(BoardWindowTest, ACollapsedColumnIsANarrowStripWithItsCountAndTotal)
{
    DealFields value;
    value.valueMinor = 1250000;
    m_db.create(QStringLiteral("One"), Stage::Qualifying, value);
    m_db.create(QStringLiteral("Two"), Stage::Qualifying, value);
    open();
    m_window->resize(1400, 800);
    StageColumn* qualifying = m_window->column(Stage::Qualifying);
    const int wide = qualifying->width();
    qualifying->menu()->findChild<QAction*>(QStringLiteral("collapseColumn"))->trigger();
    QApplication::processEvents();
    ASSERT_TRUE(qualifying->isCollapsed());
    EXPECT_LE(qualifying->width(), StageColumn::StripWidth);
    EXPECT_LT(qualifying->width(), wide);
    EXPECT_FALSE(qualifying->view()->isVisible());
    ASSERT_TRUE(qualifying->strip()->isVisible());
    EXPECT_EQ(qualifying->strip()->accessibleName(),
              QStringLiteral("Qualifying · 2 · %1 EUR").arg(Numbers::compact(2500000, u"EUR")));
    QTest::mouseClick(qualifying->strip(), Qt::LeftButton);
    EXPECT_FALSE(qualifying->isCollapsed());
    EXPECT_TRUE(qualifying->view()->isVisible());

    // A card moved into a collapsed column opens it: the selected card is in sight.
    const Deal mover = m_db.create(QStringLiteral("Mover"), Stage::Prospecting);
    qualifying->setCollapsed(true);
    drop(mover.id, Stage::Qualifying);
    ASSERT_EQ(stored(mover.id).stage, Stage::Qualifying);
    EXPECT_FALSE(qualifying->isCollapsed());
    EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {mover.id});
}

// Tabbing into a column shows which card the keyboard is on.
TEST_F(BoardWindowTest, TabbingIntoTheBoardShowsWhereTheKeyboardIs)
{
    m_db.create(QStringLiteral("Focus me"));
    open();
    m_window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    DealListView* view = m_window->column(Stage::Prospecting)->view();
    m_window->findChild<QLineEdit*>(QStringLiteral("searchEdit"))->setFocus();
    const QImage before = view->viewport()->grab().toImage();
    // From the tabs, one Tab reaches the first column's cards (not a column
    // menu's button, nor the area around the columns).
    m_window->tabs()->tabBar()->setFocus(Qt::TabFocusReason);
    QTest::keyClick(m_window->tabs()->tabBar(), Qt::Key_Tab);
    ASSERT_EQ(QApplication::focusWidget(), view)
        << (QApplication::focusWidget() ? QApplication::focusWidget()->metaObject()->className() : "nothing");
    ASSERT_TRUE(view->currentIndex().isValid());
    const QImage after = view->viewport()->grab().toImage();
    int ring = 0;
    for (int y = 0; y < after.height(); ++y) {
        for (int x = 0; x < after.width(); ++x) {
            ring += after.pixelColor(x, y) == BoardStyle::focusRing() ? 1 : 0;
        }
    }
    EXPECT_GT(ring, 20) << "no focus ring drawn";
    EXPECT_NE(before, after);
}

// A title stored with a right-to-left override before the rule is drawn with
// the character written out, exactly as that written-out text is drawn.
TEST_F(BoardWindowTest, ACardWritesOutInvisibleCharactersStoredBeforeTheRule)
{
    if (m_db.path().startsWith(QLatin1String("postgresql://"))) {
        GTEST_SKIP() << "the card is drawn the same from either backend";
    }
    const QString stored = QStringLiteral("Invoice ") + QChar(0x202E) + QStringLiteral("gpj.exe review");
    const Deal tricked = m_db.create(QStringLiteral("placeholder one"));
    const Deal plain = m_db.create(QStringLiteral("placeholder two"));
    m_db.close();
    runRawSql(
        m_db.path(),
        {QStringLiteral("PRAGMA ignore_check_constraints = ON"),
         QStringLiteral("UPDATE deals SET title = '%1' WHERE id = %2").arg(stored).arg(tricked.id),
         QStringLiteral("UPDATE deals SET title = '%1' WHERE id = %2").arg(TextRules::shown(stored)).arg(plain.id)});
    m_db.reopen();
    open();
    StageColumnModel* column = m_window->board().column(Stage::Prospecting);
    const QModelIndex index = column->index(column->rowOf(tricked.id));
    EXPECT_FALSE(index.data(Qt::DisplayRole).toString().contains(QChar(0x202E)));
    EXPECT_TRUE(index.data(Qt::DisplayRole).toString().contains(QStringLiteral("202e"), Qt::CaseInsensitive));
    EXPECT_FALSE(index.data(Qt::ToolTipRole).toString().contains(QChar(0x202E)));
    auto paint = [this, column](DealId id) {
        DealListView* view = m_window->column(Stage::Prospecting)->view();
        QStyleOptionViewItem option;
        option.rect = QRect(0, 0, 260, BoardStyle::CardHeight);
        option.font = view->font();
        option.palette = view->palette();
        QImage image(option.rect.size(), QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        view->itemDelegate()->paint(&painter, option, column->index(column->rowOf(id)));
        return image;
    };
    EXPECT_EQ(paint(tricked.id), paint(plain.id));
}

// A fact someone else sets while the rep fills in the missing-facts form is
// theirs: the move is saved with the rep's other facts, over the deal as it
// is now, and the rep is told which of theirs was not saved.
TEST_F(BoardWindowTest, AFactSetElsewhereWhileTheFormIsOpenIsNotOverwritten)
{
    DealFields facts = TestDatabase::qualified();
    facts.valueMinor = 900000;
    const Deal deal = m_db.create(QStringLiteral("Fleet renewal"), Stage::Negotiation, facts);
    ASSERT_FALSE(deal.expectedClose.isValid());
    open();
    m_window->selectDeal(deal.id);
    DealListView* negotiation = m_window->column(Stage::Negotiation)->view();
    negotiation->setFocus();
    const QDate theirs(2027, 3, 3);
    answerNextDialog([this, &deal, theirs](QWidget* dialog) {
        auto* date = dialog->findChild<QDateEdit*>(QStringLiteral("closeDateEdit"));
        ASSERT_NE(date, nullptr);
        ASSERT_NE(date->date(), theirs);
        DealFields eve;
        eve.expectedClose = theirs;
        ASSERT_TRUE(m_db.service().deals().edit(deal.id, eve, {std::nullopt, QStringLiteral("Eve")}).ok());
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("okButton")), Qt::LeftButton);
    });
    QTest::keyClick(negotiation, Qt::Key_Right, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(stored(deal.id).stage, Stage::Closing);
    EXPECT_EQ(stored(deal.id).expectedClose, theirs);
    const QString said = m_window->statusBar()->currentMessage();
    EXPECT_TRUE(said.contains(QStringLiteral("close date set meanwhile is kept"))) << said.toStdString();
}

// The open details pane follows its deal when it moves by an undo or in
// another process, and the selection count drops a deal deleted elsewhere.
TEST_F(BoardWindowTest, ThePaneFollowsItsDealAndTheCountDropsADealDeletedElsewhere)
{
    const Deal deal = m_db.create(QStringLiteral("Follow me"), Stage::Qualifying, TestDatabase::qualified());
    open();
    m_window->openDetails(deal.id);
    auto* summary = m_window->findChild<QLabel*>(QStringLiteral("detailsSummary"));
    ASSERT_NE(summary, nullptr);
    ASSERT_TRUE(summary->text().contains(QStringLiteral("Qualifying"))) << summary->text().toStdString();
    drop(deal.id, Stage::Contacting);
    ASSERT_TRUE(waitUntil([summary] { return summary->text().contains(QStringLiteral("Contacting")); }))
        << summary->text().toStdString();
    m_window->undoStack().undo();
    EXPECT_TRUE(waitUntil([summary] { return summary->text().contains(QStringLiteral("Qualifying")); }))
        << summary->text().toStdString();

    auto* count = m_window->findChild<QLabel*>(QStringLiteral("selectionCount"));
    ASSERT_NE(count, nullptr);
    ASSERT_EQ(count->text(), QStringLiteral("1 deal selected"));
    ASSERT_TRUE(m_db.service().deals().remove(deal.id, {std::nullopt, QStringLiteral("Eve")}).ok());
    EXPECT_TRUE(waitUntil([count] { return count->isHidden(); })) << count->text().toStdString();
}

// A fact the rep was not asked for changes while the missing-facts form is
// open (willing to buy set to no by another process): the move can't be made
// as the deal is now. The form comes back with the rep's ticks, saying what
// changed and who changed it; the rep decides, and nothing is lost.
void formBackAfterAChangeMeanwhile(TestDatabase& db, MainWindow& window, bool confirm)
{
    DealFields facts;
    facts.willing = true;
    const Deal deal = db.create(QStringLiteral("Fleet renewal"), Stage::Qualifying, facts);
    ASSERT_TRUE(waitUntil([&] { return window.board().deal(deal.id).has_value(); }, 8000));
    window.selectDeal(deal.id);
    DealListView* qualifying = window.column(Stage::Qualifying)->view();
    qualifying->setFocus();
    auto stored = [&] { return db.service().deals().get(deal.id).value(); };
    bool askedAgain = false;
    answerNextDialog([&](QWidget* dialog) {
        auto* need = dialog->findChild<QCheckBox*>(QStringLiteral("needCheck"));
        auto* budget = dialog->findChild<QCheckBox*>(QStringLiteral("budgetCheck"));
        ASSERT_TRUE(need && budget);
        ASSERT_EQ(dialog->findChild<QCheckBox*>(QStringLiteral("willingCheck")), nullptr);
        need->setChecked(true);
        budget->setChecked(true);
        QProcess cli;
        cli.start(QStringLiteral(DEALBOARD_CLI_PATH),
                  {QStringLiteral("--db"), db.path(), QStringLiteral("qualify"), QString::number(deal.id),
                   QStringLiteral("--willing"), QStringLiteral("no"), QStringLiteral("--actor"),
                   QStringLiteral("eve")});
        ASSERT_TRUE(cli.waitForFinished(30000));
        ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
        answerNextDialog([&](QWidget* again) {
            askedAgain = true;
            auto* willing = again->findChild<QCheckBox*>(QStringLiteral("willingCheck"));
            auto* needAgain = again->findChild<QCheckBox*>(QStringLiteral("needCheck"));
            auto* budgetAgain = again->findChild<QCheckBox*>(QStringLiteral("budgetCheck"));
            auto* changed = again->findChild<QLabel*>(QStringLiteral("changedMeanwhile"));
            auto* cancel = again->findChild<QPushButton*>(QStringLiteral("cancelButton"));
            if (!willing || !needAgain || !budgetAgain || !changed) {
                ADD_FAILURE() << "the form came back without its fields";
                cancel->click();
                return;
            }
            EXPECT_TRUE(needAgain->isChecked()); // the rep's ticks, kept
            EXPECT_TRUE(budgetAgain->isChecked());
            EXPECT_FALSE(willing->isChecked());
            EXPECT_TRUE(changed->isVisible());
            const QString said = changed->text();
            EXPECT_TRUE(said.contains(QStringLiteral("Willing to buy: now no, was yes"))) << said.toStdString();
            EXPECT_TRUE(said.contains(QStringLiteral("by eve"))) << said.toStdString();
            EXPECT_EQ(stored().stage, Stage::Qualifying); // nothing saved yet
            EXPECT_FALSE(stored().qualification.need);
            if (confirm) {
                willing->setChecked(true);
                QTest::mouseClick(again->findChild<QPushButton*>(QStringLiteral("okButton")), Qt::LeftButton);
            } else {
                QTest::mouseClick(cancel, Qt::LeftButton);
            }
        });
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("okButton")), Qt::LeftButton);
    });
    QTest::keyClick(qualifying, Qt::Key_Right, Qt::ControlModifier | Qt::ShiftModifier);
    ASSERT_TRUE(waitUntil([&] { return askedAgain; }));
    const Deal after = stored();
    EXPECT_EQ(after.stage, confirm ? Stage::Contacting : Stage::Qualifying);
    EXPECT_EQ(after.qualification.willing, confirm);
    EXPECT_EQ(after.qualification.need, confirm);
}

TEST_F(BoardWindowTest, AFactChangedWhileTheFormIsOpenBringsTheFormBackAndTheRepConfirms)
{
    if (m_db.onServer()) {
        GTEST_SKIP() << "the other change is made by dealboard-cli on a file";
    }
    open();
    formBackAfterAChangeMeanwhile(m_db, *m_window, true);
}

TEST_F(BoardWindowTest, AFactChangedWhileTheFormIsOpenBringsTheFormBackAndTheRepCancels)
{
    if (m_db.onServer()) {
        GTEST_SKIP() << "the other change is made by dealboard-cli on a file";
    }
    open();
    formBackAfterAChangeMeanwhile(m_db, *m_window, false);
}

// A lost reason holding a direction character is refused with the dialog
// kept open on what was typed, the character named; fixed, it is saved.
// The follow-up title is asked the same way.
TEST_F(BoardWindowTest, ARefusedLostReasonOrFollowUpTitleKeepsItsDialogWithTheText)
{
    const Deal deal = m_db.create(QStringLiteral("Fleet renewal"), Stage::Prospecting);
    open();
    m_window->selectDeal(deal.id);
    const QString typed = QStringLiteral("Chose \u202Erival");
    bool fixed = false;
    answerNextDialog([&](QWidget* dialog) {
        auto* input = qobject_cast<QInputDialog*>(dialog);
        ASSERT_NE(input, nullptr);
        input->setTextValue(typed);
        answerNextDialog([&](QWidget* again) {
            auto* asked = qobject_cast<QInputDialog*>(again);
            ASSERT_NE(asked, nullptr);
            EXPECT_EQ(asked->textValue(), typed);
            EXPECT_TRUE(asked->labelText().contains(QStringLiteral("U+202E"))) << asked->labelText().toStdString();
            EXPECT_EQ(stored(deal.id).status, DealStatus::Open);
            asked->setTextValue(QStringLiteral("Chose a rival"));
            fixed = true;
            asked->accept();
        });
        input->accept();
    });
    m_window->findChild<QAction*>(QStringLiteral("loseAction"))->trigger();
    ASSERT_TRUE(fixed);
    EXPECT_EQ(stored(deal.id).status, DealStatus::Lost);
    EXPECT_EQ(stored(deal.id).lostReason, QStringLiteral("Chose a rival"));

    DealFields closing = TestDatabase::qualified();
    closing.valueMinor = 900000;
    closing.expectedClose = QDate(2026, 12, 1);
    const Deal origin = m_db.create(QStringLiteral("Cloud move"), Stage::Closing, closing);
    ASSERT_TRUE(m_db.service().deals().win(origin.id).ok());
    ASSERT_TRUE(waitUntil(
        [&] {
            const std::optional<Deal> shown = m_window->board().deal(origin.id);
            return shown.has_value() && shown->status == DealStatus::Won;
        },
        8000));
    m_window->selectDeal(origin.id);
    const QString title = QStringLiteral("Follow-up \u2066upsell");
    bool retitled = false;
    answerNextDialog([&](QWidget* dialog) {
        auto* input = qobject_cast<QInputDialog*>(dialog);
        ASSERT_NE(input, nullptr);
        input->setTextValue(title);
        answerNextDialog([&](QWidget* again) {
            auto* asked = qobject_cast<QInputDialog*>(again);
            ASSERT_NE(asked, nullptr);
            EXPECT_EQ(asked->textValue(), title);
            EXPECT_TRUE(asked->labelText().contains(QStringLiteral("U+2066"))) << asked->labelText().toStdString();
            asked->setTextValue(QStringLiteral("Follow-up upsell"));
            retitled = true;
            asked->accept();
        });
        input->accept();
    });
    m_window->findChild<QAction*>(QStringLiteral("followUpAction"))->trigger();
    ASSERT_TRUE(retitled);
    const std::vector<Deal> all = m_db.service().deals().list().value();
    EXPECT_TRUE(std::any_of(all.begin(), all.end(), [](const Deal& d) { return d.title == u"Follow-up upsell"; }));
}

// The deal form shows a stored invisible character written out, as the pane
// does. Saved unchanged, nothing is saved; an edit keeping the marker is
// refused under the title, naming it; with the marker deleted the character
// goes, and a marker typed anew is plain text.
TEST_F(BoardWindowTest, TheDealFormTreatsAWrittenOutCharacterAsThePaneDoes)
{
    if (m_db.onServer()) {
        GTEST_SKIP() << "the server's guards refuse such text even from its owner";
    }
    const Deal deal = m_db.create(QStringLiteral("Invoice review"), Stage::Prospecting);
    const QString title = QStringLiteral("Invoice \u202Egpj.exe review");
    runRawSql(m_db.path(),
              {QStringLiteral("UPDATE deals SET title = 'Invoice ' || char(8238) || "
                              "'gpj.exe review', version = version + 1 WHERE id = %1")
                   .arg(deal.id)});
    ASSERT_EQ(stored(deal.id).title, title);
    open();
    m_window->selectDeal(deal.id);
    const std::int64_t version = stored(deal.id).version;
    auto edit = [this](const std::function<void(QLineEdit*, QDialogButtonBox*, QLabel*)>& answer) {
        answerNextDialog([&answer](QWidget* dialog) {
            auto* titleEdit = dialog->findChild<QLineEdit*>(QStringLiteral("titleEdit"));
            auto* buttons = dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttons"));
            auto* problem = dialog->findChild<QLabel*>(QStringLiteral("titleProblem"));
            ASSERT_TRUE(titleEdit && buttons && problem);
            answer(titleEdit, buttons, problem);
        });
        m_window->findChild<QAction*>(QStringLiteral("editDealAction"))->trigger();
    };
    edit([](QLineEdit* field, QDialogButtonBox* buttons, QLabel*) {
        EXPECT_EQ(field->text(), QStringLiteral("Invoice <U+202E>gpj.exe review"));
        buttons->button(QDialogButtonBox::Save)->click();
    });
    EXPECT_EQ(stored(deal.id).version, version); // unchanged: nothing saved
    EXPECT_EQ(stored(deal.id).title, title);

    edit([](QLineEdit* field, QDialogButtonBox* buttons, QLabel* problem) {
        field->setText(QStringLiteral("Invoice <U+202E>gpj.exe reviews"));
        buttons->button(QDialogButtonBox::Save)->click();
        EXPECT_TRUE(field->window()->isVisible()); // kept open, with the text
        EXPECT_TRUE(problem->isVisible());
        EXPECT_TRUE(problem->text().contains(QStringLiteral("<U+202E>"))) << problem->text().toStdString();
        field->setText(QStringLiteral("Invoice gpj.exe reviews"));
        buttons->button(QDialogButtonBox::Save)->click();
    });
    EXPECT_EQ(stored(deal.id).title, QStringLiteral("Invoice gpj.exe reviews"));

    edit([](QLineEdit* field, QDialogButtonBox* buttons, QLabel*) {
        field->setText(QStringLiteral("Escapes like <U+202E> explained"));
        buttons->button(QDialogButtonBox::Save)->click();
    });
    EXPECT_EQ(stored(deal.id).title, QStringLiteral("Escapes like <U+202E> explained"));
}

// An activity whose subject is refused (a direction character) is said, and
// its form comes back with what was typed, not lost.
TEST_F(BoardWindowTest, ARefusedActivitySubjectBringsItsFormBackWithTheText)
{
    const Deal deal = m_db.create(QStringLiteral("Fleet renewal"), Stage::Prospecting);
    open();
    m_window->selectDeal(deal.id);
    const QString typed = QStringLiteral("Call \u202Eback");
    QString said;
    bool askedAgain = false;
    answerNextDialog(
        [&](QWidget* dialog) {
            auto* subject = dialog->findChild<QLineEdit*>(QStringLiteral("activitySubject"));
            ASSERT_NE(subject, nullptr);
            subject->setText(typed);
            answerNextDialog(
                [&](QWidget* box) {
                    said = qobject_cast<QMessageBox*>(box)->text();
                    answerNextDialog(
                        [&](QWidget* again) {
                            auto* subjectAgain = again->findChild<QLineEdit*>(QStringLiteral("activitySubject"));
                            ASSERT_NE(subjectAgain, nullptr);
                            askedAgain = true;
                            EXPECT_EQ(subjectAgain->text(), typed);
                            subjectAgain->setText(QStringLiteral("Call back"));
                            qobject_cast<QDialog*>(again)->accept();
                        },
                        QStringLiteral("activityDialog"));
                    qobject_cast<QMessageBox*>(box)->accept();
                },
                QStringLiteral("activityNotSaved"));
            qobject_cast<QDialog*>(dialog)->accept();
        },
        QStringLiteral("activityDialog"));
    m_window->findChild<QAction*>(QStringLiteral("planActivityAction"))->trigger();
    EXPECT_TRUE(said.contains(QStringLiteral("U+202E"))) << said.toStdString();
    ASSERT_TRUE(askedAgain);
    ActivityFilter ofDeal;
    ofDeal.dealId = deal.id;
    const std::vector<Activity> planned = m_db.service().activities().list(ofDeal).value();
    ASSERT_EQ(planned.size(), 1u);
    EXPECT_EQ(planned.front().subject, QStringLiteral("Call back"));
}

// A card moved into a far column, by a drop, by keys or through the
// missing-facts form, is brought into sight on a 1024×768 screen, across
// too, and has the keyboard.
TEST_F(BoardWindowTest, ACardMovedIntoAFarColumnIsScrolledIntoViewAndHasTheFocus)
{
    DealFields ready = TestDatabase::qualified();
    ready.valueMinor = 1'250'000;
    ready.expectedClose = QDate(2026, 4, 30);
    DealFields bigger = ready;
    bigger.valueMinor = 5'000'000;
    for (int i = 0; i < 30; ++i) {
        m_db.create(QStringLiteral("Closing %1").arg(i), Stage::Closing, bigger); // a long column to land in
    }
    const Deal dropped = m_db.create(QStringLiteral("Dropped far"), Stage::Prospecting, ready);
    const Deal keyed = m_db.create(QStringLiteral("Moved by keys"), Stage::Negotiation, ready);
    DealFields noDate = ready;
    noDate.expectedClose.reset();
    const Deal formed = m_db.create(QStringLiteral("Moved through the form"), Stage::Prospecting, noDate);
    open();
    m_window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    m_window->resize(QSize(1024, 740) - (m_window->frameGeometry().size() - m_window->size()));
    QTest::qWait(50);
    auto* scroll = m_window->findChild<QScrollArea*>(QStringLiteral("boardScroll"));
    ASSERT_NE(scroll, nullptr);
    // Sorted by value, the cards moved in land at the bottom, below the thirty.
    m_window->board().setSort(Stage::Closing, ColumnSort::Value);
    // The card, whole, within the board's sight, and the keyboard on it.
    const auto inSight = [&](DealId id) {
        const std::optional<Deal> deal = m_window->board().deal(id);
        DealListView* view = m_window->column(deal->stage)->view();
        const QModelIndex index = view->model()->index(m_window->board().column(deal->stage)->rowOf(id), 0);
        const QRect card = view->visualRect(index);
        const QRect onBoard(view->viewport()->mapTo(scroll->viewport(), card.topLeft()), card.size());
        return card.top() >= 0 && card.bottom() < view->viewport()->height()
            && scroll->viewport()->rect().contains(onBoard) && QApplication::focusWidget() == view
            && view->currentDealId() == id;
    };
    const auto where = [&](DealId id) {
        const std::optional<Deal> deal = m_window->board().deal(id);
        DealListView* view = m_window->column(deal->stage)->view();
        const QModelIndex index = view->model()->index(m_window->board().column(deal->stage)->rowOf(id), 0);
        const QRect card = view->visualRect(index);
        const QRect onBoard(view->viewport()->mapTo(scroll->viewport(), card.topLeft()), card.size());
        QWidget* focus = QApplication::focusWidget();
        return QStringLiteral("card %1,%2 %3x%4 in a viewport %5x%6 of the board's %7x%8; focus on %9, current %10")
            .arg(onBoard.x())
            .arg(onBoard.y())
            .arg(card.width())
            .arg(card.height())
            .arg(view->viewport()->width())
            .arg(view->viewport()->height())
            .arg(scroll->viewport()->width())
            .arg(scroll->viewport()->height())
            .arg(focus == view ? QStringLiteral("its column")
                     : focus
                     ? QString::fromLatin1(focus->metaObject()->className()) + QStringLiteral(" ") + focus->objectName()
                     : QStringLiteral("nothing"))
            .arg(view->currentDealId().value_or(0))
            .toStdString();
    };
    const auto scrollLeft = [&] {
        scroll->horizontalScrollBar()->setValue(0);
        QTest::qWait(20);
    };

    scrollLeft();
    const QRect closing(m_window->column(Stage::Closing)->mapTo(scroll->viewport(), QPoint(0, 0)),
                        m_window->column(Stage::Closing)->size());
    ASSERT_FALSE(scroll->viewport()->rect().contains(closing)) << "Closing is a far column at 1024 pixels";

    m_window->selectDeal(dropped.id);
    m_window->column(Stage::Prospecting)->view()->setFocus();
    drop(dropped.id, Stage::Closing);
    ASSERT_EQ(stored(dropped.id).stage, Stage::Closing);
    ASSERT_EQ(m_window->board().column(Stage::Closing)->rowOf(dropped.id), 30) << "below the thirty";
    EXPECT_TRUE(waitUntil([&] { return inSight(dropped.id); })) << "dropped"
                                                                << ": " << where(dropped.id);

    scrollLeft();
    m_window->selectDeal(keyed.id);
    DealListView* negotiation = m_window->column(Stage::Negotiation)->view();
    negotiation->setFocus();
    scrollLeft();
    QTest::keyClick(negotiation, Qt::Key_Right, Qt::ControlModifier | Qt::ShiftModifier);
    ASSERT_EQ(stored(keyed.id).stage, Stage::Closing);
    EXPECT_TRUE(waitUntil([&] { return inSight(keyed.id); })) << "moved by keys"
                                                              << ": " << where(keyed.id);

    scrollLeft();
    m_window->selectDeal(formed.id);
    m_window->column(Stage::Prospecting)->view()->setFocus();
    answerNextDialog([](QWidget* dialog) {
        auto* date = dialog->findChild<QDateEdit*>(QStringLiteral("closeDateEdit"));
        ASSERT_NE(date, nullptr);
        date->setDate(QDate(2026, 5, 15));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("okButton")), Qt::LeftButton);
    });
    drop(formed.id, Stage::Closing);
    ASSERT_EQ(stored(formed.id).stage, Stage::Closing);
    m_window->activateWindow(); // back from the form
    ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    EXPECT_TRUE(waitUntil([&] { return inSight(formed.id); })) << "moved through the form"
                                                               << ": " << where(formed.id);
}

// Every card shows its whole amount at the narrowest column: 999,999,999,999.99
// EUR with the deal's own probability beside it reads compact.
TEST_F(BoardWindowTest, ACardAtTheNarrowestColumnShowsItsWholeAmount)
{
    DealFields fields = TestDatabase::qualified();
    fields.valueMinor = 99'999'999'999'999;
    fields.probabilityPercent = 35;
    const Deal huge = m_db.create(QStringLiteral("Framework agreement"), Stage::Negotiation, fields);
    fields.valueMinor = 1'250'000;
    fields.probabilityPercent.reset();
    const Deal small = m_db.create(QStringLiteral("Small"), Stage::Negotiation, fields);
    open();
    m_window->resize(800, 600);
    QTest::qWait(50);
    DealListView* view = m_window->column(Stage::Negotiation)->view();
    const QModelIndex hugeCard = view->model()->index(m_window->board().column(Stage::Negotiation)->rowOf(huge.id), 0);
    const int cardWidth = view->visualRect(hugeCard).width();
    EXPECT_LE(m_window->column(Stage::Negotiation)->width(), BoardStyle::ColumnMinimumWidth + 2);
    QFont bold = view->font();
    bold.setBold(true);
    const int room = cardWidth - 21; // the card's text stands 12 pixels in on the left, 9 on the right
    const QString hugeText = CardDelegate::valueText(*m_window->board().deal(huge.id), view->font(), cardWidth);
    EXPECT_TRUE(hugeText.startsWith(QStringLiteral("1,000B EUR"))) << hugeText.toStdString();
    EXPECT_LE(QFontMetrics(bold).horizontalAdvance(hugeText), room) << hugeText.toStdString();
    // What fits stays whole.
    EXPECT_EQ(CardDelegate::valueText(*m_window->board().deal(small.id), view->font(), cardWidth),
              QStringLiteral("12,500 EUR"));
    // Wide enough, the huge amount reads whole too.
    EXPECT_EQ(CardDelegate::valueText(*m_window->board().deal(huge.id), view->font(), 1000),
              QStringLiteral("999,999,999,999.99 EUR · 35 %"));
}
