#pragma once

#include "dealboard/Pipeline.h"

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

protected:
    static ActionOptions options();
    virtual Result<void> undoAction() = 0;
    virtual Result<void> redoAction() = 0;
    Pipeline& m_service;

private:
    ReportError m_report;
    bool m_done = true;
};

// A move between stages, with the facts supplied on the spot. Undoing it is
// itself a recorded move back; the facts stay confirmed.
class MoveDealCommand final : public DealCommand
{
public:
    MoveDealCommand(Pipeline& service, ReportError report, const Deal& before, Stage target, DealFields facts);

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DealId m_id;
    Stage m_from;
    Stage m_to;
    DealFields m_facts;
};

class CreateDealCommand final : public DealCommand
{
public:
    CreateDealCommand(Pipeline& service, ReportError report, const Deal& created);

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DealId m_id;
    std::optional<DeletedDeal> m_removed;
};

class EditDealCommand final : public DealCommand
{
public:
    EditDealCommand(Pipeline& service, ReportError report, const Deal& before, const Deal& after);

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DealId m_id;
    DealFields m_before;
    DealFields m_after;
};

class LoseDealCommand final : public DealCommand
{
public:
    LoseDealCommand(Pipeline& service, ReportError report, const Deal& deal, const QString& reason);

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DealId m_id;
    QString m_reason;
};

class ReopenDealCommand final : public DealCommand
{
public:
    ReopenDealCommand(Pipeline& service, ReportError report, const Deal& lostDeal);

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DealId m_id;
    QString m_reason;
};

class DeleteDealCommand final : public DealCommand
{
public:
    DeleteDealCommand(Pipeline& service, ReportError report, DeletedDeal deleted);

private:
    Result<void> undoAction() override;
    Result<void> redoAction() override;
    DeletedDeal m_deleted;
};

// Every editable field of a deal, for restoring it on undo.
DealFields allFields(const Deal& deal);

} // namespace dealboard::gui
