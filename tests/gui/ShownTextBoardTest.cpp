// A title stored before the character rule (or by an older client) holding a
// right-to-left override, a line break and a tag character is named with them
// written out wherever the board names the deal: the Edit menu's undo text,
// the status bar after a move, the delete question, the table of refused
// deals and the missing-facts form; and a refusal on several deals speaks of
// the board, not of the CLI's options.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "RawSql.h"
#include "TestDatabase.h"
#include "board/BoardModel.h"
#include "board/StageColumnModel.h"
#include "deals/MissingFactsDialog.h"
#include "undo/DealCommand.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QTableWidget>
#include <QTextDocument>
#include <QUndoStack>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

// What is stored, and what the board shows of it.
const QString Written = QStringLiteral("F<U+202E>x<U+000A>y<U+E0041>");

// True when `text` names the deal written out and holds none of the three.
::testing::AssertionResult namesItWrittenOut(const QString& text)
{
    if (!text.contains(Written)) {
        return ::testing::AssertionFailure() << "not written out: " << text.toStdString();
    }
    for (const QChar c : text) {
        if (c == QChar(0x202E) || c.isSurrogate()) {
            return ::testing::AssertionFailure() << "a raw character in: " << text.toStdString();
        }
    }
    return ::testing::AssertionSuccess();
}

class ShownTextBoardTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (m_db.onServer()) {
            GTEST_SKIP() << "the server's guards refuse such text even from its owner";
        }
        m_ready = m_db.create(QStringLiteral("Ready"), Stage::Qualifying, TestDatabase::qualified()).id;
        DealFields unsure;
        unsure.willing = true;
        m_unsure = m_db.create(QStringLiteral("Unsure"), Stage::Qualifying, unsure).id;
        m_other = m_db.create(QStringLiteral("Other ready"), Stage::Qualifying, TestDatabase::qualified()).id;
        // 'F', U+202E, 'x', a line break, 'y', U+E0041 (a tag character).
        runRawSql(m_db.path(),
                  {QStringLiteral("PRAGMA ignore_check_constraints = ON"),
                   QStringLiteral("UPDATE deals SET title = 'F' || char(8238) || 'x' || char(10) || 'y' || "
                                  "char(917569), version = version + 1 WHERE id IN (%1, %2)")
                       .arg(m_ready)
                       .arg(m_unsure)});
        ASSERT_EQ(m_db.service().deals().get(m_ready).value().title,
                  QStringLiteral("F\u202Ex\ny") + QString::fromUcs4(U"\U000E0041"));
        m_window = std::make_unique<MainWindow>(m_db.service());
        ASSERT_TRUE(m_window->load().ok());
        m_window->resize(1400, 900);
        m_window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void drop(DealId id, Stage target)
    {
        std::unique_ptr<QMimeData> mime(StageColumnModel::encodeDealIds({id}));
        ASSERT_TRUE(m_window->board().column(target)->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, {}));
    }
    QAction* actionNamed(const QString& text) const
    {
        for (QAction* action : m_window->findChildren<QAction*>()) {
            if (action->text() == text) {
                return action;
            }
        }
        return nullptr;
    }

    TestDatabase m_db;
    DealId m_ready = 0;
    DealId m_unsure = 0;
    DealId m_other = 0;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

TEST_F(ShownTextBoardTest, AMoveItsUndoAndTheDeleteQuestionNameTheDealWrittenOut)
{
    drop(m_ready, Stage::Contacting);
    ASSERT_EQ(m_db.service().deals().get(m_ready).value().stage, Stage::Contacting);
    EXPECT_TRUE(namesItWrittenOut(m_window->statusBar()->currentMessage()));
    auto* undo = m_window->findChild<QAction*>(QStringLiteral("undoAction"));
    ASSERT_NE(undo, nullptr);
    EXPECT_TRUE(namesItWrittenOut(undo->text()));
    EXPECT_TRUE(undo->text().endsWith(QStringLiteral("' to Contacting"))) << undo->text().toStdString();

    m_window->selectDeal(m_ready);
    QString asked;
    answerNextDialog(
        [&asked](QWidget* dialog) {
            auto* box = qobject_cast<QMessageBox*>(dialog);
            ASSERT_NE(box, nullptr);
            asked = box->text();
            box->button(QMessageBox::Cancel)->click();
        },
        QStringLiteral("confirmDelete"));
    QAction* remove = actionNamed(QStringLiteral("&Delete…"));
    ASSERT_NE(remove, nullptr);
    remove->trigger();
    EXPECT_TRUE(namesItWrittenOut(asked));
    // The title on one line: the question's own two lines and no more.
    EXPECT_EQ(asked.count(QLatin1Char('\n')), 1) << asked.toStdString();
    EXPECT_TRUE(m_db.service().deals().get(m_ready).ok());
}

TEST_F(ShownTextBoardTest, TheRefusedDealsTableAndTheMissingFactsFormNameTheDealWrittenOut)
{
    QString deal;
    QString why;
    confirmSeveral(nullptr, [&](QWidget* dialog) {
        auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("refusedDeals"));
        ASSERT_NE(table, nullptr);
        ASSERT_EQ(table->rowCount(), 1);
        deal = table->item(0, 0)->text();
        why = table->item(0, 1)->text();
        static_cast<QDialog*>(dialog)->reject();
    });
    m_window->requestMove({m_unsure, m_other}, Stage::Contacting);
    EXPECT_EQ(deal, Written);
    for (const QChar c : why) {
        EXPECT_FALSE(c == QChar(0x202E) || c.isSurrogate()) << why.toStdString();
    }
    EXPECT_EQ(m_db.service().deals().get(m_other).value().stage, Stage::Qualifying);

    QString intro;
    answerNextDialog([&intro](QWidget* dialog) {
        ASSERT_NE(qobject_cast<MissingFactsDialog*>(dialog), nullptr);
        auto* label = dialog->findChild<QLabel*>(QStringLiteral("missingFactsIntro"));
        ASSERT_NE(label, nullptr);
        QTextDocument shown; // the label's rich text as it reads
        shown.setHtml(label->text());
        intro = shown.toPlainText();
        static_cast<QDialog*>(dialog)->reject();
    });
    drop(m_unsure, Stage::Contacting);
    EXPECT_TRUE(namesItWrittenOut(intro));
    EXPECT_EQ(m_db.service().deals().get(m_unsure).value().stage, Stage::Qualifying);
}

// An activity refused on several deals is said in the board's words (no
// "--each", which only the CLI has), and the form comes back with the text.
TEST_F(ShownTextBoardTest, ARefusalOnSeveralDealsSpeaksOfTheBoard)
{
    m_window->selectDeals({m_ready, m_other}, true);
    ASSERT_EQ(m_window->selectedDealIds().size(), 2);
    QString said;
    bool askedAgain = false;
    answerNextDialog(
        [&](QWidget* dialog) {
            auto* subject = dialog->findChild<QLineEdit*>(QStringLiteral("activitySubject"));
            ASSERT_NE(subject, nullptr);
            subject->setText(QStringLiteral("Call \u2066back"));
            answerNextDialog(
                [&](QWidget* box) {
                    said = qobject_cast<QMessageBox*>(box)->text();
                    answerNextDialog(
                        [&](QWidget* again) {
                            askedAgain = true;
                            qobject_cast<QDialog*>(again)->reject();
                        },
                        QStringLiteral("activityDialog"));
                    qobject_cast<QMessageBox*>(box)->accept();
                },
                QStringLiteral("activityNotSaved"));
            qobject_cast<QDialog*>(dialog)->accept();
        },
        QStringLiteral("activityDialog"));
    m_window->findChild<QAction*>(QStringLiteral("planActivityAction"))->trigger();
    EXPECT_FALSE(said.contains(QStringLiteral("--each"))) << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("Nothing was changed on the 2 deals"))) << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("U+2066"))) << said.toStdString();
    EXPECT_TRUE(askedAgain);
}

// The Edit menu shortens a long title, never inside a written-out character.
TEST(ShownText, AMenuTitleIsNeverCutInsideAWrittenOutCharacter)
{
    const QString a35(35, QLatin1Char('a'));
    EXPECT_EQ(menuTitle(a35 + QChar(0x202E) + QStringLiteral("bcdef")), a35 + QChar(0x2026));
    const QString a30(30, QLatin1Char('a'));
    EXPECT_EQ(menuTitle(a30 + QStringLiteral("\nb")), a30 + QStringLiteral("<U+000A>b"));
    EXPECT_EQ(menuTitle(QStringLiteral("R&D")), QStringLiteral("R&&D"));
}
