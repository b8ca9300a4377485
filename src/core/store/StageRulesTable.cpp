// Version 13 of a file's and a server's schema: the point of the pipeline
// from which each adjustable fact is needed (StageRules), as a manager set
// it. A fact without a row keeps its built-in point; a row without a stage
// says the fact is needed nowhere.
#include "ChangeLog.h"
#include "Database.h"
#include "KeyedRows.h"
#include "RawQuery.h"
#include "Schema.h"
#include "ServerSchema.h"
#include "SqlText.h"
#include "dealboard/StageRules.h"
#include "dealboard/store/ReportQueries.h"

#include <QStringList>

namespace dealboard {

namespace {

QStringList adjustableCodes()
{
    QStringList codes;
    for (Requirement requirement : StageRules::adjustable()) {
        codes << literal(requirementCode(requirement));
    }
    return codes;
}

// The rules no table may hold, on both engines: a leave on the last stage,
// an activity to enter the first (StageRules::whyNot).
QString impossibleRules()
{
    return QStringLiteral("NOT (moment = 'leave' AND stage = %1) AND NOT (requirement = 'activity' AND moment = "
                          "'enter' AND stage = %2)")
        .arg(literal(stageSlug(Stage::Retention)), literal(stageSlug(Stage::Prospecting)));
}

} // namespace

Result<void> Schema::migrateTo13()
{
    QStringList requirements;
    for (const QString& code : adjustableCodes()) {
        requirements << QStringLiteral("requirement = %1").arg(code);
    }
    return m_database.execute(
        QStringLiteral("CREATE TABLE stage_rules ("
                       " requirement TEXT PRIMARY KEY CHECK (%1),"
                       " stage TEXT CHECK (stage IS NULL OR %2),"
                       " moment TEXT CHECK (moment IS NULL OR moment = 'enter' OR moment = 'leave'),"
                       " CHECK ((stage IS NULL) = (moment IS NULL)),"
                       " CHECK (stage IS NULL OR (%3)))")
            .arg(requirements.join(QStringLiteral(" OR ")), stageSlugComparisons(), impossibleRules()));
}

QStringList ServerSchema::upgradeTo13()
{
    const QString text = QStringLiteral("text COLLATE \"C\"");
    QStringList statements {
        QStringLiteral("CREATE TABLE stage_rules (requirement %1 PRIMARY KEY CHECK (requirement IN (%2)), "
                       "stage %1 CHECK (stage IN %3), moment %1 CHECK (moment IN ('enter', 'leave')), "
                       "CHECK ((stage IS NULL) = (moment IS NULL)), CHECK (stage IS NULL OR (%4)))")
            .arg(text, adjustableCodes().join(QStringLiteral(", ")), stageSlugList(), impossibleRules()),
        // The fixed rules stay in stage_requirements; the adjustable ones
        // are read from stage_rules and their built-in points.
        QStringLiteral("DELETE FROM stage_requirements WHERE requirement NOT IN ('title', 'willing', 'need', "
                       "'budget')"),
    };
    QStringList phrases;
    for (Requirement requirement : {Requirement::Contact, Requirement::Activity}) {
        phrases << QStringLiteral("(%1, %2)")
                       .arg(literal(requirementCode(requirement)), literal(requirementText(requirement)));
    }
    statements << QStringLiteral("INSERT INTO pipeline_requirements (requirement, phrase) VALUES %1 ON CONFLICT DO "
                                 "NOTHING")
                      .arg(phrases.join(QStringLiteral(", ")));
    statements << guardFunctionsOf8() // the deal's guard reads the rules
               << archiveFunctions() // dealboard_remove_row removes a fact's rule
               << ChangeLog::serverTriggersOf(13);
    return statements;
}

// What a deal's stage needs of it, in the engine's order: the fixed rules
// (stage_requirements), then each adjustable fact needed from a point at or
// before `target` (an SQL expression: the guard's NEW.stage). Written into
// the deal's guard itself, where PL/pgSQL keeps its plan.
QString ServerSchema::stageNeedsQuery(const QString& target)
{
    const StageRules builtIn = StageRules::builtIn();
    QStringList points;
    for (Requirement requirement : StageRules::adjustable()) {
        const std::optional<StageRule> rule = builtIn.ruleOf(requirement);
        points << QStringLiteral("(%1, %2, %3, %4)")
                      .arg(literal(requirementCode(requirement)),
                           rule ? literal(stageSlug(rule->stage)) : QStringLiteral("NULL::text"),
                           rule ? literal(momentSlug(rule->moment)) : QStringLiteral("NULL::text"))
                      .arg(points.size() + 100);
    }
    return QStringLiteral("SELECT r.requirement, r.position AS n FROM stage_requirements r WHERE r.stage = %1 "
                          "UNION ALL "
                          "SELECT b.requirement, b.n FROM (VALUES %2) AS b(requirement, stage, moment, n) "
                          "LEFT JOIN stage_rules a ON a.requirement = b.requirement "
                          "JOIN pipeline_stages s ON s.stage = CASE WHEN a.requirement IS NULL THEN b.stage ELSE "
                          "a.stage END "
                          "JOIN pipeline_stages t ON t.stage = %1 "
                          "WHERE (s.position < t.position OR (s.position = t.position AND CASE WHEN a.requirement IS "
                          "NULL THEN b.moment ELSE a.moment END = 'enter')) "
                          "AND NOT (b.requirement = 'activity' AND %1 = %3 AND s.stage <> %3)")
        .arg(target, points.join(QStringLiteral(", ")), literal(stageSlug(Stage::Retention)));
}

QStringList ServerSchema::teamRightsOf13(const QString& database)
{
    // Read by everyone, set by a manager (removed through dealboard_remove_row).
    return readByAllSetByManagers(database, QStringLiteral("stage_rules"), QStringLiteral("stage, moment"));
}

Result<StageRules> ReportQueries::stageRules()
{
    StageRules rules = StageRules::builtIn();
    RawQuery rows(m_database, "SELECT requirement, stage, moment FROM stage_rules");
    while (rows.next()) {
        const std::optional<Requirement> requirement = requirementFromCode(rows.text(0));
        if (!requirement || !StageRules::isAdjustable(*requirement)) {
            continue;
        }
        const std::optional<Stage> stage = rows.isNull(1) ? std::nullopt : stageFromSlug(rows.text(1));
        const std::optional<RuleMoment> moment = rows.isNull(2) ? std::nullopt : momentFromSlug(rows.text(2));
        if (stage && moment) {
            // A row no DealBoard writes (another program's, past the table's
            // checks) is not obeyed: the fact keeps its built-in point.
            if (const StageRule rule {*requirement, *stage, *moment}; StageRules::whyNot(rule).isEmpty()) {
                rules.set(rule);
            }
        } else if (!rows.isNull(1) || !rows.isNull(2)) {
            continue; // half a point: likewise not obeyed
        } else {
            rules.clear(*requirement);
        }
    }
    if (rows.failed()) {
        return m_database.rawError(QStringLiteral("read the stages' rules"), rows);
    }
    Result<StagePlan> plan = stagePlan();
    if (!plan) {
        return plan.error();
    }
    rules.setPlan(std::move(plan.value()));
    Result<CustomFields> fields = customFields();
    if (!fields) {
        return fields.error();
    }
    rules.setFields(std::move(fields.value()));
    return rules;
}

Result<void> ReportQueries::saveStageRule(Requirement requirement, const std::optional<StageRule>& rule)
{
    // Removed when back to the built-in point, else set in place: the change
    // log then says "stage negotiation → closing".
    if (StageRules::builtIn().ruleOf(requirement) == rule) {
        return removeKeyedRow(m_database, "stage_rules", {QStringLiteral("requirement")},
                              {requirementCode(requirement)}, QStringLiteral("save the stage's rule"));
    }
    RawQuery save(m_database,
                  "INSERT INTO stage_rules (requirement, stage, moment) VALUES (?, ?, ?) ON CONFLICT (requirement) DO "
                  "UPDATE SET stage = excluded.stage, moment = excluded.moment");
    save.bind(1, requirementCode(requirement));
    if (rule) {
        save.bind(2, stageSlug(rule->stage));
        save.bind(3, momentSlug(rule->moment));
    } else {
        save.bindNull(2);
        save.bindNull(3);
    }
    if (!save.run()) {
        return m_database.rawError(QStringLiteral("save the stage's rule"), save);
    }
    return {};
}

} // namespace dealboard
