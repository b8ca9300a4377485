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
#include "board/EditConflict.h"
#include "board/StageColumn.h"
#include "board/StageColumnModel.h"
#include "dealboard/DealStore.h"
#include "dealboard/service/PipelineOpener.h"

#include <QAction>
#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QTextBrowser>
#include <QUndoStack>
#include <QUrl>
#include <gtest/gtest.h>
#include <sqlite3.h>

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

    // Another rep changes the deal meanwhile: `dealboard-cli edit` as a
    // process on a file, a second pipeline on the team's server (where the
    // change log names who is signed in).
    void changeElsewhere(const QStringList& options, DealId id = 0)
    {
        if (id == 0) {
            id = m_deal.id;
        }
        if (m_db.onServer()) {
            DealFields fields;
            for (qsizetype i = 0; i + 1 < options.size(); i += 2) {
                if (options[i] == u"--value") {
                    fields.valueMinor = parseDecimal(options[i + 1], u"EUR").value();
                } else if (options[i] == u"--title") {
                    fields.title = options[i + 1];
                }
            }
            Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(m_db.path());
            ASSERT_TRUE(store.ok());
            Pipeline other(std::move(store.value()), std::make_shared<SystemClock>());
            ASSERT_TRUE(other.deals().edit(id, fields, {}).ok());
            return;
        }
        QProcess cli;
        cli.start(QStringLiteral(DEALBOARD_CLI_PATH),
                  QStringList {QStringLiteral("--db"), m_db.path(), QStringLiteral("edit"), QString::number(id),
                               QStringLiteral("--actor"), QStringLiteral("anna")}
                      + options);
        ASSERT_TRUE(cli.waitForFinished(30000));
        ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
    }
    // The name the change log gives the other rep.
    QString otherRep() const { return m_db.onServer() ? QString() : QStringLiteral("anna"); }
    std::int64_t shownVersion() const { return m_window->board().deal(m_deal.id)->version; }

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

// The rep types a value without pressing Enter while another rep changes the
// same value and the title: the title is refreshed, the typed value stays,
// and Enter saves nothing until the rep has seen the other change, with who
// made it, and chosen to keep theirs or mine.
TEST_F(DealPaneTest, AChangeOfTheFieldBeingTypedIsShownWithWhoMadeItAndKeepMineSavesOverIt)
{
    m_window->openDetails(m_deal.id);
    QLineEdit* value = pane()->valueEdit();
    value->setFocus();
    value->selectAll();
    QTest::keyClicks(value, QStringLiteral("5000"));
    const int steps = m_window->undoStack().count();

    changeElsewhere({QStringLiteral("--value"), QStringLiteral("111111"), QStringLiteral("--title"),
                     QStringLiteral("Security audit (renewed)")});
    ASSERT_TRUE(
        waitUntil([this] { return pane()->titleEdit()->text() == QStringLiteral("Security audit (renewed)"); }, 8000));
    EXPECT_EQ(value->text(), QStringLiteral("5000")); // what the rep is typing stays

    QTest::keyClick(value, Qt::Key_Return);
    EXPECT_EQ(stored().value.minor, 11111100); // nothing saved over theirs
    EXPECT_EQ(m_window->undoStack().count(), steps);
    ASSERT_TRUE(pane()->conflict()->isVisible());
    const QString said = pane()->conflict()->text();
    EXPECT_TRUE(said.contains(QStringLiteral("Value was changed"))) << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("Yours: <b>5,000 EUR"))) << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("111,111 EUR"))) << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("(by ") + otherRep())) << said.toStdString();
    EXPECT_EQ(value->text(), QStringLiteral("5000"));

    QTest::mouseClick(pane()->conflict()->keepMineButton(), Qt::LeftButton);
    EXPECT_EQ(stored().value.minor, 500000);
    EXPECT_EQ(stored().title, QStringLiteral("Security audit (renewed)")); // theirs, untouched by the rep
    EXPECT_FALSE(pane()->conflict()->isVisible());
    EXPECT_EQ(m_window->undoStack().count(), steps + 1);
    m_window->undoStack().undo(); // back to theirs
    EXPECT_EQ(stored().value.minor, 11111100);
}

TEST_F(DealPaneTest, TakeTheirsDropsWhatWasTypedAndSavesNothing)
{
    m_window->openDetails(m_deal.id);
    QLineEdit* value = pane()->valueEdit();
    value->setFocus();
    value->selectAll();
    QTest::keyClicks(value, QStringLiteral("5000"));
    const std::int64_t before = shownVersion();
    changeElsewhere({QStringLiteral("--value"), QStringLiteral("111111")});
    ASSERT_TRUE(waitUntil([&] { return shownVersion() != before; }, 8000));
    EXPECT_EQ(value->text(), QStringLiteral("5000"));

    QTest::keyClick(value, Qt::Key_Return);
    ASSERT_TRUE(pane()->conflict()->isVisible());
    const std::int64_t theirs = stored().version;
    QTest::mouseClick(pane()->conflict()->takeTheirsButton(), Qt::LeftButton);
    EXPECT_FALSE(pane()->conflict()->isVisible());
    EXPECT_EQ(value->text(), QStringLiteral("111,111"));
    EXPECT_FALSE(value->isModified());
    EXPECT_EQ(stored().value.minor, 11111100);
    EXPECT_EQ(stored().version, theirs);
}

// Enter is pressed before the board has read the other change: the service
// refuses the stale edit, the pane reads the deal again and compares only the
// field the rep touched: a change of another field is taken, the rep's value
// saved; a change of the same field is shown for the rep to choose.
TEST_F(DealPaneTest, AnEditRefusedAsStaleIsComparedOnlyOnTheFieldTheRepTouched)
{
    m_window->openDetails(m_deal.id);
    QLineEdit* value = pane()->valueEdit();
    value->setFocus();
    value->selectAll();
    QTest::keyClicks(value, QStringLiteral("5000"));
    changeElsewhere({QStringLiteral("--title"), QStringLiteral("Security audit (renewed)")});
    QTest::keyClick(value, Qt::Key_Return); // before any refresh
    EXPECT_EQ(stored().value.minor, 500000);
    EXPECT_EQ(stored().title, QStringLiteral("Security audit (renewed)"));
    EXPECT_FALSE(pane()->conflict()->isVisible());
    EXPECT_EQ(pane()->titleEdit()->text(), QStringLiteral("Security audit (renewed)"));

    value->selectAll();
    QTest::keyClicks(value, QStringLiteral("7000"));
    changeElsewhere({QStringLiteral("--value"), QStringLiteral("9000")});
    QTest::keyClick(value, Qt::Key_Return);
    EXPECT_EQ(stored().value.minor, 900000);
    ASSERT_TRUE(pane()->conflict()->isVisible());
    EXPECT_TRUE(pane()->conflict()->text().contains(QStringLiteral("9,000 EUR")))
        << pane()->conflict()->text().toStdString();
    EXPECT_EQ(value->text(), QStringLiteral("7000"));
}

// "abc" typed in Value, then another card clicked: the input is said, not
// dropped without a word, and the keyboard stays on the board: the next key
// never edits the other deal's value.
TEST_F(DealPaneTest, InvalidInputLeftForAnotherCardIsSaidAndTheKeyboardStaysOnTheBoard)
{
    DealFields worth;
    worth.valueMinor = 250000;
    const Deal other = m_db.create(QStringLiteral("Pen test"), Stage::Prospecting, worth);
    m_window->openDetails(m_deal.id);
    QLineEdit* value = pane()->valueEdit();
    value->setFocus();
    value->selectAll();
    QTest::keyClicks(value, QStringLiteral("abc"));

    DealListView* prospecting = m_window->column(Stage::Prospecting)->view(); // another column
    const QModelIndex otherCard = prospecting->model()->index(0, 0);
    ASSERT_TRUE(otherCard.isValid());
    QTest::mouseClick(prospecting->viewport(), Qt::LeftButton, {}, prospecting->visualRect(otherCard).center());
    ASSERT_TRUE(waitUntil([&] { return pane()->dealId() == other.id; }));
    EXPECT_NE(QApplication::focusWidget(), value);
    EXPECT_FALSE(pane()->isAncestorOf(QApplication::focusWidget()));
    EXPECT_EQ(value->text(), QStringLiteral("2,500"));
    ASSERT_TRUE(pane()->problem()->isVisible());
    const QString said = pane()->problem()->text();
    EXPECT_TRUE(said.contains(QStringLiteral("Not saved for 'Security audit': Value 'abc'"))) << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("not a valid amount"))) << said.toStdString();

    if (QWidget* focused = QApplication::focusWidget()) {
        QTest::keyClicks(focused, QStringLiteral("9"));
    }
    EXPECT_EQ(value->text(), QStringLiteral("2,500"));
    EXPECT_EQ(m_db.service().deals().get(other.id).value().value.minor, 250000);
    EXPECT_EQ(stored().value.minor, 0);
}

TEST_F(DealPaneTest, InvalidInputIsSaidWhenTheFieldIsLeftWithTab)
{
    m_window->openDetails(m_deal.id);
    QLineEdit* value = pane()->valueEdit();
    value->setFocus();
    value->selectAll();
    QTest::keyClicks(value, QStringLiteral("12.500,50"));
    QTest::keyClick(value, Qt::Key_Tab);
    ASSERT_TRUE(pane()->problem()->isVisible());
    EXPECT_TRUE(pane()->problem()->text().contains(QStringLiteral("decimal comma")))
        << pane()->problem()->text().toStdString();
    EXPECT_NE(QApplication::focusWidget(), value); // where Tab sent it
    EXPECT_EQ(value->text(), QStringLiteral("12.500,50")); // kept to be mended
    EXPECT_EQ(stored().value.minor, 0);
}

// A title stored before the text rules, holding U+202E, reads with the
// character written out, and is not saved back unless the rep edits it.
TEST_F(DealPaneTest, ForbiddenCharactersAlreadyStoredAreShownWrittenOutAndNotSavedBack)
{
    if (m_db.onServer()) {
        GTEST_SKIP() << "the server's guards refuse such text even from its owner";
    }
    const QString title = QStringLiteral("Invoice \u202Egpj.exe review");
    {
        sqlite3* handle = nullptr;
        ASSERT_EQ(sqlite3_open(QFile::encodeName(m_db.path()).constData(), &handle), SQLITE_OK);
        sqlite3_stmt* update = nullptr;
        ASSERT_EQ(sqlite3_prepare_v2(handle, "UPDATE deals SET title = ?, version = version + 1 WHERE id = ?", -1,
                                     &update, nullptr),
                  SQLITE_OK);
        const QByteArray utf8 = title.toUtf8();
        sqlite3_bind_text(update, 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(update, 2, m_deal.id);
        EXPECT_EQ(sqlite3_step(update), SQLITE_DONE);
        sqlite3_finalize(update);
        sqlite3_close(handle);
    }
    m_window->openDetails(m_deal.id);
    ASSERT_TRUE(waitUntil([this] { return pane()->titleEdit()->text().contains(QStringLiteral("<U+202E>")); }, 8000));
    EXPECT_EQ(pane()->titleEdit()->text(), QStringLiteral("Invoice <U+202E>gpj.exe review"));
    EXPECT_FALSE(pane()->findChild<QLabel*>(QStringLiteral("detailsSummary"))->text().contains(QChar(0x202E)));

    // Leaving the title, and editing another fact, saves the title as stored.
    QTest::keyClick(pane()->titleEdit(), Qt::Key_Tab);
    typeInto(pane()->valueEdit(), QStringLiteral("300"));
    EXPECT_EQ(stored().value.minor, 30000);
    EXPECT_EQ(stored().title, title);
}

// The deal form, open while another rep changes the deal: a fact the rep did
// not touch keeps the other change; the same fact changed on both sides is
// said with who changed it, and saved only when the rep saves again.
TEST_F(DealPaneTest, TheDealFormSavesOnlyWhatTheRepChangedAndAsksWhenTheSameFactChanged)
{
    m_window->selectDeal(m_deal.id);
    answerNextDialog([this](QWidget* dialog) {
        auto* buttons = dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttons"));
        auto* close = dialog->findChild<QCheckBox*>(QStringLiteral("closeDateCheck"));
        ASSERT_TRUE(buttons && close);
        close->setChecked(true);
        changeElsewhere({QStringLiteral("--title"), QStringLiteral("Security audit (renewed)")});
        buttons->button(QDialogButtonBox::Save)->click();
        EXPECT_FALSE(dialog->isVisible());
    });
    m_window->findChild<QAction*>(QStringLiteral("editDealAction"))->trigger();
    EXPECT_EQ(stored().title, QStringLiteral("Security audit (renewed)")); // not the form's old title
    EXPECT_TRUE(stored().expectedClose.isValid());
    ASSERT_TRUE(waitUntil([this] { return m_window->board().deal(m_deal.id)->title.endsWith(u"(renewed)"); }, 8000));

    answerNextDialog([this](QWidget* dialog) {
        auto* buttons = dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttons"));
        auto* value = dialog->findChild<QLineEdit*>(QStringLiteral("valueEdit"));
        auto* problem = dialog->findChild<QLabel*>(QStringLiteral("saveProblem"));
        ASSERT_TRUE(buttons && value && problem);
        value->setText(QStringLiteral("5000"));
        changeElsewhere({QStringLiteral("--value"), QStringLiteral("111111")});
        buttons->button(QDialogButtonBox::Save)->click();
        EXPECT_TRUE(dialog->isVisible());
        EXPECT_EQ(stored().value.minor, 11111100);
        const QString said = problem->text();
        EXPECT_TRUE(said.contains(QStringLiteral("Value: yours 5,000 EUR, now 111,111 EUR"))) << said.toStdString();
        EXPECT_TRUE(said.contains(QStringLiteral("by ") + otherRep())) << said.toStdString();
        buttons->button(QDialogButtonBox::Save)->click(); // keep mine
        EXPECT_FALSE(dialog->isVisible());
    });
    m_window->findChild<QAction*>(QStringLiteral("editDealAction"))->trigger();
    EXPECT_EQ(stored().value.minor, 500000);
    EXPECT_EQ(stored().title, QStringLiteral("Security audit (renewed)"));
}

// A refused drop's note speaks of the deal as it was: once the deal is
// edited, it goes.
TEST_F(DealPaneTest, ARefusedDropsNoteGoesOnceTheDealIsEdited)
{
    m_window->openDetails(m_deal.id);
    StageColumn* retention = m_window->column(Stage::Retention);
    m_window->requestMove({m_deal.id}, Stage::Retention); // only from Closing
    ASSERT_TRUE(retention->showsRefusal());
    typeInto(pane()->valueEdit(), QStringLiteral("4000"));
    EXPECT_EQ(stored().value.minor, 400000);
    EXPECT_FALSE(retention->showsRefusal());
}

// A box clicked before the board read another change of the deal: the click
// is asked again over what changed, not dropped.
TEST_F(DealPaneTest, ABoxClickedOverAnUnseenChangeIsSavedOverIt)
{
    const Deal lead = m_db.create(QStringLiteral("Fresh lead"), Stage::Prospecting);
    m_window->openDetails(lead.id);
    changeElsewhere({QStringLiteral("--title"), QStringLiteral("Fresh lead (renamed)")}, lead.id);
    QTest::mouseClick(pane()->findChild<QCheckBox*>(QStringLiteral("detailsBudget")), Qt::LeftButton);
    const Deal after = m_db.service().deals().get(lead.id).value();
    EXPECT_TRUE(after.qualification.budget);
    EXPECT_EQ(after.title, QStringLiteral("Fresh lead (renamed)"));
    EXPECT_FALSE(pane()->problem()->isVisible()) << pane()->problem()->text().toStdString();
}

// Value typed, changed meanwhile by someone else, and the field left with Tab
// (before or after the board read the change): the same choice as Enter
// gives, with what was typed kept in the field, and nothing saved yet.
TEST_F(DealPaneTest, AFieldLeftWithTabOverAChangeMeanwhileOffersTheChoice)
{
    for (const bool boardReadIt : {false, true}) {
        SCOPED_TRACE(boardReadIt ? "after the board read the change" : "before the board read the change");
        m_window->openDetails(m_deal.id);
        QLineEdit* value = pane()->valueEdit();
        value->setFocus();
        value->selectAll();
        const QString mine = boardReadIt ? QStringLiteral("6000") : QStringLiteral("5000");
        QTest::keyClicks(value, mine);
        const int steps = m_window->undoStack().count();
        const std::int64_t before = shownVersion();
        const QString theirs = boardReadIt ? QStringLiteral("222222") : QStringLiteral("111111");
        changeElsewhere({QStringLiteral("--value"), theirs});
        if (boardReadIt) {
            ASSERT_TRUE(waitUntil([&] { return shownVersion() != before; }, 8000));
        }
        QTest::keyClick(value, Qt::Key_Tab);
        EXPECT_EQ(stored().value.minor, theirs.toLongLong() * 100); // nothing saved over theirs
        EXPECT_EQ(m_window->undoStack().count(), steps);
        ASSERT_TRUE(pane()->conflict()->isVisible());
        const QString said = pane()->conflict()->text();
        EXPECT_TRUE(said.contains(QStringLiteral("Value was changed"))) << said.toStdString();
        EXPECT_TRUE(said.contains(QStringLiteral("Yours: <b>%1 EUR").arg(boardReadIt ? u"6,000" : u"5,000")))
            << said.toStdString();
        EXPECT_TRUE(said.contains(boardReadIt ? QStringLiteral("222,222 EUR") : QStringLiteral("111,111 EUR")))
            << said.toStdString();
        EXPECT_TRUE(said.contains(QStringLiteral("(by ") + otherRep())) << said.toStdString();
        EXPECT_EQ(value->text(), mine); // what was typed is still there
        EXPECT_FALSE(pane()->problem()->isVisible()) << pane()->problem()->text().toStdString();

        QTest::mouseClick(pane()->conflict()->keepMineButton(), Qt::LeftButton);
        EXPECT_EQ(stored().value.minor, mine.toLongLong() * 100);
        EXPECT_FALSE(pane()->conflict()->isVisible());
        EXPECT_EQ(m_window->undoStack().count(), steps + 1);
    }
}

// Value typed, changed meanwhile by someone else, then another card clicked:
// the choice stays about the deal it belongs to. The pane stays on that deal
// until the rep chooses (the clicked card is selected on the board), and then
// goes on to the clicked deal; nothing lands in the other deal's field.
TEST_F(DealPaneTest, AnotherCardClickedOverAChangeMeanwhileKeepsTheChoiceOnItsOwnDeal)
{
    DealFields worth;
    worth.valueMinor = 250000;
    const Deal other = m_db.create(QStringLiteral("Pen test"), Stage::Prospecting, worth);
    for (const bool keepMine : {true, false}) {
        SCOPED_TRACE(keepMine ? "keep mine" : "take theirs");
        m_window->openDetails(m_deal.id);
        ASSERT_EQ(pane()->dealId(), m_deal.id);
        QLineEdit* value = pane()->valueEdit();
        value->setFocus();
        value->selectAll();
        const QString mine = keepMine ? QStringLiteral("5000") : QStringLiteral("7000");
        QTest::keyClicks(value, mine);
        const QString theirs = keepMine ? QStringLiteral("111111") : QStringLiteral("333333");
        changeElsewhere({QStringLiteral("--value"), theirs});

        DealListView* prospecting = m_window->column(Stage::Prospecting)->view();
        const QModelIndex otherCard = prospecting->model()->index(0, 0);
        ASSERT_TRUE(otherCard.isValid());
        QTest::mouseClick(prospecting->viewport(), Qt::LeftButton, {}, prospecting->visualRect(otherCard).center());
        QTest::qWait(50);
        ASSERT_TRUE(pane()->conflict()->isVisible());
        EXPECT_EQ(pane()->dealId(), m_deal.id); // the pane stays on the deal the choice is about
        EXPECT_EQ(value->text(), mine);
        const QString said = pane()->conflict()->text();
        EXPECT_TRUE(said.contains(QStringLiteral("'Security audit'"))) << said.toStdString();
        EXPECT_TRUE(said.contains(QStringLiteral("the pane goes on to 'Pen test'"))) << said.toStdString();
        EXPECT_TRUE(said.contains(QStringLiteral("Yours: <b>%1,000 EUR").arg(mine.front()))) << said.toStdString();
        EXPECT_EQ(m_window->selectedDealIds(), QList<DealId> {other.id}); // the card the rep clicked
        EXPECT_FALSE(pane()->isAncestorOf(QApplication::focusWidget()));
        if (QWidget* focused = QApplication::focusWidget()) {
            QTest::keyClicks(focused, QStringLiteral("9"));
        }
        EXPECT_EQ(stored().value.minor, theirs.toLongLong() * 100);

        QTest::mouseClick(keepMine ? pane()->conflict()->keepMineButton() : pane()->conflict()->takeTheirsButton(),
                          Qt::LeftButton);
        EXPECT_EQ(stored().value.minor, keepMine ? 500000 : theirs.toLongLong() * 100);
        EXPECT_EQ(m_db.service().deals().get(other.id).value().value.minor, 250000);
        ASSERT_TRUE(waitUntil([&] { return pane()->dealId() == other.id; }));
        EXPECT_FALSE(pane()->conflict()->isVisible());
        EXPECT_EQ(value->text(), QStringLiteral("2,500"));
        EXPECT_FALSE(value->isModified());
    }
}

// Typed and not yet saved when another process deletes the deal: the pane
// says so, naming the deal and the text that was not saved, to be copied.
TEST_F(DealPaneTest, TypedInputOfADealDeletedElsewhereIsSaidWithTheText)
{
    for (const bool enter : {false, true}) {
        SCOPED_TRACE(enter ? "Enter pressed before the board read the deletion" : "still typing");
        const Deal deal
            = m_db.create(enter ? QStringLiteral("Pen test") : QStringLiteral("Cloud move"), Stage::Prospecting);
        ASSERT_TRUE(waitUntil([&] { return m_window->board().deal(deal.id).has_value(); }, 8000));
        m_window->openDetails(deal.id);
        QLineEdit* title = pane()->titleEdit();
        title->setFocus();
        title->selectAll();
        QTest::keyClicks(title, QStringLiteral("Renamed by me"));
        if (m_db.onServer()) {
            ASSERT_TRUE(m_db.service().deals().remove(deal.id, {}).ok());
        } else {
            QProcess cli;
            cli.start(QStringLiteral(DEALBOARD_CLI_PATH),
                      {QStringLiteral("--db"), m_db.path(), QStringLiteral("delete"), QString::number(deal.id)});
            ASSERT_TRUE(cli.waitForFinished(30000));
            ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
        }
        if (enter) {
            QTest::keyClick(title, Qt::Key_Return);
        }
        ASSERT_TRUE(waitUntil([&] { return !m_window->board().deal(deal.id).has_value(); }, 8000));
        QTest::qWait(50);
        ASSERT_TRUE(pane()->problem()->isVisible())
            << pane()->dealId() << " " << pane()->problem()->text().toStdString() << " "
            << pane()->titleEdit()->text().toStdString();
        const QString said = pane()->problem()->text();
        EXPECT_TRUE(said.contains(QStringLiteral("'%1' was deleted").arg(deal.title))) << said.toStdString();
        EXPECT_TRUE(said.contains(QStringLiteral("Title 'Renamed by me'"))) << said.toStdString();
        EXPECT_TRUE(pane()->problem()->textInteractionFlags() & Qt::TextSelectableByMouse);
    }
}

// Typed and not yet saved when another process's edit makes the deal hidden
// by the board's search: the pane says so, naming the deal and the text that
// was not saved, to be copied, as for a deal deleted elsewhere.
TEST_F(DealPaneTest, TypedInputOfADealHiddenByTheFiltersIsSaidWithTheText)
{
    QTest::keyClicks(m_window->findChild<QLineEdit*>(QStringLiteral("searchEdit")), QStringLiteral("Security"));
    ASSERT_TRUE(waitUntil([&] { return m_window->board().shownDeals() == 1; }));
    m_window->openDetails(m_deal.id);
    QLineEdit* value = pane()->valueEdit();
    value->setFocus();
    value->selectAll();
    QTest::keyClicks(value, QStringLiteral("7777"));
    changeElsewhere({QStringLiteral("--title"), QStringLiteral("Pen test")});
    ASSERT_TRUE(waitUntil([&] { return m_window->board().column(Stage::Contacting)->rowOf(m_deal.id) < 0; }, 8000));
    QTest::qWait(50);
    ASSERT_TRUE(pane()->problem()->isVisible()) << pane()->dealId() << " " << value->text().toStdString();
    const QString said = pane()->problem()->text();
    EXPECT_TRUE(said.contains(QStringLiteral("'Security audit' (now 'Pen test') is hidden by the board's filters")))
        << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("so what you typed was not saved: Value '7777'"))) << said.toStdString();
    EXPECT_EQ(stored().value.minor, m_deal.value.minor) << "nothing saved without the rep seeing the deal";
}

// A title holding U+202E shows it written out. Unchanged, nothing is saved;
// the marker stands for the character: deleting it removes the character,
// while a marker the rep types is plain text; an edit that keeps the marker
// is refused, naming it, never saved as the marker's letters.
TEST_F(DealPaneTest, AWrittenOutCharacterStandsForItselfWhenTheRepEdits)
{
    if (m_db.onServer()) {
        GTEST_SKIP() << "the server's guards refuse such text even from its owner";
    }
    const QString title = QStringLiteral("Invoice \u202Egpj.exe review");
    {
        sqlite3* handle = nullptr;
        ASSERT_EQ(sqlite3_open(QFile::encodeName(m_db.path()).constData(), &handle), SQLITE_OK);
        sqlite3_stmt* update = nullptr;
        ASSERT_EQ(sqlite3_prepare_v2(handle, "UPDATE deals SET title = ?, version = version + 1 WHERE id = ?", -1,
                                     &update, nullptr),
                  SQLITE_OK);
        const QByteArray utf8 = title.toUtf8();
        sqlite3_bind_text(update, 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(update, 2, m_deal.id);
        EXPECT_EQ(sqlite3_step(update), SQLITE_DONE);
        sqlite3_finalize(update);
        sqlite3_close(handle);
    }
    m_window->openDetails(m_deal.id);
    QLineEdit* field = pane()->titleEdit();
    ASSERT_TRUE(waitUntil([&] { return field->text().contains(QStringLiteral("<U+202E>")); }, 8000));
    const std::int64_t version = stored().version;

    // Typed over with the same text: nothing saved.
    typeInto(field, QStringLiteral("Invoice <U+202E>gpj.exe review"));
    EXPECT_EQ(stored().version, version);
    EXPECT_EQ(stored().title, title);

    // An edit keeping the marker: refused, naming it; nothing saved as letters.
    field->setFocus();
    field->end(false);
    QTest::keyClicks(field, QStringLiteral("s"));
    QTest::keyClick(field, Qt::Key_Return);
    EXPECT_EQ(stored().title, title);
    ASSERT_TRUE(pane()->problem()->isVisible());
    EXPECT_TRUE(pane()->problem()->text().contains(QStringLiteral("<U+202E>")))
        << pane()->problem()->text().toStdString();
    EXPECT_EQ(field->text(), QStringLiteral("Invoice <U+202E>gpj.exe reviews")); // kept to be mended

    // The marker deleted: the character goes with it.
    field->setText(QStringLiteral("Invoice gpj.exe reviews"));
    field->setModified(true);
    QTest::keyClick(field, Qt::Key_Return);
    EXPECT_EQ(stored().title, QStringLiteral("Invoice gpj.exe reviews"));

    // A marker the rep types is plain text.
    typeInto(field, QStringLiteral("Escapes like <U+202E> explained"));
    EXPECT_EQ(stored().title, QStringLiteral("Escapes like <U+202E> explained"));
}

// Closing the window (Ctrl+Q, the window's close button) saves a fact typed,
// as leaving its field does; what it can't save (a change made meanwhile,
// input refused) and a note typed and not added are asked about first: back
// to the deal (the default) keeps the window and the text; only "Close
// without saving" drops it.
TEST_F(DealPaneTest, ClosingSavesWhatItCanAndAsksAboutWhatItCannot)
{
    m_window->openDetails(m_deal.id);
    QLineEdit* title = pane()->titleEdit();
    title->setFocus();
    title->selectAll();
    QTest::keyClicks(title, QStringLiteral("Mine typed title"));
    QLineEdit* value = pane()->valueEdit();
    value->setFocus();
    value->selectAll();
    QTest::keyClicks(value, QStringLiteral("777"));
    changeElsewhere({QStringLiteral("--value"), QStringLiteral("111111")});
    QTest::keyClicks(pane()->noteEdit(), QStringLiteral("Call Tuesday"));
    QString said;
    answerNextDialog(
        [&](QWidget* box) {
            said = qobject_cast<QMessageBox*>(box)->text();
            qobject_cast<QMessageBox*>(box)->defaultButton()->click(); // Enter: back to the deal
        },
        QStringLiteral("unsavedOnClosing"));
    m_window->findChild<QAction*>(QStringLiteral("quitAction"))->trigger();
    EXPECT_TRUE(said.contains(QStringLiteral("Value '777'"))) << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("A note for 'Mine typed title' is typed and not added: 'Call Tuesday'")))
        << said.toStdString();
    EXPECT_TRUE(m_window->isVisible());
    EXPECT_EQ(value->text(), QStringLiteral("777")) << "the typed value is kept to be chosen";
    EXPECT_EQ(pane()->noteEdit()->toPlainText(), QStringLiteral("Call Tuesday"));
    EXPECT_EQ(stored().value.minor, 11111100) << "the other change is never overwritten unseen";
    EXPECT_EQ(stored().title, QStringLiteral("Mine typed title")) << "the title typed is saved, as leaving it";

    answerNextDialog(
        [&](QWidget* box) {
            for (QAbstractButton* button : qobject_cast<QMessageBox*>(box)->buttons()) {
                if (button->text() == u"Close without saving") {
                    button->click();
                }
            }
        },
        QStringLiteral("unsavedOnClosing"));
    m_window->close();
    EXPECT_FALSE(m_window->isVisible());
    EXPECT_EQ(stored().value.minor, 11111100);
}

// Input the pane refuses ("12,50,0" in Value) is asked about too.
TEST_F(DealPaneTest, ClosingWithRefusedInputAsksFirst)
{
    m_window->openDetails(m_deal.id);
    QLineEdit* value = pane()->valueEdit();
    value->setFocus();
    value->selectAll();
    QTest::keyClicks(value, QStringLiteral("abc"));
    QString said;
    answerNextDialog(
        [&](QWidget* box) {
            said = qobject_cast<QMessageBox*>(box)->text();
            qobject_cast<QMessageBox*>(box)->defaultButton()->click();
        },
        QStringLiteral("unsavedOnClosing"));
    m_window->close();
    EXPECT_TRUE(said.contains(QStringLiteral("Value 'abc'"))) << said.toStdString();
    EXPECT_TRUE(m_window->isVisible());
    EXPECT_TRUE(waitUntil([&] { return m_window->focusWidget() == value; })) << "the keyboard back in the field";
}

// Nothing typed: the window closes without a question.
TEST_F(DealPaneTest, ClosingWithNothingTypedAsksNothing)
{
    m_window->openDetails(m_deal.id);
    m_window->close();
    EXPECT_FALSE(m_window->isVisible());
}

// A yen deal has no decimals: "1500" is ¥1,500, "1500.5" is refused and
// said; a currency typed in the pane keeps the figure and a code outside
// ISO 4217 is refused with the nearest one.
TEST_F(DealPaneTest, AYenDealTakesWholeYenAndTheCurrencyIsCheckedWithItsNearestMatch)
{
    DealFields yen;
    yen.currency = QStringLiteral("JPY");
    ASSERT_TRUE(m_db.service().deals().edit(m_deal.id, yen).ok());
    m_window->openDetails(m_deal.id);
    QLineEdit* value = pane()->valueEdit();
    typeInto(value, QStringLiteral("1500"));
    ASSERT_TRUE(waitUntil([this] { return stored().value.minor == 1500; }));
    EXPECT_EQ(stored().value, (Money {1500, QStringLiteral("JPY")}));
    EXPECT_EQ(value->text(), QStringLiteral("1,500"));
    typeInto(value, QStringLiteral("1500.5"));
    ASSERT_TRUE(pane()->problem()->isVisible());
    EXPECT_TRUE(pane()->problem()->text().contains(QStringLiteral("JPY has no decimals")))
        << pane()->problem()->text().toStdString();
    EXPECT_EQ(stored().value.minor, 1500);
    value->setText(QStringLiteral("1,500"));
    typeInto(pane()->currencyEdit(), QStringLiteral("EUO"));
    ASSERT_TRUE(pane()->problem()->isVisible());
    EXPECT_TRUE(pane()->problem()->text().contains(QStringLiteral("did you mean EUR")))
        << pane()->problem()->text().toStdString();
    EXPECT_EQ(stored().value.currency, QStringLiteral("JPY"));
    typeInto(pane()->currencyEdit(), QStringLiteral("bhd"));
    ASSERT_TRUE(waitUntil([this] { return stored().value.currency == u"BHD"; }));
    EXPECT_EQ(stored().value.minor, 1500000); // 1,500 JPY becomes 1,500 BHD
    EXPECT_TRUE(waitUntil([value] { return value->text() == u"1,500"; })) << value->text().toStdString();
}
