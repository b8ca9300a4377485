#pragma once

// What the weekly pipeline review prints: the funnel, the forecast, each
// owner's month against quota, the most neglected deals, the forecast's
// accuracy and the slipped deals, read together as of one moment. The same
// figures the Reports tab and the CLI show.
#include "dealboard/Contacts.h"
#include "dealboard/Forecast.h"
#include "dealboard/ForecastAccuracy.h"
#include "dealboard/OwnerMonth.h"
#include "dealboard/PipelineReport.h"

namespace dealboard {

struct PipelineReview
{
    QString pipeline; // the pipeline's name, for the title
    QString owner; // one owner's review; empty: the team's
    QDateTime at; // when it was read (UTC)
    PipelineReport funnel;
    Forecast forecast;
    OwnerMonth month;
    std::vector<NeglectedDeal> neglected; // most urgent first
    ForecastAccuracy accuracy; // the months before this one, from the snapshots
    SlippedDeals slipped; // the most slips first, at most SlippedShown
    std::size_t slippedAll = 0; // how many slipped in all

    static constexpr int ForecastMonths = 3;
    static constexpr int NeglectedShown = 12;
    static constexpr int SlippedShown = 12;
};

} // namespace dealboard
