#pragma once

// How a deal row is selected and read, shared by the deal reads, the deal
// writes and the report queries: the columns, the filter's conditions, and
// stage and status from what SQLite stores.
#include "StoreValues.h"
#include "dealboard/Filters.h"
#include "dealboard/StoredTime.h"

#include <QSqlQuery>
#include <QStringList>
#include <string_view>

namespace dealboard::rows {

inline const QString StageNumber = QStringLiteral(
    "CASE %1 WHEN 'prospecting' THEN 1 WHEN 'qualifying' THEN 2 WHEN 'contacting' THEN 3 WHEN 'relationship' THEN 4 "
    "WHEN 'negotiation' THEN 5 WHEN 'closing' THEN 6 WHEN 'retention' THEN 7 ELSE 1 END");
inline const QString StatusNumber = QStringLiteral("CASE %1 WHEN 'won' THEN 1 WHEN 'lost' THEN 2 ELSE 0 END");

inline Stage stageFromNumber(int number)
{
    return number >= 1 && number <= StageCount ? static_cast<Stage>(number) : Stage::Prospecting;
}

// Stage and status from their stored slugs, by the letters that tell them
// apart (the schema's CHECK constraints allow nothing else).
inline Stage stageFromSlugBytes(std::string_view slug)
{
    if (slug.size() < 3) {
        return Stage::Prospecting;
    }
    switch (slug[0]) {
    case 'q':
        return Stage::Qualifying;
    case 'c':
        return slug[1] == 'o' ? Stage::Contacting : Stage::Closing;
    case 'r':
        return slug[2] == 'l' ? Stage::Relationship : Stage::Retention;
    case 'n':
        return Stage::Negotiation;
    default:
        return Stage::Prospecting;
    }
}

inline DealStatus statusFromSlugBytes(std::string_view slug)
{
    if (slug.empty()) {
        return DealStatus::Open;
    }
    return slug[0] == 'w' ? DealStatus::Won : slug[0] == 'l' ? DealStatus::Lost : DealStatus::Open;
}

// Adds the filter's conditions (bound, in order) and the order by id to a
// deals query that ends in "WHERE 1 = 1"; returns the values to bind.
inline QStringList appendFilter(QString& sql, const DealFilter& filter)
{
    QStringList values;
    if (filter.stage) {
        sql += QStringLiteral(" AND d.stage = ?");
        values << stageSlug(*filter.stage);
    }
    if (!filter.owner.isEmpty()) {
        sql += QStringLiteral(" AND d.owner = ?");
        values << filter.owner;
    }
    if (!filter.statuses.empty()) {
        QStringList marks;
        for (DealStatus status : filter.statuses) {
            marks << QStringLiteral("?");
            values << statusSlug(status);
        }
        sql += QStringLiteral(" AND d.status IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    sql += QStringLiteral(" ORDER BY d.id");
    return values;
}

// A deal's win probability in SQL, as StageProbabilities::forDeal: its own,
// else its stage's setting, else the stage's default. Needs the deal as `d`
// and "LEFT JOIN stage_probabilities sp ON sp.stage = d.stage".
inline QString effectiveProbability()
{
    QString defaults = QStringLiteral("CASE d.stage");
    for (Stage stage : AllStages) {
        // Our own constants, not user input.
        defaults
            += QStringLiteral(" WHEN '%1' THEN %2").arg(stageSlug(stage)).arg(stageInfo(stage).winProbabilityPercent);
    }
    defaults += QStringLiteral(" ELSE 0 END");
    return QStringLiteral("COALESCE(d.probability_percent, sp.percent, %1)").arg(defaults);
}
inline const QString StageProbabilityJoin = QStringLiteral(" LEFT JOIN stage_probabilities sp ON sp.stage = d.stage");

inline DealStatus statusFromNumber(int number)
{
    return number == 1 ? DealStatus::Won : number == 2 ? DealStatus::Lost : DealStatus::Open;
}

// A deal as read: its row, its organization and person, and its next activity
// (the earliest one not done). The subquery is one index seek per deal.
inline const QString DealSelect = QStringLiteral(
    "SELECT d.id, d.title, COALESCE(o.name, ''), COALESCE(p.name, ''), COALESCE(p.email, ''), COALESCE(p.phone, ''), "
    "d.owner, d.stage, d.status, d.value_minor, d.currency, d.expected_close, d.willing, d.need, d.budget, "
    "d.lost_reason, d.created_at, d.updated_at, d.stage_entered_at, d.version, d.organization_id, d.person_id, "
    "d.origin_deal_id, a.id, a.kind, a.subject, a.due_date, a.due_time, "
    "(SELECT COUNT(*) + COALESCE(SUM(y.done), 0) FROM activities y WHERE y.deal_id = d.id), d.probability_percent "
    "FROM deals d LEFT JOIN organizations o ON o.id = d.organization_id LEFT JOIN people p ON p.id = d.person_id "
    "LEFT JOIN activities a ON a.id = (SELECT x.id FROM activities x WHERE x.deal_id = d.id AND x.done = 0 "
    "ORDER BY x.due_date, COALESCE(x.due_time, '24:00'), x.id LIMIT 1)");

inline Deal readDeal(const QSqlQuery& query)
{
    Deal deal;
    deal.id = query.value(0).toLongLong();
    deal.title = query.value(1).toString();
    deal.company = query.value(2).toString();
    deal.contactName = query.value(3).toString();
    deal.email = query.value(4).toString();
    deal.phone = query.value(5).toString();
    deal.owner = query.value(6).toString();
    deal.stage = stageFromSlug(query.value(7).toString()).value_or(Stage::Prospecting);
    deal.status = statusFromSlug(query.value(8).toString()).value_or(DealStatus::Open);
    deal.value.minor = query.value(9).toLongLong();
    deal.value.currency = query.value(10).toString();
    deal.expectedClose = fromStoredDate(query.value(11).toString());
    deal.qualification.willing = query.value(12).toBool();
    deal.qualification.need = query.value(13).toBool();
    deal.qualification.budget = query.value(14).toBool();
    deal.lostReason = query.value(15).toString();
    deal.createdAt = fromStoredTime(query.value(16).toString());
    deal.updatedAt = fromStoredTime(query.value(17).toString());
    deal.stageEnteredAt = fromStoredTime(query.value(18).toString());
    deal.version = query.value(19).toLongLong();
    deal.organizationId = query.value(20).toLongLong();
    deal.personId = query.value(21).toLongLong();
    deal.originDealId = query.value(22).toLongLong();
    if (!query.value(23).isNull()) {
        NextActivity next;
        next.id = query.value(23).toLongLong();
        next.kind = activityKindFromSlug(query.value(24).toString()).value_or(ActivityKind::Task);
        next.subject = query.value(25).toString();
        next.dueDate = fromStoredDate(query.value(26).toString());
        next.dueTime = storedClockTime(query.value(27));
        deal.nextActivity = std::move(next);
    }
    deal.activityStamp = query.value(28).toLongLong();
    if (!query.value(29).isNull()) {
        deal.probabilityPercent = query.value(29).toInt();
    }
    return deal;
}

inline HistoryEntry readHistory(const QSqlQuery& query)
{
    HistoryEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.dealId = query.value(1).toLongLong();
    if (!query.value(2).isNull()) {
        entry.fromStage = stageFromSlug(query.value(2).toString());
    }
    entry.toStage = stageFromSlug(query.value(3).toString()).value_or(Stage::Prospecting);
    if (!query.value(4).isNull()) {
        entry.fromStatus = statusFromSlug(query.value(4).toString());
    }
    entry.toStatus = statusFromSlug(query.value(5).toString()).value_or(DealStatus::Open);
    entry.at = fromStoredTime(query.value(6).toString());
    entry.actor = query.value(7).toString();
    if (!query.value(8).isNull()) {
        entry.enteredBefore = fromStoredTime(query.value(8).toString());
    }
    entry.reasonBefore = query.value(9).toString();
    entry.undone = query.value(10).toInt() != 0;
    entry.undoes = query.value(11).toLongLong();
    return entry;
}

} // namespace dealboard::rows
