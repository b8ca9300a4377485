// Version 10 of a file's schema (see Migrations.cpp for those before).
#include "Database.h"
#include "Schema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <map>
#include <spdlog/spdlog.h>
#include <vector>

namespace dealboard {

// Version 10: faster bulk writes and column totals.
// - Each deal's own win probability joins the index that sums the stages, so
//   that the board's totals never read a deal's row.
// - The checks on the tables written most name their few allowed words as
//   comparisons, not as an IN list: SQLite builds a temporary b-tree for a
//   constant IN list of more than two words at every run of an INSERT or
//   UPDATE, which cost a seed of 100,000 deals about a second. The check
//   allows exactly what it did, and no row needs to change, so the tables'
//   text is rewritten in place (SQLite's documented way for a change that
//   does not touch what is stored). A file whose checks another program
//   rewrote is refused before anything is written (checksNotAsMade).
namespace {

// One check as version 9 wrote it, and as version 10 writes it.
struct Rewrite
{
    QString table;
    QString from;
    QString to;
};

std::vector<Rewrite> checkRewrites()
{
    const auto anyOf = [](const char* column, std::initializer_list<const char*> words) {
        QStringList compared;
        for (const char* word : words) {
            compared << QStringLiteral("%1 = '%2'").arg(QLatin1String(column), QLatin1String(word));
        }
        return QStringLiteral("CHECK (%1)").arg(compared.join(QStringLiteral(" OR ")));
    };
    return {
        {QStringLiteral("deals"),
         QStringLiteral("CHECK (stage IN ('prospecting','qualifying','contacting','relationship','negotiation',"
                        "'closing','retention'))"),
         anyOf("stage",
               {"prospecting", "qualifying", "contacting", "relationship", "negotiation", "closing", "retention"})},
        {QStringLiteral("deals"), QStringLiteral("CHECK (status IN ('open','won','lost'))"),
         anyOf("status", {"open", "won", "lost"})},
        {QStringLiteral("activities"), QStringLiteral("CHECK (kind IN ('call','email','meeting','task'))"),
         anyOf("kind", {"call", "email", "meeting", "task"})},
        {QStringLiteral("change_log"), QStringLiteral("CHECK (action IN ('insert','update','delete'))"),
         anyOf("action", {"insert", "update", "delete"})},
    };
}

// Each table's CREATE TABLE text as the file holds it (absent tables left out).
Result<std::map<QString, QString>> tableTexts(Database& database)
{
    std::map<QString, QString> texts;
    QSqlQuery probe(database.connection());
    for (const Rewrite& rewrite : checkRewrites()) {
        if (texts.contains(rewrite.table)) {
            continue;
        }
        probe.prepare(QStringLiteral("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?"));
        probe.addBindValue(rewrite.table);
        if (!probe.exec()) {
            return database.storageError(QStringLiteral("read the table %1").arg(rewrite.table), probe);
        }
        if (probe.next()) {
            texts[rewrite.table] = probe.value(0).toString();
        }
        probe.finish();
    }
    return texts;
}

} // namespace

Result<QStringList> Schema::checksNotAsMade()
{
    Result<std::map<QString, QString>> texts = tableTexts(m_database);
    if (!texts) {
        return texts.error();
    }
    QStringList odd;
    for (const Rewrite& rewrite : checkRewrites()) {
        const auto found = texts.value().find(rewrite.table);
        if (found != texts.value().end() && found->second.count(rewrite.from) != 1) {
            odd << QStringLiteral("table %1 does not hold \u201c%2\u201d").arg(rewrite.table, rewrite.from);
        }
    }
    return odd;
}

Result<void> Schema::migrateTo10()
{
    for (const char* statement :
         {"DROP INDEX IF EXISTS deals_by_stage",
          "CREATE INDEX deals_by_stage ON deals (stage, status, currency, probability_percent, value_minor)"}) {
        if (Result<void> done = m_database.execute(QString::fromLatin1(statement)); !done) {
            return done;
        }
    }
    Result<std::map<QString, QString>> texts = tableTexts(m_database);
    if (!texts) {
        return texts.error();
    }
    for (const Rewrite& rewrite : checkRewrites()) {
        QString& sql = texts.value()[rewrite.table];
        if (sql.count(rewrite.from) != 1) {
            // Checked before the backup (Schema::accept); a file changed
            // since is not rewritten half-way: the whole upgrade rolls back.
            return makeError(ErrorCode::NotADatabase,
                             QStringLiteral("The table %1 is not as DealBoard made it, so the pipeline was not "
                                            "updated to this version; the file was left untouched.")
                                 .arg(rewrite.table));
        }
        sql.replace(rewrite.from, rewrite.to);
    }
    QSqlQuery probe(m_database.connection());
    if (!probe.exec(QStringLiteral("PRAGMA schema_version")) || !probe.next()) {
        return m_database.storageError(QStringLiteral("read the schema version"), probe);
    }
    const qint64 schemaVersion = probe.value(0).toLongLong();
    probe.finish();
    if (Result<void> done = m_database.execute(QStringLiteral("PRAGMA writable_schema = ON")); !done) {
        return done;
    }
    for (const auto& [table, sql] : texts.value()) {
        QSqlQuery& update
            = m_database.prepared(QStringLiteral("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?"));
        update.addBindValue(sql);
        update.addBindValue(table);
        if (!update.exec()) {
            Error error = m_database.storageError(QStringLiteral("rewrite the checks of %1").arg(table), update);
            static_cast<void>(m_database.execute(QStringLiteral("PRAGMA writable_schema = OFF")));
            return error;
        }
        update.finish();
    }
    // The schema's own counter, so that every connection reads the new text;
    // PRAGMA takes no bound parameters, and the value is the file's own number.
    for (const QString& statement : {QStringLiteral("PRAGMA schema_version = %1").arg(schemaVersion + 1),
                                     QStringLiteral("PRAGMA writable_schema = OFF")}) {
        if (Result<void> done = m_database.execute(statement); !done) {
            return done;
        }
    }
    return {};
}

} // namespace dealboard
