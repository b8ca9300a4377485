// A hostile member of a team: a rep (or a manager) with their own login and
// a SQL client, doing what the board would never let them do. Every attack
// is refused by the server with a clear message, or bounded, and afterwards
// a check of the pipeline is clean and a manager's numbers are unchanged.
// In the PostgreSQL half only.
#include "TeamFixture.h"
#include "dealboard/DealStore.h"
#include "dealboard/TransitionEngine.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>
#include <future>
#include <thread>

namespace dealboard {

namespace {

// One statement's outcome on a member's own connection.
struct Outcome
{
    bool ok = false;
    QString value; // the first row's first value, or the count of rows changed
    QString error; // the server's words when refused
};

// A member's own connection, kept open across statements (a SQL client's session).
class Session
{
public:
    Session(const QString& name, const QString& host, int port, const QString& database, const QString& user,
            const QString& password)
        : m_name(name)
    {
        QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
        connection.setHostName(host);
        connection.setPort(port);
        connection.setDatabaseName(database);
        connection.setUserName(user);
        connection.setPassword(password);
        m_open = connection.open();
        m_why = connection.lastError().text();
    }
    ~Session()
    {
        {
            QSqlDatabase connection = QSqlDatabase::database(m_name, false);
            connection.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool open() const { return m_open; }
    const QString& why() const { return m_why; }

    Outcome run(const QString& statement)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        Outcome outcome;
        if (!query.exec(statement)) {
            outcome.error = query.lastError().databaseText();
            return outcome;
        }
        outcome.ok = true;
        outcome.value = query.isSelect() ? (query.next() ? query.value(0).toString() : QStringLiteral("no rows"))
                                         : QString::number(query.numRowsAffected());
        return outcome;
    }

private:
    QString m_name;
    bool m_open = false;
    QString m_why;
};

class Hostile : public Team
{
protected:
    void SetUp() override
    {
        Team::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        // anna's deal, ben's deal, a manager's numbers to compare.
        m_anna = createAs(QStringLiteral("anna"), QStringLiteral("Anna's renewal"));
        m_ben = createAs(QStringLiteral("ben"), QStringLiteral("Ben's pilot"));
    }

    QString createAs(const QString& user, const QString& title)
    {
        const CliRun added
            = runAs(user,
                    {QStringLiteral("add"), QStringLiteral("--title"), title, QStringLiteral("--company"),
                     title + QStringLiteral(" Ltd"), QStringLiteral("--contact"), user + QStringLiteral(" contact"),
                     QStringLiteral("--email"), user + QStringLiteral("@contact.example")});
        EXPECT_EQ(added.exitCode, 0) << added.err.toStdString();
        return added.out.trimmed();
    }

    std::unique_ptr<Session> sessionOf(const QString& user)
    {
        static int counter = 0;
        const QUrl url(db());
        auto session = std::make_unique<Session>(QStringLiteral("hostile-%1").arg(++counter), url.host(), url.port(),
                                                 m_database, login(user), password(user));
        EXPECT_TRUE(session->open()) << session->why().toStdString();
        return session;
    }

    // One statement as `user` on a connection of its own.
    Outcome sql(const QString& user, const QString& statement) { return sessionOf(user)->run(statement); }

    // What the manager reads: the report and the forecast, as JSON.
    QString managersNumbers()
    {
        const CliRun report = runAs(QStringLiteral("mia"),
                                    {QStringLiteral("report"), QStringLiteral("--format"), QStringLiteral("json")});
        EXPECT_EQ(report.exitCode, 0) << report.err.toStdString();
        return report.out;
    }

    void expectCheckClean()
    {
        const CliRun checked = run({QStringLiteral("check")});
        EXPECT_EQ(checked.exitCode, 0) << checked.out.toStdString() << checked.err.toStdString();
    }

    // A follow-up of `origin`, which becomes Anna's won deal; its id.
    QString followUpOf(const QString& origin)
    {
        test::runRawSql(db(),
                        {QStringLiteral("UPDATE deals SET stage = 'retention', status = 'won', willing = 1, "
                                        "need = 1, budget = 1, value_minor = 100, expected_close = "
                                        "'2026-12-31' WHERE id = %1")
                             .arg(origin)});
        const CliRun followUp
            = runAs(QStringLiteral("anna"),
                    {QStringLiteral("followup"), origin, QStringLiteral("--title"), QStringLiteral("Upsell")});
        EXPECT_EQ(followUp.exitCode, 0) << followUp.err.toStdString();
        return followUp.out.trimmed().section(QLatin1Char(' '), 0, 0);
    }

    // Anna deletes `origin` with the server's marks set in her own session
    // first. What the server left on its follow-up: "version-moved-on
    // time-moved-on logged", each true or false.
    QString deleteAnOriginWithMarksSet(const QString& origin, const QString& followUp)
    {
        const QString was
            = sql(QStringLiteral("mia"),
                  QStringLiteral("SELECT version || '|' || updated_at FROM deals WHERE id = %1").arg(followUp))
                  .value;
        std::unique_ptr<Session> anna = sessionOf(QStringLiteral("anna"));
        for (const char* mark : {"trusted", "undoing", "copying"}) {
            EXPECT_TRUE(anna->run(QStringLiteral("SET dealboard.%1 = 'on'").arg(QLatin1String(mark))).ok);
        }
        const Outcome deleted = anna->run(
            QStringLiteral("SELECT dealboard_delete_deal(%1, (SELECT version FROM deals WHERE id = %1))").arg(origin));
        EXPECT_TRUE(deleted.ok) << deleted.error.toStdString();
        EXPECT_EQ(
            anna->run(QStringLiteral("SELECT origin_deal_id IS NULL FROM deals WHERE id = %1").arg(followUp)).value,
            QStringLiteral("true"));
        return sql(QStringLiteral("mia"),
                   QStringLiteral("SELECT (version = %2 + 1) || ' ' || (updated_at > '%3'::timestamptz) || ' ' || "
                                  "EXISTS (SELECT 1 FROM change_log l WHERE l.table_name = 'deals' AND l.row_key = "
                                  "'%1' AND l.action = 'update' AND l.actor = '%4') FROM deals WHERE id = %1")
                       .arg(followUp, was.section(QLatin1Char('|'), 0, 0), was.section(QLatin1Char('|'), 1),
                            login(QStringLiteral("anna"))))
            .value;
    }

    QString m_anna;
    QString m_ben;
};

TEST_F(Hostile, WinningADealWithoutItsFactsIsRefusedInTheEnginesWords)
{
    const QString before = managersNumbers();
    const Outcome won
        = sql(QStringLiteral("anna"),
              QStringLiteral("UPDATE deals SET stage = 'closing', status = 'won', stage_entered_at = now() "
                             "- interval '400 days' WHERE id = %1")
                  .arg(m_anna));
    EXPECT_FALSE(won.ok);
    EXPECT_TRUE(won.error.contains(QStringLiteral("a deal is won by moving it from Closing to Customer Retention")))
        << won.error.toStdString();
    const Outcome moved
        = sql(QStringLiteral("anna"), QStringLiteral("UPDATE deals SET stage = 'closing' WHERE id = %1").arg(m_anna));
    EXPECT_FALSE(moved.ok);
    EXPECT_TRUE(moved.error.contains(QStringLiteral("Can't move 'Anna's renewal' to Closing: willingness to buy not "
                                                    "confirmed; need not proven; budget not confirmed; no deal value "
                                                    "above zero; no expected close date.")))
        << moved.error.toStdString();
    EXPECT_EQ(managersNumbers(), before);
    expectCheckClean();
}

// The transition engine's table, tried as a rep through raw SQL: every stage
// pair, from a deal with no facts and from one with all of them; the server
// allows exactly what the engine allows.
TEST_F(Hostile, TheServerAllowsExactlyWhatTheEngineAllowsForEveryStagePair)
{
    for (const bool facts : {false, true}) {
        for (Stage from : AllStages) {
            for (Stage to : AllStages) {
                if (from == to) {
                    continue;
                }
                // Set up as the database's owner, whose writes are taken as given.
                test::runRawSql(
                    db(),
                    {QStringLiteral("UPDATE deals SET stage = '%1', status = '%2', willing = %3, need = %3, "
                                    "budget = %3, value_minor = %4, expected_close = %5 WHERE id = %6")
                         .arg(stageSlug(from),
                              from == Stage::Retention ? QStringLiteral("won") : QStringLiteral("open"))
                         .arg(facts ? 1 : 0)
                         .arg(facts ? 100000 : 0)
                         .arg(facts ? QStringLiteral("'2026-12-31'") : QStringLiteral("NULL"))
                         .arg(m_anna)});
                Deal deal;
                deal.title = QStringLiteral("Anna's renewal");
                deal.stage = from;
                deal.status = from == Stage::Retention ? DealStatus::Won : DealStatus::Open;
                deal.qualification = {facts, facts, facts};
                deal.value.minor = facts ? 100000 : 0;
                deal.expectedClose = facts ? QDate(2026, 12, 31) : QDate();
                const TransitionVerdict verdict = TransitionEngine::check(deal, to, StageRules::builtIn());
                const Outcome moved
                    = sql(QStringLiteral("anna"),
                          QStringLiteral("UPDATE deals SET stage = '%1', status = '%2' WHERE id = %3")
                              .arg(stageSlug(to),
                                   to == Stage::Retention ? QStringLiteral("won") : QStringLiteral("open"), m_anna));
                EXPECT_EQ(moved.ok, verdict.allowed())
                    << stageSlug(from).toStdString() << " -> " << stageSlug(to).toStdString() << " facts " << facts
                    << ": " << moved.error.toStdString();
                if (!verdict.allowed()) {
                    const QString words = TransitionEngine::refusalMessage(deal, to, verdict.unmet);
                    EXPECT_TRUE(moved.error.contains(words))
                        << moved.error.toStdString() << " / expected " << words.toStdString();
                }
            }
        }
    }
    expectCheckClean();
}

// The same table under rules a manager set: an organization or person to
// enter Relationship Building, a next activity to leave it, no value asked,
// a close date to leave Negotiation. The server reads the rules a manager
// stored and allows exactly what the engine allows under them.
TEST_F(Hostile, UnderAManagersRulesTheServerAllowsExactlyWhatTheEngineAllows)
{
    for (const QStringList& rule : {QStringList {QStringLiteral("require"), QStringLiteral("relationship"),
                                                 QStringLiteral("--to-enter"), QStringLiteral("contact")},
                                    QStringList {QStringLiteral("require"), QStringLiteral("relationship"),
                                                 QStringLiteral("--to-leave"), QStringLiteral("activity")},
                                    QStringList {QStringLiteral("unrequire"), QStringLiteral("negotiation"),
                                                 QStringLiteral("--to-enter"), QStringLiteral("value")},
                                    QStringList {QStringLiteral("require"), QStringLiteral("negotiation"),
                                                 QStringLiteral("--to-leave"), QStringLiteral("close_date")}}) {
        const CliRun set = runAs(QStringLiteral("mia"), QStringList {QStringLiteral("stage")} + rule);
        ASSERT_EQ(set.exitCode, 0) << set.err.toStdString();
    }
    StageRules rules = StageRules::builtIn();
    rules.set({Requirement::Contact, Stage::Relationship, RuleMoment::Enter});
    rules.set({Requirement::Activity, Stage::Relationship, RuleMoment::Leave});
    rules.clear(Requirement::Value);
    rules.set({Requirement::CloseDate, Stage::Negotiation, RuleMoment::Leave});
    struct Facts
    {
        bool qualified, contact, activity;
    };
    for (const Facts facts : {Facts {true, false, false}, Facts {true, true, false}, Facts {true, false, true},
                              Facts {false, true, true}}) {
        for (Stage from : AllStages) {
            for (Stage to : AllStages) {
                if (from == to) {
                    continue;
                }
                QStringList setUp = {
                    QStringLiteral("UPDATE deals SET stage = '%1', status = '%2', willing = %3, need = %3, budget = "
                                   "%3, value_minor = 0, expected_close = %4 WHERE id = %5")
                        .arg(stageSlug(from), from == Stage::Retention ? QStringLiteral("won") : QStringLiteral("open"))
                        .arg(facts.qualified ? 1 : 0)
                        .arg(facts.qualified ? QStringLiteral("'2026-12-31'") : QStringLiteral("NULL"))
                        .arg(m_anna),
                    QStringLiteral("UPDATE deals SET organization_id = %1, person_id = %2 WHERE id = %3")
                        .arg(facts.contact ? QStringLiteral("(SELECT min(id) FROM organizations)")
                                           : QStringLiteral("NULL"),
                             facts.contact ? QStringLiteral("(SELECT min(id) FROM people)") : QStringLiteral("NULL"),
                             m_anna),
                    QStringLiteral("DELETE FROM activities WHERE deal_id = %1").arg(m_anna)};
                if (facts.activity) {
                    setUp << QStringLiteral("INSERT INTO activities (deal_id, kind, subject, due_date, created_at) "
                                            "VALUES (%1, 'call', 'Call back', '2027-01-04', now())")
                                 .arg(m_anna);
                }
                test::runRawSql(db(), setUp);
                Deal deal;
                deal.title = QStringLiteral("Anna's renewal");
                deal.stage = from;
                deal.status = from == Stage::Retention ? DealStatus::Won : DealStatus::Open;
                deal.qualification = {facts.qualified, facts.qualified, facts.qualified};
                deal.expectedClose = facts.qualified ? QDate(2026, 12, 31) : QDate();
                deal.company = facts.contact ? QStringLiteral("Acme") : QString();
                if (facts.activity) {
                    deal.nextActivity = NextActivity {};
                }
                const TransitionVerdict verdict = TransitionEngine::check(deal, to, rules);
                const Outcome moved
                    = sql(QStringLiteral("anna"),
                          QStringLiteral("UPDATE deals SET stage = '%1', status = '%2' WHERE id = %3")
                              .arg(stageSlug(to),
                                   to == Stage::Retention ? QStringLiteral("won") : QStringLiteral("open"), m_anna));
                EXPECT_EQ(moved.ok, verdict.allowed())
                    << stageSlug(from).toStdString() << " -> " << stageSlug(to).toStdString() << " qualified "
                    << facts.qualified << " contact " << facts.contact << " activity " << facts.activity << ": "
                    << moved.error.toStdString();
                if (!verdict.allowed()) {
                    const QString words = TransitionEngine::refusalMessage(deal, to, verdict.unmet);
                    EXPECT_TRUE(moved.error.contains(words))
                        << moved.error.toStdString() << " / expected " << words.toStdString();
                }
            }
        }
    }
}

// The stages' rules are a manager's, held by the table itself too; an edit
// may not take away what the deal's stage needs, and a deal that entered
// before a rule stays editable.
TEST_F(Hostile, OnlyAManagerSetsTheStagesRulesAndAnEditKeepsWhatTheStageNeeds)
{
    const CliRun rep = runAs(QStringLiteral("anna"),
                             {QStringLiteral("stage"), QStringLiteral("require"), QStringLiteral("closing"),
                              QStringLiteral("--to-enter"), QStringLiteral("activity")});
    EXPECT_EQ(rep.exitCode, 3) << rep.err.toStdString();
    EXPECT_FALSE(
        sql(QStringLiteral("anna"),
            QStringLiteral("INSERT INTO stage_rules (requirement, stage, moment) VALUES ('value', NULL, NULL)"))
            .ok);
    EXPECT_FALSE(
        sql(QStringLiteral("anna"), QStringLiteral("SELECT dealboard_remove_row('stage_rules', 'value', NULL, NULL)"))
            .ok);
    EXPECT_FALSE(sql(QStringLiteral("mia"), QStringLiteral("DELETE FROM stage_rules")).ok);
    for (const char* impossible :
         {"('activity', 'prospecting', 'enter')", "('budget', 'closing', 'enter')", "('value', 'retention', 'leave')",
          "('value', 'limbo', 'enter')", "('value', 'closing', NULL)"}) {
        EXPECT_FALSE(sql(QStringLiteral("mia"),
                         QStringLiteral("INSERT INTO stage_rules (requirement, stage, moment) VALUES %1")
                             .arg(QLatin1String(impossible)))
                         .ok)
            << impossible;
    }
    // Anna's deal is in Contacting without its organization and person
    // when the manager asks for one there.
    test::runRawSql(db(),
                    {QStringLiteral("UPDATE deals SET stage = 'contacting', willing = 1, need = 1, budget = 1, "
                                    "organization_id = NULL, person_id = NULL WHERE id = %1")
                         .arg(m_anna)});
    const CliRun set = runAs(QStringLiteral("mia"),
                             {QStringLiteral("stage"), QStringLiteral("require"), QStringLiteral("contacting"),
                              QStringLiteral("--to-enter"), QStringLiteral("contact")});
    ASSERT_EQ(set.exitCode, 0) << set.err.toStdString();
    EXPECT_TRUE(sql(QStringLiteral("anna"),
                    QStringLiteral("UPDATE deals SET title = 'Anna''s renewal, 2027' WHERE id = %1").arg(m_anna))
                    .ok);
    // Ben's has both: neither may go.
    test::runRawSql(db(),
                    {QStringLiteral("UPDATE deals SET stage = 'contacting', willing = 1, need = 1, budget = 1 "
                                    "WHERE id = %1")
                         .arg(m_ben)});
    const Outcome cleared
        = sql(QStringLiteral("ben"),
              QStringLiteral("UPDATE deals SET organization_id = NULL, person_id = NULL WHERE id = %1").arg(m_ben));
    EXPECT_FALSE(cleared.ok);
    EXPECT_TRUE(cleared.error.contains(QStringLiteral("no organization or person"))) << cleared.error.toStdString();
    EXPECT_TRUE(sql(QStringLiteral("ben"),
                    QStringLiteral("UPDATE deals SET organization_id = NULL WHERE id = %1").arg(m_ben))
                    .ok); // the person is enough
    // A deal created in Contacting needs one too.
    const CliRun added = runAs(QStringLiteral("ben"),
                               {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Bare"),
                                QStringLiteral("--stage"), QStringLiteral("contacting"), QStringLiteral("--willing"),
                                QStringLiteral("--need"), QStringLiteral("--budget")});
    EXPECT_EQ(added.exitCode, 3) << added.err.toStdString();
    EXPECT_TRUE(added.err.contains(QStringLiteral("no organization or person"))) << added.err.toStdString();
    EXPECT_FALSE(
        sql(QStringLiteral("ben"),
            QStringLiteral("INSERT INTO deals (title, owner, stage, status, willing, need, budget, created_at, "
                           "updated_at, stage_entered_at) VALUES ('Bare', 'ben', 'contacting', 'open', 1, 1, "
                           "1, now(), now(), now())"))
            .ok);
    EXPECT_EQ(sql(QStringLiteral("mia"),
                  QStringLiteral("SELECT count(*) FROM change_log WHERE table_name = "
                                 "'stage_rules'"))
                  .value,
              QStringLiteral("1"));
}

TEST_F(Hostile, StatusChangesFollowTheRules)
{
    // Lost needs a reason; a won deal cannot be lost; a lost deal moves only once reopened.
    Outcome lost
        = sql(QStringLiteral("anna"),
              QStringLiteral("UPDATE deals SET status = 'lost', lost_reason = '  ' WHERE id = %1").arg(m_anna));
    EXPECT_FALSE(lost.ok);
    EXPECT_TRUE(lost.error.contains(QStringLiteral("a reason is required to mark a deal lost")))
        << lost.error.toStdString();
    lost
        = sql(QStringLiteral("anna"),
              QStringLiteral("UPDATE deals SET status = 'lost', lost_reason = 'budget cut' WHERE id = %1").arg(m_anna));
    EXPECT_TRUE(lost.ok) << lost.error.toStdString();
    const Outcome movedLost = sql(QStringLiteral("anna"),
                                  QStringLiteral("UPDATE deals SET stage = 'qualifying' WHERE id = %1").arg(m_anna));
    EXPECT_FALSE(movedLost.ok);
    EXPECT_TRUE(movedLost.error.contains(QStringLiteral("the deal is lost; reopen it first")))
        << movedLost.error.toStdString();
    const Outcome reopenKeepingReason
        = sql(QStringLiteral("anna"), QStringLiteral("UPDATE deals SET status = 'open' WHERE id = %1").arg(m_anna));
    EXPECT_FALSE(reopenKeepingReason.ok);
    const Outcome reopened
        = sql(QStringLiteral("anna"),
              QStringLiteral("UPDATE deals SET status = 'open', lost_reason = '' WHERE id = %1").arg(m_anna));
    EXPECT_TRUE(reopened.ok) << reopened.error.toStdString();
    const Outcome created
        = sql(QStringLiteral("anna"),
              QStringLiteral("INSERT INTO deals (title, owner, stage, status, created_at, updated_at, "
                             "stage_entered_at) VALUES ('Straight to won', '%1', 'retention', 'won', "
                             "now(), now(), now())")
                  .arg(login(QStringLiteral("anna"))));
    EXPECT_FALSE(created.ok);
    EXPECT_TRUE(created.error.contains(QStringLiteral("a new deal is open"))) << created.error.toStdString();
    expectCheckClean();
}

// The history, times, versions and ids are the server's.
TEST_F(Hostile, DerivedValuesAreTheServers)
{
    const Outcome history = sql(QStringLiteral("anna"),
                                QStringLiteral("INSERT INTO stage_history (deal_id, from_stage, to_stage, from_status, "
                                               "to_status, at, actor) VALUES (%1, 'prospecting', 'qualifying', 'open', "
                                               "'open', now() - interval '90 days', 'ben')")
                                    .arg(m_ben));
    EXPECT_FALSE(history.ok);
    EXPECT_TRUE(history.error.contains(QStringLiteral("permission denied"))) << history.error.toStdString();

    const Outcome backdated
        = sql(QStringLiteral("anna"),
              QStringLiteral("WITH old AS (SELECT created_at, version FROM deals WHERE id = %1) "
                             "UPDATE deals SET created_at = now() - interval '900 days', "
                             "stage_entered_at = now() - interval '400 days', version = 77 FROM old "
                             "WHERE deals.id = %1 RETURNING deals.created_at = old.created_at AND "
                             "deals.stage_entered_at > now() - interval '1 hour' AND deals.version "
                             "= old.version + 1")
                  .arg(m_anna));
    EXPECT_TRUE(backdated.ok) << backdated.error.toStdString();
    EXPECT_EQ(backdated.value, QStringLiteral("true"));

    // An id is the server's: a chosen one ahead of the counter is not taken.
    const Outcome chosen
        = sql(QStringLiteral("anna"),
              QStringLiteral("INSERT INTO deals (id, title, owner, stage, status, created_at, updated_at, "
                             "stage_entered_at) VALUES (99999, 'Mine', '%1', 'prospecting', 'open', "
                             "now(), now(), now()) RETURNING id")
                  .arg(login(QStringLiteral("anna"))));
    ASSERT_TRUE(chosen.ok) << chosen.error.toStdString();
    EXPECT_NE(chosen.value, QStringLiteral("99999"));
    EXPECT_EQ(runAs(QStringLiteral("ben"), {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Next")})
                  .exitCode,
              0);

    // The history names whoever signed in, also after SET ROLE.
    {
        std::unique_ptr<Session> session = sessionOf(QStringLiteral("anna"));
        ASSERT_TRUE(session->run(QStringLiteral("SET ROLE %1_rep").arg(m_database)).ok);
        const Outcome viaGroup
            = session->run(QStringLiteral("UPDATE deals SET owner = '%1_rep' WHERE id = %2").arg(m_database, m_anna));
        EXPECT_FALSE(viaGroup.ok && viaGroup.value != QStringLiteral("0")) << viaGroup.value.toStdString();
    }
    const Outcome group
        = sql(QStringLiteral("mia"),
              QStringLiteral("UPDATE deals SET owner = '%1_rep' WHERE id = %2").arg(m_database, m_anna));
    EXPECT_FALSE(group.ok);
    EXPECT_TRUE(group.error.contains(QStringLiteral("is not a user of this team"))) << group.error.toStdString();
    const Outcome qualified
        = sql(QStringLiteral("anna"),
              QStringLiteral("UPDATE deals SET willing = 1, need = 1, budget = 1, stage = 'contacting' "
                             "WHERE id = %1")
                  .arg(m_anna));
    EXPECT_TRUE(qualified.ok) << qualified.error.toStdString();
    const Outcome actor = sql(
        QStringLiteral("mia"),
        QStringLiteral("SELECT actor FROM stage_history WHERE deal_id = %1 ORDER BY id DESC LIMIT 1").arg(m_anna));
    EXPECT_EQ(actor.value, login(QStringLiteral("anna")));
    expectCheckClean();
}

TEST_F(Hostile, ContactsHaveRights)
{
    EXPECT_FALSE(sql(QStringLiteral("anna"), QStringLiteral("DELETE FROM people")).ok);
    EXPECT_FALSE(sql(QStringLiteral("anna"), QStringLiteral("DELETE FROM organizations")).ok);
    // Ben's contact, linked to Ben's deal: not Anna's to change.
    const Outcome bens = sql(QStringLiteral("anna"),
                             QStringLiteral("UPDATE people SET name = 'Hijacked' WHERE email = 'ben@contact.example'"));
    EXPECT_TRUE(bens.ok);
    EXPECT_EQ(bens.value, QStringLiteral("0"));
    const Outcome own
        = sql(QStringLiteral("anna"),
              QStringLiteral("UPDATE people SET phone = '+49 30 1234' WHERE email = 'anna@contact.example'"));
    EXPECT_EQ(own.value, QStringLiteral("1")) << own.error.toStdString();
    const CliRun cli = runAs(QStringLiteral("anna"), {QStringLiteral("person"), QStringLiteral("list")});
    EXPECT_TRUE(cli.out.contains(QStringLiteral("ben contact")));
    // Tags of Ben's contact: refused through the server's own function.
    const Outcome tags = sql(QStringLiteral("anna"),
                             QStringLiteral("SELECT dealboard_set_tags('people', (SELECT id FROM people WHERE email = "
                                            "'ben@contact.example'), ARRAY['vip'])"));
    EXPECT_FALSE(tags.ok);
    EXPECT_FALSE(
        sql(QStringLiteral("anna"), QStringLiteral("INSERT INTO person_tags (person_id, tag) VALUES (1, 'x')")).ok);
    // A manager changes any.
    EXPECT_EQ(
        sql(QStringLiteral("mia"), QStringLiteral("UPDATE people SET role = 'CFO' WHERE email = 'ben@contact.example'"))
            .value,
        QStringLiteral("1"));

    // Under visibility `own` a rep sees their own contacts only, in every read.
    ASSERT_EQ(run({QStringLiteral("admin"), QStringLiteral("set"), QStringLiteral("visibility"), QStringLiteral("own")})
                  .exitCode,
              0);
    EXPECT_EQ(sql(QStringLiteral("anna"),
                  QStringLiteral("SELECT count(*) FROM people WHERE email = "
                                 "'ben@contact.example'"))
                  .value,
              QStringLiteral("0"));
    EXPECT_EQ(sql(QStringLiteral("anna"),
                  QStringLiteral("SELECT count(*) FROM change_log WHERE changes LIKE "
                                 "'%ben@contact.example%'"))
                  .value,
              QStringLiteral("0"));
    const CliRun listed = runAs(QStringLiteral("anna"), {QStringLiteral("person"), QStringLiteral("list")});
    EXPECT_FALSE(listed.out.contains(QStringLiteral("ben contact"))) << listed.out.toStdString();
    EXPECT_TRUE(listed.out.contains(QStringLiteral("anna contact"))) << listed.out.toStdString();
    const CliRun log = runAs(QStringLiteral("anna"), {QStringLiteral("log")});
    EXPECT_FALSE(log.out.contains(QStringLiteral("ben@contact.example"))) << log.out.toStdString();
    EXPECT_TRUE(sql(QStringLiteral("mia"),
                    QStringLiteral("SELECT count(*) FROM people WHERE email = "
                                   "'ben@contact.example'"))
                    .value
                == QStringLiteral("1"));
    expectCheckClean();
}

TEST_F(Hostile, LinkingToADealOneMayNotSeeSaysNoSuchDeal)
{
    ASSERT_EQ(run({QStringLiteral("admin"), QStringLiteral("set"), QStringLiteral("visibility"), QStringLiteral("own")})
                  .exitCode,
              0);
    const Outcome hidden = sql(QStringLiteral("anna"),
                               QStringLiteral("INSERT INTO activities (deal_id, kind, subject, due_date, created_at) "
                                              "VALUES (%1, 'call', 'Probe', '2026-12-01', now())")
                                   .arg(m_ben));
    const Outcome missing = sql(QStringLiteral("anna"),
                                QStringLiteral("INSERT INTO activities (deal_id, kind, subject, due_date, created_at) "
                                               "VALUES (987654, 'call', 'Probe', '2026-12-01', now())"));
    EXPECT_FALSE(hidden.ok);
    EXPECT_TRUE(hidden.error.contains(QStringLiteral("There is no deal %1.").arg(m_ben))) << hidden.error.toStdString();
    EXPECT_TRUE(missing.error.contains(QStringLiteral("There is no deal 987654."))) << missing.error.toStdString();
    const Outcome note = sql(QStringLiteral("anna"),
                             QStringLiteral("INSERT INTO notes (deal_id, author, body, created_at) VALUES (%1, 'x', "
                                            "'hi', now())")
                                 .arg(m_ben));
    EXPECT_TRUE(note.error.contains(QStringLiteral("There is no deal"))) << note.error.toStdString();
}

TEST_F(Hostile, LimitsHoldOnTheServer)
{
    const QString before = managersNumbers();
    const struct
    {
        QString set;
        QString words;
    } attempts[] = {
        {QStringLiteral("title = repeat('x', 10000000)"), QStringLiteral("The title is longer than 1000 characters")},
        {QStringLiteral("value_minor = 9223372036854775807"), QStringLiteral("A deal's value is between 0 and")},
        {QStringLiteral("value_minor = -5"), QStringLiteral("A deal's value is between 0 and")},
        {QStringLiteral("title = 'Invoice ' || chr(8238) || 'exe.jpg'"), QStringLiteral("U+202E")},
        {QStringLiteral("title = 'Two' || chr(10) || 'lines'"), QStringLiteral("U+000A")},
        {QStringLiteral("owner = 'x' || chr(8207)"), QStringLiteral("U+200F")},
        {QStringLiteral("title = 'Tag' || chr(917569) || 'hidden'"), QStringLiteral("U+E0041")},
        {QStringLiteral("title = 'Filler' || chr(12644)"), QStringLiteral("U+3164")},
        {QStringLiteral("title = 'Soft' || chr(173) || 'hyphen'"), QStringLiteral("U+00AD")},
        {QStringLiteral("title = 'Short' || chr(113824)"), QStringLiteral("U+1BCA0")},
        {QStringLiteral("currency = 'euro'"), QStringLiteral("is not a currency code")},
        {QStringLiteral("currency = 'E' || chr(8238) || 'U'"),
         QStringLiteral("The currency holds the invisible or control character U+202E")},
        {QStringLiteral("title = '   '"), QStringLiteral("every deal needs a title")},
        {QStringLiteral("expected_close = '9999-01-01'"), QStringLiteral("An expected close date is between")},
        {QStringLiteral("willing = 7"), QStringLiteral("Willingness, need and budget are 0")},
    };
    for (const auto& attempt : attempts) {
        const Outcome outcome
            = sql(QStringLiteral("anna"), QStringLiteral("UPDATE deals SET %1 WHERE id = %2").arg(attempt.set, m_anna));
        EXPECT_FALSE(outcome.ok) << attempt.set.toStdString();
        EXPECT_TRUE(outcome.error.contains(attempt.words))
            << attempt.set.toStdString() << ": " << outcome.error.toStdString();
    }
    const Outcome note = sql(QStringLiteral("anna"),
                             QStringLiteral("INSERT INTO notes (deal_id, body, created_at) VALUES (%1, repeat('n', "
                                            "20000), now())")
                                 .arg(m_anna));
    EXPECT_TRUE(note.error.contains(QStringLiteral("longer than 10000"))) << note.error.toStdString();
    EXPECT_EQ(managersNumbers(), before);
    expectCheckClean();
}

// Nobody but the tables' owner may take a lock that stalls the others.
TEST_F(Hostile, NoMemberCanLockATableAgainstTheTeam)
{
    for (const char* table : {"deals", "activities", "notes", "organizations", "people", "stage_history", "change_log",
                              "change_counter", "organization_tags", "person_tags", "settings", "quotas", "stage_goals",
                              "segment_rules", "stage_probabilities", "stage_stall_marks"}) {
        for (const QString& user : {QStringLiteral("anna"), QStringLiteral("mia")}) {
            std::unique_ptr<Session> session = sessionOf(user);
            ASSERT_TRUE(session->run(QStringLiteral("BEGIN")).ok);
            const Outcome locked
                = session->run(QStringLiteral("LOCK TABLE %1 IN SHARE MODE").arg(QLatin1String(table)));
            session->run(QStringLiteral("ROLLBACK"));
            EXPECT_FALSE(locked.ok) << table << " as " << user.toStdString();
            EXPECT_TRUE(locked.error.contains(QStringLiteral("permission denied"))) << locked.error.toStdString();
        }
    }
}

// A row lock held in a transaction left open: others' writes to other deals
// go on at once, a write to that deal waits at most 5 s and names who holds
// it, reads never wait, and the server ends the stalled transaction.
TEST_F(Hostile, AMemberHoldingARowLockStallsNobodyForLong)
{
    std::unique_ptr<Session> holder = sessionOf(QStringLiteral("anna"));
    ASSERT_TRUE(holder->run(QStringLiteral("SET idle_in_transaction_session_timeout = 0")).ok);
    ASSERT_TRUE(holder->run(QStringLiteral("BEGIN")).ok);
    ASSERT_TRUE(holder->run(QStringLiteral("SELECT pg_advisory_lock(4919131752989213764)")).ok);
    ASSERT_TRUE(holder->run(QStringLiteral("SELECT id FROM deals WHERE id = %1 FOR UPDATE").arg(m_anna)).ok);

    QElapsedTimer timer;
    timer.start();
    const CliRun other = runAs(QStringLiteral("ben"),
                               {QStringLiteral("edit"), m_ben, QStringLiteral("--value"), QStringLiteral("1200")});
    EXPECT_EQ(other.exitCode, 0) << other.err.toStdString();
    EXPECT_LT(timer.elapsed(), 4000) << "another deal's write waited";

    timer.restart();
    const CliRun read = runAs(QStringLiteral("mia"), {QStringLiteral("list")});
    EXPECT_EQ(read.exitCode, 0);
    EXPECT_LT(timer.elapsed(), 4000) << "a read waited";

    timer.restart();
    const CliRun blocked = runAs(QStringLiteral("mia"),
                                 {QStringLiteral("edit"), m_anna, QStringLiteral("--value"), QStringLiteral("5000")});
    const qint64 waited = timer.elapsed();
    EXPECT_EQ(blocked.exitCode, 2);
    EXPECT_GE(waited, 4500);
    EXPECT_LT(waited, 15000);
    EXPECT_TRUE(blocked.err.contains(login(QStringLiteral("anna")))) << blocked.err.toStdString();
    EXPECT_TRUE(blocked.err.contains(QStringLiteral("left open"))) << blocked.err.toStdString();
    EXPECT_TRUE(blocked.err.contains(QStringLiteral("Nothing was changed"))) << blocked.err.toStdString();

    // Past 30 s the server ends it, whatever the member set for their session.
    QThread::sleep(31);
    const CliRun after = runAs(QStringLiteral("mia"),
                               {QStringLiteral("edit"), m_anna, QStringLiteral("--value"), QStringLiteral("5000")});
    // The first try after the bound may still wait once, ending the stalled
    // transaction on its way; the next goes through.
    const CliRun again = after.exitCode == 0
        ? after
        : runAs(QStringLiteral("mia"),
                {QStringLiteral("edit"), m_anna, QStringLiteral("--value"), QStringLiteral("5000")});
    EXPECT_EQ(again.exitCode, 0) << after.err.toStdString() << again.err.toStdString();
    EXPECT_FALSE(holder->run(QStringLiteral("SELECT 1")).ok) << "the stalled session still stands";
    expectCheckClean();
}

TEST_F(Hostile, DisablingAUserEndsTheirOpenSessions)
{
    std::unique_ptr<Session> open = sessionOf(QStringLiteral("anna"));
    ASSERT_TRUE(open->run(QStringLiteral("SELECT 1")).ok);
    QProcess watch;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("PGPASSWORD"), password(QStringLiteral("anna")));
    watch.setProcessEnvironment(env);
    watch.start(QStringLiteral(DEALBOARD_CLI_PATH),
                {QStringLiteral("--db"), as(QStringLiteral("anna")), QStringLiteral("watch")});
    ASSERT_TRUE(watch.waitForStarted());
    QElapsedTimer ready;
    ready.start();
    while (!watch.readAllStandardError().contains("watching") && ready.elapsed() < 20000) {
        watch.waitForReadyRead(200);
    }
    QElapsedTimer timer;
    timer.start();
    ASSERT_EQ(run({QStringLiteral("admin"), QStringLiteral("disable-user"), login(QStringLiteral("anna"))}).exitCode,
              0);
    EXPECT_FALSE(open->run(QStringLiteral("SELECT 1")).ok);
    EXPECT_TRUE(watch.waitForFinished(5000)) << "watch kept running";
    EXPECT_LT(timer.elapsed(), 6000);
    EXPECT_NE(watch.exitCode(), 0);
    EXPECT_TRUE(QString::fromUtf8(watch.readAllStandardError()).contains(QStringLiteral("not permitted to log in")));
    if (watch.state() != QProcess::NotRunning) {
        watch.kill();
        watch.waitForFinished();
    }
}

// Two transactions that commit in the opposite order of their log ids: the
// feed prints both.
TEST_F(Hostile, TheChangeFeedSkipsNothingWhateverTheCommitOrder)
{
    QProcess watch;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("PGPASSWORD"), password(QStringLiteral("mia")));
    watch.setProcessEnvironment(env);
    watch.start(QStringLiteral(DEALBOARD_CLI_PATH),
                {QStringLiteral("--db"), as(QStringLiteral("mia")), QStringLiteral("watch"), QStringLiteral("--format"),
                 QStringLiteral("json"), QStringLiteral("--count"), QStringLiteral("2")});
    ASSERT_TRUE(watch.waitForStarted());
    QByteArray said;
    QElapsedTimer ready;
    ready.start();
    while (!said.contains("watching") && ready.elapsed() < 20000) {
        watch.waitForReadyRead(200);
        said += watch.readAllStandardError();
    }
    std::unique_ptr<Session> first = sessionOf(QStringLiteral("anna"));
    std::unique_ptr<Session> second = sessionOf(QStringLiteral("ben"));
    ASSERT_TRUE(first->run(QStringLiteral("BEGIN")).ok);
    ASSERT_TRUE(first->run(QStringLiteral("SELECT pg_sleep(1.2)")).ok);
    ASSERT_TRUE(
        first->run(QStringLiteral("UPDATE deals SET title = 'First, committed last' WHERE id = %1").arg(m_anna)).ok);
    // Its entry's time is the change's own, not the transaction's start.
    EXPECT_EQ(first
                  ->run(QStringLiteral("SELECT changed_at >= now() + interval '1 second' FROM change_log WHERE "
                                       "changes LIKE '%First, committed last%'"))
                  .value,
              QStringLiteral("true"));
    ASSERT_TRUE(second->run(QStringLiteral("BEGIN")).ok);
    ASSERT_TRUE(
        second->run(QStringLiteral("UPDATE deals SET title = 'Second, committed first' WHERE id = %1").arg(m_ben)).ok);
    ASSERT_TRUE(second->run(QStringLiteral("COMMIT")).ok);
    QThread::msleep(2500); // the watcher reads the second change on its own
    ASSERT_TRUE(first->run(QStringLiteral("COMMIT")).ok);
    ASSERT_TRUE(watch.waitForFinished(20000));
    const QString out = QString::fromUtf8(watch.readAllStandardOutput());
    EXPECT_TRUE(out.contains(QStringLiteral("Second, committed first"))) << out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("First, committed last"))) << out.toStdString();
}

// A rule the server holds that the client does not know (a manager's rule,
// or a client older than the server): the CLI says it with exit 3 and the
// missing facts, in the server's words.
TEST_F(Hostile, TheServersRefusalReachesTheCliAsARefusal)
{
    test::runRawSql(db(),
                    {QStringLiteral("INSERT INTO stage_requirements (stage, requirement, position) VALUES "
                                    "('qualifying', 'value', 9)")});
    const CliRun moved = runAs(QStringLiteral("anna"), {QStringLiteral("move"), m_anna, QStringLiteral("qualifying")});
    EXPECT_EQ(moved.exitCode, 3) << moved.err.toStdString();
    EXPECT_TRUE(
        moved.err.contains(QStringLiteral("Can't move 'Anna's renewal' to Qualifying: no deal value above zero")))
        << moved.err.toStdString();
    EXPECT_TRUE(moved.err.contains(QStringLiteral("unmet: value"))) << moved.err.toStdString();
}

// A deleted deal comes back with its history, activities and notes under its
// id (the board's undo); nobody else may bring it back or reuse its id.
TEST_F(Hostile, ADeletedDealComesBackWholeOnlyForItsOwner)
{
    ASSERT_EQ(runAs(QStringLiteral("anna"),
                    {QStringLiteral("note"), QStringLiteral("add"), m_anna, QStringLiteral("--text"),
                     QStringLiteral("Kept note")})
                  .exitCode,
              0);
    ASSERT_EQ(runAs(QStringLiteral("anna"), {QStringLiteral("delete"), m_anna}).exitCode, 0);
    const Outcome reused
        = sql(QStringLiteral("anna"),
              QStringLiteral("INSERT INTO deals (id, title, owner, stage, status, created_at, updated_at, "
                             "stage_entered_at) VALUES (%1, 'Reuse', '%2', 'prospecting', 'open', "
                             "now(), now(), now()) RETURNING id")
                  .arg(m_anna, login(QStringLiteral("anna"))));
    ASSERT_TRUE(reused.ok) << reused.error.toStdString();
    EXPECT_NE(reused.value, m_anna);
    EXPECT_FALSE(sql(QStringLiteral("ben"), QStringLiteral("SELECT dealboard_restore_deal(%1)").arg(m_anna)).ok);
    const Outcome back = sql(QStringLiteral("anna"), QStringLiteral("SELECT dealboard_restore_deal(%1)").arg(m_anna));
    EXPECT_TRUE(back.ok) << back.error.toStdString();
    const CliRun shown = runAs(QStringLiteral("anna"), {QStringLiteral("show"), m_anna});
    EXPECT_EQ(shown.exitCode, 0);
    EXPECT_TRUE(shown.out.contains(QStringLiteral("created in Prospecting"))) << shown.out.toStdString();
    const CliRun notes = runAs(QStringLiteral("anna"), {QStringLiteral("note"), QStringLiteral("list"), m_anna});
    EXPECT_TRUE(notes.out.contains(QStringLiteral("Kept note"))) << notes.out.toStdString();
    expectCheckClean();
}

// A role changed by a manager counts on open sessions at their next statement.
TEST_F(Hostile, ARoleChangeCountsAtTheNextStatement)
{
    std::unique_ptr<Session> ben = sessionOf(QStringLiteral("ben"));
    EXPECT_EQ(ben->run(QStringLiteral("UPDATE deals SET value_minor = 777 WHERE id = %1").arg(m_anna)).value,
              QStringLiteral("0"));
    ASSERT_EQ(runAs(QStringLiteral("mia"),
                    {QStringLiteral("admin"), QStringLiteral("set-role"), login(QStringLiteral("ben")),
                     QStringLiteral("manager")})
                  .exitCode,
              0);
    EXPECT_EQ(ben->run(QStringLiteral("UPDATE deals SET value_minor = 777 WHERE id = %1").arg(m_anna)).value,
              QStringLiteral("1"));
    ASSERT_EQ(runAs(QStringLiteral("mia"),
                    {QStringLiteral("admin"), QStringLiteral("set-role"), login(QStringLiteral("ben")),
                     QStringLiteral("rep")})
                  .exitCode,
              0);
    EXPECT_EQ(ben->run(QStringLiteral("UPDATE deals SET value_minor = 778 WHERE id = %1").arg(m_anna)).value,
              QStringLiteral("0"));
}

// 8 writers on 40 shared deals while a member holds one of them in a change
// left open: every acknowledged edit is in the change log, nobody waits past
// the bound, and a check is clean.
TEST_F(Hostile, EightWritersOnSharedDealsLoseNothingWhileAMemberHoldsLocks)
{
    QStringList deals;
    for (int i = 0; i < 39; ++i) {
        const CliRun added
            = runAs(QStringLiteral("mia"),
                    {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Shared %1").arg(i)});
        ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
        deals << added.out.trimmed();
    }
    deals << m_anna;
    std::unique_ptr<Session> holder = sessionOf(QStringLiteral("anna"));
    ASSERT_TRUE(holder->run(QStringLiteral("SET idle_in_transaction_session_timeout = 0")).ok);
    ASSERT_TRUE(holder->run(QStringLiteral("BEGIN")).ok);
    ASSERT_TRUE(holder->run(QStringLiteral("SELECT id FROM deals WHERE id = %1 FOR UPDATE").arg(m_anna)).ok);
    ASSERT_TRUE(holder->run(QStringLiteral("SELECT pg_advisory_lock(1)")).ok);

    struct Edit
    {
        QString deal;
        QString value;
        int exitCode = -1;
        qint64 ms = 0;
        QString err;
    };
    std::vector<Edit> edits;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("PGPASSWORD"), password(QStringLiteral("mia")));
    for (int round = 0; round < 4; ++round) {
        std::vector<std::unique_ptr<QProcess>> writers;
        std::vector<QElapsedTimer> clocks(8);
        for (int writer = 0; writer < 8; ++writer) {
            const QString deal = deals[(round * 13 + writer * 7) % deals.size()];
            const QString value = QString::number(round * 100 + writer + 1);
            auto process = std::make_unique<QProcess>();
            process->setProcessEnvironment(env);
            clocks[writer].start();
            process->start(QStringLiteral(DEALBOARD_CLI_PATH),
                           {QStringLiteral("--db"), as(QStringLiteral("mia")), QStringLiteral("edit"), deal,
                            QStringLiteral("--value"), value});
            edits.push_back({deal, value, -1, 0, {}});
            writers.push_back(std::move(process));
        }
        for (int writer = 0; writer < 8; ++writer) {
            ASSERT_TRUE(writers[writer]->waitForFinished(60000));
            Edit& edit = edits[edits.size() - 8 + writer];
            edit.exitCode = writers[writer]->exitCode();
            edit.ms = clocks[writer].elapsed();
            edit.err = QString::fromUtf8(writers[writer]->readAllStandardError());
        }
    }
    holder->run(QStringLiteral("ROLLBACK"));
    int acknowledged = 0;
    for (const Edit& edit : edits) {
        // The bound is 5 s of waiting; a process needs a moment on top.
        EXPECT_LT(edit.ms, 9000) << "deal " << edit.deal.toStdString() << " waited";
        if (edit.deal == m_anna) {
            EXPECT_NE(edit.exitCode, 0);
            EXPECT_TRUE(edit.err.contains(login(QStringLiteral("anna")))) << edit.err.toStdString();
            continue;
        }
        EXPECT_EQ(edit.exitCode, 0) << edit.err.toStdString();
        if (edit.exitCode == 0) {
            ++acknowledged;
            const Outcome logged
                = sql(QStringLiteral("mia"),
                      QStringLiteral("SELECT count(*) FROM change_log WHERE table_name = 'deals' AND row_key = '%1' "
                                     "AND (changes::jsonb -> 'value_minor' ->> 1)::bigint = %2")
                          .arg(edit.deal)
                          .arg(edit.value.toLongLong() * 100));
            EXPECT_EQ(logged.value, QStringLiteral("1")) << edit.deal.toStdString() << " " << edit.value.toStdString();
        }
    }
    EXPECT_GT(acknowledged, 25);
    expectCheckClean();
}

// One member cannot take every connection the server has.
TEST_F(Hostile, AMemberHoldsAtMostTenConnections)
{
    std::vector<std::unique_ptr<Session>> sessions;
    for (int i = 0; i < 10; ++i) {
        sessions.push_back(sessionOf(QStringLiteral("anna")));
    }
    static int counter = 0;
    const QUrl url(db());
    Session eleventh(QStringLiteral("hostile-extra-%1").arg(++counter), url.host(), url.port(), m_database,
                     login(QStringLiteral("anna")), password(QStringLiteral("anna")));
    EXPECT_FALSE(eleventh.open());
    EXPECT_TRUE(eleventh.why().contains(QStringLiteral("too many connections"))) << eleventh.why().toStdString();
    // The others still sign in.
    EXPECT_EQ(runAs(QStringLiteral("ben"), {QStringLiteral("list")}).exitCode, 0);
}

// A manager still sets and clears the manager's settings, through column
// rights and the server's removal; a rep cannot, by any way in.
TEST_F(Hostile, AManagerClearsSettingsThroughTheServerAndARepCannot)
{
    ASSERT_EQ(runAs(QStringLiteral("mia"),
                    {QStringLiteral("probability"), QStringLiteral("set"), QStringLiteral("negotiation"),
                     QStringLiteral("0.5")})
                  .exitCode,
              0);
    EXPECT_FALSE(sql(QStringLiteral("anna"),
                     QStringLiteral("SELECT dealboard_remove_row('stage_probabilities', "
                                    "'negotiation', NULL, NULL)"))
                     .ok);
    EXPECT_FALSE(sql(QStringLiteral("mia"), QStringLiteral("DELETE FROM stage_probabilities")).ok);
    const CliRun cleared = runAs(QStringLiteral("mia"),
                                 {QStringLiteral("probability"), QStringLiteral("set"), QStringLiteral("negotiation"),
                                  QStringLiteral("default")});
    EXPECT_EQ(cleared.exitCode, 0) << cleared.err.toStdString();
    EXPECT_EQ(sql(QStringLiteral("mia"), QStringLiteral("SELECT count(*) FROM stage_probabilities")).value,
              QStringLiteral("0"));
    const CliRun rep = runAs(
        QStringLiteral("anna"),
        {QStringLiteral("probability"), QStringLiteral("set"), QStringLiteral("negotiation"), QStringLiteral("0.9")});
    EXPECT_EQ(rep.exitCode, 3) << rep.err.toStdString();
}

TEST_F(Hostile, OnlyAManagerSetsAStagesStallMarkAndARepReadsTheTeamsFiguresOnly)
{
    const CliRun set = runAs(
        QStringLiteral("mia"),
        {QStringLiteral("stage"), QStringLiteral("stall"), QStringLiteral("negotiation"), QStringLiteral("--learned")});
    ASSERT_EQ(set.exitCode, 0) << set.err.toStdString();
    EXPECT_TRUE(set.out.contains(QStringLiteral("learned, too few deals"))) << set.out.toStdString();
    // A rep: not through the CLI, nor with SQL of their own.
    const CliRun rep = runAs(QStringLiteral("anna"),
                             {QStringLiteral("stage"), QStringLiteral("stall"), QStringLiteral("negotiation"),
                              QStringLiteral("--days"), QStringLiteral("1")});
    EXPECT_EQ(rep.exitCode, 3) << rep.err.toStdString();
    EXPECT_FALSE(sql(QStringLiteral("anna"), QStringLiteral("UPDATE stage_stall_marks SET learned = 0, days = 1")).ok);
    EXPECT_FALSE(
        sql(QStringLiteral("anna"), QStringLiteral("INSERT INTO stage_stall_marks (stage, days) VALUES ('closing', 1)"))
            .ok);
    EXPECT_FALSE(sql(QStringLiteral("anna"),
                     QStringLiteral("SELECT dealboard_remove_row('stage_stall_marks', 'negotiation', NULL, NULL)"))
                     .ok);
    EXPECT_FALSE(sql(QStringLiteral("mia"), QStringLiteral("DELETE FROM stage_stall_marks")).ok);
    // Nor a manager beyond the limits, or on a stage there is not.
    EXPECT_FALSE(sql(QStringLiteral("mia"),
                     QStringLiteral("INSERT INTO stage_stall_marks (stage, days) VALUES ('closing', 5000)"))
                     .ok);
    EXPECT_FALSE(
        sql(QStringLiteral("mia"), QStringLiteral("INSERT INTO stage_stall_marks (stage, days) VALUES ('limbo', 5)"))
            .ok);
    EXPECT_EQ(sql(QStringLiteral("anna"),
                  QStringLiteral("SELECT learned FROM stage_stall_marks WHERE stage = "
                                 "'negotiation'"))
                  .value,
              QStringLiteral("1"));
    // The team's stays come as figures per stage, never as another rep's rows.
    const Outcome stays
        = sql(QStringLiteral("anna"),
              QStringLiteral("SELECT count(*) FROM dealboard_stage_stays(now() - interval '180 days', now())"));
    EXPECT_TRUE(stays.ok);
    const CliRun listed
        = runAs(QStringLiteral("anna"),
                {QStringLiteral("stage"), QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("csv")});
    EXPECT_EQ(listed.exitCode, 0) << listed.err.toStdString();
    EXPECT_TRUE(listed.out.contains(QStringLiteral("negotiation,Negotiation,5,14,\"learned, too few deals\",0,,14")))
        << listed.out.toStdString();
    // Back to the built-in days, through the server's function.
    const CliRun cleared = runAs(QStringLiteral("mia"),
                                 {QStringLiteral("stage"), QStringLiteral("stall"), QStringLiteral("negotiation"),
                                  QStringLiteral("--built-in")});
    EXPECT_EQ(cleared.exitCode, 0) << cleared.err.toStdString();
    EXPECT_EQ(sql(QStringLiteral("mia"), QStringLiteral("SELECT count(*) FROM stage_stall_marks")).value,
              QStringLiteral("0"));
    EXPECT_EQ(sql(QStringLiteral("mia"),
                  QStringLiteral("SELECT count(*) FROM change_log WHERE table_name = "
                                 "'stage_stall_marks'"))
                  .value,
              QStringLiteral("2"));
}

// What a hostile member tried after the first round, each now refused.
TEST_F(Hostile, ContactsCannotBeTakenOverOrReachedThroughALink)
{
    const CliRun org = runAs(
        QStringLiteral("ben"),
        {QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Ben Secret Org")});
    ASSERT_EQ(org.exitCode, 0) << org.err.toStdString();
    const QString orgId = sql(QStringLiteral("mia"),
                              QStringLiteral("SELECT id FROM organizations WHERE name = 'Ben "
                                             "Secret Org'"))
                              .value;
    // Under team visibility Anna may link her deal to it, but it stays Ben's.
    EXPECT_TRUE(sql(QStringLiteral("anna"),
                    QStringLiteral("UPDATE deals SET organization_id = %1 WHERE id = %2").arg(orgId, m_anna))
                    .ok);
    EXPECT_EQ(sql(QStringLiteral("anna"),
                  QStringLiteral("UPDATE organizations SET name = 'Hijacked' WHERE id = %1").arg(orgId))
                  .value,
              QStringLiteral("0"));
    EXPECT_FALSE(sql(QStringLiteral("anna"),
                     QStringLiteral("SELECT dealboard_set_tags('organizations', %1, ARRAY['stolen'])").arg(orgId))
                     .ok);
    const CliRun edited = runAs(
        QStringLiteral("anna"),
        {QStringLiteral("org"), QStringLiteral("edit"), orgId, QStringLiteral("--name"), QStringLiteral("Hijacked")});
    EXPECT_NE(edited.exitCode, 0);
    EXPECT_TRUE(edited.err.contains(QStringLiteral("Only a manager"))) << edited.err.toStdString();
    // Under `own` a hidden contact cannot be linked, so it cannot be read that way.
    ASSERT_EQ(run({QStringLiteral("admin"), QStringLiteral("set"), QStringLiteral("visibility"), QStringLiteral("own")})
                  .exitCode,
              0);
    ASSERT_TRUE(
        sql(QStringLiteral("mia"), QStringLiteral("UPDATE deals SET organization_id = NULL WHERE id = %1").arg(m_anna))
            .ok);
    const Outcome linked = sql(QStringLiteral("anna"),
                               QStringLiteral("UPDATE deals SET organization_id = %1 WHERE "
                                              "id = %2")
                                   .arg(orgId, m_anna));
    EXPECT_FALSE(linked.ok);
    EXPECT_TRUE(linked.error.contains(QStringLiteral("There is no organization %1.").arg(orgId)))
        << linked.error.toStdString();
    const Outcome person = sql(QStringLiteral("anna"),
                               QStringLiteral("INSERT INTO activities (deal_id, kind, subject, due_date, person_id) "
                                              "VALUES (%1, 'task', 'probe', '2026-01-01', (SELECT min(id) FROM people "
                                              "WHERE created_by <> '%2'))")
                                   .arg(m_anna, login(QStringLiteral("anna"))));
    EXPECT_EQ(sql(QStringLiteral("anna"), QStringLiteral("SELECT count(*) FROM organizations WHERE id = %1").arg(orgId))
                  .value,
              QStringLiteral("0"));
    (void)person;
    expectCheckClean();
}

TEST_F(Hostile, ASessionsRoleIsWhoSignedInNotARoleSetForIt)
{
    ASSERT_EQ(runAs(QStringLiteral("mia"),
                    {QStringLiteral("admin"), QStringLiteral("set-role"), login(QStringLiteral("anna")),
                     QStringLiteral("manager")})
                  .exitCode,
              0);
    std::unique_ptr<Session> anna = sessionOf(QStringLiteral("anna"));
    ASSERT_TRUE(anna->run(QStringLiteral("SET ROLE %1_manager").arg(m_database)).ok);
    ASSERT_EQ(runAs(QStringLiteral("mia"),
                    {QStringLiteral("admin"), QStringLiteral("set-role"), login(QStringLiteral("anna")),
                     QStringLiteral("rep")})
                  .exitCode,
              0);
    EXPECT_EQ(anna->run(QStringLiteral("UPDATE deals SET value_minor = 4242 WHERE id = %1").arg(m_ben)).value,
              QStringLiteral("0"));
    EXPECT_FALSE(anna->run(QStringLiteral("INSERT INTO settings (key, value) VALUES ('team.visibility', 'team') ON "
                                          "CONFLICT (key) DO UPDATE SET value = 'team'"))
                     .ok);
    EXPECT_FALSE(anna->run(QStringLiteral("INSERT INTO quotas (owner, month, currency, amount_minor) VALUES ('x', "
                                          "'2026-12', 'EUR', 1)"))
                     .ok);
}

TEST_F(Hostile, NoLockOfAnothersDealThroughAFollowUpAndNoStallOfMigrate)
{
    const Outcome followUp
        = sql(QStringLiteral("anna"),
              QStringLiteral("INSERT INTO deals (title, owner, stage, status, origin_deal_id) VALUES "
                             "('lock ben', '%1', 'prospecting', 'open', %2)")
                  .arg(login(QStringLiteral("anna")), m_ben));
    EXPECT_FALSE(followUp.ok);
    EXPECT_TRUE(followUp.error.contains(QStringLiteral("Only the deal's owner"))) << followUp.error.toStdString();
    // An advisory lock anybody may take does not hold up the structure's upgrade.
    std::unique_ptr<Session> anna = sessionOf(QStringLiteral("anna"));
    ASSERT_TRUE(anna->run(QStringLiteral("SELECT pg_advisory_lock(4919131752989213765)")).ok);
    QElapsedTimer timer;
    timer.start();
    const CliRun migrated = run({QStringLiteral("migrate")});
    EXPECT_EQ(migrated.exitCode, 0) << migrated.err.toStdString();
    EXPECT_LT(timer.elapsed(), 10000);
}

TEST_F(Hostile, BlankTextsReusedIdsAndManagersValuesAreRefused)
{
    const Outcome blank
        = sql(QStringLiteral("anna"),
              QStringLiteral("INSERT INTO deals (title, owner, stage, status) VALUES (E'\\u3000\\u00a0', "
                             "'%1', 'prospecting', 'open')")
                  .arg(login(QStringLiteral("anna"))));
    EXPECT_FALSE(blank.ok);
    EXPECT_TRUE(blank.error.contains(QStringLiteral("the deal has no title"))) << blank.error.toStdString();
    ASSERT_TRUE(
        sql(QStringLiteral("anna"),
            QStringLiteral("UPDATE deals SET status = 'lost', lost_reason = 'too pricey' WHERE id = %1").arg(m_anna))
            .ok);
    const Outcome emptied
        = sql(QStringLiteral("anna"), QStringLiteral("UPDATE deals SET lost_reason = '' WHERE id = %1").arg(m_anna));
    EXPECT_FALSE(emptied.ok);
    EXPECT_TRUE(emptied.error.contains(QStringLiteral("a reason is required"))) << emptied.error.toStdString();

    // A deleted note's id is not given again.
    const CliRun note = runAs(
        QStringLiteral("ben"),
        {QStringLiteral("note"), QStringLiteral("add"), m_ben, QStringLiteral("--text"), QStringLiteral("kept")});
    ASSERT_EQ(note.exitCode, 0) << note.err.toStdString();
    const QString noteId = note.out.trimmed();
    ASSERT_EQ(runAs(QStringLiteral("ben"), {QStringLiteral("delete"), m_ben}).exitCode, 0);
    const Outcome squat = sql(QStringLiteral("anna"),
                              QStringLiteral("INSERT INTO notes (id, deal_id, body) VALUES (%1, %2, 'squat') "
                                             "RETURNING id")
                                  .arg(noteId, m_anna));
    ASSERT_TRUE(squat.ok) << squat.error.toStdString();
    EXPECT_NE(squat.value, noteId);
    EXPECT_TRUE(sql(QStringLiteral("ben"), QStringLiteral("SELECT dealboard_restore_deal(%1)").arg(m_ben)).ok);

    // A manager's values hold the client's limits too.
    for (const QString& statement :
         {QStringLiteral("INSERT INTO quotas (owner, month, currency, amount_minor) VALUES ('anna', '2026-12', "
                         "'EUR', 9223372036854775807)"),
          QStringLiteral("INSERT INTO quotas (owner, month, currency, amount_minor) VALUES (E'evil\\u202eowner', "
                         "'2026-12', 'EUR', 5)"),
          QStringLiteral("INSERT INTO settings (key, value) VALUES (repeat('k', 1000), 'v')"),
          QStringLiteral("INSERT INTO segment_rules (tag, min_touch_days) VALUES (E'tag\\u202e', 3)"),
          QStringLiteral("INSERT INTO settings (key, value) VALUES ('team.visibility', 'OWN ') ON CONFLICT (key) DO "
                         "UPDATE SET value = excluded.value")}) {
        EXPECT_FALSE(sql(QStringLiteral("mia"), statement).ok) << statement.toStdString();
    }
    const Outcome tags = sql(QStringLiteral("anna"),
                             QStringLiteral("SELECT dealboard_set_tags('organizations', (SELECT organization_id FROM "
                                            "deals WHERE id = %1), array(SELECT 'tag' || g FROM generate_series(1, "
                                            "101) g))")
                                 .arg(m_anna));
    EXPECT_FALSE(tags.ok);
    EXPECT_TRUE(tags.error.contains(QStringLiteral("at most 100 tags"))) << tags.error.toStdString();
    expectCheckClean();
}

// Deleting a deal that has follow-ups clears their origin, as the foreign key
// says, and a check and a copy stay clean.
TEST_F(Hostile, DeletingAnOriginClearsItsFollowUpsOrigin)
{
    test::runRawSql(db(),
                    {QStringLiteral("UPDATE deals SET stage = 'retention', status = 'won', willing = 1, need = 1, "
                                    "budget = 1, value_minor = 100, expected_close = '2026-12-31' WHERE id = %1")
                         .arg(m_anna)});
    const CliRun followUp
        = runAs(QStringLiteral("anna"),
                {QStringLiteral("followup"), m_anna, QStringLiteral("--title"), QStringLiteral("Upsell")});
    ASSERT_EQ(followUp.exitCode, 0) << followUp.err.toStdString();
    const QString id = followUp.out.trimmed().section(QLatin1Char(' '), 0, 0);
    ASSERT_EQ(runAs(QStringLiteral("anna"), {QStringLiteral("delete"), m_anna}).exitCode, 0);
    EXPECT_EQ(
        sql(QStringLiteral("mia"), QStringLiteral("SELECT count(*) FROM deals WHERE origin_deal_id = %1").arg(m_anna))
            .value,
        QStringLiteral("0"));
    expectCheckClean();
    const CliRun copied = run({QStringLiteral("copy"), QStringLiteral("--from"), db(), QStringLiteral("--to"),
                               m_dir.filePath(QStringLiteral("offline.dealboard"))});
    EXPECT_EQ(copied.exitCode, 0) << copied.err.toStdString();
}

// One name or email for the team: a rep told plainly that it is taken, even
// when the one who took it is hidden from them, with no SQL in the message.
TEST_F(Hostile, ATakenContactNameIsSaidPlainly)
{
    ASSERT_EQ(run({QStringLiteral("admin"), QStringLiteral("set"), QStringLiteral("visibility"), QStringLiteral("own")})
                  .exitCode,
              0);
    ASSERT_EQ(
        runAs(QStringLiteral("anna"),
              {QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Hidden Co")})
            .exitCode,
        0);
    const CliRun taken
        = runAs(QStringLiteral("ben"),
                {QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("hidden co")});
    EXPECT_EQ(taken.exitCode, 2);
    EXPECT_TRUE(taken.err.contains(QStringLiteral("already in the team's pipeline"))) << taken.err.toStdString();
    EXPECT_FALSE(taken.err.contains(QStringLiteral("SQL"))) << taken.err.toStdString();
}

} // namespace

// Undo on a server is the server's own function: a member takes back only
// their own latest standing step of a deal they may change, while the deal
// is as that step left it, and gets exactly the deal before it, stage-entered
// time included; nobody forges that time or the history's marks.
TEST_F(Hostile, UndoTakesBackOnlyYourOwnLatestStepAndNobodyForgesItsTimes)
{
    // Set up as the database's owner: Anna's deal in Prospecting for 30 days.
    test::runRawSql(
        db(),
        {QStringLiteral("UPDATE deals SET stage_entered_at = now() - interval '30 days' WHERE id = %1").arg(m_anna)});
    const QString entered = QStringLiteral("SELECT stage_entered_at::text FROM deals WHERE id = %1").arg(m_anna);
    const QString before = sql(QStringLiteral("mia"), entered).value;
    const QString numbers = managersNumbers();
    const QString latest = QStringLiteral("SELECT max(id) FROM stage_history WHERE deal_id = %1").arg(m_anna);
    ASSERT_TRUE(sql(QStringLiteral("anna"),
                    QStringLiteral("UPDATE deals SET willing = 1, need = 1, budget = 1, stage = 'contacting' "
                                   "WHERE id = %1")
                        .arg(m_anna))
                    .ok);
    const QString moved = sql(QStringLiteral("anna"), latest).value;
    const QString undo = QStringLiteral("SELECT dealboard_undo_step(%1, %2)").arg(m_anna);

    // Not Ben's deal; not Mia's step (though she is a manager).
    Outcome refused = sql(QStringLiteral("ben"), undo.arg(moved));
    EXPECT_FALSE(refused.ok);
    EXPECT_TRUE(refused.error.contains(QStringLiteral("Only the deal's owner"))) << refused.error.toStdString();
    refused = sql(QStringLiteral("mia"), undo.arg(moved));
    EXPECT_FALSE(refused.ok);
    EXPECT_TRUE(refused.error.contains(QStringLiteral("only they can undo it"))) << refused.error.toStdString();

    // Not a step that is no longer the latest.
    ASSERT_TRUE(
        sql(QStringLiteral("anna"),
            QStringLiteral("UPDATE deals SET status = 'lost', lost_reason = 'budget cut' WHERE id = %1").arg(m_anna))
            .ok);
    const QString lost = sql(QStringLiteral("anna"), latest).value;
    refused = sql(QStringLiteral("anna"), undo.arg(moved));
    EXPECT_FALSE(refused.ok);
    EXPECT_TRUE(refused.error.contains(QStringLiteral("changed stage or status since"))) << refused.error.toStdString();

    // Nor the history's marks, nor a stage-entered time, by hand: the undo's
    // mark counts only inside the server's function.
    EXPECT_FALSE(
        sql(QStringLiteral("anna"), QStringLiteral("UPDATE stage_history SET undone = 1 WHERE id = %1").arg(lost)).ok);
    {
        std::unique_ptr<Session> session = sessionOf(QStringLiteral("anna"));
        ASSERT_TRUE(session->run(QStringLiteral("SET dealboard.undoing = 'on'")).ok);
        const Outcome forged = session->run(
            QStringLiteral("UPDATE deals SET status = 'open', lost_reason = '', stage_entered_at = now() - interval "
                           "'400 days' WHERE id = %1 RETURNING stage_entered_at > now() - interval '1 hour'")
                .arg(m_anna));
        ASSERT_TRUE(forged.ok) << forged.error.toStdString();
        EXPECT_EQ(forged.value, QStringLiteral("true"));
    }
    const QString reopened = sql(QStringLiteral("anna"), latest).value;

    // The server's own marks set in her session before the undo gain nothing:
    // the undo is still a change (its version moves on) at the real time.
    {
        const QString version = QStringLiteral("SELECT version FROM deals WHERE id = %1").arg(m_anna);
        const QString was = sql(QStringLiteral("mia"), version).value;
        std::unique_ptr<Session> session = sessionOf(QStringLiteral("anna"));
        ASSERT_TRUE(session->run(QStringLiteral("SET dealboard.trusted = 'on'")).ok);
        ASSERT_TRUE(session->run(QStringLiteral("SET dealboard.undoing = 'on'")).ok);
        const Outcome undone = session->run(undo.arg(reopened));
        ASSERT_TRUE(undone.ok) << undone.error.toStdString();
        EXPECT_EQ(sql(QStringLiteral("mia"), version).value.toLongLong(), was.toLongLong() + 1);
        EXPECT_EQ(sql(QStringLiteral("mia"),
                      QStringLiteral("SELECT at > now() - interval '5 minutes' FROM stage_history WHERE undoes = %1")
                          .arg(reopened))
                      .value,
                  QStringLiteral("true"));
    }
    // Her own latest steps, one by one: the deal is back in Prospecting since 30 days ago.
    for (const QString& step : {lost, moved}) {
        const Outcome undone = sql(QStringLiteral("anna"), undo.arg(step));
        EXPECT_TRUE(undone.ok) << step.toStdString() << ": " << undone.error.toStdString();
    }
    EXPECT_EQ(sql(QStringLiteral("mia"), entered).value, before);
    EXPECT_EQ(
        sql(QStringLiteral("mia"),
            QStringLiteral("SELECT stage || ' ' || status || ' ' || lost_reason FROM deals WHERE id = %1").arg(m_anna))
            .value,
        QStringLiteral("prospecting open "));
    refused = sql(QStringLiteral("anna"), undo.arg(moved));
    EXPECT_FALSE(refused.ok);
    EXPECT_TRUE(refused.error.contains(QStringLiteral("undone already"))) << refused.error.toStdString();
    // The history keeps every step and every undo, and the report counts none of them.
    EXPECT_EQ(sql(QStringLiteral("mia"),
                  QStringLiteral("SELECT count(*) FILTER (WHERE undone = 1) || '/' || count(*) FILTER (WHERE undoes IS "
                                 "NOT NULL) FROM stage_history WHERE deal_id = %1")
                      .arg(m_anna))
                  .value,
              QStringLiteral("3/3"));
    EXPECT_EQ(managersNumbers(), numbers);
    expectCheckClean();
}

// A note is deleted by its author or a manager, and brought back only by
// whoever deleted it (or a manager), with its id, author and time.
TEST_F(Hostile, ANoteIsDeletedAndBroughtBackOnlyByThoseWhoMay)
{
    const CliRun added = runAs(QStringLiteral("anna"),
                               {QStringLiteral("note"), QStringLiteral("add"), m_anna, QStringLiteral("--text"),
                                QStringLiteral("Anna's own words")});
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    const QString note = sql(QStringLiteral("anna"), QStringLiteral("SELECT max(id) FROM notes")).value;
    const QString kept
        = QStringLiteral("SELECT id || ' ' || author || ' ' || created_at FROM notes WHERE id = %1").arg(note);
    const QString before = sql(QStringLiteral("mia"), kept).value;
    EXPECT_FALSE(sql(QStringLiteral("ben"), QStringLiteral("SELECT dealboard_delete_note(%1)").arg(note)).ok);
    EXPECT_FALSE(sql(QStringLiteral("anna"), QStringLiteral("DELETE FROM notes WHERE id = %1").arg(note)).ok);
    ASSERT_TRUE(sql(QStringLiteral("anna"), QStringLiteral("SELECT dealboard_delete_note(%1)").arg(note)).ok);
    EXPECT_FALSE(sql(QStringLiteral("ben"), QStringLiteral("SELECT dealboard_restore_note(%1)").arg(note)).ok);
    EXPECT_FALSE(sql(QStringLiteral("anna"), QStringLiteral("SELECT * FROM deleted_notes")).ok);
    const Outcome back = sql(QStringLiteral("anna"), QStringLiteral("SELECT dealboard_restore_note(%1)").arg(note));
    EXPECT_TRUE(back.ok) << back.error.toStdString();
    EXPECT_EQ(sql(QStringLiteral("mia"), kept).value, before);
    expectCheckClean();
}

// A team's server at version 7 (before undo) is upgraded once by migrate;
// then a member's undo is the server's, with the team's rights.
TEST_F(Hostile, AVersionSevenTeamIsUpgradedAndItsMembersUndoThroughTheServer)
{
    test::runRawSql(db(),
                    test::backBeforeUndo(true) + QStringList {QStringLiteral("UPDATE schema_version SET version = 7")});
    EXPECT_EQ(runAs(QStringLiteral("anna"), {QStringLiteral("list")}).exitCode, 2);
    const CliRun migrated = run({QStringLiteral("migrate")});
    ASSERT_EQ(migrated.exitCode, 0) << migrated.err.toStdString();
    EXPECT_TRUE(migrated.out.contains(QStringLiteral("from schema version 7 to %1").arg(DealStore::SchemaVersion)))
        << migrated.out.toStdString();
    ASSERT_TRUE(
        sql(QStringLiteral("anna"),
            QStringLiteral("UPDATE deals SET status = 'lost', lost_reason = 'budget cut' WHERE id = %1").arg(m_anna))
            .ok);
    const QString step = sql(QStringLiteral("anna"),
                             QStringLiteral("SELECT max(id) FROM stage_history WHERE deal_id = %1").arg(m_anna))
                             .value;
    EXPECT_FALSE(sql(QStringLiteral("ben"), QStringLiteral("SELECT dealboard_undo_step(%1, %2)").arg(m_anna, step)).ok);
    const Outcome undone
        = sql(QStringLiteral("anna"), QStringLiteral("SELECT dealboard_undo_step(%1, %2)").arg(m_anna, step));
    EXPECT_TRUE(undone.ok) << undone.error.toStdString();
    EXPECT_EQ(sql(QStringLiteral("mia"), QStringLiteral("SELECT status FROM deals WHERE id = %1").arg(m_anna)).value,
              QStringLiteral("open"));
    expectCheckClean();
}

// The server's own marks (dealboard.trusted, dealboard.undoing) count only
// inside its functions, which clear them as they begin: a member who sets
// them in their session first gains nothing, neither in the function nor in
// a trigger it sets off. Deleting a deal clears its follow-up's origin as
// the tables' owner, and the follow-up's guard once took the preset mark as
// the server's own: the follow-up changed with its version and time as they
// were, so a board holding it saw no change. Nor does a plain write gain
// anything, nor dealboard.copying (the database's owner's alone).
TEST_F(Hostile, MarksSetInOnesOwnSessionGainNothing)
{
    EXPECT_EQ(deleteAnOriginWithMarksSet(m_anna, followUpOf(m_anna)), QStringLiteral("true true true"));

    std::unique_ptr<Session> anna = sessionOf(QStringLiteral("anna"));
    for (const char* mark : {"trusted", "undoing", "copying"}) {
        ASSERT_TRUE(anna->run(QStringLiteral("SET dealboard.%1 = 'on'").arg(QLatin1String(mark))).ok);
    }
    const Outcome added = anna->run(
        QStringLiteral("INSERT INTO deals (title, owner, stage, status, created_at, updated_at, stage_entered_at, "
                       "version) VALUES ('Forged', '%1', 'negotiation', 'open', now() - interval '400 days', now(), "
                       "now() - interval '400 days', 99) RETURNING id")
            .arg(login(QStringLiteral("anna"))));
    EXPECT_FALSE(added.ok);
    EXPECT_TRUE(added.error.contains(QStringLiteral("Can't create 'Forged' in Negotiation")))
        << added.error.toStdString();
    const Outcome created = anna->run(
        QStringLiteral("INSERT INTO deals (title, owner, stage, status, created_at, updated_at, stage_entered_at, "
                       "version) VALUES ('Forged', '%1', 'prospecting', 'open', now() - interval '400 days', now(), "
                       "now() - interval '400 days', 99) RETURNING (version = 1 AND stage_entered_at > now() - "
                       "interval '1 hour')")
            .arg(login(QStringLiteral("anna"))));
    ASSERT_TRUE(created.ok) << created.error.toStdString();
    EXPECT_EQ(created.value, QStringLiteral("true"));
    EXPECT_FALSE(anna->run(QStringLiteral("SELECT dealboard_set_tags('organizations', (SELECT max(id) FROM "
                                          "organizations), ARRAY['a tag'])"))
                     .ok);
    EXPECT_FALSE(anna->run(QStringLiteral("SELECT dealboard_remove_row('quotas', 'x', '2026-01', 'EUR')")).ok);
    EXPECT_FALSE(anna->run(QStringLiteral("SELECT dealboard_restore_deal(%1)").arg(m_ben)).ok);
    EXPECT_EQ(anna->run(QStringLiteral("SELECT count(*) FROM change_log WHERE table_name = 'deals' AND changes LIKE "
                                       "'%Forged%'"))
                  .value,
              QStringLiteral("1"));
    expectCheckClean();
}

// A server at version 8 takes the functions that clear the marks once
// migrate has run; until then the hole is there.
TEST_F(Hostile, AVersionEightServerIsUpgradedToFunctionsThatClearTheMarks)
{
    const QString second = createAs(QStringLiteral("anna"), QStringLiteral("Anna's second"));
    const QString first = followUpOf(m_anna);
    const QString then = followUpOf(second);
    test::runRawSql(
        db(), test::backBeforeClearedMarks() + QStringList {QStringLiteral("UPDATE schema_version SET version = 8")});
    EXPECT_EQ(deleteAnOriginWithMarksSet(m_anna, first), QStringLiteral("false false true"));
    const CliRun migrated = run({QStringLiteral("migrate")});
    ASSERT_EQ(migrated.exitCode, 0) << migrated.err.toStdString();
    EXPECT_TRUE(migrated.out.contains(QStringLiteral("from schema version 8 to %1").arg(DealStore::SchemaVersion)))
        << migrated.out.toStdString();
    EXPECT_EQ(deleteAnOriginWithMarksSet(second, then), QStringLiteral("true true true"));
    expectCheckClean();
}

// A member's undo of a step recorded before the server could undo it
// exactly (version 7) says so, and what to do, from the server's function
// as from the client.
TEST_F(Hostile, AStepRecordedBeforeUndoCouldRestoreItSaysSoOnTheServer)
{
    ASSERT_TRUE(sql(QStringLiteral("anna"),
                    QStringLiteral("UPDATE deals SET willing = 1, need = 1, budget = 1, stage = 'qualifying' "
                                   "WHERE id = %1")
                        .arg(m_anna))
                    .ok);
    const QString step = sql(QStringLiteral("anna"),
                             QStringLiteral("SELECT max(id) FROM stage_history WHERE deal_id = %1").arg(m_anna))
                             .value;
    test::runRawSql(db(), {QStringLiteral("UPDATE stage_history SET entered_before = NULL WHERE id = %1").arg(step)});
    const Outcome refused
        = sql(QStringLiteral("anna"), QStringLiteral("SELECT dealboard_undo_step(%1, %2)").arg(m_anna, step));
    EXPECT_FALSE(refused.ok);
    EXPECT_TRUE(refused.error.contains(
        QStringLiteral("Can't undo that step of 'Anna's renewal': it was recorded before undo could restore a deal "
                       "exactly. Move it back to Prospecting by hand (its days in stage start again).")))
        << refused.error.toStdString();
    const CliRun history = runAs(QStringLiteral("anna"), {QStringLiteral("show"), m_anna});
    EXPECT_TRUE(history.out.contains(QStringLiteral("Qualifying"))) << history.out.toStdString();
}

// A member's redo is the server's too: only whoever took the step, only
// while the deal is as its undo left it, and the deal is back as right after
// the step, in its stage since the step's own time (which nobody forges).
TEST_F(Hostile, RedoPutsBackTheDealAsRightAfterTheStepOnlyForWhoeverTookIt)
{
    ASSERT_TRUE(sql(QStringLiteral("anna"),
                    QStringLiteral("UPDATE deals SET willing = 1, need = 1, budget = 1, stage = 'qualifying' "
                                   "WHERE id = %1")
                        .arg(m_anna))
                    .ok);
    const QString step = sql(QStringLiteral("anna"),
                             QStringLiteral("SELECT max(id) FROM stage_history WHERE deal_id = %1").arg(m_anna))
                             .value;
    // As if the step were taken 10 days ago.
    test::runRawSql(db(),
                    {QStringLiteral("UPDATE deals SET stage_entered_at = now() - interval '10 days' WHERE "
                                    "id = %1")
                         .arg(m_anna)});
    const QString deal
        = QStringLiteral("SELECT stage || ' ' || status || ' ' || stage_entered_at FROM deals WHERE id = %1")
              .arg(m_anna);
    const QString afterStep = sql(QStringLiteral("mia"), deal).value;
    const QString numbers = managersNumbers();
    const QString redo = QStringLiteral("SELECT dealboard_redo_step(%1, %2)").arg(m_anna, step);
    EXPECT_FALSE(sql(QStringLiteral("anna"), redo).ok); // not undone
    ASSERT_TRUE(sql(QStringLiteral("anna"), QStringLiteral("SELECT dealboard_undo_step(%1, %2)").arg(m_anna, step)).ok);
    EXPECT_FALSE(sql(QStringLiteral("ben"), redo).ok);
    Outcome refused = sql(QStringLiteral("mia"), redo);
    EXPECT_FALSE(refused.ok);
    EXPECT_TRUE(refused.error.contains(QStringLiteral("only they can redo it"))) << refused.error.toStdString();
    {
        std::unique_ptr<Session> anna = sessionOf(QStringLiteral("anna"));
        ASSERT_TRUE(anna->run(QStringLiteral("SET dealboard.undoing = 'on'")).ok);
        const Outcome redone = anna->run(redo);
        ASSERT_TRUE(redone.ok) << redone.error.toStdString();
    }
    EXPECT_EQ(sql(QStringLiteral("mia"), deal).value, afterStep);
    EXPECT_EQ(managersNumbers(), numbers);
    refused = sql(QStringLiteral("anna"), redo);
    EXPECT_FALSE(refused.ok);
    EXPECT_TRUE(refused.error.contains(QStringLiteral("not undone"))) << refused.error.toStdString();
    const CliRun shown = runAs(QStringLiteral("anna"), {QStringLiteral("show"), m_anna});
    EXPECT_TRUE(shown.out.contains(QStringLiteral("redo: Prospecting -> Qualifying"))) << shown.out.toStdString();
    expectCheckClean();
}

// The forecast's snapshots are read as the deals they sum: under visibility
// `own` a rep reads their own lines and their change-log entries, not the
// team's line nor another owner's; nobody but a manager takes one.
TEST_F(Hostile, ARepReadsOnlyTheSnapshotLinesOfDealsTheyMaySee)
{
    for (const QString& deal : {m_anna, m_ben}) {
        test::runRawSql(db(),
                        {QStringLiteral("UPDATE deals SET value_minor = 500000, expected_close = '2026-12-20' "
                                        "WHERE id = %1")
                             .arg(deal)});
    }
    const CliRun taken = runAs(QStringLiteral("mia"), {QStringLiteral("forecast"), QStringLiteral("snapshot")});
    ASSERT_EQ(taken.exitCode, 0) << taken.err.toStdString();
    const QString anna = login(QStringLiteral("anna"));
    const QString all = sql(QStringLiteral("mia"), QStringLiteral("SELECT count(*) FROM forecast_snapshots")).value;
    const QString annas = sql(QStringLiteral("mia"),
                              QStringLiteral("SELECT count(*) FROM forecast_snapshots WHERE owner = '%1'").arg(anna))
                              .value;
    ASSERT_GT(annas.toInt(), 0);
    ASSERT_GT(all.toInt(), annas.toInt()); // the team's line and ben's
    // Visibility `team`: every line, as every deal.
    EXPECT_EQ(sql(QStringLiteral("anna"), QStringLiteral("SELECT count(*) FROM forecast_snapshots")).value, all);

    ASSERT_EQ(run({QStringLiteral("admin"), QStringLiteral("set"), QStringLiteral("visibility"), QStringLiteral("own")})
                  .exitCode,
              0);
    EXPECT_EQ(sql(QStringLiteral("anna"), QStringLiteral("SELECT count(*) FROM forecast_snapshots")).value, annas);
    EXPECT_EQ(sql(QStringLiteral("anna"),
                  QStringLiteral("SELECT count(*) FROM forecast_snapshots WHERE owner <> '%1'").arg(anna))
                  .value,
              QStringLiteral("0"));
    EXPECT_EQ(sql(QStringLiteral("mia"), QStringLiteral("SELECT count(*) FROM forecast_snapshots")).value, all);
    // The change log's entries of the lines follow them.
    const QString seen = QStringLiteral("SELECT count(*) FROM change_log WHERE table_name = 'forecast_snapshots'");
    EXPECT_EQ(sql(QStringLiteral("anna"), seen).value, annas);
    EXPECT_EQ(sql(QStringLiteral("mia"), seen).value, all);
    EXPECT_EQ(sql(QStringLiteral("anna"),
                  QStringLiteral("SELECT count(*) FROM change_log WHERE table_name = 'forecast_snapshots' AND "
                                 "changes LIKE '%%1%'")
                      .arg(login(QStringLiteral("ben"))))
                  .value,
              QStringLiteral("0"));
    // A rep takes no snapshot, nor writes a line of their own.
    const Outcome forged = sql(QStringLiteral("anna"),
                               QStringLiteral("INSERT INTO forecast_snapshots (taken_on, bucket, owner, currency, "
                                              "open_deals, open_minor, claimed_minor, won_minor, taken_at) VALUES "
                                              "('2026-11-01', '2026-12', '%1', 'EUR', 1, 1, 1, 0, now())")
                                   .arg(anna));
    EXPECT_FALSE(forged.ok);
    const CliRun accuracy = runAs(QStringLiteral("anna"), {QStringLiteral("forecast"), QStringLiteral("accuracy")});
    EXPECT_EQ(accuracy.exitCode, 0) << accuracy.err.toStdString();
    EXPECT_FALSE(accuracy.out.contains(login(QStringLiteral("ben")))) << accuracy.out.toStdString();
}

// A pair keeps one rate a day whichever way round: a manager's own SQL can't
// store both 1 EUR = 1.0823 USD and 1 USD = 0.9 EUR of one day.
TEST_F(Hostile, AManagersSqlCannotStoreAPairBothWaysRoundOnOneDay)
{
    const CliRun set = runAs(QStringLiteral("mia"),
                             {QStringLiteral("rate"), QStringLiteral("set"), QStringLiteral("USD"),
                              QStringLiteral("2026-12-04"), QStringLiteral("0.9")});
    ASSERT_EQ(set.exitCode, 0) << set.err.toStdString();
    const Outcome both = sql(QStringLiteral("mia"),
                             QStringLiteral("INSERT INTO exchange_rates (currency, base, date, numerator, denominator) "
                                            "VALUES ('EUR', 'USD', '2026-12-04', 10823, 10000)"));
    EXPECT_FALSE(both.ok);
    EXPECT_TRUE(both.error.contains(QStringLiteral("one rate a day"))) << both.error.toStdString();
    EXPECT_EQ(sql(QStringLiteral("mia"), QStringLiteral("SELECT count(*) FROM exchange_rates")).value,
              QStringLiteral("1"));
    // Nor a snapshot of a day to come (which would block that day's own), nor
    // one in a currency outside ISO 4217.
    for (const auto& [day, currency, why] :
         {std::tuple {"current_date + 30", "EUR", "a day to come"}, std::tuple {"current_date", "ABC", "ISO 4217"}}) {
        const Outcome forged = sql(QStringLiteral("mia"),
                                   QStringLiteral("INSERT INTO forecast_snapshots (taken_on, bucket, owner, currency, "
                                                  "open_deals, open_minor, claimed_minor, won_minor, taken_at) VALUES "
                                                  "(%1, 'later', '', '%2', 1, 1, 1, 0, now())")
                                       .arg(QLatin1String(day), QLatin1String(currency)));
        EXPECT_FALSE(forged.ok) << day;
        EXPECT_TRUE(forged.error.contains(QLatin1String(why))) << forged.error.toStdString();
    }
}

} // namespace dealboard

namespace dealboard {

// Merges on a team's server: the server decides, whatever the client.
TEST_F(Hostile, AnUndoneMergeMovesBackOnlyThePeopleTheRepMayStillChange)
{
    // Anna folds her second organization, with its person, into her first.
    for (const char* name : {"Kelp Works", "Kelp Works Ltd"}) {
        const CliRun made = runAs(QStringLiteral("anna"),
                                  {QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"),
                                   QLatin1String(name), QStringLiteral("--new")});
        ASSERT_EQ(made.exitCode, 0) << made.err.toStdString();
    }
    const CliRun person
        = runAs(QStringLiteral("anna"),
                {QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Pia Kelp"),
                 QStringLiteral("--email"), QStringLiteral("pia@kelp.example"), QStringLiteral("--org"),
                 QStringLiteral("Kelp Works Ltd")});
    ASSERT_EQ(person.exitCode, 0) << person.err.toStdString();
    const auto orgNamed = [this](const char* name) {
        return sql(QStringLiteral("mia"),
                   QStringLiteral("SELECT id FROM organizations WHERE name = '%1'").arg(QLatin1String(name)))
            .value;
    };
    const QString kept = orgNamed("Kelp Works");
    const QString folded = orgNamed("Kelp Works Ltd");
    const CliRun merged
        = runAs(QStringLiteral("anna"), {QStringLiteral("merge"), QStringLiteral("organization"), kept, folded});
    ASSERT_EQ(merged.exitCode, 0) << merged.err.toStdString();
    const QString mergeId = merged.out.trimmed().section(QLatin1Char(' '), -1);

    // Ben's deal now names Pia: she is no longer Anna's alone to change.
    const CliRun bens = runAs(QStringLiteral("ben"),
                              {QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Bens Kelp deal"),
                               QStringLiteral("--email"), QStringLiteral("pia@kelp.example")});
    ASSERT_EQ(bens.exitCode, 0) << bens.err.toStdString();
    const CliRun undo = runAs(QStringLiteral("anna"), {QStringLiteral("merge"), QStringLiteral("undo"), mergeId});
    EXPECT_EQ(undo.exitCode, 3) << undo.out.toStdString() << undo.err.toStdString();
    EXPECT_TRUE(undo.err.contains(QStringLiteral("Pia Kelp"))) << undo.err.toStdString();
    EXPECT_EQ(sql(QStringLiteral("mia"),
                  QStringLiteral("SELECT organization_id FROM people WHERE email = 'pia@kelp.example'"))
                  .value,
              kept);
}

TEST_F(Hostile, MergesAreTheServersToAllowAndToUndo)
{
    const auto orgOf = [this](const QString& deal) {
        return sql(QStringLiteral("mia"), QStringLiteral("SELECT organization_id FROM deals WHERE id = %1").arg(deal))
            .value;
    };
    const QString annas = orgOf(m_anna);
    const QString bens = orgOf(m_ben);
    const CliRun dup = runAs(QStringLiteral("anna"),
                             {QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"),
                              QStringLiteral("Annas Renewal Co"), QStringLiteral("--new")});
    ASSERT_EQ(dup.exitCode, 0) << dup.err.toStdString();
    const QString annasDup
        = sql(QStringLiteral("mia"), QStringLiteral("SELECT id FROM organizations WHERE name = 'Annas Renewal Co'"))
              .value;

    // Ben's organization is not Anna's to fold away or to fold into, with or
    // without the server's marks set in her session.
    std::unique_ptr<Session> anna = sessionOf(QStringLiteral("anna"));
    for (const char* mark : {"trusted", "undoing", "copying"}) {
        EXPECT_TRUE(anna->run(QStringLiteral("SET dealboard.%1 = 'on'").arg(QLatin1String(mark))).ok);
    }
    const Outcome away
        = anna->run(QStringLiteral("SELECT dealboard_merge_contact('organization', %1, %2, '')").arg(annas, bens));
    EXPECT_FALSE(away.ok);
    EXPECT_TRUE(away.error.contains(QStringLiteral("only a manager"))) << away.error.toStdString();
    EXPECT_FALSE(
        anna->run(QStringLiteral("SELECT dealboard_merge_contact('organization', %1, %2, '')").arg(bens, annas)).ok);
    const CliRun cli
        = runAs(QStringLiteral("anna"), {QStringLiteral("merge"), QStringLiteral("organization"), annas, bens});
    EXPECT_EQ(cli.exitCode, 3) << cli.out.toStdString() << cli.err.toStdString();
    EXPECT_TRUE(cli.err.contains(QStringLiteral("only a manager"))) << cli.err.toStdString();
    EXPECT_EQ(orgOf(m_ben), bens);
    // Nor around the functions: no deletes, no writes of the merges' record.
    EXPECT_FALSE(anna->run(QStringLiteral("DELETE FROM organizations WHERE id = %1").arg(annasDup)).ok);
    EXPECT_FALSE(anna->run(QStringLiteral("INSERT INTO contact_merges (kind, keep_id, other_id, other_row, moved, "
                                          "merged_at) VALUES ('organization', %1, %2, '{}', '{}', now())")
                               .arg(annas, bens))
                     .ok);

    // Her own two: merged, then refused to Ben's undo, undone by her.
    const CliRun merged
        = runAs(QStringLiteral("anna"), {QStringLiteral("merge"), QStringLiteral("organization"), annas, annasDup});
    ASSERT_EQ(merged.exitCode, 0) << merged.err.toStdString();
    EXPECT_TRUE(merged.out.contains(QStringLiteral("undo with: dealboard-cli merge undo"))) << merged.out.toStdString();
    const QString mergeId = merged.out.trimmed().section(QLatin1Char(' '), -1);
    EXPECT_EQ(
        sql(QStringLiteral("mia"), QStringLiteral("SELECT count(*) FROM organizations WHERE id = %1").arg(annasDup))
            .value,
        QStringLiteral("0"));
    EXPECT_FALSE(anna->run(QStringLiteral("UPDATE contact_merges SET undone = 1 WHERE id = %1").arg(mergeId)).ok);
    const Outcome bensUndo = sql(QStringLiteral("ben"), QStringLiteral("SELECT dealboard_undo_merge(%1)").arg(mergeId));
    EXPECT_FALSE(bensUndo.ok);
    EXPECT_EQ(sql(QStringLiteral("ben"), QStringLiteral("SELECT count(*) FROM contact_merges")).value,
              QStringLiteral("0"));
    const CliRun undone = runAs(QStringLiteral("anna"), {QStringLiteral("merge"), QStringLiteral("undo"), mergeId});
    ASSERT_EQ(undone.exitCode, 0) << undone.err.toStdString();
    EXPECT_EQ(
        sql(QStringLiteral("mia"), QStringLiteral("SELECT name FROM organizations WHERE id = %1").arg(annasDup)).value,
        QStringLiteral("Annas Renewal Co"));
    EXPECT_FALSE(anna->run(QStringLiteral("SELECT dealboard_undo_merge(%1)").arg(mergeId)).ok);

    // A manager merges anybody's; the log names the merge.
    const CliRun managers
        = runAs(QStringLiteral("mia"), {QStringLiteral("merge"), QStringLiteral("organization"), annas, bens});
    ASSERT_EQ(managers.exitCode, 0) << managers.err.toStdString();
    EXPECT_EQ(orgOf(m_ben), annas);
    EXPECT_NE(sql(QStringLiteral("mia"),
                  QStringLiteral("SELECT count(*) FROM change_log WHERE table_name = "
                                 "'contact_merges'"))
                  .value,
              QStringLiteral("0"));
    expectCheckClean();
}

// A currency the client refuses, the server refuses too: a deal's and a
// quota's currency is one of the currencies table, which nobody writes.
TEST_F(Hostile, AMembersOwnSqlCannotGiveADealACurrencyOutsideIso4217)
{
    const QString insert = QStringLiteral("INSERT INTO deals (title, owner, stage, status, currency, value_minor) "
                                          "VALUES ('Mine', session_user, 'prospecting', 'open', '%1', 1500)");
    const Outcome abc = sql(QStringLiteral("anna"), insert.arg(QStringLiteral("ABC")));
    EXPECT_FALSE(abc.ok);
    EXPECT_TRUE(abc.error.contains(QStringLiteral("currenc"))) << abc.error.toStdString();
    const Outcome yen = sql(QStringLiteral("anna"), insert.arg(QStringLiteral("JPY")));
    EXPECT_TRUE(yen.ok) << yen.error.toStdString();
    EXPECT_FALSE(
        sql(QStringLiteral("anna"), QStringLiteral("UPDATE deals SET currency = 'ABC' WHERE id = %1").arg(m_anna)).ok);
    EXPECT_FALSE(sql(QStringLiteral("mia"), QStringLiteral("INSERT INTO currencies VALUES ('ABC', 2, 'Mine', 0)")).ok);
    EXPECT_FALSE(sql(QStringLiteral("mia"), QStringLiteral("UPDATE currencies SET digits = 2 WHERE code = 'JPY'")).ok);
    EXPECT_EQ(sql(QStringLiteral("ben"), QStringLiteral("SELECT digits FROM currencies WHERE code = 'BHD'")).value,
              QStringLiteral("3"));
    expectCheckClean();
}

TEST_F(Hostile, AStagesPlanIsAManagersAndARepsOwnSqlCannotSkipOrUntickARequiredStep)
{
    // Only a manager writes the plan, within its rules.
    const CliRun rep = runAs(
        QStringLiteral("anna"),
        {QStringLiteral("plan"), QStringLiteral("add"), QStringLiteral("contacting"), QStringLiteral("Send the deck")});
    EXPECT_EQ(rep.exitCode, 3) << rep.err.toStdString();
    EXPECT_FALSE(sql(QStringLiteral("anna"),
                     QStringLiteral("INSERT INTO stage_plan (stage, position, text) VALUES ('contacting', 1, 'x')"))
                     .ok);
    const CliRun added = runAs(QStringLiteral("mia"),
                               {QStringLiteral("plan"), QStringLiteral("add"), QStringLiteral("contacting"),
                                QStringLiteral("Send the deck"), QStringLiteral("--required")});
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    for (const char* impossible : {"('retention', 1, 'Thank them', 1)", "('contacting', 2, '   ', 0)",
                                   "('limbo', 2, 'Lost stage', 0)", "('contacting', 2, E'Turn\\u202Eed', 0)"}) {
        EXPECT_FALSE(sql(QStringLiteral("mia"),
                         QStringLiteral("INSERT INTO stage_plan (stage, position, text, required) VALUES %1")
                             .arg(QLatin1String(impossible)))
                         .ok)
            << impossible;
    }
    EXPECT_FALSE(sql(QStringLiteral("anna"), QStringLiteral("UPDATE stage_plan SET required = 0")).ok);
    EXPECT_FALSE(sql(QStringLiteral("anna"), QStringLiteral("DELETE FROM plan_ticks")).ok);
    EXPECT_FALSE(sql(QStringLiteral("anna"), QStringLiteral("LOCK TABLE plan_ticks IN ACCESS EXCLUSIVE MODE")).ok);
    const QString step = sql(QStringLiteral("anna"), QStringLiteral("SELECT id FROM stage_plan")).value;
    ASSERT_FALSE(step.isEmpty());

    // Anna's deal stands in Contacting; her own SQL can't move it on unticked.
    test::runRawSql(db(),
                    {QStringLiteral("UPDATE deals SET stage = 'contacting', willing = 1, need = 1, budget = 1 "
                                    "WHERE id = %1")
                         .arg(m_anna)});
    const Outcome skipped = sql(QStringLiteral("anna"),
                                QStringLiteral("UPDATE deals SET stage = 'relationship' WHERE id = %1").arg(m_anna));
    EXPECT_FALSE(skipped.ok);
    EXPECT_TRUE(skipped.error.contains(QStringLiteral("Contacting's plan not ticked: step 1 'Send the deck'")))
        << skipped.error.toStdString();
    // Nor tick Ben's deal.
    EXPECT_FALSE(sql(QStringLiteral("anna"),
                     QStringLiteral("INSERT INTO plan_ticks (deal_id, step_id, changed_at) VALUES (%1, %2, now())")
                         .arg(m_ben)
                         .arg(step))
                     .ok);
    // Ticked, it moves; past Contacting, the tick stays.
    ASSERT_TRUE(sql(QStringLiteral("anna"),
                    QStringLiteral("INSERT INTO plan_ticks (deal_id, step_id, changed_at) VALUES (%1, %2, now())")
                        .arg(m_anna)
                        .arg(step))
                    .ok);
    EXPECT_TRUE(
        sql(QStringLiteral("anna"), QStringLiteral("UPDATE deals SET stage = 'relationship' WHERE id = %1").arg(m_anna))
            .ok);
    const Outcome untick = sql(
        QStringLiteral("anna"),
        QStringLiteral("UPDATE plan_ticks SET ticked = 0 WHERE deal_id = %1 AND step_id = %2").arg(m_anna).arg(step));
    EXPECT_FALSE(untick.ok);
    EXPECT_TRUE(untick.error.contains(QStringLiteral("required to leave Contacting"))) << untick.error.toStdString();
    const CliRun viaCli = runAs(QStringLiteral("anna"),
                                {QStringLiteral("plan"), QStringLiteral("untick"), m_anna, QStringLiteral("1"),
                                 QStringLiteral("--stage"), QStringLiteral("contacting")});
    EXPECT_EQ(viaCli.exitCode, 3) << viaCli.err.toStdString();
    // Moved back, unticked there, the undo of that move back would move it
    // on again: the server's own undo asks the step too.
    ASSERT_TRUE(
        sql(QStringLiteral("anna"), QStringLiteral("UPDATE deals SET stage = 'contacting' WHERE id = %1").arg(m_anna))
            .ok);
    const QString back = sql(QStringLiteral("anna"),
                             QStringLiteral("SELECT max(id) FROM stage_history WHERE deal_id = %1").arg(m_anna))
                             .value;
    ASSERT_TRUE(sql(QStringLiteral("anna"),
                    QStringLiteral("UPDATE plan_ticks SET ticked = 0 WHERE deal_id = %1 AND step_id = %2")
                        .arg(m_anna)
                        .arg(step))
                    .ok);
    const Outcome undone
        = sql(QStringLiteral("anna"), QStringLiteral("SELECT dealboard_undo_step(%1, %2)").arg(m_anna, back));
    EXPECT_FALSE(undone.ok);
    EXPECT_TRUE(undone.error.contains(QStringLiteral("plan"))) << undone.error.toStdString();
    // An untick and a move at the same moment take turns on the deal: the
    // move waits for the untick (here past its lock timeout), then is refused.
    ASSERT_TRUE(sql(QStringLiteral("anna"),
                    QStringLiteral("UPDATE plan_ticks SET ticked = 1 WHERE deal_id = %1 AND step_id = %2")
                        .arg(m_anna)
                        .arg(step))
                    .ok);
    {
        std::unique_ptr<Session> unticking = sessionOf(QStringLiteral("anna"));
        std::unique_ptr<Session> moving = sessionOf(QStringLiteral("anna"));
        ASSERT_TRUE(unticking->run(QStringLiteral("BEGIN")).ok);
        ASSERT_TRUE(unticking
                        ->run(QStringLiteral("UPDATE plan_ticks SET ticked = 0 WHERE deal_id = %1 AND step_id = %2")
                                  .arg(m_anna)
                                  .arg(step))
                        .ok);
        ASSERT_TRUE(moving->run(QStringLiteral("SET lock_timeout = '300ms'")).ok);
        const QString move = QStringLiteral("UPDATE deals SET stage = 'relationship' WHERE id = %1").arg(m_anna);
        const Outcome waited = moving->run(move);
        EXPECT_FALSE(waited.ok);
        EXPECT_TRUE(waited.error.contains(QStringLiteral("lock"))) << waited.error.toStdString();
        ASSERT_TRUE(unticking->run(QStringLiteral("COMMIT")).ok);
        const Outcome after = moving->run(move);
        EXPECT_FALSE(after.ok);
        EXPECT_TRUE(after.error.contains(QStringLiteral("plan"))) << after.error.toStdString();
    }
    // The other way round: the untick waits for the move, then reads the
    // deal as moved and is refused.
    ASSERT_TRUE(sql(QStringLiteral("anna"),
                    QStringLiteral("UPDATE plan_ticks SET ticked = 1 WHERE deal_id = %1 AND step_id = %2")
                        .arg(m_anna)
                        .arg(step))
                    .ok);
    {
        std::unique_ptr<Session> moving = sessionOf(QStringLiteral("anna"));
        ASSERT_TRUE(moving->run(QStringLiteral("BEGIN")).ok);
        ASSERT_TRUE(
            moving->run(QStringLiteral("UPDATE deals SET stage = 'relationship' WHERE id = %1").arg(m_anna)).ok);
        const QString untick = QStringLiteral("UPDATE plan_ticks SET ticked = 0 WHERE deal_id = %1 AND step_id = %2")
                                   .arg(m_anna)
                                   .arg(step);
        Outcome after;
        // A connection is its thread's: the untick's opens in the thread that
        // waits on the moved deal's row.
        std::thread waiting([&] { after = sessionOf(QStringLiteral("anna"))->run(untick); });
        QThread::msleep(1500);
        ASSERT_TRUE(moving->run(QStringLiteral("COMMIT")).ok);
        waiting.join();
        EXPECT_FALSE(after.ok);
        EXPECT_TRUE(after.error.contains(QStringLiteral("required to leave Contacting"))) << after.error.toStdString();
    }
    // A deal that comes in after Contacting is not sent back to its step.
    test::runRawSql(db(),
                    {QStringLiteral("UPDATE deals SET stage = 'relationship', willing = 1, need = 1, budget = 1 "
                                    "WHERE id = %1")
                         .arg(m_ben)});
    EXPECT_TRUE(
        sql(QStringLiteral("ben"),
            QStringLiteral("UPDATE deals SET stage = 'negotiation', value_minor = 100 WHERE id = %1").arg(m_ben))
            .ok);
    // A removed step can't be ticked, and the manager's removal is logged.
    const CliRun removed
        = runAs(QStringLiteral("mia"),
                {QStringLiteral("plan"), QStringLiteral("remove"), QStringLiteral("contacting"), QStringLiteral("1")});
    ASSERT_EQ(removed.exitCode, 0) << removed.err.toStdString();
    EXPECT_FALSE(sql(QStringLiteral("ben"),
                     QStringLiteral("INSERT INTO plan_ticks (deal_id, step_id, changed_at) VALUES (%1, %2, now())")
                         .arg(m_ben)
                         .arg(step))
                     .ok);
    EXPECT_EQ(
        sql(QStringLiteral("mia"), QStringLiteral("SELECT count(*) FROM change_log WHERE table_name = 'stage_plan'"))
            .value,
        QStringLiteral("2"));
    expectCheckClean();
}

TEST_F(Hostile, CustomFieldsAreAManagersAndARepsOwnSqlCannotSkipClearOrMistypeANeededOne)
{
    // Only a manager defines fields, within their rules.
    const CliRun rep
        = runAs(QStringLiteral("anna"),
                {QStringLiteral("field"), QStringLiteral("add"), QStringLiteral("source"), QStringLiteral("--name"),
                 QStringLiteral("Source"), QStringLiteral("--type"), QStringLiteral("text")});
    EXPECT_EQ(rep.exitCode, 3) << rep.err.toStdString();
    EXPECT_FALSE(sql(QStringLiteral("anna"),
                     QStringLiteral("INSERT INTO custom_fields (key, name, type, position) "
                                    "VALUES ('x', 'X', 'text', 1)"))
                     .ok);
    for (const QStringList& field :
         {QStringList {QStringLiteral("source"), QStringLiteral("Lead source"), QStringLiteral("choice"),
                       QStringLiteral("--choices"), QStringLiteral("web,referral")},
          QStringList {QStringLiteral("seats"), QStringLiteral("Seats"), QStringLiteral("number")}}) {
        const QStringList arguments = QStringList {QStringLiteral("field"),
                                                   QStringLiteral("add"),
                                                   field[0],
                                                   QStringLiteral("--name"),
                                                   field[1],
                                                   QStringLiteral("--type"),
                                                   field[2]}
            + field.mid(3);
        const CliRun added = runAs(QStringLiteral("mia"), arguments);
        ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    }
    for (const char* impossible :
         {"('Bad Key', 'x', 'text', '', 1, NULL, NULL)", "('k1', 'x', 'choice', '', 1, NULL, NULL)",
          "('k2', 'x', 'text', 'a', 1, NULL, NULL)", "('k3', 'x', 'text', '', 1, 'retention', 'leave')",
          "('source', 'x', 'text', '', 1, NULL, NULL)", "('k4', E'Turn\\u202Eed', 'text', '', 1, NULL, NULL)",
          "('k5', 'x', 'choice', E'a\\nA', 1, NULL, NULL)", "('k6', 'x', 'float', '', 1, NULL, NULL)"}) {
        EXPECT_FALSE(sql(QStringLiteral("mia"),
                         QStringLiteral("INSERT INTO custom_fields (key, name, type, choices, "
                                        "position, stage, moment) VALUES %1")
                             .arg(QLatin1String(impossible)))
                         .ok)
            << impossible;
    }
    EXPECT_FALSE(
        sql(QStringLiteral("mia"), QStringLiteral("UPDATE custom_fields SET type = 'text' WHERE key = 'seats'")).ok);
    EXPECT_FALSE(
        sql(QStringLiteral("mia"), QStringLiteral("UPDATE custom_fields SET choices = 'web' WHERE key = 'source'")).ok);
    const CliRun needed = runAs(QStringLiteral("mia"),
                                {QStringLiteral("stage"), QStringLiteral("require"), QStringLiteral("negotiation"),
                                 QStringLiteral("--to-enter"), QStringLiteral("field:source")});
    ASSERT_EQ(needed.exitCode, 0) << needed.err.toStdString();
    const QString source = sql(QStringLiteral("anna"),
                               QStringLiteral("SELECT id FROM custom_fields WHERE key = "
                                              "'source'"))
                               .value;
    const QString seats = sql(QStringLiteral("anna"),
                              QStringLiteral("SELECT id FROM custom_fields WHERE key = "
                                             "'seats'"))
                              .value;

    // Anna's deal stands in Relationship Building with a value; her own SQL
    // can't move it into Negotiation without the source.
    test::runRawSql(db(),
                    {QStringLiteral("UPDATE deals SET stage = 'relationship', willing = 1, need = 1, budget = 1, "
                                    "value_minor = 100000 WHERE id = %1")
                         .arg(m_anna)});
    const Outcome skipped = sql(QStringLiteral("anna"),
                                QStringLiteral("UPDATE deals SET stage = 'negotiation' WHERE id = %1").arg(m_anna));
    EXPECT_FALSE(skipped.ok);
    EXPECT_TRUE(skipped.error.contains(QStringLiteral("'Lead source' not filled in"))) << skipped.error.toStdString();
    // Nor create one there without it.
    const Outcome created = sql(QStringLiteral("anna"),
                                QStringLiteral("INSERT INTO deals (title, owner, stage, status, value_minor, currency, "
                                               "willing, need, budget, lost_reason, created_at, updated_at, "
                                               "stage_entered_at, version) VALUES ('Sneaky', '%1', 'negotiation', "
                                               "'open', 5000, 'EUR', 1, 1, 1, '', now(), now(), now(), 1)")
                                    .arg(login(QStringLiteral("anna"))));
    EXPECT_FALSE(created.ok);
    EXPECT_TRUE(created.error.contains(QStringLiteral("not filled in"))) << created.error.toStdString();
    // A value its type refuses, on her deal; any value on Ben's.
    const auto value = [&](const QString& deal, const QString& field, const QString& text) {
        return sql(QStringLiteral("anna"),
                   QStringLiteral("INSERT INTO deal_fields (deal_id, field_id, value, changed_at) VALUES (%1, %2, "
                                  "%3, now()) ON CONFLICT (deal_id, field_id) DO UPDATE SET value = excluded.value")
                       .arg(deal, field, text));
    };
    for (const char* bad : {"'Web'", "'fair'", "' web'", "E'web\\u202E'"}) {
        EXPECT_FALSE(value(m_anna, source, QLatin1String(bad)).ok) << bad;
    }
    for (const char* bad : {"'1e5'", "'007'", "'1.50'", "'-0'", "'1,5'", "'1234567890123456'"}) {
        EXPECT_FALSE(value(m_anna, seats, QLatin1String(bad)).ok) << bad;
    }
    EXPECT_FALSE(value(m_ben, source, QStringLiteral("'web'")).ok);
    const auto version = [&] {
        return sql(QStringLiteral("anna"), QStringLiteral("SELECT version FROM deals WHERE id = %1").arg(m_anna))
            .value.toInt();
    };
    const int before = version();
    ASSERT_TRUE(value(m_anna, seats, QStringLiteral("'-12.5'")).ok);
    // Written without its deal, the value still moves the deal's version, so
    // every board and stale check sees it.
    EXPECT_EQ(version(), before + 1);
    // Filled in, it moves; in Negotiation the source can't be cleared nor deleted.
    ASSERT_TRUE(value(m_anna, source, QStringLiteral("'web'")).ok);
    EXPECT_TRUE(
        sql(QStringLiteral("anna"), QStringLiteral("UPDATE deals SET stage = 'negotiation' WHERE id = %1").arg(m_anna))
            .ok);
    const Outcome cleared = sql(QStringLiteral("anna"),
                                QStringLiteral("UPDATE deal_fields SET value = '' WHERE "
                                               "deal_id = %1 AND field_id = %2")
                                    .arg(m_anna, source));
    EXPECT_FALSE(cleared.ok);
    EXPECT_TRUE(cleared.error.contains(QStringLiteral("can't have 'Lead source' not filled in")))
        << cleared.error.toStdString();
    EXPECT_FALSE(sql(QStringLiteral("anna"), QStringLiteral("DELETE FROM deal_fields")).ok);
    EXPECT_TRUE(
        sql(QStringLiteral("anna"),
            QStringLiteral("UPDATE deal_fields SET value = '' WHERE deal_id = %1 AND field_id = %2").arg(m_anna, seats))
            .ok);
    const CliRun viaCli = runAs(QStringLiteral("anna"),
                                {QStringLiteral("edit"), m_anna, QStringLiteral("--set"), QStringLiteral("source=")});
    EXPECT_EQ(viaCli.exitCode, 3) << viaCli.err.toStdString();
    // A removed field takes no value.
    ASSERT_EQ(runAs(QStringLiteral("mia"), {QStringLiteral("field"), QStringLiteral("remove"), QStringLiteral("seats")})
                  .exitCode,
              0);
    const Outcome removed = value(m_anna, seats, QStringLiteral("'3'"));
    EXPECT_FALSE(removed.ok);
    EXPECT_TRUE(removed.error.contains(QStringLiteral("was removed"))) << removed.error.toStdString();
    const CliRun shown = runAs(QStringLiteral("anna"), {QStringLiteral("show"), m_anna});
    EXPECT_TRUE(shown.out.contains(QStringLiteral("Lead source     web"))) << shown.out.toStdString();
    expectCheckClean();
}

} // namespace dealboard
