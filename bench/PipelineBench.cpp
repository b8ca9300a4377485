// Benchmarks over a 100,000-deal pipeline: seeding, loading the board's model,
// a move through the service, a search keystroke, the conversion report, the
// forecast, the owners' month against quota and finding duplicate contacts.
// DEALBOARD_BENCH_DB names a seeded database (scripts/bench.sh makes one);
// without it, one is seeded in a temporary folder. Each benchmark works on a
// copy, so runs do not disturb each other.
#include "board/BoardModel.h"
#include "board/StageColumnModel.h"
#include "dealboard/Allocator.h"
#include "dealboard/DealStore.h"
#include "dealboard/Pipeline.h"
#include "dealboard/PipelineLocation.h"
#include "dealboard/ServerAddress.h"
#include "dealboard/service/PipelineOpener.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <memory>
#include <spdlog/spdlog.h>

using namespace dealboard;

namespace {

constexpr int Deals = 100'000;

QTemporaryDir& scratch()
{
    static QTemporaryDir dir;
    return dir;
}

// The seeded 100,000-deal database the benchmarks copy from.
QString sourceDatabase()
{
    static QString path = [] {
        const QString given = qEnvironmentVariable("DEALBOARD_BENCH_DB");
        if (!given.isEmpty()) {
            return given;
        }
        const QString seeded = scratch().filePath(QStringLiteral("seeded.dealboard"));
        auto store = PipelineOpener::openStore(seeded);
        Pipeline service(std::move(store.value()), std::make_shared<SystemClock>());
        (void)service.deals().seedSample(Deals, 1);
        return seeded;
    }();
    return path;
}

QString freshCopy(const QString& name)
{
    if (PipelineLocation::isAddress(sourceDatabase())) {
        return sourceDatabase(); // a server's pipeline is used where it is
    }
    const QString copy = scratch().filePath(name);
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile::remove(copy + suffix);
    }
    // Checkpointed by the service that made it: the main file holds everything.
    QFile::copy(sourceDatabase(), copy);
    return copy;
}

std::unique_ptr<Pipeline> openService(const QString& path)
{
    Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(path);
    if (!store) {
        return nullptr;
    }
    return std::make_unique<Pipeline>(std::move(store.value()), std::make_shared<SystemClock>());
}

void seed(benchmark::State& state)
{
    for (auto _ : state) {
        state.PauseTiming();
        const QString path = scratch().filePath(QStringLiteral("seed.dealboard"));
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            QFile::remove(path + suffix);
        }
        auto service = openService(path);
        state.ResumeTiming();
        benchmark::DoNotOptimize(service->deals().seedSample(Deals, 1).ok());
    }
    state.counters["deals"] = Deals;
}
BENCHMARK(seed)->Unit(benchmark::kMillisecond)->Iterations(1);

void openAndLoadBoard(benchmark::State& state)
{
    const QString path = freshCopy(QStringLiteral("load.dealboard"));
    for (auto _ : state) {
        auto service = openService(path);
        gui::BoardModel board(*service);
        benchmark::DoNotOptimize(board.load().ok());
        state.counters["deals"] = board.dealCount();
    }
}
BENCHMARK(openAndLoadBoard)->Unit(benchmark::kMillisecond)->Iterations(1);

// One move through the service, committed (durable) before it returns; the
// deal goes back and forth between two stages whose rules it meets.
void moveDeal(benchmark::State& state)
{
    const QString path = freshCopy(QStringLiteral("move.dealboard"));
    auto service = openService(path);
    DealFilter filter;
    filter.stage = Stage::Contacting;
    filter.statuses = {DealStatus::Open};
    const Deal deal = service->deals().list(filter).value().front();
    std::vector<double> times;
    bool forward = true;
    for (auto _ : state) {
        QElapsedTimer timer;
        timer.start();
        const bool ok = service->deals().move(deal.id, forward ? Stage::Relationship : Stage::Contacting).ok();
        const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        if (!ok) {
            state.SkipWithError("the move was refused");
            break;
        }
        times.push_back(ms);
        state.SetIterationTime(ms / 1000.0);
        forward = !forward;
    }
    if (!times.empty()) {
        std::sort(times.begin(), times.end());
        state.counters["p50_ms"] = times[times.size() / 2];
        state.counters["p99_ms"] = times[std::min(times.size() - 1, times.size() * 99 / 100)];
    }
}
BENCHMARK(moveDeal)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(2000);

// A keystroke in the search box: every column re-filtered over all deals.
void searchKeystroke(benchmark::State& state)
{
    const QString path = freshCopy(QStringLiteral("search.dealboard"));
    auto service = openService(path);
    gui::BoardModel board(*service);
    (void)board.load();
    const QStringList typing
        = {QStringLiteral("a"),     QStringLiteral("ac"),     QStringLiteral("acm"),  QStringLiteral("acme"),
           QStringLiteral("acme "), QStringLiteral("acme l"), QStringLiteral("acme"), QString()};
    int key = 0;
    double slowestMs = 0;
    for (auto _ : state) {
        QElapsedTimer keystroke;
        keystroke.start();
        board.setSearchText(typing[key++ % typing.size()]);
        slowestMs = std::max(slowestMs, keystroke.nsecsElapsed() / 1e6);
    }
    // The mean hides the keystrokes that read every deal: the first letter,
    // and a search that no longer holds an earlier one.
    state.counters["slowest_ms"] = slowestMs;
    int shown = 0;
    for (Stage stage : AllStages) {
        shown += board.column(stage)->rowCount();
    }
    state.counters["shown_after"] = shown;
}
BENCHMARK(searchKeystroke)->Unit(benchmark::kMillisecond)->Iterations(40);

void conversionReport(benchmark::State& state)
{
    const QString path = freshCopy(QStringLiteral("report.dealboard"));
    auto service = openService(path);
    for (auto _ : state) {
        Result<PipelineReport> report = service->reports().report({});
        benchmark::DoNotOptimize(report.ok());
        state.counters["deals"] = report.ok() ? report.value().deals : 0;
    }
}
BENCHMARK(conversionReport)->Unit(benchmark::kMillisecond)->Iterations(10);

// The Forecast tab: every deal, every stage entry and win for the empirical
// rates, bucketed over six months.
void forecast(benchmark::State& state)
{
    const QString path = freshCopy(QStringLiteral("forecast.dealboard"));
    auto service = openService(path);
    for (auto _ : state) {
        Result<Forecast> forecast = service->reports().forecast(std::nullopt, Forecast::DefaultMonths);
        benchmark::DoNotOptimize(forecast.ok());
        state.counters["rows"] = forecast.ok() ? double(forecast.value().rows.size()) : 0;
    }
}
BENCHMARK(forecast)->Unit(benchmark::kMillisecond)->Iterations(10);

// The Quotas tab: each owner's month against quota.
void quotaStatus(benchmark::State& state)
{
    const QString path = freshCopy(QStringLiteral("quotas.dealboard"));
    auto service = openService(path);
    const QString month = Forecast::monthBucket(service->now().toLocalTime().date());
    for (auto _ : state) {
        Result<OwnerMonth> owners = service->reports().ownerMonth(month);
        benchmark::DoNotOptimize(owners.ok());
        state.counters["owners"] = owners.ok() ? double(owners.value().rows.size()) : 0;
    }
}
BENCHMARK(quotaStatus)->Unit(benchmark::kMillisecond)->Iterations(10);

// Every likely duplicate pair among the contacts of 100,000 deals, topped up
// to 35,000 people by an import, with planted duplicates: each of the sample's
// organizations (up to 500) again in capitals with " Ltd.", and every 20th
// imported person on the phone of the one before, written another way.
void findDuplicates(benchmark::State& state)
{
    const QString path = freshCopy(QStringLiteral("duplicates.dealboard"));
    auto service = openService(path);
    ContactService& contacts = service->contacts();
    const std::vector<Organization> organizations = contacts.organizations().value();
    const std::size_t known = contacts.people().value().size();
    QByteArray csv = "name,email,phone\n";
    for (std::size_t i = known; i < 35'000; ++i) {
        // Every 20th shares the phone of the one before it, written another way.
        const std::size_t line = i % 20 == 0 && i > known ? i - 1 : i;
        const QString phone = i == line ? QStringLiteral("+44 20 %1").arg(line + 1'000'000)
                                        : QStringLiteral("+4420%1").arg(line + 1'000'000);
        csv += QStringLiteral("Bench Person %1,bench.%1@people.example,%2\n").arg(i).arg(phone).toUtf8();
    }
    if (!contacts.importPeople(csv, false)) {
        state.SkipWithError("the people were not imported");
        return;
    }
    for (std::size_t i = 0; i < 500 && i < organizations.size(); ++i) {
        OrganizationFields fields;
        fields.name = organizations[i].name.toUpper() + QStringLiteral(" Ltd.");
        fields.another = true;
        (void)contacts.createOrganization(fields);
    }
    std::size_t pairs = 0;
    for (auto _ : state) {
        Result<std::vector<DuplicatePair>> found = contacts.duplicates();
        pairs = found ? found.value().size() : 0;
    }
    state.counters["pairs"] = double(pairs);
    state.counters["people"] = double(contacts.people().value().size());
    state.counters["organizations"] = double(contacts.organizations().value().size());
}
BENCHMARK(findDuplicates)->Unit(benchmark::kMillisecond)->Iterations(5);

} // namespace

int main(int argc, char* argv[])
{
    dealboard::tuneAllocator();
    QCoreApplication app(argc, argv);
    spdlog::set_level(spdlog::level::off);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
