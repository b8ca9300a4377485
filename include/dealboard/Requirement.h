#pragma once

#include <QString>
#include <optional>

namespace dealboard {

// One rule of the pipeline that a deal does not meet yet. The code is stable
// (scripts and the board's "missing facts" form read it); the sentence is for people.
enum class Requirement {
    Title, // the deal has no title
    Willing, // the prospect's willingness to buy is not confirmed
    Need, // the prospect's need is not proven
    Budget, // the prospect's budget is not confirmed
    Value, // the deal has no value above zero
    CloseDate, // the deal has no expected close date
    FromClosing, // Customer Retention can only be entered from Closing
    NotLost, // a lost deal must be reopened before it moves
    LostReason, // marking a deal lost needs a reason
    NotWon, // a won deal cannot be marked lost
    Contact, // the deal has no organization or person (a manager's rule)
    Activity, // the deal has no next activity planned (a manager's rule)
    Plan, // a required step of an earlier stage's plan is not ticked (StagePlan)
    Field, // a custom field the stage needs has no value (CustomFields)
};

inline constexpr Requirement LastRequirement = Requirement::Field;

// Requirement from its code; empty for an unknown code.
std::optional<Requirement> requirementFromCode(QStringView code);

// Machine-readable code: "budget", "close_date", ...
QString requirementCode(Requirement requirement);

// A phrase for people that completes "Can't move 'X' to Y: ...".
QString requirementText(Requirement requirement);

// True when supplying a fact on the spot (the board's form) can satisfy it.
bool isSuppliableFact(Requirement requirement);

} // namespace dealboard
