// dealboard-cli forecast snapshot | accuracy | slipped: the forecast's daily
// snapshots, how right it was, and the deals whose close dates kept slipping.
#include "ForecastHistory.h"

#include "../Context.h"
#include "../Output.h"
#include "dealboard/ForecastAccuracy.h"
#include "dealboard/Pipeline.h"

namespace dealboard::cli {

namespace {

OptionDoc ownerDoc()
{
    return {QStringLiteral("owner"), QStringLiteral("O"), QStringLiteral("only this rep's")};
}

OptionDoc formatDoc()
{
    return {QStringLiteral("format"), QStringLiteral("table|csv|json"), QStringLiteral("how to print it")};
}

OptionDoc monthsDoc()
{
    return {QStringLiteral("months"), QStringLiteral("N"),
            QStringLiteral("months before the current one (default %1, at most %2)")
                .arg(ForecastAccuracy::DefaultMonths)
                .arg(ForecastAccuracy::MaxMonths)};
}

Prepared snapshot(Context& context, const CommandLine& line)
{
    if (!line.positionals().isEmpty()) {
        return context.usage(QStringLiteral("unexpected argument '%1'").arg(line.positionals().front()));
    }
    return [&context](Pipeline& pipeline) -> int {
        Result<bool> taken = pipeline.accuracy().takeSnapshot();
        if (!taken) {
            return context.fail(taken.error());
        }
        const QString day = pipeline.now().toLocalTime().date().toString(Qt::ISODate);
        printOut(taken.value()
                     ? QStringLiteral("Took the forecast's snapshot of %1\n").arg(day)
                     : QStringLiteral("The forecast's snapshot of %1 was taken already; a day keeps one\n").arg(day));
        return ExitDone;
    };
}

Prepared accuracy(Context& context, const CommandLine& line)
{
    int months = ForecastAccuracy::DefaultMonths;
    if (const auto given = line.value(QStringLiteral("months"))) {
        bool number = false;
        months = given->toInt(&number);
        if (!number || months < 1 || months > ForecastAccuracy::MaxMonths) {
            return context.usage(QStringLiteral("--months takes a whole number from 1 to %1, not '%2'")
                                     .arg(ForecastAccuracy::MaxMonths)
                                     .arg(*given));
        }
    }
    return [&context, line, months](Pipeline& pipeline) -> int {
        Result<ForecastAccuracy> read = pipeline.accuracy().accuracy(months, line.value(QStringLiteral("owner")));
        if (!read) {
            return context.fail(read.error());
        }
        const ForecastAccuracy& shown = read.value();
        return printReport(context, line,
                           {[&] { return AccuracyFormat::json(shown); },
                            [&](QIODevice* device) { return AccuracyFormat::writeCsv(device, shown); },
                            [&] { return AccuracyFormat::table(shown); }});
    };
}

Prepared slipped(Context& context, const CommandLine& line)
{
    return [&context, line](Pipeline& pipeline) -> int {
        Result<SlippedDeals> read = pipeline.accuracy().slipped(line.value(QStringLiteral("owner")));
        if (!read) {
            return context.fail(read.error());
        }
        const SlippedDeals& shown = read.value();
        return printReport(context, line,
                           {[&] { return AccuracyFormat::slippedJson(shown); },
                            [&](QIODevice* device) { return AccuracyFormat::writeSlippedCsv(device, shown); },
                            [&] { return AccuracyFormat::slippedTable(shown); }});
    };
}

// Command's parsers, reached from outside a command.
class Parsing final : public Command
{
public:
    QString name() const override { return QStringLiteral("forecast"); }
    std::vector<CommandForm> forms() const override { return forecastHistoryForms(); }
    using Command::listed;
    using Command::parsed;
};

} // namespace

std::vector<CommandForm> forecastHistoryForms()
{
    return {{QStringLiteral("snapshot"),
             QStringLiteral("store today's forecast, by month, per owner and for the team (a manager's on a "
                            "server; one a day, the board takes it when it opens)"),
             {}},
            {QStringLiteral("accuracy [--months N] [--owner O] [--format table|csv|json]"),
             QStringLiteral("what the forecast said of each past month 90, 60 and 30 days ahead against what was "
                            "won, claimed beside empirical, team and per owner"),
             {monthsDoc(), ownerDoc(), formatDoc()}},
            {QStringLiteral("slipped [--owner O] [--format table|csv|json]"),
             QStringLiteral("open deals whose expected close date moved later two or more times: how often, how far"),
             {ownerDoc(), formatDoc()}}};
}

std::optional<Prepared> readForecastHistory(Context& context, const QStringList& arguments)
{
    const QString sub = arguments.value(0);
    if (sub == u"snapshot") {
        return Parsing::parsed(context, arguments.mid(1), {}, snapshot);
    }
    if (sub == u"accuracy") {
        return Parsing::listed(context, arguments.mid(1), optionSpec({monthsDoc(), ownerDoc()}), 0, accuracy);
    }
    if (sub == u"slipped") {
        return Parsing::listed(context, arguments.mid(1), optionSpec({ownerDoc()}), 0, slipped);
    }
    return std::nullopt;
}

} // namespace dealboard::cli
