// Version 8 on a server: undo that undoes. A member writes neither history
// nor a deal's stage-entered time, so the undo of a step is the server's own
// function, which takes back only the deal's latest step that still stands,
// only for whoever took it, only while the deal is as that step left it, and
// puts back exactly what the step's history row says was there before. A
// note's delete and its undo go through the server's archive, as a deal's do.
#include "Schema.h"
#include "ServerSchema.h"
#include "SqlText.h"

namespace dealboard {

namespace {

// Whether the deal's update comes from dealboard_undo_step, which alone may
// put back a stage-entered time: only the tables' owner (inside the server's
// own functions) counts the mark, as dealboard_trusted() does.
QString undoingHelper()
{
    return QStringLiteral("CREATE OR REPLACE FUNCTION dealboard_undoing() RETURNS boolean LANGUAGE plpgsql STABLE "
                          "SET search_path = pg_catalog, pg_temp AS $body$\nBEGIN RETURN ("
                          "current_setting('dealboard.undoing', true) = 'on' AND current_user = "
                          "(SELECT r.rolname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE c.oid = "
                          "'public.deals'::regclass)); END\n$body$");
}

QString undoStep()
{
    return QStringLiteral(
        "CREATE OR REPLACE FUNCTION dealboard_undo_step(deal bigint, step bigint) RETURNS bigint LANGUAGE plpgsql "
        "SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $body$\n"
        "DECLARE\n"
        "  d deals%ROWTYPE;\n"
        "  h stage_history%ROWTYPE;\n"
        "  latest bigint;\n"
        "  newest bigint;\n"
        "  undo_row bigint;\n"
        "BEGIN\n"
        // Marks a member set in their own session before the call gain nothing.
        "  PERFORM dealboard_clear_marks();\n"
        "  d := dealboard_deal_for_change(deal);\n"
        "  SELECT * INTO h FROM stage_history WHERE id = step AND deal_id = deal;\n"
        "  IF NOT FOUND OR h.from_stage IS NULL OR h.undoes IS NOT NULL THEN\n"
        "    RAISE EXCEPTION '''%'' has no step % to undo.', d.title, step USING ERRCODE = 'DB003';\n"
        "  END IF;\n"
        "  IF h.actor <> session_user THEN\n"
        "    RAISE EXCEPTION 'Can''t undo that step of ''%'': % took it, and only they can undo it.', d.title, "
        "h.actor\n"
        "      USING ERRCODE = '42501';\n"
        "  END IF;\n"
        "  IF h.undone <> 0 THEN\n"
        "    RAISE EXCEPTION 'That step of ''%'' is undone already.', d.title USING ERRCODE = 'DB001';\n"
        "  END IF;\n"
        "  SELECT max(s.id) INTO latest FROM stage_history s WHERE s.deal_id = deal AND s.undone = 0 AND s.undoes "
        "IS NULL;\n"
        "  IF latest <> step OR d.stage <> h.to_stage OR d.status <> h.to_status THEN\n"
        "    RAISE EXCEPTION 'Can''t undo that step of ''%'': it has changed stage or status since.', d.title\n"
        "      USING ERRCODE = 'DB001';\n"
        "  END IF;\n"
        // A step of an older DealBoard does not say when the deal had entered
        // the stage it left.
        "  IF h.entered_before IS NULL THEN\n"
        "    RAISE EXCEPTION 'Can''t undo that step of ''%'': it was recorded before undo could restore a deal "
        "exactly. %', d.title,\n"
        "      CASE WHEN h.to_status = 'lost' AND h.from_status <> 'lost' THEN 'Reopen it by hand (its days in stage "
        "start again).'\n"
        "        WHEN h.from_status = 'lost' AND h.to_status <> 'lost' THEN 'Mark it lost again by hand.'\n"
        "        ELSE format('Move it back to %s by hand (its days in stage start again).', (SELECT name FROM "
        "pipeline_stages WHERE stage = h.from_stage)) END\n"
        "      USING ERRCODE = 'DB001';\n"
        "  END IF;\n"
        "  SELECT max(s.id) INTO newest FROM stage_history s WHERE s.deal_id = deal;\n"
        "  PERFORM set_config('dealboard.undoing', 'on', true);\n"
        "  UPDATE deals SET stage = h.from_stage, status = h.from_status, stage_entered_at = h.entered_before,\n"
        "    lost_reason = CASE WHEN h.from_status = 'lost' THEN COALESCE(h.reason_before, '') ELSE '' END\n"
        "    WHERE id = deal;\n"
        "  PERFORM set_config('dealboard.undoing', '', true);\n"
        // The history trigger wrote the undo's row for a member; the
        // database's owner writes their own history, so it is written here.
        "  SELECT max(s.id) INTO undo_row FROM stage_history s WHERE s.deal_id = deal AND s.id > newest;\n"
        "  IF undo_row IS NULL THEN\n"
        "    INSERT INTO stage_history (deal_id, from_stage, to_stage, from_status, to_status, at, actor, "
        "entered_before, reason_before)\n"
        "      VALUES (deal, h.to_stage, h.from_stage, h.to_status, h.from_status, clock_timestamp(), session_user,\n"
        "        d.stage_entered_at, CASE WHEN d.status = 'lost' THEN d.lost_reason END) RETURNING id INTO undo_row;\n"
        "  END IF;\n"
        "  UPDATE stage_history SET undoes = step WHERE id = undo_row;\n"
        "  UPDATE stage_history SET undone = 1 WHERE id = step;\n"
        "  RETURN undo_row;\n"
        "END\n$body$");
}

// A member's redo: the undone step taken again exactly as it was, by whoever
// took it, while the deal is as the step's undo left it. The deal is in its
// stage since when it was right after the step; the step stands again, its
// undo is marked undone, and the redo's own row undoes the undo.
QString redoStep()
{
    return QStringLiteral(
        "CREATE OR REPLACE FUNCTION dealboard_redo_step(deal bigint, step bigint) RETURNS bigint LANGUAGE plpgsql "
        "SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $body$\n"
        "DECLARE\n"
        "  d deals%ROWTYPE;\n"
        "  h stage_history%ROWTYPE;\n"
        "  u stage_history%ROWTYPE;\n"
        "  newest bigint;\n"
        "  redo_row bigint;\n"
        "BEGIN\n"
        "  PERFORM dealboard_clear_marks();\n"
        "  d := dealboard_deal_for_change(deal);\n"
        "  SELECT * INTO h FROM stage_history WHERE id = step AND deal_id = deal;\n"
        "  IF NOT FOUND OR h.from_stage IS NULL OR h.undoes IS NOT NULL THEN\n"
        "    RAISE EXCEPTION '''%'' has no step % to redo.', d.title, step USING ERRCODE = 'DB003';\n"
        "  END IF;\n"
        "  IF h.actor <> session_user THEN\n"
        "    RAISE EXCEPTION 'Can''t redo that step of ''%'': % took it, and only they can redo it.', d.title, "
        "h.actor\n"
        "      USING ERRCODE = '42501';\n"
        "  END IF;\n"
        "  SELECT * INTO u FROM stage_history s WHERE s.undoes = step AND s.undone = 0 ORDER BY s.id DESC LIMIT 1;\n"
        "  IF h.undone = 0 OR u.id IS NULL THEN\n"
        "    RAISE EXCEPTION 'Can''t redo that step of ''%'': it is not undone, so there is nothing to redo.', "
        "d.title\n"
        "      USING ERRCODE = 'DB001';\n"
        "  END IF;\n"
        "  IF d.stage <> u.to_stage OR d.status <> u.to_status OR EXISTS (SELECT 1 FROM stage_history s WHERE "
        "s.deal_id = deal AND s.id > u.id AND s.undone = 0 AND s.undoes IS NULL) THEN\n"
        "    RAISE EXCEPTION 'Can''t redo that step of ''%'': it has changed stage or status since.', d.title\n"
        "      USING ERRCODE = 'DB001';\n"
        "  END IF;\n"
        "  SELECT max(s.id) INTO newest FROM stage_history s WHERE s.deal_id = deal;\n"
        "  PERFORM set_config('dealboard.undoing', 'on', true);\n"
        "  UPDATE deals SET stage = h.to_stage, status = h.to_status, stage_entered_at = u.entered_before,\n"
        "    lost_reason = CASE WHEN h.to_status = 'lost' THEN COALESCE(u.reason_before, '') ELSE '' END\n"
        "    WHERE id = deal;\n"
        "  PERFORM set_config('dealboard.undoing', '', true);\n"
        "  SELECT max(s.id) INTO redo_row FROM stage_history s WHERE s.deal_id = deal AND s.id > newest;\n"
        "  IF redo_row IS NULL THEN\n"
        "    INSERT INTO stage_history (deal_id, from_stage, to_stage, from_status, to_status, at, actor, "
        "entered_before, reason_before)\n"
        "      VALUES (deal, u.to_stage, h.to_stage, u.to_status, h.to_status, clock_timestamp(), session_user,\n"
        "        d.stage_entered_at, CASE WHEN d.status = 'lost' THEN d.lost_reason END) RETURNING id INTO redo_row;\n"
        "  END IF;\n"
        "  UPDATE stage_history SET undoes = u.id WHERE id = redo_row;\n"
        "  UPDATE stage_history SET undone = 1 WHERE id = u.id;\n"
        "  UPDATE stage_history SET undone = 0 WHERE id = step;\n"
        "  RETURN redo_row;\n"
        "END\n$body$");
}

// A note deleted by a member is kept, so that its undo brings it back with
// its id, author and time; the author or a manager deletes it.
QStringList noteFunctions()
{
    return {
        QStringLiteral(
            "CREATE OR REPLACE FUNCTION dealboard_delete_note(wanted bigint) RETURNS void LANGUAGE plpgsql "
            "SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $body$\n"
            "DECLARE n notes%ROWTYPE; d deals%ROWTYPE;\n"
            "BEGIN\n"
            "  PERFORM dealboard_clear_marks();\n"
            "  SELECT * INTO n FROM notes WHERE id = wanted FOR UPDATE;\n"
            "  IF FOUND THEN SELECT * INTO d FROM deals WHERE id = n.deal_id; END IF;\n"
            "  IF n.id IS NULL OR d.id IS NULL OR NOT dealboard_may_see_deal(d.owner, session_user) THEN\n"
            "    RAISE EXCEPTION 'There is no note %.', wanted USING ERRCODE = 'DB003';\n"
            "  END IF;\n"
            "  IF NOT dealboard_may_change_deal(d.owner, session_user) OR (n.author <> session_user AND NOT "
            "dealboard_privileged(session_user)) THEN\n"
            "    RAISE EXCEPTION 'Only who wrote the note (%) or a manager can delete it.', n.author\n"
            "      USING ERRCODE = '42501';\n"
            "  END IF;\n"
            "  INSERT INTO deleted_notes (id, deal_id, deleted_by, note) VALUES (n.id, n.deal_id, session_user, "
            "to_jsonb(n))\n"
            "    ON CONFLICT (id) DO UPDATE SET deal_id = excluded.deal_id, deleted_by = excluded.deleted_by, "
            "note = excluded.note;\n"
            "  DELETE FROM notes WHERE id = wanted;\n"
            "END\n$body$"),
        QStringLiteral(
            "CREATE OR REPLACE FUNCTION dealboard_restore_note(wanted bigint) RETURNS void LANGUAGE plpgsql "
            "SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $body$\n"
            "DECLARE kept deleted_notes%ROWTYPE; d deals%ROWTYPE;\n"
            "BEGIN\n"
            "  PERFORM dealboard_clear_marks();\n"
            "  SELECT * INTO kept FROM deleted_notes WHERE id = wanted FOR UPDATE;\n"
            "  IF FOUND THEN SELECT * INTO d FROM deals WHERE id = kept.deal_id; END IF;\n"
            "  IF kept.id IS NULL OR d.id IS NULL OR NOT dealboard_may_see_deal(d.owner, session_user) THEN\n"
            "    RAISE EXCEPTION 'Note % was not deleted, so there is nothing to bring back.', wanted\n"
            "      USING ERRCODE = 'DB003';\n"
            "  END IF;\n"
            "  IF NOT dealboard_may_change_deal(d.owner, session_user) OR (kept.deleted_by <> session_user AND NOT "
            "dealboard_privileged(session_user)) THEN\n"
            "    RAISE EXCEPTION 'Only who deleted the note (%) or a manager can bring it back.', kept.deleted_by\n"
            "      USING ERRCODE = '42501';\n"
            "  END IF;\n"
            "  PERFORM set_config('dealboard.trusted', 'on', true);\n"
            "  INSERT INTO notes SELECT * FROM jsonb_populate_record(NULL::notes, kept.note);\n"
            "  PERFORM set_config('dealboard.trusted', '', true);\n"
            "  DELETE FROM deleted_notes WHERE id = wanted;\n"
            "END\n$body$"),
    };
}

QStringList noteArchive()
{
    return QStringList {QStringLiteral("CREATE TABLE deleted_notes (id bigint PRIMARY KEY, deal_id bigint NOT NULL, "
                                       "deleted_by text COLLATE \"C\" NOT NULL, note jsonb NOT NULL)")}
    + noteFunctions();
}

const char* const FunctionsOf8[] = {"dealboard_undoing()", "dealboard_undo_step(bigint, bigint)",
                                    "dealboard_delete_note(bigint)", "dealboard_restore_note(bigint)"};

} // namespace

QStringList ServerSchema::upgradeTo8()
{
    QStringList statements
        = Schema::historyUndoColumns(QStringLiteral("timestamptz"), QStringLiteral("text COLLATE \"C\""));
    statements << undoingHelper() << guardFunctionsOf8() << undoStep() << noteArchive();
    // The rule also refuses what hides text beyond direction marks (tag
    // characters, fillers), so a server of version 7 takes it on.
    statements << checkTextFunction(true);
    // dealboard_undoing() asks who the caller is, so every guard may call it;
    // the others act as the tables' owner, for the team's members only.
    for (const char* function : FunctionsOf8) {
        if (qstrcmp(function, "dealboard_undoing()") != 0) {
            statements << QStringLiteral("REVOKE ALL ON FUNCTION %1 FROM PUBLIC").arg(QLatin1String(function));
        }
    }
    return statements;
}

QStringList ServerSchema::teamRightsOf8(const QString& database)
{
    const QString owner = identifier(database + QStringLiteral("_owner"));
    const QString members = identifier(database + QStringLiteral("_rep")) + QStringLiteral(", ")
        + identifier(database + QStringLiteral("_manager"));
    QStringList statements = {QStringLiteral("ALTER TABLE deleted_notes OWNER TO %1").arg(owner),
                              QStringLiteral("REVOKE ALL ON deleted_notes FROM PUBLIC")};
    for (const char* function : FunctionsOf8) {
        statements << QStringLiteral("ALTER FUNCTION %1 OWNER TO %2").arg(QLatin1String(function), owner);
    }
    statements << QStringLiteral("GRANT EXECUTE ON FUNCTION dealboard_undo_step(bigint, bigint), "
                                 "dealboard_delete_note(bigint), dealboard_restore_note(bigint) TO %1")
                      .arg(members);
    return statements;
}

QStringList ServerSchema::upgradeTo9()
{
    QStringList statements = archiveFunctions();
    // The text rule grew: every character that shows as nothing is refused.
    // A blank title is refused in words of its own.
    statements << checkTextFunction(true) << guardFunctionsOf8();
    statements << undoStep() << redoStep() << noteFunctions()
               << QStringLiteral("REVOKE ALL ON FUNCTION dealboard_deal_for_change(bigint) FROM PUBLIC")
               << QStringLiteral("REVOKE ALL ON FUNCTION dealboard_redo_step(bigint, bigint) FROM PUBLIC");
    return statements;
}

QStringList ServerSchema::teamRightsOf9(const QString& database)
{
    const QString owner = identifier(database + QStringLiteral("_owner"));
    QStringList statements;
    for (const char* function :
         {"dealboard_clear_marks()", "dealboard_deal_for_change(bigint)", "dealboard_redo_step(bigint, bigint)"}) {
        statements << QStringLiteral("ALTER FUNCTION %1 OWNER TO %2").arg(QLatin1String(function), owner);
    }
    statements << QStringLiteral("GRANT EXECUTE ON FUNCTION dealboard_redo_step(bigint, bigint) TO %1, %2")
                      .arg(identifier(database + QStringLiteral("_rep")),
                           identifier(database + QStringLiteral("_manager")));
    return statements;
}

} // namespace dealboard
