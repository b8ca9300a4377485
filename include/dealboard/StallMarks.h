#pragma once

// When an open deal is marked as stalling in its stage. Per stage a manager
// chooses between fixed days (the stage's built-in rotting days until one
// sets others) and days learned from the team's own history: the 80th
// percentile of how long the team's deals stayed in the stage over the last
// 180 days, once at least 20 deals are behind the figure; below that the
// stage falls back to its fixed days and says so.
#include "dealboard/Stage.h"

#include <QDateTime>
#include <QString>
#include <array>
#include <optional>
#include <vector>

namespace dealboard {

struct Deal;

// What a manager set for one stage.
struct StallRule
{
    bool learned = false;
    // Fixed days (0: never marked); empty: the stage's built-in days. Also
    // the fallback of a learned mark with too few deals behind it.
    std::optional<int> days;

    friend bool operator==(const StallRule&, const StallRule&) = default;
};

// How long the team's deals stayed in one stage: the stays that ended in
// the learning window (a deal may have stayed more than once), the deals
// behind them, and the stays' 80th percentile in whole days.
struct StageStays
{
    int deals = 0;
    int percentileDays = 0;
    int stays = 0;

    friend bool operator==(const StageStays&, const StageStays&) = default;
};

// Every stage's rule, in stage order; a default StallRule is the stage's
// built-in days.
using StallRules = std::array<StallRule, StageCount>;

class StallMarks
{
public:
    static constexpr int LearningDays = 180;
    static constexpr int Percentile = 80;
    static constexpr int MinimumDeals = 20;
    static constexpr int MaximumDays = 3650;

    // Where a stage's mark comes from.
    enum class Source { BuiltIn, Fixed, Learned, TooFewDeals };

    std::array<StallRule, StageCount> rules {};
    std::array<StageStays, StageCount> stays {}; // read where a stage learns

    const StallRule& rule(Stage stage) const { return rules[stageIndex(stage)]; }
    bool anyLearned() const;
    // The fixed days: the manager's, else the stage's built-in ones.
    int fixedDays(Stage stage) const;
    Source source(Stage stage) const;
    // The days after which an open deal in the stage is stalling; see never().
    int days(Stage stage) const;
    // Whether the stage marks no deal: fixed days of 0. A learned figure of 0
    // days (8 in 10 stays shorter than a day) marks a deal after its first day.
    bool never(Stage stage) const;
    // Whether the open deal has been in its stage longer than that.
    bool isStalling(const Deal& deal, const QDateTime& now) const;
    bool isStalling(Stage stage, int daysInStage) const;
    // Why a deal in the stage is marked, for its card and details, such as
    // "longer than 8 in 10 of the team's deals stayed in Negotiation: 23 days".
    QString why(Stage stage) const;
    // The stage's mark as `stage list` and the goals show it, such as
    // "learned: 23 days (from 41 deals)" or "fixed: 14 days (built in)".
    QString describe(Stage stage) const;
    // The stays' 80th percentile, nearest rank, of whole days (sorted or not).
    static int percentileOf(std::vector<int> days);
};

} // namespace dealboard
