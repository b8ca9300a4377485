#include "SampleHistory.h"

#include "dealboard/Money.h"

namespace dealboard::service {

SampleHistory::SampleHistory(const QDateTime& now)
    : m_now(now)
{
}

void SampleHistory::add(const Deal& deal, const std::vector<HistoryEntry>& history,
                        const std::vector<QDate>& earlierCloses)
{
    Past past;
    past.id = deal.id;
    past.owner = deal.owner;
    past.valueMinor = deal.value.minor;
    past.currency = deal.value.currency;
    past.createdMs = deal.createdAt.toMSecsSinceEpoch();
    past.closes = earlierCloses;
    if (!earlierCloses.empty()) {
        for (std::size_t i = 1; i < earlierCloses.size(); ++i) {
            m_moves.emplace_back(deal.id, earlierCloses[i]);
        }
        m_moves.emplace_back(deal.id, deal.expectedClose);
    }
    past.closes.push_back(deal.expectedClose);
    past.firstRow = m_history.size();
    for (const HistoryEntry& entry : history) {
        m_history.push_back({deal.id, entry.toStage, entry.toStatus, entry.at.toMSecsSinceEpoch()});
    }
    past.rows = history.size();
    m_deals.push_back(std::move(past));
}

// The moves are spread evenly over the deal's life until now.
QDate SampleHistory::closeAt(const Past& deal, qint64 atMs) const
{
    const std::size_t moves = deal.closes.size() - 1;
    const qint64 life = m_now.toMSecsSinceEpoch() - deal.createdMs;
    std::size_t made = 0;
    while (made < moves && deal.createdMs + life * qint64(made + 1) / qint64(moves + 1) <= atMs) {
        ++made;
    }
    return deal.closes[made];
}

void SampleHistory::eachForecast(const StageProbabilities& probabilities,
                                 const std::function<bool(const QDate& day, const Forecast& forecast)>& sink) const
{
    const QDate today = m_now.toLocalTime().date();
    std::vector<ForecastDeal> deals;
    for (int week = SnapshotWeeks; week >= 1; --week) {
        const QDate day = today.addDays(-7 * week);
        const qint64 endMs = QDateTime(day.addDays(1), QTime(0, 0), Qt::LocalTime).toMSecsSinceEpoch();
        deals.clear();
        for (const Past& past : m_deals) {
            if (past.createdMs >= endMs) {
                continue;
            }
            ForecastDeal deal;
            deal.id = past.id;
            deal.owner = past.owner;
            deal.valueMinor = past.valueMinor;
            deal.currency = past.currency;
            bool seen = false;
            for (std::size_t r = past.firstRow; r < past.firstRow + past.rows; ++r) {
                const ReportHistoryRow& row = m_history[r];
                if (row.atMs >= endMs) {
                    break;
                }
                seen = true;
                deal.stage = row.toStage;
                deal.status = row.toStatus;
                if (row.toStatus == DealStatus::Won) {
                    deal.wonOn = QDateTime::fromMSecsSinceEpoch(row.atMs, Qt::UTC).date();
                }
            }
            if (!seen || deal.status == DealStatus::Lost) {
                continue;
            }
            deal.expectedClose = closeAt(past, endMs);
            deals.push_back(deal);
        }
        const Forecast forecast = Forecast::build(deals, day, Forecast::DefaultMonths, Money::defaultCurrency(),
                                                  probabilities, EmpiricalRates::measure(m_history, endMs, endMs));
        if (!sink(day, forecast)) {
            return;
        }
    }
}

} // namespace dealboard::service
