#include "dealboard/StagePlan.h"

#include "dealboard/DealImport.h"
#include "dealboard/TextRules.h"

#include <algorithm>

namespace dealboard {

QString PlanStep::describe(int number) const
{
    return QStringLiteral("%1, step %2 '%3'").arg(stageName(stage)).arg(number).arg(text);
}

QString StagePlan::whyNot(Stage stage, const QString& text, bool required)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return QStringLiteral("A step of the plan needs a few words, such as \"send the proposal\".");
    }
    if (DealImport::characterCount(trimmed) > MaxStepLength) {
        return QStringLiteral("A step of the plan is at most %1 characters; shorten it.").arg(MaxStepLength);
    }
    if (const std::optional<qsizetype> at = TextRules::forbiddenAt(trimmed, false)) {
        return QStringLiteral("A step of the plan holds the invisible or control character %1 at character %2; "
                              "remove it.")
            .arg(TextRules::codePointAt(trimmed, *at))
            .arg(*at + 1);
    }
    if (required && stage == Stage::Retention) {
        return QStringLiteral("No deal leaves %1 forward, so none of its steps can be required; keep it as a "
                              "reminder.")
            .arg(stageName(stage));
    }
    return {};
}

void StagePlan::setSteps(std::vector<PlanStep> steps)
{
    std::sort(steps.begin(), steps.end(), [](const PlanStep& a, const PlanStep& b) {
        return std::tie(a.stage, a.position, a.id) < std::tie(b.stage, b.position, b.id);
    });
    m_steps = std::move(steps);
}

std::vector<PlanStep> StagePlan::stepsOf(Stage stage) const
{
    std::vector<PlanStep> of;
    std::copy_if(m_steps.begin(), m_steps.end(), std::back_inserter(of),
                 [stage](const PlanStep& step) { return step.stage == stage; });
    return of;
}

std::optional<PlanStep> StagePlan::step(Stage stage, int number) const
{
    const std::vector<PlanStep> of = stepsOf(stage);
    if (number < 1 || number > int(of.size())) {
        return std::nullopt;
    }
    return of[std::size_t(number - 1)];
}

std::optional<PlanStep> StagePlan::stepById(std::int64_t id) const
{
    const auto found
        = std::find_if(m_steps.begin(), m_steps.end(), [id](const PlanStep& step) { return step.id == id; });
    if (found == m_steps.end()) {
        return std::nullopt;
    }
    return *found;
}

int StagePlan::numberOf(std::int64_t id) const
{
    const std::optional<PlanStep> found = stepById(id);
    if (!found) {
        return 0;
    }
    const std::vector<PlanStep> of = stepsOf(found->stage);
    return int(std::find(of.begin(), of.end(), *found) - of.begin()) + 1;
}

std::vector<PlanStep> StagePlan::untickedBetween(Stage from, Stage to, const std::vector<std::int64_t>& ticked) const
{
    std::vector<PlanStep> unticked;
    std::copy_if(m_steps.begin(), m_steps.end(), std::back_inserter(unticked), [&](const PlanStep& step) {
        return step.required && step.stage >= from && step.stage < to && !isTicked(ticked, step.id);
    });
    return unticked;
}

int StagePlan::countOf(Stage stage) const
{
    return int(
        std::count_if(m_steps.begin(), m_steps.end(), [stage](const PlanStep& step) { return step.stage == stage; }));
}

StagePlan StagePlan::withStep(Stage stage, const QString& text, bool required) const
{
    const std::vector<PlanStep> of = stepsOf(stage);
    std::vector<PlanStep> steps = m_steps;
    steps.push_back({0, stage, of.empty() ? 1 : of.back().position + 1, text, required});
    StagePlan plan;
    plan.setSteps(std::move(steps));
    return plan;
}

StagePlan StagePlan::without(std::int64_t id) const
{
    StagePlan plan = *this;
    std::erase_if(plan.m_steps, [id](const PlanStep& step) { return step.id == id; });
    return plan;
}

StagePlan StagePlan::withRequired(std::int64_t id, bool required) const
{
    StagePlan plan = *this;
    for (PlanStep& step : plan.m_steps) {
        if (step.id == id) {
            step.required = required;
        }
    }
    return plan;
}

bool isTicked(const std::vector<std::int64_t>& ticked, std::int64_t id)
{
    return std::binary_search(ticked.begin(), ticked.end(), id);
}

} // namespace dealboard
