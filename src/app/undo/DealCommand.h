#pragma once

#include "dealboard/Pipeline.h"

#include <QList>
#include <QUndoCommand>
#include <functional>

namespace dealboard::gui {

// Where a command reports a refusal while undoing or redoing (the status bar).
using ReportError = std::function<void(const Error&)>;

// Base of the board's undo commands: the action was already done through the
// service when the command is pushed, so the first redo() does nothing; later
// undo() and redo() call the service again, each as one transaction.
class DealCommand : public QUndoCommand
{
public:
    DealCommand(Pipeline& service, ReportError report, const QString& text);

    // Who the history records for undo and redo.
    static void setActor(const QString& actor);

    void undo() final;
    void redo() final;

    // The deals it acts on.
    virtual QList<DealId> deals() const = 0;
    // Whether its last undo or redo was refused (and said so).
    bool refused() const { return m_refused; }

    // The actor's options for a step.
    static ActionOptions options();

protected:
    friend class BatchDealCommand; // runs its steps' actions inside one transaction
    virtual Result<void> undoAction() = 0;
    virtual Result<void> redoAction() = 0;
    Pipeline& m_service;

private:
    ReportError m_report;
    bool m_done = true;
    bool m_refused = false;
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
