#pragma once

#include "dealboard/ForecastAccuracy.h"
#include "dealboard/Result.h"

#include <optional>

namespace dealboard {

class DealStore;
class Pipeline;

// The forecast's daily snapshots and what they tell afterwards: how right
// the forecast was, and which deals' close dates kept slipping. Everyone
// reads; on a team's server a manager takes the snapshots (the server
// checks it too). A day keeps one snapshot.
class AccuracyService final
{
public:
    AccuracyService(Pipeline& pipeline, DealStore& store);

    // Stores today's forecast (the clock's local day), by month, per owner
    // and for the team, per currency as it stands. False when today's was
    // taken already (nothing changes).
    Result<bool> takeSnapshot();
    // What the board does when it opens a pipeline: today's snapshot unless
    // there is one, or the one opening may not take it (then silently none).
    Result<bool> takeDailySnapshot();
    // Whether this login may take a snapshot (everyone on a file).
    bool mayTakeSnapshot() const;
    // The `months` months before today's: what the forecast said of each
    // 90, 60 and 30 days ahead against what was won, team and per owner
    // (one owner's lines and the team's when `owner` is set), converted
    // into the reporting currency.
    Result<ForecastAccuracy> accuracy(int months, const std::optional<QString>& owner = std::nullopt);
    // Open deals whose expected close moved later two or more times (one
    // owner's when `owner` is set).
    Result<SlippedDeals> slipped(const std::optional<QString>& owner = std::nullopt);

    // A day's snapshot from a forecast built elsewhere (the sample
    // pipeline's history), inside the caller's WriteTransaction.
    Result<void> storeSnapshot(const Forecast& forecast, const QDate& day);

private:
    QDate today() const;

    Pipeline& m_pipeline;
    DealStore& m_store;
};

} // namespace dealboard
