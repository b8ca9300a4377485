// Many clients on one server at once (scripts/bench_live.sh): `prepare` makes
// the shared deals; each `work` process does mixed actions on them (moves,
// edits, activities), each with the version it read, so that clients really
// refuse each other as stale; `listen` follows the server's notifications
// and times how late each change reaches another client; `verify` then
// checks that every acknowledged action is in the data and in the change
// log, once, and that nothing else is. Never part of the test suite.
#include "Crowd.h"
#include "dealboard/DealStore.h"
#include "dealboard/Pipeline.h"
#include "dealboard/ServerAddress.h"
#include "dealboard/service/PipelineOpener.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <cstdio>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

using namespace dealboard;

namespace {

const Stage Stages[] = {Stage::Qualifying, Stage::Contacting, Stage::Relationship};

int prepare(const QString& url, int deals)
{
    std::unique_ptr<Pipeline> pipeline = bench::openPipeline(url);
    if (!pipeline) {
        return 2;
    }
    for (int i = 0; i < deals; ++i) {
        DealFields fields;
        fields.title = QStringLiteral("Shared deal %1").arg(i + 1);
        fields.willing = fields.need = fields.budget = true;
        fields.valueMinor = 100000;
        fields.currency = QStringLiteral("EUR");
        fields.expectedClose = QDate::currentDate().addDays(60);
        if (Result<Deal> made = pipeline->deals().create(fields, Stage::Qualifying); !made) {
            std::fprintf(stderr, "%s\n", qPrintable(made.error().message));
            return 2;
        }
    }
    return 0;
}

// One line per action: "ok|stale|error KIND DEAL DETAIL MS".
int work(const QString& url, int worker, int actions, int deals, const QString& out)
{
    std::unique_ptr<Pipeline> pipeline = bench::openPipeline(url);
    if (!pipeline) {
        return 2;
    }
    QFile file(out);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return 2;
    }
    QTextStream lines(&file);
    QRandomGenerator random(static_cast<quint32>(worker * 7919 + 17));
    for (int i = 0; i < actions; ++i) {
        const DealId deal = 1 + random.bounded(deals);
        Result<Deal> read = pipeline->deals().get(deal);
        if (!read) {
            lines << "error read " << deal << " - 0 " << read.error().message << "\n";
            continue;
        }
        // Another client may act between the read and the write.
        QThread::usleep(random.bounded(2000));
        ActionOptions options;
        options.expectedVersion = read.value().version;
        const int pick = random.bounded(10);
        QString kind;
        QString detail;
        QElapsedTimer timer;
        timer.start();
        std::optional<Error> failed;
        if (pick < 4) {
            Stage target = Stages[random.bounded(3)];
            if (target == read.value().stage) {
                target = Stages[(static_cast<int>(std::find(std::begin(Stages), std::end(Stages), target)
                                                  - std::begin(Stages))
                                 + 1)
                                % 3];
            }
            kind = QStringLiteral("move");
            detail = stageSlug(target);
            if (Result<MoveOutcome> moved = pipeline->deals().move(deal, target, options); !moved) {
                failed = moved.error();
            }
        } else if (pick < 8) {
            DealFields value;
            value.valueMinor = static_cast<std::int64_t>(worker) * 1'000'000 + i + 1;
            kind = QStringLiteral("edit");
            detail = QString::number(*value.valueMinor);
            if (Result<Deal> edited = pipeline->deals().edit(deal, value, options); !edited) {
                failed = edited.error();
            }
        } else {
            ActivityFields activity;
            activity.dealId = deal;
            activity.kind = ActivityKind::Call;
            activity.subject = QStringLiteral("w%1-%2").arg(worker).arg(i);
            activity.dueDate = QDate::currentDate().addDays(3);
            kind = QStringLiteral("activity");
            detail = activity.subject;
            if (Result<Activity> planned = pipeline->activities().plan(activity); !planned) {
                failed = planned.error();
            }
        }
        const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        const char* outcome = !failed ? "ok" : failed->code == ErrorCode::StaleVersion ? "stale" : "error";
        lines << outcome << ' ' << kind << ' ' << deal << ' ' << detail << ' ' << QString::number(ms, 'f', 3);
        if (failed && failed->code != ErrorCode::StaleVersion) {
            lines << ' ' << failed->message;
        }
        lines << "\n";
    }
    return 0;
}

// Write scaling (scripts/bench_write_scaling.sh): moves of the deals
// FIRST .. FIRST+COUNT-1 back and forth between Qualifying and Contacting,
// one transaction each, for SECONDS; prints the actions done, and the
// slowest one in ms. Writers given different deals never wait for each other.
int scale(const QString& url, int first, int count, double seconds)
{
    std::unique_ptr<Pipeline> pipeline = bench::openPipeline(url);
    if (!pipeline) {
        return 2;
    }
    QElapsedTimer clock;
    clock.start();
    qint64 done = 0;
    double slowest = 0;
    for (int i = 0; clock.elapsed() < qint64(seconds * 1000); ++i) {
        const DealId deal = first + i % count;
        const Stage target = (i / count) % 2 == 0 ? Stage::Contacting : Stage::Qualifying;
        QElapsedTimer timer;
        timer.start();
        Result<MoveOutcome> moved = pipeline->deals().move(deal, target);
        if (!moved) {
            std::fprintf(stderr, "%s\n", qPrintable(moved.error().message));
            return 2;
        }
        slowest = std::max(slowest, static_cast<double>(timer.nsecsElapsed()) / 1e6);
        ++done;
    }
    std::printf("%lld %.3f\n", static_cast<long long>(done), slowest);
    return 0;
}

// Until `stopFile` exists and no change came for a second: one line per
// change read, "LATENCY_MS".
int listen(const QString& url, const QString& out, const QString& stopFile)
{
    std::unique_ptr<Pipeline> pipeline = bench::openPipeline(url);
    if (!pipeline) {
        return 2;
    }
    QFile file(out);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return 2;
    }
    QTextStream lines(&file);
    qint64 seen = pipeline->reads().lastChange().value();
    QElapsedTimer quiet;
    quiet.start();
    QObject::connect(pipeline.get(), &Pipeline::externalChange, pipeline.get(), [&] {
        ChangeQuery query;
        query.afterId = seen;
        const Result<std::vector<ChangeEntry>> read = pipeline->reads().changes(query);
        if (!read) {
            return;
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const ChangeEntry& entry : read.value()) {
            seen = entry.id;
            lines << (now - entry.at.toMSecsSinceEpoch()) << "\n";
        }
        quiet.restart();
    });
    QTimer beat;
    QObject::connect(&beat, &QTimer::timeout, pipeline.get(), [&] {
        pipeline->pollExternalChanges();
        if (QFile::exists(stopFile) && quiet.elapsed() > 1000) {
            QCoreApplication::quit();
        }
    });
    beat.start(200);
    return QCoreApplication::exec();
}

int verify(const QString& url, const QString& folder)
{
    std::unique_ptr<Pipeline> pipeline = bench::openPipeline(url);
    if (!pipeline) {
        return 2;
    }
    QMap<QString, int> acknowledged; // "move DEAL STAGE", "edit DEAL VALUE", "activity DEAL SUBJECT"
    QMap<DealId, int> movesOf;
    int stale = 0;
    int errors = 0;
    int ok = 0;
    for (const QString& name : QDir(folder).entryList({QStringLiteral("worker-*.txt")})) {
        QFile file(QDir(folder).filePath(name));
        file.open(QIODevice::ReadOnly);
        while (!file.atEnd()) {
            const QStringList parts = QString::fromUtf8(file.readLine()).trimmed().split(QLatin1Char(' '));
            if (parts.value(0) == u"ok") {
                ++ok;
                acknowledged[parts.mid(1, 3).join(QLatin1Char(' '))] += 1;
                if (parts.value(1) == u"move") {
                    movesOf[parts.value(2).toLongLong()] += 1;
                }
            } else if (parts.value(0) == u"stale") {
                ++stale;
            } else {
                ++errors;
                std::fprintf(stderr, "error: %s\n", qPrintable(parts.join(QLatin1Char(' '))));
            }
        }
    }
    // What the change log says was done, in the same words.
    QMap<QString, int> logged;
    const Result<std::vector<ChangeEntry>> read = pipeline->reads().changes({});
    if (!read) {
        return 2;
    }
    const std::vector<ChangeEntry>& log = read.value();
    for (const ChangeEntry& entry : log) {
        const QJsonObject changes = QJsonDocument::fromJson(entry.changes).object();
        if (entry.table == u"deals" && entry.action == u"update") {
            if (changes.contains(QStringLiteral("stage"))) {
                logged[QStringLiteral("move %1 %2")
                           .arg(entry.row, changes.value(QStringLiteral("stage")).toArray().at(1).toString())]
                    += 1;
            }
            if (changes.contains(QStringLiteral("value_minor"))) {
                logged[QStringLiteral("edit %1 %2")
                           .arg(entry.row)
                           .arg(changes.value(QStringLiteral("value_minor")).toArray().at(1).toInteger())]
                    += 1;
            }
        } else if (entry.table == u"activities" && entry.action == u"insert") {
            logged[QStringLiteral("activity %1 %2")
                       .arg(*entry.deal)
                       .arg(changes.value(QStringLiteral("subject")).toString())]
                += 1;
        }
    }
    int missing = 0;
    int unexpected = 0;
    for (auto it = acknowledged.begin(); it != acknowledged.end(); ++it) {
        if (logged.value(it.key()) != it.value()) {
            ++missing;
        }
    }
    for (auto it = logged.begin(); it != logged.end(); ++it) {
        if (acknowledged.value(it.key()) != it.value()) {
            ++unexpected;
        }
    }
    // In the data: each deal's history has its creation and every move; its
    // value is its last acknowledged edit's; each activity is there once.
    int dataFaults = 0;
    QMap<QString, int> activities;
    const Result<std::vector<Activity>> allActivities = pipeline->activities().list();
    const Result<std::vector<Deal>> allDeals = pipeline->deals().list();
    if (!allActivities || !allDeals) {
        return 2;
    }
    for (const Activity& activity : allActivities.value()) {
        activities[QStringLiteral("activity %1 %2").arg(activity.dealId).arg(activity.subject)] += 1;
    }
    for (auto it = acknowledged.begin(); it != acknowledged.end(); ++it) {
        if (it.key().startsWith(u"activity") && activities.value(it.key()) != it.value()) {
            ++dataFaults;
        }
    }
    QMap<DealId, std::int64_t> lastValue;
    for (const ChangeEntry& entry : log) {
        const QJsonObject changes = QJsonDocument::fromJson(entry.changes).object();
        if (entry.table == u"deals" && entry.action == u"update" && changes.contains(QStringLiteral("value_minor"))) {
            lastValue[entry.row.toLongLong()]
                = changes.value(QStringLiteral("value_minor")).toArray().at(1).toInteger();
        }
    }
    for (const Deal& deal : allDeals.value()) {
        const Result<std::vector<HistoryEntry>> history = pipeline->deals().history(deal.id);
        if (!history || static_cast<int>(history.value().size()) != 1 + movesOf.value(deal.id)) {
            ++dataFaults;
        }
        if (lastValue.contains(deal.id) && lastValue.value(deal.id) != deal.value.minor) {
            ++dataFaults;
        }
    }
    QJsonObject summary;
    summary[QStringLiteral("acknowledged")] = ok;
    summary[QStringLiteral("stale")] = stale;
    summary[QStringLiteral("errors")] = errors;
    summary[QStringLiteral("acknowledged_not_logged_once")] = missing;
    summary[QStringLiteral("logged_not_acknowledged")] = unexpected;
    summary[QStringLiteral("data_faults")] = dataFaults;
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return errors == 0 && missing == 0 && unexpected == 0 && dataFaults == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    // Standard output carries the results; what goes wrong goes to standard error.
    spdlog::set_default_logger(spdlog::stderr_color_mt("load"));
    spdlog::set_level(spdlog::level::warn);
    const QStringList arguments = QCoreApplication::arguments();
    const QString mode = arguments.value(1);
    const QString url = arguments.value(2);
    if (mode == u"prepare" && arguments.size() == 4) {
        return prepare(url, arguments.value(3).toInt());
    }
    if (mode == u"work" && arguments.size() == 7) {
        return work(url, arguments.value(3).toInt(), arguments.value(4).toInt(), arguments.value(5).toInt(),
                    arguments.value(6));
    }
    if (mode == u"scale" && arguments.size() == 6) {
        return scale(url, arguments.value(3).toInt(), arguments.value(4).toInt(), arguments.value(5).toDouble());
    }
    if (mode == u"listen" && arguments.size() == 5) {
        return listen(url, arguments.value(3), arguments.value(4));
    }
    if (mode == u"verify" && arguments.size() == 4) {
        return verify(url, arguments.value(3));
    }
    if (mode == u"crowd" && arguments.size() == 8) {
        bench::CrowdOptions options;
        options.url = url;
        options.boards = arguments.value(3).toInt();
        options.movesPerSecond = arguments.value(4).toDouble();
        options.seconds = arguments.value(5).toDouble();
        options.deals = arguments.value(6).toInt();
        options.serverData = arguments.value(7);
        return bench::crowd(options);
    }
    std::fprintf(stderr,
                 "usage: dealboard_live_load prepare URL DEALS | work URL WORKER ACTIONS DEALS OUT | "
                 "scale URL FIRST COUNT SECONDS | listen URL OUT STOPFILE | verify URL FOLDER | "
                 "crowd URL BOARDS MOVES_PER_SECOND SECONDS DEALS SERVER_DATA\n");
    return 1;
}
