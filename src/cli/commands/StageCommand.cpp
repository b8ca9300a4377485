// dealboard-cli stage: the pipeline's stages, what a deal needs in each, and
// when a deal is marked as stalling in each.
#include "../Arguments.h"
#include "../Context.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/CsvWriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <variant>

namespace dealboard::cli {

namespace {

QString markSource(StallMarks::Source source)
{
    switch (source) {
    case StallMarks::Source::Learned:
        return QStringLiteral("learned");
    case StallMarks::Source::TooFewDeals:
        return QStringLiteral("learned, too few deals");
    case StallMarks::Source::Fixed:
        return QStringLiteral("fixed");
    case StallMarks::Source::BuiltIn:
        break;
    }
    return QStringLiteral("built in");
}

// The codes of the facts whose rule is `moment` of `stage`; with the gate's.
QStringList factsAt(const StageRules& rules, Stage stage, RuleMoment moment)
{
    QStringList codes;
    if (moment == RuleMoment::Leave && stage == Stage::Qualifying) {
        codes << QStringLiteral("willing") << QStringLiteral("need") << QStringLiteral("budget");
    }
    for (const StageRule& rule : rules.rules()) {
        if (rule.stage == stage && rule.moment == moment) {
            codes << requirementCode(rule.requirement);
        }
    }
    for (const CustomField& field : rules.fields().fields()) {
        if (field.neededFrom == stage && field.neededToLeave == (moment == RuleMoment::Leave)) {
            codes << QStringLiteral("field:%1").arg(field.key);
        }
    }
    if (moment == RuleMoment::Leave) {
        int number = 0;
        for (const PlanStep& step : rules.plan().stepsOf(stage)) {
            ++number;
            if (step.required) {
                codes << QStringLiteral("plan:%1").arg(number);
            }
        }
    }
    return codes;
}

QString pointsOf(const StageRules& rules, Stage stage)
{
    QStringList points;
    if (const QStringList enter = factsAt(rules, stage, RuleMoment::Enter); !enter.isEmpty()) {
        points << QStringLiteral("enter: %1").arg(enter.join(QStringLiteral(", ")));
    }
    if (const QStringList leave = factsAt(rules, stage, RuleMoment::Leave); !leave.isEmpty()) {
        points << QStringLiteral("leave: %1").arg(leave.join(QStringLiteral(", ")));
    }
    return points.join(QStringLiteral("; "));
}

class StageCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("stage"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("list [--format table|csv|json]"),
                 QStringLiteral("the stages in order, and after how many days a deal in each is marked as stalling"),
                 {{QStringLiteral("format"), QStringLiteral("table|csv|json"), QStringLiteral("how to print it")}}},
                {QStringLiteral("stall STAGE --days N|--learned|--built-in"),
                 QStringLiteral("when a deal is marked as stalling in a stage (a manager's): after N days (0: "
                                "never), after longer than 8 in 10 of the team's deals stayed there in the last 180 "
                                "days, or the stage's built-in days"),
                 {{QStringLiteral("days"), QStringLiteral("N"),
                   QStringLiteral("fixed days; with --learned, the days used while fewer than 20 deals are behind "
                                  "the learned figure")},
                  {QStringLiteral("learned"), QString(), QStringLiteral("learn the days from the team's history")},
                  {QStringLiteral("built-in"), QString(), QStringLiteral("back to the stage's built-in days")}}},
                {QStringLiteral("require STAGE --to-enter|--to-leave FACT"),
                 QStringLiteral("a fact every deal needs from that point of the pipeline on (a manager's): value, "
                                "close_date, contact (an organization or person), activity (a next activity "
                                "planned; asked on entering a stage), field:KEY (a custom field), or plan:N (step N of "
                                "the stage's plan "
                                "ticked; to leave only). A fact needed elsewhere moves here"),
                 {{QStringLiteral("to-enter"), QStringLiteral("FACT"), QStringLiteral("needed to enter the stage")},
                  {QStringLiteral("to-leave"), QStringLiteral("FACT"),
                   QStringLiteral("needed to leave the stage forward")}}},
                {QStringLiteral("unrequire STAGE --to-enter|--to-leave FACT"),
                 QStringLiteral("the fact is needed nowhere any more (a manager's)"),
                 {{QStringLiteral("to-enter"), QStringLiteral("FACT"), QStringLiteral("as it was required")},
                  {QStringLiteral("to-leave"), QStringLiteral("FACT"), QStringLiteral("as it was required")}}}};
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        const QString sub = arguments.value(0);
        if (sub == u"list") {
            return listed(context, arguments.mid(1), {}, 0, list);
        }
        if (sub == u"stall") {
            return parsed(context, arguments.mid(1),
                          {{QStringLiteral("days"), true},
                           {QStringLiteral("learned"), false},
                           {QStringLiteral("built-in"), false}},
                          stall);
        }
        if (sub == u"require" || sub == u"unrequire") {
            return parsed(context, arguments.mid(1),
                          {{QStringLiteral("to-enter"), true}, {QStringLiteral("to-leave"), true}},
                          sub == u"require" ? require : unrequire);
        }
        return context.usage(QStringLiteral(
            "stage needs list, stall, require or unrequire, such as: stage require negotiation --to-enter contact"));
    }

private:
    // STAGE --to-enter|--to-leave FACT, read into a rule.
    static std::variant<StageRule, Prepared> ruleArgument(Context& context, const CommandLine& line, const char* verb)
    {
        const std::optional<QString> enter = line.value(QStringLiteral("to-enter"));
        const std::optional<QString> leave = line.value(QStringLiteral("to-leave"));
        if (line.positionals().size() != 1 || enter.has_value() == leave.has_value()) {
            return context.usage(QStringLiteral("stage %1 needs one stage and one of --to-enter FACT or --to-leave "
                                                "FACT, such as: stage %1 negotiation --to-enter contact")
                                     .arg(QLatin1String(verb)));
        }
        const std::optional<Stage> stage = stageArgument(line.positionals().front());
        if (!stage) {
            return context.usage(unknownStage(line.positionals().front()));
        }
        const QString fact = (enter ? *enter : *leave).trimmed().toLower();
        const std::optional<Requirement> requirement = requirementFromCode(fact);
        if (!requirement) {
            return context.usage(QStringLiteral("unknown fact '%1'; a stage can require value, close_date, contact "
                                                "or activity")
                                     .arg(enter ? *enter : *leave));
        }
        return StageRule {*requirement, *stage, enter ? RuleMoment::Enter : RuleMoment::Leave};
    }

    static Prepared require(Context& context, const CommandLine& line) { return setRule(context, line, true); }
    static Prepared unrequire(Context& context, const CommandLine& line) { return setRule(context, line, false); }

    // stage require (`needed`) or unrequire.
    static Prepared setRule(Context& context, const CommandLine& line, bool needed)
    {
        const QString fact = line.value(QStringLiteral("to-enter"))
                                 .value_or(line.value(QStringLiteral("to-leave")).value_or(QString()))
                                 .trimmed()
                                 .toLower();
        if (fact.startsWith(QLatin1String("plan:"))) {
            return setPlanRule(context, line, needed);
        }
        if (fact.startsWith(QLatin1String("field:"))) {
            return setFieldRule(context, line, needed);
        }
        std::variant<StageRule, Prepared> read = ruleArgument(context, line, needed ? "require" : "unrequire");
        if (Prepared* refused = std::get_if<Prepared>(&read)) {
            return std::move(*refused);
        }
        const StageRule rule = std::get<StageRule>(read);
        return [=, &context](Pipeline& pipeline) -> int {
            Result<bool> changed
                = needed ? pipeline.reports().requireFact(rule) : pipeline.reports().unrequireFact(rule);
            if (!changed) {
                return context.fail(changed.error());
            }
            const QString now = changed.value() ? QStringLiteral("is now") : QStringLiteral("was already");
            printOut(needed
                         ? QStringLiteral("%1 %2 needed %3, and in every stage after it.\n")
                               .arg(requirementCode(rule.requirement), now, rule.pointText())
                         : QStringLiteral("%1 %2 needed in no stage.\n").arg(requirementCode(rule.requirement), now));
            return ExitDone;
        };
    }

    // stage require|unrequire STAGE --to-leave plan:N: step N of the stage's
    // plan is (or is no longer) required to leave it.
    static Prepared setPlanRule(Context& context, const CommandLine& line, bool needed)
    {
        const char* verb = needed ? "require" : "unrequire";
        if (line.positionals().size() != 1 || line.value(QStringLiteral("to-enter"))) {
            return context.usage(QStringLiteral("a step of a stage's plan is required to leave its stage: stage %1 "
                                                "contacting --to-leave plan:1")
                                     .arg(QLatin1String(verb)));
        }
        const std::optional<Stage> stage = stageArgument(line.positionals().front());
        if (!stage) {
            return context.usage(unknownStage(line.positionals().front()));
        }
        const QString given = line.value(QStringLiteral("to-leave")).value_or(QString()).trimmed();
        bool ok = false;
        const int number = given.mid(5).toInt(&ok);
        if (!ok || number < 1) {
            return context.usage(
                QStringLiteral("'%1' names no step; plan:N takes the step's number in the stage's plan (plan list "
                               "%2)")
                    .arg(given, stageSlug(*stage)));
        }
        return [=, &context, stage = *stage](Pipeline& pipeline) -> int {
            Result<StagePlan> current = pipeline.reports().stagePlan();
            if (!current) {
                return context.fail(current.error());
            }
            std::optional<PlanStep> step = current.value().step(stage, number);
            if (!step) {
                return context.fail(makeError(
                    ErrorCode::NotFound,
                    QStringLiteral("%1's plan has no step %2; see: plan list %3, or add one with: plan add %3 TEXT")
                        .arg(stageName(stage))
                        .arg(number)
                        .arg(stageSlug(stage))));
            }
            const bool changed = step->required != needed;
            if (changed) {
                if (Result<StagePlan> after
                    = pipeline.reports().setStagePlan(current.value().withRequired(step->id, needed), current.value());
                    !after) {
                    return context.fail(after.error());
                }
            }
            printOut(QStringLiteral("%1 %2 %3 to leave %4.\n")
                         .arg(step->describe(number),
                              changed ? QStringLiteral("is now") : QStringLiteral("was already"),
                              needed ? QStringLiteral("required") : QStringLiteral("not required"), stageName(stage)));
            return ExitDone;
        };
    }

    // stage require|unrequire STAGE --to-enter|--to-leave field:KEY: a custom
    // field is (or is no longer) needed from that point on.
    static Prepared setFieldRule(Context& context, const CommandLine& line, bool needed)
    {
        const bool enter = line.value(QStringLiteral("to-enter")).has_value();
        if (line.positionals().size() != 1 || enter == line.value(QStringLiteral("to-leave")).has_value()) {
            return context.usage(QStringLiteral("stage %1 needs a stage and one of --to-enter or --to-leave, such as: "
                                                "stage %1 negotiation --to-enter field:source")
                                     .arg(needed ? QStringLiteral("require") : QStringLiteral("unrequire")));
        }
        const std::optional<Stage> stage = stageArgument(line.positionals().front());
        if (!stage) {
            return context.usage(unknownStage(line.positionals().front()));
        }
        const QString key
            = line.value(enter ? QStringLiteral("to-enter") : QStringLiteral("to-leave"))->trimmed().mid(6);
        if (const QString why = CustomFields::whyNotNeeded(*stage, !enter); needed && !why.isEmpty()) {
            return context.usage(why);
        }
        return [=, &context, stage = *stage](Pipeline& pipeline) -> int {
            Result<CustomFields> current = pipeline.reports().customFields();
            if (!current) {
                return context.fail(current.error());
            }
            std::optional<CustomField> field = current.value().byKey(key);
            if (!field) {
                return context.fail(makeError(
                    ErrorCode::NotFound,
                    QStringLiteral("There is no field '%1'; see: field list, or add one with: field add").arg(key)));
            }
            const CustomField before = *field;
            if (needed) {
                field->neededFrom = stage;
                field->neededToLeave = !enter;
            } else {
                field->neededFrom.reset();
                field->neededToLeave = false;
            }
            const bool changed = *field != before;
            if (changed) {
                if (Result<CustomFields> after
                    = pipeline.reports().setCustomFields(current.value().with(*field), current.value());
                    !after) {
                    return context.fail(after.error());
                }
            }
            const QString now = changed ? QStringLiteral("is now") : QStringLiteral("was already");
            printOut(needed ? QStringLiteral("field:%1 %2 needed %3, and in every stage after it.\n")
                                  .arg(key, now, field->neededText())
                            : QStringLiteral("field:%1 %2 needed in no stage.\n").arg(key, now));
            return ExitDone;
        };
    }

    static Prepared stall(Context& context, const CommandLine& line)
    {
        if (line.positionals().size() != 1) {
            return context.usage(
                QStringLiteral("stage stall needs one stage, such as: stage stall negotiation --days 21"));
        }
        const std::optional<Stage> stage = stageArgument(line.positionals().front());
        if (!stage) {
            return context.usage(unknownStage(line.positionals().front()));
        }
        const bool builtIn = line.flag(QStringLiteral("built-in"));
        const bool learned = line.flag(QStringLiteral("learned"));
        const std::optional<QString> days = line.value(QStringLiteral("days"));
        if (builtIn && (learned || days)) {
            return context.usage(QStringLiteral("--built-in goes alone: it clears the stage's mark"));
        }
        if (!builtIn && !learned && !days) {
            return context.usage(QStringLiteral("stage stall needs --days N, --learned or --built-in"));
        }
        std::optional<StallRule> rule;
        if (!builtIn) {
            rule = StallRule {learned, std::nullopt};
            if (days) {
                bool ok = false;
                const int value = days->trimmed().toInt(&ok);
                if (!ok) {
                    return context.usage(
                        QStringLiteral("--days takes a whole number of days (0: never), not '%1'").arg(*days));
                }
                rule->days = value;
            }
        }
        return [=, &context, stage = *stage](Pipeline& pipeline) -> int {
            std::optional<StallRule> wanted = rule;
            if (wanted && wanted->learned && !wanted->days) {
                // Learning keeps the fixed days already set as its fallback.
                Result<StallMarks> marks = pipeline.reports().stallMarks();
                if (!marks) {
                    return context.fail(marks.error());
                }
                wanted->days = marks.value().rule(stage).days;
            }
            if (Result<void> saved = pipeline.reports().setStallRule(stage, wanted); !saved) {
                return context.fail(saved.error());
            }
            Result<StallMarks> marks = pipeline.reports().stallMarks();
            if (!marks) {
                return context.fail(marks.error());
            }
            printOut(QStringLiteral("Stall mark of %1: %2.\n").arg(stageName(stage), marks.value().describe(stage)));
            return ExitDone;
        };
    }

    static Prepared list(Context& context, const CommandLine& line)
    {
        return [=, &context](Pipeline& pipeline) -> int {
            Result<StallMarks> read = pipeline.reports().stallMarks();
            if (!read) {
                return context.fail(read.error());
            }
            const StallMarks& marks = read.value();
            Result<StageRules> ruled = pipeline.reports().stageRules();
            if (!ruled) {
                return context.fail(ruled.error());
            }
            const StageRules& rules = ruled.value();
            Listing listing;
            listing.header = {QStringLiteral("KEY"), QStringLiteral("NAME"), QStringLiteral("STALLING AFTER"),
                              QStringLiteral("MARK"), QStringLiteral("NEEDED")};
            listing.rightAligned = {2};
            QByteArray csv = "key,name,position,stall_days,stall_mark,learned_from_deals,learned_days,fixed_days,"
                             "learned_from_stays,to_enter,to_leave\r\n";
            int position = 0;
            for (Stage stage : AllStages) {
                ++position;
                const int days = marks.days(stage);
                const StageStays& stays = marks.stays[stageIndex(stage)];
                const bool learns = marks.rule(stage).learned;
                listing.rows.push_back({stageSlug(stage), stageName(stage),
                                        marks.never(stage) ? QStringLiteral("never") : QStringLiteral("%1 d").arg(days),
                                        marks.describe(stage), pointsOf(rules, stage)});
                QJsonObject object;
                object[QStringLiteral("key")] = stageSlug(stage);
                object[QStringLiteral("name")] = stageName(stage);
                object[QStringLiteral("position")] = position;
                object[QStringLiteral("stall_days")] = days;
                object[QStringLiteral("never")] = marks.never(stage);
                object[QStringLiteral("stall_mark")] = markSource(marks.source(stage));
                object[QStringLiteral("fixed_days")] = marks.fixedDays(stage);
                if (learns) {
                    object[QStringLiteral("learned_from_deals")] = stays.deals;
                    object[QStringLiteral("learned_from_stays")] = stays.stays;
                    object[QStringLiteral("learned_days")]
                        = stays.deals > 0 ? QJsonValue(stays.percentileDays) : QJsonValue();
                }
                QJsonArray needs;
                for (Requirement requirement : rules.neededIn(stage)) {
                    needs.append(requirementCode(requirement));
                }
                object[QStringLiteral("needs")] = needs;
                object[QStringLiteral("to_enter")]
                    = QJsonArray::fromStringList(factsAt(rules, stage, RuleMoment::Enter));
                object[QStringLiteral("to_leave")]
                    = QJsonArray::fromStringList(factsAt(rules, stage, RuleMoment::Leave));
                listing.json.append(object);
                csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9\r\n")
                           .arg(stageSlug(stage), CsvWriter::quoted(stageName(stage)))
                           .arg(position)
                           .arg(days)
                           .arg(CsvWriter::quoted(markSource(marks.source(stage))),
                                learns ? QString::number(stays.deals) : QString(),
                                learns && stays.deals > 0 ? QString::number(stays.percentileDays) : QString())
                           .arg(marks.fixedDays(stage))
                           .arg(learns ? QString::number(stays.stays) : QString())
                           .toUtf8();
                csv.chop(2);
                csv += QStringLiteral(",%1,%2\r\n")
                           .arg(factsAt(rules, stage, RuleMoment::Enter).join(u' '),
                                factsAt(rules, stage, RuleMoment::Leave).join(u' '))
                           .toUtf8();
            }
            listing.csv = [csv](QIODevice* device) { return device->write(csv) == csv.size(); };
            return printListing(context, line, listing);
        };
    }
};

} // namespace

std::unique_ptr<Command> makeStageCommand()
{
    return std::make_unique<StageCommand>();
}

} // namespace dealboard::cli
