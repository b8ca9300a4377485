#pragma once

// How the store binds and reads values that SQL keeps as NULL or text.
#include "dealboard/StoredTime.h"

#include <QDateTime>
#include <QString>
#include <QTime>
#include <QVariant>
#include <cstdint>

namespace dealboard {

// Qt binds a null QString as SQL NULL; the text columns are NOT NULL ''.
inline QString nonNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

inline QVariant nullableText(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

// A link to another row: 0 means none, stored as NULL.
inline QVariant optionalId(std::int64_t id)
{
    return id > 0 ? QVariant(qint64(id)) : QVariant(QMetaType::fromType<qint64>());
}

// Clock times of activities are "HH:MM" text, NULL for "any time that day".
inline QTime storedClockTime(const QVariant& value)
{
    return value.isNull() ? QTime() : QTime::fromString(value.toString(), QStringLiteral("HH:mm"));
}

// A moment as a row holds it: a file's stored text, or the QDateTime a
// server's timestamptz arrives as (in local time, which its text would lose).
inline QDateTime storedMoment(const QVariant& value)
{
    if (value.metaType().id() == QMetaType::QDateTime) {
        return value.toDateTime().toUTC();
    }
    return fromStoredTime(value.toString());
}

inline QVariant toStoredClockTime(const QTime& time)
{
    return time.isValid() ? QVariant(time.toString(QStringLiteral("HH:mm"))) : QVariant(QMetaType::fromType<QString>());
}

// Case folding as SQLite's lower() does it (ASCII only), so that what the
// store merges and what its unique indexes compare agree.
inline QString asciiLower(const QString& text)
{
    QString folded = text;
    for (QChar& c : folded) {
        if (c.unicode() >= 'A' && c.unicode() <= 'Z') {
            c = QChar(c.unicode() + ('a' - 'A'));
        }
    }
    return folded;
}

} // namespace dealboard
