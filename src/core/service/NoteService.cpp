// Notes on deals.
#include "dealboard/service/NoteService.h"

#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Pipeline.h"

#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

NoteService::NoteService(Pipeline& pipeline, DealStore& store)
    : m_pipeline(pipeline)
    , m_store(store)
{
}

Result<Note> NoteService::add(DealId dealId, const QString& text, const QString& actor)
{
    if (std::optional<Error> problem = actorProblem(actor)) {
        return *problem;
    }
    Note note;
    note.dealId = dealId;
    note.text = text.trimmed();
    note.author = m_store.team().isTeam ? m_store.team().user : actor;
    if (note.text.isEmpty()) {
        return invalid(QStringLiteral("The note is empty; write what you want to remember about the deal."));
    }
    if (const qsizetype length = DealImport::characterCount(note.text); length > MaxLength) {
        return invalid(QStringLiteral("The note is %1 characters long; a note holds at most %2. Shorten it, or "
                                      "split it into two notes.")
                           .arg(length)
                           .arg(MaxLength));
    }
    if (const std::optional<int> at = controlCharacter(note.text, true)) {
        return invalid(QStringLiteral("The note holds a control character (U+%1) at character %2; a note keeps "
                                      "text, tabs and line breaks only. Remove it and add the note again.")
                           .arg(note.text.at(*at).unicode(), 4, 16, QLatin1Char('0'))
                           .arg(*at + 1));
    }
    Result<Note> added = write(m_store, [&]() -> Result<Note> {
        Result<Deal> deal = m_pipeline.deals().get(dealId);
        if (!deal) {
            return deal.error();
        }
        if (std::optional<Error> refused
            = ownersOnly(m_store, deal.value(), QStringLiteral("the notes of '%1'").arg(deal.value().title))) {
            return *refused;
        }
        note.createdAt = m_pipeline.now();
        note.dealTitle = deal.value().title;
        if (Result<void> done = m_store.notes().insert(note); !done) {
            return done.error();
        }
        return note;
    });
    if (!added) {
        return added;
    }
    spdlog::info("Added note {} to deal {}", added.value().id, dealId);
    Q_EMIT m_pipeline.notesChanged(dealId);
    return added;
}

Result<Note> NoteService::remove(NoteId id)
{
    Result<Note> removed = write(m_store, [&]() -> Result<Note> {
        Result<std::optional<Note>> found = m_store.notes().find(id);
        if (!found) {
            return found.error();
        }
        if (!found.value()) {
            return notFound("note", id);
        }
        const Note note = *found.value();
        Result<Deal> deal = m_pipeline.deals().get(note.dealId);
        if (!deal) {
            return deal.error();
        }
        if (std::optional<Error> refused
            = ownersOnly(m_store, deal.value(), QStringLiteral("the notes of '%1'").arg(deal.value().title))) {
            return *refused;
        }
        const TeamSession& team = m_store.team();
        if (team.isTeam && note.author != team.user && !team.mayManage()) {
            return makeError(ErrorCode::RefusedByRules,
                             QStringLiteral("Only who wrote the note (%1) or a manager can delete it; you are "
                                            "signed in as %2.")
                                 .arg(note.author, team.user));
        }
        if (Result<void> done = m_store.notes().remove(id); !done) {
            return done.error();
        }
        return note;
    });
    if (!removed) {
        return removed;
    }
    spdlog::info("Deleted note {} of deal {}", id, removed.value().dealId);
    Q_EMIT m_pipeline.notesChanged(removed.value().dealId);
    return removed;
}

Result<Note> NoteService::restore(const Note& note)
{
    Result<Note> restored = write(m_store, [&]() -> Result<Note> {
        Result<Deal> deal = m_pipeline.deals().get(note.dealId);
        if (!deal) {
            return deal.error();
        }
        if (std::optional<Error> refused
            = ownersOnly(m_store, deal.value(), QStringLiteral("the notes of '%1'").arg(deal.value().title))) {
            return *refused;
        }
        Result<std::optional<Note>> existing = m_store.notes().find(note.id);
        if (!existing) {
            return existing.error();
        }
        if (existing.value()) {
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("Note %1 exists already; it can't be restored twice.").arg(note.id));
        }
        if (Result<void> done = m_store.notes().restore(note); !done) {
            return done.error();
        }
        Note kept = note;
        kept.dealTitle = deal.value().title;
        return kept;
    });
    if (!restored) {
        return restored;
    }
    spdlog::info("Restored note {} of deal {}", note.id, note.dealId);
    Q_EMIT m_pipeline.notesChanged(note.dealId);
    return restored;
}

Result<std::vector<Note>> NoteService::list(DealId dealId)
{
    if (Result<Deal> deal = m_pipeline.deals().get(dealId); !deal) {
        return deal.error();
    }
    return m_store.notes().list(dealId);
}

Result<std::vector<Note>> NoteService::all()
{
    return m_store.notes().list(0);
}

} // namespace dealboard
