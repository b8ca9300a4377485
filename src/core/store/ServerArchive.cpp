// Version 7 on a server, continued (ServerGuard.cpp has the rules and the
// guards): the archive of deleted deals behind a member's delete and undo,
// the contacts' rights, and the rights a team's members hold.
#include "ServerSchema.h"
#include "SqlText.h"
#include "dealboard/Team.h"

namespace dealboard {

namespace {

// Deletes a deal the caller may change, at the version they saw, keeping
// it whole in the archive.
QString dealDeleter()
{
    return QStringLiteral(
        "CREATE OR REPLACE FUNCTION dealboard_delete_deal(deal bigint, expected bigint) RETURNS boolean LANGUAGE "
        "plpgsql "
        "SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $body$\n"
        "DECLARE d deals%ROWTYPE;\n"
        "BEGIN\n"
        "  PERFORM dealboard_clear_marks();\n"
        "  d := dealboard_deal_for_change(deal);\n"
        "  IF d.version <> expected THEN RETURN false; END IF;\n"
        "  INSERT INTO deleted_deals (id, owner, deleted_at, deleted_by, deal, history, activities, notes)\n"
        "    VALUES (d.id, d.owner, clock_timestamp(), session_user, to_jsonb(d),\n"
        "      COALESCE((SELECT jsonb_agg(to_jsonb(h) ORDER BY h.id) FROM stage_history h WHERE h.deal_id = "
        "deal), '[]'),\n"
        "      COALESCE((SELECT jsonb_agg(to_jsonb(a) ORDER BY a.id) FROM activities a WHERE a.deal_id = deal), "
        "'[]'),\n"
        "      COALESCE((SELECT jsonb_agg(to_jsonb(n) ORDER BY n.id) FROM notes n WHERE n.deal_id = deal), "
        "'[]'))\n"
        "    ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, deleted_at = excluded.deleted_at,\n"
        "      deleted_by = excluded.deleted_by, deal = excluded.deal, history = excluded.history,\n"
        "      activities = excluded.activities, notes = excluded.notes;\n"
        "  DELETE FROM deals WHERE id = deal;\n"
        "  RETURN true;\n"
        "END\n$body$");
}

// Brings a deleted deal back under its id, for its owner or a manager.
QString dealRestorer()
{
    return QStringLiteral(
        "CREATE OR REPLACE FUNCTION dealboard_restore_deal(wanted bigint) RETURNS void LANGUAGE plpgsql SECURITY "
        "DEFINER "
        "SET search_path = public, pg_catalog, pg_temp AS $body$\n"
        "DECLARE\n"
        "  kept deleted_deals%ROWTYPE;\n"
        "  d deals%ROWTYPE;\n"
        "BEGIN\n"
        "  PERFORM dealboard_clear_marks();\n"
        "  SELECT * INTO kept FROM deleted_deals WHERE id = wanted FOR UPDATE;\n"
        "  IF NOT FOUND OR NOT dealboard_may_see_deal(kept.owner, session_user) THEN\n"
        "    RAISE EXCEPTION 'Deal % was not deleted, so there is nothing to bring back.', wanted\n"
        "      USING ERRCODE = 'DB003';\n"
        "  END IF;\n"
        "  IF NOT dealboard_may_change_deal(kept.owner, session_user) THEN\n"
        "    RAISE EXCEPTION 'Only the deal''s owner (%) or a manager can bring deal % back.', kept.owner, wanted\n"
        "      USING ERRCODE = '42501';\n"
        "  END IF;\n"
        "  IF EXISTS (SELECT 1 FROM deals WHERE id = wanted) THEN\n"
        "    RAISE EXCEPTION 'Deal % exists already; it can''t be restored twice.', wanted USING ERRCODE = "
        "'DB002';\n"
        "  END IF;\n"
        "  d := jsonb_populate_record(NULL::deals, kept.deal);\n"
        "  IF d.organization_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM organizations WHERE id = "
        "d.organization_id) THEN d.organization_id := NULL; END IF;\n"
        "  IF d.organization_id IS NOT NULL AND NOT dealboard_may_see_contact('organizations', d.organization_id, "
        "session_user) THEN d.organization_id := NULL; END IF;\n"
        "  IF d.person_id IS NOT NULL AND NOT dealboard_may_see_contact('people', d.person_id, session_user) THEN "
        "d.person_id := NULL; END IF;\n"
        "  IF d.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM people WHERE id = d.person_id) THEN "
        "d.person_id := NULL; END IF;\n"
        "  IF d.origin_deal_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deals WHERE id = d.origin_deal_id) "
        "THEN d.origin_deal_id := NULL; END IF;\n"
        "  PERFORM set_config('dealboard.trusted', 'on', true);\n"
        "  INSERT INTO deals SELECT d.*;\n"
        "  DELETE FROM stage_history WHERE deal_id = wanted;\n"
        "  INSERT INTO stage_history SELECT * FROM jsonb_populate_recordset(NULL::stage_history, kept.history);\n"
        "  INSERT INTO activities SELECT (r).* FROM (SELECT jsonb_populate_record(NULL::activities,\n"
        "      CASE WHEN e ? 'person_id' AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = (e ->> "
        "'person_id')::bigint)\n"
        "        THEN e - 'person_id' ELSE e END) AS r FROM jsonb_array_elements(kept.activities) e) s;\n"
        "  INSERT INTO notes SELECT * FROM jsonb_populate_recordset(NULL::notes, kept.notes);\n"
        "  PERFORM set_config('dealboard.trusted', '', true);\n"
        "  DELETE FROM deleted_deals WHERE id = wanted;\n"
        "END\n$body$");
}

// A deleted deal is kept, with its history, activities and notes, so that
// its undo brings it back under the same id; the server alone writes both.
QStringList archive()
{
    return {
        QStringLiteral("CREATE TABLE deleted_deals (id bigint PRIMARY KEY, owner text COLLATE \"C\" NOT NULL, "
                       "deleted_at timestamptz NOT NULL, deleted_by text COLLATE \"C\" NOT NULL, deal jsonb NOT NULL, "
                       "history jsonb NOT NULL, activities jsonb NOT NULL, notes jsonb NOT NULL)"),
        // Whether an id of that table was given before (and so is not to be given again).
        QStringLiteral("CREATE INDEX change_log_by_row ON change_log (table_name, row_key)"),
        QStringLiteral("CREATE FUNCTION dealboard_id_given(kind text, wanted bigint) RETURNS boolean LANGUAGE plpgsql "
                       "STABLE SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $body$\nBEGIN RETURN ("
                       "EXISTS (SELECT 1 FROM change_log l WHERE l.table_name = kind AND l.row_key = wanted::text) OR "
                       "(kind = 'deals' AND EXISTS (SELECT 1 FROM deleted_deals k WHERE k.id = wanted))); "
                       "END\n$body$"),
        QStringLiteral(
            "CREATE FUNCTION dealboard_may_change_deal(deal_owner text, who name) RETURNS boolean LANGUAGE plpgsql "
            "STABLE SET search_path = public, pg_catalog, pg_temp AS $body$\nBEGIN RETURN ("
            "SELECT NOT dealboard_is_team() OR deal_owner = who OR dealboard_privileged(who)); END\n$body$"),
        QStringLiteral(
            "CREATE FUNCTION dealboard_may_see_deal(deal_owner text, who name) RETURNS boolean LANGUAGE plpgsql "
            "STABLE SET search_path = public, pg_catalog, pg_temp AS $body$\nBEGIN RETURN ("
            "SELECT dealboard_may_change_deal(deal_owner, who) OR COALESCE((SELECT value FROM settings WHERE key = "
            "%1), 'team') <> 'own'); END\n$body$")
            .arg(literal(TeamVisibilityKey)),
    };
}

// Whether `who` may see the contact (visibility `own`: one they made, or
// one of their deals'), as the policies decide for the one signed in.
QString contactVisibility()
{
    return QStringLiteral(
               "CREATE FUNCTION dealboard_may_see_contact(kind text, contact bigint, who name) RETURNS boolean "
               "LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $body$\n"
               "BEGIN\n"
               "  IF NOT dealboard_is_team() OR dealboard_privileged(who) OR COALESCE((SELECT value FROM settings "
               "WHERE key = %1), 'team') <> 'own' THEN\n"
               "    RETURN true;\n"
               "  END IF;\n"
               "  IF kind = 'organizations' THEN\n"
               "    RETURN EXISTS (SELECT 1 FROM organizations o WHERE o.id = contact AND o.created_by = who)\n"
               "      OR EXISTS (SELECT 1 FROM deals d WHERE d.organization_id = contact AND d.owner = who)\n"
               "      OR EXISTS (SELECT 1 FROM people p WHERE p.organization_id = contact AND p.created_by = who);\n"
               "  END IF;\n"
               "  RETURN EXISTS (SELECT 1 FROM people p WHERE p.id = contact AND p.created_by = who)\n"
               "    OR EXISTS (SELECT 1 FROM deals d WHERE d.person_id = contact AND d.owner = who)\n"
               "    OR EXISTS (SELECT 1 FROM activities a JOIN deals d ON d.id = a.deal_id WHERE a.person_id = contact "
               "AND d.owner = who);\n"
               "END\n$body$")
        .arg(literal(TeamVisibilityKey));
}

// Whether `who` may change the contact: a manager always; a rep when every
// deal linked to it is theirs, and something is linked or they made it.
// Runs as the tables' owner so that deals the caller may not see count too.
QString contactRights()
{
    return QStringLiteral(
        "CREATE FUNCTION dealboard_may_change_contact(kind text, contact bigint, who name) RETURNS boolean "
        "LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $body$\n"
        "DECLARE\n"
        "  maker text;\n"
        "  linked boolean;\n"
        "  others boolean;\n"
        "BEGIN\n"
        "  -- It answers for the caller only (the policies ask for session_user), never about another member.\n"
        "  IF who <> session_user AND NOT dealboard_privileged(session_user) THEN RETURN false; END IF;\n"
        "  IF NOT dealboard_is_team() OR dealboard_privileged(who) THEN RETURN true; END IF;\n"
        "  IF kind = 'organizations' THEN\n"
        "    SELECT created_by INTO maker FROM organizations WHERE id = contact;\n"
        "    SELECT bool_or(true), bool_or(d.owner <> who) INTO linked, others FROM deals d\n"
        "      WHERE d.organization_id = contact;\n"
        "  ELSE\n"
        "    SELECT created_by INTO maker FROM people WHERE id = contact;\n"
        "    SELECT bool_or(true), bool_or(d.owner <> who) INTO linked, others FROM deals d\n"
        "      WHERE d.person_id = contact OR d.id IN (SELECT a.deal_id FROM activities a WHERE a.person_id = "
        "contact);\n"
        "  END IF;\n"
        "  -- One who made it, or what the team's deals alone hold (made by the database's owner or before the\n"
        "  -- team): never a contact another member made, whoever links a deal to it.\n"
        "  RETURN NOT COALESCE(others, false) AND (maker = who OR (COALESCE(linked, false) AND (maker = '' OR NOT "
        "dealboard_is_user(maker))));\n"
        "END\n$body$");
}

// The tags of a contact, set whole, under the contact's rights.
QString tagSetter()
{
    return QStringLiteral(
        "CREATE OR REPLACE FUNCTION dealboard_set_tags(kind text, contact bigint, tags text[]) RETURNS void "
        "LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $body$\n"
        "DECLARE tag text;\n"
        "BEGIN\n"
        "  PERFORM dealboard_clear_marks();\n"
        "  IF kind NOT IN ('organizations', 'people') THEN\n"
        "    RAISE EXCEPTION 'Tags belong to organizations or people, not %.', kind USING ERRCODE = '22023';\n"
        "  END IF;\n"
        "  IF NOT dealboard_may_change_contact(kind, contact, session_user) THEN\n"
        "    RAISE EXCEPTION 'Only a manager, or the rep whose deals alone it serves, can change that %.',\n"
        "      CASE kind WHEN 'people' THEN 'person' ELSE 'organization' END USING ERRCODE = '42501';\n"
        "  END IF;\n"
        "  IF cardinality(tags) > 100 THEN\n"
        "    RAISE EXCEPTION 'A contact has at most 100 tags; % is too many.', cardinality(tags) USING ERRCODE = "
        "'DB002';\n"
        "  END IF;\n"
        "  FOREACH tag IN ARRAY COALESCE(tags, '{}') LOOP\n"
        "    PERFORM dealboard_check_text('tag', tag, 40, false);\n"
        "    IF dealboard_blank(tag) THEN\n"
        "      RAISE EXCEPTION 'A tag needs a word; an empty one is not kept.' USING ERRCODE = 'DB002';\n"
        "    END IF;\n"
        "  END LOOP;\n"
        "  IF kind = 'organizations' THEN\n"
        "    DELETE FROM organization_tags WHERE organization_id = contact;\n"
        "    INSERT INTO organization_tags (organization_id, tag) SELECT DISTINCT contact, t FROM unnest(tags) t;\n"
        "  ELSE\n"
        "    DELETE FROM person_tags WHERE person_id = contact;\n"
        "    INSERT INTO person_tags (person_id, tag) SELECT DISTINCT contact, t FROM unnest(tags) t;\n"
        "  END IF;\n"
        "END\n$body$");
}

// A row of the manager's tables removed by its key, for a manager.
QString rowRemover()
{
    return QStringLiteral(
        "CREATE OR REPLACE FUNCTION dealboard_remove_row(kind text, key1 text, key2 text, key3 text) RETURNS void "
        "LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $body$\n"
        "BEGIN\n"
        "  PERFORM dealboard_clear_marks();\n"
        "  IF NOT dealboard_privileged(session_user) THEN\n"
        "    RAISE EXCEPTION 'Only a manager can change the team''s %.', replace(kind, '_', ' ') USING ERRCODE = "
        "'42501';\n"
        "  END IF;\n"
        "  CASE kind\n"
        "    WHEN 'segment_rules' THEN DELETE FROM segment_rules WHERE tag = key1;\n"
        "    WHEN 'stage_probabilities' THEN DELETE FROM stage_probabilities WHERE stage = key1;\n"
        "    WHEN 'stage_goals' THEN DELETE FROM stage_goals WHERE stage = key1;\n"
        "    WHEN 'quotas' THEN DELETE FROM quotas WHERE owner = key1 AND month = key2 AND currency = key3;\n"
        "    ELSE RAISE EXCEPTION '% holds nothing to remove this way.', kind USING ERRCODE = '22023';\n"
        "  END CASE;\n"
        "END\n$body$");
}

// The marks the server's own functions set for their transaction
// (dealboard_trusted, dealboard_undoing), cleared as each function that
// writes begins: a member who set them in their own session before the call
// gains nothing, in the function or in a trigger it sets off (a follow-up's
// origin cleared by a delete). They are not set through ALTER FUNCTION ... SET:
// PostgreSQL lets only a superuser attach a parameter of its own to a function.
QString marksClearer()
{
    return QStringLiteral("CREATE OR REPLACE FUNCTION dealboard_clear_marks() RETURNS void LANGUAGE plpgsql "
                          "SET search_path = pg_catalog, pg_temp AS $body$\n"
                          "BEGIN\n"
                          "  PERFORM set_config('dealboard.trusted', '', true);\n"
                          "  PERFORM set_config('dealboard.undoing', '', true);\n"
                          "END\n$body$");
}

// The deal, locked, if the caller may see and change it; else why not.
QString dealForChange()
{
    return QStringLiteral(
        "CREATE OR REPLACE FUNCTION dealboard_deal_for_change(wanted bigint) RETURNS deals LANGUAGE plpgsql "
        "SET search_path = public, pg_catalog, pg_temp AS $body$\n"
        "DECLARE d deals%ROWTYPE;\n"
        "BEGIN\n"
        "  SELECT * INTO d FROM deals WHERE id = wanted FOR UPDATE;\n"
        "  IF NOT FOUND OR NOT dealboard_may_see_deal(d.owner, session_user) THEN\n"
        "    PERFORM dealboard_no_deal(wanted);\n"
        "  END IF;\n"
        "  IF NOT dealboard_may_change_deal(d.owner, session_user) THEN\n"
        "    RAISE EXCEPTION 'Only the deal''s owner (%) or a manager can change ''%''.', d.owner, d.title\n"
        "      USING ERRCODE = '42501';\n"
        "  END IF;\n"
        "  RETURN d;\n"
        "END\n$body$");
}

} // namespace

QStringList ServerSchema::archiveFunctions()
{
    return {marksClearer(), dealForChange(), dealDeleter(), dealRestorer(), tagSetter(), rowRemover()};
}

const QStringList ServerSchema::ManagersTables
    = {QStringLiteral("settings"), QStringLiteral("stage_goals"), QStringLiteral("segment_rules"),
       QStringLiteral("stage_probabilities"), QStringLiteral("quotas")};

QStringList ServerSchema::archiveStatements()
{
    return archive() + QStringList {contactVisibility(), contactRights()} + archiveFunctions()
        + QStringList {
            QStringLiteral("REVOKE ALL ON FUNCTION dealboard_delete_deal(bigint, bigint) FROM PUBLIC"),
            QStringLiteral("REVOKE ALL ON FUNCTION dealboard_restore_deal(bigint) FROM PUBLIC"),
            QStringLiteral("REVOKE ALL ON FUNCTION dealboard_deal_for_change(bigint) FROM PUBLIC"),
            QStringLiteral("REVOKE ALL ON FUNCTION dealboard_set_tags(text, bigint, text[]) FROM PUBLIC"),
            QStringLiteral("REVOKE ALL ON FUNCTION dealboard_remove_row(text, text, text, text) FROM PUBLIC")};
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
    const QString privileged
        = QStringLiteral("(pg_has_role(session_user, %1, 'MEMBER') OR pg_has_role(session_user, %2, 'MEMBER') OR "
                         "current_user = %2)")
              .arg(literal(database + QStringLiteral("_manager")), literal(database + QStringLiteral("_owner")));
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
