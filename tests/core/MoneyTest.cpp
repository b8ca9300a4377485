#include "dealboard/Money.h"

#include "dealboard/Deal.h"
#include "dealboard/StoredTime.h"

#include <gtest/gtest.h>

using namespace dealboard;

TEST(Money, ParsesDecimalsIntoMinorUnits)
{
    EXPECT_EQ(parseDecimal(u"1234.50", u"EUR").value(), 123450);
    EXPECT_EQ(parseDecimal(u"1234.5", u"EUR").value(), 123450);
    EXPECT_EQ(parseDecimal(u"1234", u"EUR").value(), 123400);
    EXPECT_EQ(parseDecimal(u"0.07", u"EUR").value(), 7);
    EXPECT_EQ(parseDecimal(u".5", u"EUR").value(), 50);
}

TEST(Money, RefusesMalformedAmountsWithAReason)
{
    for (const char16_t* bad : {u"", u"-5", u"12.345", u"1,234.00", u"12a", u"1.2.3", u".", u"1e5"}) {
        const Result<std::int64_t> parsed = parseDecimal(bad, u"EUR");
        ASSERT_FALSE(parsed.ok()) << QString::fromUtf16(bad).toStdString();
        EXPECT_EQ(parsed.error().code, ErrorCode::InvalidInput);
        EXPECT_TRUE(parsed.error().message.contains(QStringLiteral("1234.50")));
    }
    EXPECT_FALSE(parseDecimal(u"99999999999999999999", u"EUR").ok());
}

TEST(Money, FormatsForFilesAndPeople)
{
    EXPECT_EQ(formatDecimal(123450, u"EUR"), QStringLiteral("1234.50"));
    EXPECT_EQ(formatDecimal(7, u"EUR"), QStringLiteral("0.07"));
    EXPECT_EQ(formatDecimal(0, u"EUR"), QStringLiteral("0.00"));
    EXPECT_EQ(formatForPeople({123456789, QStringLiteral("EUR")}), QStringLiteral("1,234,567.89 EUR"));
    EXPECT_EQ(formatForPeople({100000, QStringLiteral("USD")}), QStringLiteral("1,000 USD"));
    EXPECT_TRUE(isValidCurrency(u"EUR"));
    EXPECT_FALSE(isValidCurrency(u"eur"));
    EXPECT_FALSE(isValidCurrency(u"EURO"));
}

TEST(Probability, ReadsSharesAndPercentsInWholePercentsOnly)
{
    EXPECT_EQ(Probability::parse(QStringLiteral("0.35")).value(), 35);
    EXPECT_EQ(Probability::parse(QStringLiteral(".5")).value(), 50);
    EXPECT_EQ(Probability::parse(QStringLiteral("0.350")).value(), 35);
    EXPECT_EQ(Probability::parse(QStringLiteral("1")).value(), 100);
    EXPECT_EQ(Probability::parse(QStringLiteral("0")).value(), 0);
    EXPECT_EQ(Probability::parse(QStringLiteral("35%")).value(), 35);
    EXPECT_EQ(Probability::parse(QStringLiteral(" 7 % ")).value(), 7);
    for (const char* bad : {"0.355", "1.5", "101%", "-0.1", "35", "abc", "", "0,35", "0.3.5", "nan"}) {
        const Result<int> refused = Probability::parse(QString::fromLatin1(bad));
        ASSERT_FALSE(refused.ok()) << bad;
        EXPECT_TRUE(refused.error().message.contains(QStringLiteral("whole percents"))) << bad;
    }
    EXPECT_EQ(Probability::share(35), QStringLiteral("0.35"));
    EXPECT_EQ(Probability::share(5), QStringLiteral("0.05"));
    EXPECT_EQ(Probability::share(100), QStringLiteral("1.00"));
}

TEST(Deal, WeightedValueRottingAndOverdue)
{
    Deal deal;
    deal.stage = Stage::Negotiation;
    deal.value.minor = 1000000;
    EXPECT_EQ(deal.weightedMinor({}), 600000);
    // A manager's setting for the stage, then the deal's own above it.
    StageProbabilities probabilities;
    probabilities.set[stageIndex(Stage::Negotiation)] = 35;
    EXPECT_EQ(deal.weightedMinor(probabilities), 350000);
    deal.probabilityPercent = 0;
    EXPECT_EQ(deal.weightedMinor(probabilities), 0);
    deal.probabilityPercent = 100;
    EXPECT_EQ(deal.weightedMinor(probabilities), 1000000);
    deal.probabilityPercent.reset();

    const QDateTime now(QDate(2026, 3, 31), QTime(12, 0), Qt::UTC);
    deal.stageEnteredAt = now.addDays(-14);
    EXPECT_EQ(deal.daysInStage(now), 14);
    EXPECT_FALSE(deal.isRotting(now)); // 14 days is the limit, not past it
    deal.stageEnteredAt = now.addDays(-15);
    EXPECT_TRUE(deal.isRotting(now));
    deal.status = DealStatus::Lost;
    EXPECT_FALSE(deal.isRotting(now));

    deal.status = DealStatus::Open;
    deal.expectedClose = QDate(2026, 3, 30);
    EXPECT_TRUE(deal.isOverdue(now.date()));
    deal.expectedClose = QDate(2026, 3, 31);
    EXPECT_FALSE(deal.isOverdue(now.date()));
}

TEST(StoredTime, RoundTripsUtcWithMilliseconds)
{
    const QDateTime time(QDate(2026, 11, 27), QTime(6, 42, 34, 123), Qt::UTC);
    EXPECT_EQ(toStoredTime(time), QStringLiteral("2026-11-27T06:42:34.123Z"));
    EXPECT_EQ(fromStoredTime(u"2026-11-27T06:42:34.123Z"), time);
    EXPECT_EQ(fromStoredTime(u"2026-11-27T07:42:34.123+01:00"), time);
    EXPECT_FALSE(fromStoredTime(u"2026-13-27T06:42:34.123Z").isValid());
    EXPECT_FALSE(fromStoredTime(u"yesterday").isValid());
    EXPECT_EQ(fromStoredDate(u"2026-02-28"), QDate(2026, 2, 28));
    EXPECT_FALSE(fromStoredDate(u"2026-02-30").isValid());
    for (const QDateTime& sample : {QDateTime(QDate(1970, 1, 1), QTime(0, 0), Qt::UTC),
                                    QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), Qt::UTC),
                                    QDateTime(QDate(1969, 12, 31), QTime(12, 30, 0, 5), Qt::UTC),
                                    QDateTime(QDate(2100, 3, 1), QTime(1, 2, 3, 4), Qt::UTC)}) {
        EXPECT_EQ(toStoredTime(sample), sample.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")));
        EXPECT_EQ(fromStoredTime(toStoredTime(sample)), sample);
    }
    EXPECT_EQ(parseIsoTime(QStringLiteral("2026-01-31")), QDateTime(QDate(2026, 1, 31), QTime(0, 0), Qt::UTC));
}

TEST(Money, PeopleMayTypeAnAmountAsTheAppShowsIt)
{
    EXPECT_EQ(parseAmountForPeople(u"12,500.50", u"EUR").value(), 1250050);
    EXPECT_EQ(parseAmountForPeople(u"1,234,567", u"EUR").value(), 123456700);
    EXPECT_EQ(parseAmountForPeople(u"12500.50", u"EUR").value(), 1250050);
    EXPECT_EQ(parseAmountForPeople(u"999", u"EUR").value(), 99900);
    // A ',' that is not between thousands is never read as a decimal point.
    for (const char16_t* wrong : {u"12,50", u"1,2345", u",500", u"1,000,00", u"12,500.5,0", u"1234,567"}) {
        const Result<std::int64_t> refused = parseAmountForPeople(wrong, u"EUR");
        ASSERT_FALSE(refused.ok()) << QString::fromUtf16(wrong).toStdString();
        EXPECT_TRUE(refused.error().message.contains(QStringLiteral("may only separate thousands")))
            << refused.error().message.toStdString();
    }
    // Files and the CLI keep the one plain form.
    EXPECT_FALSE(parseDecimal(u"12,500.50", u"EUR").ok());
}

TEST(Money, ADecimalCommaIsExplainedAsSuch)
{
    // "12.500,50" once read as "more than two decimals".
    for (const char16_t* typed : {u"12.500,50", u"12,50", u"1.234.567,5", u"1,000,00"}) {
        // The app's form shows its own way of writing thousands; files and
        // the CLI their one plain form.
        for (const auto& [refused, example] :
             {std::pair {parseAmountForPeople(typed, u"EUR"), QStringLiteral("12,500.50")},
              std::pair {parseDecimal(typed, u"EUR"), QStringLiteral("like 12500.50")}}) {
            ASSERT_FALSE(refused.ok()) << QString::fromUtf16(typed).toStdString();
            const QString message = refused.error().message;
            EXPECT_TRUE(message.contains(QStringLiteral("decimal comma"))) << message.toStdString();
            EXPECT_TRUE(message.contains(example)) << message.toStdString();
            EXPECT_FALSE(message.contains(QStringLiteral("more than two decimals"))) << message.toStdString();
        }
    }
    // Three decimals are still three decimals.
    EXPECT_TRUE(parseDecimal(u"12.505", u"EUR").error().message.contains(QStringLiteral("more than two decimals")));
    // A ',' between thousands is not a decimal comma.
    EXPECT_EQ(parseAmountForPeople(u"12,500", u"EUR").value(), 1250000);
}

// "1.234" in the app's form is a '.' between thousands as often as three
// decimals: said so, with what to type; files and the CLI keep their one form.
TEST(Money, AThousandsDotIsExplainedInTheAppsForm)
{
    const QString message = parseAmountForPeople(u"1.234", u"EUR").error().message;
    EXPECT_EQ(message,
              QStringLiteral("'1.234' is not a valid amount: it has three digits after the '.'. If you meant 1,234 "
                             "with a '.' between thousands, type 1234 (or 1,234); the decimals come after a '.', at "
                             "most two."));
    EXPECT_TRUE(parseAmountForPeople(u"12.500.000", u"EUR").error().message.contains(QStringLiteral("type 12500000")));
    for (const char16_t* decimals : {u"12.5055", u"1234.567", u".234", u"1.23"}) {
        const Result<std::int64_t> read = parseAmountForPeople(decimals, u"EUR");
        EXPECT_TRUE(read.ok() || !read.error().message.contains(QStringLiteral("between thousands")))
            << QString::fromUtf16(decimals).toStdString();
    }
    EXPECT_TRUE(parseDecimal(u"1.234", u"EUR").error().message.contains(QStringLiteral("more than two decimals")));
}
