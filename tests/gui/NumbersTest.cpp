// One way to write a number: amounts, counts and shares through QLocale, the
// same on cards, headers and in the deal's fields, and read back as shown.
#include "common/Numbers.h"

#include <QLocale>
#include <gtest/gtest.h>

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
    EXPECT_EQ(Numbers::compact(179908000000), QStringLiteral("1,799.08M"));
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
