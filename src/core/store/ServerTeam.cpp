// A team on a server (the store's team functions, StoreOpening.h): its roles, grants and
// row-level security, its members, and who a connection is. Role names and
// passwords cannot be bound parameters in CREATE ROLE or a policy, so they
// are quoted with the driver's own escaping; a password reaches the server
// only as a SCRAM hash made here (PQencryptPasswordConn), never in plain text.
#include "Database.h"
#include "RawQuery.h"
#include "ServerSchema.h"
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

namespace {

struct Roles
{
    QString database;
    QString rep;
    QString manager;
    QString owner;
    QString admin; // may make roles; owns only the team's administration functions
};

// The team's administration, in its own schema and owned by the "<db>_admin"
// role, the only one of the team's roles that may make roles. They run with
// that role's rights (SECURITY DEFINER) for a manager or the database's owner,
// whoever is signed in (session_user), and touch only this database's team.
// Role names come from current_database(), so the bodies name no team.
const char* const AdministrationFunctions[] = {
    R"SQL(CREATE FUNCTION dealboard_team.check_caller() RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $body$
BEGIN
    IF NOT (pg_has_role(session_user, current_database() || '_manager', 'MEMBER')
            OR pg_has_role(session_user, current_database() || '_owner', 'MEMBER')) THEN
        RAISE EXCEPTION 'only a manager or the database''s owner administers the team of %', current_database()
            USING ERRCODE = '42501';
    END IF;
END $body$)SQL",
    R"SQL(CREATE FUNCTION dealboard_team.check_member(name text) RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $body$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid
                   JOIN pg_roles m ON m.oid = a.member
                   WHERE m.rolname = name AND g.rolname IN (current_database() || '_rep',
                                                            current_database() || '_manager')) THEN
        RAISE EXCEPTION '% is not a user of the team of %', name, current_database() USING ERRCODE = '42704';
    END IF;
    IF pg_has_role(name, current_database() || '_owner', 'MEMBER') THEN
        RAISE EXCEPTION '% owns the database; the team''s administration leaves that role alone', name
            USING ERRCODE = '42501';
    END IF;
END $body$)SQL",
    R"SQL(CREATE FUNCTION dealboard_team.add_user(name text, password_hash text, team_role text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $body$
BEGIN
    PERFORM dealboard_team.check_caller();
    IF team_role NOT IN ('rep', 'manager') THEN
        RAISE EXCEPTION 'a user of the team is a rep or a manager, not %', team_role USING ERRCODE = '22023';
    END IF;
    -- SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>, each key 32 bytes in base64.
    IF password_hash IS NULL OR password_hash !~ ('^SCRAM-SHA-256\$[1-9][0-9]{0,9}:(?:[A-Za-z0-9+/]{4})*'
            || '(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)'
            || '\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$') THEN
        RAISE EXCEPTION 'a password reaches the server only as a well-formed SCRAM-SHA-256 verifier'
            USING ERRCODE = '22023';
    END IF;
    IF name IS NULL OR name !~ '^[a-z][a-z0-9_.-]{0,62}$' OR octet_length(name) > 63 THEN
        RAISE EXCEPTION '% can''t be a user''s name: use 1 to 63 lowercase letters, digits, _, . or -, from a letter',
            quote_literal(name) USING ERRCODE = '22023';
    END IF;
    IF left(name, 3) = 'pg_' OR name IN (current_database() || '_rep', current_database() || '_manager',
                                         current_database() || '_owner', current_database() || '_admin') THEN
        RAISE EXCEPTION '% can''t be a user''s name: it is PostgreSQL''s or the team''s own', quote_literal(name)
            USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
        RAISE EXCEPTION 'there is already a user % on this server', quote_literal(name) USING ERRCODE = '22023';
    END IF;
    -- The statement holds the verifier: an error names the user, never the statement.
    BEGIN
        EXECUTE format('CREATE ROLE %I LOGIN CONNECTION LIMIT 10 PASSWORD %L IN ROLE %I', name, password_hash,
                       current_database() || '_' || team_role);
    EXCEPTION WHEN OTHERS THEN
        RAISE EXCEPTION 'couldn''t make the login %: %', quote_literal(name), SQLERRM USING ERRCODE = SQLSTATE;
    END;
END $body$)SQL",
    R"SQL(CREATE FUNCTION dealboard_team.set_role(name text, team_role text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $body$
BEGIN
    PERFORM dealboard_team.check_caller();
    PERFORM dealboard_team.check_member(name);
    IF team_role NOT IN ('rep', 'manager') THEN
        RAISE EXCEPTION 'a user of the team is a rep or a manager, not %', team_role USING ERRCODE = '22023';
    END IF;
    EXECUTE format('REVOKE %I FROM %I', current_database() || CASE team_role WHEN 'rep' THEN '_manager'
                   ELSE '_rep' END, name);
    EXECUTE format('GRANT %I TO %I', current_database() || '_' || team_role, name);
END $body$)SQL",
    R"SQL(CREATE FUNCTION dealboard_team.set_enabled(name text, enabled boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $body$
BEGIN
    PERFORM dealboard_team.check_caller();
    PERFORM dealboard_team.check_member(name);
    EXECUTE format('ALTER ROLE %I %s', name, CASE WHEN enabled THEN 'LOGIN' ELSE 'NOLOGIN' END);
END $body$)SQL",
};

Roles rolesOf(const QString& database)
{
    return {database, database + QStringLiteral("_rep"), database + QStringLiteral("_manager"),
            database + QStringLiteral("_owner"), database + QStringLiteral("_admin")};
}

// Whether the signed-in user is a manager or the database's owner: in a
// policy's expression.
QString privilegedUser(const Roles& roles)
{
    return QStringLiteral("(pg_has_role(current_user, %1, 'MEMBER') OR pg_has_role(current_user, %2, 'MEMBER'))")
        .arg(literal(roles.manager), literal(roles.owner));
}

// A row that belongs to a deal (deal_id) the signed-in user may change.
QString changeableDeal(const Roles& roles)
{
    return QStringLiteral("EXISTS (SELECT 1 FROM deals d WHERE d.id = deal_id AND (d.owner = current_user OR %1))")
        .arg(privilegedUser(roles));
}

} // namespace

QString ServerSchema::addUserFunction()
{
    for (const char* function : AdministrationFunctions) {
        const QString text = QString::fromUtf8(function);
        if (text.contains(QLatin1String("dealboard_team.add_user("))) {
            return QString(text).replace(QStringLiteral("CREATE FUNCTION"),
                                         QStringLiteral("CREATE OR REPLACE FUNCTION"));
        }
    }
    return {};
}

QStringList ServerSchema::teamRightsOnNotes(const QString& database)
{
    const Roles roles = rolesOf(database);
    const QString rep = identifier(roles.rep);
    const QString manager = identifier(roles.manager);
    // Seen with the deal; added to a deal its writer may change, in their own
    // name (a manager's undo puts back a rep's); never edited by a rep;
    // removed with the deal (or by a manager).
    return {
        QStringLiteral("ALTER TABLE notes OWNER TO %1").arg(identifier(roles.owner)),
        QStringLiteral("REVOKE ALL ON notes FROM PUBLIC"),
        QStringLiteral("GRANT SELECT, INSERT ON notes TO %1, %2").arg(manager, rep),
        QStringLiteral("GRANT UPDATE, DELETE ON notes TO %1").arg(manager),
        QStringLiteral("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %1, %2").arg(manager, rep),
        QStringLiteral("ALTER TABLE notes ENABLE ROW LEVEL SECURITY"),
        QStringLiteral("ALTER TABLE notes FORCE ROW LEVEL SECURITY"),
        QStringLiteral("CREATE POLICY notes_seen ON notes FOR SELECT USING "
                       "(EXISTS (SELECT 1 FROM deals d WHERE d.id = deal_id))"),
        QStringLiteral(
            "CREATE POLICY notes_added ON notes FOR INSERT WITH CHECK (%1 AND (author = current_user OR %2))")
            .arg(changeableDeal(roles), privilegedUser(roles)),
        QStringLiteral("CREATE POLICY notes_changed ON notes FOR UPDATE USING %1 WITH CHECK %1")
            .arg(privilegedUser(roles)),
        QStringLiteral("CREATE POLICY notes_removed ON notes FOR DELETE USING %1").arg(privilegedUser(roles)),
    };
}

QStringList ServerSchema::teamRightsOnManagersTables(const QString& database, const QStringList& tables)
{
    const Roles roles = rolesOf(database);
    QStringList statements;
    for (const QString& table : tables) {
        statements << QStringLiteral("ALTER TABLE %1 OWNER TO %2").arg(table, identifier(roles.owner))
                   << QStringLiteral("REVOKE ALL ON %1 FROM PUBLIC").arg(table)
                   << QStringLiteral("GRANT SELECT ON %1 TO %2, %3")
                          .arg(table, identifier(roles.manager), identifier(roles.rep))
                   << QStringLiteral("GRANT INSERT, UPDATE, DELETE ON %1 TO %2").arg(table, identifier(roles.manager));
    }
    return statements;
}

QStringList ServerSchema::teamRightsOnChangeLog(const QString& database)
{
    const Roles roles = rolesOf(database);
    // An entry of a deal (its row, activities, notes) is seen with the deal,
    // so the reader's rights on deals decide; a removed deal's entries are a
    // manager's to read. Entries of rows everybody reads are seen by all.
    // Row-level security is enabled, not forced: the triggers' function runs
    // as the owner and writes past it; nobody else may write.
    return {
        QStringLiteral("ALTER TABLE change_log OWNER TO %1").arg(identifier(roles.owner)),
        QStringLiteral("ALTER FUNCTION dealboard_log_change() OWNER TO %1").arg(identifier(roles.owner)),
        QStringLiteral("REVOKE ALL ON change_log FROM PUBLIC"),
        QStringLiteral("GRANT SELECT ON change_log TO %1, %2").arg(identifier(roles.manager), identifier(roles.rep)),
        QStringLiteral("ALTER TABLE change_log ENABLE ROW LEVEL SECURITY"),
        QStringLiteral("CREATE POLICY change_log_seen ON change_log FOR SELECT USING "
                       "(deal_id IS NULL OR %1 OR EXISTS (SELECT 1 FROM deals d WHERE d.id = deal_id))")
            .arg(privilegedUser(roles)),
    };
}

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
    if (!database.isServer()) {
        return session;
    }
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
                                 .arg(what, database.path(), reason, database.serverAdvice(sqlState)));
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
    for (const char* function : AdministrationFunctions) {
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
    PGconn* connection = database.serverHandle();
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
