// Version 11 of a file's schema: the column totals the file keeps.
#include "StageTotalsTable.h"

#include "Database.h"
#include "RawQuery.h"
#include "Schema.h"
#include "SchemaShape.h"
#include "SqliteBackend.h"
#include "dealboard/DealStore.h"
#include "dealboard/Money.h"

#include <QMap>
#include <QStringList>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace dealboard {

// Version 11: the board's column totals kept in a table of their own.
// Summing a million deals' values took 130 to 250 ms at every start, even
// inside the index of version 10. The table holds one row per stage, status,
// currency and own win probability (-1: the stage's), with the number of
// deals and their values in millions and the rest (so that no sum
// overflows); triggers in the file keep it as every write to deals changes
// it, whoever writes: DealBoard, an import, or another program. A value
// another program stored as a fraction counts as its whole minor units, as
// everywhere a value is read, so that the table holds integers only.
namespace {

const char* const TableSql = "CREATE TABLE stage_totals ("
                             "stage TEXT NOT NULL, status TEXT NOT NULL, currency TEXT NOT NULL, "
                             "own_percent INTEGER NOT NULL, deals INTEGER NOT NULL, value_millions INTEGER NOT NULL, "
                             "value_rest INTEGER NOT NULL, PRIMARY KEY (stage, status, currency, own_percent)) "
                             "WITHOUT ROWID";

// The deals' own rows, summed: what the table holds when it is right.
const char* const SummedSql
    = "SELECT stage, status, currency, coalesce(probability_percent, -1), COUNT(*), "
      "SUM(CAST(value_minor AS INTEGER) / 1000000), SUM(CAST(value_minor AS INTEGER) % 1000000) FROM deals "
      "GROUP BY stage, status, currency, coalesce(probability_percent, -1)";

// A deal counted in (NEW) or out of (OLD) its row of the table.
QString countIn()
{
    return QStringLiteral(
        "INSERT INTO stage_totals VALUES (NEW.stage, NEW.status, NEW.currency, "
        "coalesce(NEW.probability_percent, -1), 1, CAST(NEW.value_minor AS INTEGER) / 1000000, "
        "CAST(NEW.value_minor AS INTEGER) % 1000000) "
        "ON CONFLICT DO UPDATE SET deals = deals + 1, value_millions = value_millions + excluded.value_millions, "
        "value_rest = value_rest + excluded.value_rest;");
}

QString countOut()
{
    const QString row = QStringLiteral("stage = OLD.stage AND status = OLD.status AND currency = OLD.currency AND "
                                       "own_percent = coalesce(OLD.probability_percent, -1)");
    return QStringLiteral(
               "UPDATE stage_totals SET deals = deals - 1, value_millions = value_millions - "
               "CAST(OLD.value_minor AS INTEGER) / 1000000, value_rest = value_rest - CAST(OLD.value_minor AS INTEGER) "
               "% 1000000 WHERE %1; "
               "DELETE FROM stage_totals WHERE %1 AND deals = 0;")
        .arg(row);
}

} // namespace

QStringList StageTotalsTable::triggers()
{
    return {
        QStringLiteral("CREATE TRIGGER stage_totals_insert AFTER INSERT ON deals BEGIN %1 END").arg(countIn()),
        QStringLiteral("CREATE TRIGGER stage_totals_delete AFTER DELETE ON deals BEGIN %1 END").arg(countOut()),
        QStringLiteral("CREATE TRIGGER stage_totals_update AFTER UPDATE OF stage, status, currency, "
                       "probability_percent, value_minor ON deals WHEN OLD.stage IS NOT NEW.stage OR OLD.status IS "
                       "NOT NEW.status OR OLD.currency IS NOT NEW.currency OR OLD.probability_percent IS NOT "
                       "NEW.probability_percent OR OLD.value_minor IS NOT NEW.value_minor BEGIN %1 %2 END")
            .arg(countOut(), countIn()),
    };
}

const char* StageTotalsTable::readSql()
{
    // Sums another program pushed past 64 bits are stored as REAL by SQLite:
    // they read as NULL, and the reader holds the total at the largest.
    return "SELECT stage, status, currency, NULLIF(own_percent, -1), deals, "
           "CASE WHEN typeof(value_millions) = 'integer' THEN value_millions END, "
           "CASE WHEN typeof(value_rest) = 'integer' THEN value_rest END FROM stage_totals "
           "ORDER BY stage, status, currency, own_percent";
}

QStringList StageTotalsTable::rebuildStatements()
{
    return {QStringLiteral("DELETE FROM stage_totals"),
            QStringLiteral("INSERT INTO stage_totals %1").arg(QLatin1String(SummedSql))};
}

namespace {

// The table and its triggers made anew, over whatever stands under their
// names (empty, until rebuildStatements fills it).
QStringList remade()
{
    QStringList statements = {
        QStringLiteral("DROP TRIGGER IF EXISTS stage_totals_insert"),
        QStringLiteral("DROP TRIGGER IF EXISTS stage_totals_delete"),
        QStringLiteral("DROP TRIGGER IF EXISTS stage_totals_update"),
        QStringLiteral("DROP TABLE IF EXISTS stage_totals"),
        QLatin1String(TableSql),
    };
    return statements + StageTotalsTable::triggers();
}

} // namespace

Result<void> Schema::migrateTo11()
{
    const QStringList statements = remade() + StageTotalsTable::rebuildStatements();
    for (const QString& statement : statements) {
        if (Result<void> done = m_database.execute(statement); !done) {
            return done;
        }
    }
    return {};
}

QStringList StageTotalsTable::differences(sqlite3* db)
{
    // Both ways: rows kept that the deals do not sum to, and sums not kept.
    const QString sql = QStringLiteral("SELECT 'kept', * FROM (SELECT * FROM stage_totals EXCEPT %1) "
                                       "UNION ALL SELECT 'summed', * FROM (%1 EXCEPT SELECT * FROM stage_totals) "
                                       "ORDER BY 2, 3, 4, 5, 1")
                            .arg(QLatin1String(SummedSql));
    QStringList found;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &statement, nullptr) != SQLITE_OK) {
        found << QStringLiteral("The column totals could not be compared with the deals: %1")
                     .arg(QString::fromUtf8(sqlite3_errmsg(db)));
        sqlite3_finalize(statement);
        return found;
    }
    const auto text = [statement](int column) {
        return QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, column)),
                                 sqlite3_column_bytes(statement, column));
    };
    while (sqlite3_step(statement) == SQLITE_ROW) {
        const QString percent = text(4) == u"-1" ? QStringLiteral("the stage's win probability")
                                                 : QStringLiteral("their own %1 %").arg(text(4));
        const WideInt value
            = WideInt(sqlite3_column_int64(statement, 6)) * 1'000'000 + sqlite3_column_int64(statement, 7);
        const Money sum {roundHundredths(value * 100), text(3)};
        found << QStringLiteral("%1 %2 %3 deal(s) in %4 at %5 worth %6")
                     .arg(text(0) == u"kept" ? QStringLiteral("The column totals kept")
                                             : QStringLiteral("The deals are"),
                          text(5), text(2), text(1), percent, formatForPeople(sum));
    }
    if (const int rc = sqlite3_finalize(statement); rc != SQLITE_OK) {
        found << QStringLiteral("The column totals could not be compared with the deals: %1")
                     .arg(QString::fromUtf8(sqlite3_errstr(rc)));
    }
    return found;
}

Result<void> StageTotalsTable::rebuild(sqlite3* db)
{
    QStringList statements = {QStringLiteral("BEGIN IMMEDIATE")};
    statements << rebuildStatements() << QStringLiteral("COMMIT");
    for (const QString& statement : statements) {
        char* message = nullptr;
        if (sqlite3_exec(db, statement.toUtf8().constData(), nullptr, nullptr, &message) != SQLITE_OK) {
            const QString why = QString::fromUtf8(message != nullptr ? message : "unknown error");
            sqlite3_free(message);
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            return makeError(ErrorCode::Storage, QStringLiteral("Couldn't rebuild the column totals: %1.").arg(why));
        }
    }
    return {};
}

Result<std::optional<qint64>> StageTotalsTable::pauseInsertCounting(Database& database)
{
    RawQuery counted(database,
                     "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = "
                     "'stage_totals_insert'");
    if (!counted.next()) {
        return database.rawError(QStringLiteral("read the column totals' triggers"), counted);
    }
    if (counted.int64(0) == 0) {
        return std::optional<qint64>();
    }
    RawQuery last(database, "SELECT coalesce(max(id), 0) FROM deals");
    if (!last.next()) {
        return database.rawError(QStringLiteral("read the last deal's id"), last);
    }
    const qint64 lastId = last.int64(0);
    if (Result<void> dropped = database.execute(QStringLiteral("DROP TRIGGER stage_totals_insert")); !dropped) {
        return dropped.error();
    }
    return std::optional<qint64>(lastId);
}

Result<void> StageTotalsTable::countAddedAfter(Database& database, qint64 lastIdBefore)
{
    // WHERE before GROUP BY keeps the upsert's ON CONFLICT unambiguous.
    RawQuery add(database,
                 "INSERT INTO stage_totals SELECT stage, status, currency, coalesce(probability_percent, -1), "
                 "COUNT(*), SUM(CAST(value_minor AS INTEGER) / 1000000), SUM(CAST(value_minor AS INTEGER) % 1000000) "
                 "FROM deals WHERE id > ? GROUP BY stage, status, currency, coalesce(probability_percent, -1) "
                 "ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, "
                 "value_millions = value_millions + excluded.value_millions, "
                 "value_rest = value_rest + excluded.value_rest");
    add.bind(1, std::int64_t(lastIdBefore));
    if (!add.run()) {
        return database.rawError(QStringLiteral("add the new deals to the column totals"), add);
    }
    return database.execute(triggers().constFirst());
}

const char* StageTotalsTable::summingSql()
{
    return "SELECT stage, status, currency, probability_percent, COUNT(*), "
           "SUM(CAST(value_minor AS INTEGER) / 1000000), SUM(CAST(value_minor AS INTEGER) % 1000000) FROM deals GROUP "
           "BY stage, status, currency, probability_percent "
           "ORDER BY stage, status, currency, probability_percent";
}

namespace {

// Whether the table and its three triggers are there as version 11 makes
// them (the same SQL but for spaces).
bool madeAsOurs(sqlite3* db)
{
    QMap<QString, QString> expected;
    expected[QStringLiteral("stage_totals")] = normalizedSql(QLatin1String(TableSql));
    const QStringList triggers = StageTotalsTable::triggers();
    for (const QString& trigger : triggers) {
        expected[trigger.section(QLatin1Char(' '), 2, 2)] = normalizedSql(trigger);
    }
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT name, sql FROM sqlite_master WHERE name IN ('stage_totals', 'stage_totals_insert', "
                       "'stage_totals_delete', 'stage_totals_update')",
                       -1, &statement, nullptr);
    int same = 0;
    while (statement != nullptr && sqlite3_step(statement) == SQLITE_ROW) {
        const QString name = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
        const QString sql = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 1)));
        same += expected.value(name) == normalizedSql(sql) ? 1 : 0;
    }
    sqlite3_finalize(statement);
    return same == expected.size();
}

// Whether the table counts as many deals as there are.
bool countsAgree(sqlite3* db)
{
    // The count reads a whole index, which the board does not read next:
    // through a small page cache, so that it never costs the board memory.
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA cache_size", -1, &statement, nullptr);
    const QByteArray cacheSize = statement != nullptr && sqlite3_step(statement) == SQLITE_ROW
        ? QByteArray::number(sqlite3_column_int64(statement, 0))
        : QByteArrayLiteral("-2000");
    sqlite3_finalize(statement);
    sqlite3_exec(db, "PRAGMA cache_size = -512", nullptr, nullptr, nullptr);
    sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM deals) = (SELECT coalesce(sum(deals), 0) FROM stage_totals)",
                       -1, &statement, nullptr);
    const bool agree
        = statement != nullptr && sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_int(statement, 0) == 1;
    sqlite3_finalize(statement);
    // PRAGMA takes no bound parameters; the value is the number SQLite gave.
    sqlite3_exec(db, ("PRAGMA cache_size = " + cacheSize).constData(), nullptr, nullptr, nullptr);
    return agree;
}

} // namespace

QStringList StageTotalsTable::withoutOwnTriggers(sqlite3* db, const QStringList& found)
{
    QStringList own;
    for (const QString& trigger : triggers()) {
        own << normalizedSql(trigger);
    }
    QStringList kept;
    for (const QString& line : found) {
        // "trigger NAME on TABLE"
        const QString name = line.section(QLatin1Char(' '), 1, 1);
        sqlite3_stmt* statement = nullptr;
        sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", -1, &statement,
                           nullptr);
        const QByteArray utf8 = name.toUtf8();
        sqlite3_bind_text(statement, 1, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
        const bool ours = line.startsWith(QLatin1String("trigger ")) && sqlite3_step(statement) == SQLITE_ROW
            && own.contains(
                normalizedSql(QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)))));
        sqlite3_finalize(statement);
        if (!ours) {
            kept << line;
        }
    }
    return kept;
}

bool StageTotalsTable::ensure(Database& database)
{
    sqlite3* db = SqliteBackend::of(database).handle();
    bool made = madeAsOurs(db);
    if (made && countsAgree(db)) {
        return true;
    }
    const auto summedAtEachRead = [&database](const Error& why) {
        spdlog::warn("The column totals of {} are summed at each read: {}", database.path().toStdString(),
                     why.message.toStdString());
        return false;
    };
    if (Result<void> begun = database.begin(); !begun) {
        return summedAtEachRead(begun.error());
    }
    WriteTransaction transaction(&database);
    made = madeAsOurs(db); // another process may have mended them meanwhile
    QStringList statements;
    if (!made) {
        statements << remade();
    }
    if (!made || !countsAgree(db)) {
        statements << rebuildStatements();
    }
    for (const QString& statement : statements) {
        if (Result<void> done = database.execute(statement); !done) {
            return summedAtEachRead(done.error());
        }
    }
    if (Result<void> committed = transaction.commit(); !committed) {
        return summedAtEachRead(committed.error());
    }
    if (!statements.isEmpty()) {
        spdlog::warn("The column totals of {} were {} from its deals: another program had changed them",
                     database.path().toStdString(), made ? "summed again" : "made again, with their triggers,");
    }
    return true;
}

} // namespace dealboard
