#include "board/DealDetails.h"

#include "common/Numbers.h"
#include "dealboard/Money.h"
#include "dealboard/StoredTime.h"
#include "dealboard/TextRules.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <algorithm>

namespace dealboard::gui {

namespace {

// Stored text for HTML, with any character the text rules forbid written
// out, so that text stored before the rules cannot turn or hide what follows.
QString safe(const QString& text, bool lines = false)
{
    return TextRules::shown(text, lines).toHtmlEscaped();
}

QString link(const QString& kind, std::int64_t id, const QString& text)
{
    return QStringLiteral("<a href='%1:%2'>%3</a>").arg(kind).arg(id).arg(safe(text));
}

QString when(const QDateTime& at)
{
    return QLocale().toString(at.toLocalTime(), QStringLiteral("d MMM yyyy, HH:mm"));
}

QString day(const QDate& date)
{
    return QLocale().toString(date, QStringLiteral("ddd d MMM yyyy"));
}

QString days(qint64 count)
{
    return count == 1 ? QStringLiteral("1 day") : QStringLiteral("%L1 days").arg(count);
}

QString grey(const QString& text)
{
    return QStringLiteral("<span style='color:gray'>%1</span>").arg(text);
}

// An edit of the deal's own row in words ("Value 1,000.00 → 2,500.00 EUR;
// owner bob → anna"); empty for what the history shows already (stage,
// status) and for bookkeeping.
QString editInWords(const ChangeEntry& entry, const QString& currency)
{
    static const QHash<QString, QString> names = {
        {QStringLiteral("title"), QStringLiteral("Title")},
        {QStringLiteral("owner"), QStringLiteral("Owner")},
        {QStringLiteral("value_minor"), QStringLiteral("Value")},
        {QStringLiteral("currency"), QStringLiteral("Currency")},
        {QStringLiteral("expected_close"), QStringLiteral("Close date")},
        {QStringLiteral("willing"), QStringLiteral("Willing to buy")},
        {QStringLiteral("need"), QStringLiteral("Proven need")},
        {QStringLiteral("budget"), QStringLiteral("Budget")},
        {QStringLiteral("probability_percent"), QStringLiteral("Win probability")},
        {QStringLiteral("lost_reason"), QStringLiteral("Reason lost")},
    };
    const QJsonObject changes = QJsonDocument::fromJson(entry.changes).object();
    QStringList parts;
    for (auto field = changes.begin(); field != changes.end(); ++field) {
        const auto name = names.constFind(field.key());
        if (name == names.constEnd() || !field.value().isArray()) {
            continue;
        }
        const QJsonArray pair = field.value().toArray();
        const auto shown = [&](const QJsonValue& value) -> QString {
            if (value.isNull() || (value.isString() && value.toString().isEmpty())) {
                return QStringLiteral("none");
            }
            if (field.key() == u"value_minor") {
                return Numbers::amount(Money {value.toInteger(), currency});
            }
            if (field.key() == u"willing" || field.key() == u"need" || field.key() == u"budget") {
                return value.toInteger() != 0 ? QStringLiteral("yes") : QStringLiteral("no");
            }
            if (field.key() == u"probability_percent") {
                return QStringLiteral("%1 %").arg(value.toInteger());
            }
            return value.isString() ? TextRules::shown(value.toString()) : QString::number(value.toInteger());
        };
        parts << QStringLiteral("%1 %2 → %3").arg(name.value(), shown(pair.at(0)), shown(pair.at(1)));
    }
    return parts.join(QStringLiteral("; "));
}

QString statusChange(const HistoryEntry& entry)
{
    switch (entry.toStatus) {
    case DealStatus::Won:
        return QStringLiteral("Won");
    case DealStatus::Lost:
        return QStringLiteral("Lost");
    case DealStatus::Open:
        break;
    }
    return QStringLiteral("Reopened in %1").arg(stageName(entry.toStage));
}

} // namespace

QString lastEditBy(const std::vector<ChangeEntry>& changes, const QString& column)
{
    const ChangeEntry* found = nullptr;
    for (const ChangeEntry& entry : changes) { // oldest first: the last match is the newest
        if (entry.table != u"deals" || entry.action != u"update") {
            continue;
        }
        const bool names = QJsonDocument::fromJson(entry.changes).object().contains(column);
        if (names || found == nullptr || !QJsonDocument::fromJson(found->changes).object().contains(column)) {
            found = &entry;
        }
    }
    if (found == nullptr) {
        return {};
    }
    const QString who = found->actor.isEmpty() ? QStringLiteral("someone") : TextRules::shown(found->actor);
    return QStringLiteral("%1, %2").arg(who, when(found->at));
}

QString dealSummaryHtml(const DealStory& story, const QDateTime& now)
{
    const Deal* deal = story.deal;
    if (deal == nullptr) {
        return grey(QStringLiteral("Select a deal to see its whole story here."));
    }
    QString html = QStringLiteral("<b style='font-size:large'>%1</b><br>").arg(safe(deal->title));
    QStringList who;
    if (deal->organizationId > 0) {
        who << link(DetailsLink::Organization, deal->organizationId, deal->company);
    } else if (!deal->company.isEmpty()) {
        who << safe(deal->company);
    }
    if (deal->personId > 0) {
        who << link(DetailsLink::Person, deal->personId, deal->contactName);
    } else if (!deal->contactName.isEmpty()) {
        who << safe(deal->contactName);
    }
    if (!who.isEmpty()) {
        html += who.join(QStringLiteral(" · ")) + QStringLiteral("<br>");
    }
    QString place = deal->status == DealStatus::Open
        ? QStringLiteral("%1 for %2").arg(stageName(deal->stage), days(deal->daysInStage(now)))
        : deal->status == DealStatus::Won ? QStringLiteral("Won")
                                          : QStringLiteral("Lost in %1").arg(stageName(deal->stage));
    if (deal->status == DealStatus::Lost && !deal->lostReason.isEmpty()) {
        place += QStringLiteral(": ") + safe(deal->lostReason);
    }
    html += place;
    if (deal->status == DealStatus::Open) {
        const int percent = story.probabilities.forDeal(deal->stage, deal->probabilityPercent);
        html += grey(QStringLiteral(" · %1 %%2, weighted %3")
                         .arg(percent)
                         .arg(deal->probabilityPercent ? QStringLiteral(" (its own)") : QString())
                         .arg(Numbers::amount({deal->weightedMinor(story.probabilities), deal->value.currency})));
    }
    if (deal->originDealId > 0) {
        html += QStringLiteral("<br>Follow-up of ")
            + link(DetailsLink::Deal, deal->originDealId,
                   story.origin ? story.origin->title : QStringLiteral("deal %1").arg(deal->originDealId));
    }
    if (!story.followUps.empty()) {
        QStringList links;
        for (const auto& [id, title] : story.followUps) {
            links << link(DetailsLink::Deal, id, title);
        }
        html += QStringLiteral("<br>Follow-ups: ") + links.join(QStringLiteral(", "));
    }
    return html;
}

namespace {

// Each custom field with the deal's value, those its stage needs marked.
QString fieldsHtml(const DealStory& story, bool mayChange)
{
    if (story.fields.isEmpty()) {
        return {};
    }
    const Deal& deal = *story.deal;
    QString rows;
    for (const CustomField& field : story.fields.fields()) {
        const QString value = CustomFields::shown(field, fieldValueOf(deal.fieldValues, field.id));
        rows += QStringLiteral("%1: %2%3<br>")
                    .arg(safe(field.name), value.isEmpty() ? grey(QStringLiteral("\u2014")) : safe(value),
                         field.neededIn(deal.stage) ? grey(QStringLiteral(" · needed here")) : QString());
    }
    rows.chop(4);
    return QStringLiteral("<p><b>Fields</b>%1</p><p>%2</p>")
        .arg(mayChange ? QStringLiteral(" · ") + link(DetailsLink::Fields, deal.id, QStringLiteral("Edit\u2026"))
                       : QString(),
             rows);
}

// The deal's stage's steps, and earlier stages' required ones not ticked.
QString planHtml(const DealStory& story, bool mayChange)
{
    const Deal& deal = *story.deal;
    QString rows;
    for (const PlanStep& step : story.plan.steps()) {
        const bool ticked = isTicked(deal.planTicks, step.id);
        if (step.stage != deal.stage) {
            continue;
        }
        QString line = QStringLiteral("%1 %2").arg(ticked ? QStringLiteral("\u2611") : QStringLiteral("\u2610"),
                                                   safe(step.text));
        if (step.required) {
            line += grey(QStringLiteral(" · required to move on"));
        }
        if (mayChange) {
            line += QStringLiteral(" · ")
                + (ticked ? link(DetailsLink::Untick, step.id, QStringLiteral("Untick"))
                          : link(DetailsLink::Tick, step.id, QStringLiteral("Tick")));
        }
        rows += QStringLiteral("%1<br>").arg(line);
    }
    if (rows.isEmpty()) {
        return {};
    }
    rows.chop(4);
    return QStringLiteral("<p><b>Plan for %1</b></p><p>%2</p>").arg(stageName(deal.stage), rows);
}

} // namespace

QString dealTimelineHtml(const DealStory& story, const QDateTime& now, bool mayChange)
{
    if (story.deal == nullptr) {
        return {};
    }
    QString html = fieldsHtml(story, mayChange) + planHtml(story, mayChange);
    std::vector<const Activity*> planned;
    for (const Activity& activity : story.activities) {
        if (!activity.done) {
            planned.push_back(&activity);
        }
    }
    std::sort(planned.begin(), planned.end(), [](const Activity* a, const Activity* b) {
        return std::pair(a->dueDate, a->id) < std::pair(b->dueDate, b->id);
    });
    html
        += QStringLiteral("<p><b>Planned</b>%1</p>")
               .arg(mayChange ? QStringLiteral(" · ") + link(DetailsLink::Plan, story.deal->id, QStringLiteral("Plan…"))
                              : QString());
    if (planned.empty()) {
        html += QStringLiteral("<p>%1</p>").arg(grey(QStringLiteral("Nothing planned yet.")));
    }
    const QDate today = now.toLocalTime().date();
    for (const Activity* activity : planned) {
        const QString due = day(activity->dueDate)
            + (activity->dueTime.isValid() ? QLatin1Char(' ') + activity->dueTime.toString(QStringLiteral("HH:mm"))
                                           : QString());
        html += QStringLiteral("<p>%1: %2<br>%3%4")
                    .arg(activityKindName(activity->kind), safe(activity->subject),
                         activity->dueDate < today
                             ? QStringLiteral("<span style='color:#b3261e'>overdue since %1</span>").arg(due)
                             : grey(QStringLiteral("due %1").arg(due)),
                         activity->personName.isEmpty() ? QString()
                                                        : grey(QStringLiteral(" · ") + safe(activity->personName)));
        if (mayChange) {
            html += QStringLiteral("<br>%1 · %2")
                        .arg(link(DetailsLink::Complete, activity->id, QStringLiteral("Complete…")),
                             link(DetailsLink::Reschedule, activity->id, QStringLiteral("Reschedule…")));
        }
        html += QStringLiteral("</p>");
    }

    struct Item
    {
        QDateTime at;
        int order; // the same moment: notes above activities above stage changes
        qsizetype sequence; // of each kind, in the order it happened
        QString html;
    };
    std::vector<Item> items;
    for (auto it = story.notes.rbegin(); it != story.notes.rend(); ++it) { // oldest first
        const Note& note = *it;
        QString text = safe(note.text, true);
        text.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        items.push_back(
            {note.createdAt, 0, qsizetype(items.size()),
             QStringLiteral("<p>%1<br>%2%3</p>")
                 .arg(text,
                      grey(QStringLiteral("Note · %1%2")
                               .arg(when(note.createdAt),
                                    note.author.isEmpty() ? QString() : QStringLiteral(" · ") + safe(note.author))),
                      mayChange
                          ? QStringLiteral(" · ") + link(DetailsLink::DeleteNote, note.id, QStringLiteral("Delete"))
                          : QString())});
    }
    for (const Activity& activity : story.activities) {
        if (activity.done && activity.doneAt.isValid()) {
            items.push_back({activity.doneAt, 1, qsizetype(items.size()),
                             QStringLiteral("<p>%1: %2<br>%3</p>")
                                 .arg(activityKindName(activity.kind), safe(activity.subject),
                                      grey(QStringLiteral("Done · %1").arg(when(activity.doneAt))))});
        }
    }
    for (std::size_t i = 0; i < story.history.size(); ++i) {
        const HistoryEntry& entry = story.history[i];
        QString change;
        if (entry.undoes != 0) {
            // A row that undoes an undo is a redo: the step taken again.
            const bool redo
                = std::any_of(story.history.begin(), story.history.end(), [&entry](const HistoryEntry& other) {
                      return other.id == entry.undoes && other.undoes != 0;
                  });
            change = redo ? QStringLiteral("Redo: ") : QStringLiteral("Undo: ");
        }
        if (!entry.fromStage) {
            change = QStringLiteral("Created in %1").arg(stageName(entry.toStage));
        } else if (entry.fromStatus.value_or(DealStatus::Open) != entry.toStatus) {
            change += statusChange(entry);
        } else {
            change += QStringLiteral("%1 → %2").arg(stageName(*entry.fromStage), stageName(entry.toStage));
        }
        if (entry.undone) {
            change += QStringLiteral(" (undone)");
        }
        QString spent;
        if (i > 0 && entry.fromStage) {
            spent = QStringLiteral(" · after %1 in %2")
                        .arg(days(story.history[i - 1].at.daysTo(entry.at)), stageName(*entry.fromStage));
        }
        items.push_back({entry.at, 2, qsizetype(items.size()),
                         QStringLiteral("<p><i>%1</i><br>%2</p>")
                             .arg(change.toHtmlEscaped(),
                                  grey(when(entry.at)
                                       + (entry.actor.isEmpty() ? QString() : QStringLiteral(" · ") + safe(entry.actor))
                                       + spent))});
    }
    // Edits of the deal's facts, from the change log: who changed what.
    for (const ChangeEntry& entry : story.changes) {
        if (entry.table != u"deals" || entry.action != u"update") {
            continue;
        }
        const QString words = editInWords(entry, story.deal->value.currency);
        if (words.isEmpty()) {
            continue;
        }
        items.push_back(
            {entry.at, 3, qsizetype(items.size()),
             QStringLiteral("<p>%1<br>%2</p>")
                 .arg(words.toHtmlEscaped(),
                      grey(QStringLiteral("Edited · %1%2")
                               .arg(when(entry.at),
                                    entry.actor.isEmpty() ? QString() : QStringLiteral(" · ") + safe(entry.actor))))});
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        if (a.at != b.at) {
            return a.at > b.at;
        }
        return a.order != b.order ? a.order < b.order : a.sequence > b.sequence;
    });
    html += QStringLiteral("<p><b>History</b></p>");
    for (const Item& item : items) {
        html += item.html;
    }
    return html;
}

} // namespace dealboard::gui
