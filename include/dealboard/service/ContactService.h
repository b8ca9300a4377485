#pragma once

#include "dealboard/Duplicates.h"
#include "dealboard/Filters.h"
#include "dealboard/Result.h"
#include "dealboard/service/Actions.h"

#include <QByteArray>
#include <utility>

class QIODevice;

namespace dealboard {

class DealStore;
class Pipeline;

// Organizations, people and the segments' contact frequency (ContactService.cpp);
// importing people (PeopleImport.cpp). Names are required; an organization's
// name and a person's email are unique (case aside).
class ContactService final
{
public:
    ContactService(Pipeline& pipeline, DealStore& store);

    Result<Organization> createOrganization(const OrganizationFields& fields);
    Result<Organization> editOrganization(OrganizationId id, const OrganizationFields& fields);
    Result<Organization> organization(OrganizationId id);
    Result<std::vector<Organization>> organizations(const ContactFilter& filter = {});
    Result<Person> createPerson(const PersonFields& fields);
    Result<Person> editPerson(PersonId id, const PersonFields& fields);
    Result<Person> person(PersonId id);
    Result<std::vector<Person>> people(const ContactFilter& filter = {});
    // Imports people from CSV (name, email, phone, role, organization, tags,
    // notes), all or nothing; a known email updates that person. Reads the
    // device record by record, holding one at a time.
    Result<PeopleImport> importPeople(QIODevice* csv, bool dryRun);
    Result<PeopleImport> importPeople(const QByteArray& csv, bool dryRun);
    // Imports people from vCard 2.1, 3.0 or 4.0 (VCardImport.cpp), all or
    // nothing, each fault with its line and property: a known email, or the
    // UID this pipeline's own export gave a person, updates that person.
    Result<PeopleImport> importVCards(const QByteArray& vcf, bool dryRun);

    // Likely duplicates among organizations and people, with why
    // (Duplicates.cpp).
    Result<std::vector<DuplicatePair>> duplicates();
    // Keeps `keep` and folds `other` into it, as one action in the change
    // log; undoMerge puts `other` back as it was, with its own id and links
    // (ContactMerge.cpp).
    Result<ContactMerge> merge(ContactType type, std::int64_t keep, std::int64_t other);
    Result<void> undoMerge(std::int64_t mergeId);

    Result<std::vector<Segment>> segments();
    // Sets (or, unset, clears) a tag's minimum days between touches.
    Result<void> setSegmentRule(const QString& tag, std::optional<int> minTouchDays);
    Result<int> defaultMinTouchDays();
    Result<void> setDefaultMinTouchDays(int days);
    // The default and every tag's rule at once, as one action (the board's form).
    Result<void> setContactFrequency(int defaultDays, const std::vector<std::pair<QString, std::optional<int>>>& rules);
    Result<std::vector<DealId>> dealsWithTag(const QString& tag);

private:
    // One path for both kinds of contact (ContactService.cpp says what differs):
    // the fields checked and applied, then created, edited, found or listed.
    template<typename Record, typename Fields> Result<Record> apply(Record record, const Fields& fields);
    template<typename Record, typename Fields> Result<Record> create(const Fields& fields);
    template<typename Record, typename Fields> Result<Record> edit(std::int64_t id, const Fields& fields);
    template<typename Record> Result<Record> find(std::int64_t id);
    template<typename Record> Result<std::vector<Record>> list(const ContactFilter& filter);

    Pipeline& m_pipeline;
    DealStore& m_store;
};

} // namespace dealboard
