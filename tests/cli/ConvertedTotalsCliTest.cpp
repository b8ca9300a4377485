// Totals in the reporting currency from the real CLI binary, on a file and
// on a server: a stored rate converts the dollars, the pounds without one
// are named, JSON and CSV carry the rates' date, and a quota is set in the
// reporting currency.
#include "CliFixture.h"

#include <QJsonArray>

namespace dealboard {

namespace {

class ConvertedTotalsCli : public Cli
{
protected:
    void SetUp() override
    {
        for (const QStringList& deal : {QStringList {QStringLiteral("--currency"), QStringLiteral("EUR"),
                                                     QStringLiteral("--value"), QStringLiteral("1200")},
                                        QStringList {QStringLiteral("--currency"), QStringLiteral("USD"),
                                                     QStringLiteral("--value"), QStringLiteral("500")},
                                        QStringList {QStringLiteral("--currency"), QStringLiteral("GBP"),
                                                     QStringLiteral("--value"), QStringLiteral("99")}}) {
            add(QStringList {QStringLiteral("--title"), QStringLiteral("In ") + deal.at(1), QStringLiteral("--owner"),
                             QStringLiteral("anna"), QStringLiteral("--close-date"), QStringLiteral("2026-03-31")}
                + deal);
        }
        const CliRun rate = run({QStringLiteral("rate"), QStringLiteral("set"), QStringLiteral("USD"),
                                 QStringLiteral("2026-02-01"), QStringLiteral("0.9")});
        ASSERT_EQ(rate.exitCode, 0) << rate.err.toStdString();
    }
};

} // namespace

TEST_F(ConvertedTotalsCli, TheReportConvertsAndNamesWhatNoRateConverts)
{
    const CliRun table = run({QStringLiteral("report")});
    ASSERT_EQ(table.exitCode, 0) << table.err.toStdString();
    EXPECT_TRUE(table.out.contains(QStringLiteral("1,650 EUR"))) << table.out.toStdString(); // 1,200 + 500 × 0.9
    EXPECT_TRUE(table.out.contains(QStringLiteral("Values in EUR, converted at the rates of 2026-02-01.")))
        << table.out.toStdString();
    EXPECT_TRUE(table.out.contains(QStringLiteral("not converted, no rate: 1 deal in GBP (99 GBP)")))
        << table.out.toStdString();

    const CliRun json = run({QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(json.exitCode, 0);
    const QJsonObject root = QJsonDocument::fromJson(json.out.toUtf8()).object();
    EXPECT_EQ(root[QStringLiteral("currency")].toString(), QStringLiteral("EUR"));
    const QJsonObject conversion = root[QStringLiteral("conversion")].toObject();
    EXPECT_EQ(conversion[QStringLiteral("rates_to")].toString(), QStringLiteral("2026-02-01"));
    const QJsonArray left = conversion[QStringLiteral("unconverted")].toArray();
    ASSERT_EQ(left.size(), 1);
    EXPECT_EQ(left[0].toObject()[QStringLiteral("currency")].toString(), QStringLiteral("GBP"));
    EXPECT_EQ(left[0].toObject()[QStringLiteral("value")].toString(), QStringLiteral("99.00"));
}

TEST_F(ConvertedTotalsCli, TheForecastHasOneTeamRowPerMonthInTheReportingCurrency)
{
    const CliRun csv = run({QStringLiteral("forecast"), QStringLiteral("--months"), QStringLiteral("1"),
                            QStringLiteral("--format"), QStringLiteral("csv")});
    ASSERT_EQ(csv.exitCode, 0) << csv.err.toStdString();
    EXPECT_TRUE(csv.out.startsWith(QStringLiteral("bucket,owner,currency,open_deals,open_value,weighted_value,"
                                                  "empirical_value,won_deals,won_value,rates_date,unconverted\r\n")))
        << csv.out.toStdString();
    EXPECT_TRUE(csv.out.contains(QStringLiteral("2026-03,(team),EUR,3,1650.00,"))) << csv.out.toStdString();
    EXPECT_TRUE(csv.out.contains(QStringLiteral(",2026-02-01,GBP\r\n"))) << csv.out.toStdString();
    EXPECT_FALSE(csv.out.contains(QStringLiteral(",USD,"))) << "no row per currency any more";
}

TEST_F(ConvertedTotalsCli, AQuotaIsSetInTheReportingCurrency)
{
    const CliRun set = run({QStringLiteral("quota"), QStringLiteral("set"), QStringLiteral("anna"),
                            QStringLiteral("2026-03"), QStringLiteral("5000")});
    ASSERT_EQ(set.exitCode, 0) << set.err.toStdString();
    EXPECT_TRUE(set.out.contains(QStringLiteral("5,000 EUR"))) << set.out.toStdString();
    const CliRun dollars = run({QStringLiteral("quota"), QStringLiteral("set"), QStringLiteral("anna"),
                                QStringLiteral("2026-03"), QStringLiteral("5000"), QStringLiteral("USD")});
    EXPECT_NE(dollars.exitCode, 0);
    EXPECT_TRUE(dollars.err.contains(QStringLiteral("reporting currency, EUR"))) << dollars.err.toStdString();
    const CliRun status = run({QStringLiteral("quota"), QStringLiteral("status"), QStringLiteral("--month"),
                               QStringLiteral("2026-03"), QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(status.exitCode, 0) << status.err.toStdString();
    const QJsonObject month = QJsonDocument::fromJson(status.out.toUtf8()).object();
    const QJsonArray owners = month[QStringLiteral("owners")].toArray();
    ASSERT_EQ(owners.size(), 1);
    EXPECT_EQ(owners[0].toObject()[QStringLiteral("quota")].toString(), QStringLiteral("5000.00"));
    EXPECT_EQ(owners[0].toObject()[QStringLiteral("currency")].toString(), QStringLiteral("EUR"));
    EXPECT_EQ(month[QStringLiteral("conversion")].toObject()[QStringLiteral("reporting_currency")].toString(),
              QStringLiteral("EUR"));
}

} // namespace dealboard
