#pragma once

#include "dealboard/Pipeline.h"

#include <QList>
#include <QUndoCommand>
#include <QUndoStack>
#include <functional>
#include <memory>

namespace dealboard::gui {

// Where a command reports a refusal while undoing or redoing (the status bar).
using ReportError = std::function<void(const Error&)>;

// Base of the board's undo commands. A command's redo() does its action
// through the service, the first time too (a move, say); later redo() takes
// the action again as it was (the step redone), undo() takes it back. Each is
// one transaction. A command reaches the stack only through push(), which
// keeps it only when its action was done and changed something.
class DealCommand : public QUndoCommand
{
public:
    DealCommand(Pipeline& service, ReportError report, const QString& text);

    // Who the history records for the actions, their undo and their redo.
    static void setActor(const QString& actor);

    void undo() final;
    void redo() final;

    // The deals it acts on.
    virtual QList<DealId> deals() const = 0;
    // Whether its last undo or redo was refused (and said so).
    bool refused() const { return m_refused; }
    // Its next undo() or redo() does nothing: the stack's index goes back
    // over a refused step without taking or undoing anything.
    void skipNext() const { m_skip = true; }

    // The actor's options for a step.
    static ActionOptions options();

    // Does `command`'s action (its first redo()) and puts it on `stack` as one
    // undo step when the action was done and changed something. Refused, or
    // changing nothing, the command is dropped and the stack stays as it was,
    // its redo steps too (QUndoStack::push would drop those before it looks
    // at the command). Returns the action's outcome; a refusal is said by
    // nobody yet: whoever pushed shows it as the action does.
    template<typename Command> static auto push(QUndoStack& stack, std::unique_ptr<Command> command)
    {
        DealCommand& pushed = *command;
        pushed.redo();
        auto outcome = command->outcome();
        if (pushed.m_state == State::Done) {
            stack.push(command.release()); // its redo() is done: push's call to it does nothing more
        }
        return outcome;
    }

protected:
    friend class BatchDealCommand; // runs its steps' actions inside one transaction

    // The action itself, its first redo(): whether it changed anything (there
    // is nothing to undo otherwise), or the refusal.
    virtual Result<bool> act() = 0;
    virtual Result<void> undoAction() = 0;
    virtual Result<void> redoAction() = 0;
    // The text of the Undo menu's item, once the action named what it did.
    void setMenuText(const QString& text);

    Pipeline& m_service;

private:
    // New: its redo() is the action. Done: the action was done; the stack's
    // own redo() on push follows. Dropped: refused, or nothing changed.
    // Pushed: on the stack, its redo() a redo.
    enum class State { New, Done, Dropped, Pushed };

    ReportError m_report;
    State m_state = State::New;
    bool m_refused = false;
    mutable bool m_skip = false;
};

// A command whose action gives back a `T` (the moved deal, the created one),
// for whoever pushed it to show.
template<typename T> class DealAction : public DealCommand
{
public:
    using DealCommand::DealCommand;

    // What the action gave back, or its refusal.
    const Result<T>& outcome() const { return m_outcome; }

protected:
    // The service's action, the first time.
    virtual Result<T> action() = 0;
    // Whether what the action gave back is a change (one to undo).
    virtual bool changes(const T&) const { return true; }

private:
    Result<bool> act() final
    {
        m_outcome = action();
        if (!m_outcome) {
            return m_outcome.error();
        }
        return changes(m_outcome.value());
    }

    Result<T> m_outcome = makeError(ErrorCode::Cancelled, QString()); // not done yet
};

// Every editable field of a deal, for restoring it on undo.
DealFields allFields(const Deal& deal);
// A deal's title as it reads in the Undo menu: invisible characters written
// out, short enough for the menu, and an '&' shown as itself rather than as a
// shortcut marker.
QString menuTitle(const QString& title);

// What an undo or redo reports: only whether the service refused it.
template<typename T> Result<void> done(const Result<T>& result)
{
    if (!result) {
        return result.error();
    }
    return {};
}

} // namespace dealboard::gui
