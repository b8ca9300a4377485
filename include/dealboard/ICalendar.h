#pragma once

// Activities as an RFC 5545 iCalendar, for a calendar application to import
// or subscribe to. Pure: the caller reads the activities, this writes them.
// A call, email or meeting with a time of day is a VEVENT starting then (in
// UTC) and lasting its kind's usual length; a task, or any activity without
// a time, is a VTODO due that day. Texts are escaped, lines folded at 75
// octets, every line ends in CRLF.
#include "dealboard/Contacts.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <vector>

namespace dealboard {

// One activity with what the calendar says about its deal.
struct CalendarItem
{
    Activity activity;
    QString organizationName; // the deal's organization
    QString owner; // the deal's owner
    // How often the activity was changed since it was planned (its change
    // log's updates): a calendar application keeps the higher revision.
    int sequence = 0;
    QDateTime lastModified; // UTC; its last change, else when it was planned
};

struct CalendarHeading
{
    QString pipeline; // PipelineFiles::identity of the pipeline: UIDs derive from it
    QString name; // the calendar's name in the application
};

class ICalendar final
{
public:
    // The same for an activity of a pipeline on every export.
    static QString uid(ActivityId id, const QString& pipeline);
    // How long an event of the kind lasts, in minutes.
    static int minutes(ActivityKind kind);
    // The whole calendar, items in the given order.
    static QByteArray write(const std::vector<CalendarItem>& items, const CalendarHeading& heading);
    // TEXT escaped (backslash, semicolon, comma, newline); other control
    // characters become spaces.
    static QByteArray escape(const QString& text);
    // A content line folded at 75 octets, never inside a UTF-8 character,
    // with its CRLF.
    static QByteArray fold(const QByteArray& line);
};

} // namespace dealboard
