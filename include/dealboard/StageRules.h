#pragma once

// What a deal needs from a point of the pipeline on, as data a manager
// adjusts. Each adjustable fact (a value, an expected close date, an
// organization or person, a next activity planned) is needed from at most
// one point: on entering a stage, or on leaving it forward. From there on it
// is needed in every later stage too, so no deal skips past a rule.
//
// A next activity needed from an open stage on is not asked to win (enter
// Customer Retention); only a rule to enter Customer Retention itself asks it.
//
// Two rules stay fixed and are not stored: every deal has a title, and a deal
// leaves Qualifying only willing to buy, with a proven need and a budget.
#include "dealboard/CustomFields.h"
#include "dealboard/Requirement.h"
#include "dealboard/Stage.h"
#include "dealboard/StagePlan.h"

#include <QString>
#include <optional>
#include <vector>

namespace dealboard {

enum class RuleMoment { Enter, Leave };

QString momentSlug(RuleMoment moment); // "enter", "leave"
std::optional<RuleMoment> momentFromSlug(QStringView slug);

// One adjustable fact and the point from which it is needed.
struct StageRule
{
    Requirement requirement = Requirement::Value;
    Stage stage = Stage::Prospecting;
    RuleMoment moment = RuleMoment::Enter;

    friend bool operator==(const StageRule&, const StageRule&) = default;
    // "to enter Negotiation", "to leave Contacting"
    QString pointText() const;
};

class StageRules
{
public:
    // A new pipeline's: a value to enter Negotiation, an expected close date
    // to enter Closing.
    static StageRules builtIn();
    // None of the adjustable facts needed anywhere.
    static StageRules none() { return {}; }

    // The facts a manager may require: value, close_date, contact, activity.
    static const std::vector<Requirement>& adjustable();
    static bool isAdjustable(Requirement requirement);
    // The gate's facts: willing, need, budget, needed on leaving Qualifying.
    static bool isGateFact(Requirement requirement);

    // Why a rule may not be set, for people; empty when it may.
    static QString whyNot(const StageRule& rule);

    // The rule of one fact, if it is needed anywhere.
    std::optional<StageRule> ruleOf(Requirement requirement) const;
    const std::vector<StageRule>& rules() const { return m_rules; }
    // Sets (or, with no stage, clears) the point of a fact.
    void set(const StageRule& rule);
    void clear(Requirement requirement);

    // Whether `requirement` is needed in `stage` (fixed and adjustable).
    bool neededIn(Requirement requirement, Stage stage) const;
    // Everything needed in `stage`, the fixed rules first, then the
    // adjustable facts in their fixed order.
    std::vector<Requirement> neededIn(Stage stage) const;

    // The stages' plans, whose required steps are needed past their stage.
    const StagePlan& plan() const { return m_plan; }
    void setPlan(StagePlan plan) { m_plan = std::move(plan); }

    // The custom fields, whose needed ones are needed from their point on.
    const CustomFields& fields() const { return m_fields; }
    void setFields(CustomFields fields) { m_fields = std::move(fields); }

    friend bool operator==(const StageRules& a, const StageRules& b);

private:
    std::vector<StageRule> m_rules; // in the order of adjustable()
    StagePlan m_plan;
    CustomFields m_fields;
};

} // namespace dealboard
