// Merging two organizations or two people, and its undo: one transaction
// each, one entry of the change log's contact_merges besides the rows it
// touched. On a server the server's functions do the work and check the
// caller's rights (ServerMerge.cpp); on a file the store's statements do.
#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Pipeline.h"
#include "dealboard/StoredTime.h"
#include "dealboard/service/ContactService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

namespace {

// The other contact's fields that differ from the kept one's, in words.
QStringList differing(const Organization& keep, const Organization& other)
{
    QStringList kept;
    const std::pair<const char*, QString Organization::*> fields[]
        = {{"name", &Organization::name},     {"industry", &Organization::industry}, {"size", &Organization::size},
           {"region", &Organization::region}, {"website", &Organization::website},   {"notes", &Organization::notes}};
    for (const auto& [label, field] : fields) {
        if (!(other.*field).isEmpty() && other.*field != keep.*field) {
            kept << QStringLiteral("%1 %2").arg(QLatin1String(label), other.*field);
        }
    }
    return kept;
}

QStringList differing(const Person& keep, const Person& other)
{
    QStringList kept;
    const std::pair<const char*, QString Person::*> fields[] = {{"name", &Person::name},
                                                                {"email", &Person::email},
                                                                {"phone", &Person::phone},
                                                                {"role", &Person::role},
                                                                {"organization", &Person::organizationName},
                                                                {"notes", &Person::notes}};
    for (const auto& [label, field] : fields) {
        if (!(other.*field).isEmpty() && other.*field != keep.*field) {
            kept << QStringLiteral("%1 %2").arg(QLatin1String(label), other.*field);
        }
    }
    return kept;
}

// "Merged from 'ACME ' (id 7): name ACME ; phone +49 …", or nothing when the
// other held nothing the kept one lacks.
template<typename T> std::optional<Error> errorOf(const Result<T>& result)
{
    return result ? std::nullopt : std::optional<Error>(result.error());
}

template<typename Record> QString mergeNote(const Record& keep, const Record& other)
{
    const QStringList kept = differing(keep, other);
    if (kept.isEmpty()) {
        return {};
    }
    return QStringLiteral("Merged from '%1' (id %2): %3").arg(other.name).arg(other.id).arg(kept.join(u"; "));
}

} // namespace

Result<ContactMerge> ContactService::merge(ContactType type, std::int64_t keep, std::int64_t other)
{
    const QString one = contactTypeSlug(type);
    if (keep == other) {
        return invalid(QStringLiteral("Can't merge %1 %2 with itself; name two different ones, the one to keep first.")
                           .arg(one)
                           .arg(keep));
    }
    const bool onServer = m_store.supports(DealStore::Capability::ServerPipeline);
    Result<ContactMerge> merged = write(m_store, [&]() -> Result<ContactMerge> {
        ContactMerge done;
        done.type = type;
        done.keep = keep;
        done.other = other;
        QString note;
        QString keptNotes;
        const auto read = [&]<typename Record>(Result<Record> (ContactService::*one)(std::int64_t)) -> Result<void> {
            Result<Record> kept = (this->*one)(keep);
            if (!kept) {
                return kept.error();
            }
            Result<Record> folded = (this->*one)(other);
            if (!folded) {
                return folded.error();
            }
            done.keepName = kept.value().name;
            done.otherName = folded.value().name;
            note = mergeNote(kept.value(), folded.value());
            keptNotes = kept.value().notes;
            return {};
        };
        if (Result<void> found
            = type == ContactType::Organization ? read(&ContactService::organization) : read(&ContactService::person);
            !found) {
            return found.error();
        }
        const qsizetype joined = keptNotes.size() + (keptNotes.isEmpty() || note.isEmpty() ? 0 : 2) + note.size();
        if (joined > MaxTextLength) {
            return invalid(QStringLiteral("The notes of '%1' and what the merge keeps of '%2' would pass %3 "
                                          "characters; shorten the notes of one of them first. Nothing was changed.")
                               .arg(done.keepName, done.otherName)
                               .arg(MaxTextLength));
        }
        Result<std::int64_t> id
            = m_store.contacts().mergeContacts(type, keep, other, note, toStoredTime(m_pipeline.now()), onServer);
        if (!id) {
            return id.error();
        }
        Result<std::optional<StoredMerge>> stored = m_store.contacts().findMerge(id.value());
        if (!stored) {
            return stored.error();
        }
        done.id = id.value();
        if (stored.value()) {
            const QJsonObject moved = QJsonDocument::fromJson(stored.value()->moved).object();
            done.deals = int(moved.value(QStringLiteral("deals")).toArray().size());
            done.activities = int(moved.value(QStringLiteral("activities")).toArray().size());
            done.people = int(moved.value(QStringLiteral("people")).toArray().size());
            for (const QJsonValue& deal : moved.value(QStringLiteral("deals")).toArray()) {
                Result<std::vector<Note>> notes = m_store.notes().list(deal.toInteger());
                done.notes += notes ? int(notes.value().size()) : 0;
            }
        }
        return done;
    });
    if (merged) {
        spdlog::info("Merged {} {} into {} (merge {})", text(one), other, keep, merged.value().id);
        Q_EMIT m_pipeline.contactsChanged();
        Q_EMIT m_pipeline.dealsReset();
    }
    return merged;
}

Result<void> ContactService::undoMerge(std::int64_t mergeId)
{
    const bool onServer = m_store.supports(DealStore::Capability::ServerPipeline);
    Result<void> undone = write(m_store, [&]() -> Result<void> {
        Result<std::optional<StoredMerge>> stored = m_store.contacts().findMerge(mergeId);
        if (!stored) {
            return stored.error();
        }
        if (!stored.value()) {
            return makeError(
                ErrorCode::NotFound,
                QStringLiteral("There is no merge %1; each merge says its number when it is done.").arg(mergeId));
        }
        const StoredMerge& merge = *stored.value();
        if (!onServer) {
            // The server says the same in its own function.
            const QString one = contactTypeSlug(merge.type);
            if (merge.undone) {
                return invalid(QStringLiteral("Merge %1 is undone already.").arg(mergeId));
            }
            const bool organization = merge.type == ContactType::Organization;
            const std::optional<Error> missing
                = organization ? errorOf(this->organization(merge.keep)) : errorOf(person(merge.keep));
            if (missing && missing->code != ErrorCode::NotFound) {
                return *missing;
            }
            if (missing) {
                return makeError(ErrorCode::RefusedByRules,
                                 QStringLiteral("Can't undo merge %1: the kept %2 (id %3) is gone since, so what "
                                                "moved onto it can't move back. Nothing was changed.")
                                     .arg(mergeId)
                                     .arg(one)
                                     .arg(merge.keep));
            }
            const QJsonObject row = QJsonDocument::fromJson(merge.otherRow).object();
            const QString name = row.value(QStringLiteral("name")).toString();
            const QString email = row.value(QStringLiteral("email")).toString();
            Result<std::optional<std::int64_t>> clash = std::optional<std::int64_t>();
            if (organization) {
                Result<std::optional<Organization>> same = m_store.contacts().findOrganizationByName(name);
                clash = same
                    ? Result<std::optional<std::int64_t>>(same.value() ? std::optional(same.value()->id) : std::nullopt)
                    : Result<std::optional<std::int64_t>>(same.error());
            } else if (!email.isEmpty()) {
                Result<std::optional<Person>> same = m_store.contacts().findPersonByEmail(email);
                clash = same
                    ? Result<std::optional<std::int64_t>>(same.value() ? std::optional(same.value()->id) : std::nullopt)
                    : Result<std::optional<std::int64_t>>(same.error());
            }
            if (!clash) {
                return clash.error();
            }
            if (clash.value()) {
                return makeError(ErrorCode::RefusedByRules,
                                 QStringLiteral("Can't undo merge %1: %2 (id %3) now has %4 '%5' that '%6' had; "
                                                "change it first. Nothing was changed.")
                                     .arg(mergeId)
                                     .arg(organization ? QStringLiteral("an organization") : QStringLiteral("a person"))
                                     .arg(*clash.value())
                                     .arg(organization ? QStringLiteral("the name") : QStringLiteral("the email"),
                                          organization ? name : email, name));
            }
        }
        return m_store.contacts().undoMerge(merge, toStoredTime(m_pipeline.now()), onServer);
    });
    if (undone) {
        spdlog::info("Undid merge {}", mergeId);
        Q_EMIT m_pipeline.contactsChanged();
        Q_EMIT m_pipeline.dealsReset();
    }
    return undone;
}

} // namespace dealboard
