#include "dealboard/TransitionEngine.h"

#include <QStringList>
#include <algorithm>

namespace dealboard {

namespace {

void appendUnmet(const Deal& deal, Stage stage, const StageRules& rules, bool entering, std::vector<Requirement>& unmet)
{
    for (Requirement requirement : rules.neededIn(stage)) {
        if (requirement == Requirement::Activity && !entering) {
            continue;
        }
        if (!TransitionEngine::meets(deal, requirement)) {
            unmet.push_back(requirement);
        }
    }
    if (!TransitionEngine::missingFields(deal, stage, rules).empty()) {
        unmet.push_back(Requirement::Field);
    }
}

} // namespace

bool TransitionEngine::meets(const Deal& deal, Requirement requirement)
{
    switch (requirement) {
    case Requirement::Title:
        return !deal.title.trimmed().isEmpty();
    case Requirement::Willing:
        return deal.qualification.willing;
    case Requirement::Need:
        return deal.qualification.need;
    case Requirement::Budget:
        return deal.qualification.budget;
    case Requirement::Value:
        return deal.value.isPositive();
    case Requirement::CloseDate:
        return deal.expectedClose.isValid();
    case Requirement::Contact:
        // On reads these come from the linked records; on writes they name them.
        return !deal.company.trimmed().isEmpty() || !deal.contactName.trimmed().isEmpty()
            || !deal.email.trimmed().isEmpty();
    case Requirement::Activity:
        return deal.nextActivity.has_value();
    default:
        return true;
    }
}

TransitionVerdict TransitionEngine::check(const Deal& deal, Stage target, const StageRules& rules)
{
    TransitionVerdict verdict;
    if (deal.stage == target && deal.status != DealStatus::Lost) {
        verdict.noOp = true;
        return verdict;
    }
    if (deal.status == DealStatus::Lost) {
        verdict.unmet.push_back(Requirement::NotLost);
    }
    // Reopening where it stands is not entering; any other move is.
    appendUnmet(deal, target, rules, deal.stage != target, verdict.unmet);
    if (deal.stage != target && !untickedSteps(deal, target, rules).empty()) {
        verdict.unmet.push_back(Requirement::Plan);
    }
    if (target == Stage::Retention && deal.stage != Stage::Closing) {
        verdict.unmet.push_back(Requirement::FromClosing);
    }
    return verdict;
}

std::vector<Requirement> TransitionEngine::unmetToEnter(const Deal& deal, Stage stage, const StageRules& rules)
{
    std::vector<Requirement> unmet;
    appendUnmet(deal, stage, rules, true, unmet);
    return unmet;
}

std::vector<Requirement> TransitionEngine::unmetInCurrentStage(const Deal& deal, const StageRules& rules)
{
    std::vector<Requirement> unmet;
    appendUnmet(deal, deal.stage, rules, false, unmet);
    return unmet;
}

std::vector<Requirement> TransitionEngine::brokenByEdit(const Deal& before, const Deal& after, const StageRules& rules)
{
    std::vector<Requirement> broken = unmetInCurrentStage(after, rules);
    std::erase_if(broken, [&before](Requirement requirement) {
        return requirement == Requirement::Field || !meets(before, requirement);
    });
    // A needed field is held to the value it had: one it lacked may stay empty.
    for (const CustomField& field : missingFields(after, after.stage, rules)) {
        if (!fieldValueOf(before.fieldValues, field.id).isEmpty()) {
            broken.push_back(Requirement::Field);
            break;
        }
    }
    return broken;
}

std::vector<CustomField> TransitionEngine::missingFields(const Deal& deal, Stage stage, const StageRules& rules)
{
    std::vector<CustomField> missing = rules.fields().neededIn(stage);
    std::erase_if(missing,
                  [&deal](const CustomField& field) { return !fieldValueOf(deal.fieldValues, field.id).isEmpty(); });
    return missing;
}

QString TransitionEngine::missingFieldsText(const std::vector<CustomField>& fields)
{
    QStringList names;
    for (const CustomField& field : fields) {
        names << QStringLiteral("'%1'").arg(field.name);
    }
    if (names.isEmpty()) {
        return requirementText(Requirement::Field);
    }
    const QString last = names.takeLast();
    return QStringLiteral("%1 not filled in")
        .arg(names.isEmpty() ? last : QStringLiteral("%1 and %2").arg(names.join(QStringLiteral(", ")), last));
}

std::vector<PlanStep> TransitionEngine::untickedSteps(const Deal& deal, Stage target, const StageRules& rules)
{
    return rules.plan().untickedBetween(deal.stage, target, deal.planTicks);
}

QString TransitionEngine::reasonsText(const Deal& deal, Stage target, const std::vector<Requirement>& unmet,
                                      const StageRules& rules)
{
    QStringList reasons;
    for (Requirement requirement : unmet) {
        if (requirement == Requirement::Field) {
            reasons << missingFieldsText(missingFields(deal, target, rules));
            continue;
        }
        if (requirement != Requirement::Plan) {
            reasons << requirementText(requirement);
            continue;
        }
        // Each step by its number and words, under its stage's plan.
        const std::vector<PlanStep> unticked = untickedSteps(deal, target, rules);
        if (unticked.empty()) {
            reasons << requirementText(requirement);
        }
        for (Stage stage : AllStages) {
            QStringList steps;
            for (const PlanStep& step : unticked) {
                if (step.stage == stage) {
                    steps << QStringLiteral("step %1 '%2'").arg(rules.plan().numberOf(step.id)).arg(step.text);
                }
            }
            if (!steps.isEmpty()) {
                reasons << QStringLiteral("%1's plan not ticked: %2")
                               .arg(stageName(stage), steps.join(QStringLiteral(", ")));
            }
        }
    }
    return reasons.join(QStringLiteral("; "));
}

QString TransitionEngine::refusalMessage(const Deal& deal, Stage target, const std::vector<Requirement>& unmet,
                                         const StageRules& rules)
{
    return QStringLiteral("Can't move '%1' to %2: %3.")
        .arg(deal.title, stageName(target), reasonsText(deal, target, unmet, rules));
}

QString TransitionEngine::describeEntryRules(Stage stage, const StageRules& rules)
{
    // The facts in words, each once: the gate's three as one.
    auto phrases = [](const std::vector<Requirement>& facts) {
        QStringList words;
        for (Requirement requirement : facts) {
            switch (requirement) {
            case Requirement::Title:
                words << QStringLiteral("a title");
                break;
            case Requirement::Willing:
                words << QStringLiteral("willing to buy, proven need and budget confirmed");
                break;
            case Requirement::Value:
                words << QStringLiteral("a deal value above zero");
                break;
            case Requirement::CloseDate:
                words << QStringLiteral("an expected close date");
                break;
            case Requirement::Contact:
                words << QStringLiteral("an organization or person");
                break;
            case Requirement::Activity:
                words << QStringLiteral("a next activity planned");
                break;
            default:
                break;
            }
        }
        return words;
    };
    auto fieldPhrases = [&rules](Stage in, std::optional<Stage> without) {
        QStringList words;
        for (const CustomField& field : rules.fields().neededIn(in)) {
            if (!without || !field.neededIn(*without)) {
                words << QStringLiteral("'%1' filled in").arg(field.name);
            }
        }
        return words;
    };
    QStringList needed = phrases(rules.neededIn(stage)) + fieldPhrases(stage, std::nullopt);
    if (stage == Stage::Retention) {
        needed << QStringLiteral("coming from Closing (this marks the deal won)");
    }
    QString text = QStringLiteral("To enter %1: %2.").arg(stageName(stage), needed.join(QStringLiteral("; ")));
    // What moving on asks besides: the gate out of Qualifying, a manager's
    // "to leave" rules and the next stage's own.
    if (const std::optional<Stage> next = nextStage(stage)) {
        std::vector<Requirement> more;
        for (Requirement requirement : rules.neededIn(*next)) {
            if (*next != Stage::Retention && !rules.neededIn(requirement, stage)) {
                more.push_back(requirement);
            }
        }
        QStringList words = phrases(more) + fieldPhrases(*next, stage);
        for (const PlanStep& step : rules.plan().stepsOf(stage)) {
            if (step.required) {
                words << QStringLiteral("'%1' ticked").arg(step.text);
            }
        }
        if (!words.isEmpty()) {
            text += QStringLiteral("\nTo move on to %1: %2.").arg(stageName(*next), words.join(QStringLiteral("; ")));
        }
    }
    return text;
}

} // namespace dealboard
