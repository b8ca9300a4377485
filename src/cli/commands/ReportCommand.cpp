// dealboard-cli report: conversion funnel, time in stage, losses, goals.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "CommonOptions.h"
#include "ReportOptions.h"

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
                                "[--by owner] [--format table|csv|json]"),
                 QStringLiteral("conversion funnel, time in stage, losses, goals; with --by owner, each owner's "
                                "open, weighted, won and lost deals and win rate"),
                 listingOptionDocs(docs())}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        const std::optional<QString> by = line.value(QStringLiteral("by"));
        if (by && *by != u"owner") {
            return context.usage(QStringLiteral("report --by takes owner, not '%1'").arg(*by));
        }
        if (by && line.value(QStringLiteral("owner"))) {
            return context.usage(QStringLiteral("report --by owner shows every owner; leave --owner out"));
        }
        const QString format = line.value(QStringLiteral("format")).value_or(QStringLiteral("table"));
        const auto filter = reportFilter(context, line);
        if (!filter) {
            return ExitUsage;
        }
        return [&context, byOwner = by.has_value(), filter = *filter, format](Pipeline& pipeline) -> int {
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
        options.push_back({QStringLiteral("by"), QStringLiteral("owner"), QStringLiteral("one line per owner")});
        return options;
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
