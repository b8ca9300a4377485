#include "dealboard/StoredTime.h"

#include <optional>

namespace dealboard {

namespace {

char16_t charAt(QStringView text, qsizetype pos)
{
    return text[pos].unicode();
}

char16_t charAt(std::string_view text, qsizetype pos)
{
    return static_cast<unsigned char>(text[static_cast<std::size_t>(pos)]);
}

// Reads `count` ASCII digits at `pos`; -1 when any is not a digit.
template<typename Text> int digitsAt(const Text& text, qsizetype pos, int count)
{
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = charAt(text, pos + i);
        if (c < u'0' || c > u'9') {
            return -1;
        }
        value = value * 10 + (c - u'0');
    }
    return value;
}

} // namespace

// Formatted by hand from the epoch milliseconds: seeding and exports write
// hundreds of thousands of times, and QDateTime::toString dominated both.
QString toStoredTime(const QDateTime& time)
{
    if (!time.isValid()) {
        return {};
    }
    const qint64 ms = time.toMSecsSinceEpoch();
    qint64 days = ms / 86'400'000;
    qint64 rest = ms % 86'400'000;
    if (rest < 0) {
        rest += 86'400'000;
        --days;
    }
    // Civil date from days since the epoch (H. Hinnant's algorithm).
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 dayOfEra = z - era * 146097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 mp = (5 * dayOfYear + 2) / 153;
    const int day = static_cast<int>(dayOfYear - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    if (year < 0 || year > 9999) {
        return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    }
    const int hour = static_cast<int>(rest / 3'600'000);
    const int minute = static_cast<int>(rest / 60'000 % 60);
    const int second = static_cast<int>(rest / 1000 % 60);
    const int milli = static_cast<int>(rest % 1000);
    char buffer[25];
    auto put = [&buffer](int at, int value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            buffer[at + i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
    };
    put(0, year, 4);
    buffer[4] = '-';
    put(5, month, 2);
    buffer[7] = '-';
    put(8, day, 2);
    buffer[10] = 'T';
    put(11, hour, 2);
    buffer[13] = ':';
    put(14, minute, 2);
    buffer[16] = ':';
    put(17, second, 2);
    buffer[19] = '.';
    put(20, milli, 3);
    buffer[23] = 'Z';
    return QString::fromLatin1(buffer, 24);
}

// Hand-parsed: the board reads three times per deal, and QDateTime's generic
// parser is the slowest part of loading 100,000 deals.
QDateTime fromStoredTime(QStringView text)
{
    if (text.size() != 24 || text[4] != u'-' || text[7] != u'-' || text[10] != u'T' || text[13] != u':'
        || text[16] != u':' || text[19] != u'.' || text[23] != u'Z') {
        return parseIsoTime(text.toString());
    }
    const QDate date(digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2));
    const QTime time(digitsAt(text, 11, 2), digitsAt(text, 14, 2), digitsAt(text, 17, 2), digitsAt(text, 20, 3));
    if (!date.isValid() || !time.isValid()) {
        return {};
    }
    return QDateTime(date, time, Qt::UTC);
}

namespace {

// Milliseconds of a time in the stored form, without QDateTime; nullopt when
// the text is not in exactly that form.
template<typename Text> std::optional<qint64> canonicalMs(const Text& text)
{
    if (text.size() != 24 || charAt(text, 4) != u'-' || charAt(text, 7) != u'-' || charAt(text, 10) != u'T'
        || charAt(text, 13) != u':' || charAt(text, 16) != u':' || charAt(text, 19) != u'.'
        || charAt(text, 23) != u'Z') {
        return std::nullopt;
    }
    const int year = digitsAt(text, 0, 4);
    const int month = digitsAt(text, 5, 2);
    const int day = digitsAt(text, 8, 2);
    const int hour = digitsAt(text, 11, 2);
    const int minute = digitsAt(text, 14, 2);
    const int second = digitsAt(text, 17, 2);
    const int ms = digitsAt(text, 20, 3);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || minute < 0 || second < 0 || ms < 0) {
        return 0;
    }
    // Days from the civil date (proleptic Gregorian), after H. Hinnant's algorithm.
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yearOfEra = y - era * 400;
    const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    const qint64 days = static_cast<qint64>(era) * 146097 + dayOfEra - 719468;
    return ((days * 24 + hour) * 60 + minute) * 60'000LL + second * 1000LL + ms;
}

} // namespace

qint64 storedTimeToMs(QStringView text)
{
    if (const std::optional<qint64> ms = canonicalMs(text)) {
        return *ms;
    }
    const QDateTime parsed = fromStoredTime(text);
    return parsed.isValid() ? parsed.toMSecsSinceEpoch() : 0;
}

qint64 storedTimeToMs(std::string_view text)
{
    if (const std::optional<qint64> ms = canonicalMs(text)) {
        return *ms;
    }
    return storedTimeToMs(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())));
}

QString toStoredDate(const QDate& date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

QDate fromStoredDate(QStringView text)
{
    if (text.size() != 10 || text[4] != u'-' || text[7] != u'-') {
        return {};
    }
    return QDate(digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2));
}

QDateTime parseIsoTime(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() == 10) {
        const QDate date = fromStoredDate(trimmed);
        return date.isValid() ? QDateTime(date, QTime(0, 0), Qt::UTC) : QDateTime();
    }
    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid()) {
        return {};
    }
    if (time.timeSpec() == Qt::LocalTime) {
        time.setTimeSpec(Qt::UTC);
    }
    return time.toUTC();
}

} // namespace dealboard
