#include "Json.h"

#include "dealboard/Money.h"
#include "dealboard/StoredTime.h"

#include <type_traits>

namespace dealboard::cli {

namespace {

QJsonValue link(std::int64_t id)
{
    return id > 0 ? QJsonValue(qint64(id)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject dealJson(const Deal& deal, const QDateTime& now)
{
    QJsonObject object;
    object[QStringLiteral("id")] = qint64(deal.id);
    object[QStringLiteral("title")] = deal.title;
    object[QStringLiteral("company")] = deal.company;
    object[QStringLiteral("contact")] = deal.contactName;
    object[QStringLiteral("email")] = deal.email;
    object[QStringLiteral("phone")] = deal.phone;
    object[QStringLiteral("owner")] = deal.owner;
    object[QStringLiteral("stage")] = stageSlug(deal.stage);
    object[QStringLiteral("status")] = statusSlug(deal.status);
    object[QStringLiteral("value")] = formatDecimal(deal.value.minor, deal.value.currency);
    object[QStringLiteral("value_minor")] = qint64(deal.value.minor);
    object[QStringLiteral("currency")] = deal.value.currency;
    object[QStringLiteral("expected_close")]
        = deal.expectedClose.isValid() ? QJsonValue(toStoredDate(deal.expectedClose)) : QJsonValue(QJsonValue::Null);
    object[QStringLiteral("probability")] = deal.probabilityPercent
        ? QJsonValue(Probability::share(*deal.probabilityPercent))
        : QJsonValue(QJsonValue::Null);
    object[QStringLiteral("willing")] = deal.qualification.willing;
    object[QStringLiteral("need")] = deal.qualification.need;
    object[QStringLiteral("budget")] = deal.qualification.budget;
    object[QStringLiteral("lost_reason")] = deal.lostReason;
    object[QStringLiteral("created_at")] = toStoredTime(deal.createdAt);
    object[QStringLiteral("updated_at")] = toStoredTime(deal.updatedAt);
    object[QStringLiteral("stage_entered_at")] = toStoredTime(deal.stageEnteredAt);
    object[QStringLiteral("days_in_stage")] = deal.daysInStage(now);
    object[QStringLiteral("version")] = qint64(deal.version);
    object[QStringLiteral("organization_id")] = link(deal.organizationId);
    object[QStringLiteral("person_id")] = link(deal.personId);
    object[QStringLiteral("origin_deal_id")] = link(deal.originDealId);
    if (deal.nextActivity) {
        QJsonObject next;
        next[QStringLiteral("id")] = qint64(deal.nextActivity->id);
        next[QStringLiteral("type")] = activityKindSlug(deal.nextActivity->kind);
        next[QStringLiteral("subject")] = deal.nextActivity->subject;
        next[QStringLiteral("due_date")] = toStoredDate(deal.nextActivity->dueDate);
        next[QStringLiteral("due_time")] = deal.nextActivity->dueTime.isValid()
            ? QJsonValue(deal.nextActivity->dueTime.toString(QStringLiteral("HH:mm")))
            : QJsonValue(QJsonValue::Null);
        object[QStringLiteral("next_activity")] = next;
    } else {
        object[QStringLiteral("next_activity")] = QJsonValue(QJsonValue::Null);
    }
    return object;
}

QJsonObject historyJson(const HistoryEntry& entry)
{
    QJsonObject row;
    row[QStringLiteral("from")] = entry.fromStage ? QJsonValue(stageSlug(*entry.fromStage)) : QJsonValue::Null;
    row[QStringLiteral("to")] = stageSlug(entry.toStage);
    row[QStringLiteral("from_status")]
        = entry.fromStatus ? QJsonValue(statusSlug(*entry.fromStatus)) : QJsonValue::Null;
    row[QStringLiteral("to_status")] = statusSlug(entry.toStatus);
    row[QStringLiteral("at")] = toStoredTime(entry.at);
    row[QStringLiteral("actor")] = entry.actor;
    // A step taken back, and an undo's own row with the step it took back.
    row[QStringLiteral("undone")] = entry.undone;
    row[QStringLiteral("undoes")] = entry.undoes != 0 ? QJsonValue(qint64(entry.undoes)) : QJsonValue::Null;
    return row;
}

namespace {

// Organizations and people, one path: the keys ContactExport names, and a
// person's organization by id as well.
template<typename Record> QJsonObject contactJson(const Record& record)
{
    QJsonObject object;
    object[QStringLiteral("id")] = qint64(record.id);
    for (const auto& [name, value] : ContactExport<Record>::texts) {
        object[QLatin1String(name)] = record.*value;
    }
    object[QStringLiteral("tags")] = QJsonArray::fromStringList(record.tags);
    object[QStringLiteral("notes")] = record.notes;
    if constexpr (std::is_same_v<Record, Person>) {
        object[QStringLiteral("organization_id")] = link(record.organizationId);
    }
    return object;
}

} // namespace

QJsonObject organizationJson(const Organization& organization)
{
    return contactJson(organization);
}

QJsonObject personJson(const Person& person)
{
    return contactJson(person);
}

QJsonObject activityJson(const Activity& a)
{
    QJsonObject object;
    object[QStringLiteral("id")] = qint64(a.id);
    object[QStringLiteral("deal_id")] = qint64(a.dealId);
    object[QStringLiteral("deal_title")] = a.dealTitle;
    object[QStringLiteral("person_id")] = link(a.personId);
    object[QStringLiteral("person")] = a.personName;
    object[QStringLiteral("type")] = activityKindSlug(a.kind);
    object[QStringLiteral("subject")] = a.subject;
    object[QStringLiteral("due_date")] = toStoredDate(a.dueDate);
    object[QStringLiteral("due_time")]
        = a.dueTime.isValid() ? QJsonValue(a.dueTime.toString(QStringLiteral("HH:mm"))) : QJsonValue(QJsonValue::Null);
    object[QStringLiteral("done")] = a.done;
    object[QStringLiteral("done_at")]
        = a.done && a.doneAt.isValid() ? QJsonValue(toStoredTime(a.doneAt)) : QJsonValue(QJsonValue::Null);
    object[QStringLiteral("notes")] = a.notes;
    return object;
}

QJsonObject noteJson(const Note& n)
{
    QJsonObject object;
    object[QStringLiteral("id")] = qint64(n.id);
    object[QStringLiteral("deal_id")] = qint64(n.dealId);
    object[QStringLiteral("deal_title")] = n.dealTitle;
    object[QStringLiteral("author")] = n.author;
    object[QStringLiteral("created_at")] = toStoredTime(n.createdAt);
    object[QStringLiteral("text")] = n.text;
    return object;
}

QString activityWhen(const Activity& a)
{
    return toStoredDate(a.dueDate)
        + (a.dueTime.isValid() ? QLatin1Char(' ') + a.dueTime.toString(QStringLiteral("HH:mm")) : QString());
}

} // namespace dealboard::cli
