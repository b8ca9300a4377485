#include "dealboard/StallMarks.h"

#include "dealboard/Deal.h"

#include <algorithm>

namespace dealboard {

bool StallMarks::anyLearned() const
{
    return std::any_of(rules.begin(), rules.end(), [](const StallRule& rule) { return rule.learned; });
}

int StallMarks::fixedDays(Stage stage) const
{
    return rule(stage).days.value_or(stageInfo(stage).rottingDays);
}

StallMarks::Source StallMarks::source(Stage stage) const
{
    const StallRule& set = rule(stage);
    if (set.learned) {
        return stays[stageIndex(stage)].deals >= MinimumDeals ? Source::Learned : Source::TooFewDeals;
    }
    return set.days ? Source::Fixed : Source::BuiltIn;
}

int StallMarks::days(Stage stage) const
{
    return source(stage) == Source::Learned ? stays[stageIndex(stage)].percentileDays : fixedDays(stage);
}

bool StallMarks::never(Stage stage) const
{
    return source(stage) != Source::Learned && fixedDays(stage) <= 0;
}

bool StallMarks::isStalling(Stage stage, int daysInStage) const
{
    // Won deals rest in Customer Retention: never stalling there unless a
    // manager sets days for it.
    return !never(stage) && daysInStage > days(stage);
}

bool StallMarks::isStalling(const Deal& deal, const QDateTime& now) const
{
    return deal.status == DealStatus::Open && isStalling(deal.stage, deal.daysInStage(now));
}

namespace {

QString daysText(int days)
{
    return days == 1 ? QStringLiteral("1 day") : QStringLiteral("%1 days").arg(days);
}

} // namespace

QString StallMarks::why(Stage stage) const
{
    const int limit = days(stage);
    switch (source(stage)) {
    case Source::Learned:
        return QStringLiteral("longer than %1 in 10 of the team's deals stayed in %2: %3")
            .arg(Percentile / 10)
            .arg(stageName(stage), daysText(limit));
    case Source::TooFewDeals:
        return QStringLiteral("longer than the %1 set for %2 (too few deals left it in the last %3 days to learn "
                              "from: %4 of %5)")
            .arg(daysText(limit), stageName(stage))
            .arg(LearningDays)
            .arg(stays[stageIndex(stage)].deals)
            .arg(MinimumDeals);
    case Source::Fixed:
        return QStringLiteral("longer than the %1 a manager set for %2").arg(daysText(limit), stageName(stage));
    case Source::BuiltIn:
        break;
    }
    return QStringLiteral("longer than %1's %2").arg(stageName(stage), daysText(limit));
}

QString StallMarks::describe(Stage stage) const
{
    const StageStays& stayed = stays[stageIndex(stage)];
    const int fixed = fixedDays(stage);
    const QString fixedText = fixed > 0 ? daysText(fixed) : QStringLiteral("never");
    switch (source(stage)) {
    case Source::Learned:
        return QStringLiteral("learned: %1 (%2th percentile of %3 stays by %4 deals in the last %5 days)")
            .arg(daysText(stayed.percentileDays))
            .arg(Percentile)
            .arg(stayed.stays)
            .arg(stayed.deals)
            .arg(LearningDays);
    case Source::TooFewDeals:
        return QStringLiteral("learned, too few deals (%1 of %2 in the last %3 days): fixed %4 meanwhile")
            .arg(stayed.deals)
            .arg(MinimumDeals)
            .arg(LearningDays)
            .arg(fixedText);
    case Source::Fixed:
        return QStringLiteral("fixed: %1").arg(fixedText);
    case Source::BuiltIn:
        break;
    }
    return QStringLiteral("fixed: %1 (built in)").arg(fixedText);
}

int StallMarks::percentileOf(std::vector<int> days)
{
    if (days.empty()) {
        return 0;
    }
    // Nearest rank: the smallest stay at least 80 % of the stays reach.
    const std::size_t rank = (days.size() * Percentile + 99) / 100;
    const auto at = days.begin() + static_cast<std::ptrdiff_t>(rank - 1);
    std::nth_element(days.begin(), at, days.end());
    return *at;
}

} // namespace dealboard
