#include "undo/NoteCommand.h"

namespace dealboard::gui {

namespace {

QString commandText(NoteCommand::Kind kind, const Note& note)
{
    return (kind == NoteCommand::Kind::Added ? QStringLiteral("Add a note to '%1'")
                                             : QStringLiteral("Delete a note of '%1'"))
        .arg(menuTitle(note.dealTitle));
}

} // namespace

NoteCommand::NoteCommand(Pipeline& service, ReportError report, Kind kind, Note note)
    : DealAction(service, std::move(report), QString())
    , m_kind(kind)
    , m_note(std::move(note))
{
}

std::unique_ptr<NoteCommand> NoteCommand::adding(Pipeline& service, ReportError report, DealId deal, QString text)
{
    Note note;
    note.dealId = deal;
    note.text = std::move(text);
    return std::make_unique<NoteCommand>(service, std::move(report), Kind::Added, std::move(note));
}

std::unique_ptr<NoteCommand> NoteCommand::deleting(Pipeline& service, ReportError report, NoteId id)
{
    Note note;
    note.id = id;
    return std::make_unique<NoteCommand>(service, std::move(report), Kind::Deleted, std::move(note));
}

Result<Note> NoteCommand::action()
{
    Result<Note> done = m_kind == Kind::Added ? m_service.notes().add(m_note.dealId, m_note.text, options().actor)
                                              : m_service.notes().remove(m_note.id);
    if (done) {
        m_note = done.value();
        setMenuText(commandText(m_kind, m_note));
    }
    return done;
}

Result<void> NoteCommand::put(bool back)
{
    if (back) {
        return done(m_service.notes().restore(m_note));
    }
    return done(m_service.notes().remove(m_note.id));
}

Result<void> NoteCommand::undoAction()
{
    return put(m_kind == Kind::Deleted);
}

Result<void> NoteCommand::redoAction()
{
    return put(m_kind == Kind::Added);
}

} // namespace dealboard::gui
