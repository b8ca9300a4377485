#include "RestoreReads.h"

#include "dealboard/TextRules.h"

#include <sqlite3.h>

namespace dealboard::restore {

QString listed(const QStringList& items, qsizetype limit)
{
    QString text = items.mid(0, limit).join(QStringLiteral("; "));
    if (items.size() > limit) {
        text += QStringLiteral("; and %1 more").arg(items.size() - limit);
    }
    return text;
}

Result<QString> single(sqlite3* db, const char* sql)
{
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    QString value;
    if (rc == SQLITE_OK && (rc = sqlite3_step(statement)) == SQLITE_ROW) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
        value = QString::fromUtf8(text == nullptr ? "" : text);
        rc = SQLITE_OK;
    }
    const QString why = QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(statement);
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
        return makeError(ErrorCode::NotADatabase, why);
    }
    return value;
}

Result<QList<QStringList>> rows(sqlite3* db, const char* sql, int limit)
{
    QList<QStringList> found;
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    while (rc == SQLITE_OK && found.size() < limit) {
        rc = sqlite3_step(statement);
        if (rc != SQLITE_ROW) {
            break;
        }
        rc = SQLITE_OK;
        QStringList row;
        for (int column = 0; column < sqlite3_column_count(statement); ++column) {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
            row << QString::fromUtf8(text == nullptr ? "" : text);
        }
        found << row;
    }
    const QString why = QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(statement);
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
        return makeError(ErrorCode::NotADatabase, TextRules::shown(why));
    }
    return found;
}

Result<void> sound(sqlite3* db, const QString& shown)
{
    // integrity_check also finds rows breaking a NOT NULL constraint, and on
    // a connection that may write (SQLite keeps no CHECK rules on a read-only
    // one) a CHECK constraint: only a writer with the rules off leaves them.
    const Result<QList<QStringList>> checked = rows(db, "PRAGMA integrity_check(20)", 20);
    const QList<QStringList> problems = checked ? checked.value() : QList<QStringList> {{checked.error().message}};
    if (problems.isEmpty() || problems.front().value(0) != u"ok") {
        QStringList lines;
        // The b-tree's own findings come as one row of lines under a heading.
        for (const QStringList& problem : problems) {
            for (const QString& line : problem.value(0).split(u'\n', Qt::SkipEmptyParts)) {
                if (!line.startsWith(QLatin1String("*** in database"))) {
                    lines << TextRules::shown(line);
                }
            }
        }
        const QString first = lines.isEmpty() ? QStringLiteral("no answer") : lines.front();
        const QString more = lines.size() < 2 ? QString()
            : lines.size() < 20               ? QStringLiteral("; %1 problems in all").arg(lines.size())
                                              : QStringLiteral("; 20 problems or more in all");
        const bool rules = first.contains(QLatin1String("CHECK constraint")) || first.startsWith(u"NULL value")
            || first.startsWith(u"non-unique entry");
        return makeError(ErrorCode::NotADatabase,
                         rules
                             ? QStringLiteral("'%1' holds rows that break the rules DealBoard's tables keep (SQLite's "
                                              "integrity check: %2%3): another program wrote them with the rules "
                                              "switched off, and DealBoard would show and add up what it never "
                                              "accepts. Choose another backup.")
                                   .arg(shown, first, more)
                             : QStringLiteral("'%1' is damaged (SQLite's integrity check: %2%3). Choose another "
                                              "backup: the copies DealBoard takes before an update or a restore lie "
                                              "beside the pipeline.")
                                   .arg(shown, first, more));
    }
    const Result<QList<QStringList>> links
        = rows(db,
               "SELECT c.\"table\", c.rowid, c.parent, (SELECT \"from\" FROM pragma_foreign_key_list(c.\"table\") f "
               "WHERE f.id = c.fkid LIMIT 1) FROM pragma_foreign_key_check c",
               1000);
    if (!links) {
        return makeError(ErrorCode::NotADatabase,
                         QStringLiteral("'%1' could not be checked for rows that point to nothing (SQLite: %2). "
                                        "Choose another backup.")
                             .arg(shown, links.error().message));
    }
    const QList<QStringList>& dangling = links.value();
    if (!dangling.isEmpty()) {
        const QStringList& row = dangling.front();
        return makeError(
            ErrorCode::NotADatabase,
            QStringLiteral("'%1' holds rows that point to rows that are not there (SQLite's foreign key check: %2 "
                           "row %3 names, in %4, a row of %5 that does not exist%6). It was damaged or changed "
                           "outside DealBoard, and restored, the pipeline would show what belongs to nothing. "
                           "Choose another backup.")
                .arg(shown, TextRules::shown(row.value(0)), row.value(1), TextRules::shown(row.value(3)),
                     TextRules::shown(row.value(2)),
                     dangling.size() > 1 ? QStringLiteral("; %1%2 such rows in all")
                                               .arg(dangling.size())
                                               .arg(dangling.size() >= 1000 ? QStringLiteral(" or more") : QString())
                                         : QString()));
    }
    return {};
}

} // namespace dealboard::restore
