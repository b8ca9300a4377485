#pragma once

#include "dealboard/Duplicates.h"
#include "undo/DealCommand.h"

#include <QUndoCommand>
#include <QUndoStack>
#include <cstdint>
#include <memory>

namespace dealboard {
class ContactService;
}

namespace dealboard::gui {

// The merge of two organizations or two people: its redo keeps `keep` and
// folds `other` into it (ContactService::merge: deals, activities, notes and
// an organization's people moved over, the differing fields kept as a note),
// its undo puts `other` back as it was (ContactService::undoMerge). Each is one
// transaction. A redo after an undo merges again, as a new merge.
class MergeContactsCommand final : public QUndoCommand
{
public:
    MergeContactsCommand(ContactService& contacts, ContactType type, std::int64_t keep, std::int64_t other,
                         ReportError report = {});

    // Does `command`'s merge (its first redo()) and puts it on `stack` as one
    // undo step when it was done. Refused, the command is dropped and the
    // stack stays as it was. Returns the merge, or its refusal for whoever
    // pushed it to show.
    static Result<ContactMerge> push(QUndoStack& stack, std::unique_ptr<MergeContactsCommand> command);

    void undo() override;
    void redo() override;

    // The last merge done (what moved, its id), or the refusal.
    const Result<ContactMerge>& outcome() const { return m_outcome; }
    // Whether its last undo or redo was refused (and reported).
    bool refused() const { return m_refused; }

private:
    Result<void> merge();

    ContactService& m_contacts;
    const ContactType m_type;
    const std::int64_t m_keep;
    const std::int64_t m_other;
    ReportError m_report;
    Result<ContactMerge> m_outcome = makeError(ErrorCode::Cancelled, QString()); // not done yet
    bool m_pushed = false; // QUndoStack::push's own redo() does nothing more
    bool m_refused = false;
};

} // namespace dealboard::gui
