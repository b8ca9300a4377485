// Several deals in one command: one action, all or nothing by default, or the
// allowed ones with --each; each refusal named. On a file and on a server.
#include "CliFixture.h"

#include <QJsonArray>

namespace dealboard {

namespace {

class SeveralDeals : public Cli
{
protected:
    QString qualified(const QString& title)
    {
        return add({QStringLiteral("--title"), title, QStringLiteral("--willing"), QStringLiteral("--need"),
                    QStringLiteral("--budget")});
    }
    QString stageOf(const QString& id) { return show(id)[QStringLiteral("stage")].toString(); }
    QString statusOf(const QString& id) { return show(id)[QStringLiteral("status")].toString(); }
};

} // namespace

TEST_F(SeveralDeals, OneRefusalMovesNoneAndNamesIt)
{
    const QString first = qualified(QStringLiteral("First"));
    const QString unqualified = add({QStringLiteral("--title"), QStringLiteral("Unqualified")});
    const QString third = qualified(QStringLiteral("Third"));
    const CliRun refused = run({QStringLiteral("move"), first, unqualified, third, QStringLiteral("contacting")});
    EXPECT_EQ(refused.exitCode, 3) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Nothing was changed: 1 of 3 deals were refused")))
        << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("%1: Can't move 'Unqualified'").arg(unqualified)))
        << refused.err.toStdString();
    EXPECT_TRUE(refused.out.isEmpty()) << refused.out.toStdString();
    // The first deal's step was undone with the whole action.
    EXPECT_EQ(stageOf(first), QStringLiteral("prospecting"));
    EXPECT_EQ(stageOf(third), QStringLiteral("prospecting"));
    EXPECT_EQ(show(first)[QStringLiteral("history")].toArray().size(), 1);

    // An unknown deal is a refusal like any other.
    const CliRun unknown = run({QStringLiteral("move"), first, QStringLiteral("999"), QStringLiteral("contacting")});
    EXPECT_EQ(unknown.exitCode, 3) << unknown.err.toStdString();
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("999: There is no deal 999."))) << unknown.err.toStdString();
    EXPECT_EQ(stageOf(first), QStringLiteral("prospecting"));
}

TEST_F(SeveralDeals, WithEachTheAllowedAreDoneAndTheRefusedNamed)
{
    const QString first = qualified(QStringLiteral("First"));
    const QString unqualified = add({QStringLiteral("--title"), QStringLiteral("Unqualified")});
    const QString third = qualified(QStringLiteral("Third"));
    const CliRun partly = run(
        {QStringLiteral("move"), first, unqualified, third, QStringLiteral("contacting"), QStringLiteral("--each")});
    EXPECT_EQ(partly.exitCode, 3) << partly.err.toStdString();
    EXPECT_EQ(partly.out, QStringLiteral("Moved 'First' to Contacting.\nMoved 'Third' to Contacting.\n"));
    EXPECT_TRUE(partly.err.contains(QStringLiteral("refused %1: Can't move 'Unqualified'").arg(unqualified)))
        << partly.err.toStdString();
    EXPECT_EQ(stageOf(first), QStringLiteral("contacting"));
    EXPECT_EQ(stageOf(unqualified), QStringLiteral("prospecting"));
    EXPECT_EQ(stageOf(third), QStringLiteral("contacting"));

    const CliRun all
        = run({QStringLiteral("move"), first, third, first, QStringLiteral("relationship"), QStringLiteral("--each")});
    EXPECT_EQ(all.exitCode, 0) << all.err.toStdString();
    EXPECT_EQ(all.out.count(QStringLiteral("Moved")), 2) << all.out.toStdString(); // the same deal twice is one
}

TEST_F(SeveralDeals, LoseReopenEditAndDeleteTakeSeveralIds)
{
    const QString first = qualified(QStringLiteral("First"));
    const QString second = qualified(QStringLiteral("Second"));
    CliRun done = run({QStringLiteral("lose"), first, second, QStringLiteral("--reason"), QStringLiteral("No budget")});
    ASSERT_EQ(done.exitCode, 0) << done.err.toStdString();
    EXPECT_EQ(statusOf(first), QStringLiteral("lost"));
    EXPECT_EQ(statusOf(second), QStringLiteral("lost"));
    done = run({QStringLiteral("reopen"), first, second});
    ASSERT_EQ(done.exitCode, 0) << done.err.toStdString();
    EXPECT_EQ(statusOf(second), QStringLiteral("open"));
    done = run({QStringLiteral("edit"), first, second, QStringLiteral("--owner"), QStringLiteral("Ben")});
    ASSERT_EQ(done.exitCode, 0) << done.err.toStdString();
    EXPECT_EQ(show(first)[QStringLiteral("owner")].toString(), QStringLiteral("Ben"));
    EXPECT_EQ(show(second)[QStringLiteral("owner")].toString(), QStringLiteral("Ben"));
    // Winning needs Closing: both refused, none changed.
    done = run({QStringLiteral("win"), first, second});
    EXPECT_EQ(done.exitCode, 3) << done.err.toStdString();
    EXPECT_EQ(statusOf(first), QStringLiteral("open"));
    done = run({QStringLiteral("delete"), first, second});
    ASSERT_EQ(done.exitCode, 0) << done.err.toStdString();
    EXPECT_EQ(done.out, QStringLiteral("Deleted 'First'.\nDeleted 'Second'.\n"));
    EXPECT_EQ(run({QStringLiteral("show"), first}).exitCode, 2);
}

TEST_F(SeveralDeals, AVersionOrEachWithTheWrongNumberOfIdsIsAUsageError)
{
    const QString first = qualified(QStringLiteral("First"));
    const QString second = qualified(QStringLiteral("Second"));
    CliRun wrong = run({QStringLiteral("move"), first, second, QStringLiteral("contacting"),
                        QStringLiteral("--expect-version"), QStringLiteral("1")});
    EXPECT_EQ(wrong.exitCode, 1);
    EXPECT_TRUE(wrong.err.contains(QStringLiteral("--expect-version names one deal's version")))
        << wrong.err.toStdString();
    wrong = run({QStringLiteral("move"), first, QStringLiteral("contacting"), QStringLiteral("--each")});
    EXPECT_EQ(wrong.exitCode, 1);
    wrong = run({QStringLiteral("move"), first, QStringLiteral("x2"), QStringLiteral("contacting")});
    EXPECT_EQ(wrong.exitCode, 1);
    EXPECT_TRUE(wrong.err.contains(QStringLiteral("'x2' is not a deal id"))) << wrong.err.toStdString();
    EXPECT_EQ(stageOf(first), QStringLiteral("prospecting"));
}

} // namespace dealboard
