#pragma once

#include "dealboard/Pipeline.h"

#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QUndoStack;
class QWidget;

namespace dealboard::gui {

class BoardModel;
class DealCommand;

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
    // Deals just moved: selected where they landed, with the keyboard there.
    std::function<void(const QList<DealId>&)> moved;
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
    // One change of the deal's facts (the details pane), only over the
    // `version` the rep saw (refused as stale otherwise): one undo step; the
    // refusal when there is one.
    std::optional<Error> applyEdit(DealId id, const DealFields& fields, std::int64_t version);
    void win(DealId id);
    void lose(DealId id);
    void reopen(DealId id);
    void remove(DealId id);
    void followUp(DealId id);
    void loadSample();

    // The same action on several deals (SeveralDeals.cpp): one transaction,
    // one undo step; where the rules refuse some, one form lists each with
    // why, and the rest are done only if the rep says so.
    void moveSeveral(const QList<DealId>& ids, Stage target);
    void stepSeveral(const QList<DealId>& ids, int direction);
    void loseSeveral(const QList<DealId>& ids);
    void removeSeveral(const QList<DealId>& ids);
    void assignOwner(const QList<DealId>& ids);

private:
    // One deal's step: its command, whose action is the step (done inside
    // the batch), or why the deal can't take it.
    using SeveralStep = std::function<Result<std::unique_ptr<DealCommand>>(const Deal& before)>;
    // Runs `step` on each deal as above; `what` completes "deals can't be …"
    // ("moved to Contacting"), `undoText` names the undo step ("%1": the
    // count). Returns the deals done.
    QList<DealId> runOnSeveral(const QList<DealId>& ids, const QString& what, const QString& undoText,
                               const SeveralStep& step);
    // The reason for losing; nothing when the rep cancelled. A reason the
    // text rules refuse brings the dialog back with it and the character
    // named; `typed` and `problem` ask again after another refusal.
    std::optional<QString> askLostReason(const QString& question, QString typed = {}, QString problem = {});
    // The edit of `before` with `fields` over `version`: one action, one
    // undo step when it changed the deal.
    Result<Deal> pushEdit(const Deal& before, const DealFields& fields, std::int64_t version);
    // The move of `shown` (the card) to `target` over `version`, saving
    // `facts` with it ("Save and move"): one action, one undo step when it
    // changed the deal; a refusal leaves the undo stack as it was.
    Result<MoveOutcome> pushMove(const Deal& shown, Stage target, std::optional<std::int64_t> version,
                                 DealFields facts = {});
    // The missing-facts form for the move of `shown` the rules refused for
    // `unmet`, and the move with its facts (`moved`). When another change
    // makes the move impossible meanwhile, the form is asked again with what
    // the rep gave and what changed, by whom. False when the rep cancelled.
    bool askMissingFacts(const Deal& shown, Deal asked, Stage target, std::vector<Requirement> unmet,
                         Result<MoveOutcome>& moved, QString& keptTheirs);
    // The move with the missing-facts form's `facts`, after the deal changed
    // while the form was open (`asked`: as the form showed it).
    // `keptTheirs` says which facts set meanwhile were kept.
    Result<MoveOutcome> moveOverChanges(const Deal& shown, const Deal& asked, Stage target, DealFields facts,
                                        QString& keptTheirs);
    // The deals' titles, named as namedDeals does ("'A', 'B' and 3 more").
    // The deals as named are what runOnSeveral then acts on: one changed
    // elsewhere while the rep was asked is refused as stale, never acted on
    // as it is now.
    QString named(const QList<DealId>& ids);
    // Asks "`question`" over the deals' names; true for Yes.
    bool confirmSeveral(const QString& question, const QList<DealId>& ids);

    Pipeline& m_service;
    BoardModel& m_board;
    QUndoStack& m_undo;
    QWidget* m_parent;
    QString m_actor;
    DealActionHooks m_hooks;
    std::vector<Deal> m_named; // the deals as named to the rep, until acted on
};

} // namespace dealboard::gui
