// ContactRepository's links: the organization and person a deal names, found
// or made; the deals and people a segment tag reaches.
#include "ContactKinds.h"
#include "Database.h"
#include "RawQuery.h"
#include "StoreValues.h"
#include "dealboard/ContactKeys.h"
#include "dealboard/store/ContactRepository.h"

#include <QSqlError>
#include <algorithm>
#include <spdlog/spdlog.h>
#include <tuple>
#include <type_traits>

namespace dealboard {

namespace {

// What linkParties remembers is a shortcut, the database holds the truth:
// past this many names it starts again, so an import of a million deals with
// a million companies and people holds tens of thousands (a few MB), not all
// of them, while a pipeline's usual tens of thousands of people are each
// looked up once.
constexpr qsizetype LinkCacheLimit = 65536;

template<typename Hash> void makeRoom(Hash& hash)
{
    if (hash.size() >= LinkCacheLimit) {
        hash.clear();
    }
}

size_t hashed(const QString& key)
{
    return qHash(key, size_t(0x5eed));
}

// A contact's normalized key: an organization's name, a person's phone.
QString keyOf(const Organization& organization)
{
    return ContactKeys::organization(organization.name);
}

QString keyOf(const Person& person)
{
    return ContactKeys::phone(person.phone);
}

// The oldest contact but `except` that `index` holds under `key` and whose
// row, read by `find`, still has it: the entry of a contact renamed or
// removed since misleads nobody.
template<typename Record, typename Find>
Result<std::optional<Record>> oldestWithKey(const QMultiHash<size_t, std::int64_t>& index, const QString& key,
                                            std::int64_t except, const Find& find)
{
    if (key.isEmpty()) {
        return std::optional<Record>();
    }
    QList<std::int64_t> ids = index.values(hashed(key));
    std::sort(ids.begin(), ids.end());
    for (const std::int64_t id : ids) {
        if (id == except) {
            continue;
        }
        Result<std::optional<Record>> found = find(id);
        if (!found) {
            return found.error();
        }
        if (found.value() && keyOf(*found.value()) == key) {
            return found.value();
        }
    }
    return std::optional<Record>();
}

} // namespace

Result<void> ContactRepository::readKeys(bool organizations)
{
    if (organizations ? m_keys.organizations.has_value() : m_keys.phones.has_value()) {
        return {}; // read once per write transaction
    }
    QSqlQuery& query
        = m_database.prepared(organizations ? QStringLiteral("SELECT id, name FROM organizations")
                                            : QStringLiteral("SELECT id, phone FROM people WHERE phone <> ''"));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the contacts' names"), query);
    }
    QMultiHash<size_t, std::int64_t> index;
    while (query.next()) {
        const QString text = query.value(1).toString();
        const QString key = organizations ? ContactKeys::organization(text) : ContactKeys::phone(text);
        if (!key.isEmpty()) {
            index.insert(hashed(key), query.value(0).toLongLong());
        }
    }
    query.finish();
    (organizations ? m_keys.organizations : m_keys.phones) = std::move(index);
    return {};
}

template<typename Record> void ContactRepository::indexKey(const Record& record)
{
    std::optional<QMultiHash<size_t, std::int64_t>>& index
        = std::is_same_v<Record, Organization> ? m_keys.organizations : m_keys.phones;
    if (const QString key = keyOf(record); index && !key.isEmpty()) {
        index->insert(hashed(key), record.id);
    }
}

template void ContactRepository::indexKey(const Organization&);
template void ContactRepository::indexKey(const Person&);

Result<std::optional<std::pair<OrganizationId, QString>>> ContactRepository::organizationLike(const QString& name,
                                                                                              OrganizationId except)
{
    if (Result<void> read = readKeys(true); !read) {
        return read.error();
    }
    Result<std::optional<Organization>> found
        = oldestWithKey<Organization>(*m_keys.organizations, ContactKeys::organization(name), except,
                                      [this](std::int64_t id) { return findOrganization(id); });
    if (!found) {
        return found.error();
    }
    if (!found.value()) {
        return std::optional<std::pair<OrganizationId, QString>>();
    }
    return std::optional(std::pair {found.value()->id, found.value()->name});
}

Result<std::optional<Person>> ContactRepository::personWithPhone(const QString& phone, PersonId except)
{
    if (Result<void> read = readKeys(false); !read) {
        return read.error();
    }
    return oldestWithKey<Person>(*m_keys.phones, ContactKeys::phone(phone), except,
                                 [this](std::int64_t id) { return findPerson(id); });
}

Result<std::vector<std::pair<OrganizationId, QString>>> ContactRepository::organizationNames()
{
    QSqlQuery& query = m_database.prepared(QStringLiteral("SELECT id, name FROM organizations ORDER BY id"));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the organizations' names"), query);
    }
    std::vector<std::pair<OrganizationId, QString>> names;
    while (query.next()) {
        names.emplace_back(query.value(0).toLongLong(), query.value(1).toString());
    }
    query.finish();
    return names;
}

Result<std::vector<Person>> ContactRepository::peopleReached()
{
    QSqlQuery& query = m_database.prepared(
        QStringLiteral("SELECT id, name, email, phone FROM people WHERE email <> '' OR phone <> '' ORDER BY id"));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the people's emails and phones"), query);
    }
    std::vector<Person> people;
    while (query.next()) {
        Person& person = people.emplace_back();
        person.id = query.value(0).toLongLong();
        person.name = query.value(1).toString();
        person.email = query.value(2).toString();
        person.phone = query.value(3).toString();
    }
    query.finish();
    return people;
}

Result<std::pair<OrganizationId, QString>> ContactRepository::organizationNamed(const QString& name)
{
    const QString key = asciiLower(name);
    if (const auto known = m_linkCache.organizations.constFind(key); known != m_linkCache.organizations.cend()) {
        return *known;
    }
    QSqlQuery& query
        = m_database.prepared(QStringLiteral("SELECT id, name FROM organizations WHERE lower(name) = lower(?)"));
    query.addBindValue(name);
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("find the organization"), query);
    }
    Organization organization;
    organization.name = name;
    if (query.next()) {
        organization.id = query.value(0).toLongLong();
        organization.name = query.value(1).toString();
    }
    query.finish();
    if (organization.id == 0) {
        // Not as written, but perhaps as "Acme GmbH" for "ACME": that one is meant.
        Result<std::optional<std::pair<OrganizationId, QString>>> like = organizationLike(name);
        if (!like) {
            return like.error();
        }
        if (like.value()) {
            std::tie(organization.id, organization.name) = *like.value();
            m_likeLinks << QStringLiteral("'%1' → existing organization '%2' (id %3)")
                               .arg(name, organization.name)
                               .arg(organization.id);
        }
    }
    if (organization.id == 0) {
        if (Result<void> done = insertOrganization(organization); !done) {
            return done.error();
        }
    }
    makeRoom(m_linkCache.organizations);
    m_linkCache.organizations.insert(key, {organization.id, organization.name});
    return std::pair {organization.id, organization.name};
}

Result<void> ContactRepository::linkParties(Deal& deal)
{
    deal.company = deal.company.trimmed();
    deal.contactName = deal.contactName.trimmed();
    deal.email = deal.email.trimmed();
    deal.phone = deal.phone.trimmed();

    // Light lookups (no tags), remembered for the rest of the transaction (up
    // to LinkCacheLimit names): this runs for every deal written, seeds and
    // imports included.
    deal.organizationId = 0;
    if (!deal.company.isEmpty()) {
        Result<std::pair<OrganizationId, QString>> organization = organizationNamed(deal.company);
        if (!organization) {
            return organization.error();
        }
        std::tie(deal.organizationId, deal.company) = organization.value();
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
    bool byPhone = false; // found by the phone: the name typed does not rename them
    if (const auto known = m_linkCache.people.constFind(personKey); known != m_linkCache.people.cend()) {
        person = *known;
    } else {
        // Through the engine's C API (RawQuery): seeds and imports look up
        // every person they name once.
        static const QByteArray byName = (contacts::ContactKind<Person>::select()
                                          + QStringLiteral(" WHERE p.email = '' AND lower(p.name) = lower(?) AND "
                                                           "COALESCE(p.organization_id, 0) = ? ORDER BY p.id LIMIT 1"))
                                             .toUtf8();
        static const QByteArray byEmail = (contacts::ContactKind<Person>::select()
                                           + QStringLiteral(" WHERE p.email <> '' AND lower(p.email) = lower(?)"))
                                              .toUtf8();
        RawQuery query(m_database, deal.email.isEmpty() ? byName.constData() : byEmail.constData(), RawQuery::Keep);
        if (deal.email.isEmpty()) {
            query.bind(1, deal.contactName.isEmpty() ? deal.phone : deal.contactName);
            query.bind(2, std::int64_t(deal.organizationId));
        } else {
            query.bind(1, deal.email);
        }
        if (query.next()) {
            person = contacts::ContactKind<Person>::read(query);
        } else if (query.failed()) {
            return m_database.rawError(QStringLiteral("find the deal's contact"), query);
        }
        // Without an email, a known phone names the person as well as a name does.
        if (!person && deal.email.isEmpty() && !deal.phone.isEmpty()) {
            Result<std::optional<Person>> samePhone = personWithPhone(deal.phone);
            if (!samePhone) {
                return samePhone.error();
            }
            if (samePhone.value()) {
                person = samePhone.value();
                byPhone = true;
                m_likeLinks << QStringLiteral("'%1' → existing person '%2' (id %3), the same phone")
                                   .arg(deal.contactName.isEmpty() ? deal.phone : deal.contactName, person->name)
                                   .arg(person->id);
            }
        }
    }
    const std::int64_t previousPerson = deal.personId;
    if (person) {
        bool changed = false;
        if (!byPhone && !deal.contactName.isEmpty() && deal.contactName != person->name) {
            if (m_keepNames) {
                if (!m_namesKept.contains(person->id)) {
                    m_namesKept.insert(person->id);
                    m_likeLinks << QStringLiteral("'%1' → existing person '%2' (id %3), the same email")
                                       .arg(deal.contactName, person->name)
                                       .arg(person->id);
                }
            } else {
                person->name = deal.contactName;
                changed = true;
            }
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
            RawQuery update(m_database, "UPDATE people SET name = ?, phone = ?, organization_id = ? WHERE id = ?",
                            RawQuery::Keep);
            update.bind(1, nonNull(person->name));
            update.bind(2, nonNull(person->phone));
            update.bind(3, optionalId(person->organizationId));
            update.bind(4, std::int64_t(person->id));
            if (!update.run()) {
                return m_database.rawError(QStringLiteral("save the deal's contact"), update);
            }
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
    if (!byPhone) {
        makeRoom(m_linkCache.people);
        m_linkCache.people.insert(personKey, *person);
    }
    deal.personId = person->id;
    deal.contactName = person->name;
    deal.email = person->email;
    deal.phone = person->phone;
    return {};
}

Result<std::vector<DealId>> ContactRepository::dealsWithTag(const QString& tag)
{
    QSqlQuery& query = m_database.prepared(QStringLiteral(
        "SELECT d.id FROM deals d WHERE EXISTS (SELECT 1 FROM organization_tags t WHERE t.organization_id = "
        "d.organization_id AND t.tag = ?) OR EXISTS (SELECT 1 FROM person_tags t WHERE t.person_id = d.person_id "
        "AND t.tag = ?) ORDER BY d.id"));
    query.addBindValue(tag);
    query.addBindValue(tag);
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("find the segment's deals"), query);
    }
    std::vector<DealId> ids;
    while (query.next()) {
        ids.push_back(query.value(0).toLongLong());
    }
    query.finish();
    return ids;
}

Result<QStringList> ContactRepository::personSegmentTags(PersonId id)
{
    QSqlQuery& query = m_database.prepared(
        QStringLiteral("SELECT tag FROM person_tags WHERE person_id = ? UNION SELECT t.tag FROM organization_tags t "
                       "JOIN people p ON p.organization_id = t.organization_id WHERE p.id = ? ORDER BY 1"));
    query.addBindValue(qint64(id));
    query.addBindValue(qint64(id));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the person's segments"), query);
    }
    QStringList tags;
    while (query.next()) {
        tags << query.value(0).toString();
    }
    query.finish();
    return tags;
}

} // namespace dealboard
