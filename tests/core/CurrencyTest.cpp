#include "dealboard/Currency.h"

#include "dealboard/Money.h"

#include <gtest/gtest.h>

using namespace dealboard;

TEST(Currency, TheTableHoldsIsoCodesInOrderWithTheirMinorUnits)
{
    const auto all = isoCurrencies();
    ASSERT_GT(all.size(), 150u);
    for (std::size_t i = 1; i < all.size(); ++i) {
        EXPECT_LT(qstrcmp(all[i - 1].code, all[i].code), 0) << all[i].code; // findCurrency searches it
    }
    EXPECT_EQ(minorDigits(u"JPY"), 0);
    EXPECT_EQ(minorDigits(u"EUR"), 2);
    EXPECT_EQ(minorDigits(u"BHD"), 3);
    EXPECT_EQ(minorDigits(u"KWD"), 3);
    EXPECT_EQ(minorDigits(u"CLF"), 4);
    EXPECT_EQ(minorDigits(u"XYZ"), 2); // not ISO: as every currency was before
    EXPECT_EQ(minorPerMajor(u"JPY"), 1);
    EXPECT_EQ(minorPerMajor(u"BHD"), 1000);
    EXPECT_EQ(findCurrency(u"eur"), nullptr);
    ASSERT_NE(findCurrency(u"CHF"), nullptr);
    EXPECT_STREQ(findCurrency(u"CHF")->name, "Swiss franc");
}

TEST(Currency, AnUnknownCodeIsRefusedWithTheNearestMatch)
{
    EXPECT_EQ(checkCurrency(u" jpy ").value(), QStringLiteral("JPY"));
    EXPECT_EQ(nearestCurrency(u"EUO"), QStringLiteral("EUR"));
    EXPECT_EQ(nearestCurrency(u"yen"), QStringLiteral("JPY"));
    EXPECT_EQ(nearestCurrency(u"Swiss franc"), QStringLiteral("CHF"));
    const Result<QString> euro = checkCurrency(u"EURO");
    ASSERT_FALSE(euro.ok());
    EXPECT_EQ(euro.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(euro.error().message,
              QStringLiteral("'EURO' is not an ISO 4217 currency code; did you mean EUR (Euro)?"));
    EXPECT_TRUE(checkCurrency(u"ABC").error().message.contains(QStringLiteral("'ABC' is not an ISO 4217")));
    EXPECT_TRUE(checkCurrency(u"").error().message.contains(QStringLiteral("empty")));
    // Nothing close: no guess, the shape said.
    EXPECT_EQ(nearestCurrency(u"QQQQQQQQ"), QString());
    EXPECT_TRUE(checkCurrency(u"\u202eRUE").error().message.contains(QStringLiteral("is not an ISO 4217")));
}

TEST(Money, EachCurrencyIsWrittenWithItsOwnDecimals)
{
    EXPECT_EQ(formatDecimal(1500, u"JPY"), QStringLiteral("1500"));
    EXPECT_EQ(formatDecimal(1500, u"BHD"), QStringLiteral("1.500"));
    EXPECT_EQ(formatDecimal(7, u"BHD"), QStringLiteral("0.007"));
    EXPECT_EQ(formatDecimal(15, u"CLF"), QStringLiteral("0.0015"));
    EXPECT_EQ(formatDecimal(150000, u"EUR"), QStringLiteral("1500.00"));
    EXPECT_EQ(formatForPeople({1500, QStringLiteral("JPY")}), QStringLiteral("1,500 JPY"));
    EXPECT_EQ(formatForPeople({1500, QStringLiteral("BHD")}), QStringLiteral("1.500 BHD"));
    EXPECT_EQ(formatForPeople({1234567, QStringLiteral("KWD")}), QStringLiteral("1,234.567 KWD"));
    EXPECT_EQ(formatForPeople({2000, QStringLiteral("BHD")}), QStringLiteral("2 BHD"));
    EXPECT_EQ(exampleAmount(u"JPY"), QStringLiteral("1234"));
    EXPECT_EQ(exampleAmount(u"BHD"), QStringLiteral("1234.500"));
}

TEST(Money, EachCurrencyIsReadWithItsOwnDecimals)
{
    EXPECT_EQ(parseDecimal(u"1500", u"JPY").value(), 1500);
    EXPECT_EQ(parseAmountForPeople(u"1,500", u"JPY").value(), 1500);
    EXPECT_EQ(parseDecimal(u"1.5", u"BHD").value(), 1500);
    EXPECT_EQ(parseAmountForPeople(u"1.234", u"BHD").value(), 1234); // three decimals, not thousands
    EXPECT_EQ(parseAmountForPeople(u"12,345.678", u"BHD").value(), 12345678);
    // The old two-decimal form is read when its decimals are zeros.
    EXPECT_EQ(parseDecimal(u"1500.00", u"JPY").value(), 1500);
    const QString jpy = parseDecimal(u"1500.5", u"JPY").error().message;
    EXPECT_EQ(jpy, QStringLiteral("'1500.5' is not a valid amount: JPY has no decimals. Write it like 1234."));
    EXPECT_FALSE(parseAmountForPeople(u"1,500.50", u"JPY").ok());
    EXPECT_FALSE(parseDecimal(u"1500.000", u"JPY").ok());
    const QString bhd = parseDecimal(u"1.2345", u"BHD").error().message;
    EXPECT_TRUE(bhd.contains(QStringLiteral("more than three decimals (BHD has 3)"))) << bhd.toStdString();
    EXPECT_TRUE(bhd.contains(QStringLiteral("1234.500"))) << bhd.toStdString();
    // "1.234" in yen is a '.' between thousands, said as such.
    const QString dot = parseAmountForPeople(u"1.234", u"JPY").error().message;
    EXPECT_TRUE(dot.contains(QStringLiteral("JPY has none"))) << dot.toStdString();
    // The bound is in minor units, said in the currency's own form.
    EXPECT_EQ(parseDecimal(u"99999999999999", u"JPY").value(), MaxMoneyMinor);
    EXPECT_TRUE(parseDecimal(u"100000000000000", u"JPY")
                    .error()
                    .message.contains(QStringLiteral("at most 99999999999999 JPY")));
    EXPECT_EQ(parseDecimal(u"99999999999.999", u"BHD").value(), MaxMoneyMinor);
    EXPECT_FALSE(parseDecimal(u"100000000000", u"BHD").ok());
    EXPECT_FALSE(parseDecimal(u"99999999999999999999999", u"CLF").ok());
    for (const char16_t* code : {u"JPY", u"EUR", u"BHD", u"CLF"}) {
        for (std::int64_t minor : {std::int64_t {0}, std::int64_t {1}, std::int64_t {1500}, MaxMoneyMinor}) {
            EXPECT_EQ(parseDecimal(formatDecimal(minor, code), code).value(), minor);
        }
    }
}
