// The iCalendar writer alone: RFC 5545's escaping and folding, events and
// to-dos, UIDs derived from the pipeline.
#include "dealboard/ICalendar.h"

#include <gtest/gtest.h>

namespace dealboard {

namespace {

CalendarItem task(ActivityId id, const QString& subject)
{
    CalendarItem item;
    item.activity.id = id;
    item.activity.dealId = 7;
    item.activity.dealTitle = QStringLiteral("Acme");
    item.activity.subject = subject;
    item.activity.dueDate = QDate(2026, 3, 4);
    item.activity.createdAt = QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC);
    return item;
}

} // namespace

TEST(ICalendar, EscapesTextAndDropsControlCharacters)
{
    EXPECT_EQ(ICalendar::escape(QStringLiteral("a,b;c\\d\r\ne\rf\ng")), QByteArray("a\\,b\\;c\\\\d\\ne\\nf\\ng"));
    EXPECT_EQ(ICalendar::escape(QStringLiteral("tab\there\x01\x7f")), QByteArray("tab\there  "));
    EXPECT_EQ(ICalendar::escape(QStringLiteral("Grüße \u202E")), QStringLiteral("Grüße \u202E").toUtf8());
}

TEST(ICalendar, FoldsAt75OctetsNeverInsideACharacter)
{
    EXPECT_EQ(ICalendar::fold("SUMMARY:short"), QByteArray("SUMMARY:short\r\n"));
    // 74 ASCII octets then a two-octet ü: the ü moves whole to the next line.
    const QByteArray line = QByteArray(74, 'a') + QStringLiteral("üxyz").toUtf8() + QByteArray(200, 'b');
    const QByteArray folded = ICalendar::fold(line);
    const QList<QByteArray> lines = folded.split('\n');
    ASSERT_GE(lines.size(), 4);
    EXPECT_EQ(lines[0], QByteArray(74, 'a') + '\r');
    for (const QByteArray& one : lines.mid(0, lines.size() - 1)) {
        EXPECT_LE(one.size() - 1, 75); // without its CR
        EXPECT_TRUE(one.endsWith('\r'));
    }
    EXPECT_TRUE(lines[1].startsWith(QByteArray(" ") + QStringLiteral("ü").toUtf8()));
    // Unfolded, it is the line again.
    QByteArray unfolded = folded;
    unfolded.replace("\r\n ", "");
    EXPECT_EQ(unfolded, line + "\r\n");
}

TEST(ICalendar, UidsDependOnTheActivityAndThePipelineOnly)
{
    const QString here = QStringLiteral("/home/ines/pipeline.dealboard");
    EXPECT_EQ(ICalendar::uid(5, here), ICalendar::uid(5, here));
    EXPECT_NE(ICalendar::uid(5, here), ICalendar::uid(6, here));
    EXPECT_NE(ICalendar::uid(5, here), ICalendar::uid(5, QStringLiteral("db.example:5432/sales")));
    EXPECT_TRUE(ICalendar::uid(5, here).startsWith(QStringLiteral("activity-5-")));
}

TEST(ICalendar, ATaskIsAToDoATimedCallAnEvent)
{
    CalendarItem call = task(2, QStringLiteral("Call"));
    call.activity.kind = ActivityKind::Call;
    call.activity.dueTime = QTime(10, 30);
    call.sequence = 3;
    const QByteArray text = ICalendar::write({task(1, QStringLiteral("Write, then send")), call},
                                             {QStringLiteral("p"), QStringLiteral("DealBoard activities")});
    EXPECT_TRUE(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    EXPECT_TRUE(text.endsWith("END:VCALENDAR\r\n"));
    EXPECT_TRUE(text.contains("BEGIN:VTODO\r\n"));
    EXPECT_TRUE(text.contains("SUMMARY:Write\\, then send\r\n"));
    EXPECT_TRUE(text.contains("DUE;VALUE=DATE:20260304\r\n"));
    EXPECT_TRUE(text.contains("STATUS:NEEDS-ACTION\r\n"));
    EXPECT_TRUE(text.contains("BEGIN:VEVENT\r\n"));
    EXPECT_TRUE(text.contains("DURATION:PT30M\r\n"));
    EXPECT_TRUE(text.contains("SEQUENCE:3\r\n"));
    // Without a change since, the stamp is when it was planned.
    EXPECT_TRUE(text.contains("DTSTAMP:20260301T080000Z\r\n"));
    EXPECT_FALSE(text.contains("\n\n"));
    EXPECT_EQ(text.count("\n"), text.count("\r\n"));
}

} // namespace dealboard
