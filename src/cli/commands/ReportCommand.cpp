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
    QString name() const override { return QStringLiteral("report"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--owner O] [--mode reached|strict] "
                                "[--format table|csv|json]"),
                 QStringLiteral("conversion funnel, time in stage, losses, goals"),
                 listingOptionDocs(reportFilterDocs())}};
    }
    int run(Context& context, const QStringList& arguments) override
    {
        int code = ExitDone;
        const auto line = parseListing(context, arguments, optionSpec(reportFilterDocs()), code);
        if (!line) {
            return code;
        }
        const QString format = line->value(QStringLiteral("format")).value_or(QStringLiteral("table"));
        const auto filter = reportFilter(context, *line);
        if (!filter) {
            return ExitUsage;
        }
        if (!context.openService()) {
            return ExitBadInput;
        }
        Result<PipelineReport> report = context.service().reports().report(*filter);
        if (!report) {
            return context.fail(report.error());
        }
        if (format == u"json") {
            printOut(QString::fromUtf8(PipelineReportFormat::json(report.value())));
        } else if (format == u"csv") {
            return context.writeOutput(QStringLiteral("-"), [&](QIODevice* device) {
                return PipelineReportFormat::writeCsv(device, report.value(), false);
            });
        } else {
            printOut(PipelineReportFormat::table(report.value()));
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
