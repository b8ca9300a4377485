// Amounts written when every currency had two decimals are rescaled to each
// currency's own minor units, on a file (backed up first) and on a server
// (the amounts as they were kept in amounts_before_minor_units).
#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/PipelineBackup.h"
#include "dealboard/service/PipelineOpener.h"

#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

DealFields valued(std::int64_t minor, const QString& currency)
{
    DealFields fields;
    fields.title = QStringLiteral("Valued");
    fields.valueMinor = minor;
    fields.currency = currency;
    return fields;
}

// The pipeline taken back to the version before currencies had their own
// decimals, with `old` statements writing amounts as they were then.
void backToTwoDecimals(TestDatabase& db, const QStringList& old)
{
    db.close();
    const bool server = db.onServer();
    runRawSql(db.path(),
              backBeforeMinorUnits(server) + old
                  + QStringList {server ? QStringLiteral("UPDATE schema_version SET version = 10")
                                        : QStringLiteral("PRAGMA user_version = 8")});
}

Result<void> upgrade(TestDatabase& db)
{
    if (db.onServer()) {
        Result<QString> migrated = PipelineOpener::migrateServer(db.path());
        if (!migrated) {
            return migrated.error();
        }
    }
    Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(db.path());
    if (!store) {
        return store.error();
    }
    store.value().reset();
    db.reopen();
    return {};
}

} // namespace

TEST(MinorUnits, AnOlderPipelineKeepsEveryAmountsValueInItsCurrencysOwnDecimals)
{
    TestDatabase db;
    const Deal euros = db.create(QStringLiteral("Euros"), Stage::Prospecting, valued(150050, QStringLiteral("EUR")));
    const Deal yen = db.create(QStringLiteral("Yen"), Stage::Prospecting, valued(1500, QStringLiteral("JPY")));
    const Deal half = db.create(QStringLiteral("Half yen"), Stage::Prospecting, valued(1501, QStringLiteral("JPY")));
    const Deal dinars = db.create(QStringLiteral("Dinars"), Stage::Prospecting, valued(1500, QStringLiteral("BHD")));
    const Deal other = db.create(QStringLiteral("Other"), Stage::Prospecting, valued(1234, QStringLiteral("USD")));
    // A removed deal in yen, whose undo brings it back after the upgrade.
    const Deal gone = db.create(QStringLiteral("Gone"), Stage::Prospecting, valued(2500, QStringLiteral("JPY")));
    const Result<DeletedDeal> removed = db.service().deals().remove(gone.id);
    ASSERT_TRUE(removed.ok());
    ASSERT_TRUE(db.service().rates().setReportingCurrency(QStringLiteral("JPY")).ok());
    ASSERT_TRUE(db.service()
                    .reports()
                    .setQuota(QStringLiteral("anna"), QStringLiteral("2026-12"), QStringLiteral("JPY"), 5000000)
                    .ok());
    // As written before: ¥1,500.00, ¥1,500.50, 1.50 BHD, a code outside ISO 4217.
    backToTwoDecimals(db,
                      {QStringLiteral("UPDATE deals SET value_minor = 150000 WHERE id = %1").arg(yen.id),
                       QStringLiteral("UPDATE deals SET value_minor = 150050 WHERE id = %1").arg(half.id),
                       QStringLiteral("UPDATE deals SET value_minor = 150 WHERE id = %1").arg(dinars.id),
                       QStringLiteral("UPDATE deals SET currency = 'XBT' WHERE id = %1").arg(other.id),
                       QStringLiteral("UPDATE quotas SET amount_minor = 500000000"),
                       db.onServer() ? QStringLiteral("UPDATE deleted_deals SET deal = jsonb_set(deal, "
                                                      "'{value_minor}', '250000') WHERE id = %1")
                                           .arg(gone.id)
                                     : QStringLiteral("SELECT 1")});
    ASSERT_TRUE(upgrade(db).ok());
    ASSERT_TRUE(db.isOpen());
    DealService& deals = db.service().deals();
    EXPECT_EQ(deals.get(euros.id).value().value, (Money {150050, QStringLiteral("EUR")}));
    EXPECT_EQ(deals.get(yen.id).value().value, (Money {1500, QStringLiteral("JPY")}));
    EXPECT_EQ(deals.get(half.id).value().value, (Money {1501, QStringLiteral("JPY")})); // rounded half away from 0
    EXPECT_EQ(deals.get(dinars.id).value().value, (Money {1500, QStringLiteral("BHD")}));
    EXPECT_EQ(deals.get(other.id).value().value, (Money {1234, QStringLiteral("XBT")})); // kept, two decimals
    const std::vector<Quota> quotas = db.service().reports().quotas(QStringLiteral("2026-12")).value();
    ASSERT_EQ(quotas.size(), 1u);
    EXPECT_EQ(quotas.front().amount.minor, 5000000);
    // The change log names each rescaled amount, old units then new, on
    // both backends.
    ChangeQuery query;
    query.deal = half.id;
    const std::vector<ChangeEntry> entries = db.service().reads().changes(query).value();
    const bool logged = std::any_of(entries.begin(), entries.end(), [](const ChangeEntry& entry) {
        QByteArray changes = entry.changes;
        changes.replace(' ', "");
        return entry.action == u"update" && changes == "{\"value_minor\":[150050,1501]}";
    });
    EXPECT_TRUE(logged) << entries.size();
    const Result<Deal> back = deals.restore(removed.value());
    ASSERT_TRUE(back.ok()) << back.error().message.toStdString();
    EXPECT_EQ(back.value().value, (Money {2500, QStringLiteral("JPY")}));
    if (db.onServer()) {
        // The server's backup of the upgrade: the amounts as they were.
        runRawSql(db.path(),
                  {QStringLiteral("DO $$ BEGIN IF (SELECT count(*) FROM amounts_before_minor_units WHERE "
                                  "rounded) <> 1 OR (SELECT amount_minor FROM amounts_before_minor_units "
                                  "WHERE table_name = 'deals' AND row_key = '%1') <> 150050 THEN RAISE "
                                  "EXCEPTION 'not kept'; END IF; END $$")
                       .arg(half.id)});
    } else {
        const QStringList backups = PipelineBackup::automaticBackups(db.path());
        ASSERT_EQ(backups.size(), 1);
        EXPECT_TRUE(backups.front().contains(QStringLiteral(".schema8-"))) << backups.front().toStdString();
    }
    // A deal of the kept code can still be changed; a new one can't have it.
    DealFields title;
    title.title = QStringLiteral("Other, renamed");
    EXPECT_TRUE(deals.edit(other.id, title).ok());
    EXPECT_FALSE(deals.create(valued(100, QStringLiteral("XBT"))).ok());
    EXPECT_EQ(db.service().check().value().faults.join(QLatin1Char('\n')).toStdString(), "");
}

TEST(MinorUnits, AnAmountThatWouldPassTheBoundStopsTheUpgradeChangingNothing)
{
    TestDatabase db;
    const Deal dinars = db.create(QStringLiteral("Dinars"), Stage::Prospecting, valued(1500, QStringLiteral("BHD")));
    const Deal yen = db.create(QStringLiteral("Yen"), Stage::Prospecting, valued(1500, QStringLiteral("JPY")));
    backToTwoDecimals(
        db,
        {QStringLiteral("UPDATE deals SET value_minor = %1 WHERE id = %2").arg(MaxMoneyMinor / 10 + 1).arg(dinars.id),
         QStringLiteral("UPDATE deals SET value_minor = 150000 WHERE id = %1").arg(yen.id)});
    const Result<void> refused = upgrade(db);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("Nothing was changed")))
        << refused.error().message.toStdString();
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("BHD"))) << refused.error().message.toStdString();
    // Still the older version, the yen as they were.
    runRawSql(db.path(),
              {db.onServer() ? QStringLiteral("DO $$ BEGIN IF (SELECT version FROM schema_version) <> 10 "
                                              "OR (SELECT value_minor FROM deals WHERE id = %1) <> 150000 "
                                              "THEN RAISE EXCEPTION 'changed'; END IF; END $$")
                                   .arg(yen.id)
                             : QStringLiteral("SELECT 1")});
    if (!db.onServer()) {
        QSqlDatabase file = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("minor-check"));
        file.setDatabaseName(db.path());
        ASSERT_TRUE(file.open());
        QSqlQuery query(file);
        ASSERT_TRUE(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
        EXPECT_EQ(query.value(0).toInt(), 8);
        ASSERT_TRUE(query.exec(QStringLiteral("SELECT value_minor FROM deals WHERE id = %1").arg(yen.id))
                    && query.next());
        EXPECT_EQ(query.value(0).toLongLong(), 150000);
        query.finish();
        file.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("minor-check"));
}

TEST(MinorUnits, ANewDealIsEnteredInItsCurrencysDecimalsAndKeepsItsAmountWhenTheCurrencyChanges)
{
    TestDatabase db;
    DealService& deals = db.service().deals();
    const Deal deal = db.create(QStringLiteral("Tokyo"), Stage::Prospecting, valued(150000, QStringLiteral("EUR")));
    DealFields yen;
    yen.currency = QStringLiteral("JPY");
    const Result<Deal> inYen = deals.edit(deal.id, yen);
    ASSERT_TRUE(inYen.ok()) << inYen.error().message.toStdString();
    EXPECT_EQ(inYen.value().value, (Money {1500, QStringLiteral("JPY")})); // 1,500 EUR becomes 1,500 JPY
    DealFields dinars;
    dinars.currency = QStringLiteral("BHD");
    EXPECT_EQ(deals.edit(deal.id, dinars).value().value, (Money {1500000, QStringLiteral("BHD")}));
    const Deal cents = db.create(QStringLiteral("Cents"), Stage::Prospecting, valued(150050, QStringLiteral("EUR")));
    const Result<Deal> refused = deals.edit(cents.id, yen);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("JPY has no decimals")))
        << refused.error().message.toStdString();
    const Result<Deal> unknown = deals.create(valued(100, QStringLiteral("EUO")));
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.error().message.contains(QStringLiteral("did you mean EUR")))
        << unknown.error().message.toStdString();
}
