// restore through the real binary: a backup is put back only when it is a
// whole, sound file holding exactly what DealBoard makes at its schema
// version; every refusal names what is wrong and what to do, and leaves the
// pipeline and every file beside it byte for byte as they were.
#include "CliFixture.h"
#include "FolderState.h"
#include "RawSql.h"
#include "dealboard/DealStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocalServer>
#include <QStandardPaths>
#include <functional>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace dealboard;
using dealboard::test::folderState;

namespace {

// What a sqlite3 session by hand does: the schema's text rewritten in place,
// which SQLite itself never checks.
QStringList rewriteDefinition(const QString& name, const QString& from, const QString& to)
{
    return {QStringLiteral("PRAGMA writable_schema = ON"),
            QStringLiteral("UPDATE sqlite_master SET sql = replace(sql, '%1', '%2') WHERE name = '%3'")
                .arg(QString(from).replace(u'\'', QStringLiteral("''")),
                     QString(to).replace(u'\'', QStringLiteral("''")), name),
            QStringLiteral("PRAGMA writable_schema = OFF")};
}

QString definitionOf(const QString& path, const QString& name)
{
    sqlite3* db = nullptr;
    QString sql;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* statement = nullptr;
        const QByteArray wanted = name.toUtf8();
        if (sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE name = ?1", -1, &statement, nullptr)
            == SQLITE_OK) {
            sqlite3_bind_text(statement, 1, wanted.constData(), -1, SQLITE_TRANSIENT);
            if (sqlite3_step(statement) == SQLITE_ROW) {
                sql = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
            }
        }
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return sql;
}

// Every definition of a database, for comparing two of them.
QStringList definitionsOf(const QString& path)
{
    QStringList found;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name", -1,
                               &statement, nullptr)
            == SQLITE_OK) {
            while (sqlite3_step(statement) == SQLITE_ROW) {
                QStringList row;
                for (int column = 0; column < 4; ++column) {
                    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
                    row << QString::fromUtf8(text == nullptr ? "NULL" : text);
                }
                found << row.join(u'|');
            }
        }
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return found;
}

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    ASSERT_EQ(file.write(bytes), bytes.size());
}

} // namespace

class Restore : public Cli
{
protected:
    void SetUp() override
    {
        if (test::TestServer::inUse()) {
            GTEST_SKIP() << "restore puts a file back; a server's pipeline is restored with pg_restore";
        }
        add({QStringLiteral("--title"), QStringLiteral("In the backup")});
        m_clean = m_dir.filePath(QStringLiteral("clean.backup"));
        const CliRun made = run({QStringLiteral("backup"), QStringLiteral("--out"), m_clean});
        ASSERT_EQ(made.exitCode, 0) << made.err.toStdString();
        add({QStringLiteral("--title"), QStringLiteral("Only in the pipeline")});
    }

    // A copy of the clean backup, changed by `statements` run as another program would.
    QString hostileCopy(const QString& name, const QStringList& statements)
    {
        const QString path = m_dir.filePath(name);
        EXPECT_TRUE(QFile::copy(m_clean, path));
        if (!statements.isEmpty()) {
            test::runRawSql(path, statements);
        }
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        return path;
    }

    // Restores `backup`, expects a refusal saying each of `said`, and checks
    // that nothing in the folder changed and the pipeline still works.
    void expectRefused(const QString& backup, const QStringList& said)
    {
        const QMap<QString, QByteArray> before = folderState(m_dir.path());
        QElapsedTimer timer;
        timer.start();
        const CliRun refused = run({QStringLiteral("restore"), backup});
        EXPECT_LT(timer.elapsed(), 60000) << "restore never waits on what it reads";
        EXPECT_EQ(refused.exitCode, 2) << refused.err.toStdString();
        for (const QString& words : said) {
            EXPECT_TRUE(refused.err.contains(words))
                << "missing: " << words.toStdString() << "\nin: " << refused.err.toStdString();
        }
        EXPECT_TRUE(refused.err.contains(QStringLiteral("Nothing was restored"))) << refused.err.toStdString();
        EXPECT_FALSE(refused.err.contains(QStringLiteral("CSV"))) << refused.err.toStdString();
        // Byte for byte: the pipeline, its sidecars and every file beside it.
        EXPECT_EQ(folderState(m_dir.path()), before);
        EXPECT_EQ(dealCount(), 2);
    }

    int dealCount(const QString& database = {})
    {
        const CliRun listed
            = run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")}, database);
        return static_cast<int>(QJsonDocument::fromJson(listed.out.toUtf8()).array().size());
    }

    QString m_clean;
};

// Each rewrite leaves every table, column and index as SQLite's pragmas list
// them: only the definitions' text tells.
TEST_F(Restore, RefusesABackupWhoseDefinitionsWereRewrittenThroughWritableSchema)
{
    struct Case
    {
        const char* name;
        QStringList statements;
        QStringList said;
    };
    const QString value = QStringLiteral("CHECK (value_minor >= 0)");
    const std::vector<Case> cases = {
        {"check-loosened",
         rewriteDefinition(QStringLiteral("deals"), value, QStringLiteral("CHECK (value_minor >= -100000000)")),
         {QStringLiteral("schema version %1").arg(DealStore::SchemaVersion), QStringLiteral("table deals reads \u201c"),
          QStringLiteral("CHECK (value_minor >= -100000000)"),
          QStringLiteral("where DealBoard makes \u201c\u2026value_minor INTEGER NOT NULL DEFAULT 0 ") + value
              + QStringLiteral("\u2026\u201d")}},
        {"check-tightened",
         rewriteDefinition(QStringLiteral("deals"), QStringLiteral(" OR status = 'lost')"), QStringLiteral(")")),
         {QStringLiteral("table deals reads \u201c"), QStringLiteral("status = 'open' OR status = 'won')")}},
        {"collation",
         rewriteDefinition(QStringLiteral("deals"), QStringLiteral("title TEXT NOT NULL,"),
                           QStringLiteral("title TEXT NOT NULL COLLATE NOCASE,")),
         {QStringLiteral("table deals reads \u201c"), QStringLiteral("COLLATE NOCASE")}},
        {"goal-check",
         rewriteDefinition(QStringLiteral("stage_goals"), QStringLiteral("BETWEEN 0 AND 10000"),
                           QStringLiteral("BETWEEN 0 AND 99999999")),
         {QStringLiteral("table stage_goals reads \u201c")}},
        {"partial-index",
         rewriteDefinition(QStringLiteral("people_by_email"), QStringLiteral("WHERE email <> ''"),
                           QStringLiteral("WHERE email <> 'x'")),
         {QStringLiteral("index people_by_email on people reads \u201c")}},
        // An older backup is compared with what DealBoard makes at its version.
        {"older",
         test::backToSchemaFive(false) << QStringLiteral("PRAGMA user_version = 5")
                                       << rewriteDefinition(QStringLiteral("deals"), value,
                                                            QStringLiteral("CHECK (value_minor >= -1)")),
         {QStringLiteral("schema version 5"), QStringLiteral("table deals reads \u201c"),
          QStringLiteral("CHECK (value_minor >= -1)")}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        const QString hostile = hostileCopy(QStringLiteral("%1.backup").arg(QLatin1String(c.name)), c.statements);
        ASSERT_NE(definitionOf(hostile, QStringLiteral("deals")), QString());
        expectRefused(hostile, c.said + QStringList {QStringLiteral("is not exactly what DealBoard makes")});
    }
    add({QStringLiteral("--title"), QStringLiteral("Still writable"), QStringLiteral("--value"), QStringLiteral("10")});
    EXPECT_EQ(run({QStringLiteral("check")}).exitCode, 0);
}

// Spacing is not meaning: a definition written with other line breaks and
// spaces (as another release of SQLite might keep it) is restored, and so is
// a backup someone ran ANALYZE on (SQLite's statistics only guide its plans).
TEST_F(Restore, TakesABackupWhoseDefinitionsDifferOnlyInSpacingOrThatHoldsSQLitesStatistics)
{
    const QString analyzed = hostileCopy(QStringLiteral("analyzed.backup"), {QStringLiteral("ANALYZE")});
    ASSERT_NE(definitionOf(analyzed, QStringLiteral("sqlite_stat1")), QString());
    const CliRun taken = run({QStringLiteral("restore"), analyzed});
    EXPECT_EQ(taken.exitCode, 0) << taken.err.toStdString();
    EXPECT_EQ(run({QStringLiteral("check")}).exitCode, 0);

    const QString spaced
        = hostileCopy(QStringLiteral("spaced.backup"),
                      rewriteDefinition(QStringLiteral("deals"), QStringLiteral(" title TEXT NOT NULL,"),
                                        QStringLiteral("\n    title   TEXT NOT NULL ,\n")));
    ASSERT_TRUE(definitionOf(spaced, QStringLiteral("deals")).contains(QStringLiteral("title   TEXT")));
    const CliRun restored = run({QStringLiteral("restore"), spaced});
    EXPECT_EQ(restored.exitCode, 0) << restored.err.toStdString();
    EXPECT_EQ(dealCount(), 1);
}

// Older backups are still restored, and brought up to this version they hold
// exactly what a new pipeline holds.
TEST_F(Restore, AnOlderBackupIsRestoredAndBroughtUpToExactlyWhatANewPipelineHolds)
{
    const QString fresh = m_dir.filePath(QStringLiteral("fresh.dealboard"));
    ASSERT_EQ(run({QStringLiteral("init")}, fresh).exitCode, 0);
    const QStringList made = definitionsOf(fresh);
    ASSERT_FALSE(made.isEmpty());
    const std::vector<std::pair<int, QStringList>> older
        = {{7, test::backBeforeMerges(false)},
           {6, test::backBeforeUndo(false)},
           {5, test::backToSchemaFive(false)},
           {4, test::backToSchemaFour(false)},
           {3, test::backToSchemaFour(false) << QStringLiteral("DROP TABLE notes")}};
    for (const auto& [version, statements] : older) {
        SCOPED_TRACE(version);
        const QString backup
            = hostileCopy(QStringLiteral("schema%1.backup").arg(version),
                          statements + QStringList {QStringLiteral("PRAGMA user_version = %1").arg(version)});
        const CliRun restored = run({QStringLiteral("restore"), backup});
        ASSERT_EQ(restored.exitCode, 0) << restored.err.toStdString();
        EXPECT_EQ(dealCount(), 1);
        EXPECT_EQ(definitionsOf(db()), made);
        EXPECT_EQ(run({QStringLiteral("check")}).exitCode, 0);
    }
}

TEST_F(Restore, RefusesABackupWithRowsThatBreakTheRulesOrPointToNothing)
{
    // The rule taken out of the definition, a deal of negative value written,
    // the rule put back: each step a session of its own, as by hand.
    const QString value = QStringLiteral("CHECK (value_minor >= 0)");
    const QString breaking = hostileCopy(QStringLiteral("breaking.backup"),
                                         rewriteDefinition(QStringLiteral("deals"), value, QStringLiteral("")));
    test::runRawSql(breaking, {QStringLiteral("UPDATE deals SET value_minor = -500")});
    test::runRawSql(
        breaking,
        rewriteDefinition(QStringLiteral("deals"),
                          QStringLiteral("value_minor INTEGER NOT "
                                         "NULL DEFAULT 0 ,"),
                          QStringLiteral("value_minor INTEGER NOT NULL DEFAULT 0 ") + value + QStringLiteral(",")));
    ASSERT_TRUE(definitionOf(breaking, QStringLiteral("deals")).contains(value));
    expectRefused(breaking,
                  {QStringLiteral("break the rules"), QStringLiteral("CHECK constraint failed in deals"),
                   QStringLiteral("Choose another backup")});

    const QString orphan = hostileCopy(
        QStringLiteral("orphan.backup"),
        {QStringLiteral("PRAGMA foreign_keys = OFF"),
         QStringLiteral("INSERT INTO notes (deal_id, author, body, created_at) VALUES (4242, 'x', 'Whose note?', "
                        "'2026-03-01T09:00:00Z')")});
    expectRefused(orphan,
                  {QStringLiteral("point to rows that are not there"),
                   QStringLiteral("notes row 1 names, in deal_id, a row of deals that does not exist"),
                   QStringLiteral("Choose another backup")});
}

TEST_F(Restore, RefusesWhatIsNotABackupFileNamingItAndNeverWaitsOnAPipe)
{
    const QString folder = m_dir.filePath(QStringLiteral("backups"));
    ASSERT_TRUE(QDir().mkpath(folder));
    expectRefused(folder,
                  {QStringLiteral("'%1' is a folder, not a backup file").arg(folder),
                   QStringLiteral("Name the backup file itself")});

    const QString fifo = m_dir.filePath(QStringLiteral("pipe.backup"));
    ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    expectRefused(fifo,
                  {QStringLiteral("'%1' is a named pipe (FIFO), not a backup file").arg(fifo),
                   QStringLiteral("does not wait on a pipe")});

    expectRefused(QStringLiteral("/dev/null"), {QStringLiteral("'/dev/null' is a device, not a backup file")});

    QLocalServer socket;
    const QString socketPath = m_dir.filePath(QStringLiteral("socket.backup"));
    ASSERT_TRUE(socket.listen(socketPath)) << socket.errorString().toStdString();
    expectRefused(socketPath, {QStringLiteral("'%1' is a socket, not a backup file").arg(socketPath)});
    socket.close();

    const QString missing = m_dir.filePath(QStringLiteral("missing.backup"));
    expectRefused(missing, {QStringLiteral("There is no file '%1'").arg(missing)});
}

TEST_F(Restore, RefusesABackupYouMayNotReadNamingIt)
{
    const QString locked = hostileCopy(QStringLiteral("locked.backup"), {});
    ASSERT_EQ(::chmod(QFile::encodeName(locked).constData(), 0), 0);
    QStringList command {QStringLiteral(DEALBOARD_CLI_PATH)};
    if (::geteuid() == 0) {
        // Root reads anything: the CLI runs as an unprivileged user instead.
        if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty()) {
            GTEST_SKIP() << "setpriv is needed to drop root";
        }
        ASSERT_EQ(::chmod(QFile::encodeName(m_dir.path()).constData(), 0777), 0);
        command = QStringList {QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"),
                               QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups")}
            + command;
    }
    const QMap<QString, QByteArray> before = folderState(m_dir.path());
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), QStringLiteral("/nonexistent"));
    process.setProcessEnvironment(env);
    process.start(command.takeFirst(),
                  command + QStringList {QStringLiteral("--db"), db(), QStringLiteral("restore"), locked});
    ASSERT_TRUE(process.waitForFinished(60000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    EXPECT_EQ(process.exitCode(), 2) << err.toStdString();
    EXPECT_TRUE(err.contains(QStringLiteral("You may not read '%1'").arg(locked))) << err.toStdString();
    EXPECT_TRUE(err.contains(QStringLiteral("Nothing was restored"))) << err.toStdString();
    EXPECT_EQ(folderState(m_dir.path()), before);
}

TEST_F(Restore, RefusesEmptyCutShortForeignAndHalfCopiedFiles)
{
    const QString empty = m_dir.filePath(QStringLiteral("empty.backup"));
    writeBytes(empty, {});
    expectRefused(empty, {QStringLiteral("'%1' is empty (0 bytes), not a backup").arg(empty)});

    // A backup of many pages, cut short within a page and on a page's edge.
    const QString sample = m_dir.filePath(QStringLiteral("sample.dealboard"));
    ASSERT_EQ(run({QStringLiteral("seed"), QStringLiteral("--deals"), QStringLiteral("500")}, sample).exitCode, 0);
    const QString big = m_dir.filePath(QStringLiteral("big.backup"));
    ASSERT_EQ(run({QStringLiteral("backup"), QStringLiteral("--out"), big}, sample).exitCode, 0);
    const QByteArray whole = test::fileBytes(big);
    ASSERT_GT(whole.size(), 16 * 4096);
    const QString torn = m_dir.filePath(QStringLiteral("torn.backup"));
    writeBytes(torn, whole.left(whole.size() / 2 + 100));
    expectRefused(torn,
                  {QStringLiteral("'%1' is cut short or damaged").arg(torn),
                   QStringLiteral("not a whole number of its 4096-byte pages"),
                   QStringLiteral("Copy the backup again")});
    const QString halved = m_dir.filePath(QStringLiteral("halved.backup"));
    writeBytes(halved, whole.left(8 * 4096));
    expectRefused(halved,
                  {QStringLiteral("'%1' is cut short or damaged").arg(halved), QStringLiteral("the file holds 8")});

    // A header that names more pages than there could ever be.
    QByteArray huge = test::fileBytes(m_clean);
    huge[28] = char(0x7f);
    huge[29] = huge[30] = huge[31] = char(0xff);
    const QString claims = m_dir.filePath(QStringLiteral("huge.backup"));
    writeBytes(claims, huge);
    expectRefused(claims, {QStringLiteral("its header names 2147483647 pages")});

    // Not SQLite at all, and SQLite of another program.
    const QString text = m_dir.filePath(QStringLiteral("notes.backup"));
    writeBytes(text, "Monday's numbers: 12 deals\n");
    expectRefused(text, {QStringLiteral("'%1' is not an SQLite database, so not a DealBoard backup").arg(text)});
    for (const int version : {0, 3}) {
        const QString other = m_dir.filePath(QStringLiteral("other%1.backup").arg(version));
        test::runRawSql(other,
                        {QStringLiteral("CREATE TABLE songs (title TEXT, plays INTEGER)"),
                         QStringLiteral("INSERT INTO songs VALUES ('Intro', 3)"),
                         QStringLiteral("PRAGMA user_version = %1").arg(version)});
        expectRefused(other, {QStringLiteral("'%1' is an SQLite database of another program").arg(other)});
    }

    // A backup copied while a program had changes only in its -wal.
    const QString busy = hostileCopy(QStringLiteral("busy.backup"), {});
    sqlite3* writer = nullptr;
    ASSERT_EQ(sqlite3_open(QFile::encodeName(busy).constData(), &writer), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(writer,
                           "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; "
                           "UPDATE deals SET title = 'Changed in the wal'",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    const QString halfCopied = m_dir.filePath(QStringLiteral("half-copied.backup"));
    ASSERT_TRUE(QFile::copy(busy, halfCopied));
    ASSERT_TRUE(QFile::copy(busy + QStringLiteral("-wal"), halfCopied + QStringLiteral("-wal")));
    sqlite3_close(writer);
    ASSERT_GT(QFileInfo(halfCopied + QStringLiteral("-wal")).size(), 0);
    expectRefused(halfCopied,
                  {QStringLiteral("'%1' has '%1-wal' beside it").arg(halfCopied),
                   QStringLiteral("holding changes the backup file alone lacks")});
}

// The pipeline under another name is not a backup of it; a backup kept as a
// hard link (as backup tools keep unchanged files) is the file itself.
TEST_F(Restore, RefusesThePipelineUnderAnotherNameAndTakesAHardLinkedBackup)
{
    const QString alias = m_dir.filePath(QStringLiteral("alias.backup"));
    ASSERT_EQ(::link(QFile::encodeName(db()).constData(), QFile::encodeName(alias).constData()), 0);
    expectRefused(alias, {QStringLiteral("'%1' is the pipeline itself").arg(alias)});
    // A pipeline with a second name is never replaced: the alias goes first.
    ASSERT_TRUE(QFile::remove(alias));

    const QString linked = m_dir.filePath(QStringLiteral("linked.backup"));
    ASSERT_EQ(::link(QFile::encodeName(m_clean).constData(), QFile::encodeName(linked).constData()), 0);
    const QByteArray before = test::fileBytes(m_clean);
    const CliRun restored = run({QStringLiteral("restore"), linked});
    EXPECT_EQ(restored.exitCode, 0) << restored.err.toStdString();
    EXPECT_EQ(dealCount(), 1);
    EXPECT_EQ(test::fileBytes(m_clean), before) << "a backup is only read";
}

// A name that would show as another, or drive the terminal, is written out
// in the message and refused.
TEST_F(Restore, RefusesANameWithControlOrDirectionCharacters)
{
    const std::vector<std::pair<QString, QString>> names = {
        {QStringLiteral("monday\u202Epukcab.dealboard"), QStringLiteral("monday<U+202E>pukcab.dealboard")},
        {QStringLiteral("clear\x1b[2J.backup"), QStringLiteral("clear<U+001B>[2J.backup")},
        {QStringLiteral("two\nlines.backup"), QStringLiteral("two<U+000A>lines.backup")},
    };
    for (const auto& [name, written] : names) {
        SCOPED_TRACE(written.toStdString());
        const QString backup = hostileCopy(name, {});
        ASSERT_TRUE(QFileInfo::exists(backup));
        const QMap<QString, QByteArray> before = folderState(m_dir.path());
        const CliRun refused = run({QStringLiteral("restore"), backup});
        EXPECT_EQ(refused.exitCode, 2) << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(written)) << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(QStringLiteral("Rename the file"))) << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(QStringLiteral("Nothing was restored"))) << refused.err.toStdString();
        EXPECT_FALSE(refused.err.contains(name)) << "the name itself never reaches the terminal";
        EXPECT_EQ(folderState(m_dir.path()), before);
        EXPECT_EQ(dealCount(), 2);
    }
}

// The path given with --db is replaced by one rename: never when it is a
// device, a pipe or a folder (a device node there would be replaced by a
// file), nor a link (the link would be replaced, not the pipeline it names).
TEST_F(Restore, NeverReplacesWhatIsNotAPipelineFile)
{
    const QByteArray pipelineBefore = test::fileBytes(db());
    const auto expectKept = [&](const QString& place, const QString& said, const std::function<bool()>& unchanged) {
        SCOPED_TRACE(place.toStdString());
        QElapsedTimer timer;
        timer.start();
        const CliRun refused = run({QStringLiteral("restore"), m_clean}, place);
        EXPECT_LT(timer.elapsed(), 60000) << "restore never waits on a pipe";
        EXPECT_EQ(refused.exitCode, 2) << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(said)) << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(QStringLiteral("Nothing was restored"))) << refused.err.toStdString();
        EXPECT_TRUE(unchanged());
        EXPECT_TRUE(QDir(m_dir.path())
                        .entryList({QStringLiteral("*.restoring*"), QStringLiteral("*before-restore*")},
                                   QDir::Files | QDir::Hidden | QDir::System)
                        .isEmpty());
    };
    const auto kind = [](const QString& path) {
        struct stat info
        {
        };
        return ::lstat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_mode & S_IFMT : 0;
    };

    const QString fifo = m_dir.filePath(QStringLiteral("pipe.dealboard"));
    ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    expectKept(fifo, QStringLiteral("'%1' is a named pipe (FIFO), not a pipeline file").arg(fifo),
               [&] { return kind(fifo) == S_IFIFO; });

    const QString folder = m_dir.filePath(QStringLiteral("folder.dealboard"));
    ASSERT_TRUE(QDir().mkpath(folder));
    expectKept(folder, QStringLiteral("'%1' is a folder, not a pipeline file").arg(folder),
               [&] { return kind(folder) == S_IFDIR; });

    const QString link = m_dir.filePath(QStringLiteral("link.dealboard"));
    ASSERT_TRUE(QFile::link(db(), link));
    expectKept(link, QStringLiteral("'%1' is a symbolic link").arg(link),
               [&] { return kind(link) == S_IFLNK && test::fileBytes(db()) == pipelineBefore; });

    if (::geteuid() == 0) {
        // A device node of our own, like /dev/null, in the test's folder.
        const QString device = m_dir.filePath(QStringLiteral("null.dealboard"));
        ASSERT_EQ(::mknod(QFile::encodeName(device).constData(), S_IFCHR | 0666, makedev(1, 3)), 0);
        expectKept(device, QStringLiteral("'%1' is a device, not a pipeline file").arg(device),
                   [&] { return kind(device) == S_IFCHR; });
    }
    EXPECT_EQ(dealCount(), 2);
}

// Restore replaces only a DealBoard pipeline of this or an older version (or
// makes a new one): never another program's database, a newer DealBoard's
// pipeline or a file that is not SQLite, each left byte for byte as it was.
TEST_F(Restore, NeverReplacesAnotherProgramsDatabaseOrANewerPipeline)
{
    const auto expectKept = [&](const QString& place, const QStringList& said) {
        SCOPED_TRACE(place.toStdString());
        const QMap<QString, QByteArray> before = folderState(m_dir.path());
        const CliRun refused = run({QStringLiteral("restore"), m_clean}, place);
        EXPECT_EQ(refused.exitCode, 2) << refused.err.toStdString();
        for (const QString& words : said
                 + QStringList {QStringLiteral("Nothing was restored; '%1' was left as it "
                                               "was")
                                    .arg(place)}) {
            EXPECT_TRUE(refused.err.contains(words))
                << "missing: " << words.toStdString() << "\nin: " << refused.err.toStdString();
        }
        EXPECT_EQ(folderState(m_dir.path()), before);
    };
    const QString other = m_dir.filePath(QStringLiteral("other.db"));
    test::runRawSql(other,
                    {QStringLiteral("CREATE TABLE x (a TEXT)"), QStringLiteral("INSERT INTO x VALUES ('theirs')")});
    expectKept(other,
               {QStringLiteral("'%1' is an SQLite database of another program (it has no deals table)").arg(other),
                QStringLiteral("Give the pipeline's own path with --db")});

    const QString numbered = m_dir.filePath(QStringLiteral("numbered.db"));
    test::runRawSql(numbered,
                    {QStringLiteral("CREATE TABLE songs (title TEXT)"), QStringLiteral("PRAGMA user_version = 3")});
    expectKept(numbered, {QStringLiteral("'%1' is an SQLite database of another program").arg(numbered)});

    const QString newer = hostileCopy(QStringLiteral("newer.dealboard"), {QStringLiteral("PRAGMA user_version = 99")});
    expectKept(newer,
               {QStringLiteral("'%1' is a pipeline of a newer DealBoard (schema version 99; this one knows up to %2)")
                    .arg(newer)
                    .arg(DealStore::SchemaVersion),
                QStringLiteral("Restore with that DealBoard, or give a new path with --db")});

    const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
    writeBytes(text, "Call Anna on Monday\n");
    expectKept(text, {QStringLiteral("'%1' is not a DealBoard pipeline (not an SQLite file)").arg(text)});

    // Another program's database whose table is still only in its -wal,
    // while that program has it open.
    const QString busy = m_dir.filePath(QStringLiteral("busy.db"));
    sqlite3* writer = nullptr;
    ASSERT_EQ(sqlite3_open(QFile::encodeName(busy).constData(), &writer), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(writer,
                           "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE x (a TEXT); "
                           "INSERT INTO x VALUES ('theirs')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    const QByteArray mainBefore = test::fileBytes(busy);
    const QByteArray walBefore = test::fileBytes(busy + QStringLiteral("-wal"));
    ASSERT_GT(walBefore.size(), 0);
    const CliRun refused = run({QStringLiteral("restore"), m_clean}, busy);
    EXPECT_EQ(refused.exitCode, 2) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("'%1' is an SQLite database of another program").arg(busy)))
        << refused.err.toStdString();
    EXPECT_EQ(test::fileBytes(busy), mainBefore);
    EXPECT_EQ(test::fileBytes(busy + QStringLiteral("-wal")), walBefore);
    sqlite3_close(writer);

    // A pipeline of this version, an empty file and a new path are restored.
    const QString empty = m_dir.filePath(QStringLiteral("empty.dealboard"));
    writeBytes(empty, {});
    EXPECT_EQ(run({QStringLiteral("restore"), m_clean}, empty).exitCode, 0);
    EXPECT_EQ(dealCount(empty), 1);
    const QString fresh = m_dir.filePath(QStringLiteral("fresh.dealboard"));
    EXPECT_EQ(run({QStringLiteral("restore"), m_clean}, fresh).exitCode, 0);
    EXPECT_EQ(dealCount(fresh), 1);
    EXPECT_EQ(run({QStringLiteral("restore"), m_clean}).exitCode, 0);
    EXPECT_EQ(dealCount(), 1);
}

// A pipeline with a second name (a hard link) may be open under the other
// one, where no check on this name sees it: restore refuses, naming it.
TEST_F(Restore, RefusesAPipelineFileWithMoreThanOneName)
{
    const QString alias = m_dir.filePath(QStringLiteral("alias.dealboard"));
    ASSERT_EQ(::link(QFile::encodeName(db()).constData(), QFile::encodeName(alias).constData()), 0);
    for (const QString& place : {alias, db()}) {
        SCOPED_TRACE(place.toStdString());
        const QMap<QString, QByteArray> before = folderState(m_dir.path());
        const CliRun refused = run({QStringLiteral("restore"), m_clean}, place);
        EXPECT_EQ(refused.exitCode, 2) << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(QStringLiteral("'%1' has 2 names (hard links to one file)").arg(place)))
            << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(QStringLiteral("cp -p '%1' '%1.own' && mv '%1.own' '%1'").arg(place)))
            << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(QStringLiteral("Nothing was restored"))) << refused.err.toStdString();
        EXPECT_EQ(folderState(m_dir.path()), before);
        EXPECT_EQ(dealCount(place), 2);
    }
    // As the refusal says: the name gets a file of its own, the other name
    // keeps the old one.
    const QString own = db() + QStringLiteral(".own");
    ASSERT_TRUE(QFile::copy(db(), own));
    ASSERT_EQ(::rename(QFile::encodeName(own).constData(), QFile::encodeName(db()).constData()), 0);
    const CliRun restored = run({QStringLiteral("restore"), m_clean});
    EXPECT_EQ(restored.exitCode, 0) << restored.err.toStdString();
    EXPECT_EQ(dealCount(), 1);
    EXPECT_EQ(dealCount(alias), 2);
}

// What a check of the pipeline refuses, restore refuses in a
// backup, before anything is replaced.
TEST_F(Restore, RefusesABackupHoldingWhatCheckRefuses)
{
    struct Case
    {
        const char* name;
        QStringList statements;
        QString said;
    };
    const std::vector<Case> cases = {
        {"negotiation", {QStringLiteral("UPDATE deals SET stage = 'negotiation'")}, QStringLiteral("Negotiation")},
        {"entered",
         {QStringLiteral("UPDATE deals SET stage_entered_at = 'last spring'")},
         QStringLiteral("stage entered time 'last spring'")},
        {"huge",
         {QStringLiteral("UPDATE deals SET value_minor = 9223372036854775807")},
         QStringLiteral("value '9223372036854775807'")},
        {"lots", {QStringLiteral("UPDATE deals SET value_minor = 'lots'")}, QStringLiteral("value 'lots'")},
        {"fraction", {QStringLiteral("UPDATE deals SET value_minor = 1.5")}, QStringLiteral("value '1.5'")},
        {"currency",
         {QStringLiteral("UPDATE deals SET currency = '\u20ac\u20ac'")},
         QStringLiteral("currency '\u20ac\u20ac'")},
        {"setting",
         {QStringLiteral("INSERT INTO settings (key, value) VALUES ('colour', 'blue')")},
         QStringLiteral("colour")},
        {"untitled",
         {QStringLiteral("UPDATE deals SET title = ''")},
         QStringLiteral("is in Prospecting: the deal has no title")},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        const QString hostile = hostileCopy(QStringLiteral("%1.backup").arg(QLatin1String(c.name)), c.statements);
        const QString checked = m_dir.filePath(QStringLiteral("checked.dealboard"));
        ASSERT_TRUE(QFile::copy(hostile, checked));
        EXPECT_EQ(run({QStringLiteral("check")}, checked).exitCode, 2) << "check itself refuses it";
        for (const QString& file : {checked, checked + QStringLiteral("-wal"), checked + QStringLiteral("-shm")}) {
            QFile::remove(file);
        }
        expectRefused(
            hostile,
            {QStringLiteral("which a check of the pipeline refuses"), c.said, QStringLiteral("Choose another backup")});
    }
}

// A pipeline's name is matched as text when restore and the updates look
// for its files: *, ? and [ in it are not patterns.
TEST_F(Restore, PipelineNamesWithPatternCharactersMatchOnlyTheirOwnFiles)
{
    const QString older = hostileCopy(QStringLiteral("older.backup"),
                                      test::backBeforeUndo(false) << QStringLiteral("PRAGMA user_version = 6"));
    const QString unrelated = m_dir.filePath(QStringLiteral("pi-x-pe.dealboard.restoring.schema6-zzz.backup"));
    writeBytes(unrelated, "another pipeline's file");
    for (const QString& name : {QStringLiteral("pi*pe.dealboard"), QStringLiteral("Sales [EMEA].dealboard"),
                                QStringLiteral("pipe[1.dealboard"), QStringLiteral("what?.dealboard")}) {
        SCOPED_TRACE(name.toStdString());
        const QString place = m_dir.filePath(name);
        const CliRun restored = run({QStringLiteral("restore"), older}, place);
        EXPECT_EQ(restored.exitCode, 0) << restored.err.toStdString();
        EXPECT_FALSE(restored.err.contains(QStringLiteral("QRegularExpression"))) << restored.err.toStdString();
        EXPECT_EQ(dealCount(place), 1);
        QStringList left;
        for (const QString& file : QDir(m_dir.path()).entryList(QDir::Files)) {
            if (file.startsWith(name + QStringLiteral(".restoring"))) {
                left << file;
            }
        }
        EXPECT_TRUE(left.isEmpty()) << left.join(u' ').toStdString();
        EXPECT_TRUE(QFileInfo::exists(unrelated));
    }

    // An update keeps its own backup, whatever other pipelines' backups match
    // its name read as a pattern.
    QStringList apples;
    for (int i = 1; i <= 3; ++i) {
        apples << m_dir.filePath(QStringLiteral("apple.dealboard.schema6-2099-01-0%1-000000-000.backup").arg(i));
        writeBytes(apples.back(), "apple's backup");
    }
    const QString star = m_dir.filePath(QStringLiteral("a*.dealboard"));
    ASSERT_TRUE(QFile::copy(older, star));
    EXPECT_EQ(dealCount(star), 1);
    for (const QString& apple : apples) {
        EXPECT_TRUE(QFileInfo::exists(apple)) << apple.toStdString();
    }
    const QStringList own = QDir(m_dir.path()).entryList(QDir::Files).filter(QStringLiteral("a*.dealboard.schema6-"));
    EXPECT_EQ(own.size(), 1) << own.join(u' ').toStdString();
}
