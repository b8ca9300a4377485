// The store on real SQLite files: round trips, migrations, refusals.
#include "dealboard/DealStore.h"

#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/Pipeline.h"
#include "dealboard/PipelineBackup.h"
#include "dealboard/StoredTime.h"
#include "dealboard/service/PipelineOpener.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <sqlite3.h>

using namespace dealboard;
using namespace dealboard::test;

TEST(DealStore, NewDatabaseIsOwnerOnlyAndAtCurrentSchema)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new.dealboard"));
    {
        Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(path);
        ASSERT_TRUE(store.ok()) << store.error().message.toStdString();
    }
    EXPECT_EQ(
        QFileInfo(path).permissions()
            & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
        QFileDevice::Permissions());
    QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe")).setDatabaseName(path);
    {
        QSqlDatabase db = QSqlDatabase::database(QStringLiteral("probe"));
        ASSERT_TRUE(db.open());
        QSqlQuery query(db);
        ASSERT_TRUE(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
        EXPECT_EQ(query.value(0).toInt(), DealStore::SchemaVersion);
        ASSERT_TRUE(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
        EXPECT_EQ(query.value(0).toString(), QStringLiteral("wal"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
}

TEST(DealStore, RoundTripsEveryField)
{
    TestDatabase db;
    Deal deal;
    deal.title = QStringLiteral("Zürich \"office\", phase 2");
    deal.company = QStringLiteral("Globex");
    deal.contactName = QStringLiteral("Hank Scorpio");
    deal.email = QStringLiteral("hank@globex.example");
    deal.phone = QStringLiteral("+1 555 0100");
    deal.owner = QStringLiteral("Alice");
    deal.stage = Stage::Negotiation;
    deal.status = DealStatus::Open;
    deal.value = {987654321, QStringLiteral("CHF")};
    deal.expectedClose = QDate(2026, 7, 1);
    deal.qualification = {true, false, true};
    deal.lostReason = QStringLiteral("");
    deal.createdAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
    deal.updatedAt = deal.createdAt.addSecs(60);
    deal.stageEnteredAt = deal.createdAt.addSecs(30);
    {
        Result<WriteTransaction> transaction = db.store().beginWrite();
        ASSERT_TRUE(transaction.ok());
        ASSERT_TRUE(db.store().deals().insert(deal).ok());
        ASSERT_TRUE(transaction.value().commit().ok());
    }
    db.reopen();
    Result<std::optional<Deal>> read = db.store().deals().find(deal.id);
    ASSERT_TRUE(read.ok() && read.value().has_value());
    const Deal& back = *read.value();
    EXPECT_EQ(back.title, deal.title);
    EXPECT_EQ(back.company, deal.company);
    EXPECT_EQ(back.contactName, deal.contactName);
    EXPECT_EQ(back.email, deal.email);
    EXPECT_EQ(back.phone, deal.phone);
    EXPECT_EQ(back.owner, deal.owner);
    EXPECT_EQ(back.stage, deal.stage);
    EXPECT_EQ(back.status, deal.status);
    EXPECT_EQ(back.value, deal.value);
    EXPECT_EQ(back.expectedClose, deal.expectedClose);
    EXPECT_EQ(back.qualification, deal.qualification);
    EXPECT_EQ(back.createdAt, deal.createdAt);
    EXPECT_EQ(back.updatedAt, deal.updatedAt);
    EXPECT_EQ(back.stageEnteredAt, deal.stageEnteredAt);
    EXPECT_EQ(back.version, 1);
}

TEST(DealStore, UncommittedTransactionLeavesNothing)
{
    TestDatabase db;
    {
        Result<WriteTransaction> transaction = db.store().beginWrite();
        ASSERT_TRUE(transaction.ok());
        Deal deal;
        deal.title = QStringLiteral("Never saved");
        deal.createdAt = deal.updatedAt = deal.stageEnteredAt = db.clock().nowUtc();
        ASSERT_TRUE(db.store().deals().insert(deal).ok());
    } // rolled back here
    EXPECT_TRUE(db.store().deals().list().value().empty());
}

TEST(DealStore, StaleUpdateIsRefused)
{
    TestDatabase db;
    Deal deal = db.create(QStringLiteral("Acme"));
    Deal stale = deal;
    {
        Result<WriteTransaction> transaction = db.store().beginWrite();
        deal.company = QStringLiteral("first writer");
        ASSERT_TRUE(db.store().deals().update(deal).ok());
        EXPECT_EQ(deal.version, 2);
        stale.company = QStringLiteral("second writer");
        const Result<void> refused = db.store().deals().update(stale);
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error().code, ErrorCode::StaleVersion);
        ASSERT_TRUE(transaction.value().commit().ok());
    }
    EXPECT_EQ(db.store().deals().find(deal.id).value()->company, QStringLiteral("first writer"));
}

TEST(DealStore, RefusesMissingFolder)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no/such/folder/pipeline.dealboard"));
    Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(path);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, ErrorCode::InvalidInput);
    EXPECT_TRUE(store.error().message.contains(QStringLiteral("does not exist")));
    EXPECT_FALSE(QFile::exists(path));
}

TEST(DealStore, RefusesAFileThatIsNotSqliteAndLeavesItUntouched)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.txt"));
    QByteArray content;
    for (int i = 0; i < 200; ++i) {
        content += "These are my meeting notes, not a database.\n";
    }
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(path);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, ErrorCode::NotADatabase);
    EXPECT_TRUE(store.error().message.contains(QStringLiteral("not a DealBoard database")));
    EXPECT_EQ(fileBytes(path), content);
    EXPECT_FALSE(QFile::exists(path + QStringLiteral("-wal")));
}

TEST(DealStore, RefusesAnotherProgramsSqliteFile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("other.sqlite"));
    runRawSql(
        path,
        {QStringLiteral("CREATE TABLE recipes (name TEXT)"), QStringLiteral("INSERT INTO recipes VALUES ('soup')")});
    const QByteArray before = fileBytes(path);
    Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(path);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, ErrorCode::NotADatabase);
    EXPECT_TRUE(store.error().message.contains(QStringLiteral("another program")));
    EXPECT_EQ(fileBytes(path), before);
}

TEST(DealStore, RefusesADatabaseFromANewerVersionAndLeavesItUntouched)
{
    DEALBOARD_FILE_ONLY("PRAGMA user_version; a server's version is tested in ServerTest");
    TestDatabase db;
    db.create(QStringLiteral("Kept deal"));
    db.close();
    runRawSql(db.path(), {QStringLiteral("PRAGMA user_version = 99")});
    const QByteArray before = fileBytes(db.path());
    Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(db.path());
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, ErrorCode::NewerSchema);
    EXPECT_TRUE(store.error().message.contains(QStringLiteral("newer DealBoard")));
    EXPECT_TRUE(store.error().message.contains(QStringLiteral("99")));
    EXPECT_EQ(fileBytes(db.path()), before);
}

TEST(DealStore, MigratesAnEmptyFileCreatedElsewhere)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.dealboard"));
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    }
    Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(path);
    ASSERT_TRUE(store.ok()) << store.error().message.toStdString();
    EXPECT_TRUE(store.value()->deals().list().value().empty());
}

TEST(DealStore, ReopeningKeepsDataAndDoesNotMigrateAgain)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Survives reopening"));
    db.reopen();
    db.reopen();
    const std::vector<Deal> deals = db.store().deals().list().value();
    ASSERT_EQ(deals.size(), 1u);
    EXPECT_EQ(deals.front().title, deal.title);
}

TEST(DealStore, FiltersByStageOwnerAndStatus)
{
    TestDatabase db;
    DealFields alice;
    alice.owner = QStringLiteral("Alice");
    db.create(QStringLiteral("A1"), Stage::Prospecting, alice);
    db.create(QStringLiteral("A2"), Stage::Qualifying, alice);
    const Deal b = db.create(QStringLiteral("B1"), Stage::Qualifying);
    ASSERT_TRUE(db.service().deals().lose(b.id, QStringLiteral("went silent")).ok());

    DealFilter byStage;
    byStage.stage = Stage::Qualifying;
    EXPECT_EQ(db.store().deals().list(byStage).value().size(), 2u);
    DealFilter byOwner;
    byOwner.owner = QStringLiteral("Alice");
    EXPECT_EQ(db.store().deals().list(byOwner).value().size(), 2u);
    DealFilter lost;
    lost.statuses = {DealStatus::Lost};
    ASSERT_EQ(db.store().deals().list(lost).value().size(), 1u);
    EXPECT_EQ(db.store().deals().list(lost).value().front().title, QStringLiteral("B1"));
    EXPECT_EQ(db.store().deals().owners().value(), QStringList {QStringLiteral("Alice")});
}

TEST(DealStore, DataVersionChangesWhenAnotherConnectionCommits)
{
    TestDatabase db;
    const qint64 before = db.store().dataVersion().value();
    Result<std::unique_ptr<DealStore>> other = PipelineOpener::openStore(db.path());
    ASSERT_TRUE(other.ok());
    Pipeline otherService(std::move(other.value()), std::make_shared<SystemClock>());
    ASSERT_TRUE(otherService.deals().create(DealFields::withTitle(QStringLiteral("From elsewhere"))).ok());
    EXPECT_NE(db.store().dataVersion().value(), before);
}

namespace {

// The schema as version 2 of DealBoard wrote it (and version 1, without the
// goals table), with deals that carry their company and contact as text.
QStringList versionTwoDatabase(bool withGoals)
{
    QStringList sql = {
        QStringLiteral("CREATE TABLE deals (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL,"
                       " company TEXT NOT NULL DEFAULT '', contact_name TEXT NOT NULL DEFAULT '',"
                       " email TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',"
                       " owner TEXT NOT NULL DEFAULT '',"
                       " stage TEXT NOT NULL CHECK (stage IN ('prospecting','qualifying','contacting',"
                       "'relationship','negotiation','closing','retention')),"
                       " status TEXT NOT NULL CHECK (status IN ('open','won','lost')),"
                       " value_minor INTEGER NOT NULL DEFAULT 0 CHECK (value_minor >= 0),"
                       " currency TEXT NOT NULL DEFAULT 'EUR', expected_close TEXT,"
                       " willing INTEGER NOT NULL DEFAULT 0, need INTEGER NOT NULL DEFAULT 0,"
                       " budget INTEGER NOT NULL DEFAULT 0, lost_reason TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL, updated_at TEXT NOT NULL, stage_entered_at TEXT NOT NULL,"
                       " version INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("CREATE TABLE stage_history (id INTEGER PRIMARY KEY,"
                       " deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE, from_stage TEXT,"
                       " to_stage TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL, at TEXT NOT NULL,"
                       " actor TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX deals_by_stage ON deals (stage, status)"),
        QStringLiteral("CREATE INDEX deals_by_owner ON deals (owner)"),
        QStringLiteral("CREATE INDEX deals_by_created ON deals (created_at)"),
        QStringLiteral("CREATE INDEX history_by_deal ON stage_history (deal_id, id)"),
        QStringLiteral("CREATE INDEX history_by_stage ON stage_history (to_stage, deal_id)"),
    };
    if (withGoals) {
        sql << QStringLiteral("CREATE TABLE stage_goals (stage TEXT PRIMARY KEY, target_conversion_bp INTEGER,"
                              " target_median_days INTEGER)");
    }
    const char* deals[][5] = {
        // title, company, contact, email, phone
        {"Acme rollout", "Acme", "Anna Schmidt", "anna@acme.example", "+49 1"},
        {"Acme renewal", "ACME", "Anna Schmidt-Meyer", "Anna@Acme.example", "+49 2"},
        {"Acme audit", "Acme", "", "", ""},
        {"Globex pilot", "Globex", "Hank Scorpio", "", "+1 555"},
        {"Globex phase 2", "Globex", "Hank Scorpio", "", ""},
        {"Walk-in", "", "", "", "+33 600"},
        {"Nobody", "", "", "", ""},
    };
    int id = 1;
    for (const auto& deal : deals) {
        sql << QStringLiteral("INSERT INTO deals (id, title, company, contact_name, email, phone, stage, status, "
                              "created_at, updated_at, stage_entered_at) VALUES (%1, '%2', '%3', '%4', '%5', '%6', "
                              "'prospecting', 'open', '2026-01-0%1T10:00:00.000Z', '2026-01-0%1T10:00:00.000Z', "
                              "'2026-01-0%1T10:00:00.000Z')")
                   .arg(id)
                   .arg(QLatin1String(deal[0]), QLatin1String(deal[1]), QLatin1String(deal[2]), QLatin1String(deal[3]),
                        QLatin1String(deal[4]));
        sql << QStringLiteral("INSERT INTO stage_history (deal_id, to_stage, to_status, at) VALUES (%1, "
                              "'prospecting', 'open', '2026-01-0%1T10:00:00.000Z')")
                   .arg(id);
        ++id;
    }
    sql << QStringLiteral("PRAGMA user_version = %1").arg(withGoals ? 2 : 1);
    return sql;
}

} // namespace

TEST(DealStore, MigratesAVersionOneDatabaseKeepingEveryDeal)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.dealboard"));
    runRawSql(path, versionTwoDatabase(false));
    Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(path);
    ASSERT_TRUE(store.ok()) << store.error().message.toStdString();
    Pipeline service(std::move(store.value()), std::make_shared<SystemClock>());
    EXPECT_EQ(service.deals().get(1).value().title, QStringLiteral("Acme rollout"));
    EXPECT_EQ(service.deals().history(1).value().size(), 1u);
    StageGoal goal;
    goal.targetMedianDays = 9;
    EXPECT_TRUE(service.reports().setStageGoal(Stage::Contacting, goal).ok());
}

TEST(DealStore, MigratesCompanyAndContactFieldsIntoRecordsMergingExactDuplicates)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.dealboard"));
    runRawSql(path, versionTwoDatabase(true));
    Result<std::unique_ptr<DealStore>> opened = PipelineOpener::openStore(path);
    ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
    DealStore& store = *opened.value();

    // Organizations: "Acme" and "ACME" are one; Globex is another.
    const std::vector<Organization> organizations = store.contacts().organizations().value();
    ASSERT_EQ(organizations.size(), 2u);
    EXPECT_EQ(organizations[0].name, QStringLiteral("Acme"));
    EXPECT_TRUE(organizations[0].notes.contains(QStringLiteral("ACME"))) << organizations[0].notes.toStdString();
    EXPECT_EQ(organizations[1].name, QStringLiteral("Globex"));

    // People: one per email (case aside), one per name at an organization without
    // email, one for a bare phone number; the second name and phone are kept.
    const std::vector<Person> people = store.contacts().people().value();
    ASSERT_EQ(people.size(), 3u);
    const Person anna = store.contacts().findPersonByEmail(QStringLiteral("anna@acme.example")).value().value();
    EXPECT_EQ(anna.name, QStringLiteral("Anna Schmidt"));
    EXPECT_EQ(anna.phone, QStringLiteral("+49 1"));
    EXPECT_EQ(anna.organizationName, QStringLiteral("Acme"));
    EXPECT_TRUE(anna.notes.contains(QStringLiteral("Anna Schmidt-Meyer"))) << anna.notes.toStdString();
    EXPECT_TRUE(anna.notes.contains(QStringLiteral("+49 2"))) << anna.notes.toStdString();
    EXPECT_TRUE(anna.notes.contains(QStringLiteral("Anna@Acme.example"))) << anna.notes.toStdString();

    // Every deal keeps its company and contact, now read through the records.
    const std::vector<Deal> deals = store.deals().list().value();
    ASSERT_EQ(deals.size(), 7u);
    EXPECT_EQ(deals[0].company, QStringLiteral("Acme"));
    EXPECT_EQ(deals[0].email, QStringLiteral("anna@acme.example"));
    EXPECT_EQ(deals[1].organizationId, deals[0].organizationId);
    EXPECT_EQ(deals[1].personId, deals[0].personId);
    EXPECT_EQ(deals[2].company, QStringLiteral("Acme"));
    EXPECT_EQ(deals[2].personId, 0);
    EXPECT_EQ(deals[3].contactName, QStringLiteral("Hank Scorpio"));
    EXPECT_EQ(deals[3].phone, QStringLiteral("+1 555"));
    EXPECT_EQ(deals[4].personId, deals[3].personId);
    EXPECT_EQ(deals[5].phone, QStringLiteral("+33 600"));
    EXPECT_EQ(deals[5].organizationId, 0);
    EXPECT_EQ(deals[6].personId, 0);
    EXPECT_EQ(deals[6].organizationId, 0);
    EXPECT_EQ(store.deals().history(2).value().size(), 1u);
    EXPECT_TRUE(store.integrityProblems().value().isEmpty());
}

TEST(StoredTime, MillisecondsWithoutQDateTimeAgreeWithQt)
{
    for (const char16_t* text : {u"1970-01-01T00:00:00.000Z", u"2026-02-28T23:59:59.999Z", u"2024-02-29T12:00:00.001Z",
                                 u"2000-03-01T00:00:00.000Z", u"1999-12-31T23:59:59.500Z"}) {
        EXPECT_EQ(storedTimeToMs(text), fromStoredTime(text).toMSecsSinceEpoch())
            << QString::fromUtf16(text).toStdString();
    }
}

// Before a migration changes a file, a backup of it as it was lies beside it:
// owner-only, named with the old schema version, the last few kept.
TEST(DealStore, MigrationWritesABackupFirstAndKeepsTheLastFew)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.dealboard"));
    for (int round = 0; round < PipelineBackup::Kept + 2; ++round) {
        QFile::remove(path);
        runRawSql(path, versionTwoDatabase(true));
        Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(path);
        ASSERT_TRUE(store.ok()) << store.error().message.toStdString();
    }
    const QStringList backups = PipelineBackup::automaticBackups(path);
    ASSERT_EQ(backups.size(), PipelineBackup::Kept);
    for (const QString& backup : backups) {
        EXPECT_TRUE(QFileInfo(backup).fileName().startsWith(QStringLiteral("old.dealboard.schema2-")))
            << backup.toStdString();
        EXPECT_EQ(QFileInfo(backup).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), 0);
    }
    // The backup is the old file: schema 2, the deal in it, openable (and
    // migrated in turn when opened).
    QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("backup-look"));
    {
        raw.setDatabaseName(backups.front());
        ASSERT_TRUE(raw.open());
        QSqlQuery query(raw);
        ASSERT_TRUE(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
        EXPECT_EQ(query.value(0).toInt(), 2);
        ASSERT_TRUE(query.exec(QStringLiteral("SELECT title FROM deals WHERE id = 1")) && query.next());
        EXPECT_EQ(query.value(0).toString(), QStringLiteral("Acme rollout"));
        raw.close();
    }
    raw = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("backup-look"));
    // A current file is not backed up on open.
    Result<std::unique_ptr<DealStore>> again = PipelineOpener::openStore(path);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(PipelineBackup::automaticBackups(path), backups);
}

// A writer killed in the middle of a checkpoint leaves the main file torn:
// sound only together with the -wal beside it. Such a pipeline opens whole;
// it is not refused as damaged on the look at its main file alone.
TEST(DealStore, MainFileTornByAnInterruptedCheckpointOpensWithItsWal)
{
    DEALBOARD_FILE_ONLY("a file's -wal beside it");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pipeline.dealboard"));
    {
        TestDatabase seeded;
        for (int i = 0; i < 30; ++i) {
            seeded.create(QStringLiteral("Deal %1").arg(i));
        }
        seeded.close();
        ASSERT_TRUE(QFile::copy(seeded.path(), path));
    }
    // Every page rewritten into the WAL (VACUUM), which the last connection
    // leaves there instead of checkpointing it.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(QFile::encodeName(path).constData(), &raw), SQLITE_OK);
    ASSERT_EQ(
        sqlite3_exec(raw, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; VACUUM;", nullptr, nullptr, nullptr),
        SQLITE_OK)
        << sqlite3_errmsg(raw);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    sqlite3_close(raw);
    ASSERT_GT(QFileInfo(path + QStringLiteral("-wal")).size(), 0);
    // The main file half overwritten, as a checkpoint cut short leaves it
    // (its first 100 bytes, the header, stay).
    QFile main(path);
    ASSERT_TRUE(main.open(QIODevice::ReadWrite));
    const qint64 size = main.size();
    ASSERT_TRUE(main.seek(100));
    ASSERT_EQ(main.write(QByteArray(static_cast<int>(size / 2), '\xff')), size / 2);
    main.close();

    Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(path);
    ASSERT_TRUE(store.ok()) << store.error().message.toStdString();
    EXPECT_EQ(store.value()->deals().list().value().size(), 30u);
    EXPECT_TRUE(store.value()->integrityProblems().value().isEmpty());
    EXPECT_TRUE(store.value()->dataFaults().isEmpty());
}
