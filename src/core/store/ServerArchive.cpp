// Version 7 on a server, continued (ServerGuard.cpp has the rules and the
// guards): the archive of deleted deals behind a member's delete and undo,
// and the contacts' rights. The rights a team's members hold are in
// ServerTeamRights.cpp.
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
        "    WHEN 'stage_stall_marks' THEN DELETE FROM stage_stall_marks WHERE stage = key1;\n"
        "    WHEN 'stage_rules' THEN DELETE FROM stage_rules WHERE requirement = key1;\n"
        "    WHEN 'quotas' THEN DELETE FROM quotas WHERE owner = key1 AND month = key2 AND currency = key3;\n"
        "    WHEN 'exchange_rates' THEN DELETE FROM exchange_rates WHERE currency = key1 AND base = key2 AND date = "
        "key3::date;\n"
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

} // namespace dealboard
