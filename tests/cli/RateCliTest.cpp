// currency and rate through the real dealboard-cli: the reporting currency,
// rates set, listed in three forms, removed and imported from the ECB's
// files; on a team's server a manager's to set, and a rep with a SQL client
// of their own gets no further than the CLI lets them.
#include "TeamFixture.h"

#include <QJsonArray>

using namespace dealboard;

namespace {

QStringList args(std::initializer_list<const char*> words)
{
    QStringList list;
    for (const char* word : words) {
        list << QString::fromUtf8(word);
    }
    return list;
}

} // namespace

TEST_F(Cli, CurrencyAndRatesAreSetListedRemovedAndRefusedWithWhy)
{
    CliRun shown = run(args({"currency"}));
    ASSERT_EQ(shown.exitCode, 0) << shown.err.toStdString();
    EXPECT_EQ(shown.out, QStringLiteral("EUR\n"));
    const CliRun mistyped = run(args({"currency", "set", "EUO"}));
    EXPECT_EQ(mistyped.exitCode, 2) << mistyped.err.toStdString();
    EXPECT_TRUE(mistyped.err.contains(QStringLiteral("EUR"))) << mistyped.err.toStdString();
    EXPECT_EQ(run(args({"currency", "set"})).exitCode, 1);
    EXPECT_EQ(run(args({"currency", "frobnicate"})).exitCode, 1);

    const CliRun set = run(args({"rate", "set", "usd", "2026-12-01", "0.9412"}));
    ASSERT_EQ(set.exitCode, 0) << set.err.toStdString();
    EXPECT_EQ(set.out, QStringLiteral("From 2026-12-01: 1 USD = 0.9412 EUR.\n"));
    ASSERT_EQ(run(args({"rate", "set", "JPY", "2026-12-04", "0.0061"})).exitCode, 0);
    const std::pair<QStringList, const char*> refused[] = {
        {args({"rate", "set", "USD", "2026-12-01", "0,9412"}), "not a ','"},
        {args({"rate", "set", "USD", "2026-12-32", "0.9"}), "YYYY-MM-DD"},
        {args({"rate", "set", "USD", "1.12.2026", "0.9"}), "YYYY-MM-DD"},
        {args({"rate", "set", "EUR", "2026-12-01", "1"}), "reporting currency"},
        {args({"rate", "set", "DOLLAR", "2026-12-01", "1"}), "USD"},
        {args({"rate", "set", "USD", "2026-12-01", "-1"}), "only digits"},
    };
    for (const auto& [arguments, why] : refused) {
        const CliRun bad = run(arguments);
        EXPECT_EQ(bad.exitCode, 2) << arguments.join(u' ').toStdString() << bad.err.toStdString();
        EXPECT_TRUE(bad.err.contains(QLatin1String(why))) << why << ": " << bad.err.toStdString();
    }
    EXPECT_EQ(run(args({"rate", "set", "USD", "2026-12-01"})).exitCode, 1);

    const CliRun table = run(args({"rate", "list"}));
    ASSERT_EQ(table.exitCode, 0) << table.err.toStdString();
    EXPECT_TRUE(table.out.contains(QStringLiteral("2026-12-01  USD"))) << table.out.toStdString();
    EXPECT_TRUE(table.out.contains(QStringLiteral("2 rate(s)"))) << table.out.toStdString();
    const CliRun csv = run(args({"rate", "list", "--currency", "usd", "--format", "csv"}));
    ASSERT_EQ(csv.exitCode, 0) << csv.err.toStdString();
    EXPECT_EQ(csv.out.trimmed().split(QLatin1Char('\n')).size(), 2) << csv.out.toStdString();
    EXPECT_TRUE(csv.out.startsWith(QStringLiteral("date,currency,base,rate,numerator,denominator")));
    EXPECT_TRUE(csv.out.contains(QStringLiteral("\n2026-12-01,USD,EUR,0.9412,2353,2500"))) << csv.out.toStdString();
    const CliRun json = run(args({"rate", "list", "--format", "json"}));
    const QJsonArray rows = QJsonDocument::fromJson(json.out.toUtf8()).array();
    ASSERT_EQ(rows.size(), 2) << json.out.toStdString();
    EXPECT_EQ(rows[0].toObject()[QStringLiteral("currency")].toString(), QStringLiteral("JPY"));
    EXPECT_EQ(rows[0].toObject()[QStringLiteral("rate")].toString(), QStringLiteral("0.0061"));

    const CliRun missing = run(args({"rate", "remove", "USD", "2026-12-02"}));
    EXPECT_EQ(missing.exitCode, 2) << missing.err.toStdString();
    EXPECT_TRUE(missing.err.contains(QStringLiteral("no rate of USD"))) << missing.err.toStdString();
    ASSERT_EQ(run(args({"rate", "remove", "USD", "2026-12-01"})).exitCode, 0);

    ASSERT_EQ(run(args({"currency", "set", "jpy"})).exitCode, 0);
    EXPECT_EQ(run(args({"currency", "show"})).out, QStringLiteral("JPY\n"));
    // The yen's rate in euro, read the other way round, stays.
    EXPECT_TRUE(run(args({"rate", "list"})).out.contains(QStringLiteral("1 rate(s)")));
    EXPECT_EQ(run(args({"check"})).exitCode, 0);
}

TEST_F(Cli, TheEcbsFilesImportAllOrNothingAndADryRunSavesNothing)
{
    const QString daily = QStringLiteral(DEALBOARD_TEST_DATA "/rates/eurofxref.csv");
    const CliRun dry = run({QStringLiteral("rate"), QStringLiteral("import"), daily, QStringLiteral("--dry-run")});
    ASSERT_EQ(dry.exitCode, 0) << dry.err.toStdString();
    EXPECT_TRUE(dry.out.startsWith(QStringLiteral("Would import "))) << dry.out.toStdString();
    EXPECT_TRUE(dry.out.contains(QStringLiteral("nothing was saved"))) << dry.out.toStdString();
    EXPECT_TRUE(run(args({"rate", "list"})).out.contains(QStringLiteral("0 rate(s)")));

    const CliRun imported = run({QStringLiteral("rate"), QStringLiteral("import"), daily});
    ASSERT_EQ(imported.exitCode, 0) << imported.err.toStdString();
    EXPECT_TRUE(imported.out.startsWith(QStringLiteral("Imported "))) << imported.out.toStdString();
    const CliRun usd = run(args({"rate", "list", "--currency", "USD", "--format", "csv"}));
    EXPECT_TRUE(usd.out.contains(QStringLiteral("2026-12-04,EUR,USD,1.0823,10823,10000"))) << usd.out.toStdString();

    const QString bad = m_dir.filePath(QStringLiteral("bad.csv"));
    QFile file(bad);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("Date,USD,GBP,\n2026-12-05,1.09,0.86,\n2026-12-06,1.10,x,\n");
    file.close();
    const CliRun refused = run({QStringLiteral("rate"), QStringLiteral("import"), bad});
    EXPECT_EQ(refused.exitCode, 2) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("line 3, column 3"))) << refused.err.toStdString();
    EXPECT_FALSE(run(args({"rate", "list"})).out.contains(QStringLiteral("2026-12-05")));
}

// A rep reads the rates and the reporting currency but sets neither, in the
// CLI nor with their own SQL client; a manager does; the server refuses a
// malformed rate even from a manager's SQL client.
TEST_F(Team, RatesAndTheReportingCurrencyAreAManagersToSet)
{
    const CliRun byRep = runAs(QStringLiteral("anna"), args({"rate", "set", "USD", "2026-12-01", "0.9"}));
    EXPECT_EQ(byRep.exitCode, 3) << byRep.err.toStdString();
    EXPECT_TRUE(byRep.err.contains(QStringLiteral("Only a manager can set the reporting currency and the exchange "
                                                  "rates")))
        << byRep.err.toStdString();
    EXPECT_EQ(runAs(QStringLiteral("anna"), args({"currency", "set", "USD"})).exitCode, 3);
    const CliRun imported = runAs(
        QStringLiteral("anna"),
        {QStringLiteral("rate"), QStringLiteral("import"), QStringLiteral(DEALBOARD_TEST_DATA "/rates/eurofxref.csv")});
    EXPECT_EQ(imported.exitCode, 3) << imported.err.toStdString();

    const CliRun byManager = runAs(QStringLiteral("mia"), args({"rate", "set", "USD", "2026-12-01", "0.9"}));
    ASSERT_EQ(byManager.exitCode, 0) << byManager.err.toStdString();
    ASSERT_EQ(runAs(QStringLiteral("mia"), args({"currency", "set", "GBP"})).exitCode, 0);
    EXPECT_TRUE(runAs(QStringLiteral("anna"), args({"rate", "list"})).out.contains(QStringLiteral("USD")));
    EXPECT_EQ(runAs(QStringLiteral("ben"), args({"currency"})).out, QStringLiteral("GBP\n"));

    const QStringList raw = sqlAs(
        QStringLiteral("anna"),
        {QStringLiteral("INSERT INTO exchange_rates (currency, base, date, numerator, denominator) VALUES "
                        "('CHF', 'EUR', '2026-12-01', 1, 1)"),
         QStringLiteral("UPDATE exchange_rates SET numerator = 1"), QStringLiteral("DELETE FROM exchange_rates"),
         QStringLiteral("UPDATE settings SET value = 'JPY' WHERE key = 'money.reporting_currency'"),
         QStringLiteral("INSERT INTO settings (key, value) VALUES ('x', 'y')"),
         QStringLiteral("SELECT dealboard_remove_row('exchange_rates', 'USD', 'GBP', '2026-12-01')"),
         QStringLiteral("LOCK TABLE exchange_rates IN SHARE MODE"),
         QStringLiteral("SELECT count(*) FROM exchange_rates")});
    EXPECT_EQ(raw,
              (QStringList {QString(), QString(), QString(), QString(), QString(), QString(), QString(),
                            QStringLiteral("1")}));
    const QStringList byMia
        = sqlAs(QStringLiteral("mia"),
                {QStringLiteral("INSERT INTO exchange_rates (currency, base, date, numerator, denominator) VALUES "
                                "('usd', 'EUR', '2026-12-01', 1, 1)"),
                 QStringLiteral("INSERT INTO exchange_rates (currency, base, date, numerator, denominator) VALUES "
                                "('USD', 'USD', '2026-12-01', 1, 1)"),
                 QStringLiteral("INSERT INTO exchange_rates (currency, base, date, numerator, denominator) VALUES "
                                "('USD', 'EUR', '2026-12-01', 0, 1)"),
                 QStringLiteral("INSERT INTO exchange_rates (currency, base, date, numerator, denominator) VALUES "
                                "('USD', 'EUR', '2026-12-01', 1000000000000001, 1)"),
                 QStringLiteral("UPDATE settings SET value = 'usd' WHERE key = 'money.reporting_currency'"),
                 QStringLiteral("SELECT dealboard_remove_row('exchange_rates', 'USD', 'EUR', '2026-12-01')"),
                 QStringLiteral("SELECT count(*) FROM exchange_rates")});
    ASSERT_EQ(byMia.size(), 7);
    EXPECT_EQ(byMia.mid(0, 5), QStringList(5, QString())) << "each malformed write refused";
    EXPECT_FALSE(byMia.at(5).isNull()) << "a manager removes a rate through the server's function";
    EXPECT_EQ(byMia.at(6), QStringLiteral("0"));
    EXPECT_EQ(run(args({"check"})).exitCode, 0);
}
