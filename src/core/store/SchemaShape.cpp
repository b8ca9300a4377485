#include "SchemaShape.h"

#include "dealboard/TextRules.h"

#include <QSet>
#include <sqlite3.h>

namespace dealboard {

namespace {

QString text(sqlite3_stmt* statement, int column)
{
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    return bytes == nullptr ? QStringLiteral("NULL") : QString::fromUtf8(bytes);
}

// Runs `sql` with `argument` bound as ?1 and calls `row` for each result row.
template<typename Row> void each(sqlite3* db, const char* sql, const QString& argument, Row row)
{
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        return;
    }
    const QByteArray bound = argument.toUtf8();
    if (!argument.isNull()) {
        sqlite3_bind_text(statement, 1, bound.constData(), static_cast<int>(bound.size()), SQLITE_TRANSIENT);
    }
    while (sqlite3_step(statement) == SQLITE_ROW) {
        row(statement);
    }
    sqlite3_finalize(statement);
}

} // namespace

QStringList schemaShape(sqlite3* db)
{
    QStringList lines;
    QStringList tables;
    each(db, "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", QString(),
         [&](sqlite3_stmt* s) {
             const QString type = text(s, 0);
             const QString name = text(s, 1);
             if (type == u"table") {
                 tables << name;
                 lines << QStringLiteral("table %1").arg(name);
             } else if (type == u"trigger" || type == u"view") {
                 lines << QStringLiteral("%1 %2 on %3").arg(type, name, text(s, 2));
             }
         });
    for (const QString& table : tables) {
        each(db, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1)", table,
             [&](sqlite3_stmt* s) {
                 lines << QStringLiteral("column %1.%2 %3 not-null=%4 default=%5 key=%6")
                              .arg(table, text(s, 0), text(s, 1), text(s, 2), text(s, 3), text(s, 4));
             });
        each(db, "SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?1)", table,
             [&](sqlite3_stmt* s) {
                 lines << QStringLiteral("foreign key %1.%2 -> %3(%4) on update %5 on delete %6")
                              .arg(table, text(s, 1), text(s, 0), text(s, 2), text(s, 3), text(s, 4));
             });
        QStringList indexes;
        each(db, "SELECT name, \"unique\", partial FROM pragma_index_list(?1)", table,
             [&](sqlite3_stmt* s) { indexes << QStringLiteral("%1\t%2\t%3").arg(text(s, 0), text(s, 1), text(s, 2)); });
        for (const QString& index : indexes) {
            const QStringList parts = index.split(QLatin1Char('\t'));
            QStringList columns;
            each(db, "SELECT name FROM pragma_index_info(?1) ORDER BY seqno", parts[0], [&](sqlite3_stmt* s) {
                columns << (sqlite3_column_type(s, 0) == SQLITE_NULL ? QStringLiteral("(expression)") : text(s, 0));
            });
            // Automatic indexes of UNIQUE constraints are named by SQLite.
            const QString name
                = parts[0].startsWith(QLatin1String("sqlite_autoindex_")) ? QStringLiteral("(constraint)") : parts[0];
            lines << QStringLiteral("index %1 on %2(%3) unique=%4 partial=%5")
                         .arg(name, table, columns.join(QStringLiteral(", ")), parts[1], parts[2]);
        }
    }
    lines.sort();
    return lines;
}

QStringList triggersAndViews(sqlite3* db)
{
    QStringList found;
    each(db, "SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY name",
         QString(),
         [&](sqlite3_stmt* s) { found << QStringLiteral("%1 %2 on %3").arg(text(s, 0), text(s, 1), text(s, 2)); });
    return found;
}

QStringList shapeDifferences(const QStringList& expected, const QStringList& actual)
{
    const QSet<QString> want(expected.begin(), expected.end());
    const QSet<QString> have(actual.begin(), actual.end());
    QStringList differences;
    for (const QString& line : actual) {
        if (!want.contains(line)) {
            differences << QStringLiteral("unknown %1").arg(line);
        }
    }
    for (const QString& line : expected) {
        if (!have.contains(line)) {
            differences << QStringLiteral("missing %1").arg(line);
        }
    }
    return differences;
}

QString normalizedSql(const QString& sql)
{
    // No space after an opening bracket, before a closing one, or beside a comma.
    const auto spaceBetween
        = [](QChar before, QChar after) { return before != u'(' && before != u',' && after != u')' && after != u','; };
    QString normal;
    normal.reserve(sql.size());
    QChar closing; // the quote being read, or null outside quotes
    bool space = false;
    for (const QChar c : sql) {
        if (!closing.isNull()) {
            normal += c;
            if (c == closing) {
                closing = QChar(); // a doubled quote opens again at once
            }
            continue;
        }
        // SQLite's own spaces only: any other character, a no-break space
        // included, is part of a name to SQLite and must match.
        if (c == u' ' || (c.unicode() >= 0x09 && c.unicode() <= 0x0d)) {
            space = true;
            continue;
        }
        if (space && !normal.isEmpty() && spaceBetween(normal.back(), c)) {
            normal += u' ';
        }
        space = false;
        if (c == u'\'' || c == u'"' || c == u'`') {
            closing = c;
        } else if (c == u'[') {
            closing = u']';
        }
        normal += c;
    }
    return normal;
}

QMap<QString, QString> schemaDefinitions(sqlite3* db)
{
    QMap<QString, QString> definitions;
    each(db, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'",
         QString(), [&](sqlite3_stmt* s) {
             const QString type = text(s, 0);
             const QString name = text(s, 1);
             const QString table = text(s, 2);
             const QString key = type == u"table" || type == u"view" || name == table
                 ? QStringLiteral("%1 %2").arg(type, name)
                 : QStringLiteral("%1 %2 on %3").arg(type, name, table);
             // An index SQLite makes for a UNIQUE or PRIMARY KEY constraint has no SQL of its own.
             definitions.insert(key,
                                sqlite3_column_type(s, 3) == SQLITE_NULL
                                    ? QStringLiteral("(SQLite's own, for %1)").arg(table)
                                    : normalizedSql(text(s, 3)));
         });
    return definitions;
}

namespace {

// Whether a column's or a constraint's definition starts after `at` (a comma
// followed by a name, not one between quoted values).
bool startsDefinition(const QString& text, qsizetype at)
{
    return text[at] == u',' && at + 1 < text.size() && (text[at + 1].isLetter() || text[at + 1] == u'"');
}

// The definition (column or constraint) around `at`, at most some 80
// characters each side, with what could drive a terminal or turn the text
// written out.
QString around(const QString& text, qsizetype at)
{
    constexpr qsizetype reach = 80;
    if (text.size() <= 2 * reach) {
        return TextRules::shown(text); // an index's whole definition
    }
    qsizetype from = std::max<qsizetype>(0, at - 24);
    for (qsizetype i = at - 1; i >= std::max<qsizetype>(0, at - reach); --i) {
        if (startsDefinition(text, i)) {
            from = i + 1;
            break;
        }
    }
    qsizetype to = std::min<qsizetype>(text.size(), at + 32);
    for (qsizetype i = at + 1; i < std::min<qsizetype>(text.size(), at + reach); ++i) {
        if (startsDefinition(text, i)) {
            to = i;
            break;
        }
    }
    return QStringLiteral("%1%2%3").arg(from > 0 ? QStringLiteral("\u2026") : QString(),
                                        TextRules::shown(text.mid(from, to - from)),
                                        to < text.size() ? QStringLiteral("\u2026") : QString());
}

} // namespace

QStringList definitionDifferences(const QMap<QString, QString>& expected, const QMap<QString, QString>& actual)
{
    QStringList differences;
    for (auto it = actual.cbegin(); it != actual.cend(); ++it) {
        if (!expected.contains(it.key())) {
            const QString name = it.key().size() > 100 ? it.key().left(99) + QStringLiteral("\u2026") : it.key();
            differences << QStringLiteral("%1, which DealBoard did not make").arg(TextRules::shown(name));
        }
    }
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        if (!actual.contains(it.key())) {
            differences << QStringLiteral("no %1, which DealBoard makes").arg(it.key());
            continue;
        }
        const QString& have = actual.value(it.key());
        const QString& want = it.value();
        if (have == want) {
            continue;
        }
        qsizetype at = 0;
        while (at < have.size() && at < want.size() && have[at] == want[at]) {
            ++at;
        }
        differences << QStringLiteral("%1 reads \u201c%2\u201d where DealBoard makes \u201c%3\u201d")
                           .arg(it.key(), around(have, at), around(want, at));
    }
    return differences;
}

} // namespace dealboard
