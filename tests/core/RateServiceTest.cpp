// The reporting currency and the exchange rates through the service, on a
// file and on a server: set, replaced, removed, refused with why, in the
// change log, and imported from the European Central Bank's files all or
// nothing.
#include "TestDatabase.h"
#include "dealboard/Currency.h"
#include "dealboard/DealStore.h"
#include "dealboard/Pipeline.h"

#include <QFile>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

const QDate December1(2026, 12, 1);
const QDate December4(2026, 12, 4);

RateFraction fraction(const char* text)
{
    return parseRate(QString::fromLatin1(text)).value();
}

QString dataFile(const char* name)
{
    return QStringLiteral(DEALBOARD_TEST_DATA "/rates/") + QLatin1String(name);
}

// A file in the test's folder with `bytes` in it.
QString writeFile(const TestDatabase& db, const char* name, const QByteArray& bytes)
{
    const QString path = db.folder() + QLatin1Char('/') + QLatin1String(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
    return path;
}

int changesOf(TestDatabase& db, const QString& table)
{
    int count = 0;
    const Result<std::vector<ChangeEntry>> changes = db.store().changes({});
    EXPECT_TRUE(changes.ok());
    for (const ChangeEntry& entry : changes.value()) {
        count += entry.table == table ? 1 : 0;
    }
    return count;
}

} // namespace

TEST(RateService, TheReportingCurrencyIsEuroUntilSetAndOnlyAnIsoCodeIsTaken)
{
    TestDatabase db;
    RateService& rates = db.service().rates();
    int signalled = 0;
    QObject::connect(&db.service(), &Pipeline::ratesChanged, [&signalled] { ++signalled; });
    EXPECT_EQ(rates.reportingCurrency().value(), QStringLiteral("EUR"));

    const Result<void> mistyped = rates.setReportingCurrency(QStringLiteral("EUO"));
    ASSERT_FALSE(mistyped.ok());
    EXPECT_EQ(mistyped.error().code, ErrorCode::InvalidInput);
    EXPECT_TRUE(mistyped.error().message.contains(QStringLiteral("EUR"))) << mistyped.error().message.toStdString();
    EXPECT_FALSE(rates.setReportingCurrency(QStringLiteral("US\u202eD")).ok());
    EXPECT_FALSE(rates.setReportingCurrency(QString()).ok());
    EXPECT_EQ(signalled, 0);

    ASSERT_TRUE(rates.setReportingCurrency(QStringLiteral(" usd ")).ok());
    EXPECT_EQ(signalled, 1);
    EXPECT_EQ(rates.reportingCurrency().value(), QStringLiteral("USD"));
    EXPECT_EQ(changesOf(db, QStringLiteral("settings")), 1);
    db.reopen();
    EXPECT_EQ(db.service().rates().reportingCurrency().value(), QStringLiteral("USD"));
    EXPECT_EQ(db.service().rates().rateTable().value().reportingCurrency(), QStringLiteral("USD"));
    EXPECT_TRUE(db.service().check().value().faults.isEmpty());
}

TEST(RateService, ARateIsSetAgainstTheReportingCurrencyReplacedOnItsDayAndRemoved)
{
    TestDatabase db;
    RateService& rates = db.service().rates();
    int signalled = 0;
    QObject::connect(&db.service(), &Pipeline::ratesChanged, [&signalled] { ++signalled; });

    ASSERT_TRUE(rates.setRate(QStringLiteral("USD"), December1, fraction("0.9")).ok());
    ASSERT_TRUE(rates.setRate(QStringLiteral("usd"), December1, fraction("0.9412")).ok()); // that day's, replaced
    ASSERT_TRUE(rates.setRate(QStringLiteral("JPY"), December4, fraction("0.0061")).ok());
    EXPECT_EQ(signalled, 3);
    const std::vector<ExchangeRate> stored = rates.rates().value();
    ASSERT_EQ(stored.size(), 2u);
    EXPECT_EQ(stored[0], (ExchangeRate {QStringLiteral("JPY"), QStringLiteral("EUR"), December4, 61, 10000}));
    EXPECT_EQ(stored[1], (ExchangeRate {QStringLiteral("USD"), QStringLiteral("EUR"), December1, 2353, 2500}));
    EXPECT_EQ(changesOf(db, QStringLiteral("exchange_rates")), 3); // two inserts and the update

    // What a total converts with: 1,000.00 USD and ¥1,500 into EUR.
    const RateTable table = rates.rateTable().value();
    ConvertedTotal total(table);
    total.add(100000, QStringLiteral("USD"), December4);
    total.add(1500, QStringLiteral("JPY"), December4);
    EXPECT_EQ(total.minor(), 94120 + 915);
    EXPECT_EQ(describeRates(total), QStringLiteral("converted at the rates of 2026-12-01 to 2026-12-04"));

    // Refusals say why and change nothing.
    const std::pair<Result<void>, const char*> refused[] = {
        {rates.setRate(QStringLiteral("EUR"), December1, fraction("2")), "reporting currency"},
        {rates.setRate(QStringLiteral("USX"), December1, fraction("2")), "USD"},
        {rates.setRate(QStringLiteral("USD"), QDate(), fraction("2")), "date"},
        {rates.setRate(QStringLiteral("USD"), December1, RateFraction {0, 1}), "more than zero"},
        {rates.setRate(QStringLiteral("USD"), December1, RateFraction {MaxRateTerm + 1, 1}), "out of range"},
    };
    for (const auto& [result, why] : refused) {
        ASSERT_FALSE(result.ok()) << why;
        EXPECT_TRUE(result.error().message.contains(QLatin1String(why))) << result.error().message.toStdString();
    }
    EXPECT_EQ(rates.rates().value().size(), 2u);
    EXPECT_EQ(signalled, 3);

    const Result<void> none = rates.removeRate(QStringLiteral("USD"), QStringLiteral("EUR"), December4);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(none.error().message.contains(QStringLiteral("2026-12-04"))) << none.error().message.toStdString();
    ASSERT_TRUE(rates.removeRate(QStringLiteral("usd"), QStringLiteral("eur"), December1).ok());
    EXPECT_EQ(rates.rates().value().size(), 1u);
    EXPECT_EQ(changesOf(db, QStringLiteral("exchange_rates")), 4);
    EXPECT_EQ(signalled, 4);

    // A new reporting currency keeps the rates; they convert the other way round.
    ASSERT_TRUE(rates.setReportingCurrency(QStringLiteral("JPY")).ok());
    const RateTable inYenTable = rates.rateTable().value(); // a total keeps a reference to its table
    ConvertedTotal inYen(inYenTable);
    inYen.add(915, QStringLiteral("EUR"), December4);
    EXPECT_EQ(inYen.minor(), 1500);
    EXPECT_TRUE(db.service().check().value().faults.isEmpty());
}

// A pair keeps one rate a day whichever way round it is given: a rate of
// USD in EUR replaces that day's EUR in USD (an ECB import), its undo
// brings the other back (a server refuses both from a manager's own SQL:
// HostileMemberTest).
TEST(RateService, APairKeepsOneRateADayWhicheverWayRound)
{
    TestDatabase db;
    RateService& rates = db.service().rates();
    RateService::RatesChange ecb;
    ecb.rates.push_back({QStringLiteral("EUR"), QStringLiteral("USD"), December4, fraction("1.0823")});
    ASSERT_TRUE(rates.apply(ecb).ok());
    RateService::RatesChange typed;
    typed.rates.push_back({QStringLiteral("USD"), QStringLiteral("EUR"), December4, fraction("0.9")});
    const Result<RateService::RatesChange> undo = rates.apply(typed);
    ASSERT_TRUE(undo.ok()) << undo.error().message.toStdString();
    std::vector<ExchangeRate> stored = rates.rates().value();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0], (ExchangeRate {QStringLiteral("USD"), QStringLiteral("EUR"), December4, 9, 10}));
    // Its undo: the typed rate gone, the imported one back.
    ASSERT_TRUE(rates.apply(undo.value()).ok());
    stored = rates.rates().value();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].currency, QStringLiteral("EUR"));
    EXPECT_EQ(stored[0].numerator * 10000, stored[0].denominator * 10823);
}

TEST(RateService, TheEcbsDailyAndHistoryFilesImportAllOrNothing)
{
    TestDatabase db;
    RateService& rates = db.service().rates();
    const Result<RateService::RateImport> dry = rates.importRates(dataFile("eurofxref.csv"), true);
    ASSERT_TRUE(dry.ok()) << dry.error().message.toStdString();
    EXPECT_GE(dry.value().read, 25);
    EXPECT_EQ(dry.value().changed, dry.value().read);
    EXPECT_TRUE(rates.rates().value().empty()) << "a dry run saves nothing";

    const Result<RateService::RateImport> daily = rates.importRates(dataFile("eurofxref.csv"));
    ASSERT_TRUE(daily.ok()) << daily.error().message.toStdString();
    EXPECT_EQ(daily.value().read, dry.value().read);
    const std::vector<ExchangeRate> stored = rates.rates().value();
    EXPECT_EQ(int(stored.size()), daily.value().read);
    const ExchangeRate usd {QStringLiteral("EUR"), QStringLiteral("USD"), December4, 10823, 10000};
    EXPECT_NE(std::find(stored.begin(), stored.end(), usd), stored.end());
    EXPECT_EQ(rates.importRates(dataFile("eurofxref.csv")).value().changed, 0);

    // The history: N/A cells and currencies gone from ISO 4217 are skipped and said.
    const Result<RateService::RateImport> history = rates.importRates(dataFile("eurofxref-hist.csv"));
    ASSERT_TRUE(history.ok()) << history.error().message.toStdString();
    EXPECT_EQ(history.value().changed, history.value().read - daily.value().read);
    const QString skipped = history.value().skipped.join(u'|');
    EXPECT_TRUE(skipped.contains(QStringLiteral("CYP (not a currency DealBoard keeps deals in)")))
        << skipped.toStdString();
    EXPECT_TRUE(skipped.contains(QStringLiteral("ISK on some days"))) << skipped.toStdString();

    // Converted through the euro: 1,000.00 USD in GBP on 4 December.
    ASSERT_TRUE(rates.setReportingCurrency(QStringLiteral("GBP")).ok());
    const RateTable inPounds = rates.rateTable().value(); // a total keeps a reference to its table
    ConvertedTotal total(inPounds);
    total.add(100000, QStringLiteral("USD"), December4);
    EXPECT_EQ(total.minor(), 78915);
    ConvertedTotal earlier(inPounds);
    earlier.add(100000, QStringLiteral("USD"), QDate(2026, 12, 3));
    EXPECT_EQ(describeRates(earlier), QStringLiteral("converted at the rates of 2026-12-03"));
    EXPECT_TRUE(db.service().check().value().faults.isEmpty());
}

TEST(RateService, ABadRateFileNamesItsLineAndColumnAndImportsNothing)
{
    TestDatabase db;
    RateService& rates = db.service().rates();
    const std::pair<QByteArray, const char*> bad[] = {
        {"Date,USD,JPY,\n2026-12-04,1.0823,162.50,\n2026-12-03,1.0791,abc,\n", "line 3, column 3"},
        {"Date,USD,JPY,\n2026-12-04,1.0823,162,50\n", "line 2, column 4"},
        {"Date,USD,JPY,\n2026-13-04,1.0823,162.50,\n", "line 2, column 1"},
        {"Date,USD,USD,\n", "named twice"},
        {"Datum,USD\n2026-12-04,1.0823\n", "ECB's header"},
        {"", "ECB's header"},
        {"Date,USD,JPY,\n2026-12-04,1.08", "no figure for JPY"}, // cut short
        {"Date,USD,JPY,\n2026-12-04,1.0823,1", "without a line end"}, // cut in 163.12
        {"Date,USD,JPY,\n2026-12-04,1.0823,", "without a line end"}, // cut after a comma
        {"Date,USD,JPY,\n2026-12-04,1.0823\n", "line 2, column 3: the row has 2 cells where the header has 3"},
        {"Date,USD\n2026-12-04,1.0823\n2026-12-04,1.09\n", "line 3, column 1: 2026-12-04 is given twice, on line 2"},
        {"Date,USD\n2026-12-04,\xff\xfe\n", "Line 2"},
        {"Date,USD\n2026-12-04,\u202e1.08\n", "line 2, column 2"},
        {"Date,U\u202eSD\n", "line 1, column 2"},
        {"Date,USD\n2026-12-04,-1.08\n", "line 2, column 2"},
        {"Date,USD\n2026-12-04,N/A\n", "no exchange rate"},
    };
    for (const auto& [bytes, why] : bad) {
        const QString path = writeFile(db, "bad.csv", bytes);
        const Result<RateService::RateImport> refused = rates.importRates(path);
        ASSERT_FALSE(refused.ok()) << bytes.toStdString();
        EXPECT_TRUE(refused.error().message.contains(QLatin1String(why)))
            << why << ": " << refused.error().message.toStdString();
        EXPECT_TRUE(rates.rates().value().empty()) << bytes.toStdString();
    }
    EXPECT_FALSE(rates.importRates(db.folder() + QStringLiteral("/missing.csv")).ok());

    // 100,000 days are read; one more is refused.
    QByteArray many = "Date,USD\n";
    QDate day(1800, 1, 1);
    for (int i = 0; i < 100'000; ++i, day = day.addDays(1)) {
        many += day.toString(Qt::ISODate).toLatin1() + ",1.0" + QByteArray::number(i % 10) + "\n";
    }
    const Result<RateService::RateImport> allDays = rates.importRates(writeFile(db, "many.csv", many), true);
    ASSERT_TRUE(allDays.ok()) << allDays.error().message.toStdString();
    EXPECT_EQ(allDays.value().read, 100'000);
    many += "2300-01-01,1.5\n";
    const Result<RateService::RateImport> tooMany = rates.importRates(writeFile(db, "many.csv", many), true);
    ASSERT_FALSE(tooMany.ok());
    EXPECT_TRUE(tooMany.error().message.contains(QStringLiteral("100000"))) << tooMany.error().message.toStdString();
}
