// Likely duplicates among the contacts one may read: organizations whose names
// have the same normalized key, people with the same normalized email or phone
// (ContactKeys.h). Read in one pass and grouped in memory; each group is told
// as pairs of its oldest contact with each of the others, the pairs a merge
// into the oldest would clean.
#include "dealboard/ContactKeys.h"
#include "dealboard/DealStore.h"
#include "dealboard/service/ContactService.h"

#include <QHash>
#include <algorithm>
#include <map>

namespace dealboard {

namespace {

// The contacts in groups of two or more by `key`, in the order of their
// oldest; each group's ids ascending.
template<typename Item, typename Key>
std::vector<std::vector<const Item*>> groupsBy(const std::vector<Item>& items, const Key& key)
{
    QHash<QString, std::vector<const Item*>> groups;
    groups.reserve(qsizetype(items.size()));
    for (const Item& item : items) { // read in id order
        if (const QString k = key(item); !k.isEmpty()) {
            groups[k].push_back(&item);
        }
    }
    std::vector<std::vector<const Item*>> several;
    for (auto& group : groups) {
        if (group.size() > 1) {
            several.push_back(std::move(group));
        }
    }
    return several;
}

QString quoted(const QString& text)
{
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

} // namespace

Result<std::vector<DuplicatePair>> ContactService::duplicates()
{
    Result<std::vector<std::pair<OrganizationId, QString>>> organizations = m_store.contacts().organizationNames();
    if (!organizations) {
        return organizations.error();
    }
    Result<std::vector<Person>> people = m_store.contacts().peopleReached();
    if (!people) {
        return people.error();
    }
    std::vector<DuplicatePair> pairs;
    using Named = std::pair<OrganizationId, QString>;
    for (const auto& group :
         groupsBy(organizations.value(), [](const Named& o) { return ContactKeys::organization(o.second); })) {
        const Named& first = *group.front();
        for (auto other = group.begin() + 1; other != group.end(); ++other) {
            const Named& second = **other;
            DuplicatePair pair {ContactType::Organization, first.first, second.first, first.second, second.second, {}};
            pair.why = first.second.compare(second.second, Qt::CaseInsensitive) == 0
                ? QStringLiteral("the same name apart from case: %1, %2")
                : QStringLiteral("the same name apart from case, spaces, punctuation or legal form: %1, %2");
            pair.why = pair.why.arg(quoted(first.second), quoted(second.second));
            pairs.push_back(std::move(pair));
        }
    }
    std::sort(pairs.begin(), pairs.end(), [](const DuplicatePair& a, const DuplicatePair& b) {
        return std::pair(a.first, a.second) < std::pair(b.first, b.second);
    });

    // A pair of people may share both their email and their phone: one pair, both reasons.
    std::map<std::pair<PersonId, PersonId>, DuplicatePair> samePeople;
    const auto tell = [&](const auto& groups, const QString& what, QString Person::*field) {
        for (const auto& group : groups) {
            const Person& first = *group.front();
            for (auto other = group.begin() + 1; other != group.end(); ++other) {
                const Person& second = **other;
                DuplicatePair& pair = samePeople[{first.id, second.id}];
                const QString reason = first.*field == second.*field
                    ? QStringLiteral("the same %1 %2").arg(what, quoted(first.*field))
                    : QStringLiteral("the same %1: %2, %3").arg(what, quoted(first.*field), quoted(second.*field));
                if (pair.first == 0) {
                    pair = {ContactType::Person, first.id, second.id, first.name, second.name, reason};
                } else {
                    pair.why += QStringLiteral(" and ") + reason;
                }
            }
        }
    };
    tell(groupsBy(people.value(), [](const Person& p) { return ContactKeys::email(p.email); }), QStringLiteral("email"),
         &Person::email);
    tell(groupsBy(people.value(), [](const Person& p) { return ContactKeys::phone(p.phone); }), QStringLiteral("phone"),
         &Person::phone);
    for (auto& [ids, pair] : samePeople) {
        pairs.push_back(std::move(pair));
    }
    return pairs;
}

} // namespace dealboard
