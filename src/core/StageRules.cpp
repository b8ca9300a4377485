#include "dealboard/StageRules.h"

#include <algorithm>

namespace dealboard {

QString momentSlug(RuleMoment moment)
{
    return moment == RuleMoment::Enter ? QStringLiteral("enter") : QStringLiteral("leave");
}

std::optional<RuleMoment> momentFromSlug(QStringView slug)
{
    if (slug == u"enter") {
        return RuleMoment::Enter;
    }
    if (slug == u"leave") {
        return RuleMoment::Leave;
    }
    return std::nullopt;
}

QString StageRule::pointText() const
{
    return QStringLiteral("to %1 %2")
        .arg(moment == RuleMoment::Enter ? QStringLiteral("enter") : QStringLiteral("leave"), stageName(stage));
}

StageRules StageRules::builtIn()
{
    StageRules rules;
    rules.set({Requirement::Value, Stage::Negotiation, RuleMoment::Enter});
    rules.set({Requirement::CloseDate, Stage::Closing, RuleMoment::Enter});
    return rules;
}

const std::vector<Requirement>& StageRules::adjustable()
{
    static const std::vector<Requirement> facts
        = {Requirement::Value, Requirement::CloseDate, Requirement::Contact, Requirement::Activity};
    return facts;
}

bool StageRules::isAdjustable(Requirement requirement)
{
    const std::vector<Requirement>& facts = adjustable();
    return std::find(facts.begin(), facts.end(), requirement) != facts.end();
}

bool StageRules::isGateFact(Requirement requirement)
{
    return requirement == Requirement::Willing || requirement == Requirement::Need
        || requirement == Requirement::Budget;
}

QString StageRules::whyNot(const StageRule& rule)
{
    if (rule.requirement == Requirement::Title) {
        return QStringLiteral("Every deal needs a title, in every stage; that rule is fixed.");
    }
    if (isGateFact(rule.requirement)) {
        return QStringLiteral("Willingness, need and budget are the gate out of %1; that rule is fixed.")
            .arg(stageName(Stage::Qualifying));
    }
    if (!isAdjustable(rule.requirement)) {
        return QStringLiteral("'%1' is not a fact a stage can require; use value, close_date, contact or activity.")
            .arg(requirementCode(rule.requirement));
    }
    if (rule.moment == RuleMoment::Leave && rule.stage == Stage::Retention) {
        return QStringLiteral("No deal leaves %1 forward; require it to enter %1 instead.").arg(stageName(rule.stage));
    }
    if (rule.requirement == Requirement::Activity && rule.moment == RuleMoment::Enter
        && rule.stage == Stage::Prospecting) {
        return QStringLiteral("A new deal has no activity yet, so none could enter %1; require an activity to leave "
                              "it instead.")
            .arg(stageName(rule.stage));
    }
    return {};
}

std::optional<StageRule> StageRules::ruleOf(Requirement requirement) const
{
    for (const StageRule& rule : m_rules) {
        if (rule.requirement == requirement) {
            return rule;
        }
    }
    return std::nullopt;
}

void StageRules::set(const StageRule& rule)
{
    clear(rule.requirement);
    m_rules.push_back(rule);
    const std::vector<Requirement>& order = adjustable();
    std::sort(m_rules.begin(), m_rules.end(), [&order](const StageRule& a, const StageRule& b) {
        return std::find(order.begin(), order.end(), a.requirement)
            < std::find(order.begin(), order.end(), b.requirement);
    });
}

void StageRules::clear(Requirement requirement)
{
    std::erase_if(m_rules, [requirement](const StageRule& rule) { return rule.requirement == requirement; });
}

bool StageRules::neededIn(Requirement requirement, Stage stage) const
{
    if (requirement == Requirement::Title) {
        return true;
    }
    if (isGateFact(requirement)) {
        return stage > Stage::Qualifying;
    }
    const std::optional<StageRule> rule = ruleOf(requirement);
    if (!rule) {
        return false;
    }
    if (requirement == Requirement::Activity && stage == Stage::Retention && rule->stage != Stage::Retention) {
        return false; // winning asks no new next step, unless a manager asks it to win
    }
    return rule->moment == RuleMoment::Enter ? stage >= rule->stage : stage > rule->stage;
}

std::vector<Requirement> StageRules::neededIn(Stage stage) const
{
    std::vector<Requirement> needed;
    for (Requirement requirement : {Requirement::Title, Requirement::Willing, Requirement::Need, Requirement::Budget}) {
        if (neededIn(requirement, stage)) {
            needed.push_back(requirement);
        }
    }
    for (Requirement requirement : adjustable()) {
        if (neededIn(requirement, stage)) {
            needed.push_back(requirement);
        }
    }
    return needed;
}

bool operator==(const StageRules& a, const StageRules& b)
{
    return a.m_rules == b.m_rules && a.m_plan == b.m_plan && a.m_fields == b.m_fields;
}

} // namespace dealboard
