#include "dealboard/ICalendar.h"

#include <QCryptographicHash>

namespace dealboard {

namespace {

constexpr int LineOctets = 75;

// Appends `line` folded at 75 octets, never inside a UTF-8 character, with its CRLF.
void appendFolded(QByteArray& out, QByteArrayView line)
{
    qsizetype start = 0;
    qsizetype room = LineOctets;
    while (line.size() - start > room) {
        qsizetype end = start + room;
        // Back off continuation octets (10xxxxxx): a character stays whole.
        while (end > start && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) {
            --end;
        }
        out.append(line.sliced(start, end - start));
        out.append("\r\n ");
        start = end;
        room = LineOctets - 1; // the leading space counts
    }
    out.append(line.sliced(start));
    out.append("\r\n");
}

QByteArray utcStamp(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

QByteArray day(const QDate& date)
{
    return date.toString(QStringLiteral("yyyyMMdd")).toLatin1();
}

// When a timed activity starts: the day and time as the rep planned them, in
// no time zone (RFC 5545's floating time), as they are stored. A calendar
// shows them at that hour wherever it runs, and the file is the same whatever
// the zone of the program that writes it.
QByteArray startOf(const Activity& activity)
{
    // Written from the date and time themselves: an hour a clock change
    // skips where the writer runs is no moment there, yet a fine floating time.
    return (activity.dueDate.toString(QStringLiteral("yyyyMMdd")) + QLatin1Char('T')
            + activity.dueTime.toString(QStringLiteral("HHmmss")))
        .toLatin1();
}

bool isEvent(const Activity& activity)
{
    return activity.kind != ActivityKind::Task && activity.dueTime.isValid();
}

// What the description says: the deal, its organization and owner, the
// person, then the activity's own notes.
QString description(const CalendarItem& item)
{
    const Activity& a = item.activity;
    QStringList lines;
    lines << QStringLiteral("Deal: %1 (id %2)").arg(a.dealTitle).arg(a.dealId);
    if (!item.organizationName.isEmpty()) {
        lines << QStringLiteral("Organization: %1").arg(item.organizationName);
    }
    if (a.personId != 0) {
        lines << QStringLiteral("Person: %1 (id %2)").arg(a.personName).arg(a.personId);
    }
    if (!item.owner.isEmpty()) {
        lines << QStringLiteral("Owner: %1").arg(item.owner);
    }
    lines << QStringLiteral("%1, %2").arg(activityKindName(a.kind),
                                          a.done ? QStringLiteral("done") : QStringLiteral("planned"));
    if (!a.notes.isEmpty()) {
        lines << QString() << a.notes;
    }
    return lines.join(QLatin1Char('\n'));
}

class Lines
{
public:
    Lines& add(const char* name, const QByteArray& value)
    {
        m_line.clear();
        m_line.append(name).append(':').append(value);
        appendFolded(m_out, m_line);
        return *this;
    }
    Lines& text(const char* name, const QString& value) { return add(name, ICalendar::escape(value)); }
    QByteArray take() { return std::move(m_out); }

private:
    QByteArray m_out;
    QByteArray m_line; // reused: one allocation for every line
};

void writeItem(Lines& out, const CalendarItem& item, const QString& pipeline)
{
    const Activity& a = item.activity;
    const bool event = isEvent(a);
    const QDateTime modified = item.lastModified.isValid() ? item.lastModified : a.createdAt;
    out.add("BEGIN", event ? "VEVENT" : "VTODO");
    out.text("UID", ICalendar::uid(a.id, pipeline));
    // Stable while the activity is: the same export twice is the same file.
    out.add("DTSTAMP", utcStamp(modified));
    if (a.createdAt.isValid()) {
        out.add("CREATED", utcStamp(a.createdAt));
    }
    out.add("LAST-MODIFIED", utcStamp(modified));
    out.add("SEQUENCE", QByteArray::number(item.sequence));
    out.text("SUMMARY", a.subject);
    out.text("DESCRIPTION", description(item));
    out.text("CATEGORIES", activityKindName(a.kind));
    out.add("X-DEALBOARD-DEAL", QByteArray::number(a.dealId));
    if (a.personId != 0) {
        out.add("X-DEALBOARD-PERSON", QByteArray::number(a.personId));
    }
    if (event) {
        out.add("DTSTART", startOf(a));
        out.add("DURATION", "PT" + QByteArray::number(ICalendar::minutes(a.kind)) + 'M');
        // An event has no COMPLETED: it stays confirmed, and says when it was done.
        out.add("STATUS", "CONFIRMED");
        if (a.done && a.doneAt.isValid()) {
            out.add("X-DEALBOARD-DONE", utcStamp(a.doneAt));
        }
        out.add("END", "VEVENT");
        return;
    }
    if (a.dueTime.isValid()) {
        out.add("DUE", startOf(a));
    } else {
        out.add("DUE;VALUE=DATE", day(a.dueDate));
    }
    if (a.done) {
        out.add("STATUS", "COMPLETED");
        out.add("PERCENT-COMPLETE", "100");
        if (a.doneAt.isValid()) {
            out.add("COMPLETED", utcStamp(a.doneAt));
        }
    } else {
        out.add("STATUS", "NEEDS-ACTION");
    }
    out.add("END", "VTODO");
}

} // namespace

QString ICalendar::uid(ActivityId id, const QString& pipeline)
{
    const QByteArray hash = QCryptographicHash::hash(pipeline.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("activity-%1-%2@dealboard").arg(id).arg(QString::fromLatin1(hash));
}

int ICalendar::minutes(ActivityKind kind)
{
    switch (kind) {
    case ActivityKind::Call:
        return 30;
    case ActivityKind::Meeting:
        return 60;
    case ActivityKind::Email:
    case ActivityKind::Task:
        break;
    }
    return 15;
}

QByteArray ICalendar::escape(const QString& text)
{
    QString plain = text;
    plain.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(QLatin1Char('\r'), QLatin1Char('\n'));
    QByteArray out;
    out.reserve(plain.size() + 8);
    for (const char c : plain.toUtf8()) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case ';':
            out += "\\;";
            break;
        case ',':
            out += "\\,";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            // TEXT holds no control characters but the tab.
            const auto octet = static_cast<unsigned char>(c);
            out += (octet < 0x20 && c != '\t') || octet == 0x7f ? ' ' : c;
        }
    }
    return out;
}

QByteArray ICalendar::fold(const QByteArray& line)
{
    QByteArray out;
    appendFolded(out, line);
    return out;
}

QByteArray ICalendar::write(const std::vector<CalendarItem>& items, const CalendarHeading& heading)
{
    Lines out;
    out.add("BEGIN", "VCALENDAR");
    out.add("VERSION", "2.0");
    out.add("PRODID", "-//DealBoard//Activities//EN");
    out.add("CALSCALE", "GREGORIAN");
    if (!heading.name.isEmpty()) {
        out.text("X-WR-CALNAME", heading.name);
        out.text("NAME", heading.name);
    }
    // Subscribers look again every few minutes (RFC 7986, and the older name).
    out.add("REFRESH-INTERVAL;VALUE=DURATION", "PT5M");
    out.add("X-PUBLISHED-TTL", "PT5M");
    for (const CalendarItem& item : items) {
        writeItem(out, item, heading.pipeline);
    }
    out.add("END", "VCALENDAR");
    return out.take();
}

} // namespace dealboard
