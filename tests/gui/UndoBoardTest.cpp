// Undo on the board takes a step back as if it never was: a dropped move and
// a Mark lost undone leave the card in its stage since when it was, rotting
// as before, and the report as before; a note added or deleted in the
// details pane is undone and redone.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "OpenBoard.h"
#include "TestDatabase.h"
#include "board/BoardModel.h"
#include "board/DealPane.h"
#include "board/StageColumnModel.h"
#include "dealboard/PipelineReport.h"

#include <QAction>
#include <QCheckBox>
#include <QDateEdit>
#include <QInputDialog>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTextBrowser>
#include <QUndoStack>
#include <QUrl>
#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

class UndoBoardTest : public ::testing::Test
{
protected:
    void open() { openBoard(m_window, m_db.service()); }

    void drop(DealId id, Stage target)
    {
        std::unique_ptr<QMimeData> mime(StageColumnModel::encodeDealIds({id}));
        ASSERT_TRUE(m_window->board().column(target)->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, {}));
    }

    Deal stored(DealId id) { return m_db.service().deals().get(id).value(); }
    // Edit > Undo (Ctrl+Z) and Edit > Redo, as the rep gives them.
    void undo() { m_window->findChild<QAction*>(QStringLiteral("undoAction"))->trigger(); }
    void redo() { m_window->findChild<QAction*>(QStringLiteral("redoAction"))->trigger(); }
    QString status() const { return m_window->statusBar()->currentMessage(); }
    std::optional<Deal> card(DealId id) { return m_window->board().deal(id); }

    QByteArray report()
    {
        Result<PipelineReport> read = m_db.service().reports().report(ReportFilter());
        EXPECT_TRUE(read.ok());
        return read ? PipelineReportFormat::json(read.value()) : QByteArray();
    }

    // A deal in Qualifying for 18 days: past its 14 rotting days.
    Deal rottingInQualifying(const QString& title)
    {
        DealFields facts = TestDatabase::qualified();
        facts.valueMinor = 500000;
        facts.expectedClose = QDate(2026, 6, 1);
        const Deal deal = m_db.create(title, Stage::Qualifying, facts);
        m_db.clock().advanceSeconds(18 * 86400);
        return deal;
    }

    TestDatabase m_db;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

TEST_F(UndoBoardTest, AnUndoneDropLeavesTheCardInItsStageSinceWhenItWasAndRotting)
{
    const Deal deal = rottingInQualifying(QStringLiteral("Acme renewal"));
    open();
    const QDateTime now = m_db.service().now();
    ASSERT_EQ(card(deal.id)->daysInStage(now), 18);
    ASSERT_TRUE(card(deal.id)->isRotting(now));
    const QByteArray before = report();

    drop(deal.id, Stage::Contacting);
    ASSERT_EQ(stored(deal.id).stage, Stage::Contacting);
    EXPECT_EQ(card(deal.id)->daysInStage(now), 0);
    const Deal moved = stored(deal.id);

    m_window->undoStack().undo();
    EXPECT_EQ(stored(deal.id).stage, Stage::Qualifying);
    EXPECT_EQ(stored(deal.id).stageEnteredAt, deal.stageEnteredAt);
    EXPECT_EQ(m_window->board().column(Stage::Qualifying)->rowOf(deal.id), 0);
    EXPECT_EQ(card(deal.id)->daysInStage(now), 18);
    EXPECT_TRUE(card(deal.id)->isRotting(now));
    EXPECT_EQ(report(), before);

    EXPECT_EQ(report(), before);

    // Redo takes the move again as it was, two days later: the card is in
    // Contacting since the move, not since the redo. Its undo takes it back again.
    m_db.clock().advanceSeconds(2 * 86400);
    const QDateTime later = m_db.service().now();
    m_window->undoStack().redo();
    EXPECT_EQ(stored(deal.id).stage, Stage::Contacting);
    EXPECT_EQ(stored(deal.id).stageEnteredAt, moved.stageEnteredAt);
    EXPECT_EQ(card(deal.id)->daysInStage(later), 2);
    m_window->undoStack().undo();
    EXPECT_EQ(stored(deal.id).stageEnteredAt, deal.stageEnteredAt);
    EXPECT_EQ(card(deal.id)->daysInStage(later), 20);

    // The history holds the step, its undo, the redo (which undoes the undo)
    // and the second undo; the step is marked undone, and so is the first undo.
    const std::vector<HistoryEntry> history = m_db.service().deals().history(deal.id).value();
    ASSERT_EQ(history.size(), 5u);
    EXPECT_TRUE(history[1].undone);
    EXPECT_EQ(history[2].undoes, history[1].id);
    EXPECT_TRUE(history[2].undone);
    EXPECT_EQ(history[3].undoes, history[2].id);
    EXPECT_FALSE(history[3].undone);
    EXPECT_EQ(history[4].undoes, history[1].id);
}

TEST_F(UndoBoardTest, AnUndoneMarkLostIsOpenAsBeforeAndCountsAsLostNowhere)
{
    const Deal deal = rottingInQualifying(QStringLiteral("Globex pilot"));
    open();
    const QDateTime now = m_db.service().now();
    const QByteArray before = report();
    m_window->selectDeal(deal.id);
    answerNextDialog([](QWidget* dialog) {
        auto* input = qobject_cast<QInputDialog*>(dialog);
        ASSERT_NE(input, nullptr);
        input->setTextValue(QStringLiteral("Went silent"));
        input->accept();
    });
    auto* lose = m_window->findChild<QAction*>(QStringLiteral("loseAction"));
    ASSERT_NE(lose, nullptr);
    lose->trigger();
    ASSERT_EQ(stored(deal.id).status, DealStatus::Lost);
    ASSERT_EQ(m_db.service().reports().report(ReportFilter()).value().stages[stageIndex(Stage::Qualifying)].lost, 1);

    m_window->undoStack().undo();
    const Deal after = stored(deal.id);
    EXPECT_EQ(after.status, DealStatus::Open);
    EXPECT_EQ(after.lostReason, QString());
    EXPECT_EQ(after.stageEnteredAt, deal.stageEnteredAt);
    EXPECT_TRUE(card(deal.id)->isRotting(now));
    const PipelineReport figures = m_db.service().reports().report(ReportFilter()).value();
    EXPECT_EQ(figures.stages[stageIndex(Stage::Qualifying)].lost, 0);
    EXPECT_TRUE(figures.stages[stageIndex(Stage::Qualifying)].lostReasons.empty());
    EXPECT_EQ(report(), before);
}

TEST_F(UndoBoardTest, ANoteAddedOrDeletedInThePaneIsUndoneAndRedone)
{
    const Deal deal = m_db.create(QStringLiteral("Initech"));
    open();
    m_window->openDetails(deal.id);
    auto* pane = m_window->findChild<DealPane*>(QStringLiteral("dealDetails"));
    ASSERT_NE(pane, nullptr);
    auto* edit = pane->findChild<QPlainTextEdit*>(QStringLiteral("noteEdit"));
    auto* add = pane->findChild<QPushButton*>(QStringLiteral("addNoteButton"));
    ASSERT_NE(edit, nullptr);
    ASSERT_NE(add, nullptr);
    edit->setPlainText(QStringLiteral("Called Bob; quote by Friday."));
    QTest::mouseClick(add, Qt::LeftButton);
    std::vector<Note> notes = m_db.service().notes().list(deal.id).value();
    ASSERT_EQ(notes.size(), 1u);
    const Note note = notes.front();
    EXPECT_TRUE(m_window->undoStack().undoText().contains(QStringLiteral("note")))
        << m_window->undoStack().undoText().toStdString();

    m_window->undoStack().undo();
    EXPECT_TRUE(m_db.service().notes().list(deal.id).value().empty());
    m_window->undoStack().redo();
    notes = m_db.service().notes().list(deal.id).value();
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes.front().id, note.id);
    EXPECT_EQ(notes.front().createdAt, note.createdAt);

    // The pane offers to delete it; the delete is undone and redone too.
    auto* timeline = pane->findChild<QTextBrowser*>(QStringLiteral("detailsTimeline"));
    ASSERT_NE(timeline, nullptr);
    ASSERT_TRUE(waitUntil([timeline, &note] {
        return timeline->toHtml().contains(QStringLiteral("delete-note:%1").arg(note.id));
    })) << timeline->toHtml().toStdString();
    Q_EMIT pane->linkActivated(QUrl(QStringLiteral("delete-note:%1").arg(note.id)));
    EXPECT_TRUE(m_db.service().notes().list(deal.id).value().empty());
    m_window->undoStack().undo();
    notes = m_db.service().notes().list(deal.id).value();
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes.front().id, note.id);
    EXPECT_EQ(notes.front().text, note.text);
    m_window->undoStack().redo();
    EXPECT_TRUE(m_db.service().notes().list(deal.id).value().empty());
}

// Undoing an edit never overwrites a change made since: it is refused, naming
// the fact, while a change to another fact does not stand in its way and is
// kept.
TEST_F(UndoBoardTest, AnUndoneEditNeverOverwritesAChangeMadeSince)
{
    const Deal deal = m_db.create(QStringLiteral("Acme renewal"));
    open();
    m_window->openDetails(deal.id);
    QLineEdit* value = m_window->details()->valueEdit();
    auto typeValue = [value](const QString& text) {
        value->setFocus();
        value->selectAll();
        QTest::keyClicks(value, text);
        QTest::keyClick(value, Qt::Key_Return);
    };
    typeValue(QStringLiteral("2,222"));
    ASSERT_EQ(stored(deal.id).value.minor, 222200);

    // Someone else changes the same value: the undo is refused and says why.
    ASSERT_TRUE(m_db.service()
                    .deals()
                    .edit(deal.id,
                          [] {
                              DealFields fields;
                              fields.valueMinor = 444400;
                              return fields;
                          }(),
                          {std::nullopt, QStringLiteral("Eve")})
                    .ok());
    m_window->undoStack().undo();
    EXPECT_EQ(stored(deal.id).value.minor, 444400);
    EXPECT_TRUE(m_window->statusBar()->currentMessage().contains(QStringLiteral("its value changed since")))
        << m_window->statusBar()->currentMessage().toStdString();

    // An edit whose fact still holds is undone even when another fact changed.
    m_window->undoStack().clear();
    typeValue(QStringLiteral("5,000"));
    ASSERT_EQ(stored(deal.id).value.minor, 500000);
    ASSERT_TRUE(m_db.service()
                    .deals()
                    .edit(deal.id, DealFields::withTitle(QStringLiteral("Acme renewal 2027")),
                          {std::nullopt, QStringLiteral("Eve")})
                    .ok());
    m_window->undoStack().undo();
    EXPECT_EQ(stored(deal.id).value.minor, 444400);
    EXPECT_EQ(stored(deal.id).title, QStringLiteral("Acme renewal 2027"));
}

// A board edit names who made it, as the CLI does: on a file the account
// signed in to the computer, found even where $USER and $LOGNAME are not set
// (a service, a container), in the change log and the history alike; on a
// server the change log names the login.
TEST_F(UndoBoardTest, ABoardEditNamesWhoMadeItThoughUserIsNotSet)
{
    const QByteArray user = qgetenv("USER");
    const QByteArray logname = qgetenv("LOGNAME");
    qunsetenv("USER");
    qunsetenv("LOGNAME");
    m_db.reopen();
    const QString account = QString::fromLocal8Bit(getpwuid(geteuid())->pw_name);
    const Deal deal = rottingInQualifying(QStringLiteral("Acme renewal"));
    open();
    drop(deal.id, Stage::Contacting);
    if (!user.isEmpty()) {
        qputenv("USER", user);
    }
    if (!logname.isEmpty()) {
        qputenv("LOGNAME", logname);
    }
    ASSERT_EQ(stored(deal.id).stage, Stage::Contacting);
    ChangeQuery query;
    query.deal = deal.id;
    Result<std::vector<ChangeEntry>> changes = m_db.service().reads().changes(query);
    ASSERT_TRUE(changes.ok());
    ASSERT_FALSE(changes.value().empty());
    const QString who = TestServer::inUse() ? QUrl(m_db.path()).userName() : account;
    EXPECT_EQ(changes.value().back().actor, who);
    EXPECT_EQ(m_db.service().deals().history(deal.id).value().back().actor, account);
}

// A "Save and move" of the missing-facts form is one action: one Ctrl+Z takes
// back the move and the facts saved with it, and redo sets them again. A fact
// someone changed since refuses the step, named, and nothing is changed.
TEST_F(UndoBoardTest, AnUndoneSaveAndMoveTakesBackTheFactsSavedWithIt)
{
    const Deal deal = m_db.create(QStringLiteral("Other new"), Stage::Qualifying);
    ASSERT_FALSE(deal.qualification.willing || deal.qualification.need || deal.qualification.budget);
    open();
    answerNextDialog([](QWidget* dialog) {
        for (const char* name : {"willingCheck", "needCheck", "budgetCheck"}) {
            auto* check = dialog->findChild<QCheckBox*>(QString::fromLatin1(name));
            ASSERT_NE(check, nullptr) << name;
            QTest::mouseClick(check, Qt::LeftButton);
        }
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("okButton")), Qt::LeftButton);
    });
    drop(deal.id, Stage::Contacting);
    const Deal moved = stored(deal.id);
    ASSERT_EQ(moved.stage, Stage::Contacting);
    ASSERT_TRUE(moved.qualification.complete());

    undo();
    Deal now = stored(deal.id);
    EXPECT_EQ(now.stage, Stage::Qualifying);
    EXPECT_EQ(now.stageEnteredAt, deal.stageEnteredAt);
    EXPECT_FALSE(now.qualification.willing || now.qualification.need || now.qualification.budget);
    EXPECT_FALSE(card(deal.id)->qualification.willing);
    EXPECT_TRUE(m_window->undoStack().canRedo());

    redo();
    now = stored(deal.id);
    EXPECT_EQ(now.stage, Stage::Contacting);
    EXPECT_EQ(now.stageEnteredAt, moved.stageEnteredAt);
    EXPECT_TRUE(now.qualification.complete());

    // Undone again, then someone confirms the need meanwhile: the redo would
    // set it over theirs, so it is refused, naming it, and changes nothing.
    undo();
    ASSERT_EQ(stored(deal.id).stage, Stage::Qualifying);
    DealFields need;
    need.need = true;
    ASSERT_TRUE(m_db.service().deals().edit(deal.id, need, {std::nullopt, QStringLiteral("Eve")}).ok());
    redo();
    now = stored(deal.id);
    EXPECT_EQ(now.stage, Stage::Qualifying);
    EXPECT_FALSE(now.qualification.willing);
    EXPECT_TRUE(now.qualification.need);
    EXPECT_EQ(card(deal.id)->stage, Stage::Qualifying);
    EXPECT_TRUE(status().contains(
        QStringLiteral("Can't redo the move of 'Other new' to Contacting: its proven need changed since")))
        << status().toStdString();
    // Created, moved, undone, redone, undone: the refused redo wrote nothing.
    EXPECT_EQ(m_db.service().deals().history(deal.id).value().size(), 5u);
}

// Ctrl+Z on a deal the search hides acts, and says which deal and that the
// filters hide it: the rep is never surprised.
TEST_F(UndoBoardTest, AnUndoOnADealTheFiltersHideNamesItAndSaysItIsHidden)
{
    const Deal deal = rottingInQualifying(QStringLiteral("Acme renewal"));
    m_db.create(QStringLiteral("Globex expansion"));
    open();
    drop(deal.id, Stage::Contacting);
    ASSERT_EQ(stored(deal.id).stage, Stage::Contacting);
    auto* search = m_window->findChild<QLineEdit*>(QStringLiteral("searchEdit"));
    ASSERT_NE(search, nullptr);
    QTest::keyClicks(search, QStringLiteral("globex"));
    ASSERT_TRUE(waitUntil([this, &deal] { return m_window->board().column(Stage::Contacting)->rowOf(deal.id) < 0; }));

    undo();
    EXPECT_EQ(stored(deal.id).stage, Stage::Qualifying);
    EXPECT_TRUE(
        status().contains(QStringLiteral("Undid \u201cMove 'Acme renewal' to Contacting\u201d: 'Acme renewal' is "
                                         "hidden by the board's filters")))
        << status().toStdString();
    redo();
    EXPECT_EQ(stored(deal.id).stage, Stage::Contacting);
    EXPECT_TRUE(
        status().startsWith(QStringLiteral("Redid \u201cMove 'Acme renewal' to Contacting\u201d: 'Acme renewal' is")))
        << status().toStdString();
}

// The undo of a Save and move whose saved value someone changed since is
// refused, naming the value: the deal stays where it is, with their value.
TEST_F(UndoBoardTest, AnUndoneSaveAndMoveNeverOverwritesAFactChangedSince)
{
    const Deal deal = m_db.create(QStringLiteral("Jump to closing"), Stage::Contacting, TestDatabase::qualified());
    open();
    answerNextDialog([](QWidget* dialog) {
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("valueEdit")), QStringLiteral("12,500"));
        dialog->findChild<QDateEdit*>(QStringLiteral("closeDateEdit"))->setDate(QDate(2026, 5, 20));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("okButton")), Qt::LeftButton);
    });
    drop(deal.id, Stage::Closing);
    ASSERT_EQ(stored(deal.id).stage, Stage::Closing);
    ASSERT_EQ(stored(deal.id).value.minor, 1250000);
    DealFields value;
    value.valueMinor = 1300000;
    ASSERT_TRUE(m_db.service().deals().edit(deal.id, value, {std::nullopt, QStringLiteral("Eve")}).ok());

    undo();
    const Deal now = stored(deal.id);
    EXPECT_EQ(now.stage, Stage::Closing);
    EXPECT_EQ(now.value.minor, 1300000);
    EXPECT_EQ(now.expectedClose, QDate(2026, 5, 20));
    EXPECT_EQ(card(deal.id)->stage, Stage::Closing);
    EXPECT_TRUE(status().contains(
        QStringLiteral("Can't undo the move of 'Jump to closing' to Closing: its value changed since; nothing was "
                       "changed.")))
        << status().toStdString();
    EXPECT_EQ(m_db.service().deals().history(deal.id).value().size(), 2u); // created, moved
}
