// dealboard-cli forecast: open value by expected close month, weighted by the
// stages' win probabilities, beside what was won in each month.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "ForecastHistory.h"
#include "dealboard/Forecast.h"

#include <QJsonDocument>
#include <algorithm>

namespace dealboard::cli {

namespace {

OptionDocs docs()
{
    return {{QStringLiteral("owner"), QStringLiteral("O"), QStringLiteral("only this rep's deals")},
            {QStringLiteral("months"), QStringLiteral("N"),
             QStringLiteral("months from the current one (default %1, at most %2)")
                 .arg(Forecast::DefaultMonths)
                 .arg(Forecast::MaxMonths)},
            {QStringLiteral("format"), QStringLiteral("table|csv|json"), QStringLiteral("how to print it")}};
}

class ForecastCommand final : public Command
{
public:
    ForecastCommand()
        : Command(Reading::Listing)
    {
    }
    QString name() const override { return QStringLiteral("forecast"); }
    std::vector<CommandForm> forms() const override
    {
        std::vector<CommandForm> forms
            = {{QStringLiteral("[--owner O] [--months N] [--format table|csv|json]"),
                QStringLiteral("open value by expected close month (overdue, each month, later, no date), "
                               "weighted, and what was won in each month; per owner, team and currency"),
                docs()}};
        std::ranges::copy(forecastHistoryForms(), std::back_inserter(forms));
        return forms;
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        if (std::optional<Prepared> history = readForecastHistory(context, arguments)) {
            return *history;
        }
        return Command::read(context, arguments);
    }
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        int months = Forecast::DefaultMonths;
        if (const auto given = line.value(QStringLiteral("months"))) {
            bool number = false;
            months = given->toInt(&number);
            if (!number || months < 1 || months > Forecast::MaxMonths) {
                return context.usage(QStringLiteral("--months takes a whole number from 1 to %1, not '%2'")
                                         .arg(Forecast::MaxMonths)
                                         .arg(*given));
            }
        }
        return [&context, line, months](Pipeline& pipeline) -> int {
            Result<Forecast> forecast = pipeline.reports().forecast(line.value(QStringLiteral("owner")), months);
            if (!forecast) {
                return context.fail(forecast.error());
            }
            const Forecast& shown = forecast.value();
            return printReport(context, line,
                               {[&] { return ForecastFormat::json(shown); },
                                [&](QIODevice* device) { return ForecastFormat::writeCsv(device, shown); },
                                [&] { return ForecastFormat::table(shown); }});
        };
    }
};

} // namespace

std::unique_ptr<Command> makeForecastCommand()
{
    return std::make_unique<ForecastCommand>();
}

} // namespace dealboard::cli
