#pragma once

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
    // first (dealId 0); stops early when `sink` returns false.
    using Sink = std::function<bool(Deal& deal, std::vector<HistoryEntry>& history)>;
    static void generate(int count, quint64 seed, const QDateTime& now, const Sink& sink);
};

} // namespace dealboard
