// dealboard-cli show: one deal, every fact and its history.
#include "../Context.h"
#include "../DealActionCommand.h"
#include "../Json.h"
#include "../Output.h"
#include "Commands.h"
#include "dealboard/StoredTime.h"

#include <QJsonDocument>
#include <algorithm>

namespace dealboard::cli {

namespace {

// A row that undoes an undo is a redo: the step taken again.
QString historyLine(const HistoryEntry& entry, const std::vector<HistoryEntry>& history)
{
    QString change;
    if (!entry.fromStage) {
        change = QStringLiteral("created in %1").arg(stageName(entry.toStage));
    } else if (entry.fromStage != entry.toStage) {
        change = QStringLiteral("%1 -> %2").arg(stageName(*entry.fromStage), stageName(entry.toStage));
    } else {
        change = QStringLiteral("%1 -> %2 in %3")
                     .arg(statusSlug(entry.fromStatus.value_or(DealStatus::Open)), statusSlug(entry.toStatus),
                          stageName(entry.toStage));
    }
    if (entry.fromStage && entry.fromStage != entry.toStage && entry.toStatus != entry.fromStatus) {
        change += QStringLiteral(" (%1)").arg(statusSlug(entry.toStatus));
    }
    if (entry.undoes != 0) {
        const bool redo = std::any_of(history.begin(), history.end(), [&entry](const HistoryEntry& other) {
            return other.id == entry.undoes && other.undoes != 0;
        });
        change = (redo ? QStringLiteral("redo: ") : QStringLiteral("undo: ")) + change;
    }
    if (entry.undone) {
        change += QStringLiteral(" (undone)");
    }
    return QStringLiteral("  %1  %2%3\n")
        .arg(toStoredTime(entry.at), change,
             entry.actor.isEmpty() ? QString() : QStringLiteral("  by %1").arg(oneLine(entry.actor)));
}

// The plan's steps of a deal: every step of its stage, and those it ticked
// in other stages.
std::vector<PlanStep> stepsShown(const Deal& deal, const StagePlan& plan)
{
    std::vector<PlanStep> shown;
    for (const PlanStep& step : plan.steps()) {
        if (step.stage == deal.stage || isTicked(deal.planTicks, step.id)) {
            shown.push_back(step);
        }
    }
    return shown;
}

QString planText(const Deal& d, const StagePlan& plan)
{
    const std::vector<PlanStep> shown = stepsShown(d, plan);
    if (shown.empty()) {
        return {}; // no plan asks anything of this deal
    }
    QString text = QStringLiteral("Plan:\n");
    for (const PlanStep& step : shown) {
        text += QStringLiteral("  [%1] %2%3\n")
                    .arg(isTicked(d.planTicks, step.id) ? QLatin1Char('x') : QLatin1Char(' '))
                    .arg(oneLine(step.describe(plan.numberOf(step.id))),
                         step.required ? QStringLiteral(" (required to leave %1)").arg(stageName(step.stage))
                                       : QString());
    }
    return text;
}

QJsonArray planJson(const Deal& d, const StagePlan& plan)
{
    QJsonArray steps;
    for (const PlanStep& step : stepsShown(d, plan)) {
        QJsonObject object;
        object[QStringLiteral("stage")] = stageSlug(step.stage);
        object[QStringLiteral("number")] = plan.numberOf(step.id);
        object[QStringLiteral("text")] = step.text;
        object[QStringLiteral("required")] = step.required;
        object[QStringLiteral("ticked")] = isTicked(d.planTicks, step.id);
        steps.append(object);
    }
    return steps;
}

// Every custom field with the deal's value ("-": none), those its stage
// needs marked.
QString fieldsText(const Deal& d, const CustomFields& fields)
{
    if (fields.isEmpty()) {
        return {};
    }
    QString text = QStringLiteral("Fields:\n");
    for (const CustomField& field : fields.fields()) {
        const QString value = CustomFields::shown(field, fieldValueOf(d.fieldValues, field.id));
        text += QStringLiteral("  %1 %2%3\n")
                    .arg(oneLine(field.name).leftJustified(15), value.isEmpty() ? QStringLiteral("-") : oneLine(value),
                         field.neededIn(d.stage) ? QStringLiteral("  (needed in %1)").arg(stageName(d.stage))
                                                 : QString());
    }
    return text;
}

// The custom fields by key, as files write them; null where none.
QJsonObject fieldsJson(const Deal& d, const CustomFields& fields)
{
    QJsonObject object;
    for (const CustomField& field : fields.fields()) {
        const QString value = fieldValueOf(d.fieldValues, field.id);
        object[field.key]
            = value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(CustomFields::written(field, value));
    }
    return object;
}

QString dealText(const Deal& d, const std::vector<HistoryEntry>& history, const QDateTime& now)
{
    QString text;
    // Every stored text on one line: a line break in a title is shown, never a line of its own.
    text += QStringLiteral("Deal %1: %2\n").arg(d.id).arg(oneLine(d.title));
    auto field = [&text](const char* name, const QString& value) {
        text += QStringLiteral("  %1 %2\n")
                    .arg(QString::fromLatin1(name).leftJustified(15),
                         value.isEmpty() ? QStringLiteral("-") : oneLine(value));
    };
    field("Company:", d.company);
    field("Contact:", d.contactName);
    field("Email:", d.email);
    field("Phone:", d.phone);
    field("Owner:", d.owner);
    field("Stage:", QStringLiteral("%1 (%2 days)").arg(stageName(d.stage)).arg(d.daysInStage(now)));
    field("Status:", statusSlug(d.status) + (d.lostReason.isEmpty() ? QString() : QStringLiteral(": ") + d.lostReason));
    field("Value:", formatForPeople(d.value));
    field("Expected close:", toStoredDate(d.expectedClose));
    if (d.probabilityPercent) {
        field("Probability:", QStringLiteral("%1 % (its own, above its stage's)").arg(*d.probabilityPercent));
    }
    field("Qualification:",
          QStringLiteral("willing %1, need %2, budget %3")
              .arg(yesNo(d.qualification.willing), yesNo(d.qualification.need), yesNo(d.qualification.budget)));
    if (d.originDealId > 0) {
        field("Follow-up of:", QStringLiteral("deal %1").arg(d.originDealId));
    }
    field("Next activity:",
          d.nextActivity ? QStringLiteral("%1 %2 \"%3\"")
                               .arg(toStoredDate(d.nextActivity->dueDate), activityKindSlug(d.nextActivity->kind),
                                    d.nextActivity->subject)
                         : QStringLiteral("none planned"));
    field("Version:", QString::number(d.version));
    text += QStringLiteral("History:\n");
    for (const HistoryEntry& entry : history) {
        text += historyLine(entry, history);
    }
    return text;
}

class ShowCommand final : public DealActionCommand
{
public:
    ShowCommand()
        : DealActionCommand(1, false)
    {
    }
    QString name() const override { return QStringLiteral("show"); }
    std::vector<CommandForm> forms() const override
    {
        return {{QStringLiteral("ID [--format text|json]"),
                 QString(),
                 {{QStringLiteral("format"), QStringLiteral("text|json"), QStringLiteral("how to print it")}}}};
    }

protected:
    QString shape() const override { return QStringLiteral("show needs exactly one deal id"); }
    Prepared act(Context& context, const DealAction& action) override
    {
        const QString format = action.line.value(QStringLiteral("format")).value_or(QStringLiteral("text"));
        if (format != u"text" && format != u"json") {
            return context.usage(QStringLiteral("unknown format '%1' (use text or json)").arg(format));
        }
        return [&context, id = action.id, format](Pipeline& pipeline) -> int {
            Result<Deal> deal = pipeline.deals().get(id);
            if (!deal) {
                return context.fail(deal.error());
            }
            Result<std::vector<HistoryEntry>> history = pipeline.deals().history(id);
            if (!history) {
                return context.fail(history.error());
            }
            Result<StageRules> rules = pipeline.reports().stageRules();
            if (!rules) {
                return context.fail(rules.error());
            }
            const StagePlan& plan = rules.value().plan();
            const QDateTime now = pipeline.now();
            if (format == u"json") {
                QJsonObject object = dealJson(deal.value(), now);
                object[QStringLiteral("plan")] = planJson(deal.value(), plan);
                object[QStringLiteral("fields")] = fieldsJson(deal.value(), rules.value().fields());
                QJsonArray rows;
                for (const HistoryEntry& entry : history.value()) {
                    rows.append(historyJson(entry));
                }
                object[QStringLiteral("history")] = rows;
                printJson(QJsonDocument(object));
                return ExitDone;
            }
            printOut(dealText(deal.value(), history.value(), now) + fieldsText(deal.value(), rules.value().fields())
                     + planText(deal.value(), plan));
            return ExitDone;
        };
    }
};

} // namespace

std::unique_ptr<Command> makeShowCommand()
{
    return std::make_unique<ShowCommand>();
}

} // namespace dealboard::cli
