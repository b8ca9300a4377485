// Merges of two contacts and their undo. On a file these statements do it
// in the caller's transaction; on a server its functions do (ServerMerge.cpp),
// checking the caller's rights there.
#include "ContactKinds.h"
#include "Database.h"
#include "dealboard/store/ContactRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlRecord>

namespace dealboard {

using namespace contacts;

namespace {

// What differs between merging organizations and people, in the store's words.
struct MergeKind
{
    QString table;
    QString tagTable;
    QString idColumn; // the deal's (and the tags') column naming the contact
    QString kind; // contact_merges.kind
};

MergeKind mergeKind(ContactType type)
{
    if (type == ContactType::Organization) {
        return {QStringLiteral("organizations"), QStringLiteral("organization_tags"), QStringLiteral("organization_id"),
                contactTypeSlug(type)};
    }
    return {QStringLiteral("people"), QStringLiteral("person_tags"), QStringLiteral("person_id"),
            contactTypeSlug(type)};
}

// The kept contact's notes with the merge's note after them.
QString joinedNotes(const QString& notes, const QString& note)
{
    if (notes.isEmpty() || note.isEmpty()) {
        return notes + note;
    }
    return notes + QStringLiteral("\n\n") + note;
}

QJsonArray ids(const QJsonValue& value)
{
    return value.toArray();
}

// One statement with its values bound, its first column read (ids, tags).
Result<QVariantList> run(Database& database, const QString& sql, const QVariantList& values, const QString& what)
{
    QSqlQuery& query = database.prepared(sql);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return database.storageError(what, query);
    }
    QVariantList column;
    while (query.isSelect() && query.next()) {
        column << query.value(0);
    }
    query.finish();
    return column;
}

} // namespace

Result<std::int64_t> ContactRepository::mergeContacts(ContactType type, std::int64_t keep, std::int64_t other,
                                                      const QString& note, const QString& now, bool onServer)
{
    const MergeKind k = mergeKind(type);
    const QString what = type == ContactType::Organization ? QStringLiteral("merge the organizations")
                                                           : QStringLiteral("merge the people");
    m_linkCache = {};
    if (onServer) {
        Result<QVariantList> merged = run(m_database, QStringLiteral("SELECT dealboard_merge_contact(?, ?, ?, ?)"),
                                          {k.kind, qint64(keep), qint64(other), nonNull(note)}, what);
        if (!merged) {
            return merged.error();
        }
        return merged.value().value(0).toLongLong();
    }
    // The contact folded away, as it is: its row and its tags.
    QJsonObject row;
    {
        QSqlQuery& query = m_database.prepared(QStringLiteral("SELECT * FROM %1 WHERE id = ?").arg(k.table));
        query.addBindValue(qint64(other));
        if (!query.exec() || !query.next()) {
            return m_database.storageError(what, query);
        }
        const QSqlRecord record = query.record();
        for (int i = 0; i < record.count(); ++i) {
            row.insert(record.fieldName(i), QJsonValue::fromVariant(query.value(i)));
        }
        query.finish();
    }
    const QString tagsOf = QStringLiteral("SELECT tag FROM %1 WHERE %2 = ? ORDER BY tag").arg(k.tagTable, k.idColumn);
    Result<QVariantList> otherTags = run(m_database, tagsOf, {qint64(other)}, what);
    Result<QVariantList> keptTags = run(m_database, tagsOf, {qint64(keep)}, what);
    Result<QVariantList> keptNotes
        = run(m_database, QStringLiteral("SELECT notes FROM %1 WHERE id = ?").arg(k.table), {qint64(keep)}, what);
    if (!otherTags || !keptTags || !keptNotes) {
        return (!otherTags ? otherTags : !keptTags ? keptTags : keptNotes).error();
    }
    row.insert(QStringLiteral("tags"), QJsonArray::fromStringList(QVariant(otherTags.value()).toStringList()));
    // What moves.
    QJsonObject moved;
    const auto idsOf = [&](const char* name, const QString& sql) -> Result<void> {
        Result<QVariantList> found = run(m_database, sql, {qint64(other)}, what);
        if (!found) {
            return found.error();
        }
        moved.insert(QLatin1String(name), QJsonArray::fromVariantList(found.value()));
        return {};
    };
    const bool organization = type == ContactType::Organization;
    for (const auto& [name, sql] : {
             std::pair {"deals", QStringLiteral("SELECT id FROM deals WHERE %1 = ? ORDER BY id").arg(k.idColumn)},
             std::pair {"activities",
                        organization ? QString()
                                     : QStringLiteral("SELECT id FROM activities WHERE person_id = ? "
                                                      "ORDER BY id")},
             std::pair {"people",
                        organization ? QStringLiteral("SELECT id FROM people WHERE organization_id = ? "
                                                      "ORDER BY id")
                                     : QString()},
         }) {
        if (sql.isEmpty()) {
            moved.insert(QLatin1String(name), QJsonArray());
        } else if (Result<void> done = idsOf(name, sql); !done) {
            return done.error();
        }
    }
    QStringList added;
    for (const QVariant& tag : otherTags.value()) {
        if (!keptTags.value().contains(tag)) {
            added << tag.toString();
        }
    }
    moved.insert(QStringLiteral("tags"), QJsonArray::fromStringList(added));
    const QString notesBefore = keptNotes.value().value(0).toString();
    const QList<std::pair<QString, QVariantList>> statements = {
        {QStringLiteral("UPDATE deals SET %1 = ?, version = version + 1, updated_at = ? WHERE %1 = ?").arg(k.idColumn),
         {qint64(keep), now, qint64(other)}},
        {organization ? QStringLiteral("UPDATE people SET organization_id = ? WHERE organization_id = ?")
                      : QStringLiteral("UPDATE activities SET person_id = ? WHERE person_id = ?"),
         {qint64(keep), qint64(other)}},
        {QStringLiteral("UPDATE %1 SET notes = ? WHERE id = ?").arg(k.table),
         {joinedNotes(notesBefore, note), qint64(keep)}},
        {QStringLiteral("DELETE FROM %1 WHERE %2 = ?").arg(k.tagTable, k.idColumn), {qint64(other)}},
        {QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(k.table), {qint64(other)}},
    };
    for (const auto& [sql, values] : statements) {
        if (Result<QVariantList> done = run(m_database, sql, values, what); !done) {
            return done.error();
        }
    }
    for (const QString& tag : added) {
        if (Result<QVariantList> done
            = run(m_database, QStringLiteral("INSERT INTO %1 (%2, tag) VALUES (?, ?)").arg(k.tagTable, k.idColumn),
                  {qint64(keep), tag}, what);
            !done) {
            return done.error();
        }
    }
    Result<QVariantList> id = run(
        m_database,
        QStringLiteral("INSERT INTO contact_merges (kind, keep_id, other_id, other_row, moved, keep_notes, note, "
                       "merged_by, merged_at) VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT actor FROM "
                       "temp.change_session), ''), ?) RETURNING id"),
        {k.kind, qint64(keep), qint64(other), QString::fromUtf8(QJsonDocument(row).toJson(QJsonDocument::Compact)),
         QString::fromUtf8(QJsonDocument(moved).toJson(QJsonDocument::Compact)), nonNull(notesBefore), nonNull(note),
         now},
        what);
    if (!id) {
        return id.error();
    }
    return id.value().value(0).toLongLong();
}

Result<std::optional<StoredMerge>> ContactRepository::findMerge(std::int64_t id)
{
    QSqlQuery& query = m_database.prepared(
        QStringLiteral("SELECT id, kind, keep_id, other_id, other_row, moved, keep_notes, note, merged_by, undone "
                       "FROM contact_merges WHERE id = ?"));
    query.addBindValue(qint64(id));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the merge"), query);
    }
    std::optional<StoredMerge> found;
    if (query.next()) {
        StoredMerge merge;
        merge.id = query.value(0).toLongLong();
        merge.type = query.value(1).toString() == contactTypeSlug(ContactType::Person) ? ContactType::Person
                                                                                       : ContactType::Organization;
        merge.keep = query.value(2).toLongLong();
        merge.other = query.value(3).toLongLong();
        merge.otherRow = query.value(4).toString().toUtf8();
        merge.moved = query.value(5).toString().toUtf8();
        merge.keepNotes = query.value(6).toString();
        merge.note = query.value(7).toString();
        merge.mergedBy = query.value(8).toString();
        merge.undone = query.value(9).toInt() != 0;
        found = std::move(merge);
    }
    query.finish();
    return found;
}

Result<void> ContactRepository::undoMerge(const StoredMerge& merge, const QString& now, bool onServer)
{
    const MergeKind k = mergeKind(merge.type);
    const QString what = QStringLiteral("undo the merge");
    m_linkCache = {};
    if (onServer) {
        Result<QVariantList> undone
            = run(m_database, QStringLiteral("SELECT dealboard_undo_merge(?)"), {qint64(merge.id)}, what);
        if (!undone) {
            return undone.error();
        }
        return {};
    }
    const QJsonObject row = QJsonDocument::fromJson(merge.otherRow).object();
    const QJsonObject moved = QJsonDocument::fromJson(merge.moved).object();
    // The contact back with its own id and fields; a person's organization
    // only while it is still there.
    const QStringList columns = merge.type == ContactType::Organization ? ContactKind<Organization>::writtenColumns()
                                                                        : ContactKind<Person>::writtenColumns();
    QVariantList values {qint64(merge.other)};
    for (const QString& column : columns) {
        const QJsonValue value = row.value(column);
        values << (value.isNull() || value.isUndefined()
                       ? QVariant(column == u"organization_id" ? QVariant(QMetaType::fromType<qint64>())
                                                               : QVariant(QStringLiteral("")))
                       : value.toVariant());
    }
    QString insert
        = QStringLiteral("INSERT INTO %1 (id, %2) VALUES (?%3)")
              .arg(k.table, columns.join(QStringLiteral(", ")), QStringLiteral(", ?").repeated(columns.size()));
    if (merge.type == ContactType::Person) {
        const int at = columns.indexOf(QStringLiteral("organization_id")) + 1;
        Result<QVariantList> there
            = run(m_database, QStringLiteral("SELECT id FROM organizations WHERE id = ?"), {values.at(at)}, what);
        if (!there) {
            return there.error();
        }
        if (there.value().isEmpty()) {
            values[at] = QVariant(QMetaType::fromType<qint64>());
        }
    }
    if (Result<QVariantList> done = run(m_database, insert, values, what); !done) {
        return done.error();
    }
    for (const QJsonValue& tag : row.value(QStringLiteral("tags")).toArray()) {
        if (Result<QVariantList> done
            = run(m_database, QStringLiteral("INSERT INTO %1 (%2, tag) VALUES (?, ?)").arg(k.tagTable, k.idColumn),
                  {qint64(merge.other), tag.toString()}, what);
            !done) {
            return done.error();
        }
    }
    // Back what moved and is still on the kept contact.
    const auto moveBack = [&](const char* list, const QString& sql) -> Result<void> {
        for (const QJsonValue& id : ids(moved.value(QLatin1String(list)))) {
            QVariantList bound {qint64(merge.other)};
            if (sql.contains(u"updated_at")) {
                bound << now;
            }
            bound << id.toVariant() << qint64(merge.keep);
            if (Result<QVariantList> done = run(m_database, sql, bound, what); !done) {
                return done.error();
            }
        }
        return {};
    };
    for (const auto& [list, sql] : {
             std::pair {"deals",
                        QStringLiteral("UPDATE deals SET %1 = ?, version = version + 1, updated_at = ? "
                                       "WHERE id = ? AND %1 = ?")
                            .arg(k.idColumn)},
             std::pair {"activities",
                        QStringLiteral("UPDATE activities SET person_id = ? WHERE id = ? AND person_id = ?")},
             std::pair {"people",
                        QStringLiteral("UPDATE people SET organization_id = ? WHERE id = ? AND organization_id = ?")},
         }) {
        if (Result<void> done = moveBack(list, sql); !done) {
            return done;
        }
    }
    for (const QJsonValue& tag : moved.value(QStringLiteral("tags")).toArray()) {
        if (Result<QVariantList> done
            = run(m_database, QStringLiteral("DELETE FROM %1 WHERE %2 = ? AND tag = ?").arg(k.tagTable, k.idColumn),
                  {qint64(merge.keep), tag.toString()}, what);
            !done) {
            return done.error();
        }
    }
    // The note away, as far as it is still there as the merge wrote it.
    Result<QVariantList> notes
        = run(m_database, QStringLiteral("SELECT notes FROM %1 WHERE id = ?").arg(k.table), {qint64(merge.keep)}, what);
    if (!notes) {
        return notes.error();
    }
    QString current = notes.value().value(0).toString();
    if (current == joinedNotes(merge.keepNotes, merge.note)) {
        current = merge.keepNotes;
    } else if (!merge.note.isEmpty()) {
        current.replace(QStringLiteral("\n\n") + merge.note, QString()).replace(merge.note, QString());
    }
    for (const auto& [sql, bound] : QList<std::pair<QString, QVariantList>> {
             {QStringLiteral("UPDATE %1 SET notes = ? WHERE id = ?").arg(k.table),
              {nonNull(current), qint64(merge.keep)}},
             {QStringLiteral("UPDATE contact_merges SET undone = 1 WHERE id = ?"), {qint64(merge.id)}},
         }) {
        if (Result<QVariantList> done = run(m_database, sql, bound, what); !done) {
            return done.error();
        }
    }
    return {};
}

} // namespace dealboard
