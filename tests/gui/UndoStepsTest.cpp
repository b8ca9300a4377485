// Each action on the board is done once, by its undo command's redo(): it
// writes what the service's own action writes (the same history rows and
// change-log entries, never twice) and is one undo step. A refused action
// leaves the undo stack as it was, its redo steps too, and shows what it
// shows: the missing-facts form, the refusal, "Nothing was changed."
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "OpenBoard.h"
#include "TestDatabase.h"
#include "board/BoardModel.h"
#include "board/DealListView.h"
#include "board/DealPane.h"
#include "board/StageColumn.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QFile>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStatusBar>
#include <QUndoStack>
#include <algorithm>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

// What an action wrote on a deal: its history rows and its change-log entries.
struct Written
{
    std::size_t history = 0;
    std::size_t changes = 0;
    bool operator==(const Written&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Written& w)
{
    return out << w.history << " history row(s), " << w.changes << " change-log entries";
}

class UndoStepsTest : public ::testing::Test
{
protected:
    void open() { openBoard(m_window, m_db.service()); }

    Written written(DealId id)
    {
        ChangeQuery ofDeal;
        ofDeal.deal = id;
        return {m_db.service().deals().history(id).value().size(),
                m_db.service().reads().changes(ofDeal).value().size()};
    }
    // What `action` wrote on `id` since `before`.
    Written since(DealId id, const Written& before)
    {
        const Written now = written(id);
        return {now.history - before.history, now.changes - before.changes};
    }

    QAction* action(const char* name) { return m_window->findChild<QAction*>(QString::fromLatin1(name)); }
    // Edit > Undo (Ctrl+Z) or Redo (Ctrl+Shift+Z), `times` over.
    void undo(int times) { trigger("undoAction", times); }
    void redo(int times) { trigger("redoAction", times); }
    void trigger(const char* name, int times)
    {
        for (int done = 0; done < times; ++done) {
            action(name)->trigger();
        }
    }
    // The Deal menu's item of that text.
    QAction* menuItem(const QString& text)
    {
        for (QAction* item : m_window->findChildren<QAction*>()) {
            if (item->text() == text) {
                return item;
            }
        }
        ADD_FAILURE() << "no menu item " << text.toStdString();
        return nullptr;
    }
    std::string status() const { return m_window->statusBar()->currentMessage().toStdString(); }
    QUndoStack& stack() { return m_window->undoStack(); }
    Deal stored(DealId id) { return m_db.service().deals().get(id).value(); }
    DealListView* view(Stage stage) const { return m_window->column(stage)->view(); }
    void pressOn(DealId id, Qt::Key key)
    {
        m_window->selectDeal(id);
        QTest::keyClick(view(stored(id).stage), key);
    }

    // The undo stack as the rep sees it in the Edit menu.
    struct Steps
    {
        int count = 0;
        int index = 0;
        QString undo;
        QString redo;
        bool operator==(const Steps&) const = default;
        friend std::ostream& operator<<(std::ostream& out, const Steps& s)
        {
            return out << s.count << " step(s), at " << s.index << ", undo '" << s.undo.toStdString() << "', redo '"
                       << s.redo.toStdString() << "'";
        }
    };
    Steps steps() { return {stack().count(), stack().index(), stack().undoText(), stack().redoText()}; }

    TestDatabase m_db;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

// The board's undoable actions on deals and notes are written once, in their
// undo commands (src/app/undo/): nowhere else in the board calls the service's
// action, so none is done by the board and again by its command.
TEST(UndoSteps, TheBoardDoesAnUndoableActionOnlyInItsUndoCommand)
{
    const QRegularExpression action(
        QStringLiteral(R"((deals\(\)\s*\.\s*(move|win|lose|reopen|remove|edit|create|restore|undoStep|redoStep)|)"
                       R"(notes\(\)\s*\.\s*(add|remove|restore))\s*\()"));
    const QString app = QStringLiteral(DEALBOARD_SOURCE_DIR "/src/app");
    QStringList outside;
    int read = 0;
    QDirIterator files(app, {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        if (path.startsWith(app + QStringLiteral("/undo/"))) {
            continue;
        }
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
        ++read;
        const QString text = QString::fromUtf8(file.readAll());
        for (auto found = action.globalMatch(text); found.hasNext();) {
            outside << QStringLiteral("%1: %2").arg(path.mid(app.size() + 1), found.next().captured(0));
        }
    }
    EXPECT_GT(read, 50);
    EXPECT_TRUE(outside.isEmpty()) << outside.join(QLatin1Char('\n')).toStdString();
}

// Each action writes on the board's deal exactly what the service's own
// action writes on a twin: an action written twice (in the board and in its
// undo command) would write it twice, or be refused the second time.
TEST_F(UndoStepsTest, EachActionWritesWhatTheServiceWritesOnceAsOneUndoStep)
{
    const Deal board = m_db.create(QStringLiteral("On the board"), Stage::Qualifying, TestDatabase::qualified());
    const Deal twin = m_db.create(QStringLiteral("Its twin"), Stage::Qualifying, TestDatabase::qualified());
    open();
    const ActionOptions tester {std::nullopt, QStringLiteral("tester")};

    // A move by keys (Ctrl+Right, the Move on action).
    Written onBoard = written(board.id);
    Written onTwin = written(twin.id);
    m_window->selectDeal(board.id);
    action("moveNextAction")->trigger();
    ASSERT_TRUE(m_db.service().deals().move(twin.id, Stage::Contacting, tester).ok());
    EXPECT_EQ(stored(board.id).stage, Stage::Contacting);
    EXPECT_EQ(status(), "Moved 'On the board' to Contacting.");
    EXPECT_EQ(since(board.id, onBoard), since(twin.id, onTwin));
    EXPECT_EQ(since(board.id, onBoard).history, 1u);
    EXPECT_EQ(stack().count(), 1);
    EXPECT_EQ(stored(board.id).version, stored(twin.id).version);

    // An edit of the value in the details pane.
    onBoard = written(board.id);
    onTwin = written(twin.id);
    m_window->openDetails(board.id);
    QLineEdit* value = m_window->details()->valueEdit();
    value->setFocus();
    value->selectAll();
    QTest::keyClicks(value, QStringLiteral("2,222"));
    QTest::keyClick(value, Qt::Key_Return);
    DealFields worth;
    worth.valueMinor = 222200;
    ASSERT_TRUE(m_db.service().deals().edit(twin.id, worth, tester).ok());
    EXPECT_EQ(stored(board.id).value.minor, 222200);
    EXPECT_EQ(since(board.id, onBoard), since(twin.id, onTwin));
    EXPECT_EQ(stack().count(), 2);
    EXPECT_EQ(stored(board.id).version, stored(twin.id).version);

    // A note added in the pane: one note, not two.
    onBoard = written(board.id);
    onTwin = written(twin.id);
    m_window->details()->noteEdit()->setPlainText(QStringLiteral("Called Bob."));
    QTest::mouseClick(m_window->details()->findChild<QPushButton*>(QStringLiteral("addNoteButton")), Qt::LeftButton);
    ASSERT_TRUE(m_db.service().notes().add(twin.id, QStringLiteral("Called Bob."), QStringLiteral("tester")).ok());
    EXPECT_EQ(m_db.service().notes().list(board.id).value().size(), 1u);
    EXPECT_EQ(since(board.id, onBoard), since(twin.id, onTwin));
    EXPECT_EQ(stack().count(), 3);

    // Mark lost, with its reason.
    onBoard = written(board.id);
    onTwin = written(twin.id);
    m_window->selectDeal(board.id);
    answerNextDialog(
        [](QWidget* dialog) {
            auto* input = qobject_cast<QInputDialog*>(dialog);
            ASSERT_NE(input, nullptr);
            input->setTextValue(QStringLiteral("Went silent"));
            input->accept();
        },
        QStringLiteral("lostReasonDialog"));
    action("loseAction")->trigger();
    ASSERT_TRUE(m_db.service()
                    .deals()
                    .lose(twin.id, QStringLiteral("Went silent"), {stored(twin.id).version, QStringLiteral("tester")})
                    .ok());
    EXPECT_EQ(stored(board.id).status, DealStatus::Lost);
    EXPECT_EQ(status(), "'On the board' is marked lost.");
    EXPECT_EQ(since(board.id, onBoard), since(twin.id, onTwin));
    EXPECT_EQ(since(board.id, onBoard).history, 1u);
    EXPECT_EQ(stack().count(), 4);

    // Reopen.
    onBoard = written(board.id);
    onTwin = written(twin.id);
    action("showLostAction")->setChecked(true);
    m_window->selectDeal(board.id);
    menuItem(QStringLiteral("&Reopen"))->trigger();
    ASSERT_TRUE(m_db.service().deals().reopen(twin.id, tester).ok());
    EXPECT_EQ(stored(board.id).status, DealStatus::Open);
    EXPECT_EQ(since(board.id, onBoard), since(twin.id, onTwin));
    EXPECT_EQ(since(board.id, onBoard).history, 1u);
    EXPECT_EQ(stack().count(), 5);

    // Each is undone in turn, to the deal as it was created.
    undo(5);
    EXPECT_EQ(stored(board.id).stage, Stage::Qualifying);
    EXPECT_EQ(stored(board.id).status, DealStatus::Open);
    EXPECT_EQ(stored(board.id).value.minor, board.value.minor);
    EXPECT_TRUE(m_db.service().notes().list(board.id).value().empty());
    EXPECT_EQ(stack().index(), 0);
}

// A new deal, a delete and an action on several deals are each done once: one
// deal created, one deleted, each deal moved once, each one undo step.
TEST_F(UndoStepsTest, ANewDealADeleteAndSeveralDealsAreEachDoneOnce)
{
    const Deal first = m_db.create(QStringLiteral("First"), Stage::Qualifying, TestDatabase::qualified());
    const Deal second = m_db.create(QStringLiteral("Second"), Stage::Qualifying, TestDatabase::qualified());
    open();

    answerNextDialog([](QWidget* dialog) {
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("titleEdit")), QStringLiteral("Brand new"));
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
    });
    action("newDealAction")->trigger();
    std::vector<Deal> deals = m_db.service().deals().list().value();
    ASSERT_EQ(deals.size(), 3u);
    EXPECT_EQ(stack().count(), 1);
    EXPECT_EQ(stack().undoText(), QStringLiteral("Create 'Brand new'"));

    // Both moved at once: each moved once, in one undo step.
    const Written firstBefore = written(first.id);
    const Written secondBefore = written(second.id);
    m_window->selectDeals({first.id, second.id}, true);
    confirmSeveral();
    action("moveNextAction")->trigger();
    EXPECT_EQ(stored(first.id).stage, Stage::Contacting);
    EXPECT_EQ(stored(second.id).stage, Stage::Contacting);
    EXPECT_EQ(since(first.id, firstBefore).history, 1u);
    EXPECT_EQ(since(second.id, secondBefore).history, 1u);
    EXPECT_EQ(stack().count(), 2);
    EXPECT_EQ(stack().undoText(), QStringLiteral("Move 2 deals a stage on"));

    // The delete of the new deal, by the Delete key.
    const DealId created = std::find_if(deals.begin(), deals.end(), [](const Deal& d) {
                               return d.title == QStringLiteral("Brand new");
                           })->id;
    answerNextDialog([](QWidget* dialog) { qobject_cast<QMessageBox*>(dialog)->button(QMessageBox::Yes)->click(); },
                     QStringLiteral("confirmDelete"));
    pressOn(created, Qt::Key_Delete);
    EXPECT_FALSE(m_db.service().deals().get(created).ok());
    EXPECT_EQ(m_db.service().deals().list().value().size(), 2u);
    EXPECT_EQ(stack().count(), 3);
    EXPECT_EQ(status(), "Deleted 'Brand new'.");

    // Undone, each comes back as it was; redone, each is done again.
    const auto inStage = [&](Stage stage) {
        EXPECT_EQ(m_db.service().deals().list().value().size(), 2u);
        EXPECT_FALSE(m_db.service().deals().get(created).ok());
        EXPECT_EQ(stored(first.id).stage, stage) << status();
        EXPECT_EQ(stored(second.id).stage, stage);
    };
    undo(3);
    inStage(Stage::Qualifying);
    redo(3);
    inStage(Stage::Contacting);
    EXPECT_EQ(stack().index(), 3);
    EXPECT_TRUE(m_db.service().check().value().faults.isEmpty());
}

// A refused action leaves no step behind and takes none away: the step
// waiting to be redone is still there, and Redo redoes it.
TEST_F(UndoStepsTest, ARefusedActionLeavesTheUndoStackAsItWasItsRedoStepToo)
{
    const Deal ready = m_db.create(QStringLiteral("Ready"), Stage::Qualifying, TestDatabase::qualified());
    DealFields unsure;
    unsure.willing = true;
    const Deal notQualified = m_db.create(QStringLiteral("Not qualified"), Stage::Qualifying, unsure);
    open();
    m_window->selectDeal(ready.id);
    action("moveNextAction")->trigger();
    ASSERT_EQ(stored(ready.id).stage, Stage::Contacting);
    undo(1);
    ASSERT_EQ(stored(ready.id).stage, Stage::Qualifying);
    const Steps waiting = steps();
    ASSERT_EQ(waiting.count, 1);
    ASSERT_EQ(waiting.index, 0);
    ASSERT_EQ(waiting.redo, QStringLiteral("Move 'Ready' to Contacting"));
    const Written untouched = written(notQualified.id);

    // A move the rules refuse for facts the rep can give: the form, cancelled.
    bool asked = false;
    answerNextDialog(
        [&asked](QWidget* dialog) {
            asked = true;
            static_cast<QDialog*>(dialog)->reject();
        },
        QStringLiteral("missingFactsDialog"));
    m_window->selectDeal(notQualified.id);
    action("moveNextAction")->trigger();
    EXPECT_TRUE(asked);
    EXPECT_EQ(status(), "'Not qualified' stays in Qualifying.");
    EXPECT_EQ(steps(), waiting);

    // A move the rules refuse outright: a lost deal is reopened first.
    const Deal lost = m_db.create(QStringLiteral("Gone"), Stage::Qualifying, TestDatabase::qualified());
    ASSERT_TRUE(m_db.service().deals().lose(lost.id, QStringLiteral("No budget")).ok());
    action("showLostAction")->setChecked(true);
    m_window->requestMove({lost.id}, Stage::Contacting); // as its drop does
    EXPECT_FALSE(status().empty());
    EXPECT_EQ(stored(lost.id).stage, Stage::Qualifying);
    EXPECT_EQ(steps(), waiting);

    // Several deals, one refused, and the rep says no to the rest.
    confirmSeveral(nullptr, [](QWidget* dialog) { static_cast<QDialog*>(dialog)->reject(); });
    m_window->requestMove({ready.id, notQualified.id}, Stage::Contacting);
    EXPECT_EQ(status(), "Nothing was changed.");
    EXPECT_EQ(stored(ready.id).stage, Stage::Qualifying);
    EXPECT_EQ(steps(), waiting);

    // A note the text rules refuse.
    m_window->openDetails(notQualified.id);
    m_window->details()->noteEdit()->setPlainText(QStringLiteral("Bell \a here"));
    QTest::mouseClick(m_window->details()->findChild<QPushButton*>(QStringLiteral("addNoteButton")), Qt::LeftButton);
    EXPECT_TRUE(m_db.service().notes().list(notQualified.id).value().empty());
    EXPECT_FALSE(status().empty());
    EXPECT_EQ(steps(), waiting);
    EXPECT_EQ(written(notQualified.id), untouched);

    // Redo (Ctrl+Shift+Z) still redoes the move that was waiting.
    redo(1);
    EXPECT_EQ(stored(ready.id).stage, Stage::Contacting);
    EXPECT_EQ(stack().index(), 1);
}
