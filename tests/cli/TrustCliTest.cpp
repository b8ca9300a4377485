// The pipeline's files are never overwritten, output failures are never
// reported as success, and paths that are not a pipeline file are refused.
#include "CliFixture.h"
#include "RawSql.h"
#include "dealboard/TextRules.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace dealboard;

namespace {

QByteArray digest(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return "missing";
    }
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

// Runs a shell line with the CLI's path in $CLI; returns the exit code and stderr.
CliRun shell(const QString& line, const QString& folder)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CLI"), QStringLiteral(DEALBOARD_CLI_PATH));
    env.insert(QStringLiteral("HOME"), folder);
    env.insert(QStringLiteral("XDG_DATA_HOME"), folder + QStringLiteral("/data"));
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(folder);
    process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), line});
    EXPECT_TRUE(process.waitForFinished(60000));
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

class Trust : public Cli
{
protected:
    void SetUp() override
    {
        add({QStringLiteral("--title"), QStringLiteral("Acme renewal"), QStringLiteral("--value"),
             QStringLiteral("1200")});
    }
};

} // namespace

TEST_F(Trust, ExportsNeverWriteOverThePipelineOrItsSidecars)
{
    DEALBOARD_FILE_ONLY("a file and its sidecars");
    const QByteArray before = digest(db());
    const QStringList targets
        = {db(), db() + QStringLiteral("-wal"), db() + QStringLiteral("-shm"), db() + QStringLiteral("-journal"),
           m_dir.filePath(QStringLiteral("./pipeline.dealboard"))};
    for (const QString& target : targets) {
        for (const QString& what : {QStringLiteral("deals"), QStringLiteral("report"), QStringLiteral("people")}) {
            const CliRun result = run({QStringLiteral("export"), what, QStringLiteral("--out"), target});
            EXPECT_EQ(result.exitCode, 2) << target.toStdString() << " " << what.toStdString();
            EXPECT_TRUE(result.err.contains(QStringLiteral("open pipeline's own file"))) << result.err.toStdString();
        }
    }
    // Another name for the same file (a hard link) is recognised by its inode.
    const QString link = m_dir.filePath(QStringLiteral("other-name.csv"));
    ASSERT_EQ(::link(QFile::encodeName(db()).constData(), QFile::encodeName(link).constData()), 0);
    EXPECT_EQ(run({QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out"), link}).exitCode, 2);
    EXPECT_EQ(digest(db()), before);
    EXPECT_EQ(run({QStringLiteral("check")}).exitCode, 0);
}

TEST_F(Trust, ExportsNeverWriteOverAnyDatabase)
{
    const QString other = m_dir.filePath(QStringLiteral("other.db"));
    EXPECT_EQ(run({QStringLiteral("list")}, other).exitCode, 0); // a second pipeline
    const QByteArray before = digest(other);
    const CliRun result = run({QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out"), other});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(QStringLiteral("is a database"))) << result.err.toStdString();
    EXPECT_EQ(digest(other), before);
    // An ordinary file is still replaced.
    const QString csv = m_dir.filePath(QStringLiteral("deals.csv"));
    QFile plain(csv);
    ASSERT_TRUE(plain.open(QIODevice::WriteOnly));
    plain.write("old\n");
    plain.close();
    EXPECT_EQ(run({QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out"), csv}).exitCode, 0);
    EXPECT_NE(digest(csv), QCryptographicHash::hash("old\n", QCryptographicHash::Sha256).toHex());
}

TEST_F(Trust, AppendingStandardOutputToThePipelineIsRefused)
{
    const QByteArray before = digest(db());
    const CliRun result = shell(QStringLiteral("\"$CLI\" --db pipeline.dealboard export deals --out - "
                                               ">> pipeline.dealboard"),
                                m_dir.path());
    EXPECT_EQ(result.exitCode, 2) << result.err.toStdString();
    EXPECT_EQ(digest(db()), before);
}

TEST_F(Trust, FailedWritesToStandardOutputAreNeverSuccess)
{
    DEALBOARD_FILE_ONLY("runs on pipeline.dealboard by name; the same output code serves a server");
    for (const QString& command : {QStringLiteral("export deals --out -"), QStringLiteral("list --format json"),
                                   QStringLiteral("list"), QStringLiteral("show 1"), QStringLiteral("report")}) {
        const CliRun full
            = shell(QStringLiteral("\"$CLI\" --db pipeline.dealboard %1 > /dev/full").arg(command), m_dir.path());
        EXPECT_EQ(full.exitCode, 2) << command.toStdString();
        EXPECT_TRUE(full.err.contains(QStringLiteral("couldn't write to standard output")))
            << command.toStdString() << ": " << full.err.toStdString();
        const CliRun closed
            = shell(QStringLiteral("\"$CLI\" --db pipeline.dealboard %1 >&-").arg(command), m_dir.path());
        EXPECT_EQ(closed.exitCode, 2) << command.toStdString();
        EXPECT_TRUE(closed.err.contains(QStringLiteral("couldn't write to standard output")))
            << command.toStdString() << ": " << closed.err.toStdString();
    }
}

TEST_F(Trust, ImportNeverOpensThePipelineOrAStream)
{
    const QByteArray before = digest(db());
    for (const QString& source : {db(), db() + QStringLiteral("-wal"), QStringLiteral("/dev/zero"), m_dir.path()}) {
        const CliRun result
            = run({QStringLiteral("import"), QStringLiteral("deals"), source, QStringLiteral("--dry-run")});
        EXPECT_EQ(result.exitCode, 2) << source.toStdString();
        const CliRun people = run({QStringLiteral("import"), QStringLiteral("people"), source});
        EXPECT_EQ(people.exitCode, 2) << source.toStdString();
    }
    EXPECT_EQ(digest(db()), before);
}

TEST_F(Trust, PathsThatAreNoPipelineFileAreRefused)
{
    const CliRun empty = run({QStringLiteral("list")}, QStringLiteral(" "));
    EXPECT_EQ(empty.exitCode, 2);
    {
        QProcess process;
        process.start(QStringLiteral(DEALBOARD_CLI_PATH), {QStringLiteral("--db"), QString(), QStringLiteral("list")});
        ASSERT_TRUE(process.waitForFinished(30000));
        EXPECT_EQ(process.exitCode(), 1);
        EXPECT_TRUE(process.readAllStandardError().contains("--db was given an empty path"));
        QProcess late;
        late.start(QStringLiteral(DEALBOARD_CLI_PATH), {QStringLiteral("list"), QStringLiteral("--db"), QString()});
        ASSERT_TRUE(late.waitForFinished(30000));
        EXPECT_EQ(late.exitCode(), 1);
    }
    const CliRun device = run({QStringLiteral("list")}, QStringLiteral("/dev/null"));
    EXPECT_EQ(device.exitCode, 2);
    EXPECT_TRUE(device.err.contains(QStringLiteral("not a regular file"))) << device.err.toStdString();
    EXPECT_FALSE(QFileInfo::exists(QStringLiteral("/dev/null-journal")));

    const QString fifo = m_dir.filePath(QStringLiteral("fifo"));
    ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const CliRun pipe = run({QStringLiteral("list")}, fifo);
    EXPECT_EQ(pipe.exitCode, 2);
    EXPECT_TRUE(pipe.err.contains(QStringLiteral("not a regular file"))) << pipe.err.toStdString();

    const CliRun memory = run({QStringLiteral("list")}, QStringLiteral(":memory:"));
    EXPECT_EQ(memory.exitCode, 2);
    EXPECT_TRUE(memory.err.contains(QStringLiteral("is not a file path"))) << memory.err.toStdString();

    const QString touched = m_dir.filePath(QStringLiteral("touched.db"));
    QFile file(touched);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();
    ASSERT_EQ(::chmod(QFile::encodeName(touched).constData(), 0644), 0);
    EXPECT_EQ(run({QStringLiteral("list")}, touched).exitCode, 0);
    struct stat info
    {
    };
    ASSERT_EQ(::stat(QFile::encodeName(touched).constData(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
}

// A foreign or newer database whose latest changes are still in its -wal: the
// refusal leaves the main file and the -wal exactly as they were.
TEST_F(Trust, RefusedFilesWithAWalBesideThemAreLeftUntouched)
{
    for (const bool newer : {false, true}) {
        const QString source
            = m_dir.filePath(newer ? QStringLiteral("newer-src.db") : QStringLiteral("foreign-src.db"));
        const QString copy = m_dir.filePath(newer ? QStringLiteral("newer.db") : QStringLiteral("foreign.db"));
        sqlite3* handle = nullptr;
        ASSERT_EQ(sqlite3_open(QFile::encodeName(source).constData(), &handle), SQLITE_OK);
        const char* setUp = newer ? "PRAGMA journal_mode=WAL; PRAGMA user_version=99; CREATE TABLE deals(x);"
                                  : "PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t VALUES (1);";
        ASSERT_EQ(sqlite3_exec(handle, setUp, nullptr, nullptr, nullptr), SQLITE_OK);
        if (newer) {
            // Its schema in the main file: refused at the first look.
            ASSERT_EQ(sqlite3_exec(handle, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr), SQLITE_OK);
        }
        ASSERT_EQ(sqlite3_exec(handle, newer ? "INSERT INTO deals VALUES (2)" : "INSERT INTO t VALUES (2)", nullptr,
                               nullptr, nullptr),
                  SQLITE_OK);
        // Copy while it is open, so the copy has its changes in a -wal.
        ASSERT_TRUE(QFile::copy(source, copy));
        ASSERT_TRUE(QFile::copy(source + QStringLiteral("-wal"), copy + QStringLiteral("-wal")));
        sqlite3_close(handle);
        ASSERT_GT(QFileInfo(copy + QStringLiteral("-wal")).size(), 0);
        const QByteArray mainBefore = digest(copy);
        const QByteArray walBefore = digest(copy + QStringLiteral("-wal"));

        const CliRun result = run({QStringLiteral("list")}, copy);
        EXPECT_EQ(result.exitCode, 2) << result.err.toStdString();
        EXPECT_TRUE(result.err.contains(newer ? QStringLiteral("newer DealBoard") : QStringLiteral("another program")))
            << result.err.toStdString();
        EXPECT_EQ(digest(copy), mainBefore);
        EXPECT_EQ(digest(copy + QStringLiteral("-wal")), walBefore);
    }
}

TEST_F(Trust, ControlCharactersAreShownEscapedNeverSentToTheTerminal)
{
    const QString hostile = QStringLiteral("\x1b]0;owned\x07"
                                           "Acme\x1b[2J")
        + QChar(0x202e) + QStringLiteral("gpj.exe") + QChar(0x85) + QStringLiteral("\t<b>x</b>");
    // Refused as input, in the title as in any other field.
    const CliRun refused = run({QStringLiteral("add"), QStringLiteral("--title"), hostile});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("U+001B at character 1"))) << refused.err.toStdString();
    const CliRun turned = run({QStringLiteral("add"), QStringLiteral("--title"),
                               QStringLiteral("Invoice ") + QChar(0x202e) + QStringLiteral("gpj.exe")});
    EXPECT_EQ(turned.exitCode, 2);
    EXPECT_TRUE(turned.err.contains(QStringLiteral("U+202E"))) << turned.err.toStdString();
    // Stored by an older DealBoard or another program: shown escaped.
    const QString id = add({QStringLiteral("--title"), QStringLiteral("Acme")});
    test::runRawSql(db(),
                    {QStringLiteral("UPDATE deals SET title = '%1', owner = '%1' WHERE id = %2").arg(hostile, id)});
    // The one rule (TextRules): nothing it forbids on a line reaches the terminal.
    auto clean = [](const QString& text) {
        for (const QString& line : text.split(QLatin1Char('\n'))) {
            if (TextRules::forbiddenAt(line, false)) {
                return false;
            }
        }
        return true;
    };
    for (const QStringList& command : {QStringList {QStringLiteral("list")}, QStringList {QStringLiteral("show"), id},
                                       QStringList {QStringLiteral("report"), QStringLiteral("--owner"), hostile},
                                       QStringList {QStringLiteral("move"), id, hostile},
                                       QStringList {QStringLiteral("show"), hostile}, QStringList {hostile}}) {
        const CliRun result = run(command);
        EXPECT_TRUE(clean(result.out)) << command.join(u' ').toStdString();
        EXPECT_TRUE(clean(result.err)) << command.join(u' ').toStdString();
    }
    const CliRun table = run({QStringLiteral("list")});
    EXPECT_TRUE(table.out.contains(QStringLiteral("<U+001B>]0;owned<U+0007>Acme"))) << table.out.toStdString();
    EXPECT_TRUE(table.out.contains(QStringLiteral("<U+202E>gpj.exe"))) << table.out.toStdString();
    // Stored as given: JSON gives the exact text back.
    EXPECT_EQ(show(id).value(QStringLiteral("title")).toString(), hostile);
    const CliRun csv
        = run({QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out"), QStringLiteral("-")});
    EXPECT_TRUE(csv.out.contains(hostile)) << "CSV keeps the text as stored";
}

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    return path;
}

} // namespace

TEST_F(Trust, TextStartingWithAQuoteSurvivesExportAndImport)
{
    for (const QString& title : {QStringLiteral("'=x"), QStringLiteral("'@at"), QStringLiteral("'plain"),
                                 QStringLiteral("''two"), QStringLiteral("=SUM(A1)")}) {
        add({QStringLiteral("--title"), title});
    }
    const QString first = m_dir.filePath(QStringLiteral("first.csv"));
    ASSERT_EQ(run({QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out"), first}).exitCode, 0);
    const QString copy = m_dir.filePath(QStringLiteral("copy.dealboard"));
    const CliRun imported = run({QStringLiteral("import"), QStringLiteral("deals"), first}, copy);
    ASSERT_EQ(imported.exitCode, 0) << imported.err.toStdString();
    const CliRun listed = run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")}, copy);
    const QJsonArray deals = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    QStringList titles;
    for (const QJsonValue& deal : deals) {
        titles << deal.toObject().value(QStringLiteral("title")).toString();
    }
    for (const QString& title : {QStringLiteral("'=x"), QStringLiteral("'@at"), QStringLiteral("'plain"),
                                 QStringLiteral("''two"), QStringLiteral("=SUM(A1)")}) {
        EXPECT_TRUE(titles.contains(title)) << title.toStdString() << " not in " << titles.join(u'|').toStdString();
    }
}

TEST_F(Trust, SmallerRefusalsNameWhatIsWrong)
{
    EXPECT_EQ(run({QStringLiteral("goal"), QStringLiteral("qualifying"), QStringLiteral("--conversion"),
                   QStringLiteral("nan")})
                  .exitCode,
              2);
    EXPECT_EQ(run({QStringLiteral("goal"), QStringLiteral("qualifying"), QStringLiteral("--conversion"),
                   QStringLiteral("inf")})
                  .exitCode,
              2);

    const CliRun far = run({QStringLiteral("report"), QStringLiteral("--to"), QStringLiteral("9999-12-31"),
                            QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(far.exitCode, 0) << far.err.toStdString();
    EXPECT_EQ(QJsonDocument::fromJson(far.out.toUtf8()).object().value(QStringLiteral("deals")).toInt(), 1);

    const QString duplicate = writeFile(m_dir, QStringLiteral("dup.csv"), "title,value,title\r\nA,1,B\r\n");
    const CliRun dup = run({QStringLiteral("import"), QStringLiteral("deals"), duplicate});
    EXPECT_EQ(dup.exitCode, 2);
    EXPECT_TRUE(dup.err.contains(QStringLiteral("columns 1 (title) and 3 (title)"))) << dup.err.toStdString();

    // CR-only line ends with a line break inside a quoted field: the fault is on line 4.
    const QString mac = writeFile(m_dir, QStringLiteral("mac.csv"), "title,value\r\"multi\rline\",1\rok,abc\r");
    const CliRun cr = run({QStringLiteral("import"), QStringLiteral("deals"), mac});
    EXPECT_EQ(cr.exitCode, 2);
    EXPECT_TRUE(cr.err.contains(QStringLiteral("Line 4, column 2 (value)"))) << cr.err.toStdString();
    const QString badQuote = writeFile(m_dir, QStringLiteral("quote.csv"), "title\r\nab\"c\r\n");
    EXPECT_TRUE(run({QStringLiteral("import"), QStringLiteral("deals"), badQuote})
                    .err.contains(QStringLiteral("Line 2, character 3")));

    const QString times = writeFile(m_dir, QStringLiteral("times.csv"),
                                    "title,created_at,stage_entered_at\r\n"
                                    "Future,2030-01-01T00:00:00Z,\r\n"
                                    "Backwards,2026-02-01T00:00:00Z,2026-01-01T00:00:00Z\r\n");
    const CliRun timed = run({QStringLiteral("import"), QStringLiteral("deals"), times});
    EXPECT_EQ(timed.exitCode, 2);
    EXPECT_TRUE(timed.err.contains(QStringLiteral("'Future' was created in the future"))) << timed.err.toStdString();
    EXPECT_TRUE(timed.err.contains(QStringLiteral("'Backwards' entered its stage"))) << timed.err.toStdString();

    QString emoji;
    for (int i = 0; i < 600; ++i) {
        emoji += QString::fromUtf8("\xF0\x9F\x98\x80");
    }
    EXPECT_EQ(run({QStringLiteral("add"), QStringLiteral("--title"), emoji}).exitCode, 0);
    EXPECT_EQ(run({QStringLiteral("add"), QStringLiteral("--title"), QString(1001, QLatin1Char('a'))}).exitCode, 2);
    const CliRun actor = run({QStringLiteral("move"), QStringLiteral("1"), QStringLiteral("qualifying"),
                              QStringLiteral("--actor"), QString(1001, QLatin1Char('a'))});
    EXPECT_EQ(actor.exitCode, 2);
    EXPECT_TRUE(actor.err.contains(QStringLiteral("actor"))) << actor.err.toStdString();

    // user_version -1: another program's file, left as it was.
    const QString negative = m_dir.filePath(QStringLiteral("negative.db"));
    sqlite3* handle = nullptr;
    ASSERT_EQ(sqlite3_open(QFile::encodeName(negative).constData(), &handle), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(handle, "PRAGMA user_version = -1", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(handle);
    const QByteArray before = digest(negative);
    const CliRun minusOne = run({QStringLiteral("list")}, negative);
    EXPECT_EQ(minusOne.exitCode, 2);
    EXPECT_TRUE(minusOne.err.contains(QStringLiteral("another program"))) << minusOne.err.toStdString();
    EXPECT_EQ(digest(negative), before);
}

TEST_F(Trust, BackupAndRestoreAreWholeAndNeverHitAnOpenPipeline)
{
    DEALBOARD_FILE_ONLY("backup and restore of a file; a server's are pg_dump and copy (ServerCliTest)");
    const QString backup = m_dir.filePath(QStringLiteral("monday.backup"));
    const CliRun made = run({QStringLiteral("backup"), QStringLiteral("--out"), backup});
    ASSERT_EQ(made.exitCode, 0) << made.err.toStdString();
    EXPECT_EQ(QFileInfo(backup).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), 0);
    EXPECT_EQ(run({QStringLiteral("check")}, backup).exitCode, 0);
    // Never over an existing file or the pipeline itself.
    EXPECT_EQ(run({QStringLiteral("backup"), QStringLiteral("--out"), backup}).exitCode, 2);
    EXPECT_EQ(run({QStringLiteral("backup"), QStringLiteral("--out"), db()}).exitCode, 2);

    add({QStringLiteral("--title"), QStringLiteral("After the backup")});
    ASSERT_EQ(run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")})
                  .out.count(QStringLiteral("\"id\"")),
              2);

    // A damaged backup is refused and the pipeline stays as it is.
    const QString damaged = m_dir.filePath(QStringLiteral("damaged.backup"));
    {
        QFile source(backup);
        ASSERT_TRUE(source.open(QIODevice::ReadOnly));
        QFile out(damaged);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write(source.read(source.size() / 2));
    }
    const QByteArray before = digest(db());
    EXPECT_EQ(run({QStringLiteral("restore"), damaged}).exitCode, 2);
    EXPECT_EQ(digest(db()), before);

    // Not onto a pipeline another process has open.
    {
        const QString name = QStringLiteral("holder");
        {
            QSqlDatabase holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            holder.setDatabaseName(db());
            ASSERT_TRUE(holder.open());
            QSqlQuery read(holder);
            ASSERT_TRUE(read.exec(QStringLiteral("SELECT count(*) FROM deals")) && read.next());
            read.finish();
            const CliRun busy = run({QStringLiteral("restore"), backup});
            EXPECT_EQ(busy.exitCode, 2);
            EXPECT_TRUE(busy.err.contains(QStringLiteral("is open in another DealBoard"))) << busy.err.toStdString();
            holder.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    // Onto the closed pipeline: the backup's deals, and what was there kept.
    const CliRun restored = run({QStringLiteral("restore"), backup});
    ASSERT_EQ(restored.exitCode, 0) << restored.err.toStdString();
    const CliRun listed = run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
    EXPECT_EQ(listed.out.count(QStringLiteral("\"id\"")), 1) << listed.out.toStdString();
    EXPECT_EQ(run({QStringLiteral("check")}).exitCode, 0);
    const QString kept = restored.err.section(QStringLiteral("kept in "), 1).section(QLatin1Char('\n'), 0, 0);
    ASSERT_TRUE(QFileInfo::exists(kept)) << restored.err.toStdString();
    EXPECT_EQ(run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")}, kept)
                  .out.count(QStringLiteral("\"id\"")),
              2);

    // Onto a new path.
    const QString fresh = m_dir.filePath(QStringLiteral("fresh.dealboard"));
    ASSERT_EQ(run({QStringLiteral("restore"), backup}, fresh).exitCode, 0);
    EXPECT_EQ(run({QStringLiteral("check")}, fresh).exitCode, 0);
}

// Another process writing for a long time (an import, a seed): an action
// waits, says so, and then succeeds.
TEST_F(Trust, AWriterWaitsVisiblyForAnotherAndThenSucceeds)
{
    DEALBOARD_FILE_ONLY("SQLite's busy handler; a server waits on its write lock");
    const QString name = QStringLiteral("long-writer");
    {
        QSqlDatabase writer = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        writer.setDatabaseName(db());
        ASSERT_TRUE(writer.open());
        QSqlQuery query(writer);
        ASSERT_TRUE(query.exec(QStringLiteral("BEGIN IMMEDIATE")));
        ASSERT_TRUE(query.exec(QStringLiteral("UPDATE deals SET owner = 'importer' WHERE id = 1")));

        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        cli.setProcessEnvironment(env);
        cli.start(
            QStringLiteral(DEALBOARD_CLI_PATH),
            {QStringLiteral("--db"), db(), QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Waited")});
        ASSERT_TRUE(cli.waitForStarted());
        // Longer than SQLite's usual 5 s busy timeout.
        QByteArray err;
        QElapsedTimer held;
        held.start();
        while (held.elapsed() < 6500) {
            cli.waitForReadyRead(100);
            err += cli.readAllStandardError();
        }
        EXPECT_EQ(cli.state(), QProcess::Running) << "the CLI gave up while another process was writing";
        ASSERT_TRUE(query.exec(QStringLiteral("COMMIT")));
        ASSERT_TRUE(cli.waitForFinished(30000));
        err += cli.readAllStandardError();
        EXPECT_EQ(cli.exitCode(), 0) << err.toStdString();
        EXPECT_TRUE(err.contains("waiting for another DealBoard to finish writing")) << err.toStdString();
        writer.close();
    }
    QSqlDatabase::removeDatabase(name);
    EXPECT_EQ(show(QStringLiteral("1")).value(QStringLiteral("owner")).toString(), QStringLiteral("importer"));
    EXPECT_EQ(show(QStringLiteral("2")).value(QStringLiteral("title")).toString(), QStringLiteral("Waited"));
}
