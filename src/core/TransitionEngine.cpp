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
    std::erase_if(broken, [&before](Requirement requirement) { return !meets(before, requirement); });
    return broken;
}

QString TransitionEngine::refusalMessage(const Deal& deal, Stage target, const std::vector<Requirement>& unmet)
{
    QStringList reasons;
    for (Requirement requirement : unmet) {
        reasons << requirementText(requirement);
    }
    return QStringLiteral("Can't move '%1' to %2: %3.")
        .arg(deal.title, stageName(target), reasons.join(QStringLiteral("; ")));
}

QString TransitionEngine::describeEntryRules(Stage stage, const StageRules& rules)
{
    QStringList needed;
    needed << QStringLiteral("a title");
    if (rules.neededIn(Requirement::Willing, stage)) {
        needed << QStringLiteral("willing to buy, proven need and budget confirmed");
    }
    for (Requirement requirement : StageRules::adjustable()) {
        if (!rules.neededIn(requirement, stage)) {
            continue;
        }
        switch (requirement) {
        case Requirement::Value:
            needed << QStringLiteral("a deal value above zero");
            break;
        case Requirement::CloseDate:
            needed << QStringLiteral("an expected close date");
            break;
        case Requirement::Contact:
            needed << QStringLiteral("an organization or person");
            break;
        case Requirement::Activity:
            needed << QStringLiteral("a next activity planned");
            break;
        default:
            break;
        }
    }
    if (stage == Stage::Retention) {
        needed << QStringLiteral("coming from Closing (this marks the deal won)");
    }
    return QStringLiteral("To enter %1: %2.").arg(stageName(stage), needed.join(QStringLiteral("; ")));
}

} // namespace dealboard
