// A team member's calendar on the server: what their rights let them read,
// nothing more, and the same UIDs whoever signs in. PostgreSQL half only.
#include "TeamFixture.h"

#include <QFile>

namespace dealboard {

namespace {

class CalendarTeam : public Team
{
protected:
    QString planAs(const QString& user, const QString& title, const QString& subject)
    {
        const CliRun deal = runAs(user, {QStringLiteral("add"), QStringLiteral("--title"), title});
        EXPECT_EQ(deal.exitCode, 0) << deal.err.toStdString();
        const CliRun planned = runAs(user,
                                     {QStringLiteral("activity"), QStringLiteral("add"), QStringLiteral("--deal"),
                                      deal.out.trimmed(), QStringLiteral("--subject"), subject});
        EXPECT_EQ(planned.exitCode, 0) << planned.err.toStdString();
        return planned.out.trimmed();
    }

    QString exportAs(const QString& user, const QStringList& extra = {})
    {
        const CliRun exported
            = runAs(user,
                    QStringList {QStringLiteral("activity"), QStringLiteral("export"), QStringLiteral("--format"),
                                 QStringLiteral("ics"), QStringLiteral("--out"), QStringLiteral("-")}
                        + extra);
        EXPECT_EQ(exported.exitCode, 0) << exported.err.toStdString();
        return exported.out;
    }

    static QString uidLine(const QString& calendar, const QString& subject)
    {
        const QStringList lines = calendar.split(QStringLiteral("\r\n"));
        const qsizetype summary = lines.indexOf(QStringLiteral("SUMMARY:") + subject);
        for (qsizetype i = summary; i >= 0; --i) {
            if (lines[i].startsWith(QStringLiteral("UID:"))) {
                return lines[i];
            }
        }
        return {};
    }
};

} // namespace

TEST_F(CalendarTeam, ARepsCalendarHoldsWhatTheyMayReadWithTheUidsEveryoneGets)
{
    planAs(QStringLiteral("anna"), QStringLiteral("Anna's deal"), QStringLiteral("Anna calls"));
    planAs(QStringLiteral("ben"), QStringLiteral("Ben's deal"), QStringLiteral("Ben calls"));

    // The team sees each other's deals (the default): Anna's own calendar is hers.
    const QString annas = exportAs(QStringLiteral("anna"), {QStringLiteral("--owner"), login(QStringLiteral("anna"))});
    EXPECT_TRUE(annas.contains(QStringLiteral("SUMMARY:Anna calls\r\n")));
    EXPECT_FALSE(annas.contains(QStringLiteral("Ben calls")));
    // Whoever signs in, an activity is named alike.
    const QString mias = exportAs(QStringLiteral("mia"));
    EXPECT_FALSE(uidLine(annas, QStringLiteral("Anna calls")).isEmpty());
    EXPECT_EQ(uidLine(mias, QStringLiteral("Anna calls")), uidLine(annas, QStringLiteral("Anna calls")));
    EXPECT_FALSE(uidLine(annas, QStringLiteral("Anna calls")).contains(login(QStringLiteral("anna"))));

    // Each sees only their own deals: Ben's activities never reach Anna's calendar.
    ASSERT_EQ(
        runAs(QStringLiteral("mia"),
              {QStringLiteral("admin"), QStringLiteral("set"), QStringLiteral("visibility"), QStringLiteral("own")})
            .exitCode,
        0);
    const QString own = exportAs(QStringLiteral("anna"));
    EXPECT_TRUE(own.contains(QStringLiteral("SUMMARY:Anna calls\r\n")));
    EXPECT_FALSE(own.contains(QStringLiteral("Ben calls")));
    EXPECT_FALSE(own.contains(QStringLiteral("Ben's deal")));
}

} // namespace dealboard
