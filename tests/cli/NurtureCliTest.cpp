// dealboard-cli's organizations, people, activities, contact frequency and
// follow-ups, end to end on the real binary.
#include "CliFixture.h"
#include "dealboard/CsvReader.h"

#include <QFile>
#include <QJsonArray>

using namespace dealboard;

namespace {

class NurtureCli : public Cli
{
protected:
    QJsonArray jsonList(const QStringList& arguments)
    {
        CliRun result = run(arguments + QStringList {QStringLiteral("--format"), QStringLiteral("json")});
        EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
        return QJsonDocument::fromJson(result.out.toUtf8()).array();
    }

    void write(const QString& name, const QByteArray& bytes)
    {
        QFile file(m_dir.filePath(name));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

    QByteArray read(const QString& name)
    {
        QFile file(m_dir.filePath(name));
        EXPECT_TRUE(file.open(QIODevice::ReadOnly));
        return file.readAll();
    }
};

} // namespace

TEST_F(NurtureCli, ASecondEmailADayLaterIsRefusedWithTheLastTouchUnlessConfirmed)
{
    const QString deal = add({QStringLiteral("--title"), QStringLiteral("Acme rollout"), QStringLiteral("--company"),
                              QStringLiteral("Acme"), QStringLiteral("--contact"), QStringLiteral("Anna Ruiz"),
                              QStringLiteral("--email"), QStringLiteral("anna@acme.example")});
    EXPECT_EQ(run({QStringLiteral("org"), QStringLiteral("edit"), QStringLiteral("1"), QStringLiteral("--tags"),
                   QStringLiteral("Enterprise")})
                  .exitCode,
              0);
    EXPECT_EQ(run({QStringLiteral("segment"), QStringLiteral("set"), QStringLiteral("enterprise"),
                   QStringLiteral("--min-days"), QStringLiteral("7")})
                  .exitCode,
              0);
    const QStringList email = {QStringLiteral("activity"), QStringLiteral("add"),  QStringLiteral("--deal"), deal,
                               QStringLiteral("--type"),   QStringLiteral("email")};
    CliRun first = run(email
                       + QStringList {QStringLiteral("--subject"), QStringLiteral("Intro"), QStringLiteral("--due"),
                                      QStringLiteral("2026-03-02")});
    ASSERT_EQ(first.exitCode, 0) << first.err.toStdString();

    CliRun second = run(email
                        + QStringList {QStringLiteral("--subject"), QStringLiteral("Again"), QStringLiteral("--due"),
                                       QStringLiteral("2026-03-03")});
    EXPECT_EQ(second.exitCode, 3);
    EXPECT_TRUE(second.err.contains(QStringLiteral("email \"Intro\" on 2026-03-02"))) << second.err.toStdString();
    EXPECT_TRUE(second.err.contains(QStringLiteral("segment 'enterprise'"))) << second.err.toStdString();
    EXPECT_TRUE(second.err.contains(QStringLiteral("--anyway")));
    EXPECT_EQ(jsonList({QStringLiteral("activity"), QStringLiteral("list")}).size(), 1);

    CliRun confirmed = run(email
                           + QStringList {QStringLiteral("--subject"), QStringLiteral("Again"), QStringLiteral("--due"),
                                          QStringLiteral("2026-03-03"), QStringLiteral("--anyway")});
    EXPECT_EQ(confirmed.exitCode, 0) << confirmed.err.toStdString();
    EXPECT_EQ(jsonList({QStringLiteral("activity"), QStringLiteral("list")}).size(), 2);

    // The attention report names Anna as over-contacted.
    CliRun attention = run({QStringLiteral("attention")});
    EXPECT_EQ(attention.exitCode, 0);
    EXPECT_TRUE(attention.out.contains(QStringLiteral("Anna Ruiz"))) << attention.out.toStdString();
}

TEST_F(NurtureCli, CompletingAnActivityPlansTheNextAndTheCardShowsIt)
{
    const QString deal = add({QStringLiteral("--title"), QStringLiteral("Globex pilot")});
    CliRun planned = run({QStringLiteral("activity"), QStringLiteral("add"), QStringLiteral("--deal"), deal,
                          QStringLiteral("--subject"), QStringLiteral("Send the proposal"), QStringLiteral("--due"),
                          QStringLiteral("2026-02-27")});
    ASSERT_EQ(planned.exitCode, 0);
    const QJsonArray overdue
        = jsonList({QStringLiteral("activity"), QStringLiteral("list"), QStringLiteral("--overdue")});
    ASSERT_EQ(overdue.size(), 1);
    EXPECT_EQ(overdue[0].toObject()[QStringLiteral("subject")].toString(), QStringLiteral("Send the proposal"));

    CliRun done = run({QStringLiteral("activity"), QStringLiteral("done"), planned.out.trimmed(),
                       QStringLiteral("--next-subject"), QStringLiteral("Call about the proposal"),
                       QStringLiteral("--next-type"), QStringLiteral("call"), QStringLiteral("--next-due"),
                       QStringLiteral("2026-03-05"), QStringLiteral("--next-time"), QStringLiteral("10:30")});
    ASSERT_EQ(done.exitCode, 0) << done.err.toStdString();
    EXPECT_TRUE(jsonList({QStringLiteral("activity"), QStringLiteral("list"), QStringLiteral("--overdue")}).isEmpty());
    const QJsonArray open = jsonList(
        {QStringLiteral("activity"), QStringLiteral("list"), QStringLiteral("--open"), QStringLiteral("--deal"), deal});
    ASSERT_EQ(open.size(), 1);
    EXPECT_EQ(open[0].toObject()[QStringLiteral("type")].toString(), QStringLiteral("call"));
    EXPECT_EQ(open[0].toObject()[QStringLiteral("due_time")].toString(), QStringLiteral("10:30"));

    CliRun badTime
        = run({QStringLiteral("activity"), QStringLiteral("add"), QStringLiteral("--deal"), deal,
               QStringLiteral("--subject"), QStringLiteral("X"), QStringLiteral("--time"), QStringLiteral("25:00")});
    EXPECT_EQ(badTime.exitCode, 2);
    EXPECT_TRUE(badTime.err.contains(QStringLiteral("HH:MM")));
    EXPECT_EQ(run({QStringLiteral("activity"), QStringLiteral("add"), QStringLiteral("--deal"), QStringLiteral("99"),
                   QStringLiteral("--subject"), QStringLiteral("X")})
                  .exitCode,
              2);
}

TEST_F(NurtureCli, FollowUpOfAWonDealIsLinkedAndCountsAsRepeatBusiness)
{
    const QString origin = add({QStringLiteral("--title"), QStringLiteral("Rollout"), QStringLiteral("--company"),
                                QStringLiteral("Acme"), QStringLiteral("--email"), QStringLiteral("anna@acme.example"),
                                QStringLiteral("--value"), QStringLiteral("1000"), QStringLiteral("--close-date"),
                                QStringLiteral("2026-04-01"), QStringLiteral("--willing"), QStringLiteral("--need"),
                                QStringLiteral("--budget"), QStringLiteral("--stage"), QStringLiteral("closing")});
    EXPECT_EQ(run({QStringLiteral("followup"), origin}).exitCode, 3); // not won yet
    ASSERT_EQ(run({QStringLiteral("win"), origin}).exitCode, 0);
    // A follow-up's title meets the rule of any title: no direction
    // characters, no line breaks; nothing is made.
    for (const QString& title :
         {QStringLiteral("Up\u202Esell"), QStringLiteral("Up\nsell"), QString::fromUcs4(U"Up\U000E0041sell")}) {
        const CliRun refused = run({QStringLiteral("followup"), origin, QStringLiteral("--title"), title});
        EXPECT_EQ(refused.exitCode, 2) << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(QStringLiteral("title"))) << refused.err.toStdString();
    }
    EXPECT_EQ(run({QStringLiteral("followup"), origin, QStringLiteral("--value"), QStringLiteral("-5")}).exitCode, 2);
    CliRun followUp = run({QStringLiteral("followup"), origin, QStringLiteral("--title"), QStringLiteral("Up-sell"),
                           QStringLiteral("--value"), QStringLiteral("250")});
    ASSERT_EQ(followUp.exitCode, 0) << followUp.err.toStdString();
    const QJsonObject deal = show(followUp.out.trimmed());
    EXPECT_EQ(deal[QStringLiteral("stage")].toString(), QStringLiteral("prospecting"));
    EXPECT_EQ(deal[QStringLiteral("origin_deal_id")].toInteger(), origin.toLongLong());
    EXPECT_EQ(deal[QStringLiteral("company")].toString(), QStringLiteral("Acme"));

    const QString id = followUp.out.trimmed();
    ASSERT_EQ(run({QStringLiteral("qualify"), id, QStringLiteral("--willing"), QStringLiteral("yes"),
                   QStringLiteral("--need"), QStringLiteral("yes"), QStringLiteral("--budget"), QStringLiteral("yes")})
                  .exitCode,
              0);
    ASSERT_EQ(run({QStringLiteral("edit"), id, QStringLiteral("--close-date"), QStringLiteral("2026-05-01")}).exitCode,
              0);
    ASSERT_EQ(run({QStringLiteral("move"), id, QStringLiteral("closing")}).exitCode, 0);
    ASSERT_EQ(run({QStringLiteral("win"), id}).exitCode, 0);
    CliRun report = run({QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonObject business
        = QJsonDocument::fromJson(report.out.toUtf8()).object()[QStringLiteral("won_business")].toObject();
    EXPECT_EQ(business[QStringLiteral("new_deals")].toInt(), 1);
    EXPECT_EQ(business[QStringLiteral("new_value")].toString(), QStringLiteral("1000.00"));
    EXPECT_EQ(business[QStringLiteral("repeat_deals")].toInt(), 1);
    EXPECT_EQ(business[QStringLiteral("repeat_value")].toString(), QStringLiteral("250.00"));
}

TEST_F(NurtureCli, PeopleExportImportRoundTripsAndAFaultyFileChangesNothing)
{
    EXPECT_EQ(run({QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("=Anna"),
                   QStringLiteral("--email"), QStringLiteral("anna@acme.example"), QStringLiteral("--org"),
                   QStringLiteral("Acme"), QStringLiteral("--tags"), QStringLiteral("champion, DACH"),
                   QStringLiteral("--role"), QStringLiteral("CTO")})
                  .exitCode,
              0);
    EXPECT_EQ(run({QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Ben"),
                   QStringLiteral("--phone"), QStringLiteral("+49 1")})
                  .exitCode,
              0);
    const QString exported = m_dir.filePath(QStringLiteral("people.csv"));
    ASSERT_EQ(run({QStringLiteral("export"), QStringLiteral("people"), QStringLiteral("--out"), exported}).exitCode, 0);
    const QByteArray first = read(QStringLiteral("people.csv"));
    EXPECT_TRUE(first.contains("'=Anna")); // guarded against formula injection

    const QString other = m_dir.filePath(QStringLiteral("other.dealboard"));
    CliRun imported = run({QStringLiteral("import"), QStringLiteral("people"), exported}, other);
    ASSERT_EQ(imported.exitCode, 0) << imported.err.toStdString();
    EXPECT_TRUE(imported.out.contains(QStringLiteral("2 new")));
    ASSERT_EQ(run({QStringLiteral("export"), QStringLiteral("people"), QStringLiteral("--out"),
                   m_dir.filePath(QStringLiteral("again.csv"))},
                  other)
                  .exitCode,
              0);
    EXPECT_EQ(read(QStringLiteral("again.csv")), first);

    write(QStringLiteral("bad.csv"), "name,email\r\nCarla,carla@x.example\r\nDan,no-at-sign\r\n");
    CliRun refused
        = run({QStringLiteral("import"), QStringLiteral("people"), m_dir.filePath(QStringLiteral("bad.csv"))});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 3, column 2 (email)"))) << refused.err.toStdString();
    EXPECT_EQ(jsonList({QStringLiteral("person"), QStringLiteral("list")}).size(), 2);
}

TEST_F(NurtureCli, SeedMakesOrganizationsPeopleAndActivitiesThatExportAsCsv)
{
    ASSERT_EQ(run({QStringLiteral("seed"), QStringLiteral("--deals"), QStringLiteral("300")}).exitCode, 0);
    EXPECT_GT(jsonList({QStringLiteral("org"), QStringLiteral("list")}).size(), 20);
    EXPECT_GT(
        jsonList({QStringLiteral("org"), QStringLiteral("list"), QStringLiteral("--tag"), QStringLiteral("enterprise")})
            .size(),
        0);
    EXPECT_GT(jsonList({QStringLiteral("activity"), QStringLiteral("list"), QStringLiteral("--overdue")}).size(), 0);
    for (const QString& what :
         {QStringLiteral("organizations"), QStringLiteral("people"), QStringLiteral("activities")}) {
        const QString path = m_dir.filePath(what + QStringLiteral(".csv"));
        ASSERT_EQ(run({QStringLiteral("export"), what, QStringLiteral("--out"), path}).exitCode, 0);
        Result<CsvTable> table = CsvReader::parse(read(what + QStringLiteral(".csv")));
        ASSERT_TRUE(table.ok()) << what.toStdString();
        EXPECT_GT(table.value().rows.size(), 10u) << what.toStdString();
    }
}
