#pragma once

#include <QString>
#include <cstdint>
#include <vector>

namespace dealboard {

// Which kind of contact a duplicate or a merge is about.
enum class ContactType { Organization, Person };

// "organization" or "person": the word for one, as the CLI, its JSON and the
// merges' record spell it.
inline QString contactTypeSlug(ContactType type)
{
    return type == ContactType::Organization ? QStringLiteral("organization") : QStringLiteral("person");
}

// Two contacts that are likely one: found by the same normalized organization
// name (case, spaces, punctuation and legal-form suffixes aside), or the same
// normalized email or phone of two people. `why` says it in words
// ("the same name apart from case and legal form: 'Acme GmbH', 'ACME'").
struct DuplicatePair
{
    ContactType type = ContactType::Organization;
    std::int64_t first = 0; // the older (smaller id): the one a merge keeps by default
    std::int64_t second = 0;
    QString firstName;
    QString secondName;
    QString why;
};

// What a merge did: `other` is gone, its deals, activities, notes (and, for an
// organization, its people) now belong to `keep`, and its differing fields
// were kept as a note on `keep`. `id` names the merge for its undo.
struct ContactMerge
{
    std::int64_t id = 0;
    ContactType type = ContactType::Organization;
    std::int64_t keep = 0;
    std::int64_t other = 0;
    QString keepName;
    QString otherName;
    int deals = 0;
    int activities = 0;
    int people = 0; // an organization's people moved over
    int notes = 0;
};

} // namespace dealboard
