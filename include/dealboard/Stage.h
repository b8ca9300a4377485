#pragma once

#include <QString>
#include <array>
#include <optional>

namespace dealboard {

// The seven stages of the pipeline, in order. The numeric value is the stage's
// position (1-based) so that comparisons read as "later than".
enum class Stage : int {
    Prospecting = 1,
    Qualifying,
    Contacting,
    Relationship,
    Negotiation,
    Closing,
    Retention,
};

inline constexpr int StageCount = 7;

inline constexpr std::array<Stage, StageCount> AllStages = {
    Stage::Prospecting, Stage::Qualifying, Stage::Contacting, Stage::Relationship,
    Stage::Negotiation, Stage::Closing,    Stage::Retention,
};

// 0-based index for arrays sized StageCount.
constexpr int stageIndex(Stage stage)
{
    return static_cast<int>(stage) - 1;
}

// Fixed facts of a stage: its name for people, its slug for files and the
// database, and its defaults.
struct StageInfo
{
    Stage stage;
    const char* name;
    const char* slug;
    int winProbabilityPercent;
    int rottingDays; // 0: never rots
};

const StageInfo& stageInfo(Stage stage);
QString stageName(Stage stage);
QString stageSlug(Stage stage);
std::optional<Stage> stageFromSlug(QStringView slug);
std::optional<Stage> nextStage(Stage stage);
std::optional<Stage> previousStage(Stage stage);

// A deal's status. Won means it entered Customer Retention.
enum class DealStatus { Open, Won, Lost };

QString statusSlug(DealStatus status);
std::optional<DealStatus> statusFromSlug(QStringView slug);

} // namespace dealboard
