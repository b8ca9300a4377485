// The board's column totals as the store sums them (each deal's own win
// probability, else its stage's, added exactly and rounded once) on both
// backends; version 10 of a file's schema, which brought the index that
// sums them and checks that refuse what they did; and version 11, whose
// table keeps them as every write changes the deals.
#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/DealStore.h"
#include "dealboard/Money.h"
#include "dealboard/service/PipelineOpener.h"

#include <QBuffer>
#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

DealFields valued(std::int64_t minor, std::optional<int> percent, const QString& currency = QStringLiteral("EUR"))
{
    DealFields fields;
    fields.valueMinor = minor;
    fields.currency = currency;
    fields.probabilityPercent = percent;
    return fields;
}

const StageAggregate* find(const std::vector<StageAggregate>& all, Stage stage, DealStatus status,
                           const QString& currency)
{
    for (const StageAggregate& aggregate : all) {
        if (aggregate.stage == stage && aggregate.status == status && aggregate.currency == currency) {
            return &aggregate;
        }
    }
    return nullptr;
}

// Runs `sql` on a connection of its own to the file: its rows, each column
// joined by '|', and the error's text (empty when it was done).
std::pair<QStringList, QString> runOnFile(const QString& path, const QString& sql)
{
    QStringList rows;
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("stage-totals-raw"));
        db.setDatabaseName(path);
        EXPECT_TRUE(db.open());
        QSqlQuery query(db);
        if (!query.exec(sql)) {
            error = query.lastError().text();
        }
        while (query.next()) {
            QStringList columns;
            for (int i = 0; i < query.record().count(); ++i) {
                columns << query.value(i).toString();
            }
            rows << columns.join(QLatin1Char('|'));
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("stage-totals-raw"));
    return {rows, error};
}

QString rawError(const QString& path, const QString& sql)
{
    return runOnFile(path, sql).second;
}

QStringList rawRows(const QString& path, const QString& sql)
{
    auto [rows, error] = runOnFile(path, sql);
    EXPECT_EQ(error, QString()) << sql.toStdString();
    return rows;
}

} // namespace

TEST(StageTotals, EachDealsOwnProbabilityElseItsStagesIsAddedExactlyAndRoundedOnce)
{
    TestDatabase db;
    // Qualifying's default is replaced by a manager's 30 %.
    ASSERT_TRUE(db.service().reports().setProbability(Stage::Qualifying, 30).ok());
    // 5 % of 0.10 and of 0.30 EUR: 0.005 + 0.015 = 0.02, where rounding each would give 0.01 + 0.02.
    db.create(QStringLiteral("Ten cents"), Stage::Qualifying, valued(10, 5));
    db.create(QStringLiteral("Thirty cents"), Stage::Qualifying, valued(30, 5));
    // Without their own: the stage's 30 %, 33.33 of 111.11 EUR and 0.30 of 1 EUR.
    db.create(QStringLiteral("Stage's share"), Stage::Qualifying, valued(11111, std::nullopt));
    db.create(QStringLiteral("One euro"), Stage::Qualifying, valued(100, std::nullopt));
    // Another currency and another stage stay apart.
    db.create(QStringLiteral("Yen"), Stage::Qualifying, valued(19, 5, QStringLiteral("JPY")));
    db.create(QStringLiteral("Prospect"), Stage::Prospecting, valued(1000, std::nullopt));

    const Result<std::vector<StageAggregate>> read = db.service().reads().stageAggregates();
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    const StageAggregate* euros = find(read.value(), Stage::Qualifying, DealStatus::Open, QStringLiteral("EUR"));
    ASSERT_NE(euros, nullptr);
    EXPECT_EQ(euros->deals, 4);
    EXPECT_EQ(euros->valueMinor, 10 + 30 + 11111 + 100);
    // 0.5 + 1.5 + 3333.3 + 30 = 3365.3 cents, rounded once: 3365.
    EXPECT_EQ(euros->weightedMinor, 3365);
    const StageAggregate* yen = find(read.value(), Stage::Qualifying, DealStatus::Open, QStringLiteral("JPY"));
    ASSERT_NE(yen, nullptr);
    EXPECT_EQ(yen->weightedMinor, 1); // 0.95 rounds half away from zero to 1
    const StageAggregate* prospect = find(read.value(), Stage::Prospecting, DealStatus::Open, QStringLiteral("EUR"));
    ASSERT_NE(prospect, nullptr);
    EXPECT_EQ(prospect->weightedMinor, 1000 * stageInfo(Stage::Prospecting).winProbabilityPercent / 100);

    // A deal's own probability changed moves it between the groups the sum reads.
    Deal stageShare = db.service().deals().list().value().at(2);
    ASSERT_EQ(stageShare.title, QStringLiteral("Stage's share"));
    DealFields own;
    own.probabilityPercent = std::optional<int>(100);
    ASSERT_TRUE(db.service().deals().edit(stageShare.id, own).ok());
    const Result<std::vector<StageAggregate>> reread = db.service().reads().stageAggregates();
    ASSERT_TRUE(reread.ok()) << reread.error().message.toStdString();
    const StageAggregate* after = find(reread.value(), Stage::Qualifying, DealStatus::Open, QStringLiteral("EUR"));
    ASSERT_NE(after, nullptr);
    EXPECT_EQ(after->weightedMinor, 11111 + 30 + 2); // 111.11 whole, 0.30, and 0.02
}

TEST(StageTotals, OnAFileTheSumReadsOneIndexAndNoDealsRow)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "the plan of a file's SQLite";
    }
    db.create(QStringLiteral("One"), Stage::Prospecting, valued(100, std::nullopt));
    db.close();
    const QStringList plan
        = rawRows(db.path(),
                  QStringLiteral("EXPLAIN QUERY PLAN SELECT stage, status, currency, probability_percent, "
                                 "COUNT(*), SUM(value_minor) FROM deals GROUP BY stage, status, "
                                 "currency, probability_percent"));
    ASSERT_EQ(plan.size(), 1) << plan.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(plan.front().contains(QStringLiteral("USING COVERING INDEX deals_by_stage")))
        << plan.front().toStdString();
}

TEST(SchemaTen, AVersionNineFileGainsTheTotalsIndexAndItsChecksRefuseWhatTheyDid)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a file's schema; a server's has no such checks to rewrite";
    }
    db.create(QStringLiteral("Own share"), Stage::Qualifying, valued(5000, 40));
    db.create(QStringLiteral("Stage's share"), Stage::Prospecting, valued(7000, std::nullopt));
    const std::vector<StageAggregate> before = db.service().reads().stageAggregates().value();
    db.close();
    runRawSql(db.path(), backBeforeBulkChecks() << QStringLiteral("PRAGMA user_version = 9"));
    ASSERT_TRUE(rawRows(db.path(), QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = 'deals'"))
                    .front()
                    .contains(QStringLiteral("CHECK (status IN ('open','won','lost'))")));

    db.reopen();
    ASSERT_TRUE(db.isOpen());
    EXPECT_EQ(db.service().reads().stageAggregates().value().size(), before.size());
    db.close();
    EXPECT_EQ(rawRows(db.path(), QStringLiteral("PRAGMA user_version")),
              QStringList {QString::number(DealStore::SchemaVersion)});
    EXPECT_EQ(rawRows(db.path(), QStringLiteral("PRAGMA integrity_check")), QStringList {QStringLiteral("ok")});
    EXPECT_EQ(rawRows(db.path(), QStringLiteral("SELECT name FROM pragma_index_info('deals_by_stage')")),
              (QStringList {QStringLiteral("stage"), QStringLiteral("status"), QStringLiteral("currency"),
                            QStringLiteral("probability_percent"), QStringLiteral("value_minor")}));
    const QString deals
        = rawRows(db.path(), QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = 'deals'")).front();
    EXPECT_FALSE(deals.contains(QStringLiteral(" IN ("))) << deals.toStdString();
    // What the checks allowed and refused before, they allow and refuse now.
    const QString insert = QStringLiteral(
        "INSERT INTO deals (title, stage, status, created_at, updated_at, stage_entered_at) VALUES ('Raw', '%1', '%2', "
        "'2026-03-02T09:00:00.000Z', '2026-03-02T09:00:00.000Z', '2026-03-02T09:00:00.000Z')");
    for (Stage stage : AllStages) {
        EXPECT_EQ(rawError(db.path(), insert.arg(stageSlug(stage), QStringLiteral("won"))), QString());
    }
    for (const QString& status : {QStringLiteral("open"), QStringLiteral("lost")}) {
        EXPECT_EQ(rawError(db.path(), insert.arg(QStringLiteral("closing"), status)), QString());
    }
    for (const auto& [stage, status] : {std::pair {QStringLiteral("Closing"), QStringLiteral("open")},
                                        std::pair {QStringLiteral("closing "), QStringLiteral("open")},
                                        std::pair {QStringLiteral("closing"), QStringLiteral("pending")},
                                        std::pair {QString(), QStringLiteral("won")}}) {
        EXPECT_TRUE(rawError(db.path(), insert.arg(stage, status)).contains(QStringLiteral("CHECK constraint failed")))
            << stage.toStdString() << " / " << status.toStdString();
    }
    const QString activity = QStringLiteral(
        "INSERT INTO activities (deal_id, kind, subject, due_date, created_at) VALUES (1, '%1', 'Raw', '2026-03-03', "
        "'2026-03-02T09:00:00.000Z')");
    EXPECT_EQ(rawError(db.path(), activity.arg(QStringLiteral("meeting"))), QString());
    EXPECT_TRUE(rawError(db.path(), activity.arg(QStringLiteral("fax"))).contains(QStringLiteral("CHECK constraint")));
    const QString logged = QStringLiteral(
        "INSERT INTO change_log (changed_at, table_name, row_key, action) VALUES ('2026-03-02T09:00:00.000Z', 'deals', "
        "'1', '%1')");
    EXPECT_EQ(rawError(db.path(), logged.arg(QStringLiteral("delete"))), QString());
    EXPECT_TRUE(rawError(db.path(), logged.arg(QStringLiteral("upsert"))).contains(QStringLiteral("CHECK constraint")));

    // And the pipeline opens and sums as before.
    db.reopen();
    const Result<std::vector<StageAggregate>> after = db.service().reads().stageAggregates();
    ASSERT_TRUE(after.ok());
    const StageAggregate* own = find(after.value(), Stage::Qualifying, DealStatus::Open, QStringLiteral("EUR"));
    ASSERT_NE(own, nullptr);
    EXPECT_EQ(own->weightedMinor, 2000);
}

TEST(SchemaTen, AFileWhoseChecksAnotherProgramRewroteIsRefusedUntouchedAndWithoutABackup)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a file's schema";
    }
    db.create(QStringLiteral("Kept"));
    db.close();
    // Version 9, then its status check widened by another program.
    runRawSql(db.path(),
              backBeforeBulkChecks() << QStringLiteral("PRAGMA writable_schema = ON")
                                     << QStringLiteral(
                                            "UPDATE sqlite_schema SET sql = replace(sql, '''open'',''won'',''lost''', "
                                            "'''open'',''won'',''lost'',''paused''') WHERE name = 'deals'")
                                     << QStringLiteral("PRAGMA writable_schema = OFF")
                                     << QStringLiteral("PRAGMA user_version = 9"));
    const QStringList before = QDir(db.folder()).entryList(QDir::Files);
    const QByteArray bytes = fileBytes(db.path());

    Result<std::unique_ptr<DealStore>> opened = PipelineOpener::openStore(db.path());
    ASSERT_FALSE(opened.ok());
    const QString message = opened.error().message;
    EXPECT_TRUE(message.contains(QStringLiteral("was changed by another program"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("table deals does not hold"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("the file was left untouched"))) << message.toStdString();
    EXPECT_EQ(fileBytes(db.path()), bytes);
    QStringList after = QDir(db.folder()).entryList(QDir::Files);
    after.removeIf([](const QString& name) { return name.endsWith(u"-wal") || name.endsWith(u"-shm"); });
    EXPECT_EQ(after, before) << "no backup of a file that is not upgraded";
    EXPECT_EQ(rawRows(db.path(), QStringLiteral("PRAGMA user_version")), QStringList {QStringLiteral("9")});
}

TEST(SchemaTen, AVersionNineFileWithoutTheTotalsIndexIsUpgraded)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a file's schema";
    }
    db.create(QStringLiteral("Kept"), Stage::Prospecting, valued(1000, 50));
    db.close();
    runRawSql(db.path(),
              backBeforeBulkChecks() << QStringLiteral("DROP INDEX deals_by_stage")
                                     << QStringLiteral("PRAGMA user_version = 9"));
    db.reopen();
    ASSERT_TRUE(db.isOpen());
    const Result<std::vector<StageAggregate>> read = db.service().reads().stageAggregates();
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    const StageAggregate* kept = find(read.value(), Stage::Prospecting, DealStatus::Open, QStringLiteral("EUR"));
    ASSERT_NE(kept, nullptr);
    EXPECT_EQ(kept->weightedMinor, 500);
    db.close();
    EXPECT_EQ(rawRows(db.path(), QStringLiteral("SELECT count(*) FROM pragma_index_info('deals_by_stage')")),
              QStringList {QStringLiteral("5")});
}

TEST(StageTotals, NoSumOverflowsTheLargestValuesHeldByManyDeals)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "written with a file's SQL; the sum is the same statement on a server";
    }
    db.close();
    // 93,000 deals of the largest value: their sum passes 64 bits.
    runRawSql(db.path(),
              {QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 93000) "
                              "INSERT INTO deals (title, stage, status, value_minor, currency, probability_percent, "
                              "created_at, updated_at, stage_entered_at) SELECT 'Large ' || i, 'prospecting', 'open', "
                              "%1, 'EUR', 50, '2026-03-02T09:00:00.000Z', '2026-03-02T09:00:00.000Z', "
                              "'2026-03-02T09:00:00.000Z' FROM n")
                   .arg(MaxMoneyMinor)});
    db.reopen();
    const Result<std::vector<StageAggregate>> read = db.service().reads().stageAggregates();
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    const StageAggregate* large = find(read.value(), Stage::Prospecting, DealStatus::Open, QStringLiteral("EUR"));
    ASSERT_NE(large, nullptr);
    EXPECT_EQ(large->deals, 93000);
    EXPECT_EQ(large->valueMinor, std::numeric_limits<std::int64_t>::max()) << "held at the largest, not wrapped";
    // Half of 93,000 × 99,999,999,999,999 (9,299,999,999,999,907,000) fits, and is exact.
    static_assert(MaxMoneyMinor == 99'999'999'999'999);
    EXPECT_EQ(large->weightedMinor, 4'649'999'999'999'953'500);
}

namespace {

// The file's kept totals and the deals' own sums, row for row.
void expectKeptAsSummed(const QString& path, const char* after)
{
    const QString kept = QStringLiteral("SELECT stage, status, currency, own_percent, deals, value_millions, "
                                        "value_rest FROM stage_totals ORDER BY 1, 2, 3, 4");
    const QString summed = QStringLiteral(
        "SELECT stage, status, currency, coalesce(probability_percent, -1), COUNT(*), SUM(value_minor / 1000000), "
        "SUM(value_minor % 1000000) FROM deals GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4");
    EXPECT_EQ(rawRows(path, kept), rawRows(path, summed)) << "after " << after;
}

} // namespace

TEST(KeptTotals, EveryKindOfWriteKeepsTheFilesTotalsEqualToTheDealsOwnSums)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a server sums its deals at each read";
    }
    expectKeptAsSummed(db.path(), "nothing");
    const Deal small = db.create(QStringLiteral("Small"), Stage::Prospecting, valued(150, std::nullopt));
    // Values beyond a million minor units split into millions and the rest.
    const Deal large = db.create(QStringLiteral("Large"), Stage::Prospecting, valued(12'345'678'901, 20));
    DealFields qualified = valued(999'999, 5, QStringLiteral("JPY"));
    qualified.willing = true;
    qualified.need = true;
    qualified.budget = true;
    const Deal yen = db.create(QStringLiteral("Yen"), Stage::Contacting, qualified);
    expectKeptAsSummed(db.path(), "adding");

    DealFields facts;
    facts.willing = true;
    facts.need = true;
    facts.budget = true;
    ASSERT_TRUE(db.service().deals().edit(small.id, facts).ok());
    ASSERT_TRUE(db.service().deals().move(small.id, Stage::Qualifying).ok());
    ASSERT_TRUE(db.service().deals().move(small.id, Stage::Contacting).ok());
    expectKeptAsSummed(db.path(), "moving");

    DealFields changed = valued(2'000'000, 75, QStringLiteral("USD"));
    ASSERT_TRUE(db.service().deals().edit(large.id, changed).ok());
    DealFields back;
    back.probabilityPercent = std::optional<std::optional<int>>(std::optional<int>());
    ASSERT_TRUE(db.service().deals().edit(yen.id, back).ok());
    expectKeptAsSummed(db.path(), "editing value, currency and probability");

    ASSERT_TRUE(db.service().deals().lose(yen.id, QStringLiteral("Budget cut")).ok());
    ASSERT_TRUE(db.service().deals().reopen(yen.id).ok());
    ASSERT_TRUE(db.service().deals().lose(large.id, QStringLiteral("Went elsewhere")).ok());
    expectKeptAsSummed(db.path(), "losing and reopening");

    const Result<DeletedDeal> removed = db.service().deals().remove(small.id);
    ASSERT_TRUE(removed.ok());
    expectKeptAsSummed(db.path(), "deleting");
    ASSERT_TRUE(db.service().deals().restore(removed.value()).ok());
    expectKeptAsSummed(db.path(), "restoring the deleted deal");

    ASSERT_TRUE(db.service().deals().seedSample(300, 7).ok());
    expectKeptAsSummed(db.path(), "the sample");

    // A write another program makes is kept too: the triggers are the file's.
    db.close();
    runRawSql(db.path(),
              {QStringLiteral("UPDATE deals SET stage = 'closing', value_minor = value_minor + 1000001 "
                              "WHERE id % 3 = 0"),
               QStringLiteral("DELETE FROM deals WHERE id % 7 = 0 AND id NOT IN (SELECT deal_id FROM "
                              "activities UNION SELECT deal_id FROM notes)"),
               QStringLiteral("UPDATE deals SET title = title || ' (renamed)' WHERE id % 5 = 0")});
    expectKeptAsSummed(db.path(), "another program's writes");
    db.reopen();
    const Result<std::vector<StageAggregate>> read = db.service().reads().stageAggregates();
    ASSERT_TRUE(read.ok());
    const Result<std::vector<Deal>> deals = db.service().deals().list();
    ASSERT_TRUE(deals.ok());
    for (const StageAggregate& aggregate : read.value()) {
        int count = 0;
        std::int64_t sum = 0;
        for (const Deal& deal : deals.value()) {
            if (deal.stage == aggregate.stage && deal.status == aggregate.status
                && deal.value.currency == aggregate.currency) {
                ++count;
                sum += deal.value.minor;
            }
        }
        EXPECT_EQ(aggregate.deals, count) << stageSlug(aggregate.stage).toStdString();
        EXPECT_EQ(aggregate.valueMinor, sum) << stageSlug(aggregate.stage).toStdString();
    }
}

TEST(KeptTotals, ABulkAdditionSumsItsDealsAtItsEndAndACancelledOneLeavesTheCountingInPlace)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a server sums its deals at each read";
    }
    db.create(QStringLiteral("Before"), Stage::Qualifying, valued(700, std::nullopt));
    // An import adds rows the totals already hold (EUR in Prospecting)
    // and rows they do not (USD, a deal's own probability).
    QByteArray csv = "title,stage,value,currency\r\n";
    for (int i = 0; i < 40; ++i) {
        csv += QStringLiteral("Imported %1,%2,%3.25,%4\r\n")
                   .arg(i)
                   .arg(i % 2 == 0 ? QStringLiteral("prospecting") : QStringLiteral("qualifying"))
                   .arg(1000 + i)
                   .arg(i % 3 == 0 ? QStringLiteral("USD") : QStringLiteral("EUR"))
                   .toUtf8();
    }
    QBuffer file(&csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    ASSERT_TRUE(db.service().deals().importCsv(&file, false, QStringLiteral("tester")).ok());
    expectKeptAsSummed(db.path(), "an import into a pipeline with deals");

    // A sample cancelled half-way is rolled back whole, and the file's own
    // counting is back: a later write by another program is counted.
    int asked = 0;
    const Result<int> cancelled
        = db.service().deals().seedSample(5000, 3, [&asked](qint64, qint64) { return ++asked < 2; });
    ASSERT_FALSE(cancelled.ok());
    EXPECT_EQ(cancelled.error().code, ErrorCode::Cancelled);
    expectKeptAsSummed(db.path(), "a cancelled sample");
    db.close();
    EXPECT_EQ(rawRows(db.path(),
                      QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND "
                                     "name = 'stage_totals_insert'")),
              QStringList {QStringLiteral("1")});
    runRawSql(db.path(),
              {QStringLiteral("INSERT INTO deals (title, stage, status, value_minor, currency, "
                              "created_at, updated_at, stage_entered_at) VALUES ('Raw', 'closing', "
                              "'open', 5000, 'CHF', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', "
                              "'2026-01-01T00:00:00Z')")});
    expectKeptAsSummed(db.path(), "another program's insert after the bulk actions");
    EXPECT_EQ(rawRows(db.path(), QStringLiteral("SELECT deals FROM stage_totals WHERE currency = 'CHF'")),
              QStringList {QStringLiteral("1")});
}

TEST(KeptTotals, AVersionTenFileIsSummedOnceIntoItsNewTable)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a file's schema";
    }
    ASSERT_TRUE(db.service().deals().seedSample(200, 3).ok());
    const std::vector<StageAggregate> before = db.service().reads().stageAggregates().value();
    db.close();
    runRawSql(db.path(), backBeforeStageTotals() << QStringLiteral("PRAGMA user_version = 10"));
    db.reopen();
    ASSERT_TRUE(db.isOpen());
    const std::vector<StageAggregate> after = db.service().reads().stageAggregates().value();
    ASSERT_EQ(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        EXPECT_EQ(after[i].deals, before[i].deals);
        EXPECT_EQ(after[i].valueMinor, before[i].valueMinor);
        EXPECT_EQ(after[i].weightedMinor, before[i].weightedMinor);
    }
    db.close();
    expectKeptAsSummed(db.path(), "the upgrade");
    EXPECT_EQ(rawRows(db.path(), QStringLiteral("PRAGMA user_version")),
              QStringList {QString::number(DealStore::SchemaVersion)});
    const QStringList backups = QDir(db.folder()).entryList({QStringLiteral("*schema10*")}, QDir::Files);
    EXPECT_EQ(backups.size(), 1) << backups.join(QLatin1Char(' ')).toStdString();
}

TEST(KeptTotals, CheckSumsAgainTotalsAnotherProgramWroteAndSaysWhatTheyWere)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a file's kept totals";
    }
    db.create(QStringLiteral("Kept"), Stage::Prospecting, valued(1000, std::nullopt));
    db.close();
    // As many deals as there are, so that the open finds nothing amiss.
    runRawSql(db.path(), {QStringLiteral("UPDATE stage_totals SET value_rest = 1")});
    db.reopen();
    // The board reads the kept rows, not the deals.
    const auto prospecting = [&db] {
        const Result<std::vector<StageAggregate>> read = db.service().reads().stageAggregates();
        const StageAggregate* found
            = read ? find(read.value(), Stage::Prospecting, DealStatus::Open, QStringLiteral("EUR")) : nullptr;
        return found != nullptr ? std::pair {found->deals, found->valueMinor} : std::pair {-1, std::int64_t(-1)};
    };
    EXPECT_EQ(prospecting(), (std::pair {1, std::int64_t(1)}));
    const Result<CheckReport> report = db.service().check();
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report.value().faults.isEmpty()) << report.value().faults.join(QLatin1Char('\n')).toStdString();
    expectKeptAsSummed(db.path(), "check");
    EXPECT_EQ(prospecting(), (std::pair {1, std::int64_t(1000)}));
}

TEST(KeptTotals, OpeningMendsTotalsAReplaceOrAChangedTriggerLeftWrong)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a file's kept totals";
    }
    ASSERT_TRUE(db.service().deals().seedSample(200, 4).ok());
    db.close();
    // A REPLACE deletes the old row without the delete trigger.
    runRawSql(db.path(), {QStringLiteral("REPLACE INTO deals SELECT * FROM deals WHERE id <= 50")});
    db.reopen();
    ASSERT_TRUE(db.isOpen());
    db.close();
    expectKeptAsSummed(db.path(), "a REPLACE, then an open");

    // A trigger of the same name that does something else; one dropped.
    runRawSql(db.path(),
              {QStringLiteral("DROP TRIGGER stage_totals_delete"),
               QStringLiteral("CREATE TRIGGER stage_totals_delete AFTER DELETE ON deals BEGIN SELECT 1; "
                              "END"),
               QStringLiteral("DROP TRIGGER stage_totals_update"),
               QStringLiteral("DELETE FROM deals WHERE id > 150 AND id NOT IN (SELECT deal_id FROM "
                              "activities UNION SELECT deal_id FROM notes)"),
               QStringLiteral("UPDATE deals SET value_minor = value_minor + 7")});
    db.reopen();
    ASSERT_TRUE(db.isOpen());
    // Writes go on, and keep the totals again.
    ASSERT_TRUE(db.service().deals().seedSample(20, 5).ok());
    const Deal any = db.service().deals().list().value().front();
    DealFields larger;
    larger.valueMinor = any.value.minor + 100;
    ASSERT_TRUE(db.service().deals().edit(any.id, larger).ok());
    db.close();
    expectKeptAsSummed(db.path(), "changed triggers, then an open");
    EXPECT_EQ(rawRows(db.path(), QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")),
              QStringList {QStringLiteral("3")});
}

TEST(KeptTotals, AFractionAnotherProgramStoredCountsAsItsWholeMinorUnits)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a file's kept totals";
    }
    const Deal deal = db.create(QStringLiteral("Raw"), Stage::Prospecting, valued(1000, std::nullopt));
    db.create(QStringLiteral("Other"), Stage::Prospecting, valued(2'000'000, std::nullopt));
    db.close();
    runRawSql(db.path(), {QStringLiteral("UPDATE deals SET value_minor = 1250.5 WHERE id = %1").arg(deal.id)});
    EXPECT_EQ(rawRows(db.path(),
                      QStringLiteral("SELECT DISTINCT typeof(value_millions) || typeof(value_rest) FROM "
                                     "stage_totals")),
              QStringList {QStringLiteral("integerinteger")});
    db.reopen();
    const Result<std::vector<StageAggregate>> read = db.service().reads().stageAggregates();
    ASSERT_TRUE(read.ok());
    const StageAggregate* prospecting = find(read.value(), Stage::Prospecting, DealStatus::Open, QStringLiteral("EUR"));
    ASSERT_NE(prospecting, nullptr);
    EXPECT_EQ(prospecting->valueMinor, 2'001'250) << "not held at the largest value";
}
