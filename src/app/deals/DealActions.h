#pragma once

#include "dealboard/Pipeline.h"

#include <QList>
#include <QString>
#include <functional>

class QUndoStack;
class QWidget;

namespace dealboard::gui {

class BoardModel;

// What the board tells the rest of the window after a deal action.
struct DealActionHooks
{
    std::function<void(const Error&)> report; // a refusal or failure, for the status bar
    std::function<void(const QString&)> notify; // what was done
    std::function<void(DealId)> select; // the deal to show selected
    std::function<void()> ownersChanged; // the owner filter may need a new name
    // A move aimed at a stage was refused for a reason the rep can't supply
    // there: said next to that stage's column.
    std::function<void(Stage, const QString&)> refusedAt;
};

// The rep's actions on deals, from the menus, the keys and a drop: each
// through the service, each pushed on the undo stack. A move the rules refuse
// for facts the rep can give opens the missing-facts form.
class DealActions final
{
public:
    DealActions(Pipeline& service, BoardModel& board, QUndoStack& undo, QWidget* parent, QString actor,
                DealActionHooks hooks);

    void move(const QList<DealId>& ids, Stage target);
    // One stage on (direction 1) or back (-1).
    void step(DealId id, int direction);
    void create();
    void edit(DealId id);
    // One change of the deal's facts (the details pane), as the deal was last
    // shown: one undo step; the refusal when there is one.
    std::optional<Error> applyEdit(DealId id, const DealFields& fields);
    void win(DealId id);
    void lose(DealId id);
    void reopen(DealId id);
    void remove(DealId id);
    void followUp(DealId id);
    void loadSample();

private:
    Pipeline& m_service;
    BoardModel& m_board;
    QUndoStack& m_undo;
    QWidget* m_parent;
    QString m_actor;
    DealActionHooks m_hooks;
};

} // namespace dealboard::gui
