// dealboard-cli's duplicates: add and edit offer the existing contact (exit 3,
// --new saves another), imports link by the normalized key and their dry runs
// say so, `duplicates list` names the pairs with why; end to end on the real
// binary, on both backends.
#include "TeamFixture.h"

#include <QFile>
#include <QJsonArray>

using namespace dealboard;

namespace {

class DuplicatesCli : public Cli
{
protected:
    QString write(const QString& name, const QByteArray& bytes)
    {
        QFile file(m_dir.filePath(name));
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        return file.fileName();
    }
};

} // namespace

TEST_F(DuplicatesCli, AddingAnOrganizationLikeAnotherNamesItAndExits3UntilNew)
{
    const CliRun acme
        = run({QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Acme GmbH")});
    ASSERT_EQ(acme.exitCode, 0) << acme.err.toStdString();
    const QString id = acme.out.trimmed();

    const CliRun refused
        = run({QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("ACME ")});
    EXPECT_EQ(refused.exitCode, 3);
    EXPECT_TRUE(refused.out.isEmpty());
    EXPECT_EQ(refused.err,
              QStringLiteral("dealboard-cli: Acme GmbH (id %1) looks like the same organization as "
                             "'ACME': the names differ only in case, spaces, punctuation or legal form. "
                             "Nothing was saved: use that organization (id %1), or repeat with --new to "
                             "save this one anyway.\n")
                  .arg(id));
    const CliRun another = run({QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"),
                                QStringLiteral("ACME "), QStringLiteral("--new")});
    EXPECT_EQ(another.exitCode, 0) << another.err.toStdString();

    // A person with a known phone, the same way.
    ASSERT_EQ(run({QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Anna"),
                   QStringLiteral("--phone"), QStringLiteral("+49 30 1234567")})
                  .exitCode,
              0);
    const CliRun samePhone
        = run({QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Anna B."),
               QStringLiteral("--phone"), QStringLiteral("+49301234567")});
    EXPECT_EQ(samePhone.exitCode, 3);
    EXPECT_TRUE(samePhone.err.contains(QStringLiteral("they have the same phone (+49 30 1234567)")))
        << samePhone.err.toStdString();

    const CliRun listed = run(
        {QStringLiteral("duplicates"), QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(listed.exitCode, 0) << listed.err.toStdString();
    const QJsonArray pairs = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    ASSERT_EQ(pairs.size(), 1);
    EXPECT_EQ(pairs[0][QStringLiteral("type")].toString(), QStringLiteral("organization"));
    EXPECT_EQ(pairs[0][QStringLiteral("first")].toInteger(), id.toLongLong());
    EXPECT_EQ(pairs[0][QStringLiteral("second_name")].toString(), QStringLiteral("ACME"));
    EXPECT_TRUE(pairs[0][QStringLiteral("why")].toString().contains(QStringLiteral("legal form")));

    const CliRun table = run({QStringLiteral("duplicates"), QStringLiteral("list")});
    EXPECT_EQ(table.exitCode, 0);
    EXPECT_TRUE(table.out.contains(QStringLiteral("organization")));
    EXPECT_TRUE(table.out.contains(QStringLiteral("1 likely duplicate pair(s)"))) << table.out.toStdString();
}

TEST_F(DuplicatesCli, AnImportsDryRunSaysWhichRowsItLinksToAnotherSpelling)
{
    const QString id
        = run({QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Acme GmbH")})
              .out.trimmed();
    const QString deals = write(QStringLiteral("deals.csv"), "title,company\nRollout,ACME \nPilot,Acme Ltd.\n");
    const CliRun dry = run({QStringLiteral("import"), QStringLiteral("deals"), deals, QStringLiteral("--dry-run")});
    ASSERT_EQ(dry.exitCode, 0) << dry.err.toStdString();
    EXPECT_TRUE(dry.out.contains(QStringLiteral("Would link to existing contacts of another spelling:\n"
                                                "  'ACME' → existing organization 'Acme GmbH' (id %1)\n"
                                                "  'Acme Ltd.' → existing organization 'Acme GmbH' (id %1)\n")
                                     .arg(id)))
        << dry.out.toStdString();
    ASSERT_EQ(run({QStringLiteral("import"), QStringLiteral("deals"), deals}).exitCode, 0);
    const CliRun orgs
        = run({QStringLiteral("org"), QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
    EXPECT_EQ(QJsonDocument::fromJson(orgs.out.toUtf8()).array().size(), 1);
    const CliRun none = run({QStringLiteral("duplicates"), QStringLiteral("list")});
    EXPECT_EQ(none.out, QStringLiteral("No likely duplicates.\n"));
}

// Under visibility `own` a rep finds only pairs of contacts they may read; a
// manager sees them all.
TEST_F(Team, ARepListsOnlyDuplicatesAmongTheContactsTheyMayRead)
{
    ASSERT_EQ(run({QStringLiteral("admin"), QStringLiteral("set"), QStringLiteral("visibility"), QStringLiteral("own")})
                  .exitCode,
              0);
    const CliRun first
        = runAs(QStringLiteral("anna"),
                {QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Acme GmbH")});
    ASSERT_EQ(first.exitCode, 0) << first.err.toStdString();
    // Ben cannot see Anna's organization: nothing is offered to him, and his is made.
    const CliRun his
        = runAs(QStringLiteral("ben"),
                {QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("ACME")});
    ASSERT_EQ(his.exitCode, 0) << his.err.toStdString();
    const CliRun mine = runAs(QStringLiteral("anna"),
                              {QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"),
                               QStringLiteral("Acme Ltd"), QStringLiteral("--new")});
    ASSERT_EQ(mine.exitCode, 0) << mine.err.toStdString();

    const auto pairsFor = [this](const QString& user) {
        const CliRun listed = runAs(
            user,
            {QStringLiteral("duplicates"), QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
        EXPECT_EQ(listed.exitCode, 0) << listed.err.toStdString();
        return QJsonDocument::fromJson(listed.out.toUtf8()).array();
    };
    EXPECT_EQ(pairsFor(QStringLiteral("ben")).size(), 0);
    const QJsonArray annas = pairsFor(QStringLiteral("anna"));
    ASSERT_EQ(annas.size(), 1);
    EXPECT_EQ(annas[0][QStringLiteral("first")].toInteger(), first.out.trimmed().toLongLong());
    EXPECT_EQ(annas[0][QStringLiteral("second")].toInteger(), mine.out.trimmed().toLongLong());
    EXPECT_EQ(pairsFor(QStringLiteral("mia")).size(), 2);
}
