#pragma once

// A sales plan per stage: a short checklist a manager writes for each stage
// ("send the proposal", "book a demo"), so that every deal is worked the same
// way. A rep ticks a step per deal. A step marked required must be ticked
// before a deal leaves its stage forward, or jumps past it: a move from F to
// T asks the required steps of F and of every stage between, not those of
// stages before F (a deal created, imported or already past a stage when its
// step became required is not sent back to it).
//
// Steps have stable ids (ticks refer to them); the number a person types is
// the step's place in its stage's list, counted from 1. A removed step is
// kept, hidden, with its ticks, so that an undo brings both back.
#include "dealboard/Stage.h"

#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

namespace dealboard {

struct PlanStep
{
    std::int64_t id = 0;
    Stage stage = Stage::Prospecting;
    int position = 0; // sorts the steps of a stage; not shown
    QString text;
    bool required = false;

    friend bool operator==(const PlanStep&, const PlanStep&) = default;
    // "Contacting, step 2 'send the proposal'"
    QString describe(int number) const;
};

class StagePlan
{
public:
    static constexpr int MaxStepLength = 200;
    static constexpr int MaxStepsPerStage = 20;

    // Why a step's text or flag may not be kept, for people; empty when it may.
    static QString whyNot(Stage stage, const QString& text, bool required);

    // The live steps, by stage then position.
    const std::vector<PlanStep>& steps() const { return m_steps; }
    void setSteps(std::vector<PlanStep> steps);

    std::vector<PlanStep> stepsOf(Stage stage) const;
    // The step numbered `number` (from 1) in `stage`'s list.
    std::optional<PlanStep> step(Stage stage, int number) const;
    std::optional<PlanStep> stepById(std::int64_t id) const;
    // Its number in its stage's list; 0 when it is not a live step.
    int numberOf(std::int64_t id) const;

    // The required steps a move from `from` to `to` passes (of `from` and of
    // every stage up to `to`, not `to`'s own) that `ticked` (sorted step
    // ids) lacks; none for a move back.
    std::vector<PlanStep> untickedBetween(Stage from, Stage to, const std::vector<std::int64_t>& ticked) const;
    // How many live steps `stage` holds.
    int countOf(Stage stage) const;

    // The plans with one edit, for ReportService::setStagePlan's `wanted`:
    // a new step at the end of its stage's list, a step gone, a step set
    // required or not.
    StagePlan withStep(Stage stage, const QString& text, bool required = false) const;
    StagePlan without(std::int64_t id) const;
    StagePlan withRequired(std::int64_t id, bool required) const;

    friend bool operator==(const StagePlan&, const StagePlan&) = default;

private:
    std::vector<PlanStep> m_steps;
};

// Whether the sorted `ticked` holds `id`.
bool isTicked(const std::vector<std::int64_t>& ticked, std::int64_t id);

} // namespace dealboard
