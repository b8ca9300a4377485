// Totals over deals in EUR, USD, JPY and BHD converted into the reporting
// currency: open deals at today's rate, won deals at their won day's, each
// currency's exact sum converted once, what has no rate named. Every
// expected figure is worked out by hand in the comments.
#include "TestDatabase.h"
#include "dealboard/Conversion.h"
#include "dealboard/Forecast.h"
#include "dealboard/OwnerMonth.h"
#include "dealboard/OwnerSplit.h"
#include "dealboard/Pipeline.h"
#include "dealboard/PipelineReport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

const QString EUR = QStringLiteral("EUR");
const QString USD = QStringLiteral("USD");
const QString JPY = QStringLiteral("JPY");
const QString BHD = QStringLiteral("BHD");
const QString GBP = QStringLiteral("GBP");

// 1 USD = 0.90 EUR from 2026-11-01, 0.95 from 2026-12-03; 1 JPY = 0.0062
// EUR and 1 BHD = 2.45 EUR from 2026-12-01. No rate for GBP.
RateTable rates()
{
    return RateTable(EUR,
                     {{USD, EUR, QDate(2026, 11, 1), 9, 10},
                      {USD, EUR, QDate(2026, 12, 3), 19, 20},
                      {JPY, EUR, QDate(2026, 12, 1), 62, 10000},
                      {BHD, EUR, QDate(2026, 12, 1), 245, 100}});
}

const QDateTime Now(QDate(2026, 12, 5), QTime(12, 0), Qt::UTC);
const QDate Today = Now.date();

ReportDeal reportDeal(DealId id, std::int64_t minor, const QString& currency, DealStatus status = DealStatus::Open)
{
    ReportDeal deal;
    deal.id = id;
    deal.valueMinor = minor;
    deal.status = status;
    deal.probabilityPercent = 50;
    deal.inReportCurrency = currency == EUR;
    deal.currency = currency == EUR ? QString() : currency;
    return deal;
}

qint64 ms(const QDate& day)
{
    return QDateTime(day, QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();
}

ForecastDeal forecastDeal(DealId id, const QString& owner, std::int64_t minor, const QString& currency,
                          const QDate& close, const QDate& wonOn = {})
{
    ForecastDeal deal;
    deal.id = id;
    deal.owner = owner;
    deal.stage = Stage::Negotiation;
    deal.valueMinor = minor;
    deal.currency = currency;
    deal.expectedClose = close;
    if (wonOn.isValid()) {
        deal.status = DealStatus::Won;
        deal.wonOn = wonOn;
    }
    return deal;
}

} // namespace

TEST(ConvertedTotals, EachCurrencysExactSumIsConvertedOnceAndRoundedHalfAwayFromZero)
{
    const RateTable table(EUR, {{USD, EUR, QDate(2026, 12, 1), 1, 2}}); // 1 USD = 0.50 EUR
    CurrencySums sums;
    for (int i = 0; i < 3; ++i) {
        sums.add(1, USD, Today); // $0.01 three times
    }
    // Per deal each cent would round 0.5 up to 1 (3 in all); the exact sum,
    // 3 cents × 0.5 = 1.5 cents, rounds once to 2.
    ConversionNote note;
    EXPECT_EQ(sums.convert(table, &note), 2);
    EXPECT_TRUE(note.complete());
    EXPECT_EQ(note.ratesText(), QStringLiteral("converted at the rates of 2026-12-01"));
}

TEST(ConvertedTotals, TheReportConvertsOpenDealsAtTodaysRateAndWonDealsAtTheirWonDays)
{
    std::vector<ReportDeal> deals = {
        reportDeal(1, 100000, EUR), // 1,000.00 EUR
        reportDeal(2, 100000, USD), // $1,000.00 × 0.95 (today's) = 950.00 EUR
        reportDeal(3, 150000, JPY), // ¥150,000 × 0.0062 = 930.00 EUR
        reportDeal(4, 1500, BHD), // 1.500 BHD × 2.45 = 3.675 EUR → 3.68
        reportDeal(5, 200000, USD, DealStatus::Won), // $2,000.00 won 2026-11-15 × 0.90 = 1,800.00 EUR
    };
    const std::vector<ReportHistoryRow> history = {
        {1, Stage::Prospecting, DealStatus::Open, ms(QDate(2026, 10, 1))},
        {2, Stage::Prospecting, DealStatus::Open, ms(QDate(2026, 10, 1))},
        {3, Stage::Prospecting, DealStatus::Open, ms(QDate(2026, 10, 1))},
        {4, Stage::Prospecting, DealStatus::Open, ms(QDate(2026, 10, 1))},
        {5, Stage::Prospecting, DealStatus::Open, ms(QDate(2026, 10, 1))},
        {5, Stage::Prospecting, DealStatus::Won, ms(QDate(2026, 11, 15))},
    };
    const RateTable table = rates();
    const PipelineReport report = PipelineReportBuilder::build(deals, history, ReportFilter(), {}, Now, &table);
    const StageFigures& prospecting = report.stages[0];
    EXPECT_EQ(prospecting.openDeals, 4);
    EXPECT_EQ(prospecting.openValueMinor, 100000 + 95000 + 93000 + 368);
    // Half of each, in its own currency, then converted: 500.00 + 475.00 +
    // (¥75,000 → 465.00) + (0.750 BHD → 1.8375 → 1.84).
    EXPECT_EQ(prospecting.weightedValueMinor, 50000 + 47500 + 46500 + 184);
    EXPECT_EQ(report.wonNewValueMinor, 180000);
    EXPECT_EQ(report.otherCurrencyDeals, 0);
    EXPECT_EQ(report.otherCurrencyWonDeals, 0);
    EXPECT_TRUE(report.conversion.complete());
    EXPECT_EQ(report.conversion.ratesText(), QStringLiteral("converted at the rates of 2026-11-01 to 2026-12-03"));
    const QString text = PipelineReportFormat::table(report);
    EXPECT_TRUE(text.contains(QStringLiteral("Values in EUR, converted at the rates of 2026-11-01 to 2026-12-03.")))
        << text.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(PipelineReportFormat::json(report)).object();
    const QJsonObject conversion = json[QStringLiteral("conversion")].toObject();
    EXPECT_EQ(conversion[QStringLiteral("reporting_currency")].toString(), EUR);
    EXPECT_EQ(conversion[QStringLiteral("rates_to")].toString(), QStringLiteral("2026-12-03"));
    EXPECT_TRUE(conversion[QStringLiteral("unconverted")].toArray().isEmpty());
}

TEST(ConvertedTotals, ACurrencyWithoutARateIsLeftOutAndNamedNeverSilently)
{
    std::vector<ReportDeal> deals
        = {reportDeal(1, 100000, EUR), reportDeal(2, 5000, GBP), reportDeal(3, 7000, GBP), reportDeal(4, 100000, USD)};
    const RateTable table = rates();
    const PipelineReport report = PipelineReportBuilder::build(deals, {}, ReportFilter(), {}, Now, &table);
    EXPECT_EQ(report.stages[0].openValueMinor, 100000 + 95000) << "the GBP deals are not in the EUR total";
    EXPECT_EQ(report.otherCurrencyDeals, 2);
    ASSERT_EQ(report.conversion.unconverted.count(GBP), 1u);
    EXPECT_EQ(report.conversion.unconverted.at(GBP).deals, 2);
    EXPECT_EQ(report.conversion.unconverted.at(GBP).minor, 12000);
    const QString text = PipelineReportFormat::table(report);
    EXPECT_TRUE(text.contains(QStringLiteral("not converted, no rate: 2 deals in GBP (120 GBP)")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("No exchange rate to EUR for GBP"))) << text.toStdString();
    const QJsonObject json = QJsonDocument::fromJson(PipelineReportFormat::json(report)).object();
    const QJsonArray left = json[QStringLiteral("conversion")].toObject()[QStringLiteral("unconverted")].toArray();
    ASSERT_EQ(left.size(), 1);
    EXPECT_EQ(left[0].toObject()[QStringLiteral("currency")].toString(), GBP);
    EXPECT_EQ(left[0].toObject()[QStringLiteral("deals")].toInt(), 2);
    EXPECT_EQ(left[0].toObject()[QStringLiteral("value")].toString(), QStringLiteral("120.00"));
}

TEST(ConvertedTotals, TheOwnerTableConvertsEachOwnersValues)
{
    std::vector<ReportDeal> deals
        = {reportDeal(1, 100000, EUR), reportDeal(2, 150000, JPY), reportDeal(3, 100000, USD)};
    deals[0].owner = deals[1].owner = QStringLiteral("anna");
    deals[2].owner = QStringLiteral("ben");
    const RateTable table = rates();
    const OwnerSplit split = OwnerSplitBuilder::build(deals, {}, ReportFilter(), {}, Now, &table);
    ASSERT_EQ(split.owners.size(), 2u);
    EXPECT_EQ(split.owners[0].openValueMinor, 100000 + 93000); // anna: 1,000.00 + ¥150,000 → 930.00
    EXPECT_EQ(split.owners[1].openValueMinor, 95000); // ben: $1,000.00 → 950.00
    EXPECT_EQ(split.team.openValueMinor, 288000);
    EXPECT_EQ(split.conversion.ratesText(), QStringLiteral("converted at the rates of 2026-12-01 to 2026-12-03"));
    EXPECT_TRUE(OwnerSplitFormat::table(split).contains(QStringLiteral("Values in EUR, converted at the rates of")));
}

TEST(ConvertedTotals, TheForecastHasOneRowPerOwnerInTheReportingCurrency)
{
    const QDate december(2026, 12, 20);
    const std::vector<ForecastDeal> deals = {
        forecastDeal(1, QStringLiteral("anna"), 100000, EUR, december), // 1,000.00
        forecastDeal(2, QStringLiteral("anna"), 100000, USD, december), // × 0.95 = 950.00
        forecastDeal(3, QStringLiteral("ben"), 150000, JPY, december), // × 0.0062 = 930.00
        forecastDeal(4, QStringLiteral("ben"), 200000, USD, december, QDate(2026, 12, 2)), // won at 0.90: 1,800.00
        forecastDeal(5, QStringLiteral("ben"), 9900, GBP, december), // no rate
    };
    const RateTable table = rates();
    const Forecast forecast = Forecast::build(deals, Today, 2, EUR, {}, {}, &table);
    std::vector<const ForecastRow*> december26;
    for (const ForecastRow& row : forecast.rows) {
        EXPECT_EQ(row.currency, EUR);
        if (row.bucket == QStringLiteral("2026-12")) {
            december26.push_back(&row);
        }
    }
    ASSERT_EQ(december26.size(), 3u); // anna, ben, the team
    EXPECT_EQ(december26[0]->owner, QStringLiteral("anna"));
    EXPECT_EQ(december26[0]->figures.openMinor, 195000);
    EXPECT_EQ(december26[1]->figures.openMinor, 93000);
    EXPECT_EQ(december26[1]->figures.openDeals, 2) << "the GBP deal is counted, its value left out";
    EXPECT_EQ(december26[1]->figures.wonMinor, 180000);
    ASSERT_TRUE(december26[2]->team);
    EXPECT_EQ(december26[2]->figures.openMinor, 288000);
    EXPECT_EQ(december26[2]->figures.wonMinor, 180000);
    ASSERT_EQ(forecast.conversion.unconverted.count(GBP), 1u);
    EXPECT_EQ(forecast.conversion.unconverted.at(GBP).deals, 1);
    const QString text = ForecastFormat::table(forecast);
    EXPECT_TRUE(text.contains(QStringLiteral("Values in EUR, converted at the rates of 2026-11-01 to 2026-12-03.")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("not converted, no rate: 1 deal in GBP (99 GBP)"))) << text.toStdString();
    const QJsonObject json = ForecastFormat::json(forecast);
    EXPECT_EQ(json[QStringLiteral("conversion")].toObject()[QStringLiteral("reporting_currency")].toString(), EUR);

    // Kept per currency without rates to convert with, as a snapshot stores it.
    const Forecast perCurrency = Forecast::build(deals, Today, 2, EUR);
    EXPECT_TRUE(std::any_of(perCurrency.rows.begin(), perCurrency.rows.end(),
                            [](const ForecastRow& row) { return row.currency == JPY; }));
}

TEST(ConvertedTotals, AQuotaIsInTheReportingCurrencyAndCountsEveryDealConverted)
{
    const QDate close(2026, 12, 20);
    const std::vector<ForecastDeal> deals = {
        forecastDeal(1, QStringLiteral("anna"), 200000, USD, close, QDate(2026, 12, 2)), // at 0.90: 1,800.00
        forecastDeal(2, QStringLiteral("anna"), 150000, EUR, close, QDate(2026, 12, 4)), // 1,500.00
        forecastDeal(3, QStringLiteral("ben"), 150000, JPY, close, QDate(2026, 12, 3)), // 930.00
        forecastDeal(4, QStringLiteral("carla"), 100000, EUR, close, QDate(2026, 12, 3)),
    };
    const std::vector<Quota> quotas = {
        {QStringLiteral("anna"), QStringLiteral("2026-12"), {300000, EUR}},
        // Kept from before: converted at today's rate (the month under way), $1,000.00 × 0.95.
        {QStringLiteral("ben"), QStringLiteral("2026-12"), {100000, USD}},
        {QStringLiteral("carla"), QStringLiteral("2026-12"), {100000, GBP}}, // no rate: named, not counted
        {QStringLiteral("carla"), QStringLiteral("2026-12"), {2250, QStringLiteral("SEK")}}, // and this one too
    };
    const RateTable table = rates();
    const OwnerMonth month
        = OwnerMonth::build(deals, quotas, {}, QStringLiteral("2026-12"), Today, StageProbabilities(), &table);
    ASSERT_EQ(month.rows.size(), 3u); // one row per owner
    const OwnerMonthRow& anna = month.rows[0];
    EXPECT_EQ(anna.currency, EUR);
    EXPECT_EQ(anna.wonDeals, 2);
    EXPECT_EQ(anna.wonMinor, 330000);
    EXPECT_EQ(anna.standing, OwnerMonthRow::Standing::Met) << "3,300.00 won against a 3,000.00 quota";
    const OwnerMonthRow& ben = month.rows[1];
    EXPECT_EQ(ben.quotaMinor, 95000);
    EXPECT_EQ(ben.wonMinor, 93000);
    EXPECT_EQ(ben.standing, OwnerMonthRow::Standing::Behind);
    const OwnerMonthRow& carla = month.rows[2];
    EXPECT_FALSE(carla.quotaMinor);
    EXPECT_EQ(carla.standing, OwnerMonthRow::Standing::QuotaNotConverted); // not "no quota"
    ASSERT_EQ(carla.unconvertedQuotas.size(), 2u);
    EXPECT_EQ(carla.unconvertedQuotas.front(), (Money {100000, GBP}));
    EXPECT_EQ(carla.unconvertedQuotas.back(), (Money {2250, QStringLiteral("SEK")}));
    const QString text = OwnerMonthFormat::table(month);
    EXPECT_TRUE(text.contains(QStringLiteral("The quota of carla, 1,000 GBP, has no rate to EUR")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("The quota of carla, 22.50 SEK, has no rate to EUR")))
        << text.toStdString();
    const QJsonArray named = OwnerMonthFormat::json(month)[QStringLiteral("owners")]
                                 .toArray()[2]
                                 .toObject()[QStringLiteral("unconverted_quotas")]
                                 .toArray();
    ASSERT_EQ(named.size(), 2);
    EXPECT_EQ(named[1].toObject()[QStringLiteral("amount")].toString(), QStringLiteral("22.50"));
    EXPECT_TRUE(text.contains(QStringLiteral("Quotas and values in EUR, converted at the rates of")))
        << text.toStdString();
}

// Through the service on a file and a server: every total in the reporting
// currency; with no rate stored, the deals in another currency are named.
TEST(ConvertedTotals, TheServiceNamesTheCurrenciesItCouldNotConvert)
{
    TestDatabase db;
    DealFields fields = TestDatabase::qualified();
    fields.valueMinor = 120000;
    fields.owner = QStringLiteral("anna");
    fields.expectedClose = QDate(2026, 3, 31);
    db.create(QStringLiteral("In euros"), Stage::Qualifying, fields);
    fields.currency = USD;
    fields.valueMinor = 50000;
    db.create(QStringLiteral("In dollars"), Stage::Qualifying, fields);

    Result<PipelineReport> report = db.service().reports().report(ReportFilter());
    ASSERT_TRUE(report.ok()) << report.error().message.toStdString();
    EXPECT_EQ(report.value().currency, EUR);
    EXPECT_EQ(report.value().stages[stageIndex(Stage::Qualifying)].openValueMinor, 120000);
    EXPECT_EQ(report.value().otherCurrencyDeals, 1);
    EXPECT_TRUE(PipelineReportFormat::table(report.value())
                    .contains(QStringLiteral("not converted, no rate: 1 deal in USD (500 USD)")));

    Result<Forecast> forecast = db.service().reports().forecast(std::nullopt, 2);
    ASSERT_TRUE(forecast.ok()) << forecast.error().message.toStdString();
    EXPECT_EQ(forecast.value().conversion.unconvertedCurrencies(), USD);
    for (const ForecastRow& row : forecast.value().rows) {
        EXPECT_EQ(row.currency, EUR);
    }
    Result<OwnerMonth> month = db.service().reports().ownerMonth(QStringLiteral("2026-03"));
    ASSERT_TRUE(month.ok());
    ASSERT_EQ(month.value().rows.size(), 1u);
    EXPECT_EQ(month.value().rows[0].currency, EUR);
}

TEST(ConvertedTotals, AQuotaInAnotherCurrencyThanTheReportingOneIsRefusedAndMayStillBeRemoved)
{
    TestDatabase db;
    ReportService& reports = db.service().reports();
    const Result<void> refused
        = reports.setQuota(QStringLiteral("anna"), QStringLiteral("2026-03"), USD, std::int64_t(500000));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidInput);
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("reporting currency, EUR")))
        << refused.error().message.toStdString();
    EXPECT_TRUE(reports.quotas().value().empty()) << "nothing saved";
    ASSERT_TRUE(reports.setQuota(QStringLiteral("anna"), QStringLiteral("2026-03"), EUR, std::int64_t(500000)).ok());
    EXPECT_TRUE(reports.setQuota(QStringLiteral("anna"), QStringLiteral("2026-03"), USD, std::nullopt).ok());
}

// With rates stored through the service, on a file and a server: EUR, USD,
// JPY and BHD deals make one total; GBP, without a rate, is named.
TEST(ConvertedTotals, StoredRatesConvertEveryTotalOfTheService)
{
    TestDatabase db; // the clock reads 2026-03-02 09:00 UTC
    RateService& rates = db.service().rates();
    ASSERT_TRUE(rates.setRate(USD, QDate(2026, 2, 1), {9, 10}).ok()); // 1 USD = 0.90 EUR
    ASSERT_TRUE(rates.setRate(JPY, QDate(2026, 3, 1), {62, 10000}).ok()); // 1 JPY = 0.0062 EUR
    ASSERT_TRUE(rates.setRate(BHD, QDate(2026, 3, 1), {245, 100}).ok()); // 1 BHD = 2.45 EUR
    DealFields fields = TestDatabase::qualified();
    fields.owner = QStringLiteral("anna");
    fields.expectedClose = QDate(2026, 3, 31);
    const std::vector<std::pair<QString, std::int64_t>> values
        = {{EUR, 120000}, {USD, 50000}, {JPY, 150000}, {BHD, 1500}, {GBP, 9900}};
    for (const auto& [currency, minor] : values) {
        fields.currency = currency;
        fields.valueMinor = minor;
        db.create(QStringLiteral("In ") + currency, Stage::Qualifying, fields);
    }
    // 1,200.00 + $500.00 × 0.90 + ¥150,000 × 0.0062 + 1.500 BHD × 2.45
    // = 1,200.00 + 450.00 + 930.00 + 3.675 (→ 3.68) EUR; GBP left out.
    const std::int64_t converted = 120000 + 45000 + 93000 + 368;

    Result<PipelineReport> report = db.service().reports().report(ReportFilter());
    ASSERT_TRUE(report.ok()) << report.error().message.toStdString();
    EXPECT_EQ(report.value().stages[stageIndex(Stage::Qualifying)].openValueMinor, converted);
    EXPECT_EQ(report.value().otherCurrencyDeals, 1);
    EXPECT_EQ(report.value().conversion.unconvertedCurrencies(), GBP);
    EXPECT_EQ(report.value().conversion.ratesText(),
              QStringLiteral("converted at the rates of 2026-02-01 to 2026-03-01"));

    Result<Forecast> forecast = db.service().reports().forecast(std::nullopt, 2);
    ASSERT_TRUE(forecast.ok());
    bool seen = false;
    for (const ForecastRow& row : forecast.value().rows) {
        if (row.team && row.bucket == QStringLiteral("2026-03")) {
            EXPECT_EQ(row.figures.openMinor, converted);
            EXPECT_EQ(row.figures.openDeals, 5);
            seen = true;
        }
    }
    EXPECT_TRUE(seen);

    ASSERT_TRUE(db.service()
                    .reports()
                    .setQuota(QStringLiteral("anna"), QStringLiteral("2026-03"), EUR, std::int64_t(500000))
                    .ok());
    Result<OwnerMonth> month = db.service().reports().ownerMonth(QStringLiteral("2026-03"));
    ASSERT_TRUE(month.ok());
    ASSERT_EQ(month.value().rows.size(), 1u);
    EXPECT_EQ(month.value().rows[0].quotaMinor, 500000);
    EXPECT_EQ(month.value().rows[0].closingDeals, 5);

    // A new reporting currency: the same deals, now in dollars through the
    // inverse and cross rates; the quota kept in EUR is converted.
    ASSERT_TRUE(rates.setReportingCurrency(USD).ok());
    Result<PipelineReport> inDollars = db.service().reports().report(ReportFilter());
    ASSERT_TRUE(inDollars.ok());
    EXPECT_EQ(inDollars.value().currency, USD);
    Result<OwnerMonth> dollarMonth = db.service().reports().ownerMonth(QStringLiteral("2026-03"));
    ASSERT_TRUE(dollarMonth.ok());
    EXPECT_EQ(dollarMonth.value().rows[0].currency, USD);
    EXPECT_EQ(dollarMonth.value().rows[0].quotaMinor, 555556) << "5,000.00 EUR ÷ 0.90 = 5,555.555… USD";
}
