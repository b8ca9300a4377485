#pragma once

#include "dealboard/Deal.h"
#include "dealboard/Requirement.h"
#include "dealboard/StageRules.h"

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
    // Whether `deal` has the fact `requirement` asks for (the facts only:
    // title, willingness, need, budget, value, close date, contact, activity).
    static bool meets(const Deal& deal, Requirement requirement);

    // Every unmet requirement for moving `deal` to `target` under `rules`, in
    // a stable order.
    static TransitionVerdict check(const Deal& deal, Stage target, const StageRules& rules);

    // What a new deal lacks to be created in `stage`: everything needed
    // there, a next activity included.
    static std::vector<Requirement> unmetToEnter(const Deal& deal, Stage stage, const StageRules& rules);

    // Facts needed in the deal's current stage that it lacks. A next
    // activity is asked on entering a stage only: marking it done later
    // leaves the deal where it is.
    static std::vector<Requirement> unmetInCurrentStage(const Deal& deal, const StageRules& rules);

    // What an edit takes away that the deal's stage needs: facts it had
    // before and lacks after. A deal that entered before a rule was set
    // keeps being editable; supplying the fact is always allowed.
    static std::vector<Requirement> brokenByEdit(const Deal& before, const Deal& after, const StageRules& rules);

    // The required steps a move of `deal` to `target` passes (of its stage
    // and those between) that it has not ticked (Requirement::Plan; see
    // StagePlan). Creation and import ask none.
    static std::vector<PlanStep> untickedSteps(const Deal& deal, Stage target, const StageRules& rules);

    // The custom fields a deal in `stage` needs (CustomFields) that `deal`
    // has no value for (Requirement::Field).
    static std::vector<CustomField> missingFields(const Deal& deal, Stage stage, const StageRules& rules);
    // "'Lead source' not filled in", "'Lead source' and 'Seats' not filled in"
    static QString missingFieldsText(const std::vector<CustomField>& fields);

    // The reasons of a refusal to bring `deal` to `target`, joined: "budget
    // not confirmed; 'Lead source' not filled in".
    static QString reasonsText(const Deal& deal, Stage target, const std::vector<Requirement>& unmet,
                               const StageRules& rules);
    // "Can't move 'Acme renewal' to Contacting: budget not confirmed." The
    // plan's steps and the custom fields are named from `rules`.
    static QString refusalMessage(const Deal& deal, Stage target, const std::vector<Requirement>& unmet,
                                  const StageRules& rules = {});

    // "Willing to buy, proven need and budget confirmed; value above zero." for tooltips.
    static QString describeEntryRules(Stage stage, const StageRules& rules);
};

} // namespace dealboard
