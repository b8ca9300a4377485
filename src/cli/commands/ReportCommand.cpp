// dealboard-cli report: conversion funnel, time in stage, losses, goals.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "CommonOptions.h"
#include "ReportOptions.h"
#include "dealboard/CsvWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace dealboard::cli {

namespace {

class ReportCommand final : public Command
{
public:
    ReportCommand()
        : Command(Reading::Listing)
    {
    }
    QString name() const override { return QStringLiteral("report"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--owner O] [--mode reached|strict] "
                                "[--by owner|field:KEY] [--format table|csv|json]"),
                 QStringLiteral("conversion funnel, time in stage, losses, goals; with --by field:KEY, the funnel of "
                                "each choice of a custom field; with --by owner, each owner's "
                                "open, weighted, won and lost deals and win rate"),
                 listingOptionDocs(docs())}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        const std::optional<QString> by = line.value(QStringLiteral("by"));
        const bool byField = by && by->startsWith(QLatin1String("field:"));
        if (by && *by != u"owner" && !byField) {
            return context.usage(QStringLiteral("report --by takes owner or field:KEY, not '%1'").arg(*by));
        }
        if (by && !byField && line.value(QStringLiteral("owner"))) {
            return context.usage(QStringLiteral("report --by owner shows every owner; leave --owner out"));
        }
        const QString format = line.value(QStringLiteral("format")).value_or(QStringLiteral("table"));
        const auto filter = reportFilter(context, line);
        if (!filter) {
            return ExitUsage;
        }
        const QString key = byField ? by->mid(6) : QString();
        if (byField && key.isEmpty()) {
            return context.usage(QStringLiteral("report --by field: needs a field's key, such as --by field:source "
                                                "(field list names them)"));
        }
        return
            [&context, byOwner = by.has_value() && !byField, key, filter = *filter, format](Pipeline& pipeline) -> int {
                if (!key.isEmpty()) {
                    return printByField(context, pipeline, filter, key, format);
                }
                if (byOwner) {
                    return printSplit(context, pipeline, filter, format);
                }
                Result<PipelineReport> report = pipeline.reports().report(filter);
                if (!report) {
                    return context.fail(report.error());
                }
                if (format == u"json") {
                    printOut(jsonText(PipelineReportFormat::json(report.value())));
                } else if (format == u"csv") {
                    return context.writeOutput(QStringLiteral("-"), [&](QIODevice* device) {
                        return PipelineReportFormat::writeCsv(device, report.value(), false);
                    });
                } else {
                    printOut(PipelineReportFormat::table(report.value()));
                }
                return ExitDone;
            };
    }

private:
    static OptionDocs docs()
    {
        OptionDocs options = reportFilterDocs();
        options.push_back({QStringLiteral("by"), QStringLiteral("owner|field:KEY"),
                           QStringLiteral("one line per owner, or one funnel per choice of a field")});
        return options;
    }
    // One funnel per choice of the field, then the deals without a value.
    static int printByField(Context& context, Pipeline& pipeline, const ReportFilter& filter, const QString& key,
                            const QString& format)
    {
        Result<std::vector<ReportService::FieldSegment>> segments = pipeline.reports().reportByField(filter, key);
        if (!segments) {
            return context.fail(segments.error());
        }
        const auto label = [](const QString& value) { return value.isEmpty() ? QStringLiteral("(none)") : value; };
        if (format == u"json") {
            QJsonArray array;
            for (const ReportService::FieldSegment& segment : segments.value()) {
                QJsonObject object;
                object[QStringLiteral("value")]
                    = segment.value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(segment.value);
                object[QStringLiteral("report")]
                    = QJsonDocument::fromJson(PipelineReportFormat::json(segment.report)).object();
                array.append(object);
            }
            QJsonObject root;
            root[QStringLiteral("field")] = key;
            root[QStringLiteral("segments")] = array;
            printOut(jsonText(QJsonDocument(root).toJson(QJsonDocument::Indented)));
        } else if (format == u"csv") {
            return context.writeOutput(QStringLiteral("-"), [&](QIODevice* device) {
                CsvWriter writer(device);
                writer.plain(QStringLiteral("field:") + key);
                for (const QString& column : PipelineReportFormat::csvHeader()) {
                    writer.plain(column);
                }
                bool ok = writer.endRow();
                for (const ReportService::FieldSegment& segment : segments.value()) {
                    for (const StageFigures& figures : segment.report.stages) {
                        writer.text(segment.value);
                        for (const QString& cell : PipelineReportFormat::csvRow(figures, segment.report.currency)) {
                            writer.text(cell);
                        }
                        ok = writer.endRow() && ok;
                    }
                }
                return ok;
            });
        } else {
            QString text;
            for (const ReportService::FieldSegment& segment : segments.value()) {
                text += QStringLiteral("== %1 = %2 (%3 deal%4)\n")
                            .arg(key, label(segment.value))
                            .arg(segment.report.deals)
                            .arg(segment.report.deals == 1 ? QString() : QStringLiteral("s"));
                text += PipelineReportFormat::table(segment.report) + QLatin1Char('\n');
            }
            printOut(text);
        }
        return ExitDone;
    }

    static int printSplit(Context& context, Pipeline& pipeline, const ReportFilter& filter, const QString& format)
    {
        Result<OwnerSplit> split = pipeline.reports().reportByOwner(filter);
        if (!split) {
            return context.fail(split.error());
        }
        if (format == u"json") {
            printOut(jsonText(OwnerSplitFormat::json(split.value())));
        } else if (format == u"csv") {
            return context.writeOutput(QStringLiteral("-"), [&](QIODevice* device) {
                return OwnerSplitFormat::writeCsv(device, split.value(), false);
            });
        } else {
            printOut(OwnerSplitFormat::table(split.value()));
        }
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeReportCommand()
{
    return std::make_unique<ReportCommand>();
}

} // namespace dealboard::cli
