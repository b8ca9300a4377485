#pragma once

#include "dealboard/Filters.h"
#include "dealboard/Result.h"

#include <utility>

namespace dealboard {

class Database;

// Calls, emails, meetings and tasks: the activities table.
class ActivityRepository final
{
public:
    explicit ActivityRepository(Database& database);

    Result<std::vector<Activity>> list(const ActivityFilter& filter = {});
    Result<std::optional<Activity>> find(ActivityId id);
    Result<void> insert(Activity& activity); // assigns id
    Result<void> update(const Activity& activity);
    // (person, day) of every touch (call, email, meeting) on or after `since`:
    // the day it was done, or is due.
    Result<std::vector<std::pair<PersonId, QDate>>> touchDays(const QDate& since);
    // The day of the latest touch (call, email, meeting) done on each open deal.
    Result<std::vector<std::pair<DealId, QDate>>> lastTouchOfOpenDeals();

private:
    Database& m_database;
};

} // namespace dealboard
