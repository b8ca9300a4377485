#include "dealboard/service/ActivityCalendar.h"

#include "dealboard/Pipeline.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/PipelineLocation.h"
#include "dealboard/ServerAddress.h"

#include <algorithm>
#include <unordered_map>

namespace dealboard {

ActivityCalendar::ActivityCalendar(Pipeline& pipeline, QString owner)
    : m_pipeline(pipeline)
    , m_owner(std::move(owner))
{
}

Result<void> ActivityCalendar::follow()
{
    std::vector<ChangeEntry> entries;
    if (!m_following) {
        // The position first: what commits while the log is read is read
        // again next time, and counted once.
        Result<QString> position = m_pipeline.reads().feedPosition();
        if (!position) {
            return position.error();
        }
        Result<std::vector<ChangeEntry>> all = m_pipeline.reads().changes(ChangeQuery {});
        if (!all) {
            return all.error();
        }
        entries = std::move(all.value());
        m_position = position.value();
        m_following = true;
    } else {
        Result<ChangeFeed> feed = m_pipeline.reads().changesAfter(m_position);
        if (!feed) {
            return feed.error();
        }
        entries = std::move(feed.value().entries);
        m_position = feed.value().position;
    }
    for (const ChangeEntry& entry : entries) {
        // A deal's title, owner or organization, a person's name show in its activities too.
        m_news = m_news || entry.table == u"activities" || entry.table == u"deals" || entry.table == u"people"
            || entry.table == u"organizations";
        if (entry.table != u"activities" || !m_counted.insert(entry.id).second) {
            continue;
        }
        Revision& revision = m_revisions[entry.row.toLongLong()];
        if (entry.action == u"update") {
            ++revision.sequence;
        }
        if (!revision.lastModified.isValid() || entry.at > revision.lastModified) {
            revision.lastModified = entry.at;
        }
    }
    return {};
}

Result<bool> ActivityCalendar::hasNews()
{
    if (Result<void> followed = follow(); !followed) {
        return followed.error();
    }
    return m_news;
}

Result<std::vector<CalendarItem>> ActivityCalendar::items()
{
    if (Result<void> followed = follow(); !followed) {
        return followed.error();
    }
    m_news = false;
    DealFilter filter;
    filter.owner = m_owner;
    Result<std::vector<Deal>> deals = m_pipeline.reads().deals(filter);
    if (!deals) {
        return deals.error();
    }
    std::unordered_map<DealId, const Deal*> byId;
    for (const Deal& deal : deals.value()) {
        byId.emplace(deal.id, &deal);
    }
    Result<std::vector<Activity>> activities = m_pipeline.activities().list();
    if (!activities) {
        return activities.error();
    }
    std::vector<CalendarItem> items;
    for (Activity& activity : activities.value()) {
        const auto deal = byId.find(activity.dealId);
        if (deal == byId.end()) {
            continue; // another owner's
        }
        CalendarItem item;
        item.organizationName = deal->second->company;
        item.owner = deal->second->owner;
        if (const auto revision = m_revisions.find(activity.id); revision != m_revisions.end()) {
            item.sequence = revision->second.sequence;
            item.lastModified = revision->second.lastModified;
        }
        item.activity = std::move(activity);
        items.push_back(std::move(item));
    }
    std::sort(items.begin(), items.end(),
              [](const CalendarItem& a, const CalendarItem& b) { return a.activity.id < b.activity.id; });
    return items;
}

namespace {

// The pipeline as UIDs name it: a file's canonical path, a server's address
// without the login, so every member's calendar names an activity alike.
QString calendarIdentity(const QString& pipeline)
{
    if (PipelineLocation::isAddress(pipeline)) {
        if (Result<ServerAddress> address = ServerAddress::parse(pipeline)) {
            address.value().user.clear();
            return address.value().shown();
        }
    }
    return PipelineFiles::identity(pipeline);
}

} // namespace

CalendarHeading ActivityCalendar::heading() const
{
    const QString pipeline = calendarIdentity(m_pipeline.reads().path());
    return {pipeline,
            m_owner.isEmpty() ? QStringLiteral("DealBoard activities")
                              : QStringLiteral("DealBoard activities of %1").arg(m_owner)};
}

Result<int> ActivityCalendar::save(const QString& path)
{
    Result<std::vector<CalendarItem>> read = items();
    if (!read) {
        return read.error();
    }
    const QByteArray text = ICalendar::write(read.value(), heading());
    Result<void> saved = PipelineFiles::saveAtomically(
        path, m_pipeline.reads().path(), [&text](QIODevice* device) { return device->write(text) == text.size(); });
    if (!saved) {
        return saved.error();
    }
    return static_cast<int>(read.value().size());
}

} // namespace dealboard
