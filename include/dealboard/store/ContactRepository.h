#pragma once

#include "dealboard/Duplicates.h"
#include "dealboard/Filters.h"
#include "dealboard/Result.h"

#include <QHash>
#include <QStringList>
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
    void forgetLinks() { m_linkCache = {}; }

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
};

} // namespace dealboard
