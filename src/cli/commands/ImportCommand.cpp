// dealboard-cli import: deals or people from CSV, all or nothing.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/SystemUser.h"

#include <QFile>

namespace dealboard::cli {

namespace {

OptionDocs importDocs()
{
    return {{QStringLiteral("dry-run"), QString(), QStringLiteral("check the whole file and say what would change")},
            {QStringLiteral("actor"), QStringLiteral("NAME"), QStringLiteral("who imported, for the history")}};
}

// Opens the file to import; nullopt after saying why it can't be read.
bool openInput(const Context& context, const QString& path, QFile& file, int& code)
{
    if (Result<void> readable = PipelineFiles::checkInput(path, context.databasePath()); !readable) {
        code = context.fail(readable.error());
        return false;
    }
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly)) {
        code = context.fail(
            makeError(ErrorCode::InvalidInput, QStringLiteral("Can't read '%1': %2.").arg(path, file.errorString())));
        return false;
    }
    return true;
}

class ImportCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("import"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("deals FILE [--dry-run]"), QStringLiteral("import deals from CSV, all or nothing"),
                 importDocs()},
                {QStringLiteral("people FILE [--dry-run]"), QStringLiteral("import people from CSV, all or nothing"),
                 importDocs()}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        if (line.positionals().size() == 2 && line.positionals().front() == u"people") {
            return importPeople(context, line);
        }
        if (line.positionals().size() != 2 || line.positionals().front() != u"deals") {
            return context.usage(
                QStringLiteral("import needs what and from where: import deals FILE, or import people FILE"));
        }
        return importDeals(context, line);
    }

private:
    // The contacts found by their normalized key rather than as written (the first 20).
    static void printLinked(const QStringList& linked, bool dryRun)
    {
        if (linked.isEmpty()) {
            return;
        }
        printOut(QStringLiteral("%1 to existing contacts of another spelling:\n")
                     .arg(dryRun ? QStringLiteral("Would link") : QStringLiteral("Linked")));
        for (const QString& one : linked.mid(0, 20)) {
            printOut(QStringLiteral("  %1\n").arg(one));
        }
        if (linked.size() > 20) {
            printOut(QStringLiteral("  … and %1 more\n").arg(linked.size() - 20));
        }
    }

    static Prepared importDeals(Context& context, const CommandLine& line)
    {
        auto file = std::make_shared<QFile>();
        int code = ExitDone;
        if (!openInput(context, line.positionals().at(1), *file, code)) {
            return code;
        }
        return [&context, line, file](Pipeline& pipeline) -> int {
            const bool dryRun = line.flag(QStringLiteral("dry-run"));
            TerminalProgress progress(dryRun ? QStringLiteral("Checking the deals")
                                             : QStringLiteral("Importing deals"));
            Result<ImportPlan> plan = pipeline.deals().importCsv(
                file.get(), dryRun, line.value(QStringLiteral("actor")).value_or(systemUserName()),
                progress.callback());
            progress.finish();
            if (!plan) {
                return context.fail(plan.error());
            }
            QStringList perStage;
            for (Stage stage : AllStages) {
                if (plan.value().perStage[stageIndex(stage)] > 0) {
                    perStage
                        << QStringLiteral("%1 %2").arg(plan.value().perStage[stageIndex(stage)]).arg(stageSlug(stage));
                }
            }
            printOut(
                QStringLiteral("%1 %2 deal(s)%3\n")
                    .arg(dryRun ? QStringLiteral("Would import") : QStringLiteral("Imported"))
                    .arg(plan.value().count)
                    .arg(perStage.isEmpty() ? QString() : QStringLiteral(": ") + perStage.join(QStringLiteral(", "))));
            printLinked(plan.value().linked, dryRun);
            if (!plan.value().ignoredColumns.isEmpty()) {
                printOut(QStringLiteral("Ignored unknown column(s): %1\n")
                             .arg(plan.value().ignoredColumns.join(QStringLiteral(", "))));
            }
            return ExitDone;
        };
    }

    static Prepared importPeople(Context& context, const CommandLine& line)
    {
        const QString path = line.positionals().value(1);
        auto file = std::make_shared<QFile>();
        int code = ExitDone;
        if (!openInput(context, path, *file, code)) {
            return code;
        }
        const bool dryRun = line.flag(QStringLiteral("dry-run"));
        return [&context, path, file, dryRun](Pipeline& pipeline) -> int {
            Result<PeopleImport> imported = pipeline.contacts().importPeople(file.get(), dryRun);
            if (!imported) {
                return context.fail(imported.error());
            }
            printOut(QStringLiteral("%1 %2 new and %3 known person(s) from %4\n")
                         .arg(dryRun ? QStringLiteral("Would import") : QStringLiteral("Imported"))
                         .arg(imported.value().created)
                         .arg(imported.value().updated)
                         .arg(path));
            printLinked(imported.value().linked, dryRun);
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeImportCommand()
{
    return std::make_unique<ImportCommand>();
}

} // namespace dealboard::cli
