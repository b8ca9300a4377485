// dealboard-cli copy: a whole pipeline from a file to a server or back.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/DealStore.h"
#include "dealboard/service/PipelineOpener.h"

#include <QDir>
#include <QFileInfo>

namespace dealboard::cli {

namespace {

// The same pipeline, however it is written (a relative path, a URL).
bool samePipeline(const QString& a, const QString& b)
{
    if (a == b) {
        return true;
    }
    return QFileInfo(a).absoluteFilePath() == QFileInfo(b).absoluteFilePath();
}

class CopyCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("copy"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("--from SOURCE --to TARGET"),
                 QStringLiteral("copy every table of a pipeline, file or server, into a new one (a new file, or an "
                                "empty or just-initialized database), all or nothing, ids kept; the team's offline "
                                "backup and restore"),
                 {{QStringLiteral("from"), QStringLiteral("SOURCE"),
                   QStringLiteral("the pipeline to copy (a file or a URL)")},
                  {QStringLiteral("to"), QStringLiteral("TARGET"),
                   QStringLiteral("where the copy goes (a file or a URL)")}}}};
    }

protected:
    // Copies between the two pipelines it names; none is opened as --db's.
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        if (!line.positionals().isEmpty()) {
            return context.usage(QStringLiteral("copy takes --from SOURCE and --to TARGET, nothing else"));
        }
        const QString from = line.value(QStringLiteral("from")).value_or(QString());
        const QString to = line.value(QStringLiteral("to")).value_or(QString());
        if (from.isEmpty() || to.isEmpty()) {
            return context.usage(QStringLiteral("copy needs both --from SOURCE and --to TARGET"));
        }
        if (context.databaseNamed() && !samePipeline(context.databasePath(), from)
            && !samePipeline(context.databasePath(), to)) {
            return context.usage(QStringLiteral("--db names neither the source nor the target of the copy; leave "
                                                "it out"));
        }
        if (samePipeline(from, to)) {
            return context.usage(QStringLiteral("--from and --to name the same pipeline"));
        }
        TerminalProgress progress(QStringLiteral("Copying the pipeline"));
        Result<CopyCounts> copied = PipelineOpener::copy(from, to, progress.callback());
        progress.finish();
        if (!copied) {
            return context.fail(copied.error());
        }
        printOut(QStringLiteral("Copied %1 deal(s), %2 row(s) in all, in %3 ms.\n")
                     .arg(copied.value().deals)
                     .arg(copied.value().rows)
                     .arg(copied.value().milliseconds));
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeCopyCommand()
{
    return std::make_unique<CopyCommand>();
}

} // namespace dealboard::cli
