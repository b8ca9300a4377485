// What a team's new login may be called, and what may reach the server as
// its password; the server's own function is tried in tests/cli/TeamCliTest.cpp.
#include "dealboard/store/TeamLogins.h"

#include <gtest/gtest.h>

namespace dealboard {

TEST(TeamLogins, NamesOfTheTeamsFormOnly)
{
    const QString database = QStringLiteral("sales");
    for (const char* good : {"ben", "ana.lopez", "mia-2", "a", "sales_ben"}) {
        EXPECT_TRUE(TeamLogins::checkName(QString::fromLatin1(good), database).ok()) << good;
    }
    const QString tooLong = QStringLiteral("a").repeated(64);
    for (const QString& bad :
         {QStringLiteral("Ben"), QStringLiteral("1ben"), QStringLiteral("_ben"), QStringLiteral("ben smith"),
          QStringLiteral("ben\""), QStringLiteral("bén"), QStringLiteral(""), tooLong, QStringLiteral("pg_ben"),
          QStringLiteral("sales_rep"), QStringLiteral("sales_manager"), QStringLiteral("sales_owner"),
          QStringLiteral("sales_admin"), QStringLiteral("ben\n")}) {
        const Result<void> checked = TeamLogins::checkName(bad, database);
        ASSERT_FALSE(checked.ok()) << bad.toStdString();
        EXPECT_TRUE(checked.error().message.contains(QStringLiteral("can't be a user's name")));
    }
    EXPECT_TRUE(TeamLogins::checkName(QStringLiteral("a").repeated(63), database).ok());
}

TEST(TeamLogins, OnlyAWellFormedScramVerifier)
{
    const QString key = QStringLiteral("A").repeated(43) + QLatin1Char('=');
    const QString good = QStringLiteral("SCRAM-SHA-256$4096:c2FsdHNhbHRzYWx0c2FsdA==$") + key + QLatin1Char(':') + key;
    EXPECT_TRUE(TeamLogins::isScramVerifier(good));
    for (const QString& bad :
         {QStringLiteral("SCRAM-SHA-256$garbage"), QStringLiteral("md5abcdef"),
          QString(good).replace(QStringLiteral("$4096:"), QStringLiteral("$0:")),
          QString(good).replace(QStringLiteral("$4096:"), QStringLiteral("$-1:")),
          QString(good).replace(QStringLiteral("c2FsdHNhbHRzYWx0c2FsdA=="), QString()), good.chopped(1),
          good + QLatin1Char('A'), QString(good).replace(QStringLiteral("$4096:"), QStringLiteral("$4096:'")),
          good + QStringLiteral("\n")}) {
        EXPECT_FALSE(TeamLogins::isScramVerifier(bad)) << bad.toStdString();
    }
}

} // namespace dealboard
