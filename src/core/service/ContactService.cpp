// Organizations, people and the segments' contact frequency: one write
// transaction each, everything checked before anything is written.
#include "dealboard/service/ContactService.h"

#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Pipeline.h"

#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

ContactService::ContactService(Pipeline& pipeline, DealStore& store)
    : m_pipeline(pipeline)
    , m_store(store)
{
}

Result<Organization> ContactService::applyOrganization(Organization organization, const OrganizationFields& fields)
{
    for (const auto& [value, name] : {std::pair {&fields.name, "name"}, std::pair {&fields.industry, "industry"},
                                      std::pair {&fields.size, "size"}, std::pair {&fields.region, "region"},
                                      std::pair {&fields.website, "website"}, std::pair {&fields.notes, "notes"}}) {
        if (std::optional<Error> error = tooLong(*value, name)) {
            return *error;
        }
        if (std::optional<Error> error = forbiddenCharacter(*value, name, value == &fields.notes)) {
            return *error;
        }
    }
    auto apply = [](QString& target, const std::optional<QString>& value) {
        if (value) {
            target = value->trimmed();
        }
    };
    apply(organization.name, fields.name);
    apply(organization.industry, fields.industry);
    apply(organization.size, fields.size);
    apply(organization.region, fields.region);
    apply(organization.website, fields.website);
    apply(organization.notes, fields.notes);
    if (fields.tags) {
        organization.tags = normalizedTags(*fields.tags);
        if (std::optional<Error> error = badTags(organization.tags)) {
            return *error;
        }
    }
    if (organization.name.isEmpty()) {
        return invalid(QStringLiteral("The organization's name is empty; every organization needs a name."));
    }
    Result<std::optional<Organization>> same = m_store.contacts().findOrganizationByName(organization.name);
    if (!same) {
        return same.error();
    }
    if (same.value() && same.value()->id != organization.id) {
        return invalid(QStringLiteral("There is already an organization named '%1' (id %2); use that one or "
                                      "choose another name.")
                           .arg(same.value()->name)
                           .arg(same.value()->id));
    }
    return organization;
}

Result<Organization> ContactService::createOrganization(const OrganizationFields& fields)
{
    Result<Organization> organization = write(m_store, [&]() -> Result<Organization> {
        Result<Organization> made = applyOrganization({}, fields);
        if (!made) {
            return made;
        }
        if (Result<void> done = m_store.contacts().insertOrganization(made.value()); !done) {
            return done.error();
        }
        return made;
    });
    if (organization) {
        spdlog::debug("Created organization {} '{}'", organization.value().id, text(organization.value().name));
        Q_EMIT m_pipeline.contactsChanged();
    }
    return organization;
}

Result<Organization> ContactService::editOrganization(OrganizationId id, const OrganizationFields& fields)
{
    QString before;
    Result<Organization> organization = write(m_store, [&]() -> Result<Organization> {
        Result<Organization> existing = this->organization(id);
        if (!existing) {
            return existing;
        }
        before = existing.value().name;
        Result<Organization> edited = applyOrganization(existing.value(), fields);
        if (!edited) {
            return edited;
        }
        if (Result<void> done = m_store.contacts().updateOrganization(edited.value()); !done) {
            return done.error();
        }
        return edited;
    });
    if (organization) {
        Q_EMIT m_pipeline.contactsChanged();
        if (organization.value().name != before) {
            Q_EMIT m_pipeline.dealsReset(); // cards show the organization's name
        }
    }
    return organization;
}

Result<Organization> ContactService::organization(OrganizationId id)
{
    Result<std::optional<Organization>> found = m_store.contacts().findOrganization(id);
    if (!found) {
        return found.error();
    }
    if (!found.value()) {
        return notFound("organization", id);
    }
    return *found.value();
}

Result<std::vector<Organization>> ContactService::organizations(const ContactFilter& filter)
{
    ContactFilter normalized = filter;
    normalized.tag = normalizedTags({filter.tag}).value(0);
    return m_store.contacts().organizations(normalized);
}

Result<Person> ContactService::applyPerson(Person person, const PersonFields& fields)
{
    for (const auto& [value, name] :
         {std::pair {&fields.name, "name"}, std::pair {&fields.email, "email"}, std::pair {&fields.phone, "phone"},
          std::pair {&fields.role, "role"}, std::pair {&fields.notes, "notes"},
          std::pair {&fields.organization, "organization"}}) {
        if (std::optional<Error> error = tooLong(*value, name)) {
            return *error;
        }
        if (std::optional<Error> error = forbiddenCharacter(*value, name, value == &fields.notes)) {
            return *error;
        }
    }
    auto apply = [](QString& target, const std::optional<QString>& value) {
        if (value) {
            target = value->trimmed();
        }
    };
    apply(person.name, fields.name);
    apply(person.email, fields.email);
    apply(person.phone, fields.phone);
    apply(person.role, fields.role);
    apply(person.notes, fields.notes);
    if (fields.tags) {
        person.tags = normalizedTags(*fields.tags);
        if (std::optional<Error> error = badTags(person.tags)) {
            return *error;
        }
    }
    if (person.name.isEmpty()) {
        return invalid(QStringLiteral("The person's name is empty; every person needs a name."));
    }
    if (!person.email.isEmpty() && !person.email.contains(QLatin1Char('@'))) {
        return invalid(QStringLiteral("'%1' is not an email address (it has no '@').").arg(person.email));
    }
    if (!person.email.isEmpty()) {
        Result<std::optional<Person>> same = m_store.contacts().findPersonByEmail(person.email);
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
    if (fields.organization) {
        const QString name = fields.organization->trimmed();
        person.organizationId = 0;
        person.organizationName.clear();
        if (!name.isEmpty()) {
            Result<std::optional<Organization>> found = m_store.contacts().findOrganizationByName(name);
            if (!found) {
                return found.error();
            }
            if (found.value()) {
                person.organizationId = found.value()->id;
                person.organizationName = found.value()->name;
            } else {
                Organization created;
                created.name = name;
                if (Result<void> done = m_store.contacts().insertOrganization(created); !done) {
                    return done.error();
                }
                person.organizationId = created.id;
                person.organizationName = created.name;
            }
        }
    }
    return person;
}

Result<Person> ContactService::createPerson(const PersonFields& fields)
{
    Result<Person> person = write(m_store, [&]() -> Result<Person> {
        Result<Person> made = applyPerson({}, fields);
        if (!made) {
            return made;
        }
        if (Result<void> done = m_store.contacts().insertPerson(made.value()); !done) {
            return done.error();
        }
        return made;
    });
    if (person) {
        spdlog::debug("Created person {} '{}'", person.value().id, text(person.value().name));
        Q_EMIT m_pipeline.contactsChanged();
    }
    return person;
}

Result<Person> ContactService::editPerson(PersonId id, const PersonFields& fields)
{
    Result<Person> person = write(m_store, [&]() -> Result<Person> {
        Result<Person> existing = this->person(id);
        if (!existing) {
            return existing;
        }
        Result<Person> edited = applyPerson(existing.value(), fields);
        if (!edited) {
            return edited;
        }
        if (Result<void> done = m_store.contacts().updatePerson(edited.value()); !done) {
            return done.error();
        }
        return edited;
    });
    if (person) {
        Q_EMIT m_pipeline.contactsChanged();
        Q_EMIT m_pipeline.dealsReset(); // cards and deal forms show the person's facts
    }
    return person;
}

Result<Person> ContactService::person(PersonId id)
{
    Result<std::optional<Person>> found = m_store.contacts().findPerson(id);
    if (!found) {
        return found.error();
    }
    if (!found.value()) {
        return notFound("person", id);
    }
    return *found.value();
}

Result<std::vector<Person>> ContactService::people(const ContactFilter& filter)
{
    ContactFilter normalized = filter;
    normalized.tag = normalizedTags({filter.tag}).value(0);
    return m_store.contacts().people(normalized);
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
