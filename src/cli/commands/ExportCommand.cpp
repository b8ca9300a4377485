// dealboard-cli export: deals, the report, organizations, people, activities
// or notes to a CSV file (written whole or not at all) or standard output;
// the weekly pipeline review to a PDF.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "ReportOptions.h"
#include "ReviewDocument.h"
#include "dealboard/ContactCsv.h"
#include "dealboard/DealCsv.h"

#include <QGuiApplication>
#include <spdlog/spdlog.h>

namespace dealboard::cli {

namespace {

OptionDoc outDoc()
{
    return {QStringLiteral("out"), QStringLiteral("FILE|-"), QStringLiteral("the CSV file, or - for standard output")};
}

OptionDoc bomDoc()
{
    return {QStringLiteral("bom"), QString(), QStringLiteral("start with a byte-order mark (for spreadsheets)")};
}

OptionDocs dealExportDocs()
{
    return {
        outDoc(),
        bomDoc(),
        {QStringLiteral("stage"), QStringLiteral("S"), QStringLiteral("only the deals in this stage")},
        {QStringLiteral("owner"), QStringLiteral("O"), QStringLiteral("only this rep's deals")},
        {QStringLiteral("status"), QStringLiteral("open|won|lost|all"), QStringLiteral("only these (default all)")}};
}

OptionDocs reportExportDocs()
{
    OptionDocs docs = {outDoc(), bomDoc()};
    for (OptionDoc& doc : reportFilterDocs()) {
        docs.push_back(std::move(doc));
    }
    return docs;
}

class ExportCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("export"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("deals --out FILE|- [--bom] [--stage S] [--owner O] [--status ...]"), QString(),
                 dealExportDocs()},
                {QStringLiteral("report --out FILE|- [report filters] [--bom]"), QString(), reportExportDocs()},
                {QStringLiteral("organizations|people|activities|notes --out FILE|- [--bom]"),
                 QString(),
                 {outDoc(), bomDoc()}},
                {QStringLiteral("review --out FILE.pdf [--owner O]"),
                 QStringLiteral("the weekly pipeline review: funnel, forecast, owners against quota, neglected deals"),
                 reviewDocs()}};
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        if (!arguments.isEmpty() && arguments.front() == u"review") {
            return parsed(context, arguments.mid(1), optionSpec(reviewDocs()), exportReview);
        }
        if (!arguments.isEmpty() && arguments.front() == u"report") {
            return parsed(context, arguments.mid(1), optionSpec(reportExportDocs()), exportReport);
        }
        return Command::read(context, arguments);
    }
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        const QString what = line.positionals().value(0);
        if (line.positionals().size() == 1
            && (what == u"organizations" || what == u"people" || what == u"activities" || what == u"notes")) {
            return exportContacts(context, what, line);
        }
        if (line.positionals() != QStringList {QStringLiteral("deals")}) {
            return context.usage(QStringLiteral("export needs what to export: deals, report, organizations, people, "
                                                "activities or notes, then --out FILE"));
        }
        return exportDeals(context, line);
    }

private:
    static OptionDocs reviewDocs()
    {
        return {
            {QStringLiteral("out"), QStringLiteral("FILE.pdf"), QStringLiteral("the PDF file")},
            {QStringLiteral("owner"), QStringLiteral("O"), QStringLiteral("one owner's review (default: the team's)")}};
    }

    static Prepared exportReview(Context& context, const CommandLine& line)
    {
        if (!line.positionals().isEmpty()) {
            return context.usage(QStringLiteral("unexpected argument '%1'").arg(line.positionals().front()));
        }
        const auto out = line.value(QStringLiteral("out"));
        if (!out || out->isEmpty() || *out == u"-") {
            return context.usage(QStringLiteral("export review needs --out FILE.pdf (a PDF goes to a file)"));
        }
        // The PDF's fonts need Qt's GUI layer (main starts it offscreen for this).
        if (qobject_cast<QGuiApplication*>(QCoreApplication::instance()) == nullptr) {
            return context.fail(makeError(ErrorCode::InvalidInput,
                                          QStringLiteral("This program can't draw a PDF; run dealboard-cli export "
                                                         "review.")));
        }
        return [=, &context](Pipeline& pipeline) -> int {
            Result<PipelineReview> review = pipeline.reports().review(line.value(QStringLiteral("owner")));
            if (!review) {
                return context.fail(review.error());
            }
            if (Result<void> saved = ReviewDocument::save(review.value(), *out, pipeline.reads().path()); !saved) {
                return context.fail(saved.error());
            }
            printOut(
                QStringLiteral("Wrote the pipeline review of %1 to %2\n")
                    .arg(review.value().owner.isEmpty() ? QStringLiteral("the team") : oneLine(review.value().owner),
                         *out));
            return ExitDone;
        };
    }

    static Prepared exportDeals(Context& context, const CommandLine& line)
    {
        const auto out = line.value(QStringLiteral("out"));
        if (!out || out->isEmpty()) {
            return context.usage(QStringLiteral("export needs --out FILE (or --out - for standard output)"));
        }
        const auto filter = dealFilter(context, line);
        if (!filter) {
            return ExitUsage;
        }
        return [=, &context](Pipeline& pipeline) -> int {
            const bool bom = line.flag(QStringLiteral("bom"));
            const QDateTime now = pipeline.now();
            // Streamed from the database: a whole pipeline is never held in
            // memory, and a server sends its rows as it reads them (nothing
            // else uses the connection meanwhile: no event loop runs here).
            std::optional<Error> failure;
            int exported = 0;
            TerminalProgress progress(QStringLiteral("Exporting deals"));
            const int code = context.writeOutput(*out, [&](QIODevice* device) {
                Result<int> written = DealCsv::stream(pipeline.reads(), *filter, device, now, bom,
                                                      *out == u"-" ? Progress() : progress.callback(), true);
                if (!written) {
                    failure = written.error();
                    return false;
                }
                exported = written.value();
                return true;
            });
            progress.finish();
            if (failure && failure->code != ErrorCode::Storage) {
                return context.fail(*failure);
            }
            if (code != ExitDone || *out == u"-") {
                return code;
            }
            spdlog::info("Exported {} deals to {}", exported, out->toStdString());
            printErr(QStringLiteral("Exported %1 deal(s) to %2\n").arg(exported).arg(*out));
            return ExitDone;
        };
    }

    static Prepared exportReport(Context& context, const CommandLine& line)
    {
        if (!line.positionals().isEmpty()) {
            return context.usage(QStringLiteral("unexpected argument '%1'").arg(line.positionals().front()));
        }
        const auto out = line.value(QStringLiteral("out"));
        if (!out || out->isEmpty()) {
            return context.usage(QStringLiteral("export report needs --out FILE (or --out - for standard output)"));
        }
        const auto filter = reportFilter(context, line);
        if (!filter) {
            return ExitUsage;
        }
        return [=, &context](Pipeline& pipeline) -> int {
            Result<PipelineReport> report = pipeline.reports().report(*filter);
            if (!report) {
                return context.fail(report.error());
            }
            const bool bom = line.flag(QStringLiteral("bom"));
            if (const int code = context.writeOutput(
                    *out,
                    [&](QIODevice* device) { return PipelineReportFormat::writeCsv(device, report.value(), bom); });
                code != ExitDone || *out == u"-") {
                return code;
            }
            spdlog::info("Exported the report to {}", out->toStdString());
            printErr(QStringLiteral("Exported the report (%1 deals) to %2\n").arg(report.value().deals).arg(*out));
            return ExitDone;
        };
    }

    static Prepared exportContacts(Context& context, const QString& what, const CommandLine& line)
    {
        const auto out = line.value(QStringLiteral("out"));
        if (!out || out->isEmpty()) {
            return context.usage(QStringLiteral("export needs --out FILE (or --out - for standard output)"));
        }
        return [=, &context](Pipeline& pipeline) -> int {
            const bool bom = line.flag(QStringLiteral("bom"));
            std::size_t rows = 0;
            int code = ExitDone;
            if (what == u"organizations") {
                Result<std::vector<Organization>> list = pipeline.contacts().organizations();
                if (!list) {
                    return context.fail(list.error());
                }
                rows = list.value().size();
                code = context.writeOutput(
                    *out, [&](QIODevice* d) { return ContactCsv::writeOrganizations(d, list.value(), bom); });
            } else if (what == u"people") {
                Result<std::vector<Person>> list = pipeline.contacts().people();
                if (!list) {
                    return context.fail(list.error());
                }
                rows = list.value().size();
                code = context.writeOutput(*out,
                                           [&](QIODevice* d) { return ContactCsv::writePeople(d, list.value(), bom); });
            } else if (what == u"notes") {
                Result<std::vector<Note>> list = pipeline.notes().all();
                if (!list) {
                    return context.fail(list.error());
                }
                rows = list.value().size();
                code = context.writeOutput(*out,
                                           [&](QIODevice* d) { return ContactCsv::writeNotes(d, list.value(), bom); });
            } else {
                Result<std::vector<Activity>> list = pipeline.activities().list();
                if (!list) {
                    return context.fail(list.error());
                }
                rows = list.value().size();
                code = context.writeOutput(
                    *out, [&](QIODevice* d) { return ContactCsv::writeActivities(d, list.value(), bom); });
            }
            if (code != ExitDone || *out == u"-") {
                return code;
            }
            spdlog::info("Exported {} {} to {}", rows, what.toStdString(), out->toStdString());
            printErr(QStringLiteral("Exported %1 %2 row(s) to %3\n").arg(rows).arg(what, *out));
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeExportCommand()
{
    return std::make_unique<ExportCommand>();
}

} // namespace dealboard::cli
