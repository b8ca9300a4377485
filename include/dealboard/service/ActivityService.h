#pragma once

#include "dealboard/Filters.h"
#include "dealboard/Result.h"

namespace dealboard {

class DealStore;
class Pipeline;

// Calls, emails, meetings and tasks; the contact-frequency rule; the
// attention report. A touch (call, email, meeting) too close to another touch
// of the same person is refused with ErrorCode::TooFrequent unless `confirmed`.
class ActivityService final
{
public:
    ActivityService(Pipeline& pipeline, DealStore& store);

    Result<Activity> plan(const ActivityFields& fields, bool confirmed = false);
    // Marks the activity done and, when given, plans the next one, in one action.
    Result<std::optional<Activity>> complete(ActivityId id, const std::optional<ActivityFields>& next = {},
                                             bool confirmed = false);
    // Moves a planned activity to another day (its time of day kept); a touch
    // that then comes too soon is refused like a new one unless `confirmed`.
    Result<Activity> reschedule(ActivityId id, const QDate& due, bool confirmed = false);
    Result<Activity> get(ActivityId id);
    Result<std::vector<Activity>> list(const ActivityFilter& filter = {});
    // Whether a touch of the person on `day` comes too soon before or after
    // another of their touches (ignoring activity `ignore`).
    Result<std::optional<FrequencyWarning>> contactFrequency(PersonId person, const QDate& day, ActivityId ignore = 0);
    // Over-contacted people and neglected open deals, as of today.
    Result<AttentionReport> attentionReport();

    // Plans an activity inside the caller's write transaction: a move that
    // supplies the next activity its stage asks for.
    // Too soon after another touch of the person: TooFrequent, unless confirmed.
    Result<Activity> planWithin(const ActivityFields& fields, bool confirmed);

private:
    Result<Activity> prepare(const ActivityFields& fields, bool confirmed);
    // Says that the deal's activities, and so its card, changed.
    void announceDeal(DealId id);

    Pipeline& m_pipeline;
    DealStore& m_store;
};

} // namespace dealboard
