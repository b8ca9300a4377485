#pragma once

#include "dealboard/ICalendar.h"
#include "dealboard/Result.h"

#include <QString>
#include <unordered_map>
#include <unordered_set>

namespace dealboard {

class Pipeline;

// A calendar of a pipeline's activities (all of them, or those of one
// owner's deals), written as iCalendar and kept up to date: each call reads
// only what the change log gained since the last, to know how often each
// activity was changed (its SEQUENCE) and when last (its DTSTAMP). Read only.
class ActivityCalendar final
{
public:
    ActivityCalendar(Pipeline& pipeline, QString owner);

    const QString& owner() const { return m_owner; }
    // Whether the change log gained anything the calendar shows (an activity,
    // a deal, a person or an organization) since items() last read it.
    Result<bool> hasNews();
    // The activities as the calendar lists them, ordered by id.
    Result<std::vector<CalendarItem>> items();
    // Its name in a calendar application, and the pipeline its UIDs derive from.
    CalendarHeading heading() const;
    // Writes the calendar to `path` atomically and owner-only; how many
    // activities it holds.
    Result<int> save(const QString& path);

private:
    struct Revision
    {
        int sequence = 0;
        QDateTime lastModified;
    };
    Result<void> follow();

    Pipeline& m_pipeline;
    QString m_owner;
    bool m_following = false;
    bool m_news = false;
    QString m_position;
    std::unordered_map<ActivityId, Revision> m_revisions;
    std::unordered_set<qint64> m_counted; // change log entries already counted
};

} // namespace dealboard
