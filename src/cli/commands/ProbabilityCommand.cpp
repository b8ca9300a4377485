// dealboard-cli probability: the stages' win probabilities a manager sets.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"

#include <QJsonArray>
#include <QJsonObject>

namespace dealboard::cli {

namespace {

class ProbabilityCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("probability"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("set STAGE 0.35|35%|default"),
                 QStringLiteral("set a stage's win probability (a manager's), or back to its default"),
                 {}},
                {QStringLiteral("list [--format table|csv|json]"),
                 QStringLiteral("each stage's win probability, and whether it is the default"),
                 {{QStringLiteral("format"), QStringLiteral("table|csv|json"), QStringLiteral("how to print it")}}}};
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        const QString sub = arguments.value(0);
        if (sub == u"set") {
            return parsed(context, arguments.mid(1), {}, set);
        }
        if (sub == u"list") {
            return listed(context, arguments.mid(1), {}, 0, list);
        }
        return context.usage(QStringLiteral("probability needs set or list, such as: probability set negotiation 0.5"));
    }

private:
    static Prepared set(Context& context, const CommandLine& line)
    {
        if (line.positionals().size() != 2) {
            return context.usage(
                QStringLiteral("probability set needs a stage and a probability, such as: probability set "
                               "negotiation 0.5 (or default)"));
        }
        const auto stage = stageArgument(line.positionals().front());
        if (!stage) {
            return context.usage(unknownStage(line.positionals().front()));
        }
        std::optional<int> percent;
        const QString given = line.positionals().at(1).trimmed();
        if (given != u"default") {
            Result<int> parsed = Probability::parse(given);
            if (!parsed) {
                return context.fail(parsed.error());
            }
            percent = parsed.value();
        }
        return [=, &context](Pipeline& pipeline) -> int {
            if (Result<void> saved = pipeline.reports().setProbability(*stage, percent); !saved) {
                return context.fail(saved.error());
            }
            printOut(percent ? QStringLiteral("Win probability of %1: %2 %.\n").arg(stageName(*stage)).arg(*percent)
                             : QStringLiteral("Win probability of %1: back to its default, %2 %.\n")
                                   .arg(stageName(*stage))
                                   .arg(stageInfo(*stage).winProbabilityPercent));
            return ExitDone;
        };
    }

    static Prepared list(Context& context, const CommandLine& line)
    {
        return [=, &context](Pipeline& pipeline) -> int {
            Result<StageProbabilities> read = pipeline.reports().probabilities();
            if (!read) {
                return context.fail(read.error());
            }
            const StageProbabilities& probabilities = read.value();
            Listing listing;
            listing.header = {QStringLiteral("STAGE"), QStringLiteral("PROBABILITY"), QStringLiteral("SET BY")};
            listing.rightAligned = {1};
            for (Stage stage : AllStages) {
                const QString source
                    = probabilities.isSet(stage) ? QStringLiteral("manager") : QStringLiteral("default");
                listing.rows.push_back({stageSlug(stage), Probability::share(probabilities.percent(stage)), source});
                QJsonObject object;
                object[QStringLiteral("stage")] = stageSlug(stage);
                object[QStringLiteral("probability")] = Probability::share(probabilities.percent(stage));
                object[QStringLiteral("set_by")] = source;
                listing.json.append(object);
            }
            listing.csv = [&](QIODevice* device) {
                QByteArray text = "stage,probability,set_by\r\n";
                for (const QStringList& row : listing.rows) {
                    text += row.join(QLatin1Char(',')).toUtf8() + "\r\n";
                }
                return device->write(text) == text.size();
            };
            return printListing(context, line, listing);
        };
    }
};

} // namespace

std::unique_ptr<Command> makeProbabilityCommand()
{
    return std::make_unique<ProbabilityCommand>();
}

} // namespace dealboard::cli
