#include "Changes.h"

#include "dealboard/StoredTime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace dealboard::cli {

namespace {

QString valueInWords(const QJsonValue& value)
{
    if (value.isNull() || value.isUndefined()) {
        return QStringLiteral("none");
    }
    if (value.isString()) {
        return QStringLiteral("\"%1\"").arg(value.toString());
    }
    if (value.isDouble()) {
        // Money, ids and flags: whole numbers, far inside a double's exact range.
        return QString::number(value.toInteger());
    }
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

} // namespace

QJsonObject changeJson(const ChangeEntry& entry)
{
    QJsonObject object;
    object[QStringLiteral("id")] = entry.id;
    object[QStringLiteral("at")] = toStoredTime(entry.at);
    object[QStringLiteral("actor")] = entry.actor;
    object[QStringLiteral("table")] = entry.table;
    object[QStringLiteral("row")] = entry.row;
    object[QStringLiteral("deal")] = entry.deal ? QJsonValue(static_cast<qint64>(*entry.deal)) : QJsonValue();
    object[QStringLiteral("action")] = entry.action;
    object[QStringLiteral("changes")] = QJsonDocument::fromJson(entry.changes).object();
    return object;
}

QString changesInWords(const ChangeEntry& entry)
{
    const QJsonObject changes = QJsonDocument::fromJson(entry.changes).object();
    QStringList parts;
    for (auto field = changes.begin(); field != changes.end(); ++field) {
        if (entry.action == u"update" && field.value().isArray()) {
            const QJsonArray pair = field.value().toArray();
            parts << QStringLiteral("%1 %2 → %3").arg(field.key(), valueInWords(pair.at(0)), valueInWords(pair.at(1)));
        } else if (!(field.value().isString() && field.value().toString().isEmpty())
                   && !QStringList {QStringLiteral("id"), QStringLiteral("version"), QStringLiteral("updated_at")}
                           .contains(field.key())) {
            // A whole row in words: what it holds, without the empty fields
            // and the bookkeeping (the JSON form has every field).
            parts << QStringLiteral("%1 %2").arg(field.key(), valueInWords(field.value()));
        }
    }
    return parts.join(QStringLiteral("; "));
}

QStringList changeColumns(const ChangeEntry& entry)
{
    return {QString::number(entry.id), entry.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
            entry.actor.isEmpty() ? QStringLiteral("-") : entry.actor,
            QStringLiteral("%1 %2 %3").arg(entry.table, entry.row, entry.action), changesInWords(entry)};
}

} // namespace dealboard::cli
