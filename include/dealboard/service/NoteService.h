#pragma once

#include "dealboard/Note.h"
#include "dealboard/Result.h"

#include <vector>

namespace dealboard {

class DealStore;
class Pipeline;

// Free-text notes on deals. A note is added (its author is who is signed in
// on a team's server, else the actor given); it goes with its deal. Its
// author or a manager may delete it, and undo brings it back.
class NoteService final
{
public:
    NoteService(Pipeline& pipeline, DealStore& store);

    Result<Note> add(DealId deal, const QString& text, const QString& actor = {});
    // Deletes a note (its author's, or a manager's on a team) and returns it
    // whole, for its undo.
    Result<Note> remove(NoteId id);
    // Puts back a note removed by remove(), with its id, author and time (undo).
    Result<Note> restore(const Note& note);
    // The deal's notes, newest first.
    Result<std::vector<Note>> list(DealId deal);
    // Every note, oldest first (for the export).
    Result<std::vector<Note>> all();

    // The longest note, in characters.
    static constexpr qsizetype MaxLength = 10000;

private:
    Pipeline& m_pipeline;
    DealStore& m_store;
};

} // namespace dealboard
