// The rights a team's members hold on a server (ServerTeam.cpp sets the
// team up): its roles, its administration functions, and the grants and
// policies each schema version adds (version 7's beside ServerGuard.cpp's
// rules and ServerArchive.cpp's archive).
#include "ServerSchema.h"
#include "ServerTeamRoles.h"
#include "SqlText.h"
#include "dealboard/Team.h"

namespace dealboard {

namespace {

// The team's administration, in its own schema and owned by the "<db>_admin"
// role, the only one of the team's roles that may make roles. They run with
// that role's rights (SECURITY DEFINER) for a manager or the database's owner,
// whoever is signed in (session_user), and touch only this database's team.
// Role names come from current_database(), so the bodies name no team.
const char* const AdministrationFunctionList[] = {
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

} // namespace

namespace teamroles {

Roles rolesOf(const QString& database)
{
    return {database, database + QStringLiteral("_rep"), database + QStringLiteral("_manager"),
            database + QStringLiteral("_owner"), database + QStringLiteral("_admin")};
}

QString privilegedUser(const Roles& roles)
{
    return QStringLiteral("(pg_has_role(current_user, %1, 'MEMBER') OR pg_has_role(current_user, %2, 'MEMBER'))")
        .arg(literal(roles.manager), literal(roles.owner));
}

QString changeableDeal(const Roles& roles)
{
    return QStringLiteral("EXISTS (SELECT 1 FROM deals d WHERE d.id = deal_id AND (d.owner = current_user OR %1))")
        .arg(privilegedUser(roles));
}

const std::vector<const char*>& administrationFunctions()
{
    static const std::vector<const char*> functions(std::begin(AdministrationFunctionList),
                                                    std::end(AdministrationFunctionList));
    return functions;
}

} // namespace teamroles

using namespace teamroles;

QString ServerSchema::addUserFunction()
{
    for (const char* function : AdministrationFunctionList) {
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

QString ServerSchema::privilegedSql(const QString& database)
{
    return QStringLiteral("(pg_has_role(session_user, %1, 'MEMBER') OR pg_has_role(session_user, %2, 'MEMBER') OR "
                          "current_user = %2)")
        .arg(literal(database + QStringLiteral("_manager")), literal(database + QStringLiteral("_owner")));
}

QStringList ServerSchema::readByAllSetByManagers(const QString& database, const QString& table, const QString& columns)
{
    const Roles roles = rolesOf(database);
    return {QStringLiteral("ALTER TABLE %1 OWNER TO %2").arg(table, identifier(roles.owner)),
            QStringLiteral("REVOKE ALL ON %1 FROM PUBLIC").arg(table),
            QStringLiteral("GRANT SELECT ON %1 TO %2, %3").arg(table, identifier(roles.rep), identifier(roles.manager)),
            QStringLiteral("GRANT INSERT, UPDATE (%1) ON %2 TO %3").arg(columns, table, identifier(roles.manager)),
            QStringLiteral("ALTER TABLE %1 ENABLE ROW LEVEL SECURITY").arg(table),
            QStringLiteral("ALTER TABLE %1 FORCE ROW LEVEL SECURITY").arg(table),
            QStringLiteral("CREATE POLICY %1_seen ON %1 FOR SELECT USING (true)").arg(table),
            QStringLiteral("CREATE POLICY %1_written ON %1 FOR ALL USING %2 WITH CHECK %2")
                .arg(table, privilegedSql(database))};
}

QStringList ServerSchema::readWithTheirDeal(const QString& database, const QString& table, const QString& inserted,
                                            const QString& updated)
{
    const Roles roles = rolesOf(database);
    const QString dealOf
        = QStringLiteral("EXISTS (SELECT 1 FROM deals d WHERE d.id = deal_id AND dealboard_may_change_deal(d.owner, "
                         "session_user))");
    return {QStringLiteral("ALTER TABLE %1 OWNER TO %2").arg(table, identifier(roles.owner)),
            QStringLiteral("REVOKE ALL ON %1 FROM PUBLIC").arg(table),
            QStringLiteral("GRANT SELECT, INSERT (%1), UPDATE (%2) ON %3 TO %4, %5")
                .arg(inserted, updated, table, identifier(roles.rep), identifier(roles.manager)),
            QStringLiteral("ALTER TABLE %1 ENABLE ROW LEVEL SECURITY").arg(table),
            QStringLiteral("ALTER TABLE %1 FORCE ROW LEVEL SECURITY").arg(table),
            QStringLiteral("CREATE POLICY %1_seen ON %1 FOR SELECT USING (EXISTS (SELECT 1 FROM deals d WHERE d.id = "
                           "deal_id))")
                .arg(table),
            QStringLiteral("CREATE POLICY %1_added ON %1 FOR INSERT WITH CHECK (%2)").arg(table, dealOf),
            QStringLiteral("CREATE POLICY %1_changed ON %1 FOR UPDATE USING (%2) WITH CHECK (%2)").arg(table, dealOf)};
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

QStringList ServerSchema::teamRightsOf7(const QString& database)
{
    const QString rep = identifier(database + QStringLiteral("_rep"));
    const QString manager = identifier(database + QStringLiteral("_manager"));
    const QString owner = identifier(database + QStringLiteral("_owner"));
    const QString admin = identifier(database + QStringLiteral("_admin"));
    const QString members = rep + QStringLiteral(", ") + manager;
    // Dropping what an older team may not have says nothing to whoever runs it.
    QStringList statements = {QStringLiteral("SET LOCAL client_min_messages = warning")};
    // Nobody but the tables' owner holds a table-wide UPDATE or DELETE on the
    // pipeline's shared tables: those are what LOCK TABLE needs to stall
    // everyone. Members update through column rights, delete a deal through
    // the server's function, and tags through theirs.
    for (const char* table : {"deals", "activities", "notes", "organizations", "people"}) {
        statements << QStringLiteral("ALTER TABLE %1 OWNER TO %2").arg(QLatin1String(table), owner)
                   << QStringLiteral("REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %1 FROM %2")
                          .arg(QLatin1String(table), members);
    }
    statements << QStringLiteral("ALTER TABLE deleted_deals OWNER TO %1").arg(owner)
               << QStringLiteral("REVOKE ALL ON deleted_deals FROM PUBLIC")
               << QStringLiteral("GRANT SELECT ON deleted_deals TO %1").arg(manager);
    // The manager's tables: column rights for the upserts, removal through
    // the server's function.
    for (const auto& [table, columns] :
         {std::pair {"settings", "value"}, std::pair {"stage_goals", "target_conversion_bp, target_median_days"},
          std::pair {"segment_rules", "min_touch_days"}, std::pair {"stage_probabilities", "percent"},
          std::pair {"quotas", "amount_minor"}}) {
        statements << QStringLiteral("REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %1 FROM %2")
                          .arg(QLatin1String(table), members)
                   << QStringLiteral("GRANT UPDATE (%1) ON %2 TO %3")
                          .arg(QLatin1String(columns), QLatin1String(table), manager);
    }
    for (const char* table : {"organization_tags", "person_tags", "stage_history", "change_counter"}) {
        statements << QStringLiteral("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %1 FROM %2")
                          .arg(QLatin1String(table), members);
    }
    for (const char* table : {"pipeline_stages", "pipeline_requirements", "stage_requirements"}) {
        statements << QStringLiteral("ALTER TABLE %1 OWNER TO %2").arg(QLatin1String(table), owner)
                   << QStringLiteral("REVOKE ALL ON %1 FROM PUBLIC").arg(QLatin1String(table))
                   << QStringLiteral("GRANT SELECT ON %1 TO %2").arg(QLatin1String(table), members);
    }
    // Column rights: every column but the id, which the server gives.
    statements << QStringLiteral("GRANT UPDATE (title, owner, stage, status, value_minor, currency, expected_close, "
                                 "willing, need, budget, lost_reason, created_at, updated_at, stage_entered_at, "
                                 "version, organization_id, person_id, origin_deal_id, probability_percent) ON deals "
                                 "TO %1")
                      .arg(members)
               << QStringLiteral("GRANT UPDATE (person_id, kind, subject, due_date, due_time, done, done_at, notes, "
                                 "deal_id) ON activities TO %1")
                      .arg(members)
               << QStringLiteral("GRANT UPDATE (body) ON notes TO %1").arg(manager)
               << QStringLiteral("GRANT UPDATE (name, industry, size, region, website, notes) ON organizations TO %1")
                      .arg(members)
               << QStringLiteral("GRANT UPDATE (name, email, phone, role, organization_id, notes) ON people TO %1")
                      .arg(members)
               << QStringLiteral("GRANT SELECT ON change_log_id_seq TO %1").arg(members);
    // The server's functions, owned by the tables' owner, for the members.
    for (const char* function : {"dealboard_trusted()",
                                 "dealboard_role(text)",
                                 "dealboard_is_team()",
                                 "dealboard_privileged(name)",
                                 "dealboard_is_user(text)",
                                 "dealboard_check_text(text, text, integer, boolean)",
                                 "dealboard_no_deal(bigint)",
                                 "dealboard_check_deal(bigint, text)",
                                 "dealboard_id_given(text, bigint)",
                                 "dealboard_may_see_contact(text, bigint, name)",
                                 "dealboard_blank(text)",
                                 "dealboard_guard_setting()",
                                 "dealboard_guard_deal()",
                                 "dealboard_deal_history()",
                                 "dealboard_guard_activity()",
                                 "dealboard_guard_note()",
                                 "dealboard_guard_contact()",
                                 "dealboard_may_change_deal(text, name)",
                                 "dealboard_may_see_deal(text, name)",
                                 "dealboard_delete_deal(bigint, bigint)",
                                 "dealboard_restore_deal(bigint)",
                                 "dealboard_may_change_contact(text, bigint, name)",
                                 "dealboard_set_tags(text, bigint, text[])"}) {
        statements << QStringLiteral("ALTER FUNCTION %1 OWNER TO %2").arg(QLatin1String(function), owner);
    }
    statements << QStringLiteral("GRANT EXECUTE ON FUNCTION dealboard_delete_deal(bigint, bigint), "
                                 "dealboard_restore_deal(bigint), dealboard_set_tags(text, bigint, text[]), "
                                 "dealboard_remove_row(text, text, text, text) TO %1")
                      .arg(members);
    // Contacts: under visibility `own` a rep sees the contacts they made and
    // those of the deals they see; changes as dealboard_may_change_contact says.
    // Who signed in decides, never a role set for the session (a manager
    // made a rep keeps no manager's right through SET ROLE); the tables'
    // owner is current_user only inside the server's own functions.
    const QString privileged = privilegedSql(database);
    const QString mayChange = QStringLiteral("(owner = session_user OR %1)").arg(privileged);
    const QString dealOf
        = QStringLiteral("EXISTS (SELECT 1 FROM deals d WHERE d.id = deal_id AND (d.owner = session_user OR %1))")
              .arg(privileged);
    const QString teamSees = QStringLiteral("COALESCE((SELECT value FROM settings WHERE key = %1), 'team') <> 'own'")
                                 .arg(literal(TeamVisibilityKey));
    const QString organizationSeen
        = QStringLiteral("(%1 OR %2 OR created_by = session_user OR EXISTS (SELECT 1 FROM deals d WHERE "
                         "d.organization_id = organizations.id) OR EXISTS (SELECT 1 FROM people p WHERE "
                         "p.organization_id = organizations.id AND p.created_by = session_user))")
              .arg(teamSees, privileged);
    const QString personSeen
        = QStringLiteral("(%1 OR %2 OR created_by = session_user OR EXISTS (SELECT 1 FROM deals d WHERE d.person_id "
                         "= people.id) OR EXISTS (SELECT 1 FROM activities a WHERE a.person_id = people.id))")
              .arg(teamSees, privileged);
    for (const char* table : {"organizations", "people", "organization_tags", "person_tags"}) {
        statements << QStringLiteral("ALTER TABLE %1 ENABLE ROW LEVEL SECURITY").arg(QLatin1String(table))
                   << QStringLiteral("ALTER TABLE %1 FORCE ROW LEVEL SECURITY").arg(QLatin1String(table));
    }
    for (const char* table : {"organizations", "people", "organization_tags", "person_tags"}) {
        for (const char* policy : {"seen", "added", "changed", "written"}) {
            statements
                << QStringLiteral("DROP POLICY IF EXISTS %1_%2 ON %1").arg(QLatin1String(table), QLatin1String(policy));
        }
    }
    statements
        << QStringLiteral("CREATE POLICY organizations_seen ON organizations FOR SELECT USING %1").arg(organizationSeen)
        << QStringLiteral("CREATE POLICY organizations_added ON organizations FOR INSERT WITH CHECK (true)")
        << QStringLiteral("CREATE POLICY organizations_changed ON organizations FOR UPDATE USING "
                          "(dealboard_may_change_contact('organizations', id, session_user)) WITH CHECK (true)")
        << QStringLiteral("CREATE POLICY people_seen ON people FOR SELECT USING %1").arg(personSeen)
        << QStringLiteral("CREATE POLICY people_added ON people FOR INSERT WITH CHECK (true)")
        << QStringLiteral("CREATE POLICY people_changed ON people FOR UPDATE USING "
                          "(dealboard_may_change_contact('people', id, session_user)) WITH CHECK (true)")
        << QStringLiteral("CREATE POLICY organization_tags_seen ON organization_tags FOR SELECT USING (EXISTS "
                          "(SELECT 1 FROM organizations o WHERE o.id = organization_id))")
        << QStringLiteral("CREATE POLICY organization_tags_written ON organization_tags FOR ALL TO %1 USING (true) "
                          "WITH CHECK (true)")
               .arg(owner)
        << QStringLiteral("CREATE POLICY person_tags_seen ON person_tags FOR SELECT USING (EXISTS "
                          "(SELECT 1 FROM people p WHERE p.id = person_id))")
        << QStringLiteral("CREATE POLICY person_tags_written ON person_tags FOR ALL TO %1 USING (true) WITH CHECK "
                          "(true)")
               .arg(owner)
        // Deals, activities and notes: the rights of version 3 and 4, decided
        // by who signed in.
        << QStringLiteral("DROP POLICY IF EXISTS deals_seen ON deals")
        << QStringLiteral("DROP POLICY IF EXISTS deals_added ON deals")
        << QStringLiteral("DROP POLICY IF EXISTS deals_changed ON deals")
        << QStringLiteral("DROP POLICY IF EXISTS deals_removed ON deals")
        << QStringLiteral("CREATE POLICY deals_seen ON deals FOR SELECT USING (%1 OR %2)").arg(mayChange, teamSees)
        << QStringLiteral("CREATE POLICY deals_added ON deals FOR INSERT WITH CHECK %1").arg(mayChange)
        << QStringLiteral("CREATE POLICY deals_changed ON deals FOR UPDATE USING %1 WITH CHECK %1").arg(mayChange)
        << QStringLiteral("CREATE POLICY deals_removed ON deals FOR DELETE USING %1").arg(mayChange)
        << QStringLiteral("DROP POLICY IF EXISTS activities_added ON activities")
        << QStringLiteral("DROP POLICY IF EXISTS activities_changed ON activities")
        << QStringLiteral("DROP POLICY IF EXISTS activities_removed ON activities")
        << QStringLiteral("CREATE POLICY activities_added ON activities FOR INSERT WITH CHECK (%1)").arg(dealOf)
        << QStringLiteral("CREATE POLICY activities_changed ON activities FOR UPDATE USING (%1) WITH CHECK (%1)")
               .arg(dealOf)
        << QStringLiteral("CREATE POLICY activities_removed ON activities FOR DELETE USING (%1)").arg(dealOf)
        << QStringLiteral("DROP POLICY IF EXISTS notes_added ON notes")
        << QStringLiteral("DROP POLICY IF EXISTS notes_changed ON notes")
        << QStringLiteral("DROP POLICY IF EXISTS notes_removed ON notes")
        << QStringLiteral("CREATE POLICY notes_added ON notes FOR INSERT WITH CHECK (%1)").arg(dealOf)
        << QStringLiteral("CREATE POLICY notes_changed ON notes FOR UPDATE USING %1 WITH CHECK %1").arg(privileged)
        << QStringLiteral("CREATE POLICY notes_removed ON notes FOR DELETE USING %1").arg(privileged);
    // The manager's tables: read by all, written by a manager (who signed in).
    for (const QString& table : ManagersTables) {
        statements
            << QStringLiteral("ALTER TABLE %1 ENABLE ROW LEVEL SECURITY").arg(table)
            << QStringLiteral("ALTER TABLE %1 FORCE ROW LEVEL SECURITY").arg(table)
            << QStringLiteral("DROP POLICY IF EXISTS %1_seen ON %1").arg(table)
            << QStringLiteral("DROP POLICY IF EXISTS %1_written ON %1").arg(table)
            << QStringLiteral("CREATE POLICY %1_seen ON %1 FOR SELECT USING (true)").arg(table)
            << QStringLiteral("CREATE POLICY %1_written ON %1 FOR ALL USING %2 WITH CHECK %2").arg(table, privileged);
    }
    statements
        // The history: read with its deal, written only by the server.
        << QStringLiteral("DROP POLICY IF EXISTS history_added ON stage_history")
        << QStringLiteral("ALTER TABLE stage_history NO FORCE ROW LEVEL SECURITY")
        // The change log's entries of contacts are read under the contacts' rights.
        << QStringLiteral("DROP POLICY change_log_seen ON change_log")
        << QStringLiteral(
               "CREATE POLICY change_log_seen ON change_log FOR SELECT USING (%1 OR (deal_id IS NOT NULL AND EXISTS "
               "(SELECT 1 FROM deals d WHERE d.id = deal_id)) OR (deal_id IS NULL AND table_name NOT IN "
               "('organizations', 'people', 'organization_tags', 'person_tags')) OR (table_name IN ('organizations', "
               "'organization_tags') AND EXISTS (SELECT 1 FROM organizations o WHERE o.id::text = "
               "split_part(row_key, '/', 1))) OR (table_name IN ('people', 'person_tags') AND EXISTS (SELECT 1 FROM "
               "people p WHERE p.id::text = split_part(row_key, '/', 1))))")
               .arg(privileged)
        // A transaction left open ends after 30 s for every ordinary
        // session; dealboard_team.end_stalled, which every board calls and
        // every write that waited, ends a member's that lifted the bound.
        << QStringLiteral("ALTER DATABASE %1 SET idle_in_transaction_session_timeout = '30s'").arg(identifier(database))
        << QStringLiteral("GRANT pg_signal_backend, pg_read_all_stats TO %1").arg(admin)
        << QStringLiteral("GRANT USAGE ON SCHEMA dealboard_team TO %1").arg(members)
        << QStringLiteral("SET LOCAL ROLE %1").arg(admin)
        << QStringLiteral(
               "CREATE OR REPLACE FUNCTION dealboard_team.end_stalled() RETURNS integer LANGUAGE plpgsql SECURITY "
               "DEFINER "
               "SET search_path = pg_catalog, pg_temp AS $body$\n"
               "DECLARE\n"
               "  stalled record;\n"
               "  ended integer := 0;\n"
               "BEGIN\n"
               "  FOR stalled IN SELECT b.pid, b.usename FROM pg_stat_activity b\n"
               "      WHERE b.datname = current_database() AND b.pid <> pg_backend_pid()\n"
               "        AND ((b.state LIKE 'idle in transaction%' AND b.xact_start < clock_timestamp() - "
               "interval '30 seconds')\n"
               "          OR (b.state = 'active' AND b.xact_start < clock_timestamp() - interval '30 seconds'\n"
               "              AND (b.wait_event = 'PgSleep' OR (b.query_start < clock_timestamp() - interval '30 "
               "seconds' AND EXISTS (SELECT 1 FROM pg_stat_activity w\n"
               "                   WHERE w.datname = current_database() AND b.pid = ANY "
               "(pg_blocking_pids(w.pid)))))))\n"
               "        AND NOT pg_has_role(b.usesysid, (SELECT datdba FROM pg_database WHERE datname = "
               "current_database()), 'MEMBER')\n"
               "        AND (pg_has_role(b.usesysid, current_database() || '_rep', 'MEMBER')\n"
               "             OR pg_has_role(b.usesysid, current_database() || '_manager', 'MEMBER'))\n"
               "  LOOP\n"
               "    RAISE LOG 'Ending the stalled session % of %: its change was left open over 30 seconds', "
               "stalled.pid, stalled.usename;\n"
               "    IF pg_terminate_backend(stalled.pid) THEN ended := ended + 1; END IF;\n"
               "  END LOOP;\n"
               "  RETURN ended;\n"
               "END\n$body$")
        << QStringLiteral(
               "CREATE OR REPLACE FUNCTION dealboard_team.set_enabled(name text, enabled boolean) RETURNS void "
               "LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $body$\n"
               "BEGIN\n"
               "  PERFORM dealboard_team.check_caller();\n"
               "  PERFORM dealboard_team.check_member(name);\n"
               "  EXECUTE format('ALTER ROLE %I %s', name, CASE WHEN enabled THEN 'LOGIN' ELSE 'NOLOGIN' END);\n"
               "  IF NOT enabled THEN\n"
               "    PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = name;\n"
               "  END IF;\n"
               "END\n$body$")
        // Who holds up a write: the oldest open change of another session.
        << QStringLiteral(
               "CREATE OR REPLACE FUNCTION dealboard_team.oldest_change() RETURNS TABLE (usename name, since text, "
               "state text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $body$\n"
               "SELECT a.usename, to_char(a.xact_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), a.state "
               "FROM pg_stat_activity a WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND "
               "a.xact_start IS NOT NULL AND a.backend_type = 'client backend' ORDER BY a.xact_start LIMIT 1\n$body$")
        << addUserFunction()
        // One member cannot take every connection the server has: at most
        // 10 each (two boards, watch and scripts), for the users made before.
        << QStringLiteral("DO $body$ DECLARE member name; BEGIN FOR member IN SELECT m.rolname FROM pg_roles m JOIN "
                          "pg_auth_members a ON a.member = m.oid JOIN pg_roles g ON g.oid = a.roleid WHERE g.rolname "
                          "IN (current_database() || '_rep', current_database() || '_manager') AND m.rolcanlogin AND "
                          "NOT m.rolsuper AND NOT pg_has_role(m.oid, current_database() || '_owner', 'MEMBER') LOOP "
                          "EXECUTE format('ALTER ROLE %I CONNECTION LIMIT 10', member); END LOOP; "
                          "END $body$")
        << QStringLiteral("RESET ROLE")
        << QStringLiteral("REVOKE ALL ON FUNCTION dealboard_team.oldest_change() FROM PUBLIC")
        << QStringLiteral("GRANT EXECUTE ON FUNCTION dealboard_team.oldest_change() TO %1, %2").arg(members, owner)
        << QStringLiteral("REVOKE ALL ON FUNCTION dealboard_team.end_stalled() FROM PUBLIC")
        << QStringLiteral("GRANT EXECUTE ON FUNCTION dealboard_team.end_stalled() TO %1, %2").arg(members, owner);
    return statements;
}

} // namespace dealboard
