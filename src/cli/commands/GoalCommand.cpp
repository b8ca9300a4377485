// dealboard-cli goal: a stage's conversion and time goals.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"

#include <cmath>

namespace dealboard::cli {

namespace {

class GoalCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("goal"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("STAGE [--conversion 0.25|none] [--median-days 14|none]"),
                 QStringLiteral("set or clear a stage's goal"),
                 {{QStringLiteral("conversion"), QStringLiteral("0.25|none"),
                   QStringLiteral("the share that should reach the next stage")},
                  {QStringLiteral("median-days"), QStringLiteral("14|none"),
                   QStringLiteral("the median days a deal should spend in the stage")}}}};
    }

protected:
    Prepared prepare(Context& context, const CommandLine& line) override
    {
        if (line.positionals().size() != 1) {
            return context.usage(
                QStringLiteral("goal needs a stage, such as: goal qualifying --conversion 0.4 --median-days 10"));
        }
        const auto stage = stageArgument(line.positionals().front());
        if (!stage) {
            return context.usage(unknownStage(line.positionals().front()));
        }
        if (!line.has(QStringLiteral("conversion")) && !line.has(QStringLiteral("median-days"))) {
            return context.usage(
                QStringLiteral("goal needs --conversion and/or --median-days (a number, or none to clear)"));
        }
        return [&context, line, stage = *stage](Pipeline& pipeline) { return setGoal(context, pipeline, line, stage); };
    }

private:
    static int setGoal(Context& context, Pipeline& pipeline, const CommandLine& line, Stage stage)
    {
        Result<StageGoals> goals = pipeline.reports().stageGoals();
        if (!goals) {
            return context.fail(goals.error());
        }
        StageGoal goal = goals.value()[stageIndex(stage)];
        if (const auto text = line.value(QStringLiteral("conversion"))) {
            if (text->trimmed() == u"none") {
                goal.targetConversion.reset();
            } else {
                bool ok = false;
                const double value = text->trimmed().toDouble(&ok);
                if (!ok || !std::isfinite(value)) {
                    return context.fail(
                        makeError(ErrorCode::InvalidInput,
                                  QStringLiteral("'%1' is not a share; write 0.25 for 25 %, or none.").arg(*text)));
                }
                goal.targetConversion = value;
            }
        }
        if (const auto text = line.value(QStringLiteral("median-days"))) {
            if (text->trimmed() == u"none") {
                goal.targetMedianDays.reset();
            } else {
                bool ok = false;
                const int value = text->trimmed().toInt(&ok);
                if (!ok) {
                    return context.fail(
                        makeError(ErrorCode::InvalidInput,
                                  QStringLiteral("'%1' is not a whole number of days, or none.").arg(*text)));
                }
                goal.targetMedianDays = value;
            }
        }
        if (Result<void> saved = pipeline.reports().setStageGoal(stage, goal); !saved) {
            return context.fail(saved.error());
        }
        printOut(
            QStringLiteral("Goal for %1: conversion to next %2, median days %3.\n")
                .arg(stageName(stage),
                     goal.targetConversion ? PipelineReportFormat::rate(goal.targetConversion) : QStringLiteral("none"),
                     goal.targetMedianDays ? QString::number(*goal.targetMedianDays) : QStringLiteral("none")));
        return ExitDone;
    }
};

} // namespace

std::unique_ptr<Command> makeGoalCommand()
{
    return std::make_unique<GoalCommand>();
}

} // namespace dealboard::cli
