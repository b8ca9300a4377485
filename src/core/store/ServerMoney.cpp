// Version 11 of a server's schema: money in every currency, as a file's
// version 9 (Migrations.cpp).
#include "ChangeLog.h"
#include "MinorUnits.h"
#include "Schema.h"
#include "ServerSchema.h"
#include "SqlText.h"
#include "dealboard/Team.h"
#include "dealboard/service/RateService.h"
#include "dealboard/store/SnapshotQueries.h"

namespace dealboard {

namespace {

// An exchange rate's codes and the reporting currency: three capital letters,
// and a currency the pipeline knows once it has a currencies table.
QString rateGuard()
{
    return QStringLiteral(
               "CREATE FUNCTION dealboard_guard_rate() RETURNS trigger LANGUAGE plpgsql "
               "SET search_path = public, pg_catalog, pg_temp AS $body$\n"
               "DECLARE codes text[];\n"
               "BEGIN\n"
               "  IF dealboard_trusted() THEN RETURN NEW; END IF;\n"
               "  IF TG_TABLE_NAME = 'settings' THEN\n"
               "    IF NEW.key <> %1 THEN RETURN NEW; END IF;\n"
               "    IF NEW.value !~ '^[A-Z]{3}$' THEN\n"
               "      RAISE EXCEPTION 'The reporting currency is a currency code such as EUR, not ''%''.', NEW.value "
               "USING ERRCODE = 'DB002';\n"
               "    END IF;\n"
               "    codes := ARRAY[NEW.value];\n"
               "  ELSE\n"
               "    codes := ARRAY[NEW.currency, NEW.base];\n"
               "  END IF;\n"
               "  IF to_regclass('public.currencies') IS NOT NULL THEN\n"
               "    FOR i IN 1 .. array_length(codes, 1) LOOP\n"
               "      IF NOT dealboard_known_currency(codes[i]) THEN\n"
               "        RAISE EXCEPTION '% is not a currency of ISO 4217.', codes[i] USING ERRCODE = 'DB002';\n"
               "      END IF;\n"
               "    END LOOP;\n"
               "  END IF;\n"
               "  IF TG_TABLE_NAME = 'exchange_rates' THEN\n"
               // Two writers of one pair and day, either way round, take
               // turns: the second sees the first's row.
               "    PERFORM pg_advisory_xact_lock(hashtext('dealboard rate ' || least(NEW.currency, NEW.base) || "
               "greatest(NEW.currency, NEW.base) || NEW.date::text));\n"
               "    IF EXISTS (SELECT 1 FROM exchange_rates r WHERE r.currency = NEW.base AND r.base = NEW.currency "
               "AND r.date = NEW.date) THEN\n"
               "      RAISE EXCEPTION 'A rate of % in % of % is stored already: a pair keeps one rate a day, "
               "whichever way round. Remove it first.', NEW.base, NEW.currency, NEW.date USING ERRCODE = 'DB002';\n"
               "    END IF;\n"
               "  END IF;\n"
               "  RETURN NEW;\n"
               "END\n$body$")
        .arg(literal(ReportingCurrencyKey));
}

// Whether the currencies table (read only when it exists) holds `code`.
QString knownCurrency()
{
    return QStringLiteral("CREATE FUNCTION dealboard_known_currency(wanted text) RETURNS boolean LANGUAGE plpgsql "
                          "STABLE SET search_path = public, pg_catalog, pg_temp AS $body$\n"
                          "DECLARE found boolean;\n"
                          "BEGIN\n"
                          "  EXECUTE 'SELECT EXISTS (SELECT 1 FROM currencies WHERE code = $1)' INTO found USING "
                          "wanted;\n"
                          "  RETURN found;\n"
                          "END\n$body$");
}

} // namespace

QStringList ServerSchema::upgradeTo11()
{
    QStringList statements;
    // Currencies and their minor units (the amounts rescaled).
    statements << MinorUnits::tableStatements(true) << MinorUnits::rescaleOnServer();
    // Exchange rates and the reporting currency.
    const QString text = QStringLiteral("text COLLATE \"C\"");
    statements << QStringLiteral("CREATE TABLE exchange_rates (currency %1 NOT NULL CHECK (currency ~ '^[A-Z]{3}$'), "
                                 "base %1 NOT NULL CHECK (base ~ '^[A-Z]{3}$'), date date NOT NULL, "
                                 "numerator bigint NOT NULL CHECK (numerator BETWEEN 1 AND 1000000000000000), "
                                 "denominator bigint NOT NULL CHECK (denominator BETWEEN 1 AND 1000000000000000), "
                                 "CHECK (currency <> base), PRIMARY KEY (currency, base, date))")
                      .arg(text)
               << knownCurrency() << rateGuard()
               << QStringLiteral("CREATE TRIGGER guard_exchange_rates BEFORE INSERT OR UPDATE ON exchange_rates FOR "
                                 "EACH ROW EXECUTE FUNCTION dealboard_guard_rate()")
               << QStringLiteral("CREATE TRIGGER guard_reporting_currency BEFORE INSERT OR UPDATE ON settings FOR "
                                 "EACH ROW EXECUTE FUNCTION dealboard_guard_rate()")
               << archiveFunctions(); // dealboard_remove_row removes a rate
    // Forecast snapshots.
    statements << SnapshotQueries::tableStatement(true) << SnapshotQueries::serverGuard();
    statements << ChangeLog::serverTriggersOf(11);
    return statements;
}

QStringList ServerSchema::teamRightsOf11(const QString& database)
{
    QStringList statements;
    // Currencies and their minor units.
    statements << MinorUnits::teamRights(database);
    // Exchange rates and the reporting currency: everyone reads, managers write.
    // The reporting currency is a row of the settings, a manager's table
    // already; a rate is removed through dealboard_remove_row.
    const QString owner = identifier(database + QStringLiteral("_owner"));
    const QString privileged = privilegedSql(database);
    statements << readByAllSetByManagers(database, QStringLiteral("exchange_rates"),
                                         QStringLiteral("numerator, denominator"))
               << QStringLiteral("ALTER FUNCTION dealboard_guard_rate() OWNER TO %1").arg(owner)
               << QStringLiteral("ALTER FUNCTION dealboard_known_currency(text) OWNER TO %1").arg(owner);
    // Forecast snapshots: managers take them; a line is read by whoever reads
    // the deals it sums. Under visibility `own` a rep reads their own lines,
    // not the team's nor another owner's.
    const QString teamSees = QStringLiteral("COALESCE((SELECT value FROM settings WHERE key = %1), 'team') <> 'own'")
                                 .arg(literal(TeamVisibilityKey));
    statements << SnapshotQueries::teamRights(database)
               << QStringLiteral("ALTER TABLE forecast_snapshots ENABLE ROW LEVEL SECURITY")
               << QStringLiteral("ALTER TABLE forecast_snapshots FORCE ROW LEVEL SECURITY")
               << QStringLiteral("DROP POLICY IF EXISTS forecast_snapshots_seen ON forecast_snapshots")
               << QStringLiteral("DROP POLICY IF EXISTS forecast_snapshots_taken ON forecast_snapshots")
               << QStringLiteral("CREATE POLICY forecast_snapshots_seen ON forecast_snapshots FOR SELECT USING (%1 OR "
                                 "%2 OR (owner <> '' AND owner = session_user))")
                      .arg(privileged, teamSees)
               << QStringLiteral(
                      "CREATE POLICY forecast_snapshots_taken ON forecast_snapshots FOR INSERT WITH CHECK %1")
                      .arg(privileged);
    // The change log's entries of a snapshot line follow the line: its key
    // is day/bucket/owner/currency, and neither a day nor a bucket holds a
    // slash, so the owner is what lies between the second slash and the
    // currency's last four characters. The rest as version 10 has it.
    const QString snapshotOwner
        = QStringLiteral("left(substr(substr(row_key, 12), strpos(substr(row_key, 12), '/') + 1), -4)");
    statements
        << QStringLiteral("DROP POLICY IF EXISTS change_log_seen ON change_log")
        << QStringLiteral(
               "CREATE POLICY change_log_seen ON change_log FOR SELECT USING (%1 OR (deal_id IS NOT NULL AND EXISTS "
               "(SELECT 1 FROM deals d WHERE d.id = deal_id)) OR (deal_id IS NULL AND table_name NOT IN "
               "('organizations', 'people', 'organization_tags', 'person_tags', 'contact_merges', "
               "'forecast_snapshots')) OR (table_name IN ('organizations', 'organization_tags') AND EXISTS (SELECT 1 "
               "FROM organizations o WHERE o.id::text = split_part(row_key, '/', 1))) OR (table_name IN ('people', "
               "'person_tags') AND EXISTS (SELECT 1 FROM people p WHERE p.id::text = split_part(row_key, '/', 1))) OR "
               "(table_name = 'contact_merges' AND dealboard_may_see_merge(row_key)) OR (table_name = "
               "'forecast_snapshots' AND (%2 OR (%3 <> '' AND %3 = session_user))))")
               .arg(privileged, teamSees, snapshotOwner);
    return statements;
}

} // namespace dealboard
