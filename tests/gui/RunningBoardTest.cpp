// A second start of DealBoard for a pipeline that a running board has open
// brings that board forward instead of opening the file twice: the real app,
// started twice as a user's double-clicks would.
#include "common/RunningBoard.h"

#include "TestDatabase.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocalSocket>
#include <QProcess>
#include <QThread>
#include <gtest/gtest.h>

namespace dealboard::gui {
namespace {

using test::TestDatabase;

QProcessEnvironment appEnvironment(const QString& folder)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), folder + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), folder + QStringLiteral("/config"));
    return env;
}

bool boardListens(const QString& path)
{
    QLocalSocket probe;
    probe.connectToServer(RunningBoard::socketName(path));
    return probe.waitForConnected(200);
}

TEST(RunningBoard, SecondStartForAnOpenPipelineBringsTheBoardForwardAndLeaves)
{
    TestDatabase db;
    db.create(QStringLiteral("One"));
    db.close();
    ASSERT_FALSE(boardListens(db.path()));

    QProcess first;
    first.setProcessEnvironment(appEnvironment(db.folder()));
    first.start(QStringLiteral(DEALBOARD_APP_PATH), {db.path()});
    ASSERT_TRUE(first.waitForStarted(30000));
    QElapsedTimer waited;
    waited.start();
    while (!boardListens(db.path()) && waited.elapsed() < 30000) {
        QThread::msleep(100);
    }
    ASSERT_TRUE(boardListens(db.path())) << first.readAllStandardError().toStdString();

    QProcess second;
    second.setProcessEnvironment(appEnvironment(db.folder()));
    second.start(QStringLiteral(DEALBOARD_APP_PATH), {db.path()});
    ASSERT_TRUE(second.waitForFinished(30000));
    EXPECT_EQ(second.exitCode(), 0) << second.readAllStandardError().toStdString();
    EXPECT_TRUE(second.readAllStandardOutput().contains("already open; its board was brought forward"));
    EXPECT_EQ(first.state(), QProcess::Running);

    // Another pipeline opens a board of its own.
    TestDatabase other;
    other.close();
    QProcess third;
    third.setProcessEnvironment(appEnvironment(other.folder()));
    third.start(QStringLiteral(DEALBOARD_APP_PATH), {other.path(), QStringLiteral("--quit-after-load")});
    ASSERT_TRUE(third.waitForFinished(30000));
    EXPECT_TRUE(third.readAllStandardOutput().contains("Board painted"));

    first.terminate();
    ASSERT_TRUE(first.waitForFinished(30000));
    // Once it is gone, nobody answers for the pipeline.
    EXPECT_FALSE(boardListens(db.path()));
}

TEST(RunningBoard, TheSocketNameIsThePipelineNotTheWayItIsWritten)
{
    TestDatabase db;
    const QString path = db.path();
    const QString roundabout = db.folder() + QStringLiteral("/./") + QFileInfo(path).fileName();
    EXPECT_EQ(RunningBoard::socketName(path), RunningBoard::socketName(roundabout));
    TestDatabase other;
    EXPECT_NE(RunningBoard::socketName(path), RunningBoard::socketName(other.path()));
}

} // namespace
} // namespace dealboard::gui
