#pragma once

// The JSON shapes of dealboard-cli's --format json: one per record kind.
#include "dealboard/Contacts.h"
#include "dealboard/Deal.h"
#include "dealboard/Note.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <vector>

namespace dealboard::cli {

QJsonObject dealJson(const Deal& deal, const QDateTime& now);
QJsonObject historyJson(const HistoryEntry& entry);
QJsonObject organizationJson(const Organization& organization);
QJsonObject personJson(const Person& person);
QJsonObject activityJson(const Activity& activity);
QJsonObject noteJson(const Note& note);
// An activity's due day and, when it has one, time: "2026-03-16 09:30".
QString activityWhen(const Activity& activity);

template<typename Record> QJsonArray jsonArray(const std::vector<Record>& records, QJsonObject (*toJson)(const Record&))
{
    QJsonArray array;
    for (const Record& record : records) {
        array.append(toJson(record));
    }
    return array;
}

} // namespace dealboard::cli
