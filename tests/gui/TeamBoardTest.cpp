// The board as a team member sees it on a server: the team's users in the
// owner filter, "My deals", what a rep may not do disabled with who may, and
// the Reports tab's split by owner. Runs in the PostgreSQL half only (as
// pg.gui.TeamBoard), signed in as the team's own users, never a superuser.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestServer.h"
#include "board/BoardModel.h"
#include "board/DealListView.h"
#include "board/DealPane.h"
#include "board/EditConflict.h"
#include "board/StageColumn.h"
#include "board/StageColumnModel.h"
#include "common/ConnectDialog.h"
#include "common/Keyring.h"
#include "dealboard/DealStore.h"
#include "dealboard/ServerAddress.h"
#include "dealboard/service/PipelineOpener.h"
#include "dealboard/service/TeamAdministration.h"
#include "reports/ReportsView.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUrl>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

class TeamBoard : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (!TestServer::inUse()) {
            GTEST_SKIP() << "runs in the PostgreSQL half of the suite";
        }
        if (TestServer::adminUrl().isEmpty()) {
            if (qgetenv("CI") == "true") {
                FAIL() << "the team's board test needs the throwaway server (scripts/test.sh starts it)";
            }
            GTEST_SKIP() << "no PostgreSQL server for the tests (DEALBOARD_TEST_PG_URL is not set)";
        }
        m_database = TestServer::createDatabase();
        const QString url = TestServer::urlOf(m_database);
        ASSERT_TRUE(PipelineOpener::initServer(url).ok());
        ASSERT_TRUE(TeamAdministration::initTeam(url).ok());
        for (const auto& [user, role] : {std::pair {"anna", TeamRole::Rep}, std::pair {"ben", TeamRole::Rep},
                                         std::pair {"carl", TeamRole::Rep}, std::pair {"mia", TeamRole::Manager}}) {
            const QString name = QString::fromLatin1(user);
            ASSERT_TRUE(TeamAdministration::addMember(url, login(name), role, password(name)).ok());
        }
        m_annas = create(QStringLiteral("anna"), QStringLiteral("Anna's renewal"));
        m_bens = create(QStringLiteral("ben"), QStringLiteral("Ben's pilot"));
    }

    void TearDown() override
    {
        m_window.reset();
        m_pipeline.reset();
        if (m_database.isEmpty()) {
            return;
        }
        TestServer::dropDatabase(m_database);
        QStringList drops;
        for (const char* role : {"anna", "ben", "carl", "mia", "rep", "manager", "owner", "admin"}) {
            drops << QStringLiteral("DROP ROLE IF EXISTS \"%1\"").arg(login(QString::fromLatin1(role)));
        }
        QString error;
        EXPECT_TRUE(TestServer::run(drops, QString(), &error)) << error.toStdString();
    }

    QString login(const QString& user) const { return m_database + QLatin1Char('_') + user; }
    static QString password(const QString& user) { return QStringLiteral("pw-of-%1-long").arg(user); }

    std::unique_ptr<Pipeline> signIn(const QString& user)
    {
        QUrl url(TestServer::urlOf(m_database));
        url.setUserName(login(user));
        setServerPassword(password(user));
        Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(url.toString());
        setServerPassword(QString()); // the test server's own connections use PGPASSWORD again
        if (!store) {
            ADD_FAILURE() << store.error().message.toStdString();
            return nullptr;
        }
        return std::make_unique<Pipeline>(std::move(store.value()), std::make_shared<SystemClock>());
    }

    DealId create(const QString& user, const QString& title)
    {
        std::unique_ptr<Pipeline> pipeline = signIn(user);
        DealFields fields;
        fields.title = title;
        fields.valueMinor = 100000;
        Result<Deal> deal = pipeline->deals().create(fields);
        EXPECT_TRUE(deal.ok()) << deal.error().message.toStdString();
        return deal ? deal.value().id : 0;
    }

    void openBoard(const QString& user)
    {
        m_window.reset();
        m_pipeline = signIn(user);
        ASSERT_NE(m_pipeline, nullptr);
        m_window = std::make_unique<MainWindow>(*m_pipeline);
        ASSERT_TRUE(m_window->load().ok());
        m_window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
    }

    QAction* action(const QString& name) const { return m_window->findChild<QAction*>(name); }

    QString m_database;
    DealId m_annas = 0;
    DealId m_bens = 0;
    std::unique_ptr<Pipeline> m_pipeline;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

TEST_F(TeamBoard, ARepSeesTheTeamFiltersToTheirOwnAndMayChangeOnlyThose)
{
    openBoard(QStringLiteral("anna"));
    StageColumnModel* prospecting = m_window->board().column(Stage::Prospecting);
    ASSERT_EQ(prospecting->rowCount(), 2); // the team's pipeline

    // The owner filter lists every user of the team, Carl too, who owns nothing yet.
    auto* owners = m_window->findChild<QComboBox*>(QStringLiteral("ownerFilter"));
    ASSERT_NE(owners, nullptr);
    for (const char* user : {"anna", "ben", "carl", "mia"}) {
        EXPECT_GE(owners->findText(login(QString::fromLatin1(user))), 1) << user;
    }

    // "My deals" is one click, and one more shows the team's again.
    QAction* mine = action(QStringLiteral("myDealsAction"));
    ASSERT_NE(mine, nullptr);
    EXPECT_TRUE(mine->isVisible());
    mine->trigger();
    EXPECT_EQ(owners->currentText(), login(QStringLiteral("anna")));
    EXPECT_EQ(prospecting->rowCount(), 1);
    EXPECT_EQ(prospecting->rowOf(m_annas), 0);
    mine->trigger();
    EXPECT_EQ(owners->currentIndex(), 0);
    EXPECT_EQ(prospecting->rowCount(), 2);
    owners->setCurrentIndex(owners->findText(login(QStringLiteral("anna"))));
    EXPECT_TRUE(mine->isChecked()); // choosing herself in the filter is the same

    owners->setCurrentIndex(0);
    // Ben's deal: what Anna may not do is disabled, and says who may.
    m_window->selectDeal(m_bens);
    QAction* next = action(QStringLiteral("moveNextAction"));
    ASSERT_NE(next, nullptr);
    EXPECT_FALSE(next->isEnabled());
    EXPECT_TRUE(next->toolTip().contains(
        QStringLiteral("Only the deal's owner (%1) or a manager").arg(login(QStringLiteral("ben")))))
        << next->toolTip().toStdString();
    EXPECT_FALSE(action(QStringLiteral("planActivityAction"))->isEnabled());
    const QModelIndex bens = prospecting->index(prospecting->rowOf(m_bens));
    EXPECT_FALSE(prospecting->flags(bens).testFlag(Qt::ItemIsDragEnabled));
    EXPECT_TRUE(bens.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Only the deal's owner")));
    // Dragging it with the mouse starts no drag, and the status bar says why.
    DealListView* view = m_window->column(Stage::Prospecting)->view();
    const QPoint start = view->visualRect(bens).center();
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, start);
    QMouseEvent moved(QEvent::MouseMove, QPointF(start + QPoint(40, 40)), view->viewport()->mapToGlobal(start),
                      Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &moved);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, start + QPoint(40, 40));
    EXPECT_TRUE(m_window->statusBar()->currentMessage().contains(
        QStringLiteral("Only the deal's owner (%1)").arg(login(QStringLiteral("ben")))))
        << m_window->statusBar()->currentMessage().toStdString();
    m_window->statusBar()->clearMessage();
    // A drop that reaches the board all the same changes nothing, and says why.
    std::unique_ptr<QMimeData> mime(StageColumnModel::encodeDealIds({m_bens}));
    m_window->board().column(Stage::Qualifying)->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, {});
    EXPECT_EQ(m_pipeline->deals().get(m_bens).value().stage, Stage::Prospecting);
    EXPECT_TRUE(m_window->statusBar()->currentMessage().contains(QStringLiteral("Only the deal's owner")))
        << m_window->statusBar()->currentMessage().toStdString();

    // Her own deal: everything a rep may do.
    m_window->selectDeal(m_annas);
    EXPECT_TRUE(next->isEnabled());
    EXPECT_TRUE(prospecting->flags(prospecting->index(prospecting->rowOf(m_annas))).testFlag(Qt::ItemIsDragEnabled));

    // Goals and contact frequencies are a manager's.
    EXPECT_FALSE(action(QStringLiteral("contactFrequencyAction"))->isEnabled());
    auto* goals = m_window->reports()->findChild<QPushButton*>(QStringLiteral("goalsButton"));
    ASSERT_NE(goals, nullptr);
    EXPECT_FALSE(goals->isEnabled());
    EXPECT_TRUE(goals->toolTip().contains(QStringLiteral("Only a manager can set the stage goals")));
}

TEST_F(TeamBoard, AManagerMayChangeEveryDealAndReadsTheFunnelSplitByOwner)
{
    openBoard(QStringLiteral("mia"));
    m_window->selectDeal(m_bens);
    EXPECT_TRUE(action(QStringLiteral("moveNextAction"))->isEnabled());
    EXPECT_TRUE(action(QStringLiteral("contactFrequencyAction"))->isEnabled());
    EXPECT_TRUE(m_window->reports()->findChild<QPushButton*>(QStringLiteral("goalsButton"))->isEnabled());

    m_window->showReports(true);
    auto* tables = m_window->reports()->findChild<QTabWidget*>(QStringLiteral("reportTables"));
    auto* split = m_window->reports()->findChild<QTableWidget*>(QStringLiteral("ownerSplitTable"));
    ASSERT_NE(tables, nullptr);
    ASSERT_NE(split, nullptr);
    tables->setCurrentWidget(split);
    ASSERT_TRUE(waitUntil([split] { return split->rowCount() == 3; })) << split->rowCount();
    EXPECT_EQ(split->item(0, 0)->text(), login(QStringLiteral("anna")));
    EXPECT_EQ(split->item(0, 1)->text(), QStringLiteral("1"));
    EXPECT_EQ(split->item(1, 0)->text(), login(QStringLiteral("ben")));
    EXPECT_EQ(split->item(2, 0)->text(), QStringLiteral("Team"));
    EXPECT_EQ(split->item(2, 1)->text(), QStringLiteral("2"));

    // A double-click on an owner shows the charts of their deals.
    Q_EMIT split->cellDoubleClicked(1, 0);
    auto* reportOwner = m_window->reports()->findChild<QComboBox*>(QStringLiteral("reportOwner"));
    EXPECT_EQ(reportOwner->currentText(), login(QStringLiteral("ben")));
    EXPECT_EQ(m_window->reports()->report().deals, 1);
}

// The details pane on a team's server: a teammate's deal is read, not
// changed; the rep's own takes notes in her name. Both reps select their
// deals together with Ben's, and only theirs move.
TEST_F(TeamBoard, TheDetailsPaneShowsATeammatesDealReadOnlyAndSeveralMoveOnlyWhereAllowed)
{
    openBoard(QStringLiteral("anna"));
    m_window->openDetails(m_bens);
    DealPane* pane = m_window->details();
    ASSERT_TRUE(pane->isVisible());
    EXPECT_TRUE(pane->titleEdit()->isReadOnly());
    EXPECT_FALSE(pane->noteEdit()->isEnabled());
    EXPECT_TRUE(pane->noteEdit()->placeholderText().contains(
        QStringLiteral("Only the deal's owner (%1)").arg(login(QStringLiteral("ben")))))
        << pane->noteEdit()->placeholderText().toStdString();
    EXPECT_FALSE(pane->timeline()->toPlainText().contains(QStringLiteral("Plan…")));

    m_window->openDetails(m_annas);
    EXPECT_FALSE(pane->titleEdit()->isReadOnly());
    ASSERT_TRUE(pane->noteEdit()->isEnabled());
    pane->noteEdit()->setFocus();
    QTest::keyClicks(pane->noteEdit(), QStringLiteral("Spoke to their CTO"));
    QTest::keyClick(pane->noteEdit(), Qt::Key_Return, Qt::ControlModifier);
    const std::vector<Note> notes = m_pipeline->notes().list(m_annas).value();
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].author, login(QStringLiteral("anna")));
    EXPECT_TRUE(pane->timeline()->toPlainText().contains(login(QStringLiteral("anna"))));

    // Anna's and Ben's deals together: Ben's is refused and listed, and Anna's
    // moves only when she says so.
    QStringList listed;
    confirmSeveral(nullptr, [&listed](QWidget* dialog) {
        auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("refusedDeals"));
        ASSERT_NE(table, nullptr);
        for (int row = 0; row < table->rowCount(); ++row) {
            listed << table->item(row, 1)->text();
        }
        dialog->findChild<QPushButton*>(QStringLiteral("doTheRest"))->click();
    });
    m_window->requestMove({m_annas, m_bens}, Stage::Qualifying);
    ASSERT_EQ(listed.size(), 1);
    EXPECT_TRUE(listed.front().contains(QStringLiteral("Only the deal's owner"))) << listed.front().toStdString();
    EXPECT_EQ(m_pipeline->deals().get(m_annas).value().stage, Stage::Qualifying);
    EXPECT_EQ(m_pipeline->deals().get(m_bens).value().stage, Stage::Prospecting);
}

// Live on a server: another rep's move reaches an open board through the
// server's notification (no table is polled), the selection kept; a
// connection cut from the server's side shows the banner, refuses a change
// with a clear message and keeps nothing of it; once the server lets the
// board in again it reconnects by itself and reads what it missed.
TEST_F(TeamBoard, AnotherRepsMoveAppearsLiveAndALostConnectionShowsABannerUntilItIsBack)
{
    openBoard(QStringLiteral("mia"));
    m_window->selectDeal(m_bens);
    ASSERT_EQ(m_window->selectedDealId(), std::optional<DealId>(m_bens));
    StageColumnModel* qualifying = m_window->board().column(Stage::Qualifying);
    ASSERT_EQ(qualifying->rowOf(m_annas), -1);

    std::unique_ptr<Pipeline> anna = signIn(QStringLiteral("anna"));
    ASSERT_NE(anna, nullptr);
    ASSERT_TRUE(anna->deals().move(m_annas, Stage::Qualifying).ok());
    QTRY_VERIFY_WITH_TIMEOUT(qualifying->rowOf(m_annas) >= 0, 5000);
    EXPECT_EQ(m_window->selectedDealId(), std::optional<DealId>(m_bens));

    auto* banner = m_window->findChild<QWidget*>(QStringLiteral("connectionBanner"));
    auto* bannerText = m_window->findChild<QLabel*>(QStringLiteral("connectionBannerText"));
    ASSERT_NE(banner, nullptr);
    ASSERT_NE(bannerText, nullptr);
    EXPECT_FALSE(banner->isVisible());

    // The server ends Mia's session and, for now, refuses her a new one.
    QString error;
    ASSERT_TRUE(TestServer::run({QStringLiteral("ALTER ROLE \"%1\" NOLOGIN").arg(login(QStringLiteral("mia"))),
                                 QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                                "usename = '%1'")
                                     .arg(login(QStringLiteral("mia")))},
                                QString(), &error))
        << error.toStdString();
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 5000);
    EXPECT_TRUE(bannerText->text().contains(QStringLiteral("Not connected"))) << bannerText->text().toStdString();
    EXPECT_FALSE(m_pipeline->isConnected());
    DealFields value;
    value.valueMinor = 777;
    const Result<Deal> refused = m_pipeline->deals().edit(m_bens, value);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("Not connected")))
        << refused.error().message.toStdString();

    // Meanwhile Anna moves her deal back; the board learns it once connected.
    ASSERT_TRUE(anna->deals().move(m_annas, Stage::Prospecting).ok());
    ASSERT_TRUE(TestServer::run({QStringLiteral("ALTER ROLE \"%1\" LOGIN").arg(login(QStringLiteral("mia")))}));
    QTRY_VERIFY_WITH_TIMEOUT(bannerText->text().contains(QStringLiteral("again")), 20000);
    EXPECT_TRUE(m_pipeline->isConnected());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->board().column(Stage::Prospecting)->rowOf(m_annas) >= 0, 5000);
    EXPECT_EQ(qualifying->rowOf(m_annas), -1);
    // Nothing of the refused edit was kept; the same edit now saves.
    EXPECT_EQ(anna->deals().get(m_bens).value().value.minor, 100000);
    EXPECT_TRUE(m_pipeline->deals().edit(m_bens, value).ok());

    // And notifications flow again on the new session.
    ASSERT_TRUE(anna->deals().move(m_annas, Stage::Qualifying).ok());
    QTRY_VERIFY_WITH_TIMEOUT(qualifying->rowOf(m_annas) >= 0, 5000);
}

// File > Connect to server…: a wrong password is said in the dialog, which
// stays open with the fields kept; the right one connects. Without a
// keyring, "Remember password" is not offered at all.
TEST_F(TeamBoard, TheConnectDialogSaysWhatTheServerRefusedAndConnectsWithTheRightPassword)
{
    const QUrl server(TestServer::urlOf(m_database));
    ConnectDialog dialog;
    dialog.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
    auto* connectButton = dialog.findChild<QPushButton*>(QStringLiteral("connectButton"));
    ASSERT_NE(connectButton, nullptr);
    EXPECT_FALSE(connectButton->isEnabled()); // no host, no database yet
    dialog.findChild<QLineEdit*>(QStringLiteral("connectHost"))->setText(server.host());
    dialog.findChild<QSpinBox*>(QStringLiteral("connectPort"))->setValue(server.port());
    dialog.findChild<QLineEdit*>(QStringLiteral("connectDatabase"))->setText(m_database);
    dialog.findChild<QLineEdit*>(QStringLiteral("connectUser"))->setText(login(QStringLiteral("anna")));
    auto* passwordField = dialog.findChild<QLineEdit*>(QStringLiteral("connectPassword"));
    passwordField->setText(QStringLiteral("not-her-password"));
    EXPECT_TRUE(connectButton->isEnabled());
    EXPECT_EQ(dialog.findChild<QCheckBox*>(QStringLiteral("connectRemember"))->isVisible(), Keyring::available());

    QTest::mouseClick(connectButton, Qt::LeftButton);
    auto* problem = dialog.findChild<QLabel*>(QStringLiteral("connectProblem"));
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_TRUE(problem->isVisible());
    EXPECT_TRUE(problem->text().contains(QStringLiteral("password authentication failed")))
        << problem->text().toStdString();
    EXPECT_FALSE(problem->text().contains(QStringLiteral("--password-stdin"))); // the CLI's words stay in the CLI
    EXPECT_EQ(passwordField->text(), QStringLiteral("not-her-password"));

    passwordField->setText(password(QStringLiteral("anna")));
    QTest::mouseClick(connectButton, Qt::LeftButton);
    EXPECT_EQ(dialog.result(), QDialog::Accepted);
    EXPECT_FALSE(dialog.isVisible());
    EXPECT_EQ(dialog.password(), password(QStringLiteral("anna")));
    QUrl expected(server);
    expected.setUserName(login(QStringLiteral("anna")));
    EXPECT_EQ(QUrl(dialog.url()), expected);
}

// A rule the server holds and this board does not know (a manager's stage
// rule, or a board older than its server): the server's refusal opens the
// missing-facts form for exactly what it named, and Save and move goes
// through once the fact is given.
TEST_F(TeamBoard, TheServersRefusalOpensTheMissingFactsForm)
{
    QString error;
    ASSERT_TRUE(TestServer::run({QStringLiteral("INSERT INTO stage_requirements (stage, requirement, position) VALUES "
                                                "('qualifying', 'value', 9)"),
                                 QStringLiteral("UPDATE deals SET value_minor = 0 WHERE id = %1").arg(m_annas)},
                                m_database, &error))
        << error.toStdString();
    openBoard(QStringLiteral("anna"));
    bool sawForm = false;
    answerNextDialog([&sawForm](QWidget* dialog) {
        sawForm = true;
        auto* value = dialog->findChild<QLineEdit*>(QStringLiteral("valueEdit"));
        ASSERT_NE(value, nullptr);
        EXPECT_EQ(dialog->findChild<QCheckBox*>(QStringLiteral("willingCheck")), nullptr);
        value->setText(QStringLiteral("2500"));
        auto* ok = dialog->findChild<QPushButton*>(QStringLiteral("okButton"));
        ASSERT_NE(ok, nullptr);
        QTest::mouseClick(ok, Qt::LeftButton);
    });
    std::unique_ptr<QMimeData> mime(StageColumnModel::encodeDealIds({m_annas}));
    m_window->board().column(Stage::Qualifying)->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, {});
    EXPECT_TRUE(sawForm);
    const Deal after = m_pipeline->deals().get(m_annas).value();
    EXPECT_EQ(after.stage, Stage::Qualifying);
    EXPECT_EQ(after.value.minor, 250000);

    // One Ctrl+Z takes back the move and the value saved with it, through the
    // server's undo; redo sets the value again and moves it again.
    action(QStringLiteral("undoAction"))->trigger();
    Deal now = m_pipeline->deals().get(m_annas).value();
    EXPECT_EQ(now.stage, Stage::Prospecting) << m_window->statusBar()->currentMessage().toStdString();
    EXPECT_EQ(now.value.minor, 0);
    action(QStringLiteral("redoAction"))->trigger();
    now = m_pipeline->deals().get(m_annas).value();
    EXPECT_EQ(now.stage, Stage::Qualifying) << m_window->statusBar()->currentMessage().toStdString();
    EXPECT_EQ(now.value.minor, 250000);
}

// A teammate's card is marked (grey, with a lock where the rep may not change
// it), and a vertical drag on it neither moves it nor selects a range.
TEST_F(TeamBoard, TeammatesCardsCarryAMarkAndADragOnOneNeverSelectsARange)
{
    create(QStringLiteral("ben"), QStringLiteral("Ben's second"));
    const DealId third = create(QStringLiteral("ben"), QStringLiteral("Ben's third"));
    openBoard(QStringLiteral("anna"));
    StageColumnModel* prospecting = m_window->board().column(Stage::Prospecting);
    ASSERT_EQ(prospecting->rowCount(), 4);
    const QModelIndex bens = prospecting->index(prospecting->rowOf(m_bens));
    const QModelIndex annas = prospecting->index(prospecting->rowOf(m_annas));
    EXPECT_TRUE(bens.data(StageColumnModel::TeammateRole).toBool());
    EXPECT_TRUE(bens.data(StageColumnModel::LockedRole).toBool());
    EXPECT_FALSE(annas.data(StageColumnModel::TeammateRole).toBool());
    EXPECT_FALSE(annas.data(StageColumnModel::LockedRole).toBool());
    EXPECT_TRUE(bens.data(Qt::AccessibleTextRole).toString().contains(login(QStringLiteral("ben"))));

    // Drawn apart: a teammate's card is grey where the rep's own is white.
    DealListView* view = m_window->column(Stage::Prospecting)->view();
    const QImage cards = view->viewport()->grab().toImage();
    const auto background = [&](const QModelIndex& index) {
        const QRect card = view->visualRect(index);
        return cards.pixelColor(card.left() + card.width() / 2, card.bottom() - 5);
    };
    EXPECT_NE(background(bens), background(annas));

    // Pressed on Ben's top card and dragged down over the others.
    ASSERT_EQ(prospecting->rowOf(third), 0);
    const QPoint start = view->visualRect(prospecting->index(0)).center();
    const QPoint end = view->visualRect(prospecting->index(3)).center();
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, start);
    for (int step = 1; step <= 6; ++step) {
        const QPointF at = start + (end - start) * step / 6;
        QMouseEvent moved(QEvent::MouseMove, at, view->viewport()->mapToGlobal(at), Qt::NoButton, Qt::LeftButton,
                          Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &moved);
    }
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, end);
    EXPECT_LE(m_window->selectedDealIds().size(), 1) << "a range was selected";
    EXPECT_FALSE(m_window->selectedDealIds().contains(m_annas));
    EXPECT_EQ(m_pipeline->deals().get(third).value().stage, Stage::Prospecting);

    // A manager may change every deal: the teammates' cards are still marked, unlocked.
    openBoard(QStringLiteral("mia"));
    StageColumnModel* managers = m_window->board().column(Stage::Prospecting);
    const QModelIndex seen = managers->index(managers->rowOf(m_bens));
    EXPECT_TRUE(seen.data(StageColumnModel::TeammateRole).toBool());
    EXPECT_FALSE(seen.data(StageColumnModel::LockedRole).toBool());
}

// While the connection is lost, a column a card is dragged over shows red
// (the move would be refused), and "Reconnect now" tries at once.
TEST_F(TeamBoard, WhileDisconnectedADropTargetShowsItWillRefuseAndReconnectNowTriesAtOnce)
{
    openBoard(QStringLiteral("mia"));
    auto* banner = m_window->findChild<QWidget*>(QStringLiteral("connectionBanner"));
    auto* bannerText = m_window->findChild<QLabel*>(QStringLiteral("connectionBannerText"));
    auto* reconnect = m_window->findChild<QPushButton*>(QStringLiteral("reconnectNowButton"));
    ASSERT_TRUE(banner && bannerText && reconnect);
    StageColumn* qualifying = m_window->column(Stage::Qualifying);
    auto tint = [qualifying] {
        const QImage picture = qualifying->grab().toImage();
        return picture.pixelColor(picture.width() / 2, picture.height() - 12);
    };
    std::unique_ptr<QMimeData> mime(StageColumnModel::encodeDealIds({m_annas}));
    auto dragOver = [&] {
        QWidget* viewport = qualifying->view()->viewport();
        QDragEnterEvent enter(viewport->rect().center(), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &enter);
        const QColor seen = tint();
        QDragLeaveEvent leave;
        QApplication::sendEvent(viewport, &leave);
        return seen;
    };
    EXPECT_EQ(dragOver(), QColor(0xe6, 0xf4, 0xec)); // connected: allowed, green

    QString error;
    ASSERT_TRUE(TestServer::run({QStringLiteral("ALTER ROLE \"%1\" NOLOGIN").arg(login(QStringLiteral("mia"))),
                                 QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                                "usename = '%1'")
                                     .arg(login(QStringLiteral("mia")))},
                                QString(), &error))
        << error.toStdString();
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 5000);
    EXPECT_TRUE(reconnect->isVisible());
    EXPECT_EQ(dragOver(), QColor(0xfb, 0xe9, 0xe9)); // refused, red

    QTest::mouseClick(reconnect, Qt::LeftButton);
    EXPECT_FALSE(m_pipeline->isConnected());
    EXPECT_TRUE(bannerText->text().contains(QStringLiteral("Still not connected"))) << bannerText->text().toStdString();

    ASSERT_TRUE(TestServer::run({QStringLiteral("ALTER ROLE \"%1\" LOGIN").arg(login(QStringLiteral("mia")))}));
    QTest::mouseClick(reconnect, Qt::LeftButton); // at once, not after the back-off
    EXPECT_TRUE(m_pipeline->isConnected());
    EXPECT_TRUE(bannerText->text().contains(QStringLiteral("again"))) << bannerText->text().toStdString();
    EXPECT_FALSE(reconnect->isVisible());
    EXPECT_EQ(dragOver(), QColor(0xe6, 0xf4, 0xec));
}

// Anna types a value in her deal's pane while her manager changes the same
// value: Enter saves nothing until Anna has seen Mia's change, named by her
// login. Two of Mia's windows on the quotas: the stale one is refused by the
// service inside its transaction on the server.
TEST_F(TeamBoard, AManagersChangeIsNeverOverwrittenUnseenNorAStaleQuota)
{
    openBoard(QStringLiteral("anna"));
    m_window->openDetails(m_annas);
    QLineEdit* value = m_window->details()->valueEdit();
    value->setFocus();
    value->selectAll();
    QTest::keyClicks(value, QStringLiteral("5000"));
    {
        std::unique_ptr<Pipeline> mia = signIn(QStringLiteral("mia"));
        ASSERT_NE(mia, nullptr);
        DealFields fields;
        fields.valueMinor = 11111100;
        ASSERT_TRUE(mia->deals().edit(m_annas, fields, {}).ok());
    }
    ASSERT_TRUE(waitUntil([this] { return m_window->board().deal(m_annas)->value.minor == 11111100; }, 8000));
    EXPECT_EQ(value->text(), QStringLiteral("5000"));
    QTest::keyClick(value, Qt::Key_Return);
    EditConflict* conflict = m_window->details()->conflict();
    ASSERT_TRUE(conflict->isVisible());
    EXPECT_TRUE(conflict->text().contains(QStringLiteral("(by ") + login(QStringLiteral("mia"))))
        << conflict->text().toStdString();
    QTest::mouseClick(conflict->takeTheirsButton(), Qt::LeftButton);
    EXPECT_EQ(m_pipeline->deals().get(m_annas).value().value.minor, 11111100);

    std::unique_ptr<Pipeline> first = signIn(QStringLiteral("mia"));
    std::unique_ptr<Pipeline> second = signIn(QStringLiteral("mia"));
    ASSERT_TRUE(first && second);
    const QString march = QStringLiteral("2026-03");
    const QString anna = login(QStringLiteral("anna"));
    ASSERT_TRUE(first->reports().setQuotas(march, {{anna, QStringLiteral("EUR"), 500000, std::nullopt, true}}).ok());
    const Result<void> stale
        = second->reports().setQuotas(march, {{anna, QStringLiteral("EUR"), 700000, std::nullopt, true}});
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::StaleVersion) << stale.error().message.toStdString();
    EXPECT_EQ(first->reports().quotas(march).value().at(0).amount.minor, 500000);
}

// On a server the board reads again only what the tables a commit's notices
// name touch. A manager's probability, an organization renamed and a rep's
// move, each made elsewhere, still reach it, and one after the other.
TEST_F(TeamBoard, WhatAnotherMemberChangesReachesTheBoardByTheTablesItsNoticeNames)
{
    std::unique_ptr<Pipeline> anna = signIn(QStringLiteral("anna"));
    ASSERT_NE(anna, nullptr);
    DealFields company;
    company.company = QStringLiteral("Initech");
    ASSERT_TRUE(anna->deals().edit(m_annas, company).ok());
    openBoard(QStringLiteral("mia"));
    BoardModel& board = m_window->board();
    // Two deals of 1,000.00 EUR in Prospecting, at its 5 %.
    ASSERT_EQ(board.totals(Stage::Prospecting).weightedMinor, 10000);

    std::unique_ptr<Pipeline> manager = signIn(QStringLiteral("mia"));
    ASSERT_NE(manager, nullptr);
    ASSERT_TRUE(manager->reports().setProbability(Stage::Prospecting, 50).ok());
    QTRY_COMPARE_WITH_TIMEOUT(board.totals(Stage::Prospecting).weightedMinor, std::int64_t(100000), 5000);

    const std::int64_t initech = anna->deals().get(m_annas).value().organizationId;
    ASSERT_GT(initech, 0);
    OrganizationFields renamed;
    renamed.name = QStringLiteral("Initrode");
    ASSERT_TRUE(manager->contacts().editOrganization(initech, renamed).ok());
    QTRY_COMPARE_WITH_TIMEOUT(board.deal(m_annas)->company, QStringLiteral("Initrode"), 5000);
    board.setSearchText(QStringLiteral("initrode"));
    EXPECT_EQ(board.column(Stage::Prospecting)->rowOf(m_annas), 0);
    EXPECT_EQ(board.column(Stage::Prospecting)->rowCount(), 1);
    board.setSearchText(QString());

    ASSERT_TRUE(anna->deals().move(m_annas, Stage::Qualifying).ok());
    QTRY_VERIFY_WITH_TIMEOUT(board.column(Stage::Qualifying)->rowOf(m_annas) >= 0, 5000);
    EXPECT_EQ(board.column(Stage::Prospecting)->rowOf(m_annas), -1);
}

TEST_F(TeamBoard, AManagersStallMarksReachARepsBoardAndOnlyAManagerMaySetThem)
{
    openBoard(QStringLiteral("anna"));
    BoardModel& board = m_window->board();
    EXPECT_FALSE(m_window->findChild<QAction*>(QStringLiteral("stallMarksAction"))->isEnabled());
    std::unique_ptr<Pipeline> anna = signIn(QStringLiteral("anna"));
    ASSERT_NE(anna, nullptr);
    EXPECT_EQ(anna->reports().setStallRule(Stage::Closing, StallRule {false, 1}).error().code,
              ErrorCode::RefusedByRules);

    std::unique_ptr<Pipeline> manager = signIn(QStringLiteral("mia"));
    ASSERT_NE(manager, nullptr);
    ASSERT_TRUE(manager->reports().setStallRule(Stage::Closing, StallRule {false, 2}).ok());
    ASSERT_TRUE(manager->reports().setStallRule(Stage::Negotiation, StallRule {true, 9}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(board.stallMarks().rule(Stage::Closing), (StallRule {false, 2}), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(board.stallMarks().rule(Stage::Negotiation), (StallRule {true, 9}), 5000);
    // The rep's board learns through the server's figures: none yet, so the fixed days.
    EXPECT_EQ(board.stallMarks().days(Stage::Negotiation), 9);
}

TEST_F(TeamBoard, AManagersStageRulesReachARepsBoardAndTheServerHoldsTheRepToThem)
{
    openBoard(QStringLiteral("anna"));
    BoardModel& board = m_window->board();
    EXPECT_FALSE(m_window->findChild<QAction*>(QStringLiteral("stageRulesAction"))->isEnabled());
    std::unique_ptr<Pipeline> anna = signIn(QStringLiteral("anna"));
    ASSERT_NE(anna, nullptr);
    const StageRule contact {Requirement::Contact, Stage::Contacting, RuleMoment::Enter};
    EXPECT_EQ(anna->reports().requireFact(contact).error().code, ErrorCode::RefusedByRules);

    std::unique_ptr<Pipeline> manager = signIn(QStringLiteral("mia"));
    ASSERT_NE(manager, nullptr);
    ASSERT_TRUE(manager->reports().requireFact(contact).ok());
    QTRY_COMPARE_WITH_TIMEOUT(board.stageRules().ruleOf(Requirement::Contact), std::optional<StageRule>(contact), 5000);
    // The rep's own move is refused by the rules the manager set, naming the fact.
    DealFields fields = DealFields::withTitle(QStringLiteral("Bare lead"));
    fields.willing = fields.need = fields.budget = true;
    Result<Deal> lead = anna->deals().create(fields, Stage::Qualifying);
    ASSERT_TRUE(lead.ok()) << lead.error().message.toStdString();
    Result<MoveOutcome> moved = anna->deals().move(lead.value().id, Stage::Contacting);
    ASSERT_FALSE(moved.ok());
    EXPECT_EQ(moved.error().unmet, std::vector<Requirement> {Requirement::Contact});
}

TEST_F(TeamBoard, AManagersStagePlanAndATeammatesTickReachARepsBoard)
{
    openBoard(QStringLiteral("anna"));
    BoardModel& board = m_window->board();
    EXPECT_FALSE(m_window->findChild<QAction*>(QStringLiteral("stagePlansAction"))->isEnabled());
    std::unique_ptr<Pipeline> anna = signIn(QStringLiteral("anna"));
    std::unique_ptr<Pipeline> manager = signIn(QStringLiteral("mia"));
    ASSERT_NE(anna, nullptr);
    ASSERT_NE(manager, nullptr);
    StagePlan plan;
    plan.setSteps({{0, Stage::Contacting, 1, QStringLiteral("Send the deck"), true}});
    EXPECT_EQ(anna->reports().setStagePlan(plan, {}).error().code, ErrorCode::RefusedByRules);
    Result<StagePlan> stored = manager->reports().setStagePlan(plan, {});
    ASSERT_TRUE(stored.ok()) << stored.error().message.toStdString();
    QTRY_COMPARE_WITH_TIMEOUT(board.stageRules().plan().countOf(Stage::Contacting), 1, 5000);
    const PlanStep deck = *stored.value().step(Stage::Contacting, 1);

    DealFields fields = DealFields::withTitle(QStringLiteral("Deck first"));
    fields.willing = fields.need = fields.budget = true;
    Result<Deal> lead = anna->deals().create(fields, Stage::Contacting);
    ASSERT_TRUE(lead.ok()) << lead.error().message.toStdString();
    QTRY_VERIFY_WITH_TIMEOUT(board.deal(lead.value().id).has_value(), 5000);
    m_window->openDetails(lead.value().id);
    const auto story = [this] { return m_window->details()->timeline()->toPlainText(); };
    QTRY_VERIFY_WITH_TIMEOUT(story().contains(QStringLiteral("☐ Send the deck")), 5000);
    // Ticked in another process (the manager's), the rep's pane follows.
    ASSERT_TRUE(manager->deals().tickPlanStep(lead.value().id, deck.id, true).value());
    QTRY_VERIFY_WITH_TIMEOUT(story().contains(QStringLiteral("☑ Send the deck")), 5000);
    EXPECT_TRUE(anna->deals().move(lead.value().id, Stage::Relationship).ok());
}

TEST_F(TeamBoard, AManagersCustomFieldsAndATeammatesValuesReachARepsCards)
{
    openBoard(QStringLiteral("anna"));
    BoardModel& board = m_window->board();
    EXPECT_FALSE(m_window->findChild<QAction*>(QStringLiteral("customFieldsAction"))->isEnabled());
    std::unique_ptr<Pipeline> anna = signIn(QStringLiteral("anna"));
    std::unique_ptr<Pipeline> manager = signIn(QStringLiteral("mia"));
    ASSERT_NE(anna, nullptr);
    ASSERT_NE(manager, nullptr);
    CustomField source;
    source.key = QStringLiteral("source");
    source.name = QStringLiteral("Lead source");
    source.type = FieldType::Choice;
    source.choices = {QStringLiteral("Web"), QStringLiteral("Referral")};
    source.onCard = true;
    const CustomFields none;
    EXPECT_EQ(anna->reports().setCustomFields(none.with(source), none).error().code, ErrorCode::RefusedByRules);
    ASSERT_TRUE(manager->reports().setCustomFields(none.with(source), none).ok());
    QTRY_VERIFY_WITH_TIMEOUT(board.stageRules().fields().byKey(QStringLiteral("source")).has_value(), 5000);

    Result<Deal> lead = anna->deals().create(DealFields::withTitle(QStringLiteral("Web lead")));
    ASSERT_TRUE(lead.ok()) << lead.error().message.toStdString();
    QTRY_VERIFY_WITH_TIMEOUT(board.deal(lead.value().id).has_value(), 5000);
    StageColumnModel* column = board.column(Stage::Prospecting);
    const auto card = [&] {
        return column->index(column->rowOf(lead.value().id)).data(StageColumnModel::CardFieldsRole).toString();
    };
    // Filled in by the manager's process, the rep's card follows.
    DealFields filled;
    filled.setFields = {{QStringLiteral("source"), QStringLiteral("Referral")}};
    ASSERT_TRUE(manager->deals().edit(lead.value().id, filled).ok());
    QTRY_COMPARE_WITH_TIMEOUT(card(), QStringLiteral("Referral"), 5000);
}
