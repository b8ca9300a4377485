// dealboard-cli plan: the checklist a manager writes for each stage, and the
// ticks of a deal's steps.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/CsvWriter.h"
#include "dealboard/SystemUser.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonObject>

namespace dealboard::cli {

namespace {

std::optional<int> stepNumber(const QString& text)
{
    bool ok = false;
    const int number = text.trimmed().toInt(&ok);
    if (!ok || number < 1) {
        return std::nullopt;
    }
    return number;
}

QString noSuchStep(Stage stage, int number, const StagePlan& plan)
{
    const std::size_t count = plan.stepsOf(stage).size();
    if (count == 0) {
        return QStringLiteral("%1 has no plan yet; a manager adds steps with: plan add %2 \"send the proposal\"")
            .arg(stageName(stage), stageSlug(stage));
    }
    return QStringLiteral("%1's plan has %2 step%3; there is no step %4. See: plan list %5")
        .arg(stageName(stage))
        .arg(count)
        .arg(count == 1 ? QString() : QStringLiteral("s"))
        .arg(number)
        .arg(stageSlug(stage));
}

class PlanCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("plan"); }
    std::vector<CommandForm> forms() const override
    {
        const OptionDoc stage {QStringLiteral("stage"), QStringLiteral("STAGE"),
                               QStringLiteral("the step's stage (default: the deal's stage)")};
        const OptionDoc actor {QStringLiteral("actor"), QStringLiteral("NAME"),
                               QStringLiteral("who ticked it (default: $USER)")};
        return {{QStringLiteral("list [STAGE] [--format table|csv|json]"),
                 QStringLiteral("each stage's plan, its steps numbered from 1"),
                 {{QStringLiteral("format"), QStringLiteral("table|csv|json"), QStringLiteral("how to print it")}}},
                {QStringLiteral("add STAGE TEXT [--required]"),
                 QStringLiteral("add a step to the end of a stage's plan (a manager's)"),
                 {{QStringLiteral("required"), QString(),
                   QStringLiteral("a deal leaves the stage forward only with the step ticked")}}},
                {QStringLiteral("remove STAGE N"),
                 QStringLiteral("remove step N from a stage's plan (a manager's); its ticks stay in the change log"),
                 {}},
                {QStringLiteral("tick DEAL_ID N [--stage STAGE] [--actor NAME]"),
                 QStringLiteral("tick step N of the plan on a deal"),
                 {stage, actor}},
                {QStringLiteral("untick DEAL_ID N [--stage STAGE] [--actor NAME]"),
                 QStringLiteral("take a tick back (not a required step's while the deal is past its stage)"),
                 {stage, actor}}};
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        const QString sub = arguments.value(0);
        if (sub == u"list") {
            return listed(context, arguments.mid(1), {}, 1, list);
        }
        if (sub == u"add") {
            return parsed(context, arguments.mid(1), {{QStringLiteral("required"), false}}, add);
        }
        if (sub == u"remove") {
            return parsed(context, arguments.mid(1), {}, remove);
        }
        if (sub == u"tick" || sub == u"untick") {
            return parsed(context, arguments.mid(1), {{QStringLiteral("stage"), true}, {QStringLiteral("actor"), true}},
                          sub == u"tick" ? tick : untick);
        }
        return context.usage(QStringLiteral(
            "plan needs list, add, remove, tick or untick, such as: plan add contacting \"send the proposal\""));
    }

private:
    static Prepared list(Context& context, const CommandLine& line)
    {
        std::optional<Stage> only;
        if (!line.positionals().isEmpty()) {
            only = stageArgument(line.positionals().front());
            if (!only) {
                return context.usage(unknownStage(line.positionals().front()));
            }
        }
        return [=, &context](Pipeline& pipeline) -> int {
            Result<StagePlan> read = pipeline.reports().stagePlan();
            if (!read) {
                return context.fail(read.error());
            }
            Listing listing;
            listing.header
                = {QStringLiteral("STAGE"), QStringLiteral("N"), QStringLiteral("REQUIRED"), QStringLiteral("STEP")};
            listing.rightAligned = {1};
            QByteArray csv;
            QBuffer buffer(&csv);
            buffer.open(QIODevice::WriteOnly);
            CsvWriter writer(&buffer);
            writer.plain(QStringLiteral("stage")).plain(QStringLiteral("number")).plain(QStringLiteral("required"));
            writer.plain(QStringLiteral("text")).plain(QStringLiteral("id")).endRow();
            int count = 0;
            for (Stage stage : AllStages) {
                if (only && stage != *only) {
                    continue;
                }
                int number = 0;
                for (const PlanStep& step : read.value().stepsOf(stage)) {
                    ++number;
                    ++count;
                    listing.rows.push_back({stageSlug(stage), QString::number(number),
                                            step.required ? QStringLiteral("to leave") : QString(),
                                            elide(step.text, 60)});
                    QJsonObject object;
                    object[QStringLiteral("stage")] = stageSlug(stage);
                    object[QStringLiteral("number")] = number;
                    object[QStringLiteral("required")] = step.required;
                    object[QStringLiteral("text")] = step.text;
                    object[QStringLiteral("id")] = qint64(step.id);
                    listing.json.append(object);
                    writer.plain(stageSlug(stage)).plain(QString::number(number));
                    writer.plain(step.required ? QStringLiteral("yes") : QStringLiteral("no"));
                    writer.text(step.text).plain(QString::number(step.id)).endRow();
                }
            }
            listing.csv = [csv](QIODevice* device) { return device->write(csv) == csv.size(); };
            listing.countLine
                = QStringLiteral("%1 step%2\n").arg(count).arg(count == 1 ? QString() : QStringLiteral("s"));
            return printListing(context, line, listing);
        };
    }

    static Prepared add(Context& context, const CommandLine& line)
    {
        if (line.positionals().size() != 2) {
            return context.usage(QStringLiteral(
                "plan add needs a stage and the step's words, such as: plan add contacting \"send the proposal\""));
        }
        const std::optional<Stage> stage = stageArgument(line.positionals().front());
        if (!stage) {
            return context.usage(unknownStage(line.positionals().front()));
        }
        const QString text = line.positionals().at(1);
        const bool required = line.flag(QStringLiteral("required"));
        return [=, &context, stage = *stage](Pipeline& pipeline) -> int {
            Result<StagePlan> current = pipeline.reports().stagePlan();
            if (!current) {
                return context.fail(current.error());
            }
            Result<StagePlan> after
                = pipeline.reports().setStagePlan(current.value().withStep(stage, text, required), current.value());
            if (!after) {
                return context.fail(after.error());
            }
            const std::size_t number = after.value().stepsOf(stage).size();
            printOut(QStringLiteral("Step %1 of %2's plan: '%3'%4.\n")
                         .arg(number)
                         .arg(stageName(stage), text.trimmed(),
                              required ? QStringLiteral(", required to leave it") : QString()));
            return ExitDone;
        };
    }

    static Prepared remove(Context& context, const CommandLine& line)
    {
        const std::optional<Stage> stage
            = line.positionals().size() == 2 ? stageArgument(line.positionals().front()) : std::nullopt;
        const std::optional<int> number
            = line.positionals().size() == 2 ? stepNumber(line.positionals().at(1)) : std::nullopt;
        if (line.positionals().size() == 2 && !stage) {
            return context.usage(unknownStage(line.positionals().front()));
        }
        if (!stage || !number) {
            return context.usage(
                QStringLiteral("plan remove needs a stage and a step's number, such as: plan remove contacting 2"));
        }
        return [=, &context, stage = *stage, number = *number](Pipeline& pipeline) -> int {
            Result<StagePlan> current = pipeline.reports().stagePlan();
            if (!current) {
                return context.fail(current.error());
            }
            const std::optional<PlanStep> step = current.value().step(stage, number);
            if (!step) {
                return context.fail(makeError(ErrorCode::NotFound, noSuchStep(stage, number, current.value())));
            }
            if (Result<StagePlan> after
                = pipeline.reports().setStagePlan(current.value().without(step->id), current.value());
                !after) {
                return context.fail(after.error());
            }
            printOut(
                QStringLiteral("Removed step %1 '%2' from %3's plan.\n").arg(number).arg(step->text, stageName(stage)));
            return ExitDone;
        };
    }

    static Prepared tick(Context& context, const CommandLine& line) { return setTick(context, line, true); }
    static Prepared untick(Context& context, const CommandLine& line) { return setTick(context, line, false); }

    static Prepared setTick(Context& context, const CommandLine& line, bool ticked)
    {
        const QString verb = ticked ? QStringLiteral("tick") : QStringLiteral("untick");
        const std::optional<DealId> deal
            = line.positionals().size() == 2 ? parseId(line.positionals().front()) : std::nullopt;
        const std::optional<int> number
            = line.positionals().size() == 2 ? stepNumber(line.positionals().at(1)) : std::nullopt;
        if (!deal || !number) {
            return context.usage(
                QStringLiteral("plan %1 needs a deal id and a step's number, such as: plan %1 12 2").arg(verb));
        }
        std::optional<Stage> stage;
        if (const std::optional<QString> given = line.value(QStringLiteral("stage"))) {
            stage = stageArgument(*given);
            if (!stage) {
                return context.usage(unknownStage(*given));
            }
        }
        ActionOptions options;
        options.actor = line.value(QStringLiteral("actor")).value_or(systemUserName());
        return [=, &context](Pipeline& pipeline) -> int {
            Result<Deal> found = pipeline.deals().get(*deal);
            if (!found) {
                return context.fail(found.error());
            }
            Result<StagePlan> plan = pipeline.reports().stagePlan();
            if (!plan) {
                return context.fail(plan.error());
            }
            const Stage of = stage.value_or(found.value().stage);
            const std::optional<PlanStep> step = plan.value().step(of, *number);
            if (!step) {
                return context.fail(makeError(ErrorCode::NotFound, noSuchStep(of, *number, plan.value())));
            }
            Result<bool> changed = pipeline.deals().tickPlanStep(*deal, step->id, ticked, options);
            if (!changed) {
                return context.fail(changed.error());
            }
            printOut(QStringLiteral("%1 %2 on '%3'.\n")
                         .arg(step->describe(*number),
                              changed.value()
                                  ? (ticked ? QStringLiteral("ticked") : QStringLiteral("unticked"))
                                  : (ticked ? QStringLiteral("was already ticked") : QStringLiteral("was not ticked")),
                              found.value().title));
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makePlanCommand()
{
    return std::make_unique<PlanCommand>();
}

} // namespace dealboard::cli
