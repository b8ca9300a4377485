#pragma once

#include "TestServer.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <gtest/gtest.h>

namespace dealboard::test {

// What turns a file's or a server's schema 13 back into 11
// (backBeforeStageRules, then 12 into 11): no stall marks
// per stage, and on a server neither their guard nor the stays' function
// (dealboard_remove_row keeps a branch for them, which migrate replaces).
// What turns a file's or a server's schema 15 back into 14: no custom
// fields nor values, and on a server neither their guards nor the check of
// a deal's needed fields.
inline QStringList backBeforeCustomFields(bool onServer)
{
    QStringList statements = {QStringLiteral("DROP TABLE deal_fields"), QStringLiteral("DROP TABLE custom_fields")};
    if (onServer) {
        statements << QStringLiteral("DROP TRIGGER deals_need_fields ON deals")
                   << QStringLiteral("DROP FUNCTION dealboard_deal_field_written()")
                   << QStringLiteral("DROP FUNCTION dealboard_deal_needs_fields()")
                   << QStringLiteral("DROP FUNCTION dealboard_guard_custom_field()")
                   << QStringLiteral("DROP FUNCTION dealboard_guard_deal_field()")
                   << QStringLiteral("DELETE FROM pipeline_requirements WHERE requirement = 'field'");
    }
    return statements;
}

// What turns a file's or a server's schema 15 back into 13
// (backBeforeCustomFields, then 14 into 13): no stages' plans nor ticks (the
// deal's guard is made again by migrate).
inline QStringList backBeforeStagePlan(bool onServer)
{
    QStringList statements = backBeforeCustomFields(onServer);
    statements << QStringLiteral("DROP TABLE plan_ticks") << QStringLiteral("DROP TABLE stage_plan");
    if (onServer) {
        statements << QStringLiteral("DROP FUNCTION dealboard_guard_plan_step()")
                   << QStringLiteral("DROP FUNCTION dealboard_guard_plan_tick()")
                   << QStringLiteral("DELETE FROM pipeline_requirements WHERE requirement = 'plan'");
    }
    return statements;
}

// What turns a file's or a server's schema 14 back into 12
// (backBeforeStagePlan, then 13 into 12): no stage rules a manager set.
inline QStringList backBeforeStageRules(bool onServer)
{
    return backBeforeStagePlan(onServer) << QStringLiteral("DROP TABLE stage_rules");
}

inline QStringList backBeforeStallMarks(bool onServer)
{
    QStringList statements = backBeforeStageRules(onServer);
    statements << QStringLiteral("DROP TABLE stage_stall_marks");
    if (onServer) {
        statements << QStringLiteral("DROP FUNCTION dealboard_stage_stays(timestamptz, timestamptz)");
    }
    return statements;
}

// What turns a file's schema 12 back into 10 (backBeforeStallMarks, then 11
// into 10): no column totals kept in a table of their own, nor the triggers
// that keep them.
inline QStringList backBeforeStageTotals()
{
    return backBeforeStallMarks(false)
        + QStringList {QStringLiteral("DROP TRIGGER stage_totals_insert"),
                       QStringLiteral("DROP TRIGGER stage_totals_delete"),
                       QStringLiteral("DROP TRIGGER stage_totals_update"), QStringLiteral("DROP TABLE stage_totals")};
}

// What turns a file's schema 11 back into 9 (backBeforeStageTotals, then
// 10 into 9): the stages' totals index without the deals' own probability,
// and the checks of deals, activities and the change log as IN lists again
// (their definitions rewritten as version 9 made them).
inline QStringList backBeforeBulkChecks()
{
    QStringList statements = backBeforeStageTotals();
    statements += {
        QStringLiteral("DROP INDEX deals_by_stage"),
        QStringLiteral("CREATE INDEX deals_by_stage ON deals (stage, status, currency, value_minor)"),
        QStringLiteral("PRAGMA writable_schema = ON"),
    };
    const auto anyOf = [](const QString& column, const QStringList& words) {
        QStringList compared;
        for (const QString& word : words) {
            compared << QStringLiteral("%1 = ''%2''").arg(column, word);
        }
        return QStringLiteral("CHECK (%1)").arg(compared.join(QStringLiteral(" OR ")));
    };
    const auto inList = [](const QString& column, const QStringList& words) {
        return QStringLiteral("CHECK (%1 IN (''%2''))").arg(column, words.join(QStringLiteral("'',''")));
    };
    const struct
    {
        const char* table;
        const char* column;
        QStringList words;
    } checks[] = {
        {"deals",
         "stage",
         {QStringLiteral("prospecting"), QStringLiteral("qualifying"), QStringLiteral("contacting"),
          QStringLiteral("relationship"), QStringLiteral("negotiation"), QStringLiteral("closing"),
          QStringLiteral("retention")}},
        {"deals", "status", {QStringLiteral("open"), QStringLiteral("won"), QStringLiteral("lost")}},
        {"activities",
         "kind",
         {QStringLiteral("call"), QStringLiteral("email"), QStringLiteral("meeting"), QStringLiteral("task")}},
        {"change_log", "action", {QStringLiteral("insert"), QStringLiteral("update"), QStringLiteral("delete")}},
    };
    for (const auto& check : checks) {
        statements << QStringLiteral("UPDATE sqlite_schema SET sql = replace(sql, '%1', '%2') WHERE name = '%3'")
                          .arg(anyOf(QLatin1String(check.column), check.words),
                               inList(QLatin1String(check.column), check.words), QLatin1String(check.table));
    }
    statements << QStringLiteral("PRAGMA writable_schema = OFF");
    return statements;
}

// What turns a file's schema 9 back into 8, or a server's 11 back into 10:
// the forecast snapshots and the exchange rates and, on a server, their
// guards; the currencies table
// (amounts stay as they are: the caller writes them as they were, every
// currency with two decimals).
inline QStringList backBeforeMinorUnits(bool onServer)
{
    if (!onServer) {
        return backBeforeBulkChecks()
            + QStringList {QStringLiteral("DROP TABLE forecast_snapshots"), QStringLiteral("DROP TABLE exchange_rates"),
                           QStringLiteral("DROP TABLE currencies")};
    }
    return backBeforeStallMarks(true)
        + QStringList {QStringLiteral("DROP TABLE forecast_snapshots"),
                       QStringLiteral("DROP FUNCTION dealboard_guard_snapshot()"),
                       QStringLiteral("DROP TRIGGER guard_reporting_currency ON settings"),
                       QStringLiteral("DROP TABLE exchange_rates"),
                       QStringLiteral("DROP FUNCTION dealboard_guard_rate()"),
                       QStringLiteral("DROP FUNCTION dealboard_known_currency(text)"),
                       QStringLiteral("ALTER TABLE deals DROP CONSTRAINT deals_currency_known"),
                       QStringLiteral("ALTER TABLE quotas DROP CONSTRAINT quotas_currency_known"),
                       QStringLiteral("DROP TABLE amounts_before_minor_units"),
                       QStringLiteral("DROP TABLE currencies")};
}

// What turns a file's schema 8 back into 7, or a server's 10 back into 9:
// the contact merges' table, and on a server their functions and the
// policies that let the tables' owner remove and restore a contact (the
// change log's policy asks dealboard_may_see_merge, which stays and sees no
// merges of such a server; migrate makes them again).
inline QStringList backBeforeMerges(bool onServer)
{
    if (!onServer) {
        return backBeforeMinorUnits(false) + QStringList {QStringLiteral("DROP TABLE contact_merges")};
    }
    return backBeforeMinorUnits(true)
        + QStringList {QStringLiteral("DROP FUNCTION dealboard_merge_contact(text, bigint, bigint, text)"),
                       QStringLiteral("DROP FUNCTION dealboard_undo_merge(bigint)"),
                       QStringLiteral("DROP POLICY IF EXISTS organizations_merged ON organizations"),
                       QStringLiteral("DROP POLICY IF EXISTS people_merged ON people"),
                       QStringLiteral("DROP TABLE contact_merges")};
}

// What turns a file's schema 7 back into 6, or a server's 8 back into 7
// (after backBeforeMerges):
// the stage history's undo columns, and on a server the undo's and the
// deleted notes' functions and table (the guard and history trigger keep
// version 8's text, which migrate replaces); the version is the caller's.
inline QStringList backBeforeUndo(bool onServer)
{
    QStringList statements = backBeforeMerges(onServer);
    if (onServer) {
        statements << QStringLiteral("DROP FUNCTION dealboard_undo_step(bigint, bigint)")
                   << QStringLiteral("DROP FUNCTION dealboard_delete_note(bigint)")
                   << QStringLiteral("DROP FUNCTION dealboard_restore_note(bigint)")
                   << QStringLiteral("DROP TABLE deleted_notes");
    }
    for (const char* column : {"entered_before", "reason_before", "undone", "undoes"}) {
        statements << QStringLiteral("ALTER TABLE stage_history DROP COLUMN %1").arg(QLatin1String(column));
    }
    if (onServer) {
        statements << QStringLiteral("DROP FUNCTION dealboard_undoing()");
    }
    return statements;
}

// What turns a server's schema 9 back into 8: its functions as version 8
// had them, trusting the marks a session set before the call (the archive's
// functions) or clearing only dealboard.trusted (the undo's and the notes').
inline QStringList backBeforeClearedMarks()
{
    return backBeforeMerges(true)
        + QStringList {
            QStringLiteral(
                "DO $body$ DECLARE f regprocedure; BEGIN FOR f IN SELECT p.oid::regprocedure FROM pg_proc p WHERE "
                "p.prosrc LIKE '%dealboard_clear_marks()%' AND p.pronamespace = 'public'::regnamespace LOOP "
                "EXECUTE replace(pg_get_functiondef(f), 'PERFORM dealboard_clear_marks();', CASE WHEN f::text IN "
                "('dealboard_undo_step(bigint,bigint)', 'dealboard_delete_note(bigint)', "
                "'dealboard_restore_note(bigint)') THEN 'PERFORM set_config(''dealboard.trusted'', '''', true);' "
                "ELSE '' END); END LOOP; END $body$"),
            QStringLiteral("DROP FUNCTION dealboard_clear_marks()")};
}

// What turns a server's schema 8 back into schema 6: the guards, the rules'
// tables, the archive and the added columns; the version is the caller's.
inline QStringList backToSchemaSix()
{
    QStringList statements = backBeforeUndo(true);
    for (const char* policy :
         {"organizations_seen ON organizations", "organizations_added ON organizations",
          "organizations_changed ON organizations", "people_seen ON people", "people_added ON people",
          "people_changed ON people", "organization_tags_seen ON organization_tags",
          "organization_tags_written ON organization_tags", "person_tags_seen ON person_tags",
          "person_tags_written ON person_tags"}) {
        statements << QStringLiteral("DROP POLICY IF EXISTS %1").arg(QLatin1String(policy));
    }
    for (const char* table : {"settings", "stage_goals", "segment_rules", "stage_probabilities", "quotas"}) {
        statements << QStringLiteral("DROP POLICY IF EXISTS %1_seen ON %1").arg(QLatin1String(table))
                   << QStringLiteral("DROP POLICY IF EXISTS %1_written ON %1").arg(QLatin1String(table))
                   << QStringLiteral("ALTER TABLE %1 NO FORCE ROW LEVEL SECURITY").arg(QLatin1String(table))
                   << QStringLiteral("ALTER TABLE %1 DISABLE ROW LEVEL SECURITY").arg(QLatin1String(table));
    }
    return statements
        + QStringList {QStringLiteral("DROP FUNCTION dealboard_guard_deal() CASCADE"),
                       QStringLiteral("DROP FUNCTION dealboard_deal_history() CASCADE"),
                       QStringLiteral("DROP FUNCTION dealboard_guard_activity() CASCADE"),
                       QStringLiteral("DROP FUNCTION dealboard_guard_note() CASCADE"),
                       QStringLiteral("DROP FUNCTION dealboard_guard_contact() CASCADE"),
                       QStringLiteral("DROP FUNCTION dealboard_delete_deal(bigint, bigint)"),
                       QStringLiteral("DROP FUNCTION dealboard_restore_deal(bigint)"),
                       QStringLiteral("DROP FUNCTION dealboard_set_tags(text, bigint, text[])"),
                       QStringLiteral("DROP FUNCTION dealboard_remove_row(text, text, text, text)"),
                       QStringLiteral("DROP FUNCTION dealboard_may_change_contact(text, bigint, name)"),
                       QStringLiteral("DROP FUNCTION dealboard_may_see_contact(text, bigint, name)"),
                       QStringLiteral("DROP FUNCTION dealboard_may_see_deal(text, name)"),
                       QStringLiteral("DROP FUNCTION dealboard_may_change_deal(text, name)"),
                       QStringLiteral("DROP FUNCTION dealboard_check_deal(bigint, text)"),
                       QStringLiteral("DROP FUNCTION dealboard_id_given(text, bigint)"),
                       QStringLiteral("DROP FUNCTION dealboard_guard_setting() CASCADE"),
                       QStringLiteral("DROP FUNCTION dealboard_no_deal(bigint)"),
                       QStringLiteral("DROP FUNCTION dealboard_check_text(text, text, integer, boolean)"),
                       QStringLiteral("DROP FUNCTION dealboard_blank(text)"),
                       QStringLiteral("DROP FUNCTION dealboard_is_user(text)"),
                       QStringLiteral("DROP FUNCTION dealboard_privileged(name)"),
                       QStringLiteral("DROP FUNCTION dealboard_is_team()"),
                       QStringLiteral("DROP FUNCTION dealboard_role(text)"),
                       QStringLiteral("DROP FUNCTION dealboard_trusted()"),
                       QStringLiteral("DROP TABLE deleted_deals"),
                       QStringLiteral("DROP TABLE stage_requirements"),
                       QStringLiteral("DROP TABLE pipeline_requirements"),
                       QStringLiteral("DROP TABLE pipeline_stages"),
                       QStringLiteral("ALTER TABLE organizations DROP COLUMN created_by"),
                       QStringLiteral("ALTER TABLE people DROP COLUMN created_by"),
                       QStringLiteral("ALTER TABLE deals DROP CONSTRAINT deals_value_limit"),
                       QStringLiteral("DROP INDEX change_log_by_row"),
                       QStringLiteral("ALTER TABLE change_log DROP COLUMN xact")};
}

// What turns schema 6 back into schema 5 (before the change log): the table,
// and on a server its function and triggers; the version is the caller's.
inline QStringList backToSchemaFive(bool onServer)
{
    QStringList statements;
    if (onServer) {
        statements << backToSchemaSix() << QStringLiteral("DROP FUNCTION dealboard_log_change() CASCADE");
    } else {
        statements << backBeforeUndo(false);
    }
    statements << QStringLiteral("DROP TABLE change_log");
    return statements;
}

// What turns schema 6 back into schema 4 (before the manager's desk), the
// same on a file and a server but for the change log; the version is the
// caller's to set.
inline QStringList backToSchemaFour(bool onServer)
{
    return backToSchemaFive(onServer)
        + QStringList {QStringLiteral("DROP TABLE quotas"), QStringLiteral("DROP TABLE stage_probabilities"),
                       QStringLiteral("ALTER TABLE deals DROP COLUMN probability_percent")};
}

// Runs SQL on a database file through a connection of its own, as another
// program would: for setting up states the product itself refuses to create.
inline void runRawSql(const QString& path, const QStringList& statements)
{
    if (path.startsWith(QLatin1String("postgresql://"))) {
        QString error;
        ASSERT_TRUE(TestServer::run(statements, QUrl(path).path().mid(1), &error)) << error.toStdString();
        return;
    }
    const QString name = QStringLiteral("raw-sql");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ASSERT_TRUE(db.open()) << db.lastError().text().toStdString();
        for (const QString& statement : statements) {
            QSqlQuery query(db);
            ASSERT_TRUE(query.exec(statement))
                << statement.toStdString() << ": " << query.lastError().text().toStdString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

// Whether a file takes one statement from another program (a CHECK
// refuses what DealBoard would).
inline bool runRawSqlOk(const QString& path, const QStringList& statements)
{
    const QString name = QStringLiteral("raw-sql-ok");
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        for (const QString& statement : statements) {
            QSqlQuery query(db);
            ok = ok && query.exec(statement);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

inline QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

// Runs SQL on the connection the product itself opened on `path` (found among
// Qt SQL's connections by its file): for TEMP objects that only that
// connection sees.
inline void runOnStoreConnection(const QString& path, const QString& statement)
{
    for (const QString& name : QSqlDatabase::connectionNames()) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.databaseName() == path && name.startsWith(QLatin1String("dealboard-"))) {
            QSqlQuery query(db);
            ASSERT_TRUE(query.exec(statement))
                << statement.toStdString() << ": " << query.lastError().text().toStdString();
            return;
        }
    }
    ADD_FAILURE() << "no connection of the product is open on " << path.toStdString();
}

} // namespace dealboard::test
