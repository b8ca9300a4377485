#include "dealboard/TransitionEngine.h"

#include <QStringList>

namespace dealboard {

namespace {

void appendUnmetFacts(const Deal& deal, Stage stage, std::vector<Requirement>& unmet)
{
    for (Requirement requirement : TransitionEngine::requirementsToEnter(stage)) {
        bool met = true;
        switch (requirement) {
        case Requirement::Title:
            met = !deal.title.trimmed().isEmpty();
            break;
        case Requirement::Willing:
            met = deal.qualification.willing;
            break;
        case Requirement::Need:
            met = deal.qualification.need;
            break;
        case Requirement::Budget:
            met = deal.qualification.budget;
            break;
        case Requirement::Value:
            met = deal.value.isPositive();
            break;
        case Requirement::CloseDate:
            met = deal.expectedClose.isValid();
            break;
        default:
            break;
        }
        if (!met) {
            unmet.push_back(requirement);
        }
    }
}

} // namespace

const std::vector<TransitionEngine::EntryRule>& TransitionEngine::entryRules()
{
    static const std::vector<EntryRule> rules = {
        {Requirement::Title, Stage::Prospecting}, {Requirement::Willing, Stage::Contacting},
        {Requirement::Need, Stage::Contacting},   {Requirement::Budget, Stage::Contacting},
        {Requirement::Value, Stage::Negotiation}, {Requirement::CloseDate, Stage::Closing},
    };
    return rules;
}

std::vector<Requirement> TransitionEngine::requirementsToEnter(Stage stage)
{
    std::vector<Requirement> requirements;
    for (const EntryRule& rule : entryRules()) {
        if (stage >= rule.from) {
            requirements.push_back(rule.requirement);
        }
    }
    return requirements;
}

TransitionVerdict TransitionEngine::check(const Deal& deal, Stage target)
{
    TransitionVerdict verdict;
    if (deal.stage == target && deal.status != DealStatus::Lost) {
        verdict.noOp = true;
        return verdict;
    }
    if (deal.status == DealStatus::Lost) {
        verdict.unmet.push_back(Requirement::NotLost);
    }
    appendUnmetFacts(deal, target, verdict.unmet);
    if (target == Stage::Retention && deal.stage != Stage::Closing) {
        verdict.unmet.push_back(Requirement::FromClosing);
    }
    return verdict;
}

std::vector<Requirement> TransitionEngine::unmetInCurrentStage(const Deal& deal)
{
    std::vector<Requirement> unmet;
    appendUnmetFacts(deal, deal.stage, unmet);
    return unmet;
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

QString TransitionEngine::describeEntryRules(Stage stage)
{
    QStringList rules;
    rules << QStringLiteral("a title");
    if (stage >= Stage::Contacting) {
        rules << QStringLiteral("willing to buy, proven need and budget confirmed");
    }
    if (stage >= Stage::Negotiation) {
        rules << QStringLiteral("a deal value above zero");
    }
    if (stage >= Stage::Closing) {
        rules << QStringLiteral("an expected close date");
    }
    if (stage == Stage::Retention) {
        rules << QStringLiteral("coming from Closing (this marks the deal won)");
    }
    return QStringLiteral("To enter %1: %2.").arg(stageName(stage), rules.join(QStringLiteral("; ")));
}

} // namespace dealboard
