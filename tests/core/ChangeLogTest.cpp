// The change log: one entry per committed change, naming who, when and what
// (with the fields' old and new values), none for a refused action or an edit
// that changes nothing; read by deal, time and newest; carried whole by a
// copy; gained by a version-5 file when opened. On a file and a server; the
// server's rights on it are in TeamCliTest, its notifications in LiveTest.
#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/DealStore.h"
#include "dealboard/PipelineBackup.h"
#include "dealboard/service/PipelineOpener.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <algorithm>
#include <functional>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

std::vector<ChangeEntry> changesAfter(Pipeline& pipeline, qint64 after)
{
    ChangeQuery query;
    query.afterId = after;
    Result<std::vector<ChangeEntry>> read = pipeline.reads().changes(query);
    EXPECT_TRUE(read.ok()) << (read ? "" : read.error().message.toStdString());
    return read ? read.value() : std::vector<ChangeEntry> {};
}

qint64 lastChange(Pipeline& pipeline)
{
    Result<qint64> last = pipeline.reads().lastChange();
    EXPECT_TRUE(last.ok());
    return last ? last.value() : -1;
}

QJsonObject changesOf(const ChangeEntry& entry)
{
    return QJsonDocument::fromJson(entry.changes).object();
}

// Who the log names: the login on a server, the actor given on a file.
QString expectedActor(const TestDatabase& db)
{
    return db.onServer() ? QUrl(db.path()).userName() : QStringLiteral("tester");
}

} // namespace

TEST(ChangeLog, EachActionLeavesOneEntryNamingWhoWhatAndTheFieldsOldAndNewValues)
{
    TestDatabase db;
    Pipeline& pipeline = db.service();
    ASSERT_TRUE(pipeline.setActor(QStringLiteral("tester")).ok());
    EXPECT_EQ(lastChange(pipeline), 0);

    DealFields fields;
    fields.valueMinor = 100000;
    fields.currency = QStringLiteral("EUR");
    const Deal deal = db.create(QStringLiteral("Acme renewal"), Stage::Prospecting, fields);
    std::vector<ChangeEntry> entries = changesAfter(pipeline, 0);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].table, QStringLiteral("deals"));
    EXPECT_EQ(entries[0].action, QStringLiteral("insert"));
    EXPECT_EQ(entries[0].row, QString::number(deal.id));
    EXPECT_EQ(entries[0].deal, std::optional<DealId>(deal.id));
    EXPECT_EQ(entries[0].actor, expectedActor(db));
    EXPECT_TRUE(entries[0].at.isValid());
    EXPECT_EQ(changesOf(entries[0]).value(QStringLiteral("title")).toString(), QStringLiteral("Acme renewal"));
    EXPECT_EQ(changesOf(entries[0]).value(QStringLiteral("value_minor")).toInteger(), 100000);
    // Nulls are left out of a whole row.
    EXPECT_FALSE(changesOf(entries[0]).contains(QStringLiteral("expected_close")));
    const qint64 afterCreate = lastChange(pipeline);

    // An edit: the changed fields only, each [old, new]; not the version.
    DealFields edit;
    edit.valueMinor = 250000;
    edit.owner = QStringLiteral("bob");
    ASSERT_TRUE(pipeline.deals().edit(deal.id, edit).ok());
    entries = changesAfter(pipeline, afterCreate);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].action, QStringLiteral("update"));
    EXPECT_GT(entries[0].id, afterCreate);
    const QJsonObject changed = changesOf(entries[0]);
    EXPECT_EQ(changed.keys(), (QStringList {QStringLiteral("owner"), QStringLiteral("value_minor")}))
        << entries[0].changes.toStdString();
    EXPECT_EQ(changed.value(QStringLiteral("value_minor")).toArray(), (QJsonArray {100000, 250000}));
    EXPECT_EQ(changed.value(QStringLiteral("owner")).toArray(), (QJsonArray {QString(), QStringLiteral("bob")}));
    const qint64 afterEdit = lastChange(pipeline);

    // The same values again change nothing, and say nothing.
    ASSERT_TRUE(pipeline.deals().edit(deal.id, edit).ok());
    EXPECT_EQ(lastChange(pipeline), afterEdit);
    // A refused move (not qualified) and a stale edit leave no entry.
    EXPECT_FALSE(pipeline.deals().move(deal.id, Stage::Contacting).ok());
    ActionOptions stale;
    stale.expectedVersion = 1;
    DealFields other;
    other.valueMinor = 5;
    EXPECT_FALSE(pipeline.deals().edit(deal.id, other, stale).ok());
    EXPECT_EQ(lastChange(pipeline), afterEdit);

    // A move names the stage's old and new slug.
    ASSERT_TRUE(pipeline.deals().move(deal.id, Stage::Qualifying).ok());
    entries = changesAfter(pipeline, afterEdit);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(changesOf(entries[0]).value(QStringLiteral("stage")).toArray(),
              (QJsonArray {QStringLiteral("prospecting"), QStringLiteral("qualifying")}));
    const qint64 afterMove = lastChange(pipeline);

    // A note is the deal's; a quota is nobody's deal, named by its key.
    ASSERT_TRUE(pipeline.notes().add(deal.id, QStringLiteral("Called them"), QStringLiteral("tester")).ok());
    ASSERT_TRUE(pipeline.reports()
                    .setQuota(QStringLiteral("anna"), QStringLiteral("2026-03"), QStringLiteral("EUR"), 500000)
                    .ok());
    ASSERT_TRUE(pipeline.reports()
                    .setQuota(QStringLiteral("anna"), QStringLiteral("2026-03"), QStringLiteral("EUR"), 600000)
                    .ok());
    ASSERT_TRUE(pipeline.reports()
                    .setQuota(QStringLiteral("anna"), QStringLiteral("2026-03"), QStringLiteral("EUR"), std::nullopt)
                    .ok());
    entries = changesAfter(pipeline, afterMove);
    ASSERT_EQ(entries.size(), 4u);
    EXPECT_EQ(entries[0].table, QStringLiteral("notes"));
    EXPECT_EQ(entries[0].deal, std::optional<DealId>(deal.id));
    EXPECT_EQ(changesOf(entries[0]).value(QStringLiteral("body")).toString(), QStringLiteral("Called them"));
    for (std::size_t i = 1; i < 4; ++i) {
        EXPECT_EQ(entries[i].table, QStringLiteral("quotas"));
        EXPECT_EQ(entries[i].row, QStringLiteral("anna/2026-03/EUR"));
        EXPECT_FALSE(entries[i].deal.has_value());
    }
    EXPECT_EQ(entries[1].action, QStringLiteral("insert"));
    EXPECT_EQ(entries[2].action, QStringLiteral("update"));
    EXPECT_EQ(changesOf(entries[2]).value(QStringLiteral("amount_minor")).toArray(), (QJsonArray {500000, 600000}));
    EXPECT_EQ(entries[3].action, QStringLiteral("delete"));
    EXPECT_EQ(changesOf(entries[3]).value(QStringLiteral("amount_minor")).toInteger(), 600000);
    const qint64 afterQuota = lastChange(pipeline);

    // Removing the deal logs it whole, and its note with it.
    ASSERT_TRUE(pipeline.deals().remove(deal.id).ok());
    entries = changesAfter(pipeline, afterQuota);
    ASSERT_EQ(entries.size(), 2u);
    QStringList removed;
    for (const ChangeEntry& entry : entries) {
        EXPECT_EQ(entry.action, QStringLiteral("delete"));
        EXPECT_EQ(entry.deal, std::optional<DealId>(deal.id));
        removed << entry.table;
    }
    removed.sort();
    EXPECT_EQ(removed, (QStringList {QStringLiteral("deals"), QStringLiteral("notes")}));
    for (const ChangeEntry& entry : entries) {
        if (entry.table == u"deals") {
            EXPECT_EQ(changesOf(entry).value(QStringLiteral("value_minor")).toInteger(), 250000);
        }
    }
}

TEST(ChangeLog, ReadByDealBySinceAndTheNewestFew)
{
    TestDatabase db;
    Pipeline& pipeline = db.service();
    const Deal first = db.create(QStringLiteral("First"));
    const Deal second = db.create(QStringLiteral("Second"));
    DealFields value;
    value.valueMinor = 1000;
    ASSERT_TRUE(pipeline.deals().edit(first.id, value).ok());
    ASSERT_TRUE(pipeline.deals().edit(second.id, value).ok());
    ASSERT_TRUE(pipeline.notes().add(first.id, QStringLiteral("About the first"), QString()).ok());

    ChangeQuery ofFirst;
    ofFirst.deal = first.id;
    const std::vector<ChangeEntry> firsts = pipeline.reads().changes(ofFirst).value();
    ASSERT_EQ(firsts.size(), 3u); // created, edited, its note
    for (const ChangeEntry& entry : firsts) {
        EXPECT_EQ(entry.deal, std::optional<DealId>(first.id));
    }
    EXPECT_LT(firsts[0].id, firsts[1].id);
    EXPECT_LT(firsts[1].id, firsts[2].id);

    ChangeQuery newest;
    newest.limit = 2;
    newest.newest = true;
    const std::vector<ChangeEntry> lastTwo = pipeline.reads().changes(newest).value();
    ASSERT_EQ(lastTwo.size(), 2u);
    EXPECT_EQ(lastTwo[0].table, QStringLiteral("deals")); // oldest first, still
    EXPECT_EQ(lastTwo[0].deal, std::optional<DealId>(second.id));
    EXPECT_EQ(lastTwo[1].table, QStringLiteral("notes"));
    EXPECT_EQ(lastTwo[1].id, pipeline.reads().lastChange().value());

    ChangeQuery future;
    future.since = QDateTime::currentDateTimeUtc().addSecs(3600);
    EXPECT_TRUE(pipeline.reads().changes(future).value().empty());
    ChangeQuery past;
    past.since = QDateTime::currentDateTimeUtc().addSecs(-3600);
    EXPECT_EQ(pipeline.reads().changes(past).value().size(), 5u);
}

TEST(ChangeLog, ACopyCarriesTheLogWholeAndAddsNothingOfItsOwn)
{
    TestDatabase db;
    Pipeline& pipeline = db.service();
    const Deal deal = db.create(QStringLiteral("Carried"));
    DealFields value;
    value.valueMinor = 4200;
    ASSERT_TRUE(pipeline.deals().edit(deal.id, value).ok());
    ASSERT_TRUE(pipeline.notes().add(deal.id, QStringLiteral("Noted"), QString()).ok());
    const std::vector<ChangeEntry> source = changesAfter(pipeline, 0);
    ASSERT_EQ(source.size(), 3u);

    const QString copy = db.folder() + QStringLiteral("/copy.dealboard");
    Result<CopyCounts> copied = PipelineOpener::copy(db.path(), copy);
    ASSERT_TRUE(copied.ok()) << copied.error().message.toStdString();
    Result<std::unique_ptr<DealStore>> opened = PipelineOpener::openStore(copy);
    ASSERT_TRUE(opened.ok());
    Pipeline copyPipeline(std::move(opened.value()), std::make_shared<SystemClock>());
    const std::vector<ChangeEntry> target = changesAfter(copyPipeline, 0);
    ASSERT_EQ(target.size(), source.size());
    for (std::size_t i = 0; i < source.size(); ++i) {
        EXPECT_EQ(target[i].id, source[i].id);
        EXPECT_EQ(target[i].at, source[i].at);
        EXPECT_EQ(target[i].actor, source[i].actor);
        EXPECT_EQ(target[i].table, source[i].table);
        EXPECT_EQ(target[i].row, source[i].row);
        EXPECT_EQ(target[i].deal, source[i].deal);
        EXPECT_EQ(target[i].action, source[i].action);
        EXPECT_EQ(changesOf(target[i]), changesOf(source[i])) << target[i].changes.toStdString();
    }
    // The copy's own log goes on after the source's.
    DealFields more;
    more.valueMinor = 5000;
    ASSERT_TRUE(copyPipeline.deals().edit(deal.id, more).ok());
    EXPECT_EQ(copyPipeline.reads().lastChange().value(), source.back().id + 1);
}

TEST(ChangeLog, AVersionFiveFileGainsTheChangeLogWhenOpenedAfterABackup)
{
    DEALBOARD_FILE_ONLY("a file migrated when opened; a server's migrate is tested in TeamCliTest");
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("From version 5"));
    db.close();
    runRawSql(db.path(), backToSchemaFive(false) + QStringList {QStringLiteral("PRAGMA user_version = 5")});
    db.reopen();
    ASSERT_TRUE(db.isOpen());
    const QStringList backups = PipelineBackup::automaticBackups(db.path());
    ASSERT_EQ(backups.size(), 1);
    EXPECT_TRUE(backups.front().contains(QStringLiteral(".schema5-"))) << backups.front().toStdString();
    EXPECT_EQ(db.service().reads().lastChange().value(), 0);
    DealFields value;
    value.valueMinor = 100;
    ASSERT_TRUE(db.service().deals().edit(deal.id, value).ok());
    EXPECT_EQ(db.service().reads().lastChange().value(), 1);
    EXPECT_EQ(db.service().check().value().faults, QStringList());
}

// On a server another client's commit reaches a pipeline through the
// server's notification; a connection the server ends is noticed at the next
// heartbeat, connected again at once, and notifications flow on the new one.
TEST(ChangeLog, AServersNotificationsReachAnotherClientAlsoAfterTheServerEndedItsConnection)
{
    TestDatabase db;
    if (!db.onServer()) {
        GTEST_SKIP() << "notifications and heartbeats are a server's; a file's readers poll data_version";
    }
    const Deal deal = db.create(QStringLiteral("Followed"));
    Result<std::unique_ptr<DealStore>> other = PipelineOpener::openStore(db.path());
    ASSERT_TRUE(other.ok());
    Pipeline follower(std::move(other.value()), std::make_shared<SystemClock>());
    int changes = 0;
    int lost = 0;
    QObject::connect(&follower, &Pipeline::externalChange, &follower, [&] { ++changes; });
    QObject::connect(&follower, &Pipeline::connectionLost, &follower, [&] { ++lost; });
    const auto waitFor = [](const std::function<bool()>& done) {
        QElapsedTimer waited;
        waited.start();
        while (!done() && waited.elapsed() < 5000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        return done();
    };

    DealFields value;
    value.valueMinor = 1;
    ASSERT_TRUE(db.service().deals().edit(deal.id, value).ok());
    EXPECT_TRUE(waitFor([&] { return changes == 1; })) << changes;
    // Its own commits are not news to it.
    ASSERT_TRUE(follower.deals().edit(deal.id, DealFields {}).ok());
    value.valueMinor = 2;
    ASSERT_TRUE(follower.deals().edit(deal.id, value).ok());
    QCoreApplication::processEvents(QEventLoop::AllEvents, 300);
    EXPECT_EQ(changes, 1);

    const QString database = QUrl(db.path()).path().mid(1);
    QString error;
    ASSERT_TRUE(TestServer::run({QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                                "datname = '%1' AND pid <> pg_backend_pid()")
                                     .arg(database)},
                                QString(), &error))
        << error.toStdString();
    QCoreApplication::processEvents(QEventLoop::AllEvents, 200);
    follower.pollExternalChanges(); // the heartbeat
    EXPECT_TRUE(follower.isConnected());
    EXPECT_EQ(lost, 0); // back at once, so nothing to show
    EXPECT_EQ(changes, 2); // read everything again: what happened meanwhile is unknown

    value.valueMinor = 3;
    ASSERT_TRUE(db.service().deals().edit(deal.id, value).ok());
    EXPECT_TRUE(waitFor([&] { return changes == 3; })) << changes;
}

// A bulk action (the sample pipeline, an import) on a file is one entry
// saying how many rows and by what; on a server the server logs every row,
// since nothing a client asks may make it leave one out. Either way the
// actions after it are logged one by one again.
TEST(ChangeLog, ABulkActionIsOneEntryOnAFileAndEveryRowOnAServer)
{
    TestDatabase db;
    Pipeline& pipeline = db.service();
    ASSERT_TRUE(pipeline.deals().seedSample(30, 7).ok());
    const std::vector<ChangeEntry> entries = changesAfter(pipeline, 0);
    if (db.onServer()) {
        const auto deals = std::count_if(entries.begin(), entries.end(), [](const ChangeEntry& entry) {
            return entry.table == u"deals" && entry.action == u"insert";
        });
        EXPECT_EQ(deals, 30);
    } else {
        // The deals are one entry; the sample's past follows it: close
        // dates moved later (one entry each, as the slipped deals read
        // them) and each weekly snapshot as one entry.
        ASSERT_GT(entries.size(), 1u);
        EXPECT_EQ(entries[0].table, QStringLiteral("deals"));
        EXPECT_EQ(entries[0].row, QStringLiteral("*"));
        EXPECT_EQ(changesOf(entries[0]).value(QStringLiteral("rows")).toInteger(), 30);
        EXPECT_EQ(changesOf(entries[0]).value(QStringLiteral("by")).toString(), QStringLiteral("sample pipeline"));
        int moves = 0;
        int snapshots = 0;
        for (std::size_t i = 1; i < entries.size(); ++i) {
            if (entries[i].table == u"deals") {
                EXPECT_EQ(entries[i].action, QStringLiteral("update"));
                EXPECT_TRUE(changesOf(entries[i]).contains(QStringLiteral("expected_close")));
                ++moves;
            } else {
                EXPECT_EQ(entries[i].table, QStringLiteral("forecast_snapshots"));
                EXPECT_EQ(entries[i].row, QStringLiteral("*"));
                EXPECT_TRUE(changesOf(entries[i]).value(QStringLiteral("by")).toString().startsWith(u"snapshot of "));
                ++snapshots;
            }
        }
        EXPECT_GT(moves, 0);
        EXPECT_EQ(snapshots, 40);
    }
    const qint64 afterSeed = lastChange(pipeline);
    DealFields value;
    value.valueMinor = 123;
    ASSERT_TRUE(pipeline.deals().edit(1, value).ok());
    const std::vector<ChangeEntry> after = changesAfter(pipeline, afterSeed);
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0].row, QStringLiteral("1"));

    // A refused bulk action leaves neither rows nor an entry, and logging
    // goes on after it.
    QBuffer csv;
    csv.setData("title,stage\nFine,prospecting\nBad,nowhere\n");
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    EXPECT_FALSE(pipeline.deals().importCsv(&csv, false).ok());
    EXPECT_EQ(lastChange(pipeline), after[0].id);
    value.valueMinor = 456;
    ASSERT_TRUE(pipeline.deals().edit(1, value).ok());
    EXPECT_EQ(changesAfter(pipeline, after[0].id).size(), 1u);
}
