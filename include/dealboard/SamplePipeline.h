#pragma once

#include "dealboard/Contacts.h"
#include "dealboard/Deal.h"

#include <functional>
#include <vector>

namespace dealboard {

// A realistic, deterministic sample pipeline: a funnel-shaped spread over the
// stages, eight owners, varied companies and values, a year of history that
// obeys the rules, and some lost deals with reasons. Same (count, seed, now),
// same deals.
class SamplePipeline final
{
public:
    // Calls `sink` once per deal with the deal (id 0) and its history, oldest
    // first (dealId 0), and its activities (dealId and personId 0: the deal's);
    // stops early when `sink` returns false. A follow-up deal's originDealId is
    // the 1-based position of its origin among the deals generated before it.
    using Sink = std::function<bool(Deal& deal, std::vector<HistoryEntry>& history, std::vector<Activity>& activities)>;
    static void generate(int count, quint64 seed, const QDateTime& now, const Sink& sink);

    // The close dates an open deal had before its present one, oldest
    // first: about one open deal in four moved its close date later, one to
    // four times by one to seven weeks each. `ordinal` is the deal's 1-based
    // position in the sample.
    static std::vector<QDate> earlierCloseDates(const Deal& deal, int ordinal, quint64 seed);

    // Industry, size, region and segment tags for a sample organization, from its name.
    static Organization organizationProfile(const QString& name);
    // The sample's minimum days between touches per segment tag.
    static std::vector<std::pair<QString, int>> segmentRules();
};

} // namespace dealboard
