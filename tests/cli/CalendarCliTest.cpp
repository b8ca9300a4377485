// activity export --format ics: an RFC 5545 calendar that Python's icalendar
// package reads (events and to-dos, escaping, stable UIDs, growing
// SEQUENCE), and --keep, which writes the file again when another process
// changes the activities. Both halves of the suite.
#include "CliFixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QThread>

namespace dealboard {

namespace {

class CalendarCli : public Cli
{
protected:
    void SetUp() override
    {
        m_oldTz = qgetenv("TZ");
        // Activities' times are the rep's wall-clock times: the calendar writes them
        // floating, the same whatever zone the export runs in.
        qputenv("TZ", "Europe/Berlin");
        m_ics = m_dir.filePath(QStringLiteral("activities.ics"));
    }
    void TearDown() override
    {
        if (m_oldTz.isNull()) {
            qunsetenv("TZ");
        } else {
            qputenv("TZ", m_oldTz);
        }
    }

    // A Python with the icalendar package.
    static QString python()
    {
        for (const QString& candidate : {QStringLiteral("/usr/bin/python3"), QStringLiteral("python3")}) {
            QProcess probe;
            probe.start(candidate, {QStringLiteral("-c"), QStringLiteral("import icalendar")});
            if (probe.waitForFinished(30000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0) {
                return candidate;
            }
        }
        return {};
    }

    // What the icalendar package reads in the file (the test fails when it can't).
    QJsonObject parsed(const QString& path)
    {
        const QString interpreter = python();
        EXPECT_FALSE(interpreter.isEmpty()) << "Python's icalendar package is missing (scripts/deps.sh installs it)";
        QProcess reader;
        reader.start(interpreter, {QStringLiteral(DEALBOARD_ICS_READER), path});
        EXPECT_TRUE(reader.waitForFinished(60000));
        EXPECT_EQ(reader.exitCode(), 0) << reader.readAllStandardError().toStdString();
        return QJsonDocument::fromJson(reader.readAllStandardOutput()).object();
    }

    static QJsonObject item(const QJsonObject& calendar, const QString& summary)
    {
        for (const QJsonValue& value : calendar[QStringLiteral("items")].toArray()) {
            if (value[QStringLiteral("summary")].toString() == summary) {
                return value.toObject();
            }
        }
        ADD_FAILURE() << "no item " << summary.toStdString();
        return {};
    }

    QString activity(const QStringList& options)
    {
        CliRun planned = run(QStringList {QStringLiteral("activity"), QStringLiteral("add")} + options);
        EXPECT_EQ(planned.exitCode, 0) << planned.err.toStdString();
        return planned.out.trimmed();
    }

    CliRun exportTo(const QString& out, const QStringList& extra = {})
    {
        return run(QStringList {QStringLiteral("activity"), QStringLiteral("export"), QStringLiteral("--format"),
                                QStringLiteral("ics"), QStringLiteral("--out"), out}
                   + extra);
    }

    static QByteArray read(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // A deal with a person, and four activities of it: a timed call and
    // meeting (events), a task and an email without a time (to-dos).
    QString plantDeal()
    {
        const QString deal
            = add({QStringLiteral("--title"), QStringLiteral("Zürich rollout, phase 2; EU"),
                   QStringLiteral("--company"), QStringLiteral("Müller & Söhne GmbH"), QStringLiteral("--contact"),
                   QStringLiteral("Anna Ruiz"), QStringLiteral("--email"), QStringLiteral("anna@mueller.example"),
                   QStringLiteral("--owner"), QStringLiteral("ines")});
        m_call = activity({QStringLiteral("--deal"), deal, QStringLiteral("--type"), QStringLiteral("call"),
                           QStringLiteral("--subject"), QStringLiteral("Call Anna, then; the CFO \\ legal"),
                           QStringLiteral("--due"), QStringLiteral("2026-03-03"), QStringLiteral("--time"),
                           QStringLiteral("10:30"), QStringLiteral("--notes"),
                           QStringLiteral("Ask about the budget,\nthen the timeline; Grüße")});
        activity({QStringLiteral("--deal"), deal, QStringLiteral("--type"), QStringLiteral("meeting"),
                  QStringLiteral("--subject"), QStringLiteral("Workshop"), QStringLiteral("--due"),
                  QStringLiteral("2026-07-10"), QStringLiteral("--time"), QStringLiteral("14:00")});
        m_task = activity({QStringLiteral("--deal"), deal, QStringLiteral("--subject"),
                           QStringLiteral("Send the proposal"), QStringLiteral("--due"), QStringLiteral("2026-03-04")});
        activity({QStringLiteral("--deal"), deal, QStringLiteral("--type"), QStringLiteral("email"),
                  QStringLiteral("--subject"), QStringLiteral("Recap"), QStringLiteral("--due"),
                  QStringLiteral("2026-03-20"), QStringLiteral("--anyway")});
        return deal;
    }

    QByteArray m_oldTz;
    QString m_ics;
    QString m_call;
    QString m_task;
};

} // namespace

TEST_F(CalendarCli, EventsAndToDosThatAnICalendarParserReadsWithDealAndPerson)
{
    const QString deal = plantDeal();
    CliRun exported = exportTo(m_ics);
    ASSERT_EQ(exported.exitCode, 0) << exported.err.toStdString();
    EXPECT_EQ(exported.out, QStringLiteral("Wrote 4 activities to %1\n").arg(m_ics));
    EXPECT_EQ(QFile::permissions(m_ics) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());

    const QJsonObject calendar = parsed(m_ics);
    EXPECT_EQ(calendar[QStringLiteral("version")].toString(), QStringLiteral("2.0"));
    EXPECT_TRUE(calendar[QStringLiteral("prodid")].toString().contains(QStringLiteral("DealBoard")));
    ASSERT_EQ(calendar[QStringLiteral("items")].toArray().size(), 4);

    // Commas, semicolons, backslashes, new lines and non-ASCII come back as written.
    const QJsonObject call = item(calendar, QStringLiteral("Call Anna, then; the CFO \\ legal"));
    EXPECT_EQ(call[QStringLiteral("type")].toString(), QStringLiteral("VEVENT"));
    // 10:30 in Berlin in March is 09:30 UTC.
    EXPECT_EQ(call[QStringLiteral("dtstart")].toString(), QStringLiteral("2026-03-03T10:30:00"));
    EXPECT_EQ(call[QStringLiteral("minutes")].toInt(), 30);
    EXPECT_EQ(call[QStringLiteral("x-dealboard-deal")].toString(), deal);
    const QString description = call[QStringLiteral("description")].toString();
    EXPECT_TRUE(description.contains(QStringLiteral("Deal: Zürich rollout, phase 2; EU (id %1)").arg(deal)))
        << description.toStdString();
    EXPECT_TRUE(description.contains(QStringLiteral("Organization: Müller & Söhne GmbH")));
    EXPECT_TRUE(description.contains(QStringLiteral("Person: Anna Ruiz")));
    EXPECT_TRUE(description.contains(QStringLiteral("Owner: ines")));
    EXPECT_TRUE(description.endsWith(QStringLiteral("Ask about the budget,\nthen the timeline; Grüße")))
        << description.toStdString();

    // Summer time: 14:00 in Berlin is 12:00 UTC; a meeting lasts an hour.
    const QJsonObject meeting = item(calendar, QStringLiteral("Workshop"));
    EXPECT_EQ(meeting[QStringLiteral("dtstart")].toString(), QStringLiteral("2026-07-10T14:00:00"));
    EXPECT_EQ(meeting[QStringLiteral("minutes")].toInt(), 60);

    const QJsonObject task = item(calendar, QStringLiteral("Send the proposal"));
    EXPECT_EQ(task[QStringLiteral("type")].toString(), QStringLiteral("VTODO"));
    EXPECT_EQ(task[QStringLiteral("due")].toString(), QStringLiteral("2026-03-04"));
    EXPECT_EQ(task[QStringLiteral("status")].toString(), QStringLiteral("NEEDS-ACTION"));
    // An email without a time is a to-do of its day.
    EXPECT_EQ(item(calendar, QStringLiteral("Recap"))[QStringLiteral("type")].toString(), QStringLiteral("VTODO"));

    // Done: completed, with when.
    ASSERT_EQ(run({QStringLiteral("activity"), QStringLiteral("done"), m_task}).exitCode, 0);
    ASSERT_EQ(exportTo(m_ics).exitCode, 0);
    const QJsonObject done = item(parsed(m_ics), QStringLiteral("Send the proposal"));
    EXPECT_EQ(done[QStringLiteral("status")].toString(), QStringLiteral("COMPLETED"));
    EXPECT_TRUE(done[QStringLiteral("completed")].toString().startsWith(QStringLiteral("2026-03-02T09:00:00")))
        << done[QStringLiteral("completed")].toString().toStdString();
}

TEST_F(CalendarCli, UidsStayAndSequenceGrowsWhenAnActivityChanges)
{
    plantDeal();
    ASSERT_EQ(exportTo(m_ics).exitCode, 0);
    const QByteArray first = read(m_ics);
    const QString again = m_dir.filePath(QStringLiteral("again.ics"));
    ASSERT_EQ(exportTo(again).exitCode, 0);
    // Nothing changed, nothing differs: a subscriber sees no news.
    EXPECT_EQ(read(again), first);

    const QJsonObject before = parsed(m_ics);
    ASSERT_EQ(run({QStringLiteral("activity"), QStringLiteral("reschedule"), m_call, QStringLiteral("--due"),
                   QStringLiteral("2026-03-05")})
                  .exitCode,
              0);
    ASSERT_EQ(exportTo(m_ics).exitCode, 0);
    const QJsonObject after = parsed(m_ics);
    const QString summary = QStringLiteral("Call Anna, then; the CFO \\ legal");
    EXPECT_EQ(item(after, summary)[QStringLiteral("uid")], item(before, summary)[QStringLiteral("uid")]);
    EXPECT_EQ(item(before, summary)[QStringLiteral("sequence")].toInt(), 0);
    EXPECT_EQ(item(after, summary)[QStringLiteral("sequence")].toInt(), 1);
    EXPECT_EQ(item(after, summary)[QStringLiteral("dtstart")].toString(), QStringLiteral("2026-03-05T10:30:00"));
    EXPECT_EQ(item(after, QStringLiteral("Workshop")), item(before, QStringLiteral("Workshop")));
    QStringList uids;
    for (const QJsonValue& value : after[QStringLiteral("items")].toArray()) {
        uids << value[QStringLiteral("uid")].toString();
    }
    uids.removeDuplicates();
    EXPECT_EQ(uids.size(), 4);
}

TEST_F(CalendarCli, OneOwnersActivitiesToStandardOutputAndClearRefusals)
{
    plantDeal();
    const QString other
        = add({QStringLiteral("--title"), QStringLiteral("Globex"), QStringLiteral("--owner"), QStringLiteral("omar")});
    activity({QStringLiteral("--deal"), other, QStringLiteral("--subject"), QStringLiteral("Omar's task")});

    CliRun all = exportTo(QStringLiteral("-"));
    ASSERT_EQ(all.exitCode, 0) << all.err.toStdString();
    EXPECT_TRUE(all.out.startsWith(QStringLiteral("BEGIN:VCALENDAR\r\n")));
    EXPECT_TRUE(all.out.contains(QStringLiteral("SUMMARY:Omar's task\r\n")));
    EXPECT_EQ(all.err, QStringLiteral("Wrote 5 activities to standard output\n"));

    CliRun ines = exportTo(m_ics, {QStringLiteral("--owner"), QStringLiteral("ines")});
    ASSERT_EQ(ines.exitCode, 0) << ines.err.toStdString();
    EXPECT_EQ(ines.out, QStringLiteral("Wrote 4 activities of ines's deals to %1\n").arg(m_ics));
    EXPECT_EQ(parsed(m_ics)[QStringLiteral("items")].toArray().size(), 4);

    // A name no deal has: written (empty) and said.
    CliRun typo = exportTo(m_ics, {QStringLiteral("--owner"), QStringLiteral("inez")});
    EXPECT_EQ(typo.exitCode, 0);
    EXPECT_TRUE(typo.err.contains(QStringLiteral("no deal is owned by 'inez'; the owners are: ines, omar")))
        << typo.err.toStdString();

    CliRun format = run({QStringLiteral("activity"), QStringLiteral("export"), QStringLiteral("--format"),
                         QStringLiteral("vcs"), QStringLiteral("--out"), m_ics});
    EXPECT_EQ(format.exitCode, 1);
    EXPECT_TRUE(format.err.contains(QStringLiteral("--format of activity export is ics, not 'vcs'")));
    CliRun keepOut = exportTo(QStringLiteral("-"), {QStringLiteral("--keep")});
    EXPECT_EQ(keepOut.exitCode, 1);
    EXPECT_TRUE(keepOut.err.contains(QStringLiteral("give --out FILE.ics")));
    // Never onto the pipeline itself.
    if (!test::TestServer::inUse()) {
        const QByteArray pipeline = read(db());
        CliRun onto = exportTo(db());
        EXPECT_NE(onto.exitCode, 0);
        EXPECT_EQ(read(db()), pipeline);
    }
}

TEST_F(CalendarCli, AnHourTheClockChangeSkipsIsWrittenAsPlanned)
{
    // 02:30 on 29 March 2026 does not happen in Berlin (the test's zone).
    const QString deal = plantDeal();
    activity({QStringLiteral("--deal"), deal, QStringLiteral("--type"), QStringLiteral("call"),
              QStringLiteral("--subject"), QStringLiteral("In the gap"), QStringLiteral("--due"),
              QStringLiteral("2026-03-29"), QStringLiteral("--time"), QStringLiteral("02:30"),
              QStringLiteral("--anyway")});
    ASSERT_EQ(exportTo(m_ics).exitCode, 0);
    EXPECT_EQ(item(parsed(m_ics), QStringLiteral("In the gap"))[QStringLiteral("dtstart")].toString(),
              QStringLiteral("2026-03-29T02:30:00"));
}

TEST_F(CalendarCli, AKeptFileIsWrittenAgainWhenAnotherProcessAddsAnActivity)
{
    const QString deal = plantDeal();
    QProcess keeper;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path());
    keeper.setProcessEnvironment(env);
    keeper.start(QStringLiteral(DEALBOARD_CLI_PATH),
                 {QStringLiteral("--db"), db(), QStringLiteral("activity"), QStringLiteral("export"),
                  QStringLiteral("--format"), QStringLiteral("ics"), QStringLiteral("--out"), m_ics,
                  QStringLiteral("--keep")});
    QByteArray said;
    QElapsedTimer waited;
    waited.start();
    while (!said.contains("keeping") && waited.elapsed() < 30000) {
        keeper.waitForReadyRead(100);
        said += keeper.readAllStandardError();
    }
    ASSERT_TRUE(said.contains("keeping")) << said.toStdString();
    ASSERT_EQ(parsed(m_ics)[QStringLiteral("items")].toArray().size(), 4);

    activity({QStringLiteral("--deal"), deal, QStringLiteral("--type"), QStringLiteral("call"),
              QStringLiteral("--subject"), QStringLiteral("Planned by a teammate"), QStringLiteral("--due"),
              QStringLiteral("2026-03-09"), QStringLiteral("--time"), QStringLiteral("08:15"),
              QStringLiteral("--anyway")});
    waited.restart();
    while (!read(m_ics).contains("Planned by a teammate") && waited.elapsed() < 15000) {
        QThread::msleep(50);
    }
    const QJsonObject calendar = parsed(m_ics);
    ASSERT_EQ(calendar[QStringLiteral("items")].toArray().size(), 5);
    EXPECT_EQ(item(calendar, QStringLiteral("Planned by a teammate"))[QStringLiteral("dtstart")].toString(),
              QStringLiteral("2026-03-09T08:15:00"));

    // A teammate's change of the deal shows too.
    ASSERT_EQ(run({QStringLiteral("edit"), deal, QStringLiteral("--title"), QStringLiteral("Zürich rollout")}).exitCode,
              0);
    waited.restart();
    while (!read(m_ics).contains("Deal: Zürich rollout (id") && waited.elapsed() < 15000) {
        QThread::msleep(50);
    }
    EXPECT_TRUE(read(m_ics).contains("Deal: Zürich rollout (id"));

    // A write that fails (a folder where the file was) leaves it keeping, and
    // the next change once the path is free is written.
    ASSERT_TRUE(QFile::remove(m_ics));
    ASSERT_TRUE(QDir().mkdir(m_ics));
    ASSERT_EQ(run({QStringLiteral("edit"), deal, QStringLiteral("--title"), QStringLiteral("Basel rollout")}).exitCode,
              0);
    waited.restart();
    while (!said.contains("still keeping") && waited.elapsed() < 15000) {
        keeper.waitForReadyRead(100);
        said += keeper.readAllStandardError();
    }
    EXPECT_TRUE(said.contains("still keeping")) << said.toStdString();
    EXPECT_EQ(keeper.state(), QProcess::Running);
    ASSERT_TRUE(QDir().rmdir(m_ics));
    ASSERT_EQ(run({QStringLiteral("edit"), deal, QStringLiteral("--title"), QStringLiteral("Bern rollout")}).exitCode,
              0);
    waited.restart();
    while (!read(m_ics).contains("Deal: Bern rollout (id") && waited.elapsed() < 15000) {
        QThread::msleep(50);
    }
    EXPECT_TRUE(read(m_ics).contains("Deal: Bern rollout (id"));
    keeper.terminate();
    ASSERT_TRUE(keeper.waitForFinished(10000));
    EXPECT_EQ(parsed(m_ics)[QStringLiteral("items")].toArray().size(), 5);
}

} // namespace dealboard
