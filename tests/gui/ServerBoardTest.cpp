// A board on a server, as the Connect dialog opens one (in the PostgreSQL
// half of the suite, whose server has TLS on): a server not seen before shows
// its certificate's fingerprint before any password goes to it, and a board
// started for a server gets the password through a pipe, never its
// environment.
#include "TestDatabase.h"
#include "common/ConnectDialog.h"
#include "common/RunningBoard.h"
#include "common/ServerBoardLaunch.h"
#include "dealboard/KnownServers.h"
#include "dealboard/ServerTrust.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocalSocket>
#include <QPushButton>
#include <QThread>
#include <QUrl>
#include <csignal>
#include <gtest/gtest.h>

namespace dealboard::gui {
namespace {

using test::TestDatabase;
using test::TestServer;

class ServerBoard : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (!TestServer::inUse()) {
            GTEST_SKIP() << "runs in the PostgreSQL half of the suite";
        }
    }
};

bool boardListens(const QString& path)
{
    QLocalSocket probe;
    probe.connectToServer(RunningBoard::socketName(path));
    return probe.waitForConnected(200);
}

TEST_F(ServerBoard, TheConnectDialogShowsANewServersFingerprintBeforeSendingThePassword)
{
    TestDatabase db;
    db.create(QStringLiteral("Pinned"));
    QUrl url(db.path());
    url.setQuery(QStringLiteral("sslmode=pin"));
    const Result<ServerAddress> server = ServerAddress::parse(url.toString());
    ASSERT_TRUE(server.ok());
    const QString name = ServerTrust::nameOf(server.value());
    KnownServers known;
    (void)known.forget(name);
    const Result<QString> fingerprint = ServerTrust::fingerprintOf(server.value());
    ASSERT_TRUE(fingerprint.ok()) << fingerprint.error().message.toStdString();

    ConnectDialog dialog(url.toString());
    dialog.findChild<QLineEdit*>(QStringLiteral("connectPassword"))->setText(QString::fromUtf8(qgetenv("PGPASSWORD")));
    auto* connect = dialog.findChild<QPushButton*>(QStringLiteral("connectButton"));
    auto* shown = dialog.findChild<QLabel*>(QStringLiteral("connectFingerprint"));
    connect->click();
    EXPECT_EQ(dialog.result(), QDialog::Rejected);
    EXPECT_FALSE(shown->isHidden());
    EXPECT_TRUE(shown->text().contains(fingerprint.value())) << shown->text().toStdString();
    EXPECT_TRUE(shown->text().contains(QStringLiteral("can't be established")));
    EXPECT_EQ(connect->text(), QStringLiteral("&Trust and connect"));
    EXPECT_FALSE(known.fingerprintOf(name)) << "trusted before the rep confirmed";

    connect->click();
    EXPECT_EQ(dialog.result(), QDialog::Accepted);
    EXPECT_EQ(known.fingerprintOf(name), fingerprint.value());
    (void)known.forget(name);
}

TEST_F(ServerBoard, ABoardStartedForAServerGetsThePasswordThroughAPipeNotItsEnvironment)
{
    TestDatabase db;
    db.create(QStringLiteral("Piped"));
    db.close();
    const QByteArray password = qgetenv("PGPASSWORD");
    ASSERT_FALSE(password.isEmpty());
    // As a rep's session would be: no password in this board's environment.
    qunsetenv("PGPASSWORD");
    const qint64 pid
        = ServerBoardLaunch::start(QStringLiteral(DEALBOARD_APP_PATH), db.path(), QString::fromUtf8(password));
    qputenv("PGPASSWORD", password);
    ASSERT_GT(pid, 0);
    QElapsedTimer waited;
    waited.start();
    while (!boardListens(db.path()) && waited.elapsed() < 60000) {
        QThread::msleep(100);
    }
    EXPECT_TRUE(boardListens(db.path())) << "the board did not open the server's pipeline";
    QFile environ(QStringLiteral("/proc/%1/environ").arg(pid));
    ASSERT_TRUE(environ.open(QIODevice::ReadOnly));
    const QByteArray variables = environ.readAll();
    EXPECT_FALSE(variables.isEmpty());
    EXPECT_FALSE(variables.contains("PGPASSWORD"));
    EXPECT_FALSE(variables.contains(password));
    ::kill(static_cast<pid_t>(pid), SIGTERM);
    waited.restart();
    while (boardListens(db.path()) && waited.elapsed() < 30000) {
        QThread::msleep(100);
    }
}

} // namespace
} // namespace dealboard::gui
