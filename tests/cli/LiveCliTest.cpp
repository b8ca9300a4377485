// Live: `watch` in one process prints the changes another process commits,
// a line each, as they happen; on a file through its change detection, on a
// server through the server's notifications. Both halves of the suite.
#include "CliFixture.h"

#include <QElapsedTimer>
#include <QJsonArray>

namespace dealboard {

namespace {

class Live : public Cli
{
protected:
    // A watch started on the pipeline, ready once it says so.
    void startWatch(QProcess& watch, const QStringList& extra)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        watch.setProcessEnvironment(env);
        watch.start(QStringLiteral(DEALBOARD_CLI_PATH),
                    QStringList {QStringLiteral("--db"), db(), QStringLiteral("watch")} + extra);
        QByteArray said;
        QElapsedTimer waited;
        waited.start();
        while (!said.contains("watching") && waited.elapsed() < 30000) {
            watch.waitForReadyRead(100);
            said += watch.readAllStandardError();
        }
        ASSERT_TRUE(said.contains("watching")) << said.toStdString();
    }

    // The next line `watch` prints, or empty after `limitMs`.
    static QByteArray nextLine(QProcess& watch, int limitMs)
    {
        QElapsedTimer waited;
        waited.start();
        while (!watch.canReadLine() && waited.elapsed() < limitMs) {
            watch.waitForReadyRead(50);
        }
        return watch.canReadLine() ? watch.readLine() : QByteArray();
    }
};

} // namespace

TEST_F(Live, WatchPrintsAnotherProcesssChangesALineEachAsTheyHappen)
{
    const QString id
        = add({QStringLiteral("--title"), QStringLiteral("Watched"), QStringLiteral("--value"), QStringLiteral("100")});
    QProcess watch;
    startWatch(watch,
               {QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--count"), QStringLiteral("2")});

    // What was there before the watch began is not news.
    EXPECT_FALSE(watch.canReadLine());
    ASSERT_EQ(run({QStringLiteral("edit"), id, QStringLiteral("--value"), QStringLiteral("250"),
                   QStringLiteral("--actor"), QStringLiteral("ines")})
                  .exitCode,
              0);
    const QByteArray first = nextLine(watch, 10000);
    ASSERT_FALSE(first.isEmpty());
    const QJsonObject edited = QJsonDocument::fromJson(first).object();
    EXPECT_EQ(edited[QStringLiteral("table")].toString(), QStringLiteral("deals"));
    EXPECT_EQ(edited[QStringLiteral("row")].toString(), id);
    EXPECT_EQ(edited[QStringLiteral("action")].toString(), QStringLiteral("update"));
    EXPECT_EQ(edited[QStringLiteral("changes")][QStringLiteral("value_minor")].toArray(), (QJsonArray {10000, 25000}));
    EXPECT_FALSE(edited[QStringLiteral("actor")].toString().isEmpty());

    ASSERT_EQ(
        run({QStringLiteral("note"), QStringLiteral("add"), id, QStringLiteral("--text"), QStringLiteral("Seen live")})
            .exitCode,
        0);
    const QJsonObject noted = QJsonDocument::fromJson(nextLine(watch, 10000)).object();
    EXPECT_EQ(noted[QStringLiteral("table")].toString(), QStringLiteral("notes"));
    EXPECT_EQ(noted[QStringLiteral("deal")].toInteger(), id.toLongLong());
    // --count 2: done after the second.
    ASSERT_TRUE(watch.waitForFinished(10000));
    EXPECT_EQ(watch.exitCode(), 0);
}

TEST_F(Live, WatchInWordsSaysWhoChangedWhatFromWhatToWhat)
{
    const QString id = add({QStringLiteral("--title"), QStringLiteral("Worded")});
    QProcess watch;
    startWatch(watch, {QStringLiteral("--count"), QStringLiteral("1")});
    ASSERT_EQ(run({QStringLiteral("move"), id, QStringLiteral("qualifying")}).exitCode, 0);
    const QString line = QString::fromUtf8(nextLine(watch, 10000));
    EXPECT_TRUE(line.contains(QStringLiteral("deals %1 update").arg(id))) << line.toStdString();
    EXPECT_TRUE(line.contains(QStringLiteral("stage \"prospecting\" → \"qualifying\""))) << line.toStdString();
    ASSERT_TRUE(watch.waitForFinished(10000));
}

} // namespace dealboard
