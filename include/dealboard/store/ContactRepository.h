#pragma once

#include "dealboard/Duplicates.h"
#include "dealboard/Filters.h"
#include "dealboard/Result.h"

#include <QHash>
#include <QSet>
#include <QStringList>
#include <optional>
#include <utility>

namespace dealboard {

class Database;

// A merge of two contacts as the store keeps it for its undo
// (contact_merges): the contact folded away as it was (its row and tags as
// JSON), what moved onto the kept one ({"deals": [ids], "activities": [ids],
// "people": [ids], "tags": [tags]}), and the kept one's notes before the
// merge's note was added.
struct StoredMerge
{
    std::int64_t id = 0;
    ContactType type = ContactType::Organization;
    std::int64_t keep = 0;
    std::int64_t other = 0;
    QByteArray otherRow;
    QByteArray moved;
    QString keepNotes;
    QString note;
    QString mergedBy;
    bool undone = false;
};

// Organizations and people, and their segment tags. The two kinds share one
// implementation (ContactRepository.cpp), each described once: its table,
// columns, tag table and search columns. ContactLinks.cpp links a deal to the
// organization and person it names.
class ContactRepository final
{
public:
    explicit ContactRepository(Database& database);

    Result<std::vector<Organization>> organizations(const ContactFilter& filter = {});
    Result<std::optional<Organization>> findOrganization(OrganizationId id);
    Result<std::optional<Organization>> findOrganizationByName(const QString& name);
    Result<void> insertOrganization(Organization& organization); // assigns id
    Result<void> updateOrganization(const Organization& organization);
    Result<std::vector<Person>> people(const ContactFilter& filter = {});
    Result<std::optional<Person>> findPerson(PersonId id);
    Result<std::optional<Person>> findPersonByEmail(const QString& email);
    Result<void> insertPerson(Person& person); // assigns id
    Result<void> updatePerson(const Person& person);
    // Ids of the deals whose organization or person has the tag.
    Result<std::vector<DealId>> dealsWithTag(const QString& tag);
    // The tags of a person and of their organization.
    Result<QStringList> personSegmentTags(PersonId id);

    // The id and stored name of the organization called `name` (already trimmed; case
    // aside). A named, unknown organization is created: this is the one place
    // that says so, for a deal's company and a person's organization alike.
    Result<std::pair<OrganizationId, QString>> organizationNamed(const QString& name);
    // Links the deal to the organization named deal.company and the person with
    // deal.email (else deal.contactName at that organization), creating them when
    // new, and copies the person's stored facts back into the deal.
    Result<void> linkParties(Deal& deal);
    // Merges (ContactMerges.cpp). Folds `other` into `keep`: every deal,
    // activity (of a person) and person (of an organization) moved over, the
    // tags joined, `note` added to the kept one's notes, `other` removed, the
    // merge kept; returns its id. On a server (`onServer`) its function does
    // it all and checks the caller's rights; on a file these statements do.
    Result<std::int64_t> mergeContacts(ContactType type, std::int64_t keep, std::int64_t other, const QString& note,
                                       const QString& now, bool onServer);
    Result<std::optional<StoredMerge>> findMerge(std::int64_t id);
    // Puts the merge's `other` back with its id, fields and tags, moves back
    // what moved and is still on the kept one, and takes the note away.
    Result<void> undoMerge(const StoredMerge& merge, const QString& now, bool onServer);

    // Called when a write transaction begins: what linkParties learnt holds
    // only while nobody else can write.
    void forgetLinks()
    {
        m_linkCache = {};
        m_keys = {};
        m_likeLinks.clear();
        m_keepNames = false;
        m_namesKept.clear();
    }
    // For the rest of the write transaction (an import), a deal's contact
    // found by email keeps their name: a file's other spelling is reported
    // as a link, never written over the person.
    void keepKnownNames() { m_keepNames = true; }

    // Likely the same contact (ContactKeys.h), found in the write transaction
    // under way (ContactLinks.cpp): the oldest organization other than
    // `except` whose name has the same normalized key as `name`, and the
    // oldest person other than `except` with the same normalized phone.
    Result<std::optional<std::pair<OrganizationId, QString>>> organizationLike(const QString& name,
                                                                               OrganizationId except = 0);
    Result<std::optional<Person>> personWithPhone(const QString& phone, PersonId except = 0);
    // What organizationNamed and linkParties linked to an existing contact
    // found by its normalized key rather than as written, since the last
    // call: "'ACME ' → existing 'Acme GmbH' (id 3)".
    QStringList takeLikeLinks() { return std::exchange(m_likeLinks, {}); }
    // Every organization's id and name, and every person's id, name, email
    // and phone (nothing else filled): what duplicates are found among.
    Result<std::vector<std::pair<OrganizationId, QString>>> organizationNames();
    Result<std::vector<Person>> peopleReached();

private:
    template<typename Record> Result<std::vector<Record>> list(const ContactFilter& filter);
    template<typename Record> Result<std::optional<Record>> find(std::int64_t id);
    template<typename Record> Result<std::optional<Record>> findBy(const QString& sql, const QString& key);
    template<typename Record> Result<void> write(Record& record, bool insert);
    Result<void> saveTags(const QString& table, const QString& idColumn, std::int64_t id, const QStringList& tags);

    Database& m_database;
    // Organizations by folded name and people by folded email (or name key),
    // as linkParties found or made them in the current write transaction.
    struct LinkCache
    {
        QHash<QString, std::pair<std::int64_t, QString>> organizations;
        QHash<QString, Person> people;
    };
    LinkCache m_linkCache;
    // Ids of organizations and people by a hash of their normalized name or
    // phone, read once per write transaction when first asked; a hit is
    // checked against the row, so a renamed contact's old entry misleads nobody.
    struct KeyIndex
    {
        std::optional<QMultiHash<size_t, std::int64_t>> organizations;
        std::optional<QMultiHash<size_t, std::int64_t>> phones;
    };
    KeyIndex m_keys;
    QStringList m_likeLinks;
    bool m_keepNames = false;
    QSet<PersonId> m_namesKept; // reported once each
    template<typename Record> void indexKey(const Record& record);
    Result<void> readKeys(bool organizations);
};

} // namespace dealboard
