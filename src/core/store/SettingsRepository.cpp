// Settings and the segments' rules.
#include "dealboard/store/SettingsRepository.h"

#include "Database.h"
#include "KeyedRows.h"

#include <QSqlError>
#include <map>

namespace dealboard {

SettingsRepository::SettingsRepository(Database& database)
    : m_database(database)
{
}

Result<std::optional<QString>> SettingsRepository::value(const QString& key)
{
    QSqlQuery& query = m_database.prepared(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    query.addBindValue(key);
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the settings"), query);
    }
    std::optional<QString> value;
    if (query.next()) {
        value = query.value(0).toString();
    }
    query.finish();
    return value;
}

Result<void> SettingsRepository::save(const QString& key, const QString& value)
{
    // Updated in place, so that the change log says what it was before.
    QSqlQuery& insert = m_database.prepared(QStringLiteral(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    insert.addBindValue(key);
    insert.addBindValue(value);
    if (!insert.exec()) {
        return m_database.storageError(QStringLiteral("save the setting"), insert);
    }
    insert.finish();
    return {};
}

Result<std::vector<Segment>> SettingsRepository::segments()
{
    std::map<QString, Segment> byTag;
    const std::pair<const char*, int Segment::*> counts[] = {
        {"SELECT tag, COUNT(*) FROM organization_tags GROUP BY tag", &Segment::organizations},
        {"SELECT tag, COUNT(*) FROM person_tags GROUP BY tag", &Segment::people},
    };
    for (const auto& [sql, member] : counts) {
        QSqlQuery& query = m_database.prepared(QString::fromLatin1(sql));
        if (!query.exec()) {
            return m_database.storageError(QStringLiteral("read the segments"), query);
        }
        while (query.next()) {
            Segment& segment = byTag[query.value(0).toString()];
            segment.tag = query.value(0).toString();
            segment.*member = query.value(1).toInt();
        }
        query.finish();
    }
    QSqlQuery& rules = m_database.prepared(QStringLiteral("SELECT tag, min_touch_days FROM segment_rules"));
    if (!rules.exec()) {
        return m_database.storageError(QStringLiteral("read the segments"), rules);
    }
    while (rules.next()) {
        Segment& segment = byTag[rules.value(0).toString()];
        segment.tag = rules.value(0).toString();
        segment.minTouchDays = rules.value(1).toInt();
    }
    rules.finish();
    std::vector<Segment> result;
    for (auto& [tag, segment] : byTag) {
        result.push_back(std::move(segment));
    }
    return result;
}

Result<void> SettingsRepository::saveSegmentRule(const QString& tag, std::optional<int> minTouchDays)
{
    if (!minTouchDays) {
        return removeKeyedRow(m_database, "segment_rules", {QStringLiteral("tag")}, {tag},
                              QStringLiteral("save the segment's rule"));
    }
    QSqlQuery& insert = m_database.prepared(
        QStringLiteral("INSERT INTO segment_rules (tag, min_touch_days) VALUES (?, ?) "
                       "ON CONFLICT (tag) DO UPDATE SET min_touch_days = excluded.min_touch_days"));
    insert.addBindValue(tag);
    insert.addBindValue(*minTouchDays);
    if (!insert.exec()) {
        return m_database.storageError(QStringLiteral("save the segment's rule"), insert);
    }
    insert.finish();
    return {};
}

} // namespace dealboard
