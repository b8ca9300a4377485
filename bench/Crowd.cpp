// `crowd` (scripts/bench_crowd.sh): many reps' boards live on one server.
// Each simulated board has its own connection and LISTEN, and on every
// notification re-reads what the board reads (BoardModel::refreshFromDatabase):
// every deal's version, then each deal whose version it has not seen. The
// boards live on a few threads of this one process (a few hundred processes
// would measure the machine's scheduler, not the server). One more
// connection moves shared deals at a steady rate, noting when each move
// began. At the end every board must hold every deal's last version, and no
// board may have read one version twice.
#include "Crowd.h"

#include "dealboard/DealStore.h"
#include "dealboard/Pipeline.h"
#include "dealboard/service/PipelineOpener.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>

namespace dealboard::bench {

namespace {

// What the boards of all threads found, gathered under one lock.
struct Findings
{
    std::mutex lock;
    std::map<std::pair<DealId, qint64>, qint64> movedAt; // (deal, version it made): when the move began
    std::vector<double> latenciesMs; // a move's start to a board having re-read the deal it made
    std::vector<std::map<DealId, qint64>> held; // per board: the version of each deal it holds
    qint64 doubled = 0; // versions a board read again
    qint64 unknown = 0; // versions read that no move made (seen before their move was noted)
    std::atomic<int> opened {0};
    std::atomic<int> failures {0};
};

double percentile(std::vector<double> values, double share)
{
    if (values.empty()) {
        return 0;
    }
    const auto at = static_cast<std::size_t>(share * double(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(at), values.end());
    return values[at];
}

// The server's memory: the proportional set size (shared memory counted once
// across the processes that share it) of every process of its cluster, found
// by the postmaster's process id in DATA/postmaster.pid; 0 when it cannot be read.
double serverMemoryMb(const QString& dataFolder)
{
    QFile pidFile(QDir(dataFolder).filePath(QStringLiteral("postmaster.pid")));
    if (dataFolder.isEmpty() || !pidFile.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const qint64 postmaster = pidFile.readLine().trimmed().toLongLong();
    const auto field = [](const QByteArray& text, const QByteArray& name) {
        for (const QByteArray& line : text.split('\n')) {
            if (line.startsWith(name)) {
                return line.mid(name.size()).trimmed().split(' ').value(0).toLongLong();
            }
        }
        return qint64(0);
    };
    double kb = 0;
    for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool number = false;
        const qint64 process = entry.toLongLong(&number);
        QFile status(QStringLiteral("/proc/%1/status").arg(entry));
        if (!number || !status.open(QIODevice::ReadOnly)) {
            continue;
        }
        if (process != postmaster && field(status.readAll(), "PPid:") != postmaster) {
            continue;
        }
        QFile rollup(QStringLiteral("/proc/%1/smaps_rollup").arg(entry));
        if (rollup.open(QIODevice::ReadOnly)) {
            kb += double(field(rollup.readAll(), "Pss:"));
        }
    }
    return kb / 1024;
}

} // namespace

std::unique_ptr<Pipeline> openPipeline(const QString& url)
{
    Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(url);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error().message));
        return nullptr;
    }
    return std::make_unique<Pipeline>(std::move(store.value()), std::make_shared<SystemClock>());
}

int crowd(const CrowdOptions& options)
{
    Findings findings;
    std::atomic<bool> stopping {false};
    // Every board starts holding the deals as they are.
    {
        std::unique_ptr<Pipeline> probe = openPipeline(options.url);
        if (!probe) {
            return 2;
        }
        const Result<std::vector<std::pair<DealId, std::int64_t>>> versions = probe->reads().versions();
        if (!versions) {
            return 2;
        }
        const std::map<DealId, qint64> start(versions.value().begin(), versions.value().end());
        findings.held.assign(static_cast<std::size_t>(options.boards), start);
    }

    // The boards, spread over threads; each thread runs its own event loop.
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < options.threads; ++t) {
        threads.push_back(std::unique_ptr<QThread>(QThread::create([&, t] {
            std::vector<std::unique_ptr<Pipeline>> boards;
            std::vector<qint64> last;
            for (int b = t; b < options.boards; b += options.threads) {
                std::unique_ptr<Pipeline> board = openPipeline(options.url);
                if (!board) {
                    ++findings.failures;
                    continue;
                }
                Pipeline* pipeline = board.get();
                const std::size_t index = static_cast<std::size_t>(b);
                QObject::connect(pipeline, &Pipeline::externalChange, pipeline, [&findings, pipeline, index] {
                    const Result<std::vector<std::pair<DealId, std::int64_t>>> versions = pipeline->reads().versions();
                    if (!versions) {
                        ++findings.failures;
                        return;
                    }
                    std::map<DealId, qint64> current;
                    {
                        const std::lock_guard<std::mutex> held(findings.lock);
                        current = findings.held[index];
                    }
                    std::vector<std::pair<DealId, qint64>> read;
                    for (const auto& [id, stamp] : versions.value()) {
                        if (current[id] == stamp) {
                            continue;
                        }
                        const Result<Deal> fresh = pipeline->deals().get(id);
                        if (!fresh) {
                            ++findings.failures;
                            continue;
                        }
                        read.emplace_back(id, fresh.value().cardStamp());
                    }
                    const qint64 now = QDateTime::currentMSecsSinceEpoch();
                    const std::lock_guard<std::mutex> held(findings.lock);
                    std::map<DealId, qint64>& mine = findings.held[index];
                    for (const auto& [id, stamp] : read) {
                        if (mine[id] == stamp) {
                            ++findings.doubled;
                            continue;
                        }
                        mine[id] = stamp;
                        const auto moved = findings.movedAt.find({id, stamp});
                        if (moved == findings.movedAt.end()) {
                            ++findings.unknown;
                            continue;
                        }
                        findings.latenciesMs.push_back(double(now - moved->second));
                    }
                });
                boards.push_back(std::move(board));
                ++findings.opened;
            }
            QEventLoop loop;
            QTimer beat;
            QObject::connect(&beat, &QTimer::timeout, &loop, [&] {
                // What a board does when a notification may have been missed.
                for (const auto& board : boards) {
                    board->pollExternalChanges();
                }
                if (stopping) {
                    loop.quit();
                }
            });
            beat.start(1000);
            loop.exec();
        })));
        threads.back()->start();
    }
    while (findings.opened + findings.failures < options.boards) {
        QThread::msleep(100);
    }
    std::fprintf(stderr, "%d boards open, %d failed to open\n", findings.opened.load(), findings.failures.load());

    // The mover: one action every 1/rate seconds on the shared deals, each
    // through the service as a board's move is, timed.
    std::unique_ptr<Pipeline> mover = openPipeline(options.url);
    if (!mover) {
        return 2;
    }
    std::vector<double> actionsMs;
    int refused = 0;
    qint64 committed = 0;
    QElapsedTimer clock;
    clock.start();
    const qint64 interval = qint64(1000.0 / options.movesPerSecond);
    double peakServerMb = 0;
    for (int i = 0; clock.elapsed() < qint64(options.seconds * 1000); ++i) {
        const qint64 due = i * interval;
        if (clock.elapsed() < due) {
            QThread::msleep(static_cast<unsigned long>(due - clock.elapsed()));
        }
        const DealId deal = 1 + i % options.deals;
        const Stage target = (i / options.deals) % 2 == 0 ? Stage::Contacting : Stage::Qualifying;
        QElapsedTimer timer;
        timer.start();
        const qint64 began = QDateTime::currentMSecsSinceEpoch();
        // Noted before the move commits, as its version will be: a board may
        // read it before the call returns.
        const Result<Deal> before = mover->deals().get(deal);
        if (before) {
            const std::lock_guard<std::mutex> held(findings.lock);
            findings.movedAt[{deal, Deal::cardStamp(before.value().version + 1, before.value().activityStamp)}] = began;
        }
        const Result<MoveOutcome> moved = mover->deals().move(deal, target);
        actionsMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        if (!moved) {
            ++refused;
        } else {
            ++committed;
        }
        if (i % 50 == 0) {
            peakServerMb = std::max(peakServerMb, serverMemoryMb(options.serverData));
        }
    }
    // Time for the last notifications to arrive, then every board stops.
    QThread::sleep(3);
    stopping = true;
    for (const auto& thread : threads) {
        thread->wait();
    }

    // Every board must hold every deal's last version.
    const Result<std::vector<std::pair<DealId, std::int64_t>>> final = mover->reads().versions();
    if (!final) {
        return 2;
    }
    qint64 lost = 0;
    for (const std::map<DealId, qint64>& held : findings.held) {
        for (const auto& [id, stamp] : final.value()) {
            const auto found = held.find(id);
            lost += found == held.end() || found->second != stamp ? 1 : 0;
        }
    }
    const qint64 doubled = findings.doubled;
    QJsonObject summary;
    summary[QStringLiteral("boards")] = findings.opened.load();
    summary[QStringLiteral("seconds")] = options.seconds;
    summary[QStringLiteral("actions")] = qint64(actionsMs.size());
    summary[QStringLiteral("refused")] = refused;
    summary[QStringLiteral("moves")] = committed;
    summary[QStringLiteral("changes_read")] = qint64(findings.latenciesMs.size());
    summary[QStringLiteral("changes_expected")] = committed * findings.opened.load();
    summary[QStringLiteral("read_before_noted")] = findings.unknown;
    summary[QStringLiteral("notification_p50_ms")] = percentile(findings.latenciesMs, 0.5);
    summary[QStringLiteral("notification_p99_ms")] = percentile(findings.latenciesMs, 0.99);
    summary[QStringLiteral("action_p50_ms")] = percentile(actionsMs, 0.5);
    summary[QStringLiteral("action_p99_ms")] = percentile(actionsMs, 0.99);
    summary[QStringLiteral("server_memory_mb")] = peakServerMb;
    summary[QStringLiteral("lost")] = lost;
    summary[QStringLiteral("doubled")] = doubled;
    summary[QStringLiteral("failures")] = findings.failures.load();
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return lost == 0 && doubled == 0 && findings.failures == 0 ? 0 : 1;
}

} // namespace dealboard::bench
