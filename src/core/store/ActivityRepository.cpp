// The activities table.
#include "dealboard/store/ActivityRepository.h"

#include "Database.h"
#include "RawQuery.h"
#include "StoreValues.h"
#include "dealboard/StoredTime.h"

#include <QSqlError>
#include <sqlite3.h>

namespace dealboard {

namespace {

const QString ActivityColumns = QStringLiteral(
    "SELECT a.id, a.deal_id, a.person_id, a.kind, a.subject, a.due_date, a.due_time, a.done, a.done_at, a.notes, "
    "a.created_at, d.title, COALESCE(p.name, '') FROM activities a JOIN deals d ON d.id = a.deal_id "
    "LEFT JOIN people p ON p.id = a.person_id");

Activity readActivity(const QSqlQuery& query)
{
    Activity activity;
    activity.id = query.value(0).toLongLong();
    activity.dealId = query.value(1).toLongLong();
    activity.personId = query.value(2).toLongLong();
    activity.kind = activityKindFromSlug(query.value(3).toString()).value_or(ActivityKind::Task);
    activity.subject = query.value(4).toString();
    activity.dueDate = fromStoredDate(query.value(5).toString());
    activity.dueTime = storedClockTime(query.value(6));
    activity.done = query.value(7).toBool();
    if (!query.value(8).isNull()) {
        activity.doneAt = storedMoment(query.value(8));
    }
    activity.notes = query.value(9).toString();
    activity.createdAt = storedMoment(query.value(10));
    activity.dealTitle = query.value(11).toString();
    activity.personName = query.value(12).toString();
    return activity;
}

} // namespace

ActivityRepository::ActivityRepository(Database& database)
    : m_database(database)
{
}

Result<std::vector<Activity>> ActivityRepository::list(const ActivityFilter& filter)
{
    QString sql = ActivityColumns + QStringLiteral(" WHERE 1 = 1");
    QVariantList values;
    if (filter.dealId > 0) {
        sql += QStringLiteral(" AND a.deal_id = ?");
        values << qint64(filter.dealId);
    }
    if (filter.personId > 0) {
        sql += QStringLiteral(" AND a.person_id = ?");
        values << qint64(filter.personId);
    }
    if (filter.openOnly) {
        sql += QStringLiteral(" AND a.done = 0");
    }
    if (filter.dueBefore.isValid()) {
        sql += QStringLiteral(" AND a.due_date < ?");
        values << toStoredDate(filter.dueBefore);
    }
    sql += QStringLiteral(" ORDER BY a.due_date, COALESCE(a.due_time, '24:00'), a.id");
    QSqlQuery& query = m_database.prepared(sql);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the activities"), query);
    }
    std::vector<Activity> result;
    while (query.next()) {
        result.push_back(readActivity(query));
    }
    query.finish();
    return result;
}

Result<std::optional<Activity>> ActivityRepository::find(ActivityId id)
{
    QSqlQuery& query = m_database.prepared(ActivityColumns + QStringLiteral(" WHERE a.id = ?"));
    query.addBindValue(qint64(id));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the activity"), query);
    }
    std::optional<Activity> found;
    if (query.next()) {
        found = readActivity(query);
    }
    query.finish();
    return found;
}

Result<void> ActivityRepository::insert(Activity& activity)
{
    RawQuery query(m_database,
                   "INSERT INTO activities (deal_id, person_id, kind, subject, due_date, due_time, done, done_at, "
                   "notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   RawQuery::Keep);
    query.bind(1, std::int64_t(activity.dealId));
    if (activity.personId > 0) {
        query.bind(2, std::int64_t(activity.personId));
    } else {
        query.bindNull(2);
    }
    query.bind(3, activityKindSlug(activity.kind));
    query.bind(4, nonNull(activity.subject));
    query.bind(5, toStoredDate(activity.dueDate));
    if (activity.dueTime.isValid()) {
        query.bind(6, activity.dueTime.toString(QStringLiteral("HH:mm")));
    } else {
        query.bindNull(6);
    }
    query.bind(7, std::int64_t(activity.done ? 1 : 0));
    if (activity.done && activity.doneAt.isValid()) {
        query.bind(8, toStoredTime(activity.doneAt));
    } else {
        query.bindNull(8);
    }
    query.bind(9, nonNull(activity.notes));
    query.bind(10, toStoredTime(activity.createdAt));
    activity.id = query.insert();
    if (activity.id == 0) {
        return m_database.rawError(QStringLiteral("save the activity"), query);
    }
    return {};
}

Result<void> ActivityRepository::update(const Activity& activity)
{
    QSqlQuery& query
        = m_database.prepared(QStringLiteral("UPDATE activities SET person_id = ?, kind = ?, subject = ?, "
                                             "due_date = ?, due_time = ?, done = ?, done_at = ?, notes = ? "
                                             "WHERE id = ?"));
    query.addBindValue(optionalId(activity.personId));
    query.addBindValue(activityKindSlug(activity.kind));
    query.addBindValue(nonNull(activity.subject));
    query.addBindValue(toStoredDate(activity.dueDate));
    query.addBindValue(toStoredClockTime(activity.dueTime));
    query.addBindValue(int(activity.done));
    query.addBindValue(activity.done && activity.doneAt.isValid() ? QVariant(toStoredTime(activity.doneAt))
                                                                  : QVariant(QMetaType::fromType<QString>()));
    query.addBindValue(nonNull(activity.notes));
    query.addBindValue(qint64(activity.id));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("save the activity"), query);
    }
    query.finish();
    return {};
}

Result<std::vector<std::pair<PersonId, QDate>>> ActivityRepository::touchDays(const QDate& since)
{
    // Stored times begin with their UTC date, the same as Activity::touchDate().
    const QString day = QStringLiteral("CASE WHEN done = 1 AND done_at IS NOT NULL THEN %1 ELSE due_date END")
                            .arg(m_database.dayOf(QStringLiteral("done_at")));
    const QByteArray sql = QStringLiteral("SELECT person_id, %1 FROM activities WHERE kind <> 'task' AND person_id "
                                          "IS NOT NULL AND %1 >= ?")
                               .arg(day)
                               .toUtf8();
    RawQuery query(m_database, sql.constData());
    query.bind(1, toStoredDate(since));
    std::vector<std::pair<PersonId, QDate>> touches;
    while (query.next()) {
        const std::string_view day = query.bytes(1);
        touches.emplace_back(query.int64(0),
                             fromStoredDate(QString::fromLatin1(day.data(), static_cast<qsizetype>(day.size()))));
    }
    if (query.failed()) {
        return m_database.rawError(QStringLiteral("read the touches"), query);
    }
    return touches;
}

Result<std::vector<std::pair<DealId, QDate>>> ActivityRepository::lastTouchOfOpenDeals()
{
    QSqlQuery& query = m_database.prepared(
        QStringLiteral("SELECT d.id, MAX(CASE WHEN a.done = 1 AND a.kind <> 'task' THEN a.done_at END) "
                       "FROM deals d LEFT JOIN activities a ON a.deal_id = d.id WHERE d.status = 'open' "
                       "GROUP BY d.id ORDER BY d.id"));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the deals' last touches"), query);
    }
    std::vector<std::pair<DealId, QDate>> result;
    while (query.next()) {
        const QVariant last = query.value(1);
        result.emplace_back(query.value(0).toLongLong(),
                            last.isNull() ? QDate() : fromStoredTime(last.toString()).date());
    }
    query.finish();
    return result;
}

} // namespace dealboard
