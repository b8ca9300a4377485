// Each currency with its own ISO 4217 decimals through the CLI: entered,
// listed, exported and imported back exactly; unknown codes refused.
#include "CliFixture.h"
#include "RawSql.h"
#include "dealboard/CsvReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace dealboard;

namespace {

class CurrencyCli : public Cli
{
protected:
    QString add(const QString& title, const QString& value, const QString& currency)
    {
        const CliRun added = run({QStringLiteral("add"), QStringLiteral("--title"), title, QStringLiteral("--value"),
                                  value, QStringLiteral("--currency"), currency});
        EXPECT_EQ(added.exitCode, 0) << added.err.toStdString();
        return added.out.trimmed();
    }
};

} // namespace

TEST_F(CurrencyCli, YenAndDinarsRoundTripThroughExportAndImportExactly)
{
    const QString yen = add(QStringLiteral("Tokyo"), QStringLiteral("1500"), QStringLiteral("JPY"));
    add(QStringLiteral("Manama"), QStringLiteral("1.5"), QStringLiteral("bhd"));
    add(QStringLiteral("Kuwait"), QStringLiteral("12345.678"), QStringLiteral("KWD"));
    add(QStringLiteral("Paris"), QStringLiteral("1234.5"), QStringLiteral("EUR"));
    const CliRun shown = run({QStringLiteral("show"), yen});
    EXPECT_TRUE(shown.out.contains(QStringLiteral("1,500 JPY"))) << shown.out.toStdString();
    const CliRun listed = run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonArray deals = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    QStringList values;
    for (const QJsonValue& deal : deals) {
        values << deal[QStringLiteral("value")].toString() + QLatin1Char(' ')
                + deal[QStringLiteral("currency")].toString();
    }
    values.sort();
    EXPECT_EQ(values,
              (QStringList {QStringLiteral("1.500 BHD"), QStringLiteral("1234.50 EUR"), QStringLiteral("12345.678 KWD"),
                            QStringLiteral("1500 JPY")}));

    const QString first = m_dir.filePath(QStringLiteral("first.csv"));
    ASSERT_EQ(run({QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out"), first}).exitCode, 0);
    const QByteArray written = test::fileBytes(first);
    EXPECT_TRUE(written.contains(",1500,JPY,")) << written.toStdString();
    EXPECT_TRUE(written.contains(",1.500,BHD,")) << written.toStdString();
    const QString other = m_dir.filePath(QStringLiteral("other.dealboard"));
    const CliRun imported = run({QStringLiteral("import"), QStringLiteral("deals"), first}, other);
    ASSERT_EQ(imported.exitCode, 0) << imported.err.toStdString();
    const QString second = m_dir.filePath(QStringLiteral("second.csv"));
    ASSERT_EQ(run({QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out"), second}, other).exitCode,
              0);
    Result<CsvTable> a = CsvReader::parse(written);
    Result<CsvTable> b = CsvReader::parse(test::fileBytes(second));
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a.value().rows.size(), b.value().rows.size());
    for (std::size_t i = 0; i < a.value().rows.size(); ++i) {
        EXPECT_EQ(a.value().rows[i].mid(1), b.value().rows[i].mid(1)) << "row " << i; // ids aside
    }
}

TEST_F(CurrencyCli, AmountsWithMoreDecimalsThanTheirCurrencyAndUnknownCodesAreRefused)
{
    const CliRun half
        = run({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Half"), QStringLiteral("--value"),
               QStringLiteral("1500.5"), QStringLiteral("--currency"), QStringLiteral("JPY")});
    EXPECT_NE(half.exitCode, 0);
    EXPECT_TRUE(half.err.contains(QStringLiteral("JPY has no decimals"))) << half.err.toStdString();
    const CliRun unknown = run({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Typo"),
                                QStringLiteral("--currency"), QStringLiteral("EUO")});
    EXPECT_NE(unknown.exitCode, 0);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("did you mean EUR (Euro)?"))) << unknown.err.toStdString();
    // edit --value reads the deal's own currency's decimals.
    const QString yen = add(QStringLiteral("Tokyo"), QStringLiteral("1500"), QStringLiteral("JPY"));
    const CliRun edited = run({QStringLiteral("edit"), yen, QStringLiteral("--value"), QStringLiteral("1500.25")});
    EXPECT_NE(edited.exitCode, 0);
    EXPECT_TRUE(edited.err.contains(QStringLiteral("JPY has no decimals"))) << edited.err.toStdString();
    ASSERT_EQ(run({QStringLiteral("edit"), yen, QStringLiteral("--value"), QStringLiteral("2000")}).exitCode, 0);
    EXPECT_TRUE(run({QStringLiteral("show"), yen}).out.contains(QStringLiteral("2,000 JPY")));
    // An import names the line and column; the old form's zero decimals are read.
    const QString file = m_dir.filePath(QStringLiteral("yen.csv"));
    QFile csv(file);
    ASSERT_TRUE(csv.open(QIODevice::WriteOnly));
    csv.write("title,value,currency\nWhole,\"1500.00\",JPY\nFraction,1500.50,JPY\nTypo,1,EUO\n");
    csv.close();
    const CliRun imported = run({QStringLiteral("import"), QStringLiteral("deals"), file});
    EXPECT_NE(imported.exitCode, 0);
    const QString said = imported.out + imported.err;
    EXPECT_TRUE(said.contains(QStringLiteral("Line 3, column 2 (value): '1500.50' is not a valid amount: JPY has no "
                                             "decimals")))
        << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("Line 4, column 3 (currency): 'EUO' is not an ISO 4217")))
        << said.toStdString();
}
