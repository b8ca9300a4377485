// A team on one server: users, roles and rights the server itself enforces.
// Rights are always tried as the team's own logins, never as a superuser
// (superusers bypass row-level security). In the PostgreSQL half only.
#include "TeamFixture.h"
#include "dealboard/DealStore.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QThread>
#include <QUrl>
#include <algorithm>

namespace dealboard {

TEST_F(Team, TheOwnerSetsUpTheTeamOnceAndListsItsUsers)
{
    const CliRun again = run({QStringLiteral("admin"), QStringLiteral("init-team")});
    EXPECT_EQ(again.exitCode, 2);
    EXPECT_TRUE(again.err.contains(QStringLiteral("already set up"))) << again.err.toStdString();
    CliRun listed = run({QStringLiteral("admin"), QStringLiteral("list-users")});
    ASSERT_EQ(listed.exitCode, 0) << listed.err.toStdString();
    EXPECT_TRUE(
        listed.out.contains(QRegularExpression(login(QStringLiteral("mia")) + QStringLiteral(" +manager +enabled"))))
        << listed.out.toStdString();
    EXPECT_TRUE(
        listed.out.contains(QRegularExpression(login(QStringLiteral("anna")) + QStringLiteral(" +rep +enabled"))))
        << listed.out.toStdString();

    ASSERT_EQ(run({QStringLiteral("admin"), QStringLiteral("set-role"), login(QStringLiteral("ben")),
                   QStringLiteral("manager")})
                  .exitCode,
              0);
    ASSERT_EQ(run({QStringLiteral("admin"), QStringLiteral("disable-user"), login(QStringLiteral("anna"))}).exitCode,
              0);
    listed = run({QStringLiteral("admin"), QStringLiteral("list-users")});
    EXPECT_TRUE(listed.out.contains(QRegularExpression(login(QStringLiteral("ben")) + QStringLiteral(" +manager"))))
        << listed.out.toStdString();
    EXPECT_TRUE(
        listed.out.contains(QRegularExpression(login(QStringLiteral("anna")) + QStringLiteral(" +rep +disabled"))))
        << listed.out.toStdString();
    const CliRun disabled = runAs(QStringLiteral("anna"), {QStringLiteral("list")});
    EXPECT_EQ(disabled.exitCode, 2);
    EXPECT_TRUE(disabled.err.contains(QStringLiteral("not permitted to log in"))) << disabled.err.toStdString();
}

TEST_F(Team, ARepChangesOnlyTheirOwnDealsAndAManagerReassigns)
{
    const CliRun added = runAs(QStringLiteral("anna"),
                               {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Anna's"),
                                QStringLiteral("--willing"), QStringLiteral("--need")});
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    const QString id = added.out.trimmed();

    // Ben sees it (the team's pipeline) but may not move it.
    EXPECT_TRUE(runAs(QStringLiteral("ben"), {QStringLiteral("list")}).out.contains(QStringLiteral("Anna's")));
    const CliRun refused = runAs(QStringLiteral("ben"), {QStringLiteral("move"), id, QStringLiteral("qualifying")});
    EXPECT_EQ(refused.exitCode, 3) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(
        QStringLiteral("Only the deal's owner (%1) or a manager").arg(login(QStringLiteral("anna")))))
        << refused.err.toStdString();
    // Nor create one in her name.
    const CliRun forOther = runAs(QStringLiteral("ben"),
                                  {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Sneaky"),
                                   QStringLiteral("--owner"), login(QStringLiteral("anna"))});
    EXPECT_EQ(forOther.exitCode, 3) << forOther.err.toStdString();

    // Nor plan activities on it.
    const CliRun activity = runAs(QStringLiteral("ben"),
                                  {QStringLiteral("activity"), QStringLiteral("add"), QStringLiteral("--deal"), id,
                                   QStringLiteral("--subject"), QStringLiteral("Call"), QStringLiteral("--due"),
                                   QStringLiteral("2026-03-05")});
    EXPECT_EQ(activity.exitCode, 3) << activity.err.toStdString();
    EXPECT_TRUE(activity.err.contains(QStringLiteral("can change the activities of 'Anna's'")))
        << activity.err.toStdString();

    // Nobody writes history in another's name: --actor is refused, and
    // nothing moves.
    const CliRun named = runAs(QStringLiteral("anna"),
                               {QStringLiteral("move"), id, QStringLiteral("qualifying"), QStringLiteral("--actor"),
                                QStringLiteral("somebody")});
    EXPECT_EQ(named.exitCode, 2) << named.err.toStdString();
    EXPECT_TRUE(named.err.contains(QStringLiteral("--actor is not taken on a team's server")))
        << named.err.toStdString();
    EXPECT_TRUE(
        runAs(QStringLiteral("anna"), {QStringLiteral("show"), id}).out.contains(QStringLiteral("Prospecting")));

    // Anna may; the history names her.
    const CliRun moved = runAs(QStringLiteral("anna"), {QStringLiteral("move"), id, QStringLiteral("qualifying")});
    ASSERT_EQ(moved.exitCode, 0) << moved.err.toStdString();
    const CliRun planned = runAs(QStringLiteral("anna"),
                                 {QStringLiteral("activity"), QStringLiteral("add"), QStringLiteral("--deal"), id,
                                  QStringLiteral("--subject"), QStringLiteral("Call"), QStringLiteral("--due"),
                                  QStringLiteral("2026-03-05")});
    EXPECT_EQ(planned.exitCode, 0) << planned.err.toStdString();
    const CliRun completed
        = runAs(QStringLiteral("ben"), {QStringLiteral("activity"), QStringLiteral("done"), planned.out.trimmed()});
    EXPECT_EQ(completed.exitCode, 3) << completed.err.toStdString();
    const CliRun shown = runAs(QStringLiteral("anna"), {QStringLiteral("show"), id});
    EXPECT_TRUE(
        shown.out.contains(QStringLiteral("Prospecting -> Qualifying  by %1").arg(login(QStringLiteral("anna")))))
        << shown.out.toStdString();

    // Anna can't give it away; Mia, a manager, can.
    EXPECT_EQ(runAs(QStringLiteral("anna"),
                    {QStringLiteral("edit"), id, QStringLiteral("--owner"), login(QStringLiteral("ben"))})
                  .exitCode,
              3);
    const CliRun reassigned = runAs(
        QStringLiteral("mia"), {QStringLiteral("edit"), id, QStringLiteral("--owner"), login(QStringLiteral("ben"))});
    ASSERT_EQ(reassigned.exitCode, 0) << reassigned.err.toStdString();
    EXPECT_EQ(runAs(QStringLiteral("ben"), {QStringLiteral("move"), id, QStringLiteral("prospecting")}).exitCode, 0);
    EXPECT_EQ(runAs(QStringLiteral("anna"), {QStringLiteral("move"), id, QStringLiteral("qualifying")}).exitCode, 3);
}

TEST_F(Team, GoalsAndSegmentRulesAreAManagersAndTheRefusalSaysSo)
{
    const CliRun goal = runAs(
        QStringLiteral("anna"),
        {QStringLiteral("goal"), QStringLiteral("closing"), QStringLiteral("--conversion"), QStringLiteral("0.5")});
    EXPECT_EQ(goal.exitCode, 3) << goal.err.toStdString();
    EXPECT_TRUE(goal.err.contains(QStringLiteral("Only a manager can set the stage goals"))) << goal.err.toStdString();
    const CliRun segment = runAs(
        QStringLiteral("anna"),
        {QStringLiteral("segment"), QStringLiteral("default"), QStringLiteral("--min-days"), QStringLiteral("5")});
    EXPECT_EQ(segment.exitCode, 3) << segment.err.toStdString();
    EXPECT_TRUE(segment.err.contains(QStringLiteral("Only a manager"))) << segment.err.toStdString();
    const CliRun set = runAs(
        QStringLiteral("mia"),
        {QStringLiteral("goal"), QStringLiteral("closing"), QStringLiteral("--conversion"), QStringLiteral("0.5")});
    EXPECT_EQ(set.exitCode, 0) << set.err.toStdString();
    EXPECT_EQ(
        runAs(QStringLiteral("mia"),
              {QStringLiteral("segment"), QStringLiteral("default"), QStringLiteral("--min-days"), QStringLiteral("5")})
            .exitCode,
        0);
}

TEST_F(Team, RawSqlAsARepGetsNoFurtherThanTheApp)
{
    const CliRun added = runAs(QStringLiteral("anna"),
                               {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Anna's"),
                                QStringLiteral("--value"), QStringLiteral("100")});
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    const QString id = added.out.trimmed();
    const QStringList results = sqlAs(
        QStringLiteral("ben"),
        {QStringLiteral("UPDATE deals SET value_minor = 1 WHERE id = %1").arg(id),
         QStringLiteral("UPDATE deals SET owner = current_user WHERE id = %1").arg(id),
         QStringLiteral("DELETE FROM deals WHERE id = %1").arg(id),
         QStringLiteral("INSERT INTO stage_history (deal_id, to_stage, to_status, at, actor) VALUES (%1, 'closing', "
                        "'open', now(), '%2')")
             .arg(id, login(QStringLiteral("anna"))),
         QStringLiteral("INSERT INTO stage_goals (stage, target_conversion_bp) VALUES ('closing', 5000)"),
         QStringLiteral("INSERT INTO settings (key, value) VALUES ('team.visibility', 'own')"),
         QStringLiteral("INSERT INTO deals (title, owner, stage, status, created_at, updated_at, stage_entered_at) "
                        "VALUES ('x', '%1', 'prospecting', 'open', now(), now(), now())")
             .arg(login(QStringLiteral("anna"))),
         QStringLiteral("SELECT count(*) FROM deals")});
    ASSERT_EQ(results.size(), 8) << results.join(QLatin1Char('|')).toStdString();
    EXPECT_EQ(results[0], QStringLiteral("0")); // another's deal: nothing changes
    EXPECT_EQ(results[1], QStringLiteral("0"));
    EXPECT_EQ(results[2], QString()); // no member deletes rows themselves: refused
    EXPECT_EQ(results[3], QString()); // history is the server's: refused
    EXPECT_EQ(results[4], QString()); // goals are a manager's
    EXPECT_EQ(results[5], QString()); // so are the team's settings
    EXPECT_EQ(results[6], QString()); // a deal in someone else's name
    EXPECT_EQ(results[7], QStringLiteral("2")); // the team's pipeline is visible
    const CliRun shown = run({QStringLiteral("show"), id, QStringLiteral("--format"), QStringLiteral("json")});
    EXPECT_TRUE(shown.out.contains(QStringLiteral("\"value_minor\": 10000"))) << shown.out.toStdString();

    // With visibility "own", a rep reads only their own deals.
    test::runRawSql(db(), {QStringLiteral("INSERT INTO settings (key, value) VALUES ('team.visibility', 'own')")});
    EXPECT_EQ(sqlAs(QStringLiteral("ben"), {QStringLiteral("SELECT count(*) FROM deals")}),
              QStringList {QStringLiteral("0")});
    EXPECT_EQ(sqlAs(QStringLiteral("anna"), {QStringLiteral("SELECT count(*) FROM deals")}),
              QStringList {QStringLiteral("1")});
    EXPECT_EQ(sqlAs(QStringLiteral("mia"), {QStringLiteral("SELECT count(*) FROM deals")}),
              QStringList {QStringLiteral("2")});
    const CliRun hidden = runAs(QStringLiteral("ben"), {QStringLiteral("show"), id});
    EXPECT_EQ(hidden.exitCode, 2);
    EXPECT_TRUE(hidden.err.contains(QStringLiteral("There is no deal"))) << hidden.err.toStdString();
}

// As docs/team-server.md sets it up: the database's owner is no superuser,
// only allowed to make roles.
TEST_F(Team, ADatabaseOwnerWhoMayMakeRolesSetsUpATeam)
{
    const QString other = test::TestServer::createDatabase();
    const QString boss = other + QStringLiteral("_boss");
    const QString rep = other + QStringLiteral("_carl");
    QString error;
    ASSERT_TRUE(
        test::TestServer::run({QStringLiteral("CREATE ROLE %1 LOGIN CREATEROLE PASSWORD 'boss-password'").arg(boss),
                               QStringLiteral("ALTER DATABASE %1 OWNER TO %2").arg(other, boss)},
                              QString(), &error))
        << error.toStdString();
    QUrl url(test::TestServer::urlOf(other));
    url.setUserName(boss);
    auto cli = [this, &url](const QString& password, const QStringList& arguments, const QByteArray& input = {}) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("PGPASSWORD"), password);
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(DEALBOARD_CLI_PATH),
                      QStringList {QStringLiteral("--db"), url.toString()} + arguments);
        process.write(input);
        process.closeWriteChannel();
        EXPECT_TRUE(process.waitForFinished(60000));
        return CliRun {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                       QString::fromUtf8(process.readAllStandardError())};
    };
    const QString bossPassword = QStringLiteral("boss-password");
    EXPECT_EQ(cli(bossPassword, {QStringLiteral("init")}).exitCode, 0);
    const CliRun team = cli(bossPassword, {QStringLiteral("admin"), QStringLiteral("init-team")});
    EXPECT_EQ(team.exitCode, 0) << team.err.toStdString();
    const CliRun added = cli(bossPassword,
                             {QStringLiteral("admin"), QStringLiteral("add-user"), rep, QStringLiteral("--role"),
                              QStringLiteral("rep"), QStringLiteral("--new-password-stdin")},
                             "carl-password\n");
    EXPECT_EQ(added.exitCode, 0) << added.err.toStdString();
    url.setUserName(rep);
    const CliRun deal = cli(QStringLiteral("carl-password"),
                            {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Carl's")});
    EXPECT_EQ(deal.exitCode, 0) << deal.err.toStdString();
    EXPECT_TRUE(cli(QStringLiteral("carl-password"), {QStringLiteral("list")}).out.contains(QStringLiteral("Carl's")));

    test::TestServer::dropDatabase(other);
    QStringList drops;
    for (const QString& role : {rep, other + QStringLiteral("_rep"), other + QStringLiteral("_manager"),
                                other + QStringLiteral("_owner"), other + QStringLiteral("_admin"), boss}) {
        drops << QStringLiteral("DROP ROLE IF EXISTS %1").arg(role);
    }
    EXPECT_TRUE(test::TestServer::run(drops, QString(), &error)) << error.toStdString();
}

TEST_F(Team, ARepOfOneTeamCannotConnectToAnothersDatabase)
{
    // A second team, set up the same way in another database of the server.
    const QString other = test::TestServer::createDatabase();
    const QString otherUrl = test::TestServer::urlOf(other);
    const auto cli = [this, &otherUrl](const QStringList& arguments, const QByteArray& input = {}) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(DEALBOARD_CLI_PATH), QStringList {QStringLiteral("--db"), otherUrl} + arguments);
        process.write(input);
        process.closeWriteChannel();
        EXPECT_TRUE(process.waitForFinished(60000));
        return process.exitCode();
    };
    EXPECT_EQ(cli({QStringLiteral("init")}), 0);
    EXPECT_EQ(cli({QStringLiteral("admin"), QStringLiteral("init-team")}), 0);
    const QString zoe = other + QStringLiteral("_zoe");
    EXPECT_EQ(cli({QStringLiteral("admin"), QStringLiteral("add-user"), zoe, QStringLiteral("--role"),
                   QStringLiteral("manager"), QStringLiteral("--new-password-stdin")},
                  "zoe-password\n"),
              0);

    const QStringList anna = sqlAs(QStringLiteral("anna"), {QStringLiteral("SELECT 1")}, other);
    ASSERT_EQ(anna.size(), 1);
    EXPECT_TRUE(anna[0].startsWith(QStringLiteral("cannot connect"))) << anna[0].toStdString();
    EXPECT_TRUE(anna[0].contains(QStringLiteral("permission denied"))) << anna[0].toStdString();
    // Nor can the other team's manager reach this one, or administer its users.
    QUrl zoeUrl(db());
    zoeUrl.setUserName(zoe);
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("PGPASSWORD"), QStringLiteral("zoe-password"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(DEALBOARD_CLI_PATH),
                  {QStringLiteral("--db"), zoeUrl.toString(), QStringLiteral("list")});
    ASSERT_TRUE(process.waitForFinished(60000));
    EXPECT_EQ(process.exitCode(), 2);
    EXPECT_TRUE(process.readAllStandardError().contains("permission denied"));

    test::TestServer::dropDatabase(other);
    QStringList drops;
    for (const char* role : {"_zoe", "_rep", "_manager", "_owner", "_admin"}) {
        drops << QStringLiteral("DROP ROLE IF EXISTS \"%1%2\"").arg(other, QLatin1String(role));
    }
    QString error;
    EXPECT_TRUE(test::TestServer::run(drops, QString(), &error)) << error.toStdString();
}

// A manager administers the team without the right to make roles: through
// the team's own functions, which touch this team's users only.
TEST_F(Team, AManagerAdministersTheTeamAndARepCannot)
{
    const QString mia = QStringLiteral("mia");
    auto admin = [this](const QString& user, const QStringList& arguments, const QByteArray& input = {}) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("PGPASSWORD"), password(user));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(DEALBOARD_CLI_PATH),
                      QStringList {QStringLiteral("--db"), as(user), QStringLiteral("admin")} + arguments);
        process.write(input);
        process.closeWriteChannel();
        EXPECT_TRUE(process.waitForFinished(60000));
        return CliRun {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                       QString::fromUtf8(process.readAllStandardError())};
    };
    ASSERT_TRUE(sqlAs(mia, {QStringLiteral("SELECT rolcreaterole::text FROM pg_roles WHERE rolname = current_user")})
                == QStringList {QStringLiteral("false")});
    m_users << QStringLiteral("dan");
    const CliRun added = admin(mia,
                               {QStringLiteral("add-user"), login(QStringLiteral("dan")), QStringLiteral("--role"),
                                QStringLiteral("rep"), QStringLiteral("--new-password-stdin")},
                               password(QStringLiteral("dan")).toUtf8() + "\n");
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    EXPECT_EQ(runAs(QStringLiteral("dan"), {QStringLiteral("list")}).exitCode, 0);
    EXPECT_EQ(
        admin(mia, {QStringLiteral("set-role"), login(QStringLiteral("dan")), QStringLiteral("manager")}).exitCode, 0);
    EXPECT_EQ(admin(mia, {QStringLiteral("disable-user"), login(QStringLiteral("dan"))}).exitCode, 0);
    EXPECT_NE(runAs(QStringLiteral("dan"), {QStringLiteral("list")}).exitCode, 0);
    EXPECT_EQ(admin(mia, {QStringLiteral("enable-user"), login(QStringLiteral("dan"))}).exitCode, 0);
    EXPECT_EQ(runAs(QStringLiteral("dan"), {QStringLiteral("list")}).exitCode, 0);
    const CliRun listed = admin(mia, {QStringLiteral("list-users")});
    EXPECT_TRUE(
        listed.out.contains(QRegularExpression(login(QStringLiteral("dan")) + QStringLiteral(" +manager +enabled"))))
        << listed.out.toStdString();

    // Only this team's users: not the server's other roles.
    const CliRun outsider = admin(mia, {QStringLiteral("disable-user"), QStringLiteral("dealboard_test")});
    EXPECT_EQ(outsider.exitCode, 2) << outsider.err.toStdString();
    EXPECT_TRUE(outsider.err.contains(QStringLiteral("is not a user of the team"))) << outsider.err.toStdString();

    // A rep administers nothing, through DealBoard or around it.
    const CliRun refused
        = admin(QStringLiteral("anna"), {QStringLiteral("disable-user"), login(QStringLiteral("ben"))});
    EXPECT_EQ(refused.exitCode, 3) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Only a manager or the database's owner")))
        << refused.err.toStdString();
    const QStringList raw
        = sqlAs(QStringLiteral("anna"),
                {QStringLiteral("SELECT dealboard_team.set_role('%1', 'manager')").arg(login(QStringLiteral("anna"))),
                 QStringLiteral("CREATE ROLE sneaky LOGIN"), QStringLiteral("SELECT dealboard_team.check_caller()")});
    EXPECT_EQ(raw, (QStringList {QString(), QString(), QString()}));
    EXPECT_TRUE(admin(mia, {QStringLiteral("list-users")})
                    .out.contains(QRegularExpression(login(QStringLiteral("anna")) + QStringLiteral(" +rep"))));
    // Nor does a hash-less password get in through the functions.
    EXPECT_EQ(sqlAs(mia,
                    {QStringLiteral("SELECT dealboard_team.add_user('%1', 'plain-text', 'rep')")
                         .arg(login(QStringLiteral("eve")))}),
              QStringList {QString()});

    // The team's visibility is a manager's to set.
    const CliRun repSets
        = admin(QStringLiteral("ben"), {QStringLiteral("set"), QStringLiteral("visibility"), QStringLiteral("own")});
    EXPECT_EQ(repSets.exitCode, 3) << repSets.err.toStdString();
    EXPECT_TRUE(repSets.err.contains(QStringLiteral("Only a manager can set the team's settings")))
        << repSets.err.toStdString();
    EXPECT_EQ(admin(QStringLiteral("ben"), {QStringLiteral("get"), QStringLiteral("visibility")}).out,
              QStringLiteral("team\n"));
    const CliRun set = admin(mia, {QStringLiteral("set"), QStringLiteral("visibility"), QStringLiteral("own")});
    ASSERT_EQ(set.exitCode, 0) << set.err.toStdString();
    EXPECT_EQ(set.out, QStringLiteral("own\n"));
    EXPECT_EQ(admin(mia, {QStringLiteral("set"), QStringLiteral("visibility"), QStringLiteral("all")}).exitCode, 1);
    ASSERT_EQ(runAs(mia, {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Mia's")}).exitCode, 0);
    EXPECT_FALSE(runAs(QStringLiteral("ben"), {QStringLiteral("list")}).out.contains(QStringLiteral("Mia's")));
    EXPECT_TRUE(runAs(mia, {QStringLiteral("list")}).out.contains(QStringLiteral("Mia's")));
}

TEST_F(Team, AManagerReadsTheFunnelSplitByOwnerAndARepUnderOwnVisibilityOnlyTheirs)
{
    for (const QString& user : {QStringLiteral("anna"), QStringLiteral("anna"), QStringLiteral("ben")}) {
        ASSERT_EQ(runAs(user,
                        {QStringLiteral("add"), QStringLiteral("--title"), user + QStringLiteral("'s deal"),
                         QStringLiteral("--value"), QStringLiteral("1000")})
                      .exitCode,
                  0);
    }
    const CliRun split = runAs(QStringLiteral("mia"),
                               {QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("owner"),
                                QStringLiteral("--format"), QStringLiteral("csv")});
    ASSERT_EQ(split.exitCode, 0) << split.err.toStdString();
    EXPECT_TRUE(split.out.contains(QStringLiteral("\n%1,EUR,2,2,2000.00,").arg(login(QStringLiteral("anna")))))
        << split.out.toStdString();
    EXPECT_TRUE(split.out.contains(QStringLiteral("\n%1,EUR,1,1,1000.00,").arg(login(QStringLiteral("ben")))))
        << split.out.toStdString();
    EXPECT_TRUE(split.out.contains(QStringLiteral("\n(team),EUR,4,4,3000.00,"))) << split.out.toStdString();

    ASSERT_EQ(
        runAs(QStringLiteral("mia"),
              {QStringLiteral("admin"), QStringLiteral("set"), QStringLiteral("visibility"), QStringLiteral("own")})
            .exitCode,
        0);
    const CliRun own = runAs(QStringLiteral("ben"),
                             {QStringLiteral("report"), QStringLiteral("--by"), QStringLiteral("owner"),
                              QStringLiteral("--format"), QStringLiteral("csv")});
    ASSERT_EQ(own.exitCode, 0) << own.err.toStdString();
    EXPECT_FALSE(own.out.contains(login(QStringLiteral("anna")))) << own.out.toStdString();
    EXPECT_TRUE(own.out.contains(QStringLiteral("\n(team),EUR,1,1,1000.00,"))) << own.out.toStdString();
}

// Notes follow the deal's rights: its owner or a manager adds them, in their
// own name; a teammate reads them with the deal and adds none, not even
// with raw SQL. A team's server set up before notes existed (schema 3) gains
// them, with the same rights, through migrate.
TEST_F(Team, NotesFollowTheDealsRightsAlsoAfterMigratingFromVersionThree)
{
    // Schema 3 is schema 4 without the notes table.
    test::runRawSql(db(),
                    test::backToSchemaFour(true)
                        + QStringList {QStringLiteral("DROP TABLE notes"),
                                       QStringLiteral("UPDATE schema_version SET version = 3")});
    const CliRun old = runAs(QStringLiteral("anna"), {QStringLiteral("list")});
    EXPECT_EQ(old.exitCode, 2);
    EXPECT_TRUE(old.err.contains(QStringLiteral("migrate"))) << old.err.toStdString();
    const CliRun migrated = run({QStringLiteral("migrate")});
    ASSERT_EQ(migrated.exitCode, 0) << migrated.err.toStdString();
    EXPECT_TRUE(migrated.out.contains(QStringLiteral("from schema version 3 to %1").arg(DealStore::SchemaVersion)))
        << migrated.out.toStdString();
    EXPECT_EQ(run({QStringLiteral("check")}).exitCode, 0);

    const CliRun added
        = runAs(QStringLiteral("anna"), {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Anna's")});
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    const QString id = added.out.trimmed();
    const CliRun note = runAs(QStringLiteral("anna"),
                              {QStringLiteral("note"), QStringLiteral("add"), id, QStringLiteral("--text"),
                               QStringLiteral("Budget signed off by the CFO")});
    ASSERT_EQ(note.exitCode, 0) << note.err.toStdString();
    const CliRun byBen = runAs(
        QStringLiteral("ben"),
        {QStringLiteral("note"), QStringLiteral("add"), id, QStringLiteral("--text"), QStringLiteral("Mine now")});
    EXPECT_EQ(byBen.exitCode, 3);
    EXPECT_TRUE(byBen.err.contains(QStringLiteral("notes of 'Anna's'"))) << byBen.err.toStdString();
    const CliRun byMia = runAs(
        QStringLiteral("mia"),
        {QStringLiteral("note"), QStringLiteral("add"), id, QStringLiteral("--text"), QStringLiteral("Call me first")});
    EXPECT_EQ(byMia.exitCode, 0) << byMia.err.toStdString();

    // Ben reads both, each in its author's name.
    const CliRun listed = runAs(
        QStringLiteral("ben"),
        {QStringLiteral("note"), QStringLiteral("list"), id, QStringLiteral("--format"), QStringLiteral("csv")});
    ASSERT_EQ(listed.exitCode, 0) << listed.err.toStdString();
    EXPECT_TRUE(listed.out.contains(login(QStringLiteral("anna")) + QStringLiteral(","))) << listed.out.toStdString();
    EXPECT_TRUE(listed.out.contains(login(QStringLiteral("mia")) + QStringLiteral(","))) << listed.out.toStdString();

    // Raw SQL as Ben: no note on Anna's deal, none in Anna's name, no edits.
    const QStringList results = sqlAs(
        QStringLiteral("ben"),
        {QStringLiteral("INSERT INTO notes (deal_id, author, body, created_at) VALUES (%1, current_user, 'x', now())")
             .arg(id),
         QStringLiteral("UPDATE notes SET body = 'changed'"), QStringLiteral("DELETE FROM notes"),
         QStringLiteral("SELECT count(*) FROM notes")});
    ASSERT_EQ(results.size(), 4);
    EXPECT_EQ(results[0], QString());
    EXPECT_EQ(results[1], QString());
    EXPECT_EQ(results[2], QString());
    EXPECT_EQ(results[3], QStringLiteral("2"));
    // Nor on his own deal in Anna's name.
    const CliRun his
        = runAs(QStringLiteral("ben"), {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Ben's")});
    ASSERT_EQ(his.exitCode, 0);
    // The server names the note's author itself: whoever signed in.
    EXPECT_EQ(sqlAs(QStringLiteral("ben"),
                    {QStringLiteral("INSERT INTO notes (deal_id, author, body, created_at) VALUES (%1, '%2', 'x', "
                                    "now())")
                         .arg(his.out.trimmed(), login(QStringLiteral("anna"))),
                     QStringLiteral("SELECT author FROM notes WHERE deal_id = %1").arg(his.out.trimmed())}),
              (QStringList {QStringLiteral("1"), login(QStringLiteral("ben"))}));

    // Under visibility "own", Ben no longer sees Anna's deal, nor its notes.
    ASSERT_EQ(
        runAs(QStringLiteral("mia"),
              {QStringLiteral("admin"), QStringLiteral("set"), QStringLiteral("visibility"), QStringLiteral("own")})
            .exitCode,
        0);
    EXPECT_EQ(sqlAs(QStringLiteral("ben"), {QStringLiteral("SELECT count(*) FROM notes WHERE deal_id = %1").arg(id)}),
              QStringList {QStringLiteral("0")});
    EXPECT_EQ(runAs(QStringLiteral("ben"), {QStringLiteral("note"), QStringLiteral("list"), id}).exitCode, 2);
}

// The stages' probabilities and the quotas are a manager's to set, on a
// team's server made before they existed (schema 4) and upgraded by
// migrate too; a rep reads them, sets their own deal's probability, and
// gets no further with raw SQL.
TEST_F(Team, ProbabilitiesAndQuotasAreAManagersAlsoAfterMigratingFromVersionFour)
{
    test::runRawSql(
        db(), test::backToSchemaFour(true) + QStringList {QStringLiteral("UPDATE schema_version SET version = 4")});
    const CliRun migrated = run({QStringLiteral("migrate")});
    ASSERT_EQ(migrated.exitCode, 0) << migrated.err.toStdString();
    EXPECT_TRUE(migrated.out.contains(QStringLiteral("from schema version 4 to %1").arg(DealStore::SchemaVersion)))
        << migrated.out.toStdString();
    EXPECT_EQ(run({QStringLiteral("check")}).exitCode, 0);

    const CliRun probability = runAs(
        QStringLiteral("anna"),
        {QStringLiteral("probability"), QStringLiteral("set"), QStringLiteral("negotiation"), QStringLiteral("0.9")});
    EXPECT_EQ(probability.exitCode, 3) << probability.err.toStdString();
    EXPECT_TRUE(probability.err.contains(QStringLiteral("Only a manager can set the win probabilities")))
        << probability.err.toStdString();
    const CliRun quota = runAs(QStringLiteral("anna"),
                               {QStringLiteral("quota"), QStringLiteral("set"), login(QStringLiteral("anna")),
                                QStringLiteral("2026-12"), QStringLiteral("1"), QStringLiteral("EUR")});
    EXPECT_EQ(quota.exitCode, 3) << quota.err.toStdString();
    EXPECT_TRUE(quota.err.contains(QStringLiteral("Only a manager can set the quotas"))) << quota.err.toStdString();
    const QStringList raw = sqlAs(
        QStringLiteral("ben"),
        {QStringLiteral("INSERT INTO stage_probabilities (stage, percent) VALUES ('negotiation', 99)"),
         QStringLiteral("INSERT INTO quotas (owner, month, currency, amount_minor) VALUES ('x', '2026-12', 'EUR', 1)"),
         QStringLiteral("SELECT count(*) FROM stage_probabilities")});
    EXPECT_EQ(raw, (QStringList {QString(), QString(), QStringLiteral("0")}));

    ASSERT_EQ(runAs(QStringLiteral("mia"),
                    {QStringLiteral("probability"), QStringLiteral("set"), QStringLiteral("negotiation"),
                     QStringLiteral("0.4")})
                  .exitCode,
              0);
    ASSERT_EQ(runAs(QStringLiteral("mia"),
                    {QStringLiteral("quota"), QStringLiteral("set"), login(QStringLiteral("anna")),
                     QStringLiteral("2026-12"), QStringLiteral("5000"), QStringLiteral("EUR")})
                  .exitCode,
              0);
    const CliRun listed = runAs(
        QStringLiteral("anna"),
        {QStringLiteral("probability"), QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("csv")});
    ASSERT_EQ(listed.exitCode, 0) << listed.err.toStdString();
    EXPECT_TRUE(listed.out.contains(QStringLiteral("negotiation,0.40,manager"))) << listed.out.toStdString();
    const CliRun status = runAs(QStringLiteral("anna"),
                                {QStringLiteral("quota"), QStringLiteral("status"), QStringLiteral("--month"),
                                 QStringLiteral("2026-12"), QStringLiteral("--format"), QStringLiteral("csv")});
    ASSERT_EQ(status.exitCode, 0) << status.err.toStdString();
    EXPECT_TRUE(status.out.contains(login(QStringLiteral("anna")) + QStringLiteral(",EUR,behind,5000.00")))
        << status.out.toStdString();

    // A rep's own deal carries its own probability; a teammate's does not take one from them.
    const CliRun added = runAs(QStringLiteral("anna"),
                               {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Anna's"),
                                QStringLiteral("--probability"), QStringLiteral("0.5")});
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    const CliRun byBen
        = runAs(QStringLiteral("ben"),
                {QStringLiteral("edit"), added.out.trimmed(), QStringLiteral("--probability"), QStringLiteral("1")});
    EXPECT_EQ(byBen.exitCode, 3) << byBen.err.toStdString();
    const CliRun shown = runAs(QStringLiteral("anna"), {QStringLiteral("show"), added.out.trimmed()});
    EXPECT_TRUE(shown.out.contains(QStringLiteral("50 % (its own"))) << shown.out.toStdString();
}

// The change log on a team's server, after migrate took it from version 5:
// the server writes it, naming the login, also for a change made with raw
// SQL; nobody writes it by hand; a rep reads the entries of the deals they
// may read (under visibility "own", their own), a manager every entry.
TEST_F(Team, TheChangeLogNamesTheLoginAndIsReadUnderTheDealsRightsAlsoAfterMigratingFromVersionFive)
{
    test::runRawSql(
        db(), test::backToSchemaFive(true) + QStringList {QStringLiteral("UPDATE schema_version SET version = 5")});
    const CliRun migrated = run({QStringLiteral("migrate")});
    ASSERT_EQ(migrated.exitCode, 0) << migrated.err.toStdString();
    EXPECT_TRUE(migrated.out.contains(QStringLiteral("from schema version 5 to %1").arg(DealStore::SchemaVersion)))
        << migrated.out.toStdString();

    const CliRun annas = runAs(QStringLiteral("anna"),
                               {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Anna's"),
                                QStringLiteral("--value"), QStringLiteral("100")});
    ASSERT_EQ(annas.exitCode, 0) << annas.err.toStdString();
    const QString anna = annas.out.trimmed();
    const CliRun bens
        = runAs(QStringLiteral("ben"), {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Ben's")});
    ASSERT_EQ(bens.exitCode, 0) << bens.err.toStdString();
    const QString ben = bens.out.trimmed();
    ASSERT_EQ(
        runAs(QStringLiteral("anna"), {QStringLiteral("edit"), anna, QStringLiteral("--value"), QStringLiteral("250")})
            .exitCode,
        0);
    // Raw SQL outside the app is logged all the same, in the login's name.
    EXPECT_EQ(sqlAs(QStringLiteral("anna"),
                    {QStringLiteral("UPDATE deals SET title = 'Anna''s, by hand' WHERE id = %1").arg(anna)}),
              QStringList {QStringLiteral("1")});

    const auto entries = [&](const QString& user, const QStringList& extra) {
        const CliRun log = runAs(
            user, QStringList {QStringLiteral("log"), QStringLiteral("--format"), QStringLiteral("json")} + extra);
        EXPECT_EQ(log.exitCode, 0) << log.err.toStdString();
        return QJsonDocument::fromJson(log.out.toUtf8()).array();
    };
    const QJsonArray annasDeal = entries(QStringLiteral("anna"), {QStringLiteral("--deal"), anna});
    ASSERT_EQ(annasDeal.size(), 3) << QJsonDocument(annasDeal).toJson().toStdString();
    for (const QJsonValue entry : annasDeal) {
        EXPECT_EQ(entry[QStringLiteral("actor")].toString(), login(QStringLiteral("anna")));
    }
    EXPECT_EQ(annasDeal[1][QStringLiteral("changes")][QStringLiteral("value_minor")].toArray(),
              (QJsonArray {10000, 25000}));
    EXPECT_EQ(annasDeal[2][QStringLiteral("changes")][QStringLiteral("title")].toArray(),
              (QJsonArray {QStringLiteral("Anna's"), QStringLiteral("Anna's, by hand")}));

    // Nobody writes the log by hand, a manager neither.
    for (const QString& user : {QStringLiteral("ben"), QStringLiteral("mia")}) {
        EXPECT_EQ(
            sqlAs(user,
                  {QStringLiteral("INSERT INTO change_log (changed_at, actor, table_name, row_key, action) "
                                  "VALUES (now(), 'x', 'deals', '1', 'insert')"),
                   QStringLiteral("UPDATE change_log SET actor = 'x'"), QStringLiteral("DELETE FROM change_log")}),
            (QStringList {QString(), QString(), QString()}))
            << user.toStdString();
    }

    // Visibility "own": Ben reads his deal's entries and not Anna's; Mia all.
    test::runRawSql(db(), {QStringLiteral("INSERT INTO settings (key, value) VALUES ('team.visibility', 'own')")});
    const auto deals = [](const QJsonArray& log) {
        QSet<qint64> seen;
        for (const QJsonValue entry : log) {
            if (!entry[QStringLiteral("deal")].isNull()) {
                seen.insert(entry[QStringLiteral("deal")].toInteger());
            }
        }
        return seen;
    };
    EXPECT_EQ(deals(entries(QStringLiteral("ben"), {})), (QSet<qint64> {ben.toLongLong()}));
    EXPECT_TRUE(entries(QStringLiteral("ben"), {QStringLiteral("--deal"), anna}).isEmpty());
    EXPECT_EQ(deals(entries(QStringLiteral("mia"), {})), (QSet<qint64> {anna.toLongLong(), ben.toLongLong()}));
    // The team's own setting is nobody's deal: everybody reads it.
    const QJsonArray bensLog = entries(QStringLiteral("ben"), {});
    EXPECT_TRUE(std::any_of(bensLog.begin(), bensLog.end(), [](const QJsonValue& entry) {
        return entry[QStringLiteral("table")].toString() == u"settings";
    }));
    EXPECT_EQ(run({QStringLiteral("check")}).exitCode, 0);
}

namespace {

// The SQLSTATE of each statement run as `login` with `password` ("" when it
// succeeded), as a SQL client around DealBoard would see it.
QStringList sqlStatesOf(const QString& database, const QString& login, const QString& password,
                        const QStringList& statements)
{
    QStringList states;
    const QString name = QStringLiteral("states-of-%1").arg(login);
    {
        const QUrl url(test::TestServer::adminUrl());
        QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        connection.setHostName(url.host());
        connection.setPort(url.port());
        connection.setUserName(login);
        connection.setPassword(password);
        connection.setDatabaseName(database);
        EXPECT_TRUE(connection.open()) << connection.lastError().text().toStdString();
        for (const QString& statement : statements) {
            QSqlQuery query(connection);
            states << (query.exec(statement) ? QString() : query.lastError().nativeErrorCode());
        }
        connection.close();
    }
    QSqlDatabase::removeDatabase(name);
    return states;
}

} // namespace

TEST_F(Team, AddUserTakesOnlyNamesOfTheTeamsFormAndTheServerOnlyAWellFormedVerifier)
{
    const QByteArray input = "a-long-enough-password\n";
    for (const QString& bad : {QStringLiteral("Zoe"), QStringLiteral("1zoe"), QStringLiteral("pg_zoe"),
                               QStringLiteral("zoe smith"), m_database + QStringLiteral("_owner")}) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(DEALBOARD_CLI_PATH),
                      {QStringLiteral("--db"), db(), QStringLiteral("admin"), QStringLiteral("add-user"), bad,
                       QStringLiteral("--role"), QStringLiteral("rep"), QStringLiteral("--new-password-stdin")});
        process.write(input);
        process.closeWriteChannel();
        ASSERT_TRUE(process.waitForFinished(60000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        EXPECT_EQ(process.exitCode(), 2) << bad.toStdString();
        EXPECT_TRUE(err.contains(QStringLiteral("'%1' can't be a user's name").arg(bad))) << err.toStdString();
    }

    // Around DealBoard, the server's own function refuses the same, and a
    // password that is not a well-formed SCRAM verifier.
    const QString mia = login(QStringLiteral("mia"));
    const QString key = QStringLiteral("A").repeated(43) + QLatin1Char('=');
    const QString verifier = QStringLiteral("SCRAM-SHA-256$4096:c2FsdHNhbHRzYWx0c2FsdA==$%1:%1").arg(key);
    const auto addUser = [](const QString& name, const QString& hash) {
        return QStringLiteral("SELECT dealboard_team.add_user('%1', '%2', 'rep')").arg(name, hash);
    };
    const QStringList refused = {
        addUser(QStringLiteral("x"), QStringLiteral("SCRAM-SHA-256$garbage")),
        addUser(login(QStringLiteral("zed")),
                QString(verifier).replace(QStringLiteral("$4096:"), QStringLiteral("$0:"))),
        addUser(login(QStringLiteral("zed")), verifier.chopped(1)),
        addUser(login(QStringLiteral("zed")), verifier + QStringLiteral("' || 'x")),
        addUser(QStringLiteral("Zed"), verifier),
        addUser(QStringLiteral("pg_zed"), verifier),
        addUser(m_database + QStringLiteral("_admin"), verifier),
        addUser(login(QStringLiteral("ben")), verifier),
        addUser(QStringLiteral("dealboard_test"), verifier),
    };
    EXPECT_EQ(sqlStatesOf(m_database, mia, password(QStringLiteral("mia")), refused),
              QStringList(refused.size(), QStringLiteral("22023")));
    m_users << QStringLiteral("zed");
    EXPECT_EQ(sqlStatesOf(m_database, mia, password(QStringLiteral("mia")),
                          {addUser(login(QStringLiteral("zed")), verifier)}),
              QStringList {QString()});
}

TEST_F(Team, AnAddUserTheServerRefusesShowsNeitherThePasswordNorItsHash)
{
    const QString zoe = login(QStringLiteral("zoe"));
    m_users << QStringLiteral("zoe");
    const QByteArray secret = "zoe-has-a-secret-passphrase";
    const QUrl url(test::TestServer::adminUrl());
    const auto connectAs = [&](const QString& name) {
        QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        connection.setHostName(url.host());
        connection.setPort(url.port());
        connection.setUserName(url.userName());
        connection.setDatabaseName(m_database);
        EXPECT_TRUE(connection.open()) << connection.lastError().text().toStdString();
        return connection;
    };
    CliRun added;
    {
        // Another admin makes the same login at the same moment: not there
        // when DealBoard and the function look, taken when the server makes it.
        QSqlDatabase rival = connectAs(QStringLiteral("rival"));
        QSqlDatabase watcher = connectAs(QStringLiteral("watcher"));
        ASSERT_TRUE(rival.transaction());
        ASSERT_TRUE(QSqlQuery(rival).exec(QStringLiteral("CREATE ROLE \"%1\"").arg(zoe)));

        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(DEALBOARD_CLI_PATH),
                      {QStringLiteral("--db"), db(), QStringLiteral("admin"), QStringLiteral("add-user"), zoe,
                       QStringLiteral("--role"), QStringLiteral("rep"), QStringLiteral("--new-password-stdin")});
        ASSERT_TRUE(process.waitForStarted(30000));
        process.write(secret + '\n');
        // Written now: no event loop runs while this test waits below.
        ASSERT_TRUE(process.waitForBytesWritten(30000));
        process.closeWriteChannel();
        bool waiting = false;
        for (int tries = 0; tries < 300 && !waiting && process.state() == QProcess::Running; ++tries) {
            QSqlQuery query(watcher);
            waiting = query.exec(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                                "current_database() AND wait_event_type = 'Lock'"))
                && query.next() && query.value(0).toInt() > 0;
            if (!waiting) {
                QThread::msleep(100);
            }
        }
        EXPECT_TRUE(waiting) << "the CLI's CREATE ROLE never waited for the rival's";
        ASSERT_TRUE(rival.commit());
        ASSERT_TRUE(process.waitForFinished(60000));
        added = {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                 QString::fromUtf8(process.readAllStandardError())};
        rival.close();
        watcher.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("rival"));
    QSqlDatabase::removeDatabase(QStringLiteral("watcher"));

    EXPECT_EQ(added.exitCode, 2) << added.err.toStdString();
    EXPECT_TRUE(added.err.contains(QStringLiteral("Couldn't add %1 to the team").arg(zoe))) << added.err.toStdString();
    EXPECT_TRUE(added.err.contains(QStringLiteral("already exists")) || added.err.contains(QStringLiteral("duplicate")))
        << added.err.toStdString();
    QDirIterator logs(m_dir.path(), {QStringLiteral("dealboard.log")}, QDir::Files, QDirIterator::Subdirectories);
    ASSERT_TRUE(logs.hasNext());
    QFile log(logs.next());
    ASSERT_TRUE(log.open(QIODevice::ReadOnly));
    const QByteArray logged = log.readAll();
    EXPECT_TRUE(logged.contains("Couldn't add")) << logged.toStdString();
    for (const QByteArray& text : {added.err.toUtf8(), logged}) {
        EXPECT_FALSE(text.contains("SCRAM-SHA-256")) << text.toStdString();
        EXPECT_FALSE(text.contains(secret)) << text.toStdString();
    }
}

} // namespace dealboard
