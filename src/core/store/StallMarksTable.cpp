// Version 12 of a file's and a server's schema: the stall mark a manager
// chooses per stage (fixed days or learned from the team's history), and
// how long the team's deals stayed in each stage, read for the learned ones.
#include "ChangeLog.h"
#include "Database.h"
#include "KeyedRows.h"
#include "PostgresBackend.h"
#include "RawQuery.h"
#include "Schema.h"
#include "ServerSchema.h"
#include "SqlText.h"
#include "SqliteBackend.h"
#include "dealboard/StallMarks.h"
#include "dealboard/StoredTime.h"
#include "dealboard/store/ReportQueries.h"

#include <QStringList>

namespace dealboard {

Result<void> Schema::migrateTo12()
{
    return m_database.execute(
        QStringLiteral("CREATE TABLE stage_stall_marks ("
                       " stage TEXT PRIMARY KEY CHECK (%1),"
                       " learned INTEGER NOT NULL DEFAULT 0 CHECK (learned = 0 OR learned = 1),"
                       " days INTEGER CHECK (days IS NULL OR (typeof(days) = 'integer' AND days BETWEEN 0 AND %2)))")
            .arg(stageSlugComparisons())
            .arg(StallMarks::MaximumDays));
}

QByteArray SqliteBackend::stageStaysQuery() const
{
    // Each stay that ended by a move out of its stage in the window: from
    // the time the deal had entered the stage (the row's own record of it,
    // else the deal's step before) to the move. Steps taken back, and
    // undos, do not count. The stays are ranked per stage and the nearest
    // rank of the percentile kept.
    // The step before is looked up (through history_by_deal) only for the
    // moves in the window, and only where the row does not say.
    return QByteArray(
               "WITH stays AS (SELECT h.from_stage AS stage, h.deal_id AS deal, CAST(julianday(h.at) - "
               "julianday(coalesce("
               "h.entered_before, (SELECT p.at FROM stage_history p WHERE p.deal_id = h.deal_id AND p.id < h.id AND "
               "p.undone = 0 AND p.undoes IS NULL ORDER BY p.id DESC LIMIT 1))) AS INTEGER) AS days "
               "FROM stage_history h WHERE h.undone = 0 AND h.undoes IS NULL AND h.from_stage IS NOT NULL AND "
               "h.from_stage <> h.to_stage AND julianday(h.at) >= julianday(?1) AND julianday(h.at) <= "
               "julianday(?2)), "
               "ranked AS (SELECT stage, days, row_number() OVER (PARTITION BY stage ORDER BY days) AS r, count(*) "
               "OVER (PARTITION BY stage) AS n FROM stays WHERE days >= 0) "
               "SELECT stage, (SELECT count(DISTINCT deal) FROM stays s WHERE s.stage = ranked.stage AND s.days >= "
               "0), days, n FROM ranked WHERE r = (n * ")
        + QByteArray::number(StallMarks::Percentile) + " + 99) / 100";
}

QByteArray PostgresBackend::stageStaysQuery() const
{
    // Through the server's function: it reads every deal's history (a rep
    // may see only their own) and gives the figures only.
    return "SELECT stage, deals, percentile_days, stays FROM dealboard_stage_stays(?::timestamptz, "
           "?::timestamptz)";
}

QStringList ServerSchema::upgradeTo12()
{
    const QString text = QStringLiteral("text COLLATE \"C\"");
    return QStringList {
               QStringLiteral("CREATE TABLE stage_stall_marks (stage %1 PRIMARY KEY CHECK (stage IN %2), "
                              "learned integer NOT NULL DEFAULT 0 CHECK (learned IN (0, 1)), "
                              "days integer CHECK (days BETWEEN 0 AND %3))")
                   .arg(text, stageSlugList())
                   .arg(StallMarks::MaximumDays),
               QStringLiteral("CREATE TRIGGER guard_stage_stall_marks BEFORE INSERT OR UPDATE ON stage_stall_marks "
                              "FOR EACH ROW EXECUTE FUNCTION dealboard_guard_setting()"),
               QStringLiteral(
                   "CREATE OR REPLACE FUNCTION dealboard_stage_stays(since timestamptz, until timestamptz) RETURNS "
                   "TABLE (stage text, deals bigint, percentile_days integer, stays bigint) LANGUAGE sql STABLE "
                   "SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $body$\n"
                   "  SELECT s.stage, count(DISTINCT s.deal_id), (percentile_disc(%1) WITHIN GROUP (ORDER BY "
                   "s.days))::integer, count(*)\n"
                   "  FROM (SELECT h.from_stage AS stage, h.deal_id, h.at AS left_at,\n"
                   "          floor(extract(epoch FROM h.at - coalesce(h.entered_before, h.previous)) / "
                   "86400)::integer "
                   "AS days\n"
                   "        FROM (SELECT *, lag(at) OVER (PARTITION BY deal_id ORDER BY id) AS previous\n"
                   "              FROM stage_history WHERE undone = 0 AND undoes IS NULL) h\n"
                   "        WHERE h.from_stage IS NOT NULL AND h.from_stage <> h.to_stage) s\n"
                   "  WHERE s.left_at >= since AND s.left_at <= until AND s.days >= 0\n"
                   "  GROUP BY s.stage\n"
                   "$body$")
                   .arg(QString::number(StallMarks::Percentile / 100.0, 'f', 2)),
           }
    + archiveFunctions() // dealboard_remove_row removes a stage's mark
        + ChangeLog::serverTriggersOf(12);
}

QStringList ServerSchema::teamRightsOf12(const QString& database)
{
    const QString rep = identifier(database + QStringLiteral("_rep"));
    const QString manager = identifier(database + QStringLiteral("_manager"));
    const QString owner = identifier(database + QStringLiteral("_owner"));
    // Read by everyone, set by a manager (removed through dealboard_remove_row).
    return readByAllSetByManagers(database, QStringLiteral("stage_stall_marks"), QStringLiteral("learned, days"))
        + QStringList {
            QStringLiteral("ALTER FUNCTION dealboard_stage_stays(timestamptz, timestamptz) OWNER TO %1").arg(owner),
            QStringLiteral("REVOKE ALL ON FUNCTION dealboard_stage_stays(timestamptz, timestamptz) FROM PUBLIC"),
            QStringLiteral("GRANT EXECUTE ON FUNCTION dealboard_stage_stays(timestamptz, timestamptz) TO %1, %2")
                .arg(rep, manager)};
}

Result<StallMarks> ReportQueries::stallMarks(const QDateTime& now, bool withStays)
{
    StallMarks marks;
    RawQuery rules(m_database, "SELECT stage, learned, days FROM stage_stall_marks");
    while (rules.next()) {
        if (const std::optional<Stage> stage = stageFromSlug(rules.text(0))) {
            StallRule& rule = marks.rules[stageIndex(*stage)];
            rule.learned = rules.int64(1) != 0;
            if (!rules.isNull(2)) {
                rule.days = static_cast<int>(rules.int64(2));
            }
        }
    }
    if (rules.failed()) {
        return m_database.rawError(QStringLiteral("read the stall marks"), rules);
    }
    if (!withStays || !marks.anyLearned()) {
        return marks; // the history is read only where a stage learns from it
    }
    const QByteArray sql = m_database.backend().stageStaysQuery();
    RawQuery stays(m_database, sql.constData());
    stays.bind(1, toStoredTime(now.addDays(-StallMarks::LearningDays)));
    stays.bind(2, toStoredTime(now)); // a stay "ending" later was written by another program
    while (stays.next()) {
        if (const std::optional<Stage> stage = stageFromSlug(stays.text(0))) {
            marks.stays[stageIndex(*stage)] = {static_cast<int>(stays.int64(1)), static_cast<int>(stays.int64(2)),
                                               static_cast<int>(stays.int64(3))};
        }
    }
    if (stays.failed()) {
        return m_database.rawError(QStringLiteral("read how long the team's deals stayed in each stage"), stays);
    }
    return marks;
}

Result<void> ReportQueries::saveStallRule(Stage stage, const std::optional<StallRule>& rule)
{
    // Removed when back to the built-in days, else set in place: the change
    // log then says "days 14 → 21".
    if (!rule) {
        return removeKeyedRow(m_database, "stage_stall_marks", {QStringLiteral("stage")}, {stageSlug(stage)},
                              QStringLiteral("save the stall mark"));
    }
    RawQuery save(m_database,
                  "INSERT INTO stage_stall_marks (stage, learned, days) VALUES (?, ?, ?) ON CONFLICT (stage) DO "
                  "UPDATE SET learned = excluded.learned, days = excluded.days");
    save.bind(1, stageSlug(stage));
    save.bind(2, std::int64_t(rule->learned ? 1 : 0));
    if (rule->days) {
        save.bind(3, std::int64_t(*rule->days));
    } else {
        save.bindNull(3);
    }
    if (!save.run()) {
        return m_database.rawError(QStringLiteral("save the stall mark"), save);
    }
    return {};
}

} // namespace dealboard
