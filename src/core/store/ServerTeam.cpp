// A team on a server (the store's team functions, StoreOpening.h): its roles, grants and
// row-level security, its members, and who a connection is. Role names and
// passwords cannot be bound parameters in CREATE ROLE or a policy, so they
// are quoted with the driver's own escaping; a password reaches the server
// only as a SCRAM hash made here (PQencryptPasswordConn), never in plain text.
#include "Database.h"
#include "PostgresBackend.h"
#include "RawQuery.h"
#include "ServerSchema.h"
#include "ServerTeamRoles.h"
#include "SqlText.h"
#include "StoreOpening.h"
#include "dealboard/DealStore.h"
#include "dealboard/PipelineLocation.h"
#include "dealboard/store/TeamLogins.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

namespace dealboard {

using namespace teamroles;

namespace {

// A connection for the team's administration, and the database's roles.
struct TeamConnection
{
    std::unique_ptr<Database> database;
    Roles roles;
};

Result<TeamConnection> openTeam(const QString& url)
{
    if (!PipelineLocation::isAddress(url)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("A team works on a server's pipeline (a postgresql:// address); '%1' is a "
                                        "file, which is one person's.")
                             .arg(url));
    }
    Result<std::unique_ptr<Database>> connected = Database::connectTo(url);
    if (!connected) {
        return connected.error();
    }
    QSqlQuery query(connected.value()->connection());
    if (!query.exec(QStringLiteral("SELECT current_database()")) || !query.next()) {
        return connected.value()->storageError(QStringLiteral("read the database's name"), query);
    }
    const QString name = query.value(0).toString();
    return TeamConnection {std::move(connected.value()), rolesOf(name)};
}

Result<void> runAll(Database& database, const QStringList& statements)
{
    for (const QString& statement : statements) {
        if (Result<void> done = database.execute(statement); !done) {
            spdlog::error("Setting up the team on {} failed at: {}", database.path().toStdString(),
                          statement.toStdString());
            return done;
        }
    }
    return {};
}

// Who is signed in, and what the team lets them do.
Result<TeamSession> readSession(Database& database)
{
    TeamSession session;
    QSqlQuery query(database.connection());
    if (!query.exec(QStringLiteral(
            "SELECT current_user, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_database() || '_manager'), "
            "COALESCE((SELECT pg_has_role(current_user, r.oid, 'MEMBER') FROM pg_roles r WHERE r.rolname = "
            "current_database() || '_manager'), false), "
            "COALESCE((SELECT pg_has_role(current_user, r.oid, 'MEMBER') FROM pg_roles r WHERE r.rolname = "
            "current_database() || '_owner'), false)"))
        || !query.next()) {
        return database.storageError(QStringLiteral("read who is signed in"), query);
    }
    session.user = query.value(0).toString();
    session.isTeam = query.value(1).toBool();
    session.manager = query.value(2).toBool();
    session.databaseOwner = query.value(3).toBool();
    return session;
}

bool roleExists(Database& database, const QString& name)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT 1 FROM pg_roles WHERE rolname = ?"));
    query.addBindValue(name);
    return query.exec() && query.next();
}

QString roleLabel(TeamRole role)
{
    return role == TeamRole::Manager ? QStringLiteral("manager") : QStringLiteral("rep");
}

// One of the team's administration functions, with bound arguments. What it
// says when it fails, in the log and to the user, never holds `secret` (a new
// login's SCRAM verifier): only the server's first line, with it taken out.
Result<void> administer(Database& database, const QString& call, const QVariantList& arguments, const QString& what,
                        const QString& secret = QString())
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT dealboard_team.") + call);
    for (const QVariant& argument : arguments) {
        query.addBindValue(argument);
    }
    if (!query.exec()) {
        const QString sqlState = query.lastError().nativeErrorCode();
        // The function's own words: the first line, without libpq's "ERROR:".
        QString reason = query.lastError().databaseText().section(QLatin1Char('\n'), 0, 0).trimmed();
        if (reason.startsWith(QLatin1String("ERROR:"))) {
            reason = reason.mid(6).trimmed();
        }
        if (!secret.isEmpty()) {
            reason.replace(secret, QStringLiteral("(the password's hash)"));
        }
        spdlog::info("Couldn't {} on {}: {} ({})", what.toStdString(), database.path().toStdString(),
                     reason.toStdString(), sqlState.toStdString());
        if (sqlState == u"42501" || sqlState == u"42704" || sqlState == u"22023" || sqlState == u"23505"
            || sqlState == u"42710") {
            const QString hint
                = sqlState == u"42704" ? QStringLiteral(" admin list-users shows the team's users.") : QString();
            return makeError(sqlState == u"42501" ? ErrorCode::RefusedByRules : ErrorCode::InvalidInput,
                             QStringLiteral("Couldn't %1: %2. Nothing was changed.%3").arg(what, reason, hint));
        }
        if (!secret.isEmpty()) {
            // Database::storageError logs the whole error, whose context may
            // quote the statement that held the secret.
            spdlog::error("SQL failed on {} (SQLSTATE {})", database.path().toStdString(), sqlState.toStdString());
            return makeError(ErrorCode::Storage,
                             QStringLiteral("Couldn't %1 on %2: %3.%4")
                                 .arg(what, database.path(), reason, PostgresBackend::advice(sqlState)));
        }
        return database.storageError(what, query);
    }
    return {};
}

// The team's users (in the database's rep or manager role), by name.
Result<std::vector<TeamMember>> readMembers(Database& database)
{
    QSqlQuery query(database.connection());
    if (!query.exec(QStringLiteral(
            "SELECT m.rolname, bool_or(g.rolname = current_database() || '_manager'), m.rolcanlogin "
            "FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
            "WHERE g.rolname IN (current_database() || '_rep', current_database() || '_manager') "
            "GROUP BY m.rolname, m.rolcanlogin ORDER BY m.rolname"))) {
        return database.storageError(QStringLiteral("read the team"), query);
    }
    std::vector<TeamMember> members;
    while (query.next()) {
        members.push_back({query.value(0).toString(), query.value(1).toBool() ? TeamRole::Manager : TeamRole::Rep,
                           query.value(2).toBool()});
    }
    return members;
}

// The team's administration as whoever is signed in: refused here, before the
// server refuses it too, when the team is not set up or the user is a rep.
Result<TeamConnection> openAdministration(const QString& url, const QString& what)
{
    Result<TeamConnection> team = openTeam(url);
    if (!team) {
        return team.error();
    }
    Database& database = *team.value().database;
    if (!roleExists(database, team.value().roles.admin)) {
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("The team of %1 is not set up yet: run admin init-team first.").arg(database.path()));
    }
    Result<TeamSession> session = readSession(database);
    if (!session) {
        return session.error();
    }
    if (!session.value().manager && !session.value().databaseOwner) {
        return makeError(ErrorCode::RefusedByRules,
                         QStringLiteral("Only a manager or the database's owner can %1 the team; you are signed in "
                                        "as %2 (a rep).")
                             .arg(what, session.value().user));
    }
    return team;
}

} // namespace

Result<TeamSession> store::teamSessionOf(Database& database)
{
    return readSession(database);
}

Result<void> store::initTeam(const QString& url)
{
    Result<TeamConnection> team = openTeam(url);
    if (!team) {
        return team.error();
    }
    Database& database = *team.value().database;
    const Roles& roles = team.value().roles;
    for (const QString& role : {roles.rep, roles.manager, roles.owner, roles.admin}) {
        if (roleExists(database, role)) {
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("The team of %1 is already set up (the role %2 exists); nothing was "
                                            "changed.")
                                 .arg(database.path(), role));
        }
    }
    const QString rep = identifier(roles.rep);
    const QString manager = identifier(roles.manager);
    const QString owner = identifier(roles.owner);
    const QString admin = identifier(roles.admin);
    const QString db = identifier(roles.database);
    // Who may change a deal: its owner, a manager, or the database's owner
    // (who copies and restores everybody's rows).
    const QString mayChange = QStringLiteral("(owner = current_user OR %1)").arg(privilegedUser(roles));
    const QString visible
        = QStringLiteral("(%1 OR COALESCE((SELECT value FROM settings WHERE key = %2), 'team') <> 'own')")
              .arg(mayChange, literal(TeamVisibilityKey));
    const QStringList tables = {
        QStringLiteral("schema_version"), QStringLiteral("change_counter"),
        QStringLiteral("organizations"),  QStringLiteral("people"),
        QStringLiteral("deals"),          QStringLiteral("stage_history"),
        QStringLiteral("stage_goals"),    QStringLiteral("organization_tags"),
        QStringLiteral("person_tags"),    QStringLiteral("segment_rules"),
        QStringLiteral("settings"),       QStringLiteral("activities"),
    };
    QStringList statements = {
        QStringLiteral("BEGIN"),
        QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(owner),
        QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(manager),
        QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(rep),
        QStringLiteral("CREATE ROLE %1 NOLOGIN CREATEROLE").arg(admin),
        QStringLiteral("GRANT %1, %2 TO CURRENT_USER").arg(owner, admin),
        QStringLiteral("REVOKE CONNECT, TEMPORARY ON DATABASE %1 FROM PUBLIC").arg(db),
        QStringLiteral("GRANT CONNECT ON DATABASE %1 TO %2, %3").arg(db, manager, rep),
        QStringLiteral("REVOKE ALL ON SCHEMA public FROM PUBLIC"),
        QStringLiteral("GRANT USAGE ON SCHEMA public TO %1, %2").arg(manager, rep),
        // The tables' owner needs CREATE on their schema to take them over.
        QStringLiteral("GRANT USAGE, CREATE ON SCHEMA public TO %1").arg(owner),
    };
    for (const QString& table : tables) {
        statements << QStringLiteral("ALTER TABLE %1 OWNER TO %2").arg(table, owner)
                   << QStringLiteral("REVOKE ALL ON %1 FROM PUBLIC").arg(table)
                   << QStringLiteral("GRANT SELECT ON %1 TO %2, %3").arg(table, manager, rep);
        if (table != QLatin1String("schema_version")) {
            statements << QStringLiteral("GRANT INSERT, UPDATE, DELETE ON %1 TO %2").arg(table, manager);
        }
    }
    statements << QStringLiteral("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %1, %2").arg(manager, rep)
               << QStringLiteral("GRANT UPDATE ON change_counter TO %1").arg(rep)
               << QStringLiteral("GRANT INSERT ON stage_history TO %1").arg(rep);
    for (const char* table : {"deals", "activities", "organizations", "people", "organization_tags", "person_tags"}) {
        statements << QStringLiteral("GRANT INSERT, UPDATE, DELETE ON %1 TO %2").arg(QLatin1String(table), rep);
    }
    // Rows: a deal is changed by its owner or a manager; its history names
    // who is signed in; its activities follow the deal.
    const QString dealOf = changeableDeal(roles);
    statements
        << QStringLiteral("ALTER TABLE deals ENABLE ROW LEVEL SECURITY")
        << QStringLiteral("ALTER TABLE deals FORCE ROW LEVEL SECURITY")
        << QStringLiteral("CREATE POLICY deals_seen ON deals FOR SELECT USING %1").arg(visible)
        << QStringLiteral("CREATE POLICY deals_added ON deals FOR INSERT WITH CHECK %1").arg(mayChange)
        << QStringLiteral("CREATE POLICY deals_changed ON deals FOR UPDATE USING %1 WITH CHECK %1").arg(mayChange)
        << QStringLiteral("CREATE POLICY deals_removed ON deals FOR DELETE USING %1").arg(mayChange)
        << QStringLiteral("ALTER TABLE stage_history ENABLE ROW LEVEL SECURITY")
        << QStringLiteral("ALTER TABLE stage_history FORCE ROW LEVEL SECURITY")
        << QStringLiteral("CREATE POLICY history_seen ON stage_history FOR SELECT USING "
                          "(EXISTS (SELECT 1 FROM deals d WHERE d.id = deal_id))")
        << QStringLiteral("CREATE POLICY history_added ON stage_history FOR INSERT WITH CHECK "
                          "(actor = current_user OR pg_has_role(current_user, %1, 'MEMBER'))")
               .arg(literal(roles.owner))
        << QStringLiteral("ALTER TABLE activities ENABLE ROW LEVEL SECURITY")
        << QStringLiteral("ALTER TABLE activities FORCE ROW LEVEL SECURITY")
        << QStringLiteral("CREATE POLICY activities_seen ON activities FOR SELECT USING "
                          "(EXISTS (SELECT 1 FROM deals d WHERE d.id = deal_id))")
        << QStringLiteral("CREATE POLICY activities_added ON activities FOR INSERT WITH CHECK (%1)").arg(dealOf)
        << QStringLiteral("CREATE POLICY activities_changed ON activities FOR UPDATE USING (%1) WITH CHECK (%1)")
               .arg(dealOf)
        << QStringLiteral("CREATE POLICY activities_removed ON activities FOR DELETE USING (%1)").arg(dealOf)
        << ServerSchema::teamRightsOnNotes(roles.database)
        << ServerSchema::teamRightsOnManagersTables(roles.database, ServerSchema::ManagersTablesOf5)
        << ServerSchema::teamRightsOnChangeLog(roles.database)
        << QStringLiteral("CREATE SCHEMA dealboard_team AUTHORIZATION %1").arg(admin)
        << QStringLiteral("SET LOCAL ROLE %1").arg(admin);
    for (const char* function : administrationFunctions()) {
        statements << QString::fromUtf8(function);
    }
    statements << QStringLiteral("REVOKE ALL ON ALL FUNCTIONS IN SCHEMA dealboard_team FROM PUBLIC")
               << QStringLiteral("GRANT USAGE ON SCHEMA dealboard_team TO %1, %2").arg(manager, owner)
               << QStringLiteral("GRANT EXECUTE ON FUNCTION dealboard_team.add_user(text, text, text), "
                                 "dealboard_team.set_role(text, text), dealboard_team.set_enabled(text, boolean) TO "
                                 "%1, %2")
                      .arg(manager, owner)
               << QStringLiteral("RESET ROLE") << ServerSchema::teamRightsOf7(roles.database)
               << ServerSchema::teamRightsOf8(roles.database) << ServerSchema::teamRightsOf9(roles.database)
               << ServerSchema::teamRightsOf10(roles.database) << ServerSchema::teamRightsOf11(roles.database)
               << ServerSchema::teamRightsOf12(roles.database) << ServerSchema::teamRightsOf13(roles.database)
               << ServerSchema::teamRightsOf14(roles.database) << ServerSchema::teamRightsOf15(roles.database)
               << QStringLiteral("COMMIT");
    if (Result<void> done = runAll(database, statements); !done) {
        database.rollback();
        return done;
    }
    spdlog::info("Set up the team of {}", database.path().toStdString());
    return {};
}

Result<void> store::addTeamMember(const QString& url, const QString& name, TeamRole role, const QString& password)
{
    const Result<ServerAddress> address = ServerAddress::parse(url);
    if (Result<void> named = TeamLogins::checkName(name, address ? address.value().database : QString()); !named) {
        return named;
    }
    if (password.size() < 8) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The new password is shorter than 8 characters; give a longer one."));
    }
    Result<TeamConnection> team = openAdministration(url, QStringLiteral("add users to"));
    if (!team) {
        return team.error();
    }
    Database& database = *team.value().database;
    if (roleExists(database, name)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("There is already a user '%1' on this server; choose another name.").arg(name));
    }
    PGconn* connection = PostgresBackend::of(database).handle();
    char* hashed
        = PQencryptPasswordConn(connection, password.toUtf8().constData(), name.toUtf8().constData(), "scram-sha-256");
    if (hashed == nullptr) {
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Couldn't make the password's hash: %1")
                             .arg(QString::fromUtf8(PQerrorMessage(connection)).trimmed()));
    }
    const QString hash = QString::fromLatin1(hashed);
    PQfreemem(hashed);
    if (!TeamLogins::isScramVerifier(hash)) {
        return makeError(
            ErrorCode::Storage,
            QStringLiteral("The PostgreSQL client library made a password hash that is not a SCRAM-SHA-256 "
                           "verifier; nothing was changed. Update libpq (Debian: libpq5)."));
    }
    if (Result<void> done = administer(database, QStringLiteral("add_user(?, ?, ?)"), {name, hash, roleLabel(role)},
                                       QStringLiteral("add %1 to the team").arg(name), hash);
        !done) {
        return done;
    }
    spdlog::info("Added {} ({}) to the team of {}", name.toStdString(), roleLabel(role).toStdString(),
                 database.path().toStdString());
    return {};
}

Result<std::vector<TeamMember>> store::teamMembers(const QString& url)
{
    Result<TeamConnection> team = openTeam(url);
    if (!team) {
        return team.error();
    }
    return readMembers(*team.value().database);
}

Result<std::vector<TeamMember>> DealStore::teamMembers()
{
    if (!m_team.isTeam) {
        return std::vector<TeamMember> {};
    }
    return readMembers(*m_database);
}

Result<void> store::setTeamRole(const QString& url, const QString& name, TeamRole role)
{
    Result<TeamConnection> team = openAdministration(url, QStringLiteral("change the roles of"));
    if (!team) {
        return team.error();
    }
    Database& database = *team.value().database;
    if (Result<void> done = administer(database, QStringLiteral("set_role(?, ?)"), {name, roleLabel(role)},
                                       QStringLiteral("make %1 a %2").arg(name, roleLabel(role)));
        !done) {
        return done;
    }
    spdlog::info("{} is now a {} of the team of {}", name.toStdString(), roleLabel(role).toStdString(),
                 database.path().toStdString());
    return {};
}

Result<void> store::setTeamMemberEnabled(const QString& url, const QString& name, bool enabled)
{
    Result<TeamConnection> team
        = openAdministration(url, enabled ? QStringLiteral("enable users of") : QStringLiteral("disable users of"));
    if (!team) {
        return team.error();
    }
    Database& database = *team.value().database;
    if (Result<void> done
        = administer(database, QStringLiteral("set_enabled(?, ?)"), {name, enabled},
                     (enabled ? QStringLiteral("enable %1") : QStringLiteral("disable %1")).arg(name));
        !done) {
        return done;
    }
    spdlog::info("{} {} in the team of {}", enabled ? "Enabled" : "Disabled", name.toStdString(),
                 database.path().toStdString());
    return {};
}

} // namespace dealboard
