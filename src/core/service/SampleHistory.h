#pragma once

// The sample pipeline's past: the close dates its deals moved from, and the
// forecast as it stood on past days, so that a new sample shows the
// forecast's accuracy and its slipped deals (DealService::seedSample).
#include "dealboard/Deal.h"
#include "dealboard/Forecast.h"

#include <QDateTime>
#include <functional>
#include <vector>

namespace dealboard::service {

class SampleHistory final
{
public:
    // Weekly snapshots back this far: the accuracy's six months, 90 days
    // ahead of the first.
    static constexpr int SnapshotWeeks = 40;

    explicit SampleHistory(const QDateTime& now);

    // A stored deal (its id given) and its history; `earlierCloses` its close
    // dates before the present one, oldest first (the deal was stored with
    // the first of them).
    void add(const Deal& deal, const std::vector<HistoryEntry>& history, const std::vector<QDate>& earlierCloses);
    // The close dates to set, in order: each a change in the change log.
    const std::vector<std::pair<DealId, QDate>>& moves() const { return m_moves; }
    // The forecast as it stood at the end of each past snapshot day, oldest first.
    void eachForecast(const StageProbabilities& probabilities,
                      const std::function<bool(const QDate& day, const Forecast& forecast)>& sink) const;

private:
    struct Past
    {
        DealId id = 0;
        QString owner;
        std::int64_t valueMinor = 0;
        QString currency;
        qint64 createdMs = 0;
        std::vector<QDate> closes; // every close date it had, the present one last
        std::size_t firstRow = 0, rows = 0; // its rows in m_history
    };
    QDate closeAt(const Past& deal, qint64 atMs) const;

    QDateTime m_now;
    std::vector<Past> m_deals;
    std::vector<ReportHistoryRow> m_history; // by deal, oldest first
    std::vector<std::pair<DealId, QDate>> m_moves;
};

} // namespace dealboard::service
