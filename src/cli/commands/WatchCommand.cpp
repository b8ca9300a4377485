// dealboard-cli watch: one line per change as it happens, for scripts and
// chat integrations (and the tests that observe live updates).
#include "../Arguments.h"
#include "../Changes.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QTimer>
#include <cstdio>

namespace dealboard::cli {

namespace {

// A file is asked for other processes' commits this often; a server says so
// itself, and is asked only whether the connection still stands.
constexpr int FilePollMs = 200;
constexpr int ServerHeartbeatMs = 2000;

class WatchCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("watch"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("[--format table|json] [--count N]"),
                 QStringLiteral("print each change as it is made, a line each, until stopped (Ctrl+C)"),
                 {{QStringLiteral("format"), QStringLiteral("table|json"),
                   QStringLiteral("words, or a JSON object per line")},
                  {QStringLiteral("count"), QStringLiteral("N"), QStringLiteral("stop after N changes")}}}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        if (!line.positionals().isEmpty()) {
            return context.usage(QStringLiteral("watch takes no argument: '%1'").arg(line.positionals().front()));
        }
        const QString format = line.value(QStringLiteral("format")).value_or(QStringLiteral("table"));
        if (format != u"table" && format != u"json") {
            return context.usage(QStringLiteral("--format of watch is table or json, not '%1'").arg(format));
        }
        qint64 count = 0;
        if (const auto given = line.value(QStringLiteral("count"))) {
            const auto parsed = parseId(*given);
            if (!parsed) {
                return context.usage(
                    QStringLiteral("--count needs how many changes, a positive whole number, not '%1'").arg(*given));
            }
            count = *parsed;
        }
        return [&context, format, count](Pipeline& pipeline) { return watch(context, pipeline, format, count); };
    }

private:
    // Prints each change as it is committed until `count` were (0: until stopped).
    static int watch(Context& context, Pipeline& pipeline, const QString& format, qint64 count)
    {
        Result<QString> last = pipeline.reads().feedPosition();
        if (!last) {
            return context.fail(last.error());
        }
        QString seen = last.value();
        qint64 printed = 0;
        int result = ExitDone;
        QEventLoop loop;
        const auto printNew = [&] {
            Result<ChangeFeed> read = pipeline.reads().changesAfter(seen);
            if (!read) {
                printErr(QStringLiteral("dealboard-cli: %1\n").arg(read.error().message));
                return;
            }
            seen = read.value().position;
            for (const ChangeEntry& entry : read.value().entries) {
                if (format == u"json") {
                    printOut(jsonText(QJsonDocument(changeJson(entry)).toJson(QJsonDocument::Compact))
                             + QLatin1Char('\n'));
                } else {
                    // One line a change, whatever its texts hold.
                    QStringList columns = changeColumns(entry).mid(1);
                    for (QString& column : columns) {
                        column = oneLine(column);
                    }
                    printOut(columns.join(QStringLiteral("  ")) + QLatin1Char('\n'));
                }
                // Line by line: a script reading the pipe sees each change at once.
                if (std::fflush(stdout) != 0) {
                    result = ExitBadInput;
                    loop.quit();
                    return;
                }
                if (count > 0 && ++printed >= count) {
                    loop.quit();
                    return;
                }
            }
        };
        QObject::connect(&pipeline, &Pipeline::externalChange, &loop, printNew);
        QObject::connect(&pipeline, &Pipeline::connectionLost, &loop, [&](const QString& why) {
            // A login the team disabled or removed will not come back: stop.
            if (why.contains(QLatin1String("not permitted to log in"))
                || why.contains(QLatin1String("password authentication failed"))) {
                printErr(QStringLiteral("dealboard-cli: %1; stopped watching.\n").arg(why));
                result = ExitBadInput;
                loop.quit();
                return;
            }
            printErr(QStringLiteral("dealboard-cli: %1; connecting again…\n").arg(why));
        });
        QObject::connect(&pipeline, &Pipeline::connectionRestored, &loop, [&pipeline] {
            printErr(QStringLiteral("dealboard-cli: connected to %1 again.\n").arg(pipeline.reads().path()));
        });
        QTimer poll;
        poll.setInterval(pipeline.reads().location().isFile() ? FilePollMs : ServerHeartbeatMs);
        QObject::connect(&poll, &QTimer::timeout, &pipeline, &Pipeline::pollExternalChanges);
        poll.start();
        // Said once everything is in place: what is committed from now on is printed.
        printErr(
            QStringLiteral("dealboard-cli: watching %1 for changes (Ctrl+C stops)…\n").arg(pipeline.reads().path()));
        loop.exec();
        return result;
    }
};

} // namespace

std::unique_ptr<Command> makeWatchCommand()
{
    return std::make_unique<WatchCommand>();
}

} // namespace dealboard::cli
