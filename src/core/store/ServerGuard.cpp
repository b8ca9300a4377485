// The server as the last line of defence (schema version 7): whatever the
// client, the server applies the pipeline's rules, derives every id, time,
// version, actor and history row, holds the limits on text and money, gives
// contacts rights, archives a deleted deal for its undo, and ends a member's
// stalled transaction. The rules are read from tables filled from the
// transition engine's own data (TransitionEngine::entryRules), so the engine
// and the server say the same thing in the same words.
//
// Who is held by all this: every user but the database's owner (and the
// server's superusers), who owns the tables and could drop any trigger; the
// owner's writes (copy, restore, the tests' set-ups) are taken as given.
#include "ServerSchema.h"
#include "SqlText.h"
#include "dealboard/DealImport.h"
#include "dealboard/Money.h"
#include "dealboard/Requirement.h"
#include "dealboard/Stage.h"
#include "dealboard/StageRules.h"
#include "dealboard/Team.h"
#include "dealboard/TextRules.h"
#include "dealboard/TransitionEngine.h"
#include "dealboard/service/NoteService.h"

namespace dealboard {

namespace {

// The pipeline's stages and rules as the server reads them.
QStringList rulesTables()
{
    const QString text = QStringLiteral("text COLLATE \"C\"");
    QStringList statements = {
        QStringLiteral("CREATE TABLE pipeline_stages (stage %1 PRIMARY KEY, name %1 NOT NULL, "
                       "position integer NOT NULL UNIQUE)")
            .arg(text),
        QStringLiteral("CREATE TABLE pipeline_requirements (requirement %1 PRIMARY KEY, phrase %1 NOT NULL)").arg(text),
        QStringLiteral("CREATE TABLE stage_requirements (stage %1 NOT NULL REFERENCES pipeline_stages(stage), "
                       "requirement %1 NOT NULL REFERENCES pipeline_requirements(requirement), "
                       "position integer NOT NULL, PRIMARY KEY (stage, requirement))")
            .arg(text),
    };
    QStringList stages;
    for (Stage stage : AllStages) {
        stages << QStringLiteral("(%1, %2, %3)")
                      .arg(literal(stageSlug(stage)), literal(stageName(stage)))
                      .arg(stageIndex(stage) + 1);
    }
    statements << QStringLiteral("INSERT INTO pipeline_stages (stage, name, position) VALUES %1")
                      .arg(stages.join(QStringLiteral(", ")));
    QStringList phrases;
    for (int code = int(Requirement::Title); code <= int(Requirement::NotWon); ++code) {
        const auto requirement = static_cast<Requirement>(code);
        phrases << QStringLiteral("(%1, %2)")
                       .arg(literal(requirementCode(requirement)), literal(requirementText(requirement)));
    }
    statements << QStringLiteral("INSERT INTO pipeline_requirements (requirement, phrase) VALUES %1")
                      .arg(phrases.join(QStringLiteral(", ")));
    QStringList rules;
    for (Stage stage : AllStages) {
        int position = 0;
        for (Requirement requirement : StageRules::none().neededIn(stage)) { // the fixed rules
            rules << QStringLiteral("(%1, %2, %3)")
                         .arg(literal(stageSlug(stage)), literal(requirementCode(requirement)))
                         .arg(++position);
        }
    }
    statements << QStringLiteral("INSERT INTO stage_requirements (stage, requirement, position) VALUES %1")
                      .arg(rules.join(QStringLiteral(", ")));
    return statements;
}

// Helpers every guard uses. dealboard_trusted() must run with the caller's
// rights (not SECURITY DEFINER): it asks who the caller is.
QStringList helpers()
{
    return {
        // The database's owner and superusers; or the server's own archive
        // functions, which run as the tables' owner and say so for their
        // transaction (nobody else runs as the tables' owner).
        QStringLiteral(
            "CREATE FUNCTION dealboard_trusted() RETURNS boolean LANGUAGE plpgsql STABLE "
            "SET search_path = pg_catalog, pg_temp AS $body$\nBEGIN RETURN ("
            "SELECT pg_has_role(session_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), "
            "'MEMBER') OR (current_setting('dealboard.trusted', true) = 'on' AND current_user = "
            "(SELECT r.rolname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE c.oid = "
            "'public.deals'::regclass))); END\n$body$"),
        // A role by name, if it exists.
        QStringLiteral("CREATE FUNCTION dealboard_role(suffix text) RETURNS oid LANGUAGE plpgsql STABLE "
                       "SET search_path = pg_catalog, pg_temp AS $body$\nBEGIN RETURN ("
                       "SELECT oid FROM pg_roles WHERE rolname = current_database() || suffix); END\n$body$"),
        // Whether a team is set up on this database.
        QStringLiteral("CREATE FUNCTION dealboard_is_team() RETURNS boolean LANGUAGE plpgsql STABLE "
                       "SET search_path = public, pg_catalog, pg_temp AS $body$\nBEGIN RETURN ("
                       "SELECT dealboard_role('_rep') IS NOT NULL); END\n$body$"),
        // A manager, the tables' owner or the database's owner.
        QStringLiteral(
            "CREATE FUNCTION dealboard_privileged(who name) RETURNS boolean LANGUAGE plpgsql STABLE "
            "SET search_path = public, pg_catalog, pg_temp AS $body$\nBEGIN RETURN ("
            "SELECT pg_has_role(who, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER') "
            "OR COALESCE(pg_has_role(who, dealboard_role('_manager'), 'MEMBER'), false) "
            "OR COALESCE(pg_has_role(who, dealboard_role('_owner'), 'MEMBER'), false)); END\n$body$"),
        // A login of the team: a member of its rep or manager role that may sign in.
        QStringLiteral("CREATE FUNCTION dealboard_is_user(who text) RETURNS boolean LANGUAGE plpgsql STABLE "
                       "SET search_path = public, pg_catalog, pg_temp AS $body$\nBEGIN RETURN ("
                       "SELECT EXISTS (SELECT 1 FROM pg_roles m JOIN pg_auth_members a ON a.member = m.oid "
                       "WHERE m.rolname = who AND m.rolcanlogin AND a.roleid IN (dealboard_role('_rep'), "
                       "dealboard_role('_manager')))); END\n$body$"),
        ServerSchema::checkTextFunction(false),
        // Empty or only spaces, Unicode's too (as QString::trimmed() sees it).
        QStringLiteral("CREATE FUNCTION dealboard_blank(value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE "
                       "SET search_path = pg_catalog, pg_temp AS $body$\nBEGIN RETURN value IS NULL OR value ~ "
                       "'^[\\s\\u00a0\\u0085\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$'; "
                       "END\n$body$"),
        // "There is no deal N" for a deal that does not exist or that the
        // caller may not see (the same words, so nothing is told).
        QStringLiteral("CREATE FUNCTION dealboard_no_deal(deal bigint) RETURNS void LANGUAGE plpgsql "
                       "SET search_path = pg_catalog, pg_temp AS $body$\n"
                       "BEGIN\n"
                       "  RAISE EXCEPTION 'There is no deal %.', deal USING ERRCODE = 'DB003';\n"
                       "END\n$body$"),
        // A deal the caller may see and change, else why not.
        QStringLiteral(
            "CREATE FUNCTION dealboard_check_deal(deal bigint, what text) RETURNS void LANGUAGE plpgsql "
            "SET search_path = public, pg_catalog, pg_temp AS $body$\n"
            "DECLARE found_owner text; found_title text;\n"
            "BEGIN\n"
            "  SELECT d.owner, d.title INTO found_owner, found_title FROM deals d WHERE d.id = deal;\n"
            "  IF NOT FOUND THEN PERFORM dealboard_no_deal(deal); END IF;\n"
            "  IF NOT dealboard_may_change_deal(found_owner, current_user) THEN\n"
            "    RAISE EXCEPTION 'Only the deal''s owner (%) or a manager can change % of ''%''.', found_owner, what,\n"
            "      found_title USING ERRCODE = '42501';\n"
            "  END IF;\n"
            "END\n$body$"),
    };
}

// Activities and notes: their ids and times, their deal one the writer may
// see, their text within the limits.
QStringList childGuards()
{
    return {
        QStringLiteral(
            "CREATE FUNCTION dealboard_guard_activity() RETURNS trigger LANGUAGE plpgsql "
            "SET search_path = public, pg_catalog, pg_temp AS $body$\n"
            "BEGIN\n"
            "  IF dealboard_trusted() THEN RETURN NEW; END IF;\n"
            "  PERFORM dealboard_check_text('subject', NEW.subject, %1, false);\n"
            "  PERFORM dealboard_check_text('text of the activity''s notes', NEW.notes, %2, true);\n"
            "  IF NEW.due_time IS NOT NULL AND NEW.due_time !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' THEN\n"
            "    RAISE EXCEPTION 'A due time is HH:MM between 00:00 and 23:59; ''%'' is not.', NEW.due_time\n"
            "      USING ERRCODE = 'DB002';\n"
            "  END IF;\n"
            "  IF NEW.due_date < DATE '1900-01-01' OR NEW.due_date > DATE '2999-12-31' THEN\n"
            "    RAISE EXCEPTION 'A due date is between 1900-01-01 and 2999-12-31; % is not.', NEW.due_date\n"
            "      USING ERRCODE = 'DB002';\n"
            "  END IF;\n"
            "  IF NEW.done NOT IN (0, 1) THEN\n"
            "    RAISE EXCEPTION 'An activity is done (1) or not (0).' USING ERRCODE = 'DB002';\n"
            "  END IF;\n"
            "  IF TG_OP = 'INSERT' THEN\n"
            "    IF NEW.id IS DISTINCT FROM pg_sequence_last_value(pg_get_serial_sequence('public.activities', 'id')) "
            "OR dealboard_id_given('activities', NEW.id) THEN\n"
            "      NEW.id := nextval(pg_get_serial_sequence('public.activities', 'id'));\n"
            "    END IF;\n"
            "    NEW.created_at := clock_timestamp();\n"
            "    NEW.done_at := CASE WHEN NEW.done = 1 THEN NEW.created_at END;\n"
            "  ELSE\n"
            "    IF NEW.id <> OLD.id THEN\n"
            "      RAISE EXCEPTION 'An activity''s id is given by the server and never changes.' USING ERRCODE = "
            "'DB002';\n"
            "    END IF;\n"
            "    NEW.created_at := OLD.created_at;\n"
            "    NEW.done_at := CASE WHEN NEW.done = 0 THEN NULL WHEN OLD.done = 1 THEN OLD.done_at "
            "ELSE clock_timestamp() END;\n"
            "  END IF;\n"
            "  IF TG_OP = 'INSERT' OR NEW.deal_id <> OLD.deal_id THEN\n"
            "    PERFORM dealboard_check_deal(NEW.deal_id, 'the activities');\n"
            "  END IF;\n"
            "  IF NEW.person_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.person_id IS DISTINCT FROM OLD.person_id) "
            "AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = NEW.person_id) THEN\n"
            "    RAISE EXCEPTION 'There is no person %.', NEW.person_id USING ERRCODE = 'DB003';\n"
            "  END IF;\n"
            "  RETURN NEW;\n"
            "END\n$body$")
            .arg(DealImport::MaxFieldLength)
            .arg(NoteService::MaxLength),
        QStringLiteral(
            "CREATE FUNCTION dealboard_guard_note() RETURNS trigger LANGUAGE plpgsql "
            "SET search_path = public, pg_catalog, pg_temp AS $body$\n"
            "BEGIN\n"
            "  IF dealboard_trusted() THEN RETURN NEW; END IF;\n"
            "  PERFORM dealboard_check_text('note', NEW.body, %1, true);\n"
            "  IF TG_OP = 'INSERT' THEN\n"
            "    IF NEW.id IS DISTINCT FROM pg_sequence_last_value(pg_get_serial_sequence('public.notes', 'id')) "
            "OR dealboard_id_given('notes', NEW.id) THEN\n"
            "      NEW.id := nextval(pg_get_serial_sequence('public.notes', 'id'));\n"
            "    END IF;\n"
            "    NEW.created_at := clock_timestamp();\n"
            "    NEW.author := session_user;\n"
            "    PERFORM dealboard_check_deal(NEW.deal_id, 'the notes');\n"
            "  ELSE\n"
            "    NEW.id := OLD.id;\n"
            "    NEW.deal_id := OLD.deal_id;\n"
            "    NEW.author := OLD.author;\n"
            "    NEW.created_at := OLD.created_at;\n"
            "  END IF;\n"
            "  RETURN NEW;\n"
            "END\n$body$")
            .arg(NoteService::MaxLength),
        // Organizations and people: ids from the server, who made them, limits.
        QStringLiteral(
            "CREATE FUNCTION dealboard_guard_contact() RETURNS trigger LANGUAGE plpgsql "
            "SET search_path = public, pg_catalog, pg_temp AS $body$\n"
            "DECLARE\n"
            "  row_json jsonb := to_jsonb(NEW);\n"
            "  field text;\n"
            "BEGIN\n"
            "  IF dealboard_trusted() THEN RETURN NEW; END IF;\n"
            "  FOREACH field IN ARRAY ARRAY['name', 'industry', 'size', 'region', 'website', 'email', 'phone', "
            "'role'] LOOP\n"
            "    PERFORM dealboard_check_text(field, row_json ->> field, %1, false);\n"
            "  END LOOP;\n"
            "  PERFORM dealboard_check_text('text of the notes', row_json ->> 'notes', %2, true);\n"
            "  IF btrim(COALESCE(row_json ->> 'email', '')) <> '' AND position('@' IN row_json ->> 'email') = 0 THEN\n"
            "    RAISE EXCEPTION '''%'' is not an email address (it has no ''@'').', row_json ->> 'email'\n"
            "      USING ERRCODE = 'DB002';\n"
            "  END IF;\n"
            "  IF btrim(NEW.name) = '' THEN\n"
            "    RAISE EXCEPTION 'A name is needed; give one.' USING ERRCODE = 'DB002';\n"
            "  END IF;\n"
            "  IF TG_TABLE_NAME = 'people' AND (row_json ->> 'organization_id') IS NOT NULL AND (TG_OP = 'INSERT' OR "
            "(row_json ->> 'organization_id') IS DISTINCT FROM (to_jsonb(OLD) ->> 'organization_id')) AND NOT EXISTS "
            "(SELECT 1 FROM organizations o WHERE o.id = (row_json ->> 'organization_id')::bigint) THEN\n"
            "    RAISE EXCEPTION 'There is no organization %.', row_json ->> 'organization_id' USING ERRCODE = "
            "'DB003';\n"
            "  END IF;\n"
            "  IF TG_OP = 'INSERT' THEN\n"
            "    IF NEW.id IS DISTINCT FROM pg_sequence_last_value(pg_get_serial_sequence('public.' || TG_TABLE_NAME, "
            "'id')) OR dealboard_id_given(TG_TABLE_NAME, NEW.id) THEN\n"
            "      NEW.id := nextval(pg_get_serial_sequence('public.' || TG_TABLE_NAME, 'id'));\n"
            "    END IF;\n"
            "    NEW.created_by := session_user;\n"
            "  ELSE\n"
            "    IF NEW.id <> OLD.id THEN\n"
            "      RAISE EXCEPTION 'An id is given by the server and never changes.' USING ERRCODE = 'DB002';\n"
            "    END IF;\n"
            "    NEW.created_by := OLD.created_by;\n"
            "  END IF;\n"
            "  RETURN NEW;\n"
            "END\n$body$")
            .arg(DealImport::MaxFieldLength)
            .arg(NoteService::MaxLength),
    };
}

// The manager's tables hold what the client lets a manager set.
QString settingGuard()
{
    return QStringLiteral(
               "CREATE FUNCTION dealboard_guard_setting() RETURNS trigger LANGUAGE plpgsql "
               "SET search_path = public, pg_catalog, pg_temp AS $body$\n"
               "DECLARE row_json jsonb := to_jsonb(NEW);\n"
               "BEGIN\n"
               "  IF dealboard_trusted() THEN RETURN NEW; END IF;\n"
               "  IF TG_TABLE_NAME = 'quotas' THEN\n"
               "    PERFORM dealboard_check_text('quota''s owner', NEW.owner, %1, false);\n"
               "    IF dealboard_blank(NEW.owner) OR NEW.currency !~ '^[A-Z]{3}$' OR NEW.amount_minor < 0 OR "
               "NEW.amount_minor > %2 THEN\n"
               "      RAISE EXCEPTION 'A quota is an owner, a currency code such as EUR and an amount between 0 and "
               "%3.' USING ERRCODE = 'DB002';\n"
               "    END IF;\n"
               "  ELSIF TG_TABLE_NAME = 'settings' THEN\n"
               "    PERFORM dealboard_check_text('setting''s name', NEW.key, 100, false);\n"
               "    PERFORM dealboard_check_text('setting', NEW.value, %1, false);\n"
               "    IF NEW.key = %4 AND NEW.value NOT IN ('team', 'own') THEN\n"
               "      RAISE EXCEPTION 'Visibility is team or own, not ''%''.', NEW.value USING ERRCODE = 'DB002';\n"
               "    END IF;\n"
               "  ELSIF TG_TABLE_NAME = 'segment_rules' THEN\n"
               "    PERFORM dealboard_check_text('tag', NEW.tag, 40, false);\n"
               "    IF dealboard_blank(NEW.tag) THEN\n"
               "      RAISE EXCEPTION 'A tag needs a word; an empty one is not kept.' USING ERRCODE = 'DB002';\n"
               "    END IF;\n"
               "  END IF;\n"
               "  RETURN NEW;\n"
               "END\n$body$")
        .arg(DealImport::MaxFieldLength)
        .arg(MaxMoneyMinor)
        .arg(formatDecimal(MaxMoneyMinor, Money::defaultCurrency())) // as installed
        .arg(literal(TeamVisibilityKey));
}

QStringList triggers()
{
    QStringList statements;
    for (const QString& table : ServerSchema::ManagersTables) {
        statements << QStringLiteral("CREATE TRIGGER guard_%1 BEFORE INSERT OR UPDATE ON %1 FOR EACH ROW EXECUTE "
                                     "FUNCTION dealboard_guard_setting()")
                          .arg(table);
    }
    return statements
        + QStringList {
            QStringLiteral("CREATE TRIGGER guard_deals BEFORE INSERT OR UPDATE ON deals FOR EACH ROW "
                           "EXECUTE FUNCTION dealboard_guard_deal()"),
            QStringLiteral("CREATE TRIGGER history_of_deals AFTER INSERT OR UPDATE ON deals FOR EACH ROW "
                           "EXECUTE FUNCTION dealboard_deal_history()"),
            QStringLiteral("CREATE TRIGGER guard_activities BEFORE INSERT OR UPDATE ON activities FOR EACH ROW "
                           "EXECUTE FUNCTION dealboard_guard_activity()"),
            QStringLiteral("CREATE TRIGGER guard_notes BEFORE INSERT OR UPDATE ON notes FOR EACH ROW "
                           "EXECUTE FUNCTION dealboard_guard_note()"),
            QStringLiteral("CREATE TRIGGER guard_organizations BEFORE INSERT OR UPDATE ON organizations FOR EACH ROW "
                           "EXECUTE FUNCTION dealboard_guard_contact()"),
            QStringLiteral("CREATE TRIGGER guard_people BEFORE INSERT OR UPDATE ON people FOR EACH ROW "
                           "EXECUTE FUNCTION dealboard_guard_contact()"),
        };
}

} // namespace

const QStringList ServerSchema::GuardTriggers = {QStringLiteral("guard_settings"),
                                                 QStringLiteral("guard_stage_goals"),
                                                 QStringLiteral("guard_segment_rules"),
                                                 QStringLiteral("guard_stage_probabilities"),
                                                 QStringLiteral("guard_quotas"),
                                                 QStringLiteral("guard_deals"),
                                                 QStringLiteral("history_of_deals"),
                                                 QStringLiteral("guard_activities"),
                                                 QStringLiteral("guard_notes"),
                                                 QStringLiteral("guard_organizations"),
                                                 QStringLiteral("guard_people"),
                                                 QStringLiteral("guard_exchange_rates"),
                                                 QStringLiteral("guard_reporting_currency"),
                                                 QStringLiteral("guard_forecast_snapshots"),
                                                 QStringLiteral("guard_stage_stall_marks"),
                                                 QStringLiteral("guard_stage_plan"),
                                                 QStringLiteral("guard_plan_ticks"),
                                                 QStringLiteral("guard_custom_fields"),
                                                 QStringLiteral("guard_deal_fields"),
                                                 QStringLiteral("deals_need_fields"),
                                                 QStringLiteral("deal_fields_touch_deal")};

QStringList ServerSchema::guardFunctionsOf8()
{
    QStringList replaced {dealGuard(), dealHistory()};
    for (QString& function : replaced) {
        function.replace(QStringLiteral("CREATE FUNCTION"), QStringLiteral("CREATE OR REPLACE FUNCTION"));
    }
    return replaced;
}

QStringList ServerSchema::upgradeTo7()
{
    QStringList statements = rulesTables();
    statements << QStringLiteral("ALTER TABLE organizations ADD COLUMN created_by text COLLATE \"C\" NOT NULL "
                                 "DEFAULT ''")
               << QStringLiteral("ALTER TABLE people ADD COLUMN created_by text COLLATE \"C\" NOT NULL DEFAULT ''")
               // No team total can overflow: the client's limit, held by the table too.
               << QStringLiteral("ALTER TABLE deals ADD CONSTRAINT deals_value_limit CHECK (value_minor <= %1) "
                                 "NOT VALID")
                      .arg(MaxMoneyMinor)
               // The change feed in commit order: each entry knows its transaction.
               << QStringLiteral("ALTER TABLE change_log ADD COLUMN xact xid8 DEFAULT pg_current_xact_id()")
               << QStringLiteral("CREATE INDEX change_log_by_xact ON change_log (xact)");
    statements << helpers() << dealGuard() << dealHistory() << childGuards() << settingGuard() << archiveStatements()
               << triggers();
    return statements;
}

// Refuses a text field the client would refuse: too long, or with a control,
// direction or invisible format character (TextRules, the same rule).
QString ServerSchema::checkTextFunction(bool orReplace)
{
    return QStringLiteral(
               "CREATE %3FUNCTION dealboard_check_text(label text, value text, longest integer, lines boolean) "
               "RETURNS void LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $body$\n"
               "DECLARE at integer;\n"
               "BEGIN\n"
               "  IF value IS NULL THEN RETURN; END IF;\n"
               "  IF char_length(value) > longest THEN\n"
               "    RAISE EXCEPTION 'The % is longer than % characters; shorten it.', label, longest\n"
               "      USING ERRCODE = 'DB002';\n"
               "  END IF;\n"
               "  at := CASE WHEN lines THEN regexp_instr(value, %1) ELSE regexp_instr(value, %2) END;\n"
               "  IF at > 0 THEN\n"
               "    RAISE EXCEPTION 'The % holds the invisible or control character U+% at character %; remove it.',\n"
               "      label, upper(lpad(to_hex(ascii(substr(value, at, 1))), greatest(4, "
               "length(to_hex(ascii(substr(value, at, 1))))), '0')), at USING ERRCODE = 'DB002';\n"
               "  END IF;\n"
               "END\n$body$")
        .arg(literal(TextRules::serverPattern(true)), literal(TextRules::serverPattern(false)),
             orReplace ? QStringLiteral("OR REPLACE ") : QString());
}

} // namespace dealboard
