// dealboard-cli import: deals (from CSV, or the deal exports of Pipedrive and
// HubSpot) or people from CSV, all or nothing.
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

OptionDocs dealImportDocs()
{
    OptionDocs docs = {
        {QStringLiteral("from"), QStringLiteral("FORMAT"),
         QStringLiteral("the file's layout: csv (the default), or a deal export of pipedrive or hubspot")},
        {QStringLiteral("stage-map"), QStringLiteral("'THEIR STAGE=KEY'"),
         QStringLiteral("put their stage onto ours (a stage key such as qualifying, won or lost); repeatable"), true}};
    const OptionDocs common = importDocs();
    docs.insert(docs.end(), common.begin(), common.end());
    return docs;
}

// "  Contact Made  -> Contacting  (2 deals)" for each of their stages met.
QString stageLines(const ImportPlan& plan)
{
    qsizetype width = 0;
    for (const StageUse& use : plan.stages) {
        width = std::max(width, use.theirs.size());
    }
    QString lines;
    for (const StageUse& use : plan.stages) {
        lines += QStringLiteral("  %1 -> %2 (%3 deal(s)%4)\n")
                     .arg(use.theirs.leftJustified(width),
                          use.target ? targetName(*use.target) : QStringLiteral("no match"))
                     .arg(use.deals)
                     .arg(use.given ? QStringLiteral(", by --stage-map") : QString());
    }
    return lines;
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
        return {{QStringLiteral("deals FILE [--from csv|pipedrive|hubspot] [--stage-map 'THEIR STAGE=KEY' ...] "
                                "[--dry-run]"),
                 QStringLiteral("import deals from CSV or a Pipedrive or HubSpot export, all or nothing"),
                 dealImportDocs()},
                {QStringLiteral("people FILE [--dry-run]"), QStringLiteral("import people from CSV, all or nothing"),
                 importDocs()}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        if (line.positionals().size() == 2 && line.positionals().front() == u"people") {
            if (line.has(QStringLiteral("from")) || line.has(QStringLiteral("stage-map"))) {
                return context.usage(QStringLiteral("--from and --stage-map are for import deals"));
            }
            return importPeople(context, line);
        }
        if (line.positionals().size() != 2 || line.positionals().front() != u"deals") {
            return context.usage(
                QStringLiteral("import needs what and from where: import deals FILE, or import people FILE"));
        }
        return importDeals(context, line);
    }

private:
    static Prepared importDeals(Context& context, const CommandLine& line)
    {
        ImportOptions options;
        const QString from = line.value(QStringLiteral("from")).value_or(QStringLiteral("csv"));
        if (const std::optional<ImportFormat> format = formatFromSlug(from)) {
            options.format = *format;
        } else {
            return context.usage(QStringLiteral("unknown format '%1' (use csv, pipedrive or hubspot)").arg(from));
        }
        for (const QString& given : line.values(QStringLiteral("stage-map"))) {
            if (options.format == ImportFormat::Csv) {
                return context.usage(QStringLiteral("--stage-map is for the exports of other CRMs: give --from "
                                                    "pipedrive or --from hubspot"));
            }
            Result<std::pair<QString, StageTarget>> mapping = ImportPresets::parseStageMapping(given);
            if (!mapping) {
                return context.usage(mapping.error().message);
            }
            options.stageMap.push_back(mapping.value());
        }
        auto file = std::make_shared<QFile>();
        int code = ExitDone;
        if (!openInput(context, line.positionals().at(1), *file, code)) {
            return code;
        }
        return [&context, line, file, options](Pipeline& pipeline) -> int {
            const bool dryRun = line.flag(QStringLiteral("dry-run"));
            TerminalProgress progress(dryRun ? QStringLiteral("Checking the deals")
                                             : QStringLiteral("Importing deals"));
            Result<ImportPlan> plan = pipeline.deals().importDeals(
                file.get(), options, dryRun, line.value(QStringLiteral("actor")).value_or(systemUserName()),
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
            if (dryRun && !plan.value().stages.empty()) {
                printOut(QStringLiteral("Their stages (%1) onto ours:\n%2")
                             .arg(formatName(options.format), stageLines(plan.value())));
            }
            if (plan.value().qualifiedByImport > 0) {
                printOut(QStringLiteral("%1 %2 deal(s) as willing, with a need and a budget: their stage lies past "
                                        "Qualifying.\n")
                             .arg(dryRun ? QStringLiteral("Would mark") : QStringLiteral("Marked"))
                             .arg(plan.value().qualifiedByImport));
            }
            printLinkedContacts(plan.value().linked, dryRun);
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
            printLinkedContacts(imported.value().linked, dryRun);
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
