#include "dealboard/Stage.h"

namespace dealboard {

namespace {

constexpr std::array<StageInfo, StageCount> Stages = {{
    {Stage::Prospecting, "Prospecting", "prospecting", 5, 21},
    {Stage::Qualifying, "Qualifying", "qualifying", 10, 14},
    {Stage::Contacting, "Contacting", "contacting", 20, 10},
    {Stage::Relationship, "Relationship Building", "relationship", 35, 21},
    {Stage::Negotiation, "Negotiation", "negotiation", 60, 14},
    {Stage::Closing, "Closing", "closing", 80, 7},
    {Stage::Retention, "Customer Retention", "retention", 100, 0},
}};

} // namespace

const StageInfo& stageInfo(Stage stage)
{
    return Stages[stageIndex(stage)];
}

QString stageName(Stage stage)
{
    return QString::fromLatin1(stageInfo(stage).name);
}

QString stageSlug(Stage stage)
{
    return QString::fromLatin1(stageInfo(stage).slug);
}

std::optional<Stage> stageFromSlug(QStringView slug)
{
    for (const StageInfo& info : Stages) {
        if (slug == QLatin1String(info.slug)) {
            return info.stage;
        }
    }
    return std::nullopt;
}

std::optional<Stage> nextStage(Stage stage)
{
    if (stage == Stage::Retention) {
        return std::nullopt;
    }
    return static_cast<Stage>(static_cast<int>(stage) + 1);
}

std::optional<Stage> previousStage(Stage stage)
{
    if (stage == Stage::Prospecting) {
        return std::nullopt;
    }
    return static_cast<Stage>(static_cast<int>(stage) - 1);
}

QString statusSlug(DealStatus status)
{
    switch (status) {
    case DealStatus::Open:
        return QStringLiteral("open");
    case DealStatus::Won:
        return QStringLiteral("won");
    case DealStatus::Lost:
        return QStringLiteral("lost");
    }
    return {};
}

std::optional<DealStatus> statusFromSlug(QStringView slug)
{
    if (slug == u"open") {
        return DealStatus::Open;
    }
    if (slug == u"won") {
        return DealStatus::Won;
    }
    if (slug == u"lost") {
        return DealStatus::Lost;
    }
    return std::nullopt;
}

} // namespace dealboard
