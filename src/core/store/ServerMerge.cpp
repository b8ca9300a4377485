// Version 10 on a server: merges of contacts. The server decides: a member
// merges and undoes through these functions only, which check with
// session_user that they may change both contacts and every deal, activity
// and person that moves, then do the whole merge as the tables' owner.
// Members hold no DELETE on organizations or people and no write on
// contact_merges. The refusals are DB001 (the client's RefusedByRules, the
// message as written), DB002 (a bad argument) and DB003 (not found).
#include "ChangeLog.h"
#include "Schema.h"
#include "ServerSchema.h"
#include "SqlText.h"

namespace dealboard {

namespace {

// A member's merge: both contacts theirs to change, every deal, activity and
// person that moves theirs to move; then the merge as a file's store does it.
QString mergeFunction()
{
    return QStringLiteral(
        "CREATE OR REPLACE FUNCTION dealboard_merge_contact(kind text, keep bigint, other bigint, note text) "
        "RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $body$\n"
        "DECLARE\n"
        "  tbl text; kept_name text; kept_notes text; other_name text; other_row jsonb; moved jsonb;\n"
        "  blocked text; joined text; merge_id bigint;\n"
        "BEGIN\n"
        "  PERFORM dealboard_clear_marks();\n"
        "  IF kind IS NULL OR kind NOT IN ('organization', 'person') THEN\n"
        "    RAISE EXCEPTION 'A merge is of two organizations or two people, not %.', kind USING ERRCODE = 'DB002';\n"
        "  END IF;\n"
        "  tbl := CASE kind WHEN 'person' THEN 'people' ELSE 'organizations' END;\n"
        "  IF keep = other THEN\n"
        "    RAISE EXCEPTION 'Can''t merge % % with itself; name two different ones, the one to keep first.', kind, "
        "keep USING ERRCODE = 'DB002';\n"
        "  END IF;\n"
        "  IF kind = 'organization' THEN\n"
        "    SELECT o.name, o.notes INTO kept_name, kept_notes FROM organizations o WHERE o.id = keep FOR UPDATE;\n"
        "  ELSE\n"
        "    SELECT p.name, p.notes INTO kept_name, kept_notes FROM people p WHERE p.id = keep FOR UPDATE;\n"
        "  END IF;\n"
        "  IF kept_name IS NULL OR NOT dealboard_may_see_contact(tbl, keep, session_user) THEN\n"
        "    RAISE EXCEPTION 'There is no % %.', kind, keep USING ERRCODE = 'DB003';\n"
        "  END IF;\n"
        "  IF kind = 'organization' THEN\n"
        "    SELECT o.name, to_jsonb(o) INTO other_name, other_row FROM organizations o WHERE o.id = other FOR "
        "UPDATE;\n"
        "  ELSE\n"
        "    SELECT p.name, to_jsonb(p) INTO other_name, other_row FROM people p WHERE p.id = other FOR UPDATE;\n"
        "  END IF;\n"
        "  IF other_name IS NULL OR NOT dealboard_may_see_contact(tbl, other, session_user) THEN\n"
        "    RAISE EXCEPTION 'There is no % %.', kind, other USING ERRCODE = 'DB003';\n"
        "  END IF;\n"
        "  IF NOT dealboard_may_change_contact(tbl, keep, session_user) THEN\n"
        "    RAISE EXCEPTION 'Can''t merge into ''%'' (id %): only a manager, or the rep who made it or whose deals "
        "alone it serves, can change it. Nothing was changed.', kept_name, keep USING ERRCODE = 'DB001';\n"
        "  END IF;\n"
        "  IF NOT dealboard_may_change_contact(tbl, other, session_user) THEN\n"
        "    RAISE EXCEPTION 'Can''t merge ''%'' (id %) away: only a manager, or the rep who made it or whose deals "
        "alone it serves, can change it. Nothing was changed.', other_name, other USING ERRCODE = 'DB001';\n"
        "  END IF;\n"
        // Every deal that would move, and for a person every activity; for
        // an organization every person.
        "  SELECT string_agg(format('''%s'' (%s''s)', d.title, d.owner), ', ' ORDER BY d.id) INTO blocked FROM deals "
        "d\n"
        "    WHERE ((kind = 'organization' AND d.organization_id = other) OR (kind = 'person' AND (d.person_id = "
        "other\n"
        "      OR d.id IN (SELECT a.deal_id FROM activities a WHERE a.person_id = other))))\n"
        "      AND NOT dealboard_may_change_deal(d.owner, session_user);\n"
        "  IF blocked IS NOT NULL THEN\n"
        "    RAISE EXCEPTION 'Can''t merge: % would move, and only a deal''s owner or a manager may move it. Nothing "
        "was changed.', blocked USING ERRCODE = 'DB001';\n"
        "  END IF;\n"
        "  IF kind = 'organization' THEN\n"
        "    SELECT string_agg(format('''%s'' (id %s)', p.name, p.id), ', ' ORDER BY p.id) INTO blocked FROM people p\n"
        "      WHERE p.organization_id = other AND NOT dealboard_may_change_contact('people', p.id, session_user);\n"
        "    IF blocked IS NOT NULL THEN\n"
        "      RAISE EXCEPTION 'Can''t merge: % would move, and only a manager or whoever may change them may move "
        "them. Nothing was changed.', blocked USING ERRCODE = 'DB001';\n"
        "    END IF;\n"
        "  END IF;\n"
        "  PERFORM dealboard_check_text('note', note, 1000, true);\n"
        "  joined := CASE WHEN kept_notes = '' OR COALESCE(note, '') = '' THEN kept_notes || COALESCE(note, '')\n"
        "    ELSE kept_notes || E'\\n\\n' || note END;\n"
        "  IF char_length(joined) > 1000 THEN\n"
        "    RAISE EXCEPTION 'The notes of ''%'' and what the merge keeps of ''%'' would pass 1000 characters; shorten "
        "the notes of one of them first. Nothing was changed.', kept_name, other_name USING ERRCODE = 'DB002';\n"
        "  END IF;\n"
        "  IF kind = 'organization' THEN\n"
        "    other_row := other_row || jsonb_build_object('tags', COALESCE((SELECT jsonb_agg(t.tag ORDER BY t.tag) "
        "FROM organization_tags t WHERE t.organization_id = other), '[]'));\n"
        "    moved := jsonb_build_object(\n"
        "      'deals', COALESCE((SELECT jsonb_agg(d.id ORDER BY d.id) FROM deals d WHERE d.organization_id = other), "
        "'[]'),\n"
        "      'activities', '[]'::jsonb,\n"
        "      'people', COALESCE((SELECT jsonb_agg(p.id ORDER BY p.id) FROM people p WHERE p.organization_id = "
        "other), '[]'),\n"
        "      'tags', COALESCE((SELECT jsonb_agg(t.tag ORDER BY t.tag) FROM organization_tags t WHERE "
        "t.organization_id = other AND t.tag NOT IN (SELECT k.tag FROM organization_tags k WHERE k.organization_id "
        "= keep)), '[]'));\n"
        "  ELSE\n"
        "    other_row := other_row || jsonb_build_object('tags', COALESCE((SELECT jsonb_agg(t.tag ORDER BY t.tag) "
        "FROM person_tags t WHERE t.person_id = other), '[]'));\n"
        "    moved := jsonb_build_object(\n"
        "      'deals', COALESCE((SELECT jsonb_agg(d.id ORDER BY d.id) FROM deals d WHERE d.person_id = other), "
        "'[]'),\n"
        "      'activities', COALESCE((SELECT jsonb_agg(a.id ORDER BY a.id) FROM activities a WHERE a.person_id = "
        "other), '[]'),\n"
        "      'people', '[]'::jsonb,\n"
        "      'tags', COALESCE((SELECT jsonb_agg(t.tag ORDER BY t.tag) FROM person_tags t WHERE t.person_id = other "
        "AND t.tag NOT IN (SELECT k.tag FROM person_tags k WHERE k.person_id = keep)), '[]'));\n"
        "  END IF;\n"
        "  PERFORM set_config('dealboard.trusted', 'on', true);\n"
        "  IF kind = 'organization' THEN\n"
        "    UPDATE deals SET organization_id = keep, version = version + 1, updated_at = clock_timestamp()\n"
        "      WHERE organization_id = other;\n"
        "    UPDATE people SET organization_id = keep WHERE organization_id = other;\n"
        "    INSERT INTO organization_tags (organization_id, tag) SELECT keep, t FROM "
        "jsonb_array_elements_text(moved -> 'tags') t;\n"
        "    UPDATE organizations SET notes = joined WHERE id = keep;\n"
        "    DELETE FROM organization_tags WHERE organization_id = other;\n"
        "    DELETE FROM organizations WHERE id = other;\n"
        "  ELSE\n"
        "    UPDATE deals SET person_id = keep, version = version + 1, updated_at = clock_timestamp()\n"
        "      WHERE person_id = other;\n"
        "    UPDATE activities SET person_id = keep WHERE person_id = other;\n"
        "    INSERT INTO person_tags (person_id, tag) SELECT keep, t FROM jsonb_array_elements_text(moved -> 'tags') "
        "t;\n"
        "    UPDATE people SET notes = joined WHERE id = keep;\n"
        "    DELETE FROM person_tags WHERE person_id = other;\n"
        "    DELETE FROM people WHERE id = other;\n"
        "  END IF;\n"
        "  INSERT INTO contact_merges (kind, keep_id, other_id, other_row, moved, keep_notes, note, merged_by, "
        "merged_at)\n"
        "    VALUES (kind, keep, other, other_row::text, moved::text, kept_notes, COALESCE(note, ''), session_user, "
        "clock_timestamp())\n"
        "    RETURNING id INTO merge_id;\n"
        "  PERFORM set_config('dealboard.trusted', '', true);\n"
        "  RETURN merge_id;\n"
        "END\n$body$");
}

// The undo: `other` back with its id, fields and tags; what moved and is
// still on the kept contact moved back; the note taken away.
QString undoFunction()
{
    return QStringLiteral(
        "CREATE OR REPLACE FUNCTION dealboard_undo_merge(wanted bigint) RETURNS void LANGUAGE plpgsql SECURITY "
        "DEFINER SET search_path = public, pg_catalog, pg_temp AS $body$\n"
        "DECLARE\n"
        "  m contact_merges%ROWTYPE; tbl text; o jsonb; mv jsonb; current_notes text; joined text; blocked text;\n"
        "  clash bigint; p people%ROWTYPE;\n"
        "BEGIN\n"
        "  PERFORM dealboard_clear_marks();\n"
        "  SELECT * INTO m FROM contact_merges WHERE id = wanted FOR UPDATE;\n"
        "  IF NOT FOUND OR (m.merged_by <> session_user AND NOT dealboard_privileged(session_user)\n"
        "      AND NOT dealboard_may_see_contact(CASE m.kind WHEN 'person' THEN 'people' ELSE 'organizations' END, "
        "m.keep_id, session_user)) THEN\n"
        "    RAISE EXCEPTION 'There is no merge %.', wanted USING ERRCODE = 'DB003';\n"
        "  END IF;\n"
        "  IF m.merged_by <> session_user AND NOT dealboard_privileged(session_user) THEN\n"
        "    RAISE EXCEPTION 'Only who merged them (%) or a manager can undo merge %. Nothing was changed.', "
        "m.merged_by, wanted USING ERRCODE = 'DB001';\n"
        "  END IF;\n"
        "  IF m.undone <> 0 THEN\n"
        "    RAISE EXCEPTION 'Merge % is undone already.', wanted USING ERRCODE = 'DB002';\n"
        "  END IF;\n"
        "  tbl := CASE m.kind WHEN 'person' THEN 'people' ELSE 'organizations' END;\n"
        "  o := m.other_row::jsonb;\n"
        "  mv := m.moved::jsonb;\n"
        "  IF m.kind = 'organization' THEN\n"
        "    SELECT notes INTO current_notes FROM organizations WHERE id = m.keep_id FOR UPDATE;\n"
        "  ELSE\n"
        "    SELECT notes INTO current_notes FROM people WHERE id = m.keep_id FOR UPDATE;\n"
        "  END IF;\n"
        "  IF current_notes IS NULL THEN\n"
        "    RAISE EXCEPTION 'Can''t undo merge %: the kept % (id %) is gone since, so what moved onto it can''t "
        "move back. Nothing was changed.', wanted, m.kind, m.keep_id USING ERRCODE = 'DB001';\n"
        "  END IF;\n"
        "  IF NOT dealboard_may_change_contact(tbl, m.keep_id, session_user) THEN\n"
        "    RAISE EXCEPTION 'Can''t undo merge %: only a manager, or the rep who made % % or whose deals alone it "
        "serves, can change it. Nothing was changed.', wanted, m.kind, m.keep_id USING ERRCODE = 'DB001';\n"
        "  END IF;\n"
        "  IF m.kind = 'organization' THEN\n"
        "    SELECT id INTO clash FROM organizations WHERE lower(name) = lower(o ->> 'name') OR id = m.other_id;\n"
        "  ELSE\n"
        "    SELECT id INTO clash FROM people WHERE id = m.other_id OR (COALESCE(o ->> 'email', '') <> '' AND "
        "lower(email) = lower(o ->> 'email'));\n"
        "  END IF;\n"
        "  IF clash IS NOT NULL THEN\n"
        "    RAISE EXCEPTION 'Can''t undo merge %: % % now has the % that ''%'' had; change it first. Nothing was "
        "changed.', wanted, m.kind, clash, CASE m.kind WHEN 'person' THEN 'email' ELSE 'name' END, o ->> 'name'\n"
        "      USING ERRCODE = 'DB001';\n"
        "  END IF;\n"
        "  SELECT string_agg(format('''%s'' (%s''s)', d.title, d.owner), ', ' ORDER BY d.id) INTO blocked FROM deals "
        "d\n"
        "    WHERE d.id IN (SELECT e::bigint FROM jsonb_array_elements_text(mv -> 'deals') e)\n"
        "      AND NOT dealboard_may_change_deal(d.owner, session_user);\n"
        "  IF blocked IS NOT NULL THEN\n"
        "    RAISE EXCEPTION 'Can''t undo merge %: % would move back, and only a deal''s owner or a manager may move "
        "it. Nothing was changed.', wanted, blocked USING ERRCODE = 'DB001';\n"
        "  END IF;\n"
        // The people of an organization move back under the merge's rule too.
        "  IF m.kind = 'organization' THEN\n"
        "    SELECT string_agg(format('''%s'' (id %s)', pp.name, pp.id), ', ' ORDER BY pp.id) INTO blocked FROM people "
        "pp\n"
        "      WHERE pp.organization_id = m.keep_id AND pp.id IN (SELECT e::bigint FROM jsonb_array_elements_text(mv "
        "-> "
        "'people') e)\n"
        "        AND NOT dealboard_may_change_contact('people', pp.id, session_user);\n"
        "    IF blocked IS NOT NULL THEN\n"
        "      RAISE EXCEPTION 'Can''t undo merge %: % would move back, and only a manager or whoever may change them "
        "may move them. Nothing was changed.', wanted, blocked USING ERRCODE = 'DB001';\n"
        "    END IF;\n"
        "  END IF;\n"
        "  joined := CASE WHEN m.keep_notes = '' OR m.note = '' THEN m.keep_notes || m.note\n"
        "    ELSE m.keep_notes || E'\\n\\n' || m.note END;\n"
        "  IF current_notes = joined THEN current_notes := m.keep_notes;\n"
        "  ELSIF m.note <> '' THEN current_notes := replace(replace(current_notes, E'\\n\\n' || m.note, ''), m.note, "
        "'');\n"
        "  END IF;\n"
        "  PERFORM set_config('dealboard.trusted', 'on', true);\n"
        "  IF m.kind = 'organization' THEN\n"
        "    INSERT INTO organizations SELECT (jsonb_populate_record(NULL::organizations, o)).*;\n"
        "    INSERT INTO organization_tags (organization_id, tag) SELECT m.other_id, t FROM "
        "jsonb_array_elements_text(COALESCE(o -> 'tags', '[]')) t;\n"
        "    UPDATE deals SET organization_id = m.other_id, version = version + 1, updated_at = clock_timestamp()\n"
        "      WHERE organization_id = m.keep_id AND id IN (SELECT e::bigint FROM jsonb_array_elements_text(mv -> "
        "'deals') e);\n"
        "    UPDATE people SET organization_id = m.other_id WHERE organization_id = m.keep_id\n"
        "      AND id IN (SELECT e::bigint FROM jsonb_array_elements_text(mv -> 'people') e);\n"
        "    DELETE FROM organization_tags WHERE organization_id = m.keep_id\n"
        "      AND tag IN (SELECT jsonb_array_elements_text(mv -> 'tags'));\n"
        "    UPDATE organizations SET notes = current_notes WHERE id = m.keep_id;\n"
        "  ELSE\n"
        "    p := jsonb_populate_record(NULL::people, o);\n"
        "    IF p.organization_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM organizations WHERE id = "
        "p.organization_id) THEN\n"
        "      p.organization_id := NULL;\n"
        "    END IF;\n"
        "    INSERT INTO people SELECT p.*;\n"
        "    INSERT INTO person_tags (person_id, tag) SELECT m.other_id, t FROM "
        "jsonb_array_elements_text(COALESCE(o -> 'tags', '[]')) t;\n"
        "    UPDATE deals SET person_id = m.other_id, version = version + 1, updated_at = clock_timestamp()\n"
        "      WHERE person_id = m.keep_id AND id IN (SELECT e::bigint FROM jsonb_array_elements_text(mv -> 'deals') "
        "e);\n"
        "    UPDATE activities SET person_id = m.other_id WHERE person_id = m.keep_id\n"
        "      AND id IN (SELECT e::bigint FROM jsonb_array_elements_text(mv -> 'activities') e);\n"
        "    DELETE FROM person_tags WHERE person_id = m.keep_id\n"
        "      AND tag IN (SELECT jsonb_array_elements_text(mv -> 'tags'));\n"
        "    UPDATE people SET notes = current_notes WHERE id = m.keep_id;\n"
        "  END IF;\n"
        "  UPDATE contact_merges SET undone = 1 WHERE id = wanted;\n"
        "  PERFORM set_config('dealboard.trusted', '', true);\n"
        "END\n$body$");
}

const char* const FunctionsOf10[]
    = {"dealboard_merge_contact(text, bigint, bigint, text)", "dealboard_undo_merge(bigint)"};

} // namespace

QStringList ServerSchema::upgradeTo10()
{
    // Whether the one reading may see the merge (under the table's own
    // rights): the change log's policy asks it of a merge's entries.
    QStringList statements {Schema::contactMergesTable(true), mergeFunction(), undoFunction(),
                            QStringLiteral("CREATE OR REPLACE FUNCTION dealboard_may_see_merge(merge text) RETURNS "
                                           "boolean LANGUAGE plpgsql STABLE SET search_path = public, pg_catalog, "
                                           "pg_temp AS $body$\nBEGIN RETURN EXISTS (SELECT 1 FROM contact_merges m "
                                           "WHERE m.id::text = merge); END\n$body$")};
    statements << ChangeLog::serverTriggersOf(10);
    for (const char* function : FunctionsOf10) {
        statements << QStringLiteral("REVOKE ALL ON FUNCTION %1 FROM PUBLIC").arg(QLatin1String(function));
    }
    return statements;
}

QStringList ServerSchema::teamRightsOf10(const QString& database)
{
    const QString owner = identifier(database + QStringLiteral("_owner"));
    const QString members = identifier(database + QStringLiteral("_rep")) + QStringLiteral(", ")
        + identifier(database + QStringLiteral("_manager"));
    QStringList statements = {
        QStringLiteral("ALTER TABLE contact_merges OWNER TO %1").arg(owner),
        QStringLiteral("REVOKE ALL ON contact_merges FROM PUBLIC"),
        // Read by who merged and by managers; written by the functions only.
        QStringLiteral("GRANT SELECT ON contact_merges TO %1").arg(members),
        QStringLiteral("ALTER TABLE contact_merges ENABLE ROW LEVEL SECURITY"),
        QStringLiteral("CREATE POLICY contact_merges_seen ON contact_merges FOR SELECT USING (merged_by = "
                       "session_user OR dealboard_privileged(session_user))"),
        // The functions run as the tables' owner, who alone removes a
        // contact folded away and puts it back.
        QStringLiteral("CREATE POLICY organizations_merged ON organizations FOR ALL TO %1 USING (true) WITH CHECK "
                       "(true)")
            .arg(owner),
        QStringLiteral("CREATE POLICY people_merged ON people FOR ALL TO %1 USING (true) WITH CHECK (true)").arg(owner),
    };
    // The change log's entry of a merge is read by whoever may read the
    // merge itself; the rest as version 7 has it.
    const QString privileged = privilegedSql(database);
    statements
        << QStringLiteral("DROP POLICY IF EXISTS change_log_seen ON change_log")
        << QStringLiteral(
               "CREATE POLICY change_log_seen ON change_log FOR SELECT USING (%1 OR (deal_id IS NOT NULL AND EXISTS "
               "(SELECT 1 FROM deals d WHERE d.id = deal_id)) OR (deal_id IS NULL AND table_name NOT IN "
               "('organizations', 'people', 'organization_tags', 'person_tags', 'contact_merges')) OR (table_name IN "
               "('organizations', 'organization_tags') AND EXISTS (SELECT 1 FROM organizations o WHERE o.id::text = "
               "split_part(row_key, '/', 1))) OR (table_name IN ('people', 'person_tags') AND EXISTS (SELECT 1 FROM "
               "people p WHERE p.id::text = split_part(row_key, '/', 1))) OR (table_name = 'contact_merges' AND "
               "dealboard_may_see_merge(row_key)))")
               .arg(privileged);
    for (const char* function : FunctionsOf10) {
        statements << QStringLiteral("ALTER FUNCTION %1 OWNER TO %2").arg(QLatin1String(function), owner);
    }
    statements << QStringLiteral("GRANT EXECUTE ON FUNCTION %1, %2 TO %3")
                      .arg(QLatin1String(FunctionsOf10[0]), QLatin1String(FunctionsOf10[1]), members);
    return statements;
}

} // namespace dealboard
