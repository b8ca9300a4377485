#pragma once

#include "undo/DealCommand.h"

namespace dealboard::gui {

// A note added to a deal or deleted from it (NoteService::add and remove).
// Undoing an addition deletes the note, undoing a delete brings it back with
// its id, author and time; redo does the other (NoteService::remove and
// restore).
class NoteCommand final : public DealAction<Note>
{
public:
    enum class Kind { Added, Deleted };

    // `note`: the note to add (its deal and text) or to delete (its id).
    NoteCommand(Pipeline& service, ReportError report, Kind kind, Note note);
    // The addition of `text` to the deal; the delete of the note.
    static std::unique_ptr<NoteCommand> adding(Pipeline& service, ReportError report, DealId deal, QString text);
    static std::unique_ptr<NoteCommand> deleting(Pipeline& service, ReportError report, NoteId note);
    QList<DealId> deals() const override { return {m_note.dealId}; }

private:
    Result<Note> action() override;
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    Result<void> put(bool back);
    Kind m_kind;
    Note m_note;
};

} // namespace dealboard::gui
