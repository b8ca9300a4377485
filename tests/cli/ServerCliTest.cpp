// What only a server has: its address, its login, its schema versions,
// two clients at once, a connection lost mid-action, and copying a whole
// pipeline between a file and a server. These run in the PostgreSQL half.
#include "CliFixture.h"
#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/DealStore.h"

#include <QFile>
#include <QUrl>
#include <future>

namespace dealboard {

namespace {

class Server : public Cli
{
protected:
    void SetUp() override
    {
        if (!test::TestServer::inUse()) {
            GTEST_SKIP() << "runs in the PostgreSQL half of the suite";
        }
    }

    // A URL to a database that exists and is empty.
    QString emptyDatabase()
    {
        const QString name = test::TestServer::createDatabase();
        m_extra << name;
        return test::TestServer::urlOf(name);
    }
    void TearDown() override
    {
        for (const QString& name : std::as_const(m_extra)) {
            test::TestServer::dropDatabase(name);
        }
    }
    // How many tables the database at `url` holds.
    static int tableCount(const QString& url)
    {
        QString error;
        const QString name = QUrl(url).path().mid(1);
        // A table named after the count would be another program's; count through the catalog.
        int count = -1;
        const QString connection = QStringLiteral("count-%1").arg(name);
        {
            const QUrl admin(test::TestServer::adminUrl());
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
            db.setHostName(admin.host());
            db.setPort(admin.port());
            db.setUserName(admin.userName());
            db.setDatabaseName(name);
            if (db.open()) {
                QSqlQuery query(db);
                if (query.exec(QStringLiteral("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                    && query.next()) {
                    count = query.value(0).toInt();
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
        return count;
    }
    QString exports(const QString& pipeline)
    {
        QString all;
        for (const QStringList& command :
             {QStringList {QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--status"),
                           QStringLiteral("all"), QStringLiteral("--out"), QStringLiteral("-")},
              QStringList {QStringLiteral("export"), QStringLiteral("people"), QStringLiteral("--out"),
                           QStringLiteral("-")},
              QStringList {QStringLiteral("export"), QStringLiteral("organizations"), QStringLiteral("--out"),
                           QStringLiteral("-")},
              QStringList {QStringLiteral("export"), QStringLiteral("activities"), QStringLiteral("--out"),
                           QStringLiteral("-")},
              QStringList {QStringLiteral("export"), QStringLiteral("notes"), QStringLiteral("--out"),
                           QStringLiteral("-")},
              QStringList {QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("all"),
                           QStringLiteral("--format"), QStringLiteral("json")},
              QStringList {QStringLiteral("probability"), QStringLiteral("list"), QStringLiteral("--format"),
                           QStringLiteral("csv")},
              QStringList {QStringLiteral("quota"), QStringLiteral("list"), QStringLiteral("--format"),
                           QStringLiteral("csv")},
              QStringList {QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("json")}}) {
            const CliRun result = run(command, pipeline);
            EXPECT_EQ(result.exitCode, 0)
                << command.join(QLatin1Char(' ')).toStdString() << ": " << result.err.toStdString();
            all += QStringLiteral("== %1\n%2").arg(command.join(QLatin1Char(' ')), result.out);
        }
        return all;
    }

    QStringList m_extra;
};

} // namespace

TEST_F(Server, BadAddressesAndLoginsAreRefusedPlainlyAndCreateNothing)
{
    const QUrl admin(test::TestServer::adminUrl());
    const QString host = admin.host();
    const int port = admin.port();
    const QString user = admin.userName();
    struct Case
    {
        QString url;
        QString says;
    };
    const QString fresh = emptyDatabase();
    const std::vector<Case> cases = {
        {QStringLiteral("postgresql://%1:secret@%2:%3/x").arg(user, host).arg(port),
         QStringLiteral("holds a password")},
        {QStringLiteral("postgresql://%1@%2:%3/").arg(user, host).arg(port), QStringLiteral("names no database")},
        {QStringLiteral("postgresql://%1@%2:%3/x?sslmode=sometimes").arg(user, host).arg(port),
         QStringLiteral("sslmode must be one of")},
        {QStringLiteral("postgresql://%1@%2:%3/x?colour=blue").arg(user, host).arg(port),
         QStringLiteral("which DealBoard does not know")},
        {QStringLiteral("postgresql://%1@%2:%3/no_such_database").arg(user, host).arg(port),
         QStringLiteral("no_such_database")},
        {QStringLiteral("postgresql://nobody_here@%1:%2/%3").arg(host).arg(port).arg(QUrl(fresh).path().mid(1)),
         QStringLiteral("nobody_here")},
        // A port nothing listens on: refused at once, not waited for.
        {QStringLiteral("postgresql://%1@127.0.0.1:1/x").arg(user), QStringLiteral("Can't connect")},
        // A host that never answers: given up after the timeout, not waited for forever.
        {QStringLiteral("postgresql://%1@10.255.255.1/x?connect_timeout=2&sslmode=disable").arg(user),
         QStringLiteral("Can't connect to the pipeline on postgresql://%1@10.255.255.1/x").arg(user)},
    };
    for (const Case& c : cases) {
        const CliRun result = run({QStringLiteral("list")}, c.url);
        EXPECT_EQ(result.exitCode, 2) << c.url.toStdString() << ": " << result.err.toStdString();
        EXPECT_TRUE(result.err.contains(c.says)) << c.url.toStdString() << ": " << result.err.toStdString();
        EXPECT_FALSE(result.err.contains(QStringLiteral("secret")));
        EXPECT_FALSE(result.err.contains(QString::fromUtf8(qgetenv("PGPASSWORD"))));
    }
    // A wrong password: named as the way in, never shown.
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGPASSWORD"), QStringLiteral("not-the-password"));
        env.insert(QStringLiteral("HOME"), m_dir.path());
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(DEALBOARD_CLI_PATH), {QStringLiteral("--db"), db(), QStringLiteral("list")});
        ASSERT_TRUE(process.waitForFinished(60000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        EXPECT_EQ(process.exitCode(), 2) << err.toStdString();
        EXPECT_TRUE(err.contains(QStringLiteral("password authentication failed"))) << err.toStdString();
        EXPECT_FALSE(err.contains(QStringLiteral("not-the-password")));
    }
    // The same password through standard input works.
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QByteArray password = qgetenv("PGPASSWORD");
        env.remove(QStringLiteral("PGPASSWORD"));
        env.insert(QStringLiteral("HOME"), m_dir.path());
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(DEALBOARD_CLI_PATH),
                      {QStringLiteral("--db"), db(), QStringLiteral("--password-stdin"), QStringLiteral("list")});
        process.write(password + "\n");
        process.closeWriteChannel();
        ASSERT_TRUE(process.waitForFinished(60000));
        EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();
    }
    // Nothing was created in the empty database by any of it.
    EXPECT_EQ(tableCount(fresh), 0);
}

TEST_F(Server, AnEmptyDatabaseIsCreatedOnlyByInitAndAForeignOneIsLeftAlone)
{
    const QString fresh = emptyDatabase();
    const CliRun listed = run({QStringLiteral("list")}, fresh);
    EXPECT_EQ(listed.exitCode, 2);
    EXPECT_TRUE(listed.err.contains(QStringLiteral("holds no pipeline yet"))) << listed.err.toStdString();
    // The core says the step in the product's words; the CLI names its command.
    EXPECT_TRUE(listed.err.contains(QStringLiteral("Create one there first. `dealboard-cli --db ")))
        << listed.err.toStdString();
    EXPECT_TRUE(listed.err.contains(QStringLiteral(" init` creates it."))) << listed.err.toStdString();
    EXPECT_EQ(tableCount(fresh), 0);

    const QString foreign = emptyDatabase();
    test::runRawSql(foreign, {QStringLiteral("CREATE TABLE invoices (id int)")});
    for (const QString& command : {QStringLiteral("list"), QStringLiteral("init"), QStringLiteral("migrate")}) {
        const CliRun result = run({command}, foreign);
        EXPECT_EQ(result.exitCode, 2) << command.toStdString();
        EXPECT_TRUE(result.err.contains(QStringLiteral("invoices"))) << result.err.toStdString();
    }
    EXPECT_EQ(tableCount(foreign), 1);
}

TEST_F(Server, TwoClientsInitializingAtOnceCreateTheSchemaOnce)
{
    const QString fresh = emptyDatabase();
    auto init = [this, fresh] { return run({QStringLiteral("init")}, fresh); };
    std::future<CliRun> first = std::async(std::launch::async, init);
    std::future<CliRun> second = std::async(std::launch::async, init);
    const CliRun a = first.get();
    const CliRun b = second.get();
    EXPECT_EQ((a.exitCode == 0) + (b.exitCode == 0), 1) << a.err.toStdString() << b.err.toStdString();
    const CliRun& loser = a.exitCode == 0 ? b : a;
    EXPECT_TRUE(loser.err.contains(QStringLiteral("already holds a pipeline"))) << loser.err.toStdString();
    EXPECT_EQ(run({QStringLiteral("check")}, fresh).exitCode, 0);
    // And migrate on an up-to-date schema has nothing to do.
    const CliRun migrated = run({QStringLiteral("migrate")}, fresh);
    EXPECT_EQ(migrated.exitCode, 0) << migrated.err.toStdString();
    EXPECT_TRUE(migrated.out.contains(QStringLiteral("already at schema version %1").arg(DealStore::SchemaVersion)))
        << migrated.out.toStdString();
}

TEST_F(Server, AClientOlderOrNewerThanTheSchemaIsRefusedNamingBothVersions)
{
    add({QStringLiteral("--title"), QStringLiteral("Kept")});
    test::runRawSql(db(), {QStringLiteral("UPDATE schema_version SET version = %1").arg(DealStore::SchemaVersion + 1)});
    CliRun result = run({QStringLiteral("list")});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(QStringLiteral("schema version %1").arg(DealStore::SchemaVersion + 1)))
        << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(QStringLiteral("up to %1").arg(DealStore::SchemaVersion)))
        << result.err.toStdString();
    result = run({QStringLiteral("migrate")});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(QStringLiteral("newer"))) << result.err.toStdString();

    test::runRawSql(db(), {QStringLiteral("UPDATE schema_version SET version = 2")});
    result = run({QStringLiteral("list")});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(QStringLiteral("schema version 2"))) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(QStringLiteral("needs version %1").arg(DealStore::SchemaVersion)))
        << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(QStringLiteral("migrate"))) << result.err.toStdString();

    // Untouched: back at its version, the deal is there.
    test::runRawSql(db(), {QStringLiteral("UPDATE schema_version SET version = %1").arg(DealStore::SchemaVersion)});
    result = run({QStringLiteral("list")});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_TRUE(result.out.contains(QStringLiteral("Kept")));
}

// A server set up at schema 3 (before notes) is upgraded once by migrate,
// in one transaction, keeping every deal; then notes work.
TEST_F(Server, MigrateUpgradesAVersionThreeServerToNotes)
{
    const QString id = add({QStringLiteral("--title"), QStringLiteral("From version 3")});
    test::runRawSql(db(),
                    test::backToSchemaFour(true)
                        + QStringList {QStringLiteral("DROP TABLE notes"),
                                       QStringLiteral("UPDATE schema_version SET version = 3")});
    EXPECT_EQ(run({QStringLiteral("note"), QStringLiteral("list"), id}).exitCode, 2);
    const CliRun migrated = run({QStringLiteral("migrate")});
    ASSERT_EQ(migrated.exitCode, 0) << migrated.err.toStdString();
    EXPECT_TRUE(
        migrated.out.contains(QStringLiteral("upgraded from schema version 3 to %1").arg(DealStore::SchemaVersion)))
        << migrated.out.toStdString();
    const CliRun note = run({QStringLiteral("note"), QStringLiteral("add"), id, QStringLiteral("--text"),
                             QStringLiteral("Kept across the upgrade")});
    ASSERT_EQ(note.exitCode, 0) << note.err.toStdString();
    EXPECT_TRUE(run({QStringLiteral("note"), QStringLiteral("list"), id}).out.contains(QStringLiteral("Kept across")));
    EXPECT_TRUE(run({QStringLiteral("list")}).out.contains(QStringLiteral("From version 3")));
    const CliRun checked = run({QStringLiteral("check")});
    EXPECT_EQ(checked.exitCode, 0) << checked.out.toStdString() << checked.err.toStdString();
}

TEST_F(Server, BackupAndRestoreOfAFileSayHowAServerIsBackedUp)
{
    add({QStringLiteral("--title"), QStringLiteral("Safe")});
    const CliRun backup = run({QStringLiteral("backup"), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("b"))});
    EXPECT_EQ(backup.exitCode, 2);
    EXPECT_TRUE(backup.err.contains(QStringLiteral("pg_dump"))) << backup.err.toStdString();
    EXPECT_TRUE(backup.err.contains(QStringLiteral("copy --from"))) << backup.err.toStdString();
    const CliRun restore = run({QStringLiteral("restore"), m_dir.filePath(QStringLiteral("b"))});
    EXPECT_EQ(restore.exitCode, 2);
    EXPECT_TRUE(restore.err.contains(QStringLiteral("pg_restore"))) << restore.err.toStdString();
    EXPECT_TRUE(run({QStringLiteral("list")}).out.contains(QStringLiteral("Safe")));
}

TEST_F(Server, AStaleEditFromASecondClientIsRefused)
{
    const QString id = add({QStringLiteral("--title"), QStringLiteral("Shared")});
    // Two boards read version 1; the first saves, the second is stale.
    const CliRun first = run({QStringLiteral("edit"), id, QStringLiteral("--owner"), QStringLiteral("ana"),
                              QStringLiteral("--expect-version"), QStringLiteral("1")});
    ASSERT_EQ(first.exitCode, 0) << first.err.toStdString();
    const CliRun second = run({QStringLiteral("edit"), id, QStringLiteral("--owner"), QStringLiteral("ben"),
                               QStringLiteral("--expect-version"), QStringLiteral("1")});
    EXPECT_EQ(second.exitCode, 2);
    EXPECT_TRUE(second.err.contains(QStringLiteral("version"))) << second.err.toStdString();
    EXPECT_EQ(show(id).value(QStringLiteral("owner")).toString(), QStringLiteral("ana"));
}

// Another client writing the same deal for a while (an import): an action
// waits for its row, and then succeeds; writers of other deals never wait.
TEST_F(Server, AWriterWaitsForAnotherOfTheSameDealAndThenSucceeds)
{
    const QString id = add({QStringLiteral("--title"), QStringLiteral("Busy")});
    const QString name = QStringLiteral("long-writer");
    {
        const QUrl url(db());
        QSqlDatabase writer = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        writer.setHostName(url.host());
        writer.setPort(url.port());
        writer.setUserName(url.userName());
        writer.setDatabaseName(url.path().mid(1));
        ASSERT_TRUE(writer.open()) << writer.lastError().text().toStdString();
        QSqlQuery query(writer);
        ASSERT_TRUE(query.exec(QStringLiteral("BEGIN")));
        ASSERT_TRUE(query.exec(QStringLiteral("UPDATE deals SET owner = 'importer' WHERE id = %1").arg(id)));
        const QString other = add({QStringLiteral("--title"), QStringLiteral("Elsewhere")});
        EXPECT_EQ(run({QStringLiteral("edit"), other, QStringLiteral("--value"), QStringLiteral("10")}).exitCode, 0);

        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(DEALBOARD_CLI_PATH),
                  {QStringLiteral("--db"), db(), QStringLiteral("edit"), id, QStringLiteral("--title"),
                   QStringLiteral("Renamed")});
        ASSERT_TRUE(cli.waitForStarted());
        // Still waiting after a while.
        EXPECT_FALSE(cli.waitForFinished(1500));
        ASSERT_TRUE(query.exec(QStringLiteral("COMMIT")));
        ASSERT_TRUE(cli.waitForFinished(30000));
        EXPECT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
        writer.close();
    }
    QSqlDatabase::removeDatabase(name);
    const QJsonObject deal = show(id);
    EXPECT_EQ(deal.value(QStringLiteral("title")).toString(), QStringLiteral("Renamed"));
    EXPECT_EQ(deal.value(QStringLiteral("owner")).toString(), QStringLiteral("importer"));
}

TEST_F(Server, AConnectionLostMidActionSaysSoAndLeavesNothingHalfWritten)
{
    const QString id = add({QStringLiteral("--title"), QStringLiteral("Cut off")});
    // The server ends the session in the middle of the move, after the deal's
    // row was written and before its history is.
    test::runRawSql(db(),
                    {QStringLiteral("CREATE FUNCTION cut_off() RETURNS trigger LANGUAGE plpgsql AS "
                                    "$$BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END$$"),
                     QStringLiteral("CREATE TRIGGER cut_off BEFORE INSERT ON stage_history FOR EACH ROW "
                                    "EXECUTE FUNCTION cut_off()")});
    const CliRun moved = run({QStringLiteral("qualify"), id, QStringLiteral("--willing"), QStringLiteral("yes")});
    EXPECT_EQ(moved.exitCode, 0) << moved.err.toStdString(); // no history row: not cut off
    const CliRun cut = run({QStringLiteral("move"), id, QStringLiteral("qualifying")});
    EXPECT_EQ(cut.exitCode, 2) << cut.err.toStdString();
    EXPECT_TRUE(cut.err.contains(QStringLiteral("connection to the server was lost"))) << cut.err.toStdString();
    EXPECT_TRUE(cut.err.contains(QStringLiteral("nothing was saved"))) << cut.err.toStdString();
    test::runRawSql(db(), {QStringLiteral("DROP TRIGGER cut_off ON stage_history")});
    const QJsonObject deal = show(id);
    EXPECT_EQ(deal.value(QStringLiteral("stage")).toString(), QStringLiteral("prospecting"));
    EXPECT_EQ(deal.value(QStringLiteral("version")).toInt(), 2);
}

// A board stays open all day: when the server ends its session (a restart,
// an administrator), the next action connects again and is done.
TEST_F(Server, AnOpenPipelineConnectsAgainAfterTheServerEndedItsSession)
{
    test::TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Long day"), Stage::Prospecting, test::TestDatabase::qualified());
    const QString name = QUrl(db.path()).path().mid(1);
    test::runRawSql(test::TestServer::adminUrl(),
                    {QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%1' "
                                    "AND pid <> pg_backend_pid()")
                         .arg(name)});
    Result<MoveOutcome> moved = db.service().deals().move(deal.id, Stage::Contacting);
    ASSERT_TRUE(moved.ok()) << moved.error().message.toStdString();
    EXPECT_EQ(db.service().deals().get(deal.id).value().stage, Stage::Contacting);
    // And what it reads afterwards is there.
    EXPECT_EQ(db.service().deals().list().value().size(), 1u);
}

TEST_F(Server, CopyUpAndBackKeepsEveryRowIdAndExportByteForByte)
{
    // A seeded file with every kind of record, and a deleted deal, so that
    // the id sequences differ from the highest ids.
    const QString file = m_dir.filePath(QStringLiteral("seeded.dealboard"));
    ASSERT_EQ(run({QStringLiteral("seed"), QStringLiteral("--deals"), QStringLiteral("300")}, file).exitCode, 0);
    const CliRun last = run({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Deleted deal")}, file);
    ASSERT_EQ(run({QStringLiteral("delete"), last.out.trimmed()}, file).exitCode, 0);
    for (const char* text : {"First call:\nback\\slash and\ttab", "Second note, =formula"}) {
        ASSERT_EQ(run({QStringLiteral("note"), QStringLiteral("add"), QStringLiteral("7"), QStringLiteral("--text"),
                       QString::fromUtf8(text)},
                      file)
                      .exitCode,
                  0);
    }
    ASSERT_EQ(run({QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"),
                   QStringLiteral("Ünïcode \\ back‘slash’ – \u00e9")},
                  file)
                  .exitCode,
              0);
    // The manager's desk comes along: a stage's probability, a deal's own, quotas.
    for (const QStringList& desk :
         {QStringList {QStringLiteral("probability"), QStringLiteral("set"), QStringLiteral("closing"),
                       QStringLiteral("0.7")},
          QStringList {QStringLiteral("edit"), QStringLiteral("8"), QStringLiteral("--probability"),
                       QStringLiteral("0.15")},
          QStringList {QStringLiteral("quota"), QStringLiteral("set"), QStringLiteral("Grace Kim"),
                       QStringLiteral("2026-12"), QStringLiteral("40000.50"), QStringLiteral("EUR")}}) {
        const CliRun done = run(desk, file);
        ASSERT_EQ(done.exitCode, 0) << desk.join(QLatin1Char(' ')).toStdString() << ": " << done.err.toStdString();
    }

    const QString server = emptyDatabase();
    // --db, when given, must name one of the two.
    const CliRun unrelated
        = run({QStringLiteral("copy"), QStringLiteral("--from"), file, QStringLiteral("--to"), server});
    EXPECT_EQ(unrelated.exitCode, 1) << unrelated.err.toStdString();
    const CliRun up
        = run({QStringLiteral("copy"), QStringLiteral("--from"), file, QStringLiteral("--to"), server}, server);
    ASSERT_EQ(up.exitCode, 0) << up.err.toStdString();
    EXPECT_TRUE(up.out.contains(QStringLiteral("Copied 300 deal(s)"))) << up.out.toStdString();
    EXPECT_EQ(run({QStringLiteral("check")}, server).exitCode, 0);
    EXPECT_EQ(exports(server), exports(file));

    // The next deal gets the same id on both: the sequences came along.
    const CliRun onFile = run({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Next")}, file);
    const CliRun onServer = run({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Next")}, server);
    EXPECT_EQ(onFile.out, onServer.out);
    EXPECT_EQ(onServer.out.trimmed(), QString::number(last.out.trimmed().toInt() + 1));

    // A second copy into a pipeline with rows is refused, and changes nothing.
    const CliRun again
        = run({QStringLiteral("copy"), QStringLiteral("--from"), file, QStringLiteral("--to"), server}, file);
    EXPECT_EQ(again.exitCode, 2);
    EXPECT_TRUE(again.err.contains(QStringLiteral("already holds"))) << again.err.toStdString();
    EXPECT_EQ(exports(server), exports(file));

    // And back down into a new file.
    const QString back = m_dir.filePath(QStringLiteral("back.dealboard"));
    const CliRun down
        = run({QStringLiteral("copy"), QStringLiteral("--from"), server, QStringLiteral("--to"), back}, back);
    ASSERT_EQ(down.exitCode, 0) << down.err.toStdString();
    EXPECT_EQ(run({QStringLiteral("check")}, back).exitCode, 0);
    EXPECT_EQ(exports(back), exports(server));
    const CliRun nextBack = run({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("After")}, back);
    const CliRun nextServer = run({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("After")}, server);
    EXPECT_EQ(nextBack.out, nextServer.out);

    // A copy that fails leaves no new file behind.
    const QString failed = m_dir.filePath(QStringLiteral("failed.dealboard"));
    const CliRun refused
        = run({QStringLiteral("copy"), QStringLiteral("--from"),
               test::TestServer::urlOf(QStringLiteral("no_such_database")), QStringLiteral("--to"), failed},
              failed);
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_FALSE(QFile::exists(failed));
}

} // namespace dealboard
