#include "dealboard/ForecastAccuracy.h"

#include <algorithm>
#include <map>
#include <set>

namespace dealboard {

std::vector<SnapshotRow> SnapshotRow::of(const Forecast& forecast, const QDate& day)
{
    std::vector<SnapshotRow> rows;
    rows.reserve(forecast.rows.size());
    for (const ForecastRow& row : forecast.rows) {
        if (!row.team && row.owner.isEmpty()) {
            continue; // deals without an owner: in the team's rows, not an owner's
        }
        const ForecastFigures& f = row.figures;
        rows.push_back({day, row.bucket, row.team ? QString() : row.owner, row.currency, f.openDeals, f.openMinor,
                        f.weightedMinor, f.empiricalMinor, f.wonMinor});
    }
    return rows;
}

std::pair<QDate, QDate> ForecastAccuracy::snapshotDays(const QDate& today, int months)
{
    const QDate thisMonth(today.year(), today.month(), 1);
    const QDate first = thisMonth.addMonths(-months);
    return {first.addDays(-Horizons.front() - SnapshotTolerance), thisMonth.addMonths(-1)};
}

namespace {

// The reporting currency's figures of one line as they are added up.
struct Sums
{
    explicit Sums(const RateTable& rates)
        : won(rates)
    {
        for (std::size_t h = 0; h < ForecastAccuracy::Horizons.size(); ++h) {
            claimed.emplace_back(rates);
            empirical.emplace_back(rates);
        }
    }
    std::vector<ConvertedTotal> claimed, empirical;
    std::array<QDate, 3> snapshotOn;
    std::array<bool, 3> empiricalKnown {true, true, true};
    ConvertedTotal won;
    int wonDeals = 0;
};

} // namespace

ForecastAccuracy ForecastAccuracy::build(const std::vector<SnapshotRow>& snapshots,
                                         const std::vector<ForecastDeal>& deals, const RateTable& rates,
                                         const QDate& today, int months)
{
    ForecastAccuracy accuracy;
    accuracy.today = today;
    accuracy.months = months;
    accuracy.currency = rates.reportingCurrency();
    std::set<QDate> days;
    for (const SnapshotRow& row : snapshots) {
        days.insert(row.takenOn);
    }
    std::set<QString> unconverted;
    std::set<QDate> rateDates;
    const auto note = [&](const ConvertedTotal& total) {
        for (const auto& [currency, minor] : total.unconverted()) {
            unconverted.insert(currency);
        }
        for (const QDate& date : total.rateDates()) {
            rateDates.insert(date);
        }
    };
    const QDate thisMonth(today.year(), today.month(), 1);
    for (int m = months; m >= 1; --m) {
        const QDate start = thisMonth.addMonths(-m);
        const QString month = Forecast::monthBucket(start);
        std::map<QString, Sums> sums; // by owner; "" the team
        sums.try_emplace(QString(), rates);
        for (std::size_t h = 0; h < Horizons.size(); ++h) {
            const QDate target = start.addDays(-Horizons[h]);
            // The nearest snapshot on or before the day, within the tolerance.
            auto after = days.upper_bound(target);
            if (after == days.begin() || std::prev(after)->daysTo(target) > SnapshotTolerance) {
                continue;
            }
            const QDate taken = *std::prev(after);
            for (const SnapshotRow& row : snapshots) {
                if (row.takenOn != taken || row.bucket != month) {
                    continue;
                }
                Sums& line = sums.try_emplace(row.owner, rates).first->second;
                line.snapshotOn[h] = taken;
                line.claimed[h].add(row.claimedMinor, row.currency, taken);
                if (row.empiricalMinor) {
                    line.empirical[h].add(*row.empiricalMinor, row.currency, taken);
                } else {
                    line.empiricalKnown[h] = false;
                }
            }
            sums.at(QString()).snapshotOn[h] = taken; // said: nothing in the month is a figure too
        }
        for (const ForecastDeal& deal : deals) {
            if (deal.status != DealStatus::Won || !deal.wonOn.isValid() || Forecast::monthBucket(deal.wonOn) != month) {
                continue;
            }
            // The team's line, and the owner's when it has one.
            const QStringList owners
                = deal.owner.isEmpty() ? QStringList {QString()} : QStringList {QString(), deal.owner};
            for (const QString& owner : owners) {
                Sums& line = sums.try_emplace(owner, rates).first->second;
                line.won.add(deal.valueMinor, deal.currency, deal.wonOn);
                ++line.wonDeals;
            }
        }
        for (auto& [owner, line] : sums) {
            AccuracyLine out;
            out.month = month;
            out.owner = owner;
            for (std::size_t h = 0; h < Horizons.size(); ++h) {
                AccuracySaid& said = out.said[h];
                said.snapshotOn = line.snapshotOn[h];
                if (!said.snapshotOn.isValid() && !owner.isEmpty() && sums.at(QString()).snapshotOn[h].isValid()) {
                    said.snapshotOn = sums.at(QString()).snapshotOn[h]; // the owner had nothing in the month then
                }
                said.claimedMinor = line.claimed[h].minor();
                if (line.empiricalKnown[h]) {
                    said.empiricalMinor = line.empirical[h].minor();
                }
                note(line.claimed[h]);
                note(line.empirical[h]);
            }
            out.wonDeals = line.wonDeals;
            out.wonMinor = line.won.minor();
            note(line.won);
            accuracy.lines.push_back(out);
        }
    }
    for (const QString& currency : unconverted) {
        accuracy.unconverted << currency;
    }
    if (!rateDates.empty()) {
        accuracy.ratesFrom = *rateDates.begin();
        accuracy.ratesTo = *rateDates.rbegin();
    }
    return accuracy;
}

std::optional<int> ForecastAccuracy::errorPercent(std::int64_t said, std::int64_t won)
{
    if (won <= 0) {
        return std::nullopt;
    }
    const WideInt scaled = WideInt(said - won) * 100;
    // Rounded half away from zero.
    const WideInt rounded = scaled >= 0 ? (scaled + won / 2) / won : -((-scaled + won / 2) / won);
    return int(std::clamp<WideInt>(rounded, -1'000'000, 1'000'000));
}

std::pair<std::optional<int>, std::optional<int>> ForecastAccuracy::meanError(std::size_t h) const
{
    qint64 claimed = 0, empirical = 0;
    int claimedCount = 0, empiricalCount = 0;
    for (const AccuracyLine& line : lines) {
        if (!line.owner.isEmpty() || !line.said[h].snapshotOn.isValid()) {
            continue;
        }
        if (const std::optional<int> e = errorPercent(line.said[h].claimedMinor, line.wonMinor)) {
            claimed += std::abs(*e);
            ++claimedCount;
        }
        if (line.said[h].empiricalMinor) {
            if (const std::optional<int> e = errorPercent(*line.said[h].empiricalMinor, line.wonMinor)) {
                empirical += std::abs(*e);
                ++empiricalCount;
            }
        }
    }
    const auto mean = [](qint64 sum, int count) {
        return count == 0 ? std::nullopt : std::optional(int((sum + count / 2) / count));
    };
    return {mean(claimed, claimedCount), mean(empirical, empiricalCount)};
}

QStringList ForecastAccuracy::verdict() const
{
    QStringList lines;
    for (std::size_t h = 0; h < Horizons.size(); ++h) {
        const auto [claimed, empirical] = meanError(h);
        const QString ahead = QStringLiteral("At %1 days ahead").arg(Horizons[h]);
        if (!claimed) {
            lines << QStringLiteral("%1: no month with a snapshot and a win to compare.").arg(ahead);
        } else if (!empirical) {
            lines << QStringLiteral("%1 the claimed forecast was off by %2 % on average; the empirical one had "
                                    "not enough history.")
                         .arg(ahead)
                         .arg(*claimed);
        } else if (*claimed == *empirical) {
            lines << QStringLiteral("%1 both forecasts were off by %2 % on average.").arg(ahead).arg(*claimed);
        } else {
            const bool empiricalNearer = *empirical < *claimed;
            lines << QStringLiteral("%1 the %2 forecast was nearer: off by %3 % on average, the %4 one by %5 %.")
                         .arg(ahead, empiricalNearer ? QStringLiteral("empirical") : QStringLiteral("claimed"))
                         .arg(std::min(*claimed, *empirical))
                         .arg(empiricalNearer ? QStringLiteral("claimed") : QStringLiteral("empirical"))
                         .arg(std::max(*claimed, *empirical));
        }
    }
    return lines;
}

SlippedDeals SlippedDeals::build(const std::vector<CloseDateChange>& changes, const std::vector<SlippedDeal>& open)
{
    std::map<DealId, SlippedDeal> byId;
    for (const SlippedDeal& deal : open) {
        byId.emplace(deal.id, deal);
    }
    std::map<DealId, QDate> first; // the close date before the first recorded move
    for (const CloseDateChange& change : changes) {
        auto deal = byId.find(change.deal);
        if (deal == byId.end()) {
            continue;
        }
        first.try_emplace(change.deal, change.from);
        if (change.from.isValid() && change.to.isValid() && change.to > change.from) {
            ++deal->second.slips;
            deal->second.daysLater += int(change.from.daysTo(change.to));
        }
    }
    SlippedDeals slipped;
    for (auto& [id, deal] : byId) {
        if (deal.slips >= MinimumSlips) {
            deal.firstClose = first[id];
            slipped.deals.push_back(deal);
        }
    }
    std::sort(slipped.deals.begin(), slipped.deals.end(), [](const SlippedDeal& a, const SlippedDeal& b) {
        return std::tuple(a.owner, -a.slips, -a.daysLater, a.id) < std::tuple(b.owner, -b.slips, -b.daysLater, b.id);
    });
    return slipped;
}

} // namespace dealboard
