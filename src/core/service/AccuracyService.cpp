// The forecast's daily snapshots, its accuracy and the slipped deals.
#include "dealboard/service/AccuracyService.h"

#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Pipeline.h"
#include "dealboard/SystemUser.h"

namespace dealboard {

using namespace service;

namespace {

// A snapshot covers the months the accuracy looks back from: 90 days ahead
// is the fourth month at most.
constexpr int SnapshotMonths = Forecast::DefaultMonths;
const QString SnapshotsLock = QStringLiteral("forecast_snapshots");

} // namespace

AccuracyService::AccuracyService(Pipeline& pipeline, DealStore& store)
    : m_pipeline(pipeline)
    , m_store(store)
{
}

QDate AccuracyService::today() const
{
    return m_pipeline.now().toLocalTime().date();
}

bool AccuracyService::mayTakeSnapshot() const
{
    return m_store.team().mayManage();
}

Result<void> AccuracyService::storeSnapshot(const Forecast& forecast, const QDate& day)
{
    // One entry in a file's change log (a server logs each row).
    const QString by = m_store.team().isTeam ? m_store.team().user : systemUserName();
    const std::vector<SnapshotRow> rows = SnapshotRow::of(forecast, day);
    if (Result<void> paused = m_store.beginBulkLog(QStringLiteral("forecast_snapshots")); !paused) {
        return paused;
    }
    if (Result<void> done = m_store.snapshots().insert(rows, m_pipeline.now(), by); !done) {
        return done;
    }
    return m_store.endBulkLog(QStringLiteral("forecast_snapshots"), qint64(rows.size()),
                              QStringLiteral("snapshot of %1").arg(day.toString(Qt::ISODate)));
}

Result<bool> AccuracyService::takeSnapshot()
{
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the forecast's snapshots"))) {
        return *refused;
    }
    const QDate day = today();
    Result<bool> taken = m_store.snapshots().takenOn(day);
    if (!taken) {
        return taken.error();
    }
    if (taken.value()) {
        return false;
    }
    Result<Forecast> forecast = m_pipeline.reports().forecastInOwnCurrencies(SnapshotMonths);
    if (!forecast) {
        return forecast.error();
    }
    Result<bool> stored = write(m_store, [&]() -> Result<bool> {
        // Two takers take turns; the second finds the first's snapshot.
        if (Result<void> locked = m_store.reports().lockForChange(SnapshotsLock); !locked) {
            return locked.error();
        }
        Result<bool> already = m_store.snapshots().takenOn(day);
        if (!already || already.value()) {
            return already ? Result<bool>(false) : Result<bool>(already.error());
        }
        if (Result<void> done = storeSnapshot(forecast.value(), day); !done) {
            return done.error();
        }
        return true;
    });
    if (stored && stored.value()) {
        spdlog::info("Took the forecast's snapshot of {} in {}", text(day.toString(Qt::ISODate)), text(m_store.path()));
    }
    return stored;
}

Result<bool> AccuracyService::takeDailySnapshot()
{
    if (!mayTakeSnapshot()) {
        return false;
    }
    return takeSnapshot();
}

Result<ForecastAccuracy> AccuracyService::accuracy(int months, const std::optional<QString>& owner)
{
    if (months < 1 || months > ForecastAccuracy::MaxMonths) {
        return invalid(QStringLiteral("The accuracy looks back 1 to %1 months; %2 is not in that range.")
                           .arg(ForecastAccuracy::MaxMonths)
                           .arg(months));
    }
    const QDate day = today();
    const auto [from, to] = ForecastAccuracy::snapshotDays(day, months);
    Result<std::vector<SnapshotRow>> snapshots = m_store.snapshots().rows(from, to);
    if (!snapshots) {
        return snapshots.error();
    }
    Result<std::vector<ForecastDeal>> deals = m_store.reports().forecastDeals(owner);
    if (!deals) {
        return deals.error();
    }
    Result<std::vector<ReportHistoryRow>> history = m_store.reports().history(ReportFilter());
    if (!history) {
        return history.error();
    }
    Forecast::dateClosings(deals.value(), history.value());
    Result<RateTable> rates = m_pipeline.rates().rateTable();
    if (!rates) {
        return rates.error();
    }
    if (owner) {
        std::erase_if(snapshots.value(), [&](const SnapshotRow& row) { return row.owner != *owner; });
    }
    ForecastAccuracy accuracy = ForecastAccuracy::build(snapshots.value(), deals.value(), rates.value(), day, months);
    if (owner) {
        // One owner's figures: their lines, not the team's (which counted only theirs).
        std::erase_if(accuracy.lines, [](const AccuracyLine& line) { return line.owner.isEmpty(); });
    }
    return accuracy;
}

Result<SlippedDeals> AccuracyService::slipped(const std::optional<QString>& owner)
{
    Result<std::vector<SlippedDeal>> open = m_store.snapshots().openDeals();
    if (!open) {
        return open.error();
    }
    if (owner) {
        std::erase_if(open.value(), [&](const SlippedDeal& deal) { return deal.owner != *owner; });
    }
    Result<std::vector<CloseDateChange>> changes = m_store.snapshots().closeDateChanges();
    if (!changes) {
        return changes.error();
    }
    return SlippedDeals::build(changes.value(), open.value());
}

} // namespace dealboard
