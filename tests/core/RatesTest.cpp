// Exchange rates and converted totals (Rates.h), worked by hand: a rate as
// an exact fraction, the rate in force on a date, a pair either way round,
// a cross rate through the ECB's euro, the minor units of JPY and BHD,
// rounding halves away from zero once per currency and rate, and a missing
// rate named, never dropped.
#include "dealboard/Rates.h"

#include <gtest/gtest.h>
#include <limits>

using namespace dealboard;

namespace {

const QString Eur = QStringLiteral("EUR");
const QString Usd = QStringLiteral("USD");
const QString Gbp = QStringLiteral("GBP");
const QString Jpy = QStringLiteral("JPY");
const QString Bhd = QStringLiteral("BHD");

ExchangeRate rate(const QString& currency, const QString& base, QDate date, const char* text)
{
    const Result<RateFraction> parsed = parseRate(QString::fromLatin1(text));
    EXPECT_TRUE(parsed.ok()) << text;
    return {currency, base, date, parsed.value().numerator, parsed.value().denominator};
}

std::int64_t converted(const RateTable& table, std::int64_t minor, const QString& currency, QDate on)
{
    ConvertedTotal total(table);
    total.add(minor, currency, on);
    EXPECT_TRUE(total.complete()) << currency.toStdString();
    return total.minor();
}

} // namespace

TEST(Rates, ParsesADecimalIntoAnExactFractionAndRefusesTheRestSayingWhy)
{
    const Result<RateFraction> parsed = parseRate(u"0.9412");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed.value().numerator, 2353);
    EXPECT_EQ(parsed.value().denominator, 2500);
    EXPECT_EQ(parseRate(u"162.50").value().numerator, 325);
    EXPECT_EQ(parseRate(u"162.50").value().denominator, 2);
    EXPECT_EQ(parseRate(u"0.000000000001").value().denominator, 1'000'000'000'000);
    const std::pair<const char16_t*, const char*> refused[] = {
        {u"0,9412", "not a ','"},      {u"", "no digits"},
        {u".", "no digits"},           {u"0", "more than zero"},
        {u"0.000", "more than zero"},  {u"1.2.3", "more than one decimal point"},
        {u"-1", "only digits"},        {u" 1", "only digits"},
        {u"1e5", "only digits"},       {u"1234567890123", "12 significant"},
        {u"\u202e1.5", "only digits"},
    };
    for (const auto& [text, why] : refused) {
        const Result<RateFraction> bad = parseRate(QStringView(text));
        ASSERT_FALSE(bad.ok()) << QString::fromUtf16(text).toStdString();
        EXPECT_TRUE(bad.error().message.contains(QLatin1String(why))) << bad.error().message.toStdString();
        EXPECT_TRUE(bad.error().message.contains(QStringLiteral("0.9412"))) << bad.error().message.toStdString();
    }
}

TEST(Rates, FormatsAFractionWithUpToTwelveSignificantDigits)
{
    EXPECT_EQ(formatRate(2353, 2500), QStringLiteral("0.9412"));
    EXPECT_EQ(formatRate(325, 2), QStringLiteral("162.5"));
    EXPECT_EQ(formatRate(5, 1), QStringLiteral("5"));
    EXPECT_EQ(formatRate(1, 3), QStringLiteral("0.333333333333"));
    EXPECT_EQ(formatRate(2, 3), QStringLiteral("0.666666666667"));
    EXPECT_EQ(formatRate(1, 0), QString());
    // A tiny rate keeps its digits, never "0." (which reads as no rate).
    EXPECT_EQ(formatRate(1, 10'000'000'000'000), QStringLiteral("0.0000000000001"));
    EXPECT_EQ(formatRate(1, 1'000'000'000'000'000'000), QStringLiteral("0.000000000000000001"));
    // A carry runs into the whole part: 0.9999999999999 to 12 digits is 1.
    EXPECT_EQ(formatRate(9'999'999'999'999, 10'000'000'000'000), QStringLiteral("1"));
    EXPECT_EQ(formatRate(199'999'999'999'999, 100'000'000'000'000), QStringLiteral("2"));
    // Every parsed rate prints as it was written, trailing zeros cut.
    for (const char* text : {"0.9412", "1.0823", "162.5", "0.000000001", "123456789012", "1.5", "0.0000000000001",
                             "0.00000000000123", "0.000000000001"}) {
        const RateFraction parsed = parseRate(QString::fromLatin1(text)).value();
        EXPECT_EQ(formatRate(parsed.numerator, parsed.denominator), QString::fromLatin1(text));
    }
}

TEST(Rates, TheRateInForceIsTheNewestOnOrBeforeTheDay)
{
    const RateTable table(Eur, {rate(Usd, Eur, QDate(2026, 12, 5), "0.95"), rate(Usd, Eur, QDate(2026, 12, 1), "0.9")});
    EXPECT_FALSE(table.factor(Usd, QDate(2026, 11, 30)));
    const auto first = table.factor(Usd, QDate(2026, 12, 4));
    ASSERT_TRUE(first);
    EXPECT_EQ(first->date, QDate(2026, 12, 1));
    EXPECT_EQ(converted(table, 100000, Usd, QDate(2026, 12, 1)), 90000);
    EXPECT_EQ(converted(table, 100000, Usd, QDate(2026, 12, 4)), 90000);
    EXPECT_EQ(converted(table, 100000, Usd, QDate(2026, 12, 5)), 95000);
    EXPECT_EQ(converted(table, 100000, Usd, QDate(2030, 1, 1)), 95000);
    // The reporting currency itself needs no rate and names no date.
    ConvertedTotal own(table);
    own.add(1234, Eur, QDate(2000, 1, 1));
    EXPECT_EQ(own.minor(), 1234);
    EXPECT_TRUE(own.rateDates().empty());
    EXPECT_EQ(describeRates(own), QString());
}

TEST(Rates, APairCountsEitherWayRoundTheNewerWinning)
{
    // The ECB's 1 EUR = 1.08 USD converts 10.00 USD into 9.259… EUR.
    RateTable table(Eur, {rate(Eur, Usd, QDate(2026, 12, 4), "1.08")});
    EXPECT_EQ(converted(table, 1000, Usd, QDate(2026, 12, 4)), 926);
    // A direct rate set later is the one in force from its day; the older one yields to the newer.
    table = RateTable(Eur,
                      {rate(Eur, Usd, QDate(2026, 12, 4), "1.08"), rate(Usd, Eur, QDate(2026, 12, 6), "0.5"),
                       rate(Usd, Eur, QDate(2026, 12, 1), "0.1")});
    EXPECT_EQ(converted(table, 1000, Usd, QDate(2026, 12, 3)), 100);
    EXPECT_EQ(converted(table, 1000, Usd, QDate(2026, 12, 5)), 926);
    EXPECT_EQ(converted(table, 1000, Usd, QDate(2026, 12, 6)), 500);
}

TEST(Rates, ACrossRateGoesThroughTheEcbsEuroAndSaysTheOlderDate)
{
    // Reporting in GBP with only the ECB's euro rates: 1,000.00 USD =
    // 1000 / 1.0823 × 0.8541 GBP = 789.1527… GBP.
    const RateTable table(Gbp,
                          {rate(Eur, Usd, QDate(2026, 12, 4), "1.0823"), rate(Eur, Gbp, QDate(2026, 12, 3), "0.8541")});
    ConvertedTotal total(table);
    total.add(100000, Usd, QDate(2026, 12, 4));
    EXPECT_TRUE(total.complete());
    EXPECT_EQ(total.minor(), 78915);
    EXPECT_EQ(describeRates(total), QStringLiteral("converted at the rates of 2026-12-03"));
    // Before the pound's rate there is no way across.
    EXPECT_FALSE(table.factor(Usd, QDate(2026, 12, 2)));
    // The euro itself is one step away.
    EXPECT_EQ(converted(table, 100, Eur, QDate(2026, 12, 4)), 85);
}

TEST(Rates, MinorUnitsShiftWithTheCurrenciesDecimals)
{
    const QDate day(2026, 12, 1);
    const RateTable toEuro(Eur, {rate(Jpy, Eur, day, "0.0061"), rate(Bhd, Eur, day, "2.4321")});
    // ¥1,500 (1500 minor) = 9.15 EUR; 1.500 BHD (1500 minor) = 3.64815 EUR → 3.65.
    EXPECT_EQ(converted(toEuro, 1500, Jpy, day), 915);
    EXPECT_EQ(converted(toEuro, 1500, Bhd, day), 365);
    // Into yen: 1.00 EUR at 162.5 is ¥162.5, rounded away from zero both ways.
    const RateTable toYen(Jpy, {rate(Eur, Jpy, day, "162.5"), rate(Bhd, Eur, day, "2.4321")});
    EXPECT_EQ(converted(toYen, 100, Eur, day), 163);
    EXPECT_EQ(converted(toYen, -100, Eur, day), -163);
    // 1.000 BHD → 2.4321 EUR → ¥395.21625 (across the euro): ¥395.
    EXPECT_EQ(converted(toYen, 1000, Bhd, day), 395);
    // Into dinars: 10.00 EUR = 4.111673… BHD = 4111.673 minor → 4.112 BHD.
    const RateTable toDinar(Bhd, {rate(Bhd, Eur, day, "2.4321")});
    EXPECT_EQ(converted(toDinar, 1000, Eur, day), 4112);
}

TEST(Rates, SumsOfOneCurrencyAndRateAreRoundedOnceHalvesAwayFromZero)
{
    const QDate day(2026, 12, 1);
    const RateTable table(Eur, {rate(Usd, Eur, day, "0.5")});
    ConvertedTotal one(table);
    one.add(1, Usd, day);
    EXPECT_EQ(one.minor(), 1); // 0.5 → 1
    ConvertedTotal negative(table);
    negative.add(-1, Usd, day);
    EXPECT_EQ(negative.minor(), -1);
    ConvertedTotal three(table);
    for (int i = 0; i < 3; ++i) {
        three.add(1, Usd, day);
    }
    EXPECT_EQ(three.minor(), 2); // 1.5 once, not 3 × 1
    ConvertedTotal both(table);
    both.add(3, Usd, day);
    both.add(-3, Usd, day);
    EXPECT_EQ(both.minor(), 0);
    // Adding totals together keeps the sums exact until they are converted.
    ConvertedTotal left(table);
    left.add(1, Usd, day);
    ConvertedTotal right(table);
    right.add(1, Usd, day);
    left += right;
    EXPECT_EQ(left.minor(), 1);
    // Huge sums saturate instead of wrapping.
    const RateTable big(Eur, {rate(Usd, Eur, day, "1000")});
    ConvertedTotal huge(big);
    huge.add(std::numeric_limits<std::int64_t>::max() / 2, Usd, day);
    EXPECT_EQ(huge.minor(), std::numeric_limits<std::int64_t>::max());
}

TEST(Rates, AMissingRateIsNamedWithItsSumAndLeftOutOfTheConvertedSum)
{
    const QDate won(2026, 11, 2);
    const QDate today(2026, 12, 4);
    const RateTable table(Eur, {rate(Usd, Eur, today, "0.9"), rate(Usd, Eur, won, "0.8")});
    ConvertedTotal total(table);
    total.add(50000, Eur, today);
    total.add(100000, Usd, today); // open: today's rate
    total.add(100000, Usd, won); // won: the rate of its won day
    total.add(120000, Usd, QDate(2026, 1, 1)); // before any USD rate
    total.add(1500, Jpy, today); // no JPY rate at all
    EXPECT_FALSE(total.complete());
    EXPECT_EQ(total.minor(), 50000 + 90000 + 80000);
    const std::map<QString, std::int64_t> left = total.unconverted();
    ASSERT_EQ(left.size(), 2u);
    EXPECT_EQ(left.at(Usd), 120000);
    EXPECT_EQ(left.at(Jpy), 1500);
    EXPECT_EQ(describeRates(total), QStringLiteral("converted at the rates of 2026-11-02 to 2026-12-04"));
    const QString missing = describeUnconverted(total);
    EXPECT_TRUE(missing.startsWith(QStringLiteral("not converted, no rate: "))) << missing.toStdString();
    EXPECT_TRUE(missing.contains(QStringLiteral("JPY"))) << missing.toStdString();
    EXPECT_TRUE(missing.contains(QStringLiteral("1,200"))) << missing.toStdString(); // in its own currency
    EXPECT_TRUE(missing.contains(QStringLiteral("USD"))) << missing.toStdString();
    ConvertedTotal complete(table);
    complete.add(1, Eur, today);
    EXPECT_EQ(describeUnconverted(complete), QString());
}

TEST(Rates, TwoCrossRatesOfTheSameOlderDateAreNotMixedUp)
{
    // The dollar's euro rate is old; the pound's changes: the same date is
    // said for both days, but each day converts at its own cross rate.
    const RateTable table(Gbp,
                          {rate(Eur, Usd, QDate(2026, 12, 1), "1.25"), rate(Eur, Gbp, QDate(2026, 12, 3), "0.8"),
                           rate(Eur, Gbp, QDate(2026, 12, 4), "0.5")});
    ConvertedTotal total(table);
    total.add(100000, Usd, QDate(2026, 12, 3)); // 640.00 GBP
    total.add(100000, Usd, QDate(2026, 12, 4)); // 400.00 GBP
    EXPECT_EQ(total.minor(), 104000);
    EXPECT_EQ(describeRates(total), QStringLiteral("converted at the rates of 2026-12-01"));
}
