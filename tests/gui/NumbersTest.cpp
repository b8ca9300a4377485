// One way to write a number: amounts, counts and shares through QLocale, the
// same on cards, headers and in the deal's fields, and read back as shown.
#include "common/Numbers.h"

#include <QLocale>
#include <gtest/gtest.h>
#include <limits>
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
    EXPECT_EQ(Numbers::compact(499999), QStringLiteral("4,999")); // never "4999" beside "4,999.99"
    EXPECT_EQ(Numbers::compact(2750000), QStringLiteral("27.5k"));
    EXPECT_EQ(Numbers::compact(179908000000), QStringLiteral("1.80B"));
    EXPECT_EQ(Numbers::percent(0.425), QStringLiteral("42.5 %"));
    EXPECT_EQ(Numbers::percent(std::nullopt), QStringLiteral("–"));
    // What is shown is read back, and the plain form too.
    EXPECT_EQ(Numbers::parseAmount(Numbers::amountOnly(1250050)).value(), 1250050);
    EXPECT_EQ(Numbers::parseAmount(u"12500.5").value(), 1250050);
    EXPECT_FALSE(Numbers::parseAmount(u"12,50").ok()); // never a decimal comma here
}

TEST(Numbers, AGermanDeskReadsAndTypesAmountsItsOwnWay)
{
    InLocale german(QLocale::German, QLocale::Germany);
    EXPECT_EQ(Numbers::count(26368), QStringLiteral("26.368"));
    EXPECT_EQ(Numbers::amount({499999, QStringLiteral("EUR")}), QStringLiteral("4.999,99 EUR"));
    EXPECT_EQ(Numbers::compact(2750000), QStringLiteral("27,5k"));
    EXPECT_EQ(Numbers::parseAmount(u"12.500,50").value(), 1250050);
    EXPECT_EQ(Numbers::parseAmount(u"12,5").value(), 1250);
    EXPECT_EQ(Numbers::parseAmount(Numbers::amountOnly(123456789)).value(), 123456789);
    // The plain form of files still reads as written.
    EXPECT_EQ(Numbers::parseAmount(u"12500.50").value(), 1250050);
    EXPECT_FALSE(Numbers::parseAmount(u"12,505").ok()); // three decimals: refused, not guessed
}

TEST(Numbers, TheCLocaleStillGroupsThousands)
{
    InLocale c(QLocale::C, QLocale::AnyTerritory);
    EXPECT_EQ(Numbers::count(26368), QStringLiteral("26,368"));
    EXPECT_EQ(Numbers::compact(499999), QStringLiteral("4,999"));
    EXPECT_EQ(Numbers::parseAmount(u"12,500.50").value(), 1250050);
}

// A compact amount is three figures and a unit at every size: a column's
// total of two thousand billion reads "2,000B", never "2,000,000.00M".
TEST(Numbers, CompactAmountsReadRightAtEverySize)
{
    InLocale english(QLocale::English, QLocale::UnitedStates);
    const std::pair<std::int64_t, const char*> cases[] = {
        {0, "0"},
        {99, "0"},
        {-99, "0"},
        {999999, "9,999"},
        {1000000, "10.0k"},
        {2750000, "27.5k"},
        {9999999, "100k"},
        {12345678, "123k"},
        {99950000, "1.00M"}, // 999,500 rounds up to the next unit, not "1,000k"
        {180000000, "1.80M"},
        {999600000, "10.0M"},
        {2750000000, "27.5M"},
        {27500000000, "275M"},
        {99999999900, "1.00B"},
        {179908000000, "1.80B"},
        {27500000000000, "275B"},
        {200000000000000, "2,000B"},
        {-200000000000000, "-2,000B"},
        {std::numeric_limits<std::int64_t>::max(), "92,233,720B"},
        {std::numeric_limits<std::int64_t>::min(), "-92,233,720B"},
    };
    for (const auto& [minor, expected] : cases) {
        EXPECT_EQ(Numbers::compact(minor), QString::fromLatin1(expected)) << minor;
        EXPECT_LE(Numbers::compact(minor).size(), 12) << minor;
    }
    InLocale german(QLocale::German, QLocale::Germany);
    EXPECT_EQ(Numbers::compact(200000000000000), QStringLiteral("2.000B"));
    EXPECT_EQ(Numbers::compact(180000000), QStringLiteral("1,80M"));
}
