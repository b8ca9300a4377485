#pragma once

#include "dealboard/Deal.h"
#include "dealboard/Requirement.h"

#include <vector>

namespace dealboard {

// The answer to "may this deal enter that stage?".
struct TransitionVerdict
{
    bool noOp = false; // the deal is already in the target stage
    std::vector<Requirement> unmet; // empty: the move is allowed

    bool allowed() const { return unmet.empty(); }
};

// The pipeline's stage-entry rules, as a pure function of (deal, target stage).
// No database, no clock, no Qt Widgets: the service asks it inside the write
// transaction, the board may ask it early to show a forbidden drop.
class TransitionEngine final
{
public:
    // The pipeline's entry rules as data: each fact a deal needs from a stage
    // on. A team's server is given the same rows (its stage_requirements
    // table) and its guard reads them, so both refuse alike.
    struct EntryRule
    {
        Requirement requirement;
        Stage from;
    };
    static const std::vector<EntryRule>& entryRules();

    // Everything needed to enter `stage`, cumulative over the stages before it
    // (FromClosing excluded: it depends on where the deal comes from).
    static std::vector<Requirement> requirementsToEnter(Stage stage);

    // Every unmet requirement for moving `deal` to `target`, in a stable order.
    static TransitionVerdict check(const Deal& deal, Stage target);

    // Requirements of the deal's current stage that it no longer meets, used to
    // refuse an edit that would leave a deal where the rules could not put it.
    static std::vector<Requirement> unmetInCurrentStage(const Deal& deal);

    // "Can't move 'Acme renewal' to Contacting: budget not confirmed."
    static QString refusalMessage(const Deal& deal, Stage target, const std::vector<Requirement>& unmet);

    // "Willing to buy, proven need and budget confirmed; value above zero." for tooltips.
    static QString describeEntryRules(Stage stage);
};

} // namespace dealboard
