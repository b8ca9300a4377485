// The store's organizations, people, segment tags and activities.
#include "RawQuery.h"
#include "StoreValues.h"
#include "dealboard/DealStore.h"
#include "dealboard/StoredTime.h"

#include <QSqlError>
#include <map>
#include <spdlog/spdlog.h>

namespace dealboard {

namespace {

const QString OrganizationColumns
    = QStringLiteral("SELECT o.id, o.name, o.industry, o.size, o.region, o.website, o.notes FROM organizations o");
const QString PersonColumns
    = QStringLiteral("SELECT p.id, p.name, p.email, p.phone, p.role, p.organization_id, COALESCE(o.name, ''), p.notes "
                     "FROM people p LEFT JOIN organizations o ON o.id = p.organization_id");
const QString ActivityColumns = QStringLiteral(
    "SELECT a.id, a.deal_id, a.person_id, a.kind, a.subject, a.due_date, a.due_time, a.done, a.done_at, a.notes, "
    "a.created_at, d.title, COALESCE(p.name, '') FROM activities a JOIN deals d ON d.id = a.deal_id "
    "LEFT JOIN people p ON p.id = a.person_id");

Organization readOrganization(const QSqlQuery& query)
{
    Organization organization;
    organization.id = query.value(0).toLongLong();
    organization.name = query.value(1).toString();
    organization.industry = query.value(2).toString();
    organization.size = query.value(3).toString();
    organization.region = query.value(4).toString();
    organization.website = query.value(5).toString();
    organization.notes = query.value(6).toString();
    return organization;
}

Person readPerson(const QSqlQuery& query)
{
    Person person;
    person.id = query.value(0).toLongLong();
    person.name = query.value(1).toString();
    person.email = query.value(2).toString();
    person.phone = query.value(3).toString();
    person.role = query.value(4).toString();
    person.organizationId = query.value(5).toLongLong();
    person.organizationName = query.value(6).toString();
    person.notes = query.value(7).toString();
    return person;
}

Activity readActivity(const QSqlQuery& query)
{
    Activity activity;
    activity.id = query.value(0).toLongLong();
    activity.dealId = query.value(1).toLongLong();
    activity.personId = query.value(2).toLongLong();
    activity.kind = activityKindFromSlug(query.value(3).toString()).value_or(ActivityKind::Task);
    activity.subject = query.value(4).toString();
    activity.dueDate = fromStoredDate(query.value(5).toString());
    activity.dueTime = storedClockTime(query.value(6));
    activity.done = query.value(7).toBool();
    if (!query.value(8).isNull()) {
        activity.doneAt = fromStoredTime(query.value(8).toString());
    }
    activity.notes = query.value(9).toString();
    activity.createdAt = fromStoredTime(query.value(10).toString());
    activity.dealTitle = query.value(11).toString();
    activity.personName = query.value(12).toString();
    return activity;
}

// A LIKE pattern that finds `text` anywhere, with LIKE's own wildcards escaped.
QString containsPattern(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('%'), QStringLiteral("\\%"))
        .replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace

Result<void> DealStore::linkParties(Deal& deal)
{
    deal.company = deal.company.trimmed();
    deal.contactName = deal.contactName.trimmed();
    deal.email = deal.email.trimmed();
    deal.phone = deal.phone.trimmed();

    // Light lookups (no tags), remembered for the rest of the transaction:
    // this runs for every deal written, seeds and imports included.
    deal.organizationId = 0;
    if (!deal.company.isEmpty()) {
        const QString key = asciiLower(deal.company);
        if (const auto known = m_linkCache.organizations.constFind(key); known != m_linkCache.organizations.cend()) {
            deal.organizationId = known->first;
            deal.company = known->second;
        } else {
            QSqlQuery& query
                = prepared(QStringLiteral("SELECT id, name FROM organizations WHERE lower(name) = lower(?)"));
            query.addBindValue(deal.company);
            if (!query.exec()) {
                return storageError(QStringLiteral("find the deal's organization"), query);
            }
            if (query.next()) {
                deal.organizationId = query.value(0).toLongLong();
                deal.company = query.value(1).toString();
            }
            query.finish();
            if (deal.organizationId == 0) {
                Organization organization;
                organization.name = deal.company;
                if (Result<void> done = insertOrganization(organization); !done) {
                    return done;
                }
                deal.organizationId = organization.id;
            }
            m_linkCache.organizations.insert(key, {deal.organizationId, deal.company});
        }
    }

    if (deal.contactName.isEmpty() && deal.email.isEmpty() && deal.phone.isEmpty()) {
        deal.personId = 0;
        return {};
    }
    // By email; without one, the same name (or phone) at the same organization.
    const QString personKey = !deal.email.isEmpty()
        ? QStringLiteral("e:") + asciiLower(deal.email)
        : QStringLiteral("n:%1:%2")
              .arg(deal.organizationId)
              .arg(asciiLower(deal.contactName.isEmpty() ? deal.phone : deal.contactName));
    std::optional<Person> person;
    if (const auto known = m_linkCache.people.constFind(personKey); known != m_linkCache.people.cend()) {
        person = *known;
    } else {
        QSqlQuery& query = deal.email.isEmpty()
            ? prepared(PersonColumns
                       + QStringLiteral(" WHERE p.email = '' AND lower(p.name) = lower(?) AND "
                                        "COALESCE(p.organization_id, 0) = ? ORDER BY p.id LIMIT 1"))
            : prepared(PersonColumns + QStringLiteral(" WHERE p.email <> '' AND lower(p.email) = lower(?)"));
        if (deal.email.isEmpty()) {
            query.addBindValue(deal.contactName.isEmpty() ? deal.phone : deal.contactName);
            query.addBindValue(qint64(deal.organizationId));
        } else {
            query.addBindValue(deal.email);
        }
        if (!query.exec()) {
            return storageError(QStringLiteral("find the deal's contact"), query);
        }
        if (query.next()) {
            person = readPerson(query);
        }
        query.finish();
    }
    const std::int64_t previousPerson = deal.personId;
    if (person) {
        bool changed = false;
        if (!deal.contactName.isEmpty() && deal.contactName != person->name) {
            person->name = deal.contactName;
            changed = true;
        }
        // A phone given for the deal's own contact replaces theirs, even when
        // cleared; for another person it only fills a gap.
        if (deal.phone != person->phone && (!deal.phone.isEmpty() || person->id == previousPerson)) {
            person->phone = deal.phone;
            changed = true;
        }
        if (person->organizationId == 0 && deal.organizationId != 0) {
            person->organizationId = deal.organizationId;
            changed = true;
        }
        if (changed) {
            QSqlQuery& update
                = prepared(QStringLiteral("UPDATE people SET name = ?, phone = ?, organization_id = ? WHERE id = ?"));
            update.addBindValue(nonNull(person->name));
            update.addBindValue(nonNull(person->phone));
            update.addBindValue(optionalId(person->organizationId));
            update.addBindValue(qint64(person->id));
            if (!update.exec()) {
                return storageError(QStringLiteral("save the deal's contact"), update);
            }
            update.finish();
        }
    } else {
        Person created;
        created.name = !deal.contactName.isEmpty() ? deal.contactName : !deal.email.isEmpty() ? deal.email : deal.phone;
        created.email = deal.email;
        created.phone = deal.phone;
        created.organizationId = deal.organizationId;
        if (Result<void> done = insertPerson(created); !done) {
            return done;
        }
        person = created;
    }
    m_linkCache.people.insert(personKey, *person);
    deal.personId = person->id;
    deal.contactName = person->name;
    deal.email = person->email;
    deal.phone = person->phone;
    return {};
}

Result<QHash<std::int64_t, QStringList>> DealStore::readTags(const QString& table, const QString& idColumn)
{
    // Table and column names are this file's own constants, never user input.
    QSqlQuery& query = prepared(QStringLiteral("SELECT %1, tag FROM %2 ORDER BY %1, tag").arg(idColumn, table));
    if (!query.exec()) {
        return storageError(QStringLiteral("read the segment tags"), query);
    }
    QHash<std::int64_t, QStringList> tags;
    while (query.next()) {
        tags[query.value(0).toLongLong()] << query.value(1).toString();
    }
    query.finish();
    return tags;
}

Result<void> DealStore::saveTags(const QString& table, const QString& idColumn, std::int64_t id,
                                 const QStringList& tags)
{
    QSqlQuery& remove = prepared(QStringLiteral("DELETE FROM %1 WHERE %2 = ?").arg(table, idColumn));
    remove.addBindValue(qint64(id));
    if (!remove.exec()) {
        return storageError(QStringLiteral("save the segment tags"), remove);
    }
    remove.finish();
    QSqlQuery& insert = prepared(QStringLiteral("INSERT INTO %1 (%2, tag) VALUES (?, ?)").arg(table, idColumn));
    for (const QString& tag : tags) {
        insert.addBindValue(qint64(id));
        insert.addBindValue(tag);
        if (!insert.exec()) {
            return storageError(QStringLiteral("save the segment tags"), insert);
        }
        insert.finish();
    }
    return {};
}

Result<std::vector<Organization>> DealStore::organizations(const ContactFilter& filter)
{
    QString sql = OrganizationColumns + QStringLiteral(" WHERE 1 = 1");
    QVariantList values;
    if (!filter.search.trimmed().isEmpty()) {
        sql += QStringLiteral(" AND (o.name LIKE ? ESCAPE '\\' OR o.industry LIKE ? ESCAPE '\\' OR o.region LIKE ? "
                              "ESCAPE '\\')");
        const QString pattern = containsPattern(filter.search.trimmed());
        values << pattern << pattern << pattern;
    }
    if (!filter.tag.isEmpty()) {
        sql += QStringLiteral(" AND EXISTS (SELECT 1 FROM organization_tags t WHERE t.organization_id = o.id AND "
                              "t.tag = ?)");
        values << filter.tag;
    }
    sql += QStringLiteral(" ORDER BY lower(o.name), o.id");
    QSqlQuery& query = prepared(sql);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return storageError(QStringLiteral("read the organizations"), query);
    }
    std::vector<Organization> result;
    while (query.next()) {
        result.push_back(readOrganization(query));
    }
    query.finish();
    Result<QHash<std::int64_t, QStringList>> tags
        = readTags(QStringLiteral("organization_tags"), QStringLiteral("organization_id"));
    if (!tags) {
        return tags.error();
    }
    for (Organization& organization : result) {
        organization.tags = tags.value().value(organization.id);
    }
    return result;
}

Result<std::optional<Organization>> DealStore::findOrganization(OrganizationId id)
{
    QSqlQuery& query = prepared(OrganizationColumns + QStringLiteral(" WHERE o.id = ?"));
    query.addBindValue(qint64(id));
    if (!query.exec()) {
        return storageError(QStringLiteral("read the organization"), query);
    }
    std::optional<Organization> found;
    if (query.next()) {
        found = readOrganization(query);
    }
    query.finish();
    if (found) {
        QSqlQuery& tags
            = prepared(QStringLiteral("SELECT tag FROM organization_tags WHERE organization_id = ? ORDER BY tag"));
        tags.addBindValue(qint64(id));
        if (!tags.exec()) {
            return storageError(QStringLiteral("read the organization's tags"), tags);
        }
        while (tags.next()) {
            found->tags << tags.value(0).toString();
        }
        tags.finish();
    }
    return found;
}

Result<std::optional<Organization>> DealStore::findOrganizationByName(const QString& name)
{
    QSqlQuery& query = prepared(QStringLiteral("SELECT id FROM organizations WHERE lower(name) = lower(?)"));
    query.addBindValue(name.trimmed());
    if (!query.exec()) {
        return storageError(QStringLiteral("find the organization"), query);
    }
    OrganizationId id = 0;
    if (query.next()) {
        id = query.value(0).toLongLong();
    }
    query.finish();
    if (id == 0) {
        return std::optional<Organization>();
    }
    return findOrganization(id);
}

Result<void> DealStore::insertOrganization(Organization& organization)
{
    QSqlQuery& query = prepared(QStringLiteral(
        "INSERT INTO organizations (name, industry, size, region, website, notes) VALUES (?, ?, ?, ?, ?, ?)"));
    for (const QString* text : {&organization.name, &organization.industry, &organization.size, &organization.region,
                                &organization.website, &organization.notes}) {
        query.addBindValue(nonNull(*text));
    }
    if (!query.exec()) {
        return storageError(QStringLiteral("save the organization"), query);
    }
    organization.id = query.lastInsertId().toLongLong();
    query.finish();
    if (organization.tags.isEmpty()) {
        return {};
    }
    return saveTags(QStringLiteral("organization_tags"), QStringLiteral("organization_id"), organization.id,
                    organization.tags);
}

Result<void> DealStore::updateOrganization(const Organization& organization)
{
    m_linkCache = {};
    QSqlQuery& query = prepared(QStringLiteral("UPDATE organizations SET name = ?, industry = ?, size = ?, "
                                               "region = ?, website = ?, notes = ? WHERE id = ?"));
    for (const QString* text : {&organization.name, &organization.industry, &organization.size, &organization.region,
                                &organization.website, &organization.notes}) {
        query.addBindValue(nonNull(*text));
    }
    query.addBindValue(qint64(organization.id));
    if (!query.exec()) {
        return storageError(QStringLiteral("save the organization"), query);
    }
    query.finish();
    return saveTags(QStringLiteral("organization_tags"), QStringLiteral("organization_id"), organization.id,
                    organization.tags);
}

Result<std::vector<Person>> DealStore::people(const ContactFilter& filter)
{
    QString sql = PersonColumns + QStringLiteral(" WHERE 1 = 1");
    QVariantList values;
    if (!filter.search.trimmed().isEmpty()) {
        sql += QStringLiteral(" AND (p.name LIKE ? ESCAPE '\\' OR p.email LIKE ? ESCAPE '\\' OR p.role LIKE ? "
                              "ESCAPE '\\' OR o.name LIKE ? ESCAPE '\\')");
        const QString pattern = containsPattern(filter.search.trimmed());
        values << pattern << pattern << pattern << pattern;
    }
    if (!filter.tag.isEmpty()) {
        sql += QStringLiteral(" AND EXISTS (SELECT 1 FROM person_tags t WHERE t.person_id = p.id AND t.tag = ?)");
        values << filter.tag;
    }
    sql += QStringLiteral(" ORDER BY lower(p.name), p.id");
    QSqlQuery& query = prepared(sql);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return storageError(QStringLiteral("read the people"), query);
    }
    std::vector<Person> result;
    while (query.next()) {
        result.push_back(readPerson(query));
    }
    query.finish();
    Result<QHash<std::int64_t, QStringList>> tags
        = readTags(QStringLiteral("person_tags"), QStringLiteral("person_id"));
    if (!tags) {
        return tags.error();
    }
    for (Person& person : result) {
        person.tags = tags.value().value(person.id);
    }
    return result;
}

Result<std::optional<Person>> DealStore::findPerson(PersonId id)
{
    QSqlQuery& query = prepared(PersonColumns + QStringLiteral(" WHERE p.id = ?"));
    query.addBindValue(qint64(id));
    if (!query.exec()) {
        return storageError(QStringLiteral("read the person"), query);
    }
    std::optional<Person> found;
    if (query.next()) {
        found = readPerson(query);
    }
    query.finish();
    if (found) {
        QSqlQuery& tags = prepared(QStringLiteral("SELECT tag FROM person_tags WHERE person_id = ? ORDER BY tag"));
        tags.addBindValue(qint64(id));
        if (!tags.exec()) {
            return storageError(QStringLiteral("read the person's tags"), tags);
        }
        while (tags.next()) {
            found->tags << tags.value(0).toString();
        }
        tags.finish();
    }
    return found;
}

Result<std::optional<Person>> DealStore::findPersonByEmail(const QString& email)
{
    QSqlQuery& query = prepared(QStringLiteral("SELECT id FROM people WHERE email <> '' AND lower(email) = lower(?)"));
    query.addBindValue(email.trimmed());
    if (!query.exec()) {
        return storageError(QStringLiteral("find the person"), query);
    }
    PersonId id = 0;
    if (query.next()) {
        id = query.value(0).toLongLong();
    }
    query.finish();
    if (id == 0) {
        return std::optional<Person>();
    }
    return findPerson(id);
}

Result<void> DealStore::insertPerson(Person& person)
{
    QSqlQuery& query = prepared(QStringLiteral(
        "INSERT INTO people (name, email, phone, role, organization_id, notes) VALUES (?, ?, ?, ?, ?, ?)"));
    query.addBindValue(nonNull(person.name));
    query.addBindValue(nonNull(person.email));
    query.addBindValue(nonNull(person.phone));
    query.addBindValue(nonNull(person.role));
    query.addBindValue(optionalId(person.organizationId));
    query.addBindValue(nonNull(person.notes));
    if (!query.exec()) {
        return storageError(QStringLiteral("save the person"), query);
    }
    person.id = query.lastInsertId().toLongLong();
    query.finish();
    if (person.tags.isEmpty()) {
        return {};
    }
    return saveTags(QStringLiteral("person_tags"), QStringLiteral("person_id"), person.id, person.tags);
}

Result<void> DealStore::updatePerson(const Person& person)
{
    m_linkCache = {};
    QSqlQuery& query = prepared(QStringLiteral("UPDATE people SET name = ?, email = ?, phone = ?, role = ?, "
                                               "organization_id = ?, notes = ? WHERE id = ?"));
    query.addBindValue(nonNull(person.name));
    query.addBindValue(nonNull(person.email));
    query.addBindValue(nonNull(person.phone));
    query.addBindValue(nonNull(person.role));
    query.addBindValue(optionalId(person.organizationId));
    query.addBindValue(nonNull(person.notes));
    query.addBindValue(qint64(person.id));
    if (!query.exec()) {
        return storageError(QStringLiteral("save the person"), query);
    }
    query.finish();
    return saveTags(QStringLiteral("person_tags"), QStringLiteral("person_id"), person.id, person.tags);
}

Result<std::vector<Segment>> DealStore::segments()
{
    std::map<QString, Segment> byTag;
    const std::pair<const char*, int Segment::*> counts[] = {
        {"SELECT tag, COUNT(*) FROM organization_tags GROUP BY tag", &Segment::organizations},
        {"SELECT tag, COUNT(*) FROM person_tags GROUP BY tag", &Segment::people},
    };
    for (const auto& [sql, member] : counts) {
        QSqlQuery& query = prepared(QString::fromLatin1(sql));
        if (!query.exec()) {
            return storageError(QStringLiteral("read the segments"), query);
        }
        while (query.next()) {
            Segment& segment = byTag[query.value(0).toString()];
            segment.tag = query.value(0).toString();
            segment.*member = query.value(1).toInt();
        }
        query.finish();
    }
    QSqlQuery& rules = prepared(QStringLiteral("SELECT tag, min_touch_days FROM segment_rules"));
    if (!rules.exec()) {
        return storageError(QStringLiteral("read the segments"), rules);
    }
    while (rules.next()) {
        Segment& segment = byTag[rules.value(0).toString()];
        segment.tag = rules.value(0).toString();
        segment.minTouchDays = rules.value(1).toInt();
    }
    rules.finish();
    std::vector<Segment> result;
    for (auto& [tag, segment] : byTag) {
        result.push_back(std::move(segment));
    }
    return result;
}

Result<void> DealStore::saveSegmentRule(const QString& tag, std::optional<int> minTouchDays)
{
    QSqlQuery& remove = prepared(QStringLiteral("DELETE FROM segment_rules WHERE tag = ?"));
    remove.addBindValue(tag);
    if (!remove.exec()) {
        return storageError(QStringLiteral("save the segment's rule"), remove);
    }
    remove.finish();
    if (!minTouchDays) {
        return {};
    }
    QSqlQuery& insert = prepared(QStringLiteral("INSERT INTO segment_rules (tag, min_touch_days) VALUES (?, ?)"));
    insert.addBindValue(tag);
    insert.addBindValue(*minTouchDays);
    if (!insert.exec()) {
        return storageError(QStringLiteral("save the segment's rule"), insert);
    }
    insert.finish();
    return {};
}

Result<std::optional<QString>> DealStore::setting(const QString& key)
{
    QSqlQuery& query = prepared(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    query.addBindValue(key);
    if (!query.exec()) {
        return storageError(QStringLiteral("read the settings"), query);
    }
    std::optional<QString> value;
    if (query.next()) {
        value = query.value(0).toString();
    }
    query.finish();
    return value;
}

Result<void> DealStore::saveSetting(const QString& key, const QString& value)
{
    QSqlQuery& remove = prepared(QStringLiteral("DELETE FROM settings WHERE key = ?"));
    remove.addBindValue(key);
    if (!remove.exec()) {
        return storageError(QStringLiteral("save the setting"), remove);
    }
    remove.finish();
    QSqlQuery& insert = prepared(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"));
    insert.addBindValue(key);
    insert.addBindValue(value);
    if (!insert.exec()) {
        return storageError(QStringLiteral("save the setting"), insert);
    }
    insert.finish();
    return {};
}

Result<std::vector<DealId>> DealStore::dealsWithTag(const QString& tag)
{
    QSqlQuery& query = prepared(QStringLiteral(
        "SELECT d.id FROM deals d WHERE EXISTS (SELECT 1 FROM organization_tags t WHERE t.organization_id = "
        "d.organization_id AND t.tag = ?) OR EXISTS (SELECT 1 FROM person_tags t WHERE t.person_id = d.person_id "
        "AND t.tag = ?) ORDER BY d.id"));
    query.addBindValue(tag);
    query.addBindValue(tag);
    if (!query.exec()) {
        return storageError(QStringLiteral("find the segment's deals"), query);
    }
    std::vector<DealId> ids;
    while (query.next()) {
        ids.push_back(query.value(0).toLongLong());
    }
    query.finish();
    return ids;
}

Result<QStringList> DealStore::personSegmentTags(PersonId id)
{
    QSqlQuery& query = prepared(
        QStringLiteral("SELECT tag FROM person_tags WHERE person_id = ? UNION SELECT t.tag FROM organization_tags t "
                       "JOIN people p ON p.organization_id = t.organization_id WHERE p.id = ? ORDER BY 1"));
    query.addBindValue(qint64(id));
    query.addBindValue(qint64(id));
    if (!query.exec()) {
        return storageError(QStringLiteral("read the person's segments"), query);
    }
    QStringList tags;
    while (query.next()) {
        tags << query.value(0).toString();
    }
    query.finish();
    return tags;
}

Result<std::vector<Activity>> DealStore::activities(const ActivityFilter& filter)
{
    QString sql = ActivityColumns + QStringLiteral(" WHERE 1 = 1");
    QVariantList values;
    if (filter.dealId > 0) {
        sql += QStringLiteral(" AND a.deal_id = ?");
        values << qint64(filter.dealId);
    }
    if (filter.personId > 0) {
        sql += QStringLiteral(" AND a.person_id = ?");
        values << qint64(filter.personId);
    }
    if (filter.openOnly) {
        sql += QStringLiteral(" AND a.done = 0");
    }
    if (filter.dueBefore.isValid()) {
        sql += QStringLiteral(" AND a.due_date < ?");
        values << toStoredDate(filter.dueBefore);
    }
    sql += QStringLiteral(" ORDER BY a.due_date, COALESCE(a.due_time, '24:00'), a.id");
    QSqlQuery& query = prepared(sql);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return storageError(QStringLiteral("read the activities"), query);
    }
    std::vector<Activity> result;
    while (query.next()) {
        result.push_back(readActivity(query));
    }
    query.finish();
    return result;
}

Result<std::optional<Activity>> DealStore::findActivity(ActivityId id)
{
    QSqlQuery& query = prepared(ActivityColumns + QStringLiteral(" WHERE a.id = ?"));
    query.addBindValue(qint64(id));
    if (!query.exec()) {
        return storageError(QStringLiteral("read the activity"), query);
    }
    std::optional<Activity> found;
    if (query.next()) {
        found = readActivity(query);
    }
    query.finish();
    return found;
}

Result<void> DealStore::insertActivity(Activity& activity)
{
    RawQuery query(rawHandle(),
                   keptStatement("INSERT INTO activities (deal_id, person_id, kind, subject, due_date, "
                                 "due_time, done, done_at, notes, created_at) VALUES "
                                 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.bind(1, std::int64_t(activity.dealId));
    if (activity.personId > 0) {
        query.bind(2, std::int64_t(activity.personId));
    } else {
        query.bindNull(2);
    }
    query.bind(3, activityKindSlug(activity.kind));
    query.bind(4, nonNull(activity.subject));
    query.bind(5, toStoredDate(activity.dueDate));
    if (activity.dueTime.isValid()) {
        query.bind(6, activity.dueTime.toString(QStringLiteral("HH:mm")));
    } else {
        query.bindNull(6);
    }
    query.bind(7, std::int64_t(activity.done ? 1 : 0));
    if (activity.done && activity.doneAt.isValid()) {
        query.bind(8, toStoredTime(activity.doneAt));
    } else {
        query.bindNull(8);
    }
    query.bind(9, nonNull(activity.notes));
    query.bind(10, toStoredTime(activity.createdAt));
    if (!query.run()) {
        return rawError(QStringLiteral("save the activity"), query);
    }
    activity.id = query.lastInsertId();
    return {};
}

Result<void> DealStore::updateActivity(const Activity& activity)
{
    QSqlQuery& query = prepared(QStringLiteral("UPDATE activities SET person_id = ?, kind = ?, subject = ?, "
                                               "due_date = ?, due_time = ?, done = ?, done_at = ?, notes = ? "
                                               "WHERE id = ?"));
    query.addBindValue(optionalId(activity.personId));
    query.addBindValue(activityKindSlug(activity.kind));
    query.addBindValue(nonNull(activity.subject));
    query.addBindValue(toStoredDate(activity.dueDate));
    query.addBindValue(toStoredClockTime(activity.dueTime));
    query.addBindValue(int(activity.done));
    query.addBindValue(activity.done && activity.doneAt.isValid() ? QVariant(toStoredTime(activity.doneAt))
                                                                  : QVariant(QMetaType::fromType<QString>()));
    query.addBindValue(nonNull(activity.notes));
    query.addBindValue(qint64(activity.id));
    if (!query.exec()) {
        return storageError(QStringLiteral("save the activity"), query);
    }
    query.finish();
    return {};
}

Result<std::vector<std::pair<PersonId, QDate>>> DealStore::touchDays(const QDate& since)
{
    // Stored times begin with their UTC date, the same as Activity::touchDate().
    RawQuery query(rawHandle(),
                   "SELECT person_id, CASE WHEN done = 1 AND done_at IS NOT NULL THEN substr(done_at, 1, 10) "
                   "ELSE due_date END FROM activities WHERE kind <> 'task' AND person_id IS NOT NULL "
                   "AND CASE WHEN done = 1 AND done_at IS NOT NULL THEN substr(done_at, 1, 10) ELSE due_date END >= ?");
    query.bind(1, toStoredDate(since));
    std::vector<std::pair<PersonId, QDate>> touches;
    while (query.next()) {
        const std::string_view day = query.bytes(1);
        touches.emplace_back(query.int64(0),
                             fromStoredDate(QString::fromLatin1(day.data(), static_cast<qsizetype>(day.size()))));
    }
    if (query.failed()) {
        return rawError(QStringLiteral("read the touches"), query);
    }
    return touches;
}

Result<std::vector<std::pair<DealId, QDate>>> DealStore::lastTouchOfOpenDeals()
{
    QSqlQuery& query
        = prepared(QStringLiteral("SELECT d.id, MAX(CASE WHEN a.done = 1 AND a.kind <> 'task' THEN a.done_at END) "
                                  "FROM deals d LEFT JOIN activities a ON a.deal_id = d.id WHERE d.status = 'open' "
                                  "GROUP BY d.id ORDER BY d.id"));
    if (!query.exec()) {
        return storageError(QStringLiteral("read the deals' last touches"), query);
    }
    std::vector<std::pair<DealId, QDate>> result;
    while (query.next()) {
        const QVariant last = query.value(1);
        result.emplace_back(query.value(0).toLongLong(),
                            last.isNull() ? QDate() : fromStoredTime(last.toString()).date());
    }
    query.finish();
    return result;
}

} // namespace dealboard
