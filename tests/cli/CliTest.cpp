// dealboard-cli end to end: the real binary on real database files.
#include "CliFixture.h"
#include "RawSql.h"
#include "dealboard/Clock.h"
#include "dealboard/CsvReader.h"
#include "dealboard/DealStore.h"
#include "dealboard/Pipeline.h"
#include "dealboard/service/PipelineOpener.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace dealboard;

namespace {

TEST_F(Cli, HelpAndUsageErrorsExitOne)
{
    CliRun help = run({QStringLiteral("--help")});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains(QStringLiteral("Exit codes")));
    for (const QStringList& bad :
         {QStringList {}, QStringList {QStringLiteral("fly")}, QStringList {QStringLiteral("add")}, // no title
          QStringList {QStringLiteral("move"), QStringLiteral("1")},
          QStringList {QStringLiteral("move"), QStringLiteral("1"), QStringLiteral("heaven")},
          QStringList {QStringLiteral("list"), QStringLiteral("--colour"), QStringLiteral("red")},
          QStringList {QStringLiteral("lose"), QStringLiteral("1")}}) {
        CliRun result = run(bad);
        EXPECT_EQ(result.exitCode, 1) << bad.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(result.err.contains(QStringLiteral("dealboard-cli:"))) << result.err.toStdString();
    }
}

TEST_F(Cli, UnqualifiedMoveExitsThreeNamingEachCriterionThenSucceedsAfterQualify)
{
    const QString id = add({QStringLiteral("--title"), QStringLiteral("Acme renewal"), QStringLiteral("--company"),
                            QStringLiteral("Acme"), QStringLiteral("--value"), QStringLiteral("1200.50")});
    ASSERT_EQ(id, QStringLiteral("1"));

    CliRun refused = run({QStringLiteral("move"), id, QStringLiteral("contacting")});
    EXPECT_EQ(refused.exitCode, 3);
    for (const char* word : {"willing", "need", "budget"}) {
        EXPECT_TRUE(refused.err.contains(QLatin1String(word))) << refused.err.toStdString();
    }
    EXPECT_EQ(show(id)[QStringLiteral("stage")].toString(), QStringLiteral("prospecting"));

    CliRun qualify
        = run({QStringLiteral("qualify"), id, QStringLiteral("--willing"), QStringLiteral("yes"),
               QStringLiteral("--need"), QStringLiteral("yes"), QStringLiteral("--budget"), QStringLiteral("yes")});
    EXPECT_EQ(qualify.exitCode, 0) << qualify.err.toStdString();
    m_now = QStringLiteral("2026-03-03T10:30:00Z");
    CliRun moved = run(
        {QStringLiteral("move"), id, QStringLiteral("contacting"), QStringLiteral("--actor"), QStringLiteral("ann")});
    EXPECT_EQ(moved.exitCode, 0) << moved.err.toStdString();

    const QJsonObject deal = show(id);
    EXPECT_EQ(deal[QStringLiteral("stage")].toString(), QStringLiteral("contacting"));
    EXPECT_EQ(deal[QStringLiteral("value")].toString(), QStringLiteral("1200.50"));
    const QJsonArray history = deal[QStringLiteral("history")].toArray();
    ASSERT_EQ(history.size(), 2);
    EXPECT_TRUE(history[0].toObject()[QStringLiteral("from")].isNull());
    EXPECT_EQ(history[0].toObject()[QStringLiteral("to")].toString(), QStringLiteral("prospecting"));
    EXPECT_EQ(history[1].toObject()[QStringLiteral("from")].toString(), QStringLiteral("prospecting"));
    EXPECT_EQ(history[1].toObject()[QStringLiteral("to")].toString(), QStringLiteral("contacting"));
    EXPECT_EQ(history[1].toObject()[QStringLiteral("at")].toString(), QStringLiteral("2026-03-03T10:30:00.000Z"));
    EXPECT_EQ(history[1].toObject()[QStringLiteral("actor")].toString(), QStringLiteral("ann"));

    CliRun text = run({QStringLiteral("show"), id});
    EXPECT_TRUE(text.out.contains(QStringLiteral("Prospecting -> Contacting"))) << text.out.toStdString();
}

TEST_F(Cli, BadInputExitsTwoAndChangesNothing)
{
    const QString id = add({QStringLiteral("--title"), QStringLiteral("Solid")});
    const QByteArray before = test::fileBytes(db());
    for (const QStringList& bad :
         {QStringList {QStringLiteral("edit"), id, QStringLiteral("--value"), QStringLiteral("-5")},
          QStringList {QStringLiteral("edit"), id, QStringLiteral("--value"), QStringLiteral("12,50")},
          QStringList {QStringLiteral("edit"), id, QStringLiteral("--close-date"), QStringLiteral("31/12/2026")},
          QStringList {QStringLiteral("edit"), id, QStringLiteral("--currency"), QStringLiteral("EURO")},
          QStringList {QStringLiteral("edit"), id, QStringLiteral("--title"), QStringLiteral("")},
          QStringList {QStringLiteral("show"), QStringLiteral("999")},
          QStringList {QStringLiteral("move"), QStringLiteral("999"), QStringLiteral("qualifying")},
          QStringList {QStringLiteral("lose"), id, QStringLiteral("--reason"), QStringLiteral(" ")}}) {
        CliRun result = run(bad);
        EXPECT_EQ(result.exitCode, 2) << bad.join(QLatin1Char(' ')).toStdString() << " -> " << result.err.toStdString();
        EXPECT_FALSE(result.err.trimmed().isEmpty());
    }
    EXPECT_EQ(show(id)[QStringLiteral("version")].toInt(), 1);
    Q_UNUSED(before);
}

TEST_F(Cli, StaleVersionExitsTwo)
{
    const QString id = add({QStringLiteral("--title"), QStringLiteral("Contested")});
    EXPECT_EQ(run({QStringLiteral("edit"), id, QStringLiteral("--company"), QStringLiteral("First")}).exitCode, 0);
    CliRun stale = run({QStringLiteral("edit"), id, QStringLiteral("--company"), QStringLiteral("Second"),
                        QStringLiteral("--expect-version"), QStringLiteral("1")});
    EXPECT_EQ(stale.exitCode, 2);
    EXPECT_TRUE(stale.err.contains(QStringLiteral("changed elsewhere"))) << stale.err.toStdString();
    EXPECT_EQ(show(id)[QStringLiteral("company")].toString(), QStringLiteral("First"));
    EXPECT_EQ(run({QStringLiteral("edit"), id, QStringLiteral("--company"), QStringLiteral("Second"),
                   QStringLiteral("--expect-version"), QStringLiteral("2")})
                  .exitCode,
              0);
}

TEST_F(Cli, WinLoseReopenDeleteLifecycle)
{
    const QString id = add({QStringLiteral("--title"), QStringLiteral("Lifecycle"), QStringLiteral("--willing"),
                            QStringLiteral("--need"), QStringLiteral("--budget"), QStringLiteral("--value"),
                            QStringLiteral("900"), QStringLiteral("--close-date"), QStringLiteral("2026-04-01"),
                            QStringLiteral("--stage"), QStringLiteral("negotiation")});
    EXPECT_EQ(run({QStringLiteral("win"), id}).exitCode, 3);
    EXPECT_EQ(run({QStringLiteral("lose"), id, QStringLiteral("--reason"), QStringLiteral("Price too high")}).exitCode,
              0);
    EXPECT_EQ(show(id)[QStringLiteral("status")].toString(), QStringLiteral("lost"));
    CliRun lostMove = run({QStringLiteral("move"), id, QStringLiteral("closing")});
    EXPECT_EQ(lostMove.exitCode, 3);
    EXPECT_TRUE(lostMove.err.contains(QStringLiteral("not_lost")));
    EXPECT_EQ(run({QStringLiteral("reopen"), id}).exitCode, 0);
    EXPECT_EQ(run({QStringLiteral("move"), id, QStringLiteral("closing")}).exitCode, 0);
    CliRun won = run({QStringLiteral("win"), id});
    EXPECT_EQ(won.exitCode, 0);
    const QJsonObject deal = show(id);
    EXPECT_EQ(deal[QStringLiteral("stage")].toString(), QStringLiteral("retention"));
    EXPECT_EQ(deal[QStringLiteral("status")].toString(), QStringLiteral("won"));
    EXPECT_EQ(run({QStringLiteral("delete"), id}).exitCode, 0);
    EXPECT_EQ(run({QStringLiteral("show"), id}).exitCode, 2);
}

TEST_F(Cli, ListFiltersAndFormats)
{
    add({QStringLiteral("--title"), QStringLiteral("Alpha"), QStringLiteral("--owner"), QStringLiteral("Alice")});
    add({QStringLiteral("--title"), QStringLiteral("Beta"), QStringLiteral("--owner"), QStringLiteral("Bob"),
         QStringLiteral("--stage"), QStringLiteral("qualifying")});
    CliRun table = run({QStringLiteral("list")});
    EXPECT_EQ(table.exitCode, 0);
    EXPECT_TRUE(table.out.contains(QStringLiteral("Alpha")) && table.out.contains(QStringLiteral("Beta")));
    CliRun json = run({QStringLiteral("list"), QStringLiteral("--owner"), QStringLiteral("Bob"),
                       QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonArray array = QJsonDocument::fromJson(json.out.toUtf8()).array();
    ASSERT_EQ(array.size(), 1);
    EXPECT_EQ(array[0].toObject()[QStringLiteral("title")].toString(), QStringLiteral("Beta"));
    CliRun csv = run({QStringLiteral("list"), QStringLiteral("--stage"), QStringLiteral("prospecting"),
                      QStringLiteral("--format"), QStringLiteral("csv")});
    Result<CsvTable> parsed = CsvReader::parse(csv.out.toUtf8());
    ASSERT_TRUE(parsed.ok());
    ASSERT_EQ(parsed.value().rows.size(), 1u);
    EXPECT_EQ(parsed.value().rows[0][1], QStringLiteral("Alpha"));
}

TEST_F(Cli, ExportIsRfc4180WithFormulaGuardAndOwnerOnly)
{
    add({QStringLiteral("--title"), QStringLiteral("=HYPERLINK(\"http://evil\",\"click\")"),
         QStringLiteral("--company"), QStringLiteral("Comma, Inc."), QStringLiteral("--contact"),
         QStringLiteral("Say \"hi\""), QStringLiteral("--value"), QStringLiteral("1234.5"), QStringLiteral("--owner"),
         QStringLiteral("@mallory")});
    const QString out = m_dir.filePath(QStringLiteral("deals.csv"));
    CliRun exported = run(
        {QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out"), out, QStringLiteral("--bom")});
    ASSERT_EQ(exported.exitCode, 0) << exported.err.toStdString();
    const QByteArray bytes = test::fileBytes(out);
    EXPECT_TRUE(bytes.startsWith(
        "\xEF\xBB\xBFid,title,company,contact,email,phone,owner,stage,status,value,currency,"
        "expected_close,willing,need,budget,lost_reason,created_at,stage_entered_at,days_in_stage\r\n"));
    EXPECT_EQ(QFileInfo(out).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
              QFileDevice::Permissions());
    Result<CsvTable> table = CsvReader::parse(bytes);
    ASSERT_TRUE(table.ok()) << table.error().message.toStdString();
    ASSERT_EQ(table.value().rows.size(), 1u);
    const QStringList& row = table.value().rows[0];
    EXPECT_EQ(row[1], QStringLiteral("'=HYPERLINK(\"http://evil\",\"click\")"));
    EXPECT_EQ(row[2], QStringLiteral("Comma, Inc."));
    EXPECT_EQ(row[3], QStringLiteral("Say \"hi\""));
    EXPECT_EQ(row[6], QStringLiteral("'@mallory"));
    EXPECT_EQ(row[9], QStringLiteral("1234.50"));
    EXPECT_EQ(row[10], QStringLiteral("EUR"));

    CliRun toStdout
        = run({QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out"), QStringLiteral("-")});
    EXPECT_EQ(toStdout.exitCode, 0);
    EXPECT_TRUE(toStdout.out.startsWith(QStringLiteral("id,title,")));

    CliRun badFolder = run({QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out"),
                            m_dir.filePath(QStringLiteral("missing/deals.csv"))});
    EXPECT_EQ(badFolder.exitCode, 2);
}

TEST_F(Cli, SeedThenCheckPasses)
{
    CliRun seeded = run({QStringLiteral("seed"), QStringLiteral("--deals"), QStringLiteral("2000"),
                         QStringLiteral("--seed"), QStringLiteral("5")});
    ASSERT_EQ(seeded.exitCode, 0) << seeded.err.toStdString();
    CliRun check = run({QStringLiteral("check")});
    EXPECT_EQ(check.exitCode, 0) << check.err.toStdString();
    EXPECT_TRUE(check.out.contains(QStringLiteral("2000 deal(s) checked")));
    CliRun again = run({QStringLiteral("seed"), QStringLiteral("--deals"), QStringLiteral("2000"),
                        QStringLiteral("--seed"), QStringLiteral("5")},
                       m_dir.filePath(QStringLiteral("second.dealboard")));
    ASSERT_EQ(again.exitCode, 0);
    EXPECT_EQ(run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("csv")}).out,
              run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("csv")},
                  m_dir.filePath(QStringLiteral("second.dealboard")))
                  .out);
}

TEST_F(Cli, CheckReportsFaultsWithExitTwo)
{
    const QString id = add({QStringLiteral("--title"), QStringLiteral("Tampered"), QStringLiteral("--willing"),
                            QStringLiteral("--need"), QStringLiteral("--budget"), QStringLiteral("--stage"),
                            QStringLiteral("contacting")});
    test::runRawSql(db(), {QStringLiteral("UPDATE deals SET need = 0")});
    CliRun check = run({QStringLiteral("check")});
    EXPECT_EQ(check.exitCode, 2);
    EXPECT_TRUE(check.err.contains(QStringLiteral("need not proven"))) << check.err.toStdString();
}

TEST_F(Cli, RefusesForeignAndNewerFilesLeavingThemUntouched)
{
    DEALBOARD_FILE_ONLY("foreign and newer files; a server's are in ServerCliTest");
    const QString notes = m_dir.filePath(QStringLiteral("notes.txt"));
    {
        QFile file(notes);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
    }
    CliRun foreign = run({QStringLiteral("list")}, notes);
    EXPECT_EQ(foreign.exitCode, 2);
    EXPECT_TRUE(foreign.err.contains(QStringLiteral("not a DealBoard database"))) << foreign.err.toStdString();
    EXPECT_EQ(test::fileBytes(notes), QByteArray(4096, 'x'));

    add({QStringLiteral("--title"), QStringLiteral("Future")});
    test::runRawSql(db(), {QStringLiteral("PRAGMA user_version = %1").arg(DealStore::SchemaVersion + 1)});
    const QByteArray before = test::fileBytes(db());
    CliRun newer = run({QStringLiteral("list")});
    EXPECT_EQ(newer.exitCode, 2);
    EXPECT_TRUE(newer.err.contains(QStringLiteral("newer DealBoard")));
    EXPECT_EQ(test::fileBytes(db()), before);

    CliRun missing = run({QStringLiteral("init")}, m_dir.filePath(QStringLiteral("nowhere/pipeline.dealboard")));
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("does not exist")));
}

TEST_F(Cli, DefaultDatabaseLivesInTheDataFolder)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(DEALBOARD_CLI_PATH), {QStringLiteral("init")});
    ASSERT_TRUE(process.waitForFinished(30000));
    EXPECT_EQ(process.exitCode(), 0);
    const QString expected = m_dir.filePath(QStringLiteral("data/DealBoard/DealBoard/pipeline.dealboard"));
    EXPECT_TRUE(QFile::exists(expected)) << QString::fromUtf8(process.readAllStandardOutput()).toStdString();
    const QString log = m_dir.filePath(QStringLiteral("data/DealBoard/DealBoard/dealboard.log"));
    EXPECT_TRUE(QFile::exists(log));
    const QFileDevice::Permissions others
        = QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther;
    EXPECT_EQ(QFileInfo(log).permissions() & others, QFileDevice::Permissions());
    EXPECT_EQ(QFileInfo(expected).permissions() & others, QFileDevice::Permissions());
}

TEST_F(Cli, ReportMatchesTheMovesAndExportsCsvAndJson)
{
    const QString a = add({QStringLiteral("--title"), QStringLiteral("A"), QStringLiteral("--willing"),
                           QStringLiteral("--need"), QStringLiteral("--budget")});
    add({QStringLiteral("--title"), QStringLiteral("B")});
    ASSERT_EQ(run({QStringLiteral("move"), a, QStringLiteral("contacting")}).exitCode, 0);
    ASSERT_EQ(run({QStringLiteral("goal"), QStringLiteral("prospecting"), QStringLiteral("--conversion"),
                   QStringLiteral("0.75")})
                  .exitCode,
              0);
    EXPECT_EQ(run({QStringLiteral("goal"), QStringLiteral("prospecting"), QStringLiteral("--conversion"),
                   QStringLiteral("lots")})
                  .exitCode,
              2);

    CliRun json = run({QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(json.exitCode, 0) << json.err.toStdString();
    const QJsonObject root = QJsonDocument::fromJson(json.out.toUtf8()).object();
    EXPECT_EQ(root[QStringLiteral("mode")].toString(), QStringLiteral("reached"));
    EXPECT_EQ(root[QStringLiteral("win_rate")].toDouble(), 0.0);
    const QJsonArray stages = root[QStringLiteral("stages")].toArray();
    ASSERT_EQ(stages.size(), 7);
    // Both reached Prospecting; A passed Qualifying on its way to Contacting.
    EXPECT_EQ(stages[0].toObject()[QStringLiteral("reached")].toInt(), 2);
    EXPECT_EQ(stages[1].toObject()[QStringLiteral("reached")].toInt(), 1);
    EXPECT_EQ(stages[2].toObject()[QStringLiteral("reached")].toInt(), 1);
    EXPECT_DOUBLE_EQ(stages[0].toObject()[QStringLiteral("conversion_to_next")].toDouble(), 0.5);
    EXPECT_EQ(stages[0].toObject()[QStringLiteral("on_target")].toBool(true), false);
    EXPECT_TRUE(stages[3].toObject()[QStringLiteral("conversion_to_next")].isNull());

    CliRun strict = run({QStringLiteral("report"), QStringLiteral("--mode"), QStringLiteral("strict"),
                         QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonArray strictStages
        = QJsonDocument::fromJson(strict.out.toUtf8()).object()[QStringLiteral("stages")].toArray();
    EXPECT_EQ(strictStages[1].toObject()[QStringLiteral("reached")].toInt(), 0); // A skipped Qualifying

    const QString out = m_dir.filePath(QStringLiteral("report.csv"));
    CliRun exported = run({QStringLiteral("export"), QStringLiteral("report"), QStringLiteral("--out"), out});
    ASSERT_EQ(exported.exitCode, 0) << exported.err.toStdString();
    Result<CsvTable> table = CsvReader::parse(test::fileBytes(out));
    ASSERT_TRUE(table.ok());
    EXPECT_EQ(
        table.value().header.join(QLatin1Char(',')),
        QStringLiteral(
            "stage,currency,reached,conversion_to_next,cumulative_conversion,open_deals,open_value,weighted_value,"
            "lost,median_days,mean_days,target_conversion,target_median_days,on_target,rates_date,unconverted"));
    ASSERT_EQ(table.value().rows.size(), 7u);
    EXPECT_EQ(
        table.value().rows[0],
        (QStringList {QStringLiteral("prospecting"), QStringLiteral("EUR"), QStringLiteral("2"),
                      QStringLiteral("0.5000"), QStringLiteral("1.0000"), QStringLiteral("1"), QStringLiteral("0.00"),
                      QStringLiteral("0.00"), QStringLiteral("0"), QStringLiteral("0.0"), QStringLiteral("0.0"),
                      QStringLiteral("0.7500"), QString(), QStringLiteral("no"), QString(), QString()}));
    EXPECT_EQ(run({QStringLiteral("report"), QStringLiteral("--from"), QStringLiteral("March")}).exitCode, 1);
    EXPECT_EQ(run({QStringLiteral("report"), QStringLiteral("--mode"), QStringLiteral("loose")}).exitCode, 1);
}

} // namespace

namespace {

TEST_F(Cli, ImportRoundTripsAnExportIntoAnEmptyDatabase)
{
    ASSERT_EQ(run({QStringLiteral("seed"), QStringLiteral("--deals"), QStringLiteral("300"), QStringLiteral("--seed"),
                   QStringLiteral("8")})
                  .exitCode,
              0);
    add({QStringLiteral("--title"), QStringLiteral("=SUM(1,2)"), QStringLiteral("--company"),
         QStringLiteral("-Minus, Inc.")});
    const QString first = m_dir.filePath(QStringLiteral("first.csv"));
    ASSERT_EQ(run({QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out"), first}).exitCode, 0);

    const QString other = m_dir.filePath(QStringLiteral("other.dealboard"));
    CliRun imported = run({QStringLiteral("import"), QStringLiteral("deals"), first}, other);
    ASSERT_EQ(imported.exitCode, 0) << imported.err.toStdString();
    EXPECT_TRUE(imported.out.startsWith(QStringLiteral("Imported 301 deal(s)"))) << imported.out.toStdString();
    EXPECT_EQ(run({QStringLiteral("check")}, other).exitCode, 0);

    const QString second = m_dir.filePath(QStringLiteral("second.csv"));
    ASSERT_EQ(run({QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out"), second}, other).exitCode,
              0);
    Result<CsvTable> a = CsvReader::parse(test::fileBytes(first));
    Result<CsvTable> b = CsvReader::parse(test::fileBytes(second));
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a.value().rows.size(), b.value().rows.size());
    for (std::size_t i = 0; i < a.value().rows.size(); ++i) {
        EXPECT_EQ(a.value().rows[i].mid(1), b.value().rows[i].mid(1)) << "row " << i; // ids aside
    }
    CliRun shown = run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")}, other);
    EXPECT_TRUE(shown.out.contains(QStringLiteral("\"title\": \"=SUM(1,2)\""))) << "the typed text comes back";
}

TEST_F(Cli, ImportReadsSpreadsheetFilesWithSemicolonsBomAndQuotedNewlines)
{
    const QString file = m_dir.filePath(QStringLiteral("sheet.csv"));
    {
        QFile out(file);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write("\xEF\xBB\xBF"
                  "Company;Title;Value;Notes\r\n"
                  "Acme;\"Renewal; phase 2\";12x;x\r\n");
    }
    CliRun refused = run({QStringLiteral("import"), QStringLiteral("deals"), file});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 2, column 3 (Value)"))) << refused.err.toStdString();
    EXPECT_EQ(
        run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("csv")}).out.count(QLatin1Char('\n')),
        1);

    {
        QFile out(file);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write("\xEF\xBB\xBF"
                  "Company;Title;Value;Notes\r\n"
                  "Acme;\"Renewal; phase 2\";1200,50;\"first line\nsecond line\"\r\n"
                  "Globex;Expansion;;\n");
    }
    CliRun dry = run({QStringLiteral("import"), QStringLiteral("deals"), file, QStringLiteral("--dry-run")});
    EXPECT_EQ(dry.exitCode, 0) << dry.err.toStdString();
    EXPECT_TRUE(dry.out.contains(QStringLiteral("Would import 2 deal(s)")));
    EXPECT_TRUE(dry.out.contains(QStringLiteral("Ignored unknown column(s): Notes")));
    EXPECT_EQ(
        run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("csv")}).out.count(QLatin1Char('\n')),
        1);

    CliRun done = run({QStringLiteral("import"), QStringLiteral("deals"), file});
    ASSERT_EQ(done.exitCode, 0) << done.err.toStdString();
    const QJsonObject deal = show(QStringLiteral("1"));
    EXPECT_EQ(deal[QStringLiteral("title")].toString(), QStringLiteral("Renewal; phase 2"));
    EXPECT_EQ(deal[QStringLiteral("value")].toString(), QStringLiteral("1200.50"));
    EXPECT_EQ(deal[QStringLiteral("history")].toArray().size(), 1);
}

TEST_F(Cli, DamagedImportIsRefusedWithEveryFaultAndChangesNothing)
{
    add({QStringLiteral("--title"), QStringLiteral("Already here")});
    const QByteArray before = test::fileBytes(db());
    const QString file = m_dir.filePath(QStringLiteral("bad.csv"));
    {
        QFile out(file);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write("title,stage,value,willing\n"
                  "Fine,prospecting,10,no\n"
                  "Bad stage,heaven,10,no\n"
                  "Unqualified,contacting,10,no\n"
                  "Two,fields\n"
                  ",prospecting,10,maybe\n");
    }
    CliRun refused = run({QStringLiteral("import"), QStringLiteral("deals"), file});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("nothing was changed")));
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 3, column 2 (stage): unknown stage 'heaven'")))
        << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 4: 'Unqualified' can't be in Contacting")));
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 5: 2 fields where the header has 4")));
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 6, column 1 (title)")));
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 6, column 4 (willing): 'maybe' is not yes or no")));
    EXPECT_EQ(run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")})
                  .out.count(QStringLiteral("\"id\"")),
              1);
    Q_UNUSED(before);
}

} // namespace

namespace {

TEST_F(Cli, TruncatedDatabaseIsReportedAsDamagedAndLeftAsItWas)
{
    DEALBOARD_FILE_ONLY("a truncated file");
    ASSERT_EQ(run({QStringLiteral("seed"), QStringLiteral("--deals"), QStringLiteral("3000")}).exitCode, 0);
    QByteArray bytes = test::fileBytes(db());
    ASSERT_GT(bytes.size(), 100000);
    bytes.truncate(bytes.size() / 2);
    {
        QFile file(db());
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    }
    CliRun listed = run({QStringLiteral("list")});
    EXPECT_EQ(listed.exitCode, 2);
    EXPECT_TRUE(listed.err.contains(QStringLiteral("damaged"))) << listed.err.toStdString();
    CliRun checked = run({QStringLiteral("check")});
    EXPECT_EQ(checked.exitCode, 2);
    EXPECT_EQ(test::fileBytes(db()), bytes);
}

} // namespace

namespace {

TEST_F(Cli, ReadOnlyDatabaseIsRefusedPlainlyAndLeftAsItWas)
{
    DEALBOARD_FILE_ONLY("a read-only file");
    add({QStringLiteral("--title"), QStringLiteral("Kept")});
    const QByteArray before = test::fileBytes(db());
    QStringList command;
    if (::geteuid() == 0) {
        // Root may write anything: run the CLI as an unprivileged user instead.
        if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty()) {
            GTEST_SKIP() << "setpriv is needed to drop root";
        }
        QFile::setPermissions(m_dir.path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                  | QFileDevice::ReadOther | QFileDevice::ExeOther);
        QFile::setPermissions(db(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        command = {QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                   QStringLiteral("--clear-groups"), QStringLiteral(DEALBOARD_CLI_PATH)};
    } else {
        QFile::setPermissions(db(), QFileDevice::ReadOwner);
        command = {QStringLiteral(DEALBOARD_CLI_PATH)};
    }
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), QStringLiteral("/nonexistent"));
    process.setProcessEnvironment(env);
    process.start(command.takeFirst(), command + QStringList {QStringLiteral("--db"), db(), QStringLiteral("list")});
    ASSERT_TRUE(process.waitForFinished(30000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    EXPECT_EQ(process.exitCode(), 2) << err.toStdString();
    EXPECT_TRUE(err.contains(QStringLiteral("read-only for you"))) << err.toStdString();
    EXPECT_EQ(test::fileBytes(db()), before);
    QFile::setPermissions(db(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

} // namespace

// Long work tells its progress on standard error when that is a terminal
// (here a pseudo-terminal made by script(1)), and never into a pipe or a file.
TEST_F(Cli, ProgressGoesToATerminalNeverIntoAPipe)
{
    ASSERT_EQ(run({QStringLiteral("seed"), QStringLiteral("--deals"), QStringLiteral("3000")}).exitCode, 0);
    const QString csv = m_dir.filePath(QStringLiteral("deals.csv"));
    const CliRun exported = run({QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out"), csv});
    ASSERT_EQ(exported.exitCode, 0) << exported.err.toStdString();
    EXPECT_FALSE(exported.err.contains(QLatin1Char('%'))) << exported.err.toStdString();
    EXPECT_FALSE(exported.err.contains(QLatin1Char('\r')));

    // The same export with standard error on a terminal.
    const QString again = m_dir.filePath(QStringLiteral("again.csv"));
    const QString command
        = QStringLiteral("'%1' --db '%2' export deals --out '%3'").arg(QStringLiteral(DEALBOARD_CLI_PATH), db(), again);
    QProcess terminal;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("DEALBOARD_NOW"), m_now); // the same days in stage as the first export
    terminal.setProcessEnvironment(env);
    terminal.start(QStringLiteral("script"), {QStringLiteral("-qefc"), command, QStringLiteral("/dev/null")});
    ASSERT_TRUE(terminal.waitForFinished(120000));
    const QString seen = QString::fromUtf8(terminal.readAllStandardOutput());
    EXPECT_EQ(terminal.exitCode(), 0) << seen.toStdString();
    EXPECT_TRUE(seen.contains(QStringLiteral("Exporting deals… "))) << seen.toStdString();
    EXPECT_TRUE(seen.contains(QStringLiteral("\r\x1b[KExported 3000 deal(s)"))) << seen.toStdString(); // cleared first
    QFile first(csv);
    QFile second(again);
    ASSERT_TRUE(first.open(QIODevice::ReadOnly) && second.open(QIODevice::ReadOnly));
    EXPECT_EQ(first.readAll(), second.readAll()); // the file itself holds no progress
}

// A step taken back on the board is shown as such: the step marked undone and
// the undo on its own line, in the text and in JSON.
TEST_F(Cli, ShowMarksAStepTakenBackAndItsUndo)
{
    const QString id = add({QStringLiteral("--title"), QStringLiteral("Acme renewal")});
    const CliRun moved = run({QStringLiteral("move"), id, QStringLiteral("qualifying")});
    ASSERT_EQ(moved.exitCode, 0) << moved.err.toStdString();
    {
        Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(db());
        ASSERT_TRUE(store.ok()) << store.error().message.toStdString();
        Pipeline pipeline(std::move(store.value()), std::make_shared<SystemClock>());
        const Result<std::vector<HistoryEntry>> history = pipeline.deals().history(id.toLongLong());
        ASSERT_TRUE(history.ok());
        ASSERT_EQ(history.value().size(), 2u);
        ASSERT_TRUE(pipeline.deals().undoStep(id.toLongLong(), history.value().back().id).ok());
    }
    const CliRun text = run({QStringLiteral("show"), id});
    ASSERT_EQ(text.exitCode, 0) << text.err.toStdString();
    EXPECT_TRUE(text.out.contains(QStringLiteral("Prospecting -> Qualifying (undone)"))) << text.out.toStdString();
    EXPECT_TRUE(text.out.contains(QStringLiteral("undo: Qualifying -> Prospecting"))) << text.out.toStdString();
    const QJsonArray steps = show(id).value(QStringLiteral("history")).toArray();
    ASSERT_EQ(steps.size(), 3);
    EXPECT_TRUE(steps.at(1).toObject().value(QStringLiteral("undone")).toBool());
    EXPECT_FALSE(steps.at(2).toObject().value(QStringLiteral("undone")).toBool());
    EXPECT_GT(steps.at(2).toObject().value(QStringLiteral("undoes")).toInteger(), 0);
    EXPECT_TRUE(steps.at(0).toObject().value(QStringLiteral("undoes")).isNull());
}
