#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>
#include <string_view>

namespace dealboard {

// How times and calendar dates are written to the database and files:
// "2026-11-27T06:42:34.123Z" (UTC, milliseconds) and "2026-11-27".
QString toStoredTime(const QDateTime& time);
QDateTime fromStoredTime(QStringView text); // invalid QDateTime when malformed
// Milliseconds since the epoch of a stored time, without building a QDateTime
// (reports read hundreds of thousands); 0 when malformed.
qint64 storedTimeToMs(QStringView text);
qint64 storedTimeToMs(std::string_view text); // the same, for UTF-8 read from the database
QString toStoredDate(const QDate& date); // empty for an invalid date
QDate fromStoredDate(QStringView text); // invalid QDate when empty or malformed

// Accepts what people and scripts write for a time: ISO-8601 with or without
// an offset (UTC assumed without), or a plain date (midnight UTC).
QDateTime parseIsoTime(const QString& text);

} // namespace dealboard
