#pragma once

// Win probabilities: each stage's (the design's default until a manager sets
// one) and a deal's own override above it. Whole percents, 0 to 100, so that
// a weighted value is exact integer arithmetic on minor units.
#include "dealboard/Result.h"
#include "dealboard/Stage.h"

#include <array>
#include <cstdint>
#include <optional>

namespace dealboard {

struct StageProbabilities
{
    // A manager's setting per stage; empty: the stage's default.
    std::array<std::optional<int>, StageCount> set {};

    int percent(Stage stage) const { return set[stageIndex(stage)].value_or(stageInfo(stage).winProbabilityPercent); }
    bool isSet(Stage stage) const { return set[stageIndex(stage)].has_value(); }
    // A deal's probability: its override, else its stage's.
    int forDeal(Stage stage, const std::optional<int>& override) const { return override.value_or(percent(stage)); }
    friend bool operator==(const StageProbabilities&, const StageProbabilities&) = default;
};

namespace Probability {

// "0.35", "35%" or "35 %" -> 35. Refuses what is not a share between 0 and 1
// (or 0 % to 100 %) in whole percents, naming what was given.
Result<int> parse(const QString& text);
// 35 -> "0.35": the form the CLI takes and the exports write.
QString share(int percent);
// "35 %", or "35 % (default)" when no manager set the stage's.
QString claimed(const StageProbabilities& probabilities, Stage stage);
// 416 -> "41.6 %": a share in tenths of a percent, as people read it.
QString permilleText(std::int64_t permille);

} // namespace Probability

} // namespace dealboard
