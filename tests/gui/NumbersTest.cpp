// One way to write a number: amounts, counts and shares through QLocale, the
// same on cards, headers and in the deal's fields, and read back as shown.
#include "common/Numbers.h"

#include <QLocale>
#include <gtest/gtest.h>
#include <limits>
#include <tuple>
#include <utility>

using namespace dealboard;
using namespace dealboard::gui;

namespace {

// Sets the default locale for one test, and puts it back.
class InLocale
{
public:
    explicit InLocale(QLocale::Language language, QLocale::Territory territory)
        : m_before(QLocale())
    {
        QLocale::setDefault(QLocale(language, territory));
    }
    ~InLocale() { QLocale::setDefault(m_before); }

private:
    QLocale m_before;
};

} // namespace

TEST(Numbers, AmountsCountsAndSharesAreWrittenOneWayInEnglish)
{
    InLocale english(QLocale::English, QLocale::UnitedStates);
    EXPECT_EQ(Numbers::count(26368), QStringLiteral("26,368"));
    EXPECT_EQ(Numbers::amount({499999, QStringLiteral("EUR")}), QStringLiteral("4,999.99 EUR"));
    EXPECT_EQ(Numbers::amount({1250000, QStringLiteral("USD")}), QStringLiteral("12,500 USD"));
    EXPECT_EQ(Numbers::compact(499999, u"EUR"), QStringLiteral("5,000")); // never "5000" beside "4,999.99"
    EXPECT_EQ(Numbers::compact(2750000, u"EUR"), QStringLiteral("27.5k"));
    EXPECT_EQ(Numbers::compact(179908000000, u"EUR"), QStringLiteral("1.80B"));
    EXPECT_EQ(Numbers::percent(0.425), QStringLiteral("42.5 %"));
    EXPECT_EQ(Numbers::percent(std::nullopt), QStringLiteral("–"));
    // What is shown is read back, and the plain form too.
    EXPECT_EQ(Numbers::parseAmount(Numbers::amountOnly(1250050, u"EUR"), u"EUR").value(), 1250050);
    EXPECT_EQ(Numbers::parseAmount(u"12500.5", u"EUR").value(), 1250050);
    EXPECT_FALSE(Numbers::parseAmount(u"12,50", u"EUR").ok()); // never a decimal comma here
}

TEST(Numbers, AGermanDeskReadsAndTypesAmountsItsOwnWay)
{
    InLocale german(QLocale::German, QLocale::Germany);
    EXPECT_EQ(Numbers::count(26368), QStringLiteral("26.368"));
    EXPECT_EQ(Numbers::amount({499999, QStringLiteral("EUR")}), QStringLiteral("4.999,99 EUR"));
    EXPECT_EQ(Numbers::compact(2750000, u"EUR"), QStringLiteral("27,5k"));
    EXPECT_EQ(Numbers::parseAmount(u"12.500,50", u"EUR").value(), 1250050);
    EXPECT_EQ(Numbers::parseAmount(u"12,5", u"EUR").value(), 1250);
    EXPECT_EQ(Numbers::parseAmount(Numbers::amountOnly(123456789, u"EUR"), u"EUR").value(), 123456789);
    // The plain form of files still reads as written.
    EXPECT_EQ(Numbers::parseAmount(u"12500.50", u"EUR").value(), 1250050);
    EXPECT_FALSE(Numbers::parseAmount(u"12,505", u"EUR").ok()); // three decimals: refused, not guessed
}

TEST(Numbers, TheCLocaleStillGroupsThousands)
{
    InLocale c(QLocale::C, QLocale::AnyTerritory);
    EXPECT_EQ(Numbers::count(26368), QStringLiteral("26,368"));
    EXPECT_EQ(Numbers::compact(499999, u"EUR"), QStringLiteral("5,000"));
    EXPECT_EQ(Numbers::parseAmount(u"12,500.50", u"EUR").value(), 1250050);
}

// A compact amount is three figures and a unit at every size: a column's
// total of two thousand billion reads "2,000B", never "2,000,000.00M".
TEST(Numbers, CompactAmountsReadRightAtEverySize)
{
    InLocale english(QLocale::English, QLocale::UnitedStates);
    const std::pair<std::int64_t, const char*> cases[] = {
        {0, "0"},
        {49, "0"},
        {-49, "0"},
        {50, "1"}, // half away from zero
        {-50, "-1"},
        {99, "1"},
        {-99, "-1"},
        {49949, "499"},
        {49950, "500"},
        {999999, "10.0k"}, // 9,999.99: never "9,999"
        {-999999, "-10.0k"},
        {999499, "9,995"},
        {1000000, "10.0k"},
        {2750000, "27.5k"},
        {9999999, "100k"},
        {12345678, "123k"},
        {99950000, "1.00M"}, // 999,500 rounds up to the next unit, not "1,000k"
        {99949999, "999k"},
        {99999999, "1.00M"}, // 999,999.99
        {1234999, "12.3k"}, // 12,349.99, from the cents
        {1235000, "12.4k"}, // 12,350.00 rounded half up
        {1234999999, "12.3M"},
        {1235000000, "12.4M"},
        {180000000, "1.80M"},
        {999600000, "10.0M"},
        {2750000000, "27.5M"},
        {27500000000, "275M"},
        {99999999900, "1.00B"},
        {179908000000, "1.80B"},
        {27500000000000, "275B"},
        {99999999999999, "1,000B"}, // 999,999,999,999.99, the largest value of a deal
        {99949999999999, "999B"},
        {200000000000000, "2,000B"},
        {-200000000000000, "-2,000B"},
        {std::numeric_limits<std::int64_t>::max(), "92,233,720B"},
        {std::numeric_limits<std::int64_t>::min(), "-92,233,720B"},
    };
    for (const auto& [minor, expected] : cases) {
        EXPECT_EQ(Numbers::compact(minor, u"EUR"), QString::fromLatin1(expected)) << minor;
        EXPECT_LE(Numbers::compact(minor, u"EUR").size(), 12) << minor;
    }
    InLocale german(QLocale::German, QLocale::Germany);
    EXPECT_EQ(Numbers::compact(200000000000000, u"EUR"), QStringLiteral("2.000B"));
    EXPECT_EQ(Numbers::compact(180000000, u"EUR"), QStringLiteral("1,80M"));
}

// A weighted value of 9,999.99 at 5 % is 499.9995, kept as 500.00: the header
// reads "500", as the same amount unweighted would, never "499".
TEST(Numbers, AWeightedValueRoundsAsEveryOtherAmount)
{
    InLocale english(QLocale::English, QLocale::UnitedStates);
    const std::int64_t weighted = percentOf(999999, 5);
    EXPECT_EQ(weighted, 50000);
    EXPECT_EQ(Numbers::compact(weighted, u"EUR"), QStringLiteral("500"));
    EXPECT_EQ(Numbers::compact(percentOf(99999999, 50), u"EUR"), QStringLiteral("500k")); // 499,999.995
    // An axis's whole units the same way.
    EXPECT_EQ(Numbers::compactWhole(9999), QStringLiteral("9,999"));
    EXPECT_EQ(Numbers::compactWhole(999999), QStringLiteral("1.00M"));
    EXPECT_EQ(Numbers::compactWhole(999999999999), QStringLiteral("1,000B"));
}

// "1.234" typed where '.' is the decimal point is said to be a possible '.'
// between thousands, with what to type, not "more than two decimals".
TEST(Numbers, AThousandsDotIsExplainedAsSuch)
{
    for (const auto& [language, territory] :
         {std::pair {QLocale::English, QLocale::UnitedStates}, std::pair {QLocale::French, QLocale::France}}) {
        InLocale desk(language, territory);
        for (const auto& [typed, plain, grouped] :
             {std::tuple {u"1.234", "1234", "1,234"}, std::tuple {u"1.234.567", "1234567", "1,234,567"}}) {
            const Result<std::int64_t> refused = Numbers::parseAmount(typed, u"EUR");
            ASSERT_FALSE(refused.ok()) << QString::fromUtf16(typed).toStdString();
            const QString message = refused.error().message;
            EXPECT_TRUE(message.contains(QStringLiteral("three digits after the '.'"))) << message.toStdString();
            EXPECT_TRUE(message.contains(QStringLiteral("type %1").arg(QLatin1String(plain)))) << message.toStdString();
            EXPECT_TRUE(message.contains(QLatin1String(grouped))) << message.toStdString();
            EXPECT_FALSE(message.contains(QStringLiteral("more than two decimals"))) << message.toStdString();
        }
        // Three decimals that cannot be thousands are still three decimals.
        EXPECT_TRUE(Numbers::parseAmount(u"12.5055", u"EUR")
                        .error()
                        .message.contains(QStringLiteral("more than two decimals")));
    }
    // Where '.' is the thousands separator, "1.234" is what it means.
    InLocale german(QLocale::German, QLocale::Germany);
    EXPECT_EQ(Numbers::parseAmount(u"1.234", u"EUR").value(), 123400);
}
