// Organizations and people: one implementation over the two kinds, each
// described once by a ContactKind.
#include "dealboard/store/ContactRepository.h"

#include "ContactKinds.h"
#include "Database.h"
#include "RawQuery.h"

#include <QSqlError>

namespace dealboard {

using namespace contacts;

ContactRepository::ContactRepository(Database& database)
    : m_database(database)
{
}

template<typename Record> Result<std::vector<Record>> ContactRepository::list(const ContactFilter& filter)
{
    using Kind = ContactKind<Record>;
    const QString a = Kind::alias();
    QString sql = Kind::select() + QStringLiteral(" WHERE 1 = 1");
    QVariantList values;
    if (!filter.search.trimmed().isEmpty()) {
        QStringList conditions;
        const QString pattern = containsPattern(filter.search.trimmed());
        for (const QString& column : Kind::searchColumns()) {
            conditions << QStringLiteral("%1 %2 ? ESCAPE '\\'").arg(column, m_database.caseFreeLike());
            values << pattern;
        }
        sql += QStringLiteral(" AND (%1)").arg(conditions.join(QStringLiteral(" OR ")));
    }
    if (!filter.tag.isEmpty()) {
        sql += QStringLiteral(" AND EXISTS (SELECT 1 FROM %1 t WHERE t.%2 = %3.id AND t.tag = ?)")
                   .arg(Kind::tagTable(), Kind::idColumn(), a);
        values << filter.tag;
    }
    sql += QStringLiteral(" ORDER BY lower(%1.name), %1.id").arg(a);
    QSqlQuery& query = m_database.prepared(sql);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the %1").arg(Kind::plural()), query);
    }
    std::vector<Record> result;
    while (query.next()) {
        result.push_back(Kind::read(query));
    }
    query.finish();
    QSqlQuery& tagQuery = m_database.prepared(
        QStringLiteral("SELECT %1, tag FROM %2 ORDER BY %1, tag").arg(Kind::idColumn(), Kind::tagTable()));
    if (!tagQuery.exec()) {
        return m_database.storageError(QStringLiteral("read the segment tags"), tagQuery);
    }
    QHash<std::int64_t, QStringList> tags;
    while (tagQuery.next()) {
        tags[tagQuery.value(0).toLongLong()] << tagQuery.value(1).toString();
    }
    tagQuery.finish();
    for (Record& record : result) {
        record.tags = tags.value(record.id);
    }
    return result;
}

template<typename Record> Result<std::optional<Record>> ContactRepository::find(std::int64_t id)
{
    using Kind = ContactKind<Record>;
    QSqlQuery& query = m_database.prepared(Kind::select() + QStringLiteral(" WHERE %1.id = ?").arg(Kind::alias()));
    query.addBindValue(qint64(id));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the %1").arg(Kind::one()), query);
    }
    std::optional<Record> found;
    if (query.next()) {
        found = Kind::read(query);
    }
    query.finish();
    if (found) {
        QSqlQuery& tags = m_database.prepared(
            QStringLiteral("SELECT tag FROM %1 WHERE %2 = ? ORDER BY tag").arg(Kind::tagTable(), Kind::idColumn()));
        tags.addBindValue(qint64(id));
        if (!tags.exec()) {
            return m_database.storageError(QStringLiteral("read the %1 tags").arg(Kind::possessive()), tags);
        }
        while (tags.next()) {
            found->tags << tags.value(0).toString();
        }
        tags.finish();
    }
    return found;
}

template<typename Record>
Result<std::optional<Record>> ContactRepository::findBy(const QString& sql, const QString& key)
{
    QSqlQuery& query = m_database.prepared(sql);
    query.addBindValue(key.trimmed());
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("find the %1").arg(ContactKind<Record>::one()), query);
    }
    std::int64_t id = 0;
    if (query.next()) {
        id = query.value(0).toLongLong();
    }
    query.finish();
    if (id == 0) {
        return std::optional<Record>();
    }
    return find<Record>(id);
}

template<typename Record> Result<void> ContactRepository::write(Record& record, bool insert)
{
    using Kind = ContactKind<Record>;
    const QStringList columns = Kind::writtenColumns();
    if (insert) {
        // Seeds and imports make tens of thousands: a kept statement through
        // the engine's C API (RawQuery), not Qt SQL.
        const QByteArray statement = QStringLiteral("INSERT INTO %1 (%2) VALUES (?%3) RETURNING id")
                                         .arg(Kind::table(), columns.join(QStringLiteral(", ")),
                                              QStringLiteral(", ?").repeated(columns.size() - 1))
                                         .toUtf8();
        RawQuery row(m_database, statement.constData(), RawQuery::Keep);
        int index = 0;
        for (const QVariant& value : Kind::values(record)) {
            row.bind(++index, value);
        }
        record.id = row.insert();
        if (record.id == 0) {
            return m_database.rawError(QStringLiteral("save the %1").arg(Kind::one()), row);
        }
        if (record.tags.isEmpty()) {
            return {};
        }
        return saveTags(Kind::tagTable(), Kind::idColumn(), record.id, record.tags);
    }
    // A name or email may change: what linkParties learnt no longer holds.
    m_linkCache = {};
    QSqlQuery& query = m_database.prepared(
        QStringLiteral("UPDATE %1 SET %2 = ? WHERE id = ?").arg(Kind::table(), columns.join(QStringLiteral(" = ?, "))));
    for (const QVariant& value : Kind::values(record)) {
        query.addBindValue(value);
    }
    query.addBindValue(qint64(record.id));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("save the %1").arg(Kind::one()), query);
    }
    indexKey(record); // its old key's entry stays, and is checked on a hit
    if (query.numRowsAffected() == 0) {
        // On a team's server the row is there but not this user's to change.
        query.finish();
        return makeError(ErrorCode::RefusedByRules,
                         QStringLiteral("Only a manager, or the rep who made the %1 or whose deals alone it serves, "
                                        "can change it; nothing was changed.")
                             .arg(Kind::one()));
    }
    query.finish();
    return saveTags(Kind::tagTable(), Kind::idColumn(), record.id, record.tags);
}

Result<void> ContactRepository::saveTags(const QString& table, const QString& idColumn, std::int64_t id,
                                         const QStringList& tags)
{
    if (m_database.derivedByServer()) {
        // A member sets a contact's tags through the server, under the
        // contact's rights; the tags travel as one text, split there.
        QSqlQuery& set
            = m_database.prepared(QStringLiteral("SELECT dealboard_set_tags(?, ?, string_to_array(?, chr(31)))"));
        set.addBindValue(table == QLatin1String("person_tags") ? QStringLiteral("people")
                                                               : QStringLiteral("organizations"));
        set.addBindValue(qint64(id));
        set.addBindValue(tags.join(QChar(0x1f)));
        if (!set.exec()) {
            return m_database.storageError(QStringLiteral("save the segment tags"), set);
        }
        set.finish();
        return {};
    }
    QSqlQuery& remove = m_database.prepared(QStringLiteral("DELETE FROM %1 WHERE %2 = ?").arg(table, idColumn));
    remove.addBindValue(qint64(id));
    if (!remove.exec()) {
        return m_database.storageError(QStringLiteral("save the segment tags"), remove);
    }
    remove.finish();
    QSqlQuery& insert
        = m_database.prepared(QStringLiteral("INSERT INTO %1 (%2, tag) VALUES (?, ?)").arg(table, idColumn));
    for (const QString& tag : tags) {
        insert.addBindValue(qint64(id));
        insert.addBindValue(tag);
        if (!insert.exec()) {
            return m_database.storageError(QStringLiteral("save the segment tags"), insert);
        }
        insert.finish();
    }
    return {};
}

Result<std::vector<Organization>> ContactRepository::organizations(const ContactFilter& filter)
{
    return list<Organization>(filter);
}

Result<std::optional<Organization>> ContactRepository::findOrganization(OrganizationId id)
{
    return find<Organization>(id);
}

Result<std::optional<Organization>> ContactRepository::findOrganizationByName(const QString& name)
{
    return findBy<Organization>(QStringLiteral("SELECT id FROM organizations WHERE lower(name) = lower(?)"), name);
}

Result<void> ContactRepository::insertOrganization(Organization& organization)
{
    Result<void> done = write(organization, true);
    if (done) {
        indexKey(organization);
    }
    return done;
}

Result<void> ContactRepository::updateOrganization(const Organization& organization)
{
    Organization copy = organization;
    return write(copy, false);
}

Result<std::vector<Person>> ContactRepository::people(const ContactFilter& filter)
{
    return list<Person>(filter);
}

Result<std::optional<Person>> ContactRepository::findPerson(PersonId id)
{
    return find<Person>(id);
}

Result<std::optional<Person>> ContactRepository::findPersonByEmail(const QString& email)
{
    return findBy<Person>(QStringLiteral("SELECT id FROM people WHERE email <> '' AND lower(email) = lower(?)"), email);
}

Result<void> ContactRepository::insertPerson(Person& person)
{
    Result<void> done = write(person, true);
    if (done) {
        indexKey(person);
    }
    return done;
}

Result<void> ContactRepository::updatePerson(const Person& person)
{
    Person copy = person;
    return write(copy, false);
}

} // namespace dealboard
