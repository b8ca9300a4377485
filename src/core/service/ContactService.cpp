// Organizations, people and the segments' contact frequency: one write
// transaction each, everything checked before anything is written.
#include "dealboard/service/ContactService.h"

#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/ContactKeys.h"
#include "dealboard/Pipeline.h"

#include <array>
#include <spdlog/spdlog.h>
#include <tuple>

namespace dealboard {

using namespace service;

ContactService::ContactService(Pipeline& pipeline, DealStore& store)
    : m_pipeline(pipeline)
    , m_store(store)
{
}

namespace {

Error likelyDuplicate(const char* kind, std::int64_t id, const QString& message)
{
    Error error;
    error.code = ErrorCode::LikelyDuplicate;
    error.missing = QString::fromLatin1(kind);
    error.subject = QString::number(id);
    error.message = message;
    return error;
}

// A free text of a contact's fields: checked, then copied trimmed into its
// column (unset: the kind applies it itself).
template<typename Record, typename Fields> struct TextField
{
    std::optional<QString> Fields::*field;
    QString Record::*column;
    const char* name;
};

// What differs between organizations and people, each said once; the rest is
// one path (ContactService::apply, create, edit, find, list).
template<typename Record> struct Contact;

template<> struct Contact<Organization>
{
    using Fields = OrganizationFields;
    static constexpr const char* one = "organization";
    static constexpr std::array<TextField<Organization, Fields>, 6> texts {{
        {&Fields::name, &Organization::name, "name"},
        {&Fields::industry, &Organization::industry, "industry"},
        {&Fields::size, &Organization::size, "size"},
        {&Fields::region, &Organization::region, "region"},
        {&Fields::website, &Organization::website, "website"},
        {&Fields::notes, &Organization::notes, "notes"},
    }};
    static constexpr auto find = &ContactRepository::findOrganization;
    static constexpr auto insert = &ContactRepository::insertOrganization;
    static constexpr auto update = &ContactRepository::updateOrganization;
    static constexpr auto list = &ContactRepository::organizations;

    // An organization's name is its own, and one that reads the same apart
    // from case, punctuation and legal form is offered instead.
    static Result<void> settle(ContactRepository& contacts, Organization& organization, const Fields& fields,
                               const Organization& before)
    {
        Result<std::optional<Organization>> same = contacts.findOrganizationByName(organization.name);
        if (!same) {
            return same.error();
        }
        if (same.value() && same.value()->id != organization.id) {
            return invalid(QStringLiteral("There is already an organization named '%1' (id %2); use that one or "
                                          "choose another name.")
                               .arg(same.value()->name)
                               .arg(same.value()->id));
        }
        if (fields.name && !fields.another
            && ContactKeys::organization(organization.name) != ContactKeys::organization(before.name)) {
            Result<std::optional<std::pair<OrganizationId, QString>>> like
                = contacts.organizationLike(organization.name, organization.id);
            if (!like) {
                return like.error();
            }
            if (like.value()) {
                return likelyDuplicate(
                    "organization", like.value()->first,
                    QStringLiteral("%1 (id %2) looks like the same organization as '%3': the names differ only in "
                                   "case, spaces, punctuation or legal form.")
                        .arg(like.value()->second)
                        .arg(like.value()->first)
                        .arg(organization.name));
            }
        }
        return {};
    }
    // Cards show the organization's name.
    static bool shownOnDeals(const Organization& before, const Organization& after)
    {
        return before.name != after.name;
    }
};

template<> struct Contact<Person>
{
    using Fields = PersonFields;
    static constexpr const char* one = "person";
    static constexpr std::array<TextField<Person, Fields>, 6> texts {{
        {&Fields::name, &Person::name, "name"},
        {&Fields::email, &Person::email, "email"},
        {&Fields::phone, &Person::phone, "phone"},
        {&Fields::role, &Person::role, "role"},
        {&Fields::notes, &Person::notes, "notes"},
        {&Fields::organization, nullptr, "organization"},
    }};
    static constexpr auto find = &ContactRepository::findPerson;
    static constexpr auto insert = &ContactRepository::insertPerson;
    static constexpr auto update = &ContactRepository::updatePerson;
    static constexpr auto list = &ContactRepository::people;

    // A person's email is their own; their organization is found by name.
    static Result<void> settle(ContactRepository& contacts, Person& person, const Fields& fields, const Person& before)
    {
        if (!person.email.isEmpty() && !person.email.contains(QLatin1Char('@'))) {
            return invalid(QStringLiteral("'%1' is not an email address (it has no '@').").arg(person.email));
        }
        if (!person.email.isEmpty()) {
            Result<std::optional<Person>> same = contacts.findPersonByEmail(person.email);
            if (!same) {
                return same.error();
            }
            if (same.value() && same.value()->id != person.id) {
                return invalid(QStringLiteral("%1 (id %2) already has the email %3; one email belongs to one person.")
                                   .arg(same.value()->name)
                                   .arg(same.value()->id)
                                   .arg(person.email));
            }
        }
        if (fields.phone && !fields.another && ContactKeys::phone(person.phone) != ContactKeys::phone(before.phone)) {
            Result<std::optional<Person>> samePhone = contacts.personWithPhone(person.phone, person.id);
            if (!samePhone) {
                return samePhone.error();
            }
            if (samePhone.value()) {
                const Person& other = *samePhone.value();
                return likelyDuplicate("person", other.id,
                                       QStringLiteral("%1 (id %2) looks like the same person as '%3': they have the "
                                                      "same phone (%4).")
                                           .arg(other.name)
                                           .arg(other.id)
                                           .arg(person.name, other.phone));
            }
        }
        if (fields.organization) {
            const QString name = fields.organization->trimmed();
            person.organizationId = 0;
            person.organizationName.clear();
            if (!name.isEmpty()) {
                Result<std::pair<OrganizationId, QString>> organization = contacts.organizationNamed(name);
                if (!organization) {
                    return organization.error();
                }
                std::tie(person.organizationId, person.organizationName) = organization.value();
            }
        }
        return {};
    }
    // Cards and deal forms show the person's facts.
    static bool shownOnDeals(const Person&, const Person&) { return true; }
};

} // namespace

template<typename Record, typename Fields> Result<Record> ContactService::apply(Record record, const Fields& fields)
{
    using Kind = Contact<Record>;
    const Record before = record;
    for (const TextField<Record, Fields>& text : Kind::texts) {
        const std::optional<QString>& value = fields.*text.field;
        if (std::optional<Error> error = tooLong(value, text.name)) {
            return *error;
        }
        if (std::optional<Error> error = forbiddenCharacter(value, text.name, text.field == &Fields::notes)) {
            return *error;
        }
    }
    for (const TextField<Record, Fields>& text : Kind::texts) {
        if (text.column && fields.*text.field) {
            QString value = (fields.*text.field)->trimmed();
            // Notes keep their lines, each ended the one way, whatever wrote
            // them (a CSV's CRLF, a vCard's quoted-printable =0D=0A).
            value.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(QLatin1Char('\r'), QLatin1Char('\n'));
            record.*text.column = value;
        }
    }
    if (fields.tags) {
        record.tags = normalizedTags(*fields.tags);
        if (std::optional<Error> error = badTags(record.tags)) {
            return *error;
        }
    }
    if (record.name.isEmpty()) {
        return invalid(QStringLiteral("The %1's name is empty; every %1 needs a name.").arg(QLatin1String(Kind::one)));
    }
    if (Result<void> settled = Kind::settle(m_store.contacts(), record, fields, before); !settled) {
        return settled.error();
    }
    return record;
}

// People's import applies each line's fields the same way (PeopleImport.cpp).
template Result<Person> ContactService::apply(Person record, const PersonFields& fields);

template<typename Record, typename Fields> Result<Record> ContactService::create(const Fields& fields)
{
    using Kind = Contact<Record>;
    Result<Record> record = write(m_store, [&]() -> Result<Record> {
        Result<Record> made = apply(Record {}, fields);
        if (!made) {
            return made;
        }
        if (Result<void> done = (m_store.contacts().*Kind::insert)(made.value()); !done) {
            return done.error();
        }
        return made;
    });
    if (record) {
        spdlog::debug("Created {} {} '{}'", Kind::one, record.value().id, text(record.value().name));
        Q_EMIT m_pipeline.contactsChanged();
    }
    return record;
}

template<typename Record, typename Fields> Result<Record> ContactService::edit(std::int64_t id, const Fields& fields)
{
    using Kind = Contact<Record>;
    std::optional<Record> before;
    Result<Record> record = write(m_store, [&]() -> Result<Record> {
        Result<Record> existing = find<Record>(id);
        if (!existing) {
            return existing;
        }
        before = existing.value();
        Result<Record> edited = apply(existing.value(), fields);
        if (!edited) {
            return edited;
        }
        if (Result<void> done = (m_store.contacts().*Kind::update)(edited.value()); !done) {
            return done.error();
        }
        return edited;
    });
    if (record) {
        Q_EMIT m_pipeline.contactsChanged();
        if (Kind::shownOnDeals(*before, record.value())) {
            Q_EMIT m_pipeline.dealsReset();
        }
    }
    return record;
}

template<typename Record> Result<Record> ContactService::find(std::int64_t id)
{
    Result<std::optional<Record>> found = (m_store.contacts().*Contact<Record>::find)(id);
    if (!found) {
        return found.error();
    }
    if (!found.value()) {
        return notFound(Contact<Record>::one, id);
    }
    return *found.value();
}

template<typename Record> Result<std::vector<Record>> ContactService::list(const ContactFilter& filter)
{
    ContactFilter normalized = filter;
    normalized.tag = normalizedTags({filter.tag}).value(0);
    return (m_store.contacts().*Contact<Record>::list)(normalized);
}

Result<Organization> ContactService::createOrganization(const OrganizationFields& fields)
{
    return create<Organization>(fields);
}

Result<Organization> ContactService::editOrganization(OrganizationId id, const OrganizationFields& fields)
{
    return edit<Organization>(id, fields);
}

Result<Organization> ContactService::organization(OrganizationId id)
{
    return find<Organization>(id);
}

Result<std::vector<Organization>> ContactService::organizations(const ContactFilter& filter)
{
    return list<Organization>(filter);
}

Result<Person> ContactService::createPerson(const PersonFields& fields)
{
    return create<Person>(fields);
}

Result<Person> ContactService::editPerson(PersonId id, const PersonFields& fields)
{
    return edit<Person>(id, fields);
}

Result<Person> ContactService::person(PersonId id)
{
    return find<Person>(id);
}

Result<std::vector<Person>> ContactService::people(const ContactFilter& filter)
{
    return list<Person>(filter);
}

Result<std::vector<Segment>> ContactService::segments()
{
    return m_store.settings().segments();
}

Result<void> ContactService::setSegmentRule(const QString& tag, std::optional<int> minTouchDays)
{
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the segment rules"))) {
        return *refused;
    }
    const QString clean = normalizedTags({tag}).value(0);
    if (clean.isEmpty()) {
        return invalid(QStringLiteral("The segment tag is empty; name the tag, for example 'enterprise'."));
    }
    if (std::optional<Error> error = forbiddenCharacter(clean, "segment tag", false)) {
        return *error;
    }
    if (minTouchDays && (*minTouchDays < 0 || *minTouchDays > MaxTouchDays)) {
        return invalid(QStringLiteral("The minimum days between touches must be between 0 and %1.").arg(MaxTouchDays));
    }
    if (Result<void> done = write(m_store, [&] { return m_store.settings().saveSegmentRule(clean, minTouchDays); });
        !done) {
        return done;
    }
    spdlog::info("Segment '{}': minimum days between touches {}", text(clean),
                 minTouchDays ? std::to_string(*minTouchDays) : std::string("cleared"));
    Q_EMIT m_pipeline.contactsChanged();
    return {};
}

Result<int> ContactService::defaultMinTouchDays()
{
    Result<std::optional<QString>> stored = m_store.settings().value(DefaultTouchDaysKey);
    if (!stored) {
        return stored.error();
    }
    bool ok = false;
    const int days = stored.value().value_or(QString()).toInt(&ok);
    return ok && days >= 0 && days <= MaxTouchDays ? days : DefaultMinTouchDays;
}

Result<void> ContactService::setDefaultMinTouchDays(int days)
{
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the segment rules"))) {
        return *refused;
    }
    if (days < 0 || days > MaxTouchDays) {
        return invalid(QStringLiteral("The minimum days between touches must be between 0 and %1.").arg(MaxTouchDays));
    }
    if (Result<void> done
        = write(m_store, [&] { return m_store.settings().save(DefaultTouchDaysKey, QString::number(days)); });
        !done) {
        return done;
    }
    Q_EMIT m_pipeline.contactsChanged();
    return {};
}

Result<void> ContactService::setContactFrequency(int defaultDays,
                                                 const std::vector<std::pair<QString, std::optional<int>>>& rules)
{
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the contact frequencies"))) {
        return *refused;
    }
    if (defaultDays < 0 || defaultDays > MaxTouchDays) {
        return invalid(QStringLiteral("The minimum days between touches must be between 0 and %1.").arg(MaxTouchDays));
    }
    for (const auto& [tag, days] : rules) {
        if (normalizedTags({tag}).isEmpty()) {
            return invalid(QStringLiteral("A segment tag is empty; name the tag, for example 'enterprise'."));
        }
        if (std::optional<Error> error = forbiddenCharacter(tag, "segment tag", false)) {
            return *error;
        }
        if (days && (*days < 0 || *days > MaxTouchDays)) {
            return invalid(QStringLiteral("The minimum days between touches of segment '%1' must be between 0 and %2.")
                               .arg(tag)
                               .arg(MaxTouchDays));
        }
    }
    Result<void> saved = write(m_store, [&]() -> Result<void> {
        if (Result<void> done = m_store.settings().save(DefaultTouchDaysKey, QString::number(defaultDays)); !done) {
            return done;
        }
        for (const auto& [tag, days] : rules) {
            if (Result<void> done = m_store.settings().saveSegmentRule(normalizedTags({tag}).value(0), days); !done) {
                return done;
            }
        }
        return {};
    });
    if (!saved) {
        return saved;
    }
    spdlog::info("Contact frequency: default {} day(s), {} segment rule(s) saved", defaultDays, rules.size());
    Q_EMIT m_pipeline.contactsChanged();
    return {};
}

Result<std::vector<DealId>> ContactService::dealsWithTag(const QString& tag)
{
    return m_store.contacts().dealsWithTag(normalizedTags({tag}).value(0));
}

} // namespace dealboard
