// Activities, the contact-frequency rule and the attention report.
#include "dealboard/service/ActivityService.h"

#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Pipeline.h"

#include <algorithm>
#include <map>
#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

ActivityService::ActivityService(Pipeline& pipeline, DealStore& store)
    : m_pipeline(pipeline)
    , m_store(store)
{
}

Result<std::optional<FrequencyWarning>> ActivityService::contactFrequency(PersonId personId, const QDate& day,
                                                                          ActivityId ignore)
{
    if (personId == 0 || !day.isValid()) {
        return std::optional<FrequencyWarning>();
    }
    Result<Person> who = m_pipeline.contacts().person(personId);
    if (!who) {
        return who.error();
    }
    Result<QStringList> tags = m_store.contacts().personSegmentTags(personId);
    if (!tags) {
        return tags.error();
    }
    Result<std::vector<Segment>> segments = m_store.settings().segments();
    if (!segments) {
        return segments.error();
    }
    Result<int> defaultDays = m_pipeline.contacts().defaultMinTouchDays();
    if (!defaultDays) {
        return defaultDays.error();
    }
    std::map<QString, int> rules;
    for (const Segment& segment : segments.value()) {
        if (segment.minTouchDays) {
            rules[segment.tag] = *segment.minTouchDays;
        }
    }
    const TouchRule rule = touchRule(tags.value(), rules, defaultDays.value());
    if (rule.minDays <= 0) {
        return std::optional<FrequencyWarning>();
    }
    ActivityFilter filter;
    filter.personId = personId;
    Result<std::vector<Activity>> activities = m_store.activities().list(filter);
    if (!activities) {
        return activities.error();
    }
    std::vector<Activity> touches;
    for (const Activity& activity : activities.value()) {
        if (activity.id != ignore && isTouch(activity.kind) && activity.touchDate().isValid()) {
            touches.push_back(activity);
        }
    }
    std::sort(touches.begin(), touches.end(),
              [](const Activity& a, const Activity& b) { return a.touchDate() < b.touchDate(); });
    std::optional<FrequencyWarning> warning;
    for (const Activity& touch : touches) {
        const qint64 gap = std::abs(day.daysTo(touch.touchDate()));
        if (gap < rule.minDays && (!warning || gap < std::abs(day.daysTo(warning->nearest.touchDate())))) {
            warning = FrequencyWarning {personId, who.value().name, rule.minDays, rule.source, touch, {}};
        }
    }
    if (warning) {
        // The first day from `day` on that is far enough from every touch.
        QDate allowed = day;
        for (const Activity& touch : touches) {
            if (std::abs(allowed.daysTo(touch.touchDate())) < rule.minDays) {
                allowed = touch.touchDate().addDays(rule.minDays);
            }
        }
        warning->earliestAllowed = allowed;
    }
    return warning;
}

Result<Activity> ActivityService::prepare(const ActivityFields& fields, bool confirmed)
{
    const QString subject = fields.subject.trimmed();
    if (subject.isEmpty()) {
        return invalid(QStringLiteral("The activity's subject is empty; say what it is about, for example "
                                      "\"Send the proposal\"."));
    }
    if (DealImport::characterCount(subject) > MaxTextLength
        || DealImport::characterCount(fields.notes) > 10 * MaxTextLength) {
        return invalid(QStringLiteral("The activity's subject or notes are too long; shorten them."));
    }
    if (std::optional<Error> refused = forbiddenCharacter(subject, "subject", false)) {
        return *refused;
    }
    if (std::optional<Error> refused = forbiddenCharacter(fields.notes, "notes", true)) {
        return *refused;
    }
    if (!fields.dueDate.isValid()) {
        return invalid(QStringLiteral("The activity has no due date; give one as YYYY-MM-DD."));
    }
    Result<Deal> deal = m_pipeline.deals().get(fields.dealId);
    if (!deal) {
        return deal.error();
    }
    if (std::optional<Error> refused
        = ownersOnly(m_store, deal.value(), QStringLiteral("the activities of '%1'").arg(deal.value().title))) {
        return *refused;
    }
    Activity activity;
    activity.dealId = fields.dealId;
    activity.personId = fields.personId.value_or(deal.value().personId);
    if (activity.personId != 0) {
        if (Result<Person> who = m_pipeline.contacts().person(activity.personId); !who) {
            return who.error();
        }
    }
    activity.kind = fields.kind;
    activity.subject = subject;
    activity.dueDate = fields.dueDate;
    activity.dueTime = fields.dueTime;
    activity.done = fields.done;
    activity.notes = fields.notes.trimmed();
    const QDateTime now = m_pipeline.now();
    activity.createdAt = now;
    if (activity.done) {
        // A touch logged for an earlier day happened that day.
        activity.doneAt = activity.dueDate >= now.date()
            ? now
            : QDateTime(activity.dueDate, activity.dueTime.isValid() ? activity.dueTime : QTime(12, 0), Qt::UTC);
    }
    if (isTouch(activity.kind) && activity.personId != 0 && !confirmed) {
        Result<std::optional<FrequencyWarning>> warning = contactFrequency(activity.personId, activity.touchDate());
        if (!warning) {
            return warning.error();
        }
        if (warning.value()) {
            spdlog::info("Warned before a touch of person {} on {}: {}", activity.personId,
                         text(activity.touchDate().toString(Qt::ISODate)), text(warning.value()->message()));
            return makeError(ErrorCode::TooFrequent, warning.value()->message());
        }
    }
    return activity;
}

void ActivityService::announceDeal(DealId id)
{
    Q_EMIT m_pipeline.activitiesChanged(id);
    if (Result<std::optional<Deal>> changed = m_store.deals().find(id); changed && changed.value()) {
        Q_EMIT m_pipeline.dealChanged(*changed.value());
    }
}

Result<Activity> ActivityService::planWithin(const ActivityFields& fields, bool confirmed)
{
    Result<Activity> prepared = prepare(fields, confirmed);
    if (!prepared) {
        return prepared;
    }
    if (Result<void> done = m_store.activities().insert(prepared.value()); !done) {
        return done.error();
    }
    return prepared;
}

Result<Activity> ActivityService::plan(const ActivityFields& fields, bool confirmed)
{
    Result<Activity> activity = write(m_store, [&] { return planWithin(fields, confirmed); });
    if (!activity) {
        return activity;
    }
    spdlog::debug("Planned activity {} on deal {}", activity.value().id, activity.value().dealId);
    announceDeal(activity.value().dealId);
    return get(activity.value().id);
}

Result<std::optional<Activity>> ActivityService::complete(ActivityId id, const std::optional<ActivityFields>& next,
                                                          bool confirmed)
{
    DealId dealId = 0;
    Result<std::optional<Activity>> planned = write(m_store, [&]() -> Result<std::optional<Activity>> {
        Result<Activity> existing = get(id);
        if (!existing) {
            return existing.error();
        }
        if (existing.value().done) {
            return invalid(QStringLiteral("Activity %1 \"%2\" is done already.").arg(id).arg(existing.value().subject));
        }
        Result<Deal> deal = m_pipeline.deals().get(existing.value().dealId);
        if (!deal) {
            return deal.error();
        }
        if (std::optional<Error> refused
            = ownersOnly(m_store, deal.value(), QStringLiteral("the activities of '%1'").arg(deal.value().title))) {
            return *refused;
        }
        Activity completed = existing.value();
        completed.done = true;
        completed.doneAt = m_pipeline.now();
        dealId = completed.dealId;
        if (Result<void> done = m_store.activities().update(completed); !done) {
            return done.error();
        }
        if (!next) {
            return std::optional<Activity>();
        }
        ActivityFields fields = *next;
        fields.dealId = completed.dealId;
        Result<Activity> prepared = prepare(fields, confirmed);
        if (!prepared) {
            return prepared.error(); // the completion rolls back with it
        }
        if (Result<void> done = m_store.activities().insert(prepared.value()); !done) {
            return done.error();
        }
        return std::optional<Activity>(prepared.value());
    });
    if (!planned) {
        return planned;
    }
    announceDeal(dealId);
    if (planned.value()) {
        Result<Activity> reread = get(planned.value()->id);
        if (!reread) {
            return reread.error();
        }
        return std::optional<Activity>(reread.value());
    }
    return planned;
}

Result<Activity> ActivityService::reschedule(ActivityId id, const QDate& due, bool confirmed)
{
    if (!due.isValid()) {
        return invalid(QStringLiteral("The new day is not a date; give one as YYYY-MM-DD."));
    }
    DealId dealId = 0;
    Result<void> moved = write(m_store, [&]() -> Result<void> {
        Result<Activity> existing = get(id);
        if (!existing) {
            return existing.error();
        }
        Activity activity = existing.value();
        if (activity.done) {
            return invalid(QStringLiteral("Activity %1 \"%2\" is done already; a done activity keeps its day.")
                               .arg(id)
                               .arg(activity.subject));
        }
        Result<Deal> deal = m_pipeline.deals().get(activity.dealId);
        if (!deal) {
            return deal.error();
        }
        if (std::optional<Error> refused
            = ownersOnly(m_store, deal.value(), QStringLiteral("the activities of '%1'").arg(deal.value().title))) {
            return *refused;
        }
        if (isTouch(activity.kind) && activity.personId != 0 && !confirmed) {
            Result<std::optional<FrequencyWarning>> warning = contactFrequency(activity.personId, due, id);
            if (!warning) {
                return warning.error();
            }
            if (warning.value()) {
                return makeError(ErrorCode::TooFrequent, warning.value()->message());
            }
        }
        activity.dueDate = due;
        dealId = activity.dealId;
        return m_store.activities().update(activity);
    });
    if (!moved) {
        return moved.error();
    }
    spdlog::info("Rescheduled activity {} to {}", id, text(due.toString(Qt::ISODate)));
    announceDeal(dealId);
    return get(id);
}

Result<Activity> ActivityService::get(ActivityId id)
{
    Result<std::optional<Activity>> found = m_store.activities().find(id);
    if (!found) {
        return found.error();
    }
    if (!found.value()) {
        return notFound("activity", id);
    }
    return *found.value();
}

Result<std::vector<Activity>> ActivityService::list(const ActivityFilter& filter)
{
    return m_store.activities().list(filter);
}

Result<AttentionReport> ActivityService::attentionReport()
{
    AttentionReport report;
    const QDate today = m_pipeline.now().date();

    // Over-contacted: two touches of one person closer than their segments allow.
    Result<std::vector<Person>> people = m_store.contacts().people();
    Result<std::vector<Organization>> organizations = m_store.contacts().organizations();
    Result<std::vector<Segment>> segments = m_store.settings().segments();
    Result<int> defaultDays = m_pipeline.contacts().defaultMinTouchDays();
    Result<std::vector<std::pair<PersonId, QDate>>> activities
        = m_store.activities().touchDays(today.addDays(-AttentionWindowDays));
    for (const Error* error : {people ? nullptr : &people.error(), organizations ? nullptr : &organizations.error(),
                               segments ? nullptr : &segments.error(), defaultDays ? nullptr : &defaultDays.error(),
                               activities ? nullptr : &activities.error()}) {
        if (error != nullptr) {
            return *error;
        }
    }
    std::map<QString, int> rules;
    for (const Segment& segment : segments.value()) {
        if (segment.minTouchDays) {
            rules[segment.tag] = *segment.minTouchDays;
        }
    }
    QHash<OrganizationId, QStringList> organizationTags;
    for (const Organization& organization : organizations.value()) {
        organizationTags.insert(organization.id, organization.tags);
    }
    QHash<PersonId, std::vector<QDate>> touchesByPerson;
    for (const auto& [personId, day] : activities.value()) {
        if (day.isValid()) {
            touchesByPerson[personId].push_back(day);
        }
    }
    for (const Person& person : people.value()) {
        auto found = touchesByPerson.find(person.id);
        if (found == touchesByPerson.end() || found->size() < 2) {
            continue;
        }
        std::vector<QDate>& days = *found;
        std::sort(days.begin(), days.end());
        const TouchRule rule = touchRule(normalizedTags(person.tags + organizationTags.value(person.organizationId)),
                                         rules, defaultDays.value());
        std::optional<std::size_t> closest;
        for (std::size_t i = 1; i < days.size(); ++i) {
            if (!closest || days[i - 1].daysTo(days[i]) < days[*closest - 1].daysTo(days[*closest])) {
                closest = i;
            }
        }
        if (!closest || days[*closest - 1].daysTo(days[*closest]) >= rule.minDays) {
            continue;
        }
        OverContacted entry {
            person.id, person.name, person.organizationName, rule.minDays, days[*closest - 1], days[*closest], 0};
        entry.touchesIn30Days = static_cast<int>(std::count_if(
            days.begin(), days.end(), [&today](const QDate& d) { return d > today.addDays(-30) && d <= today; }));
        report.overContacted.push_back(entry);
    }
    std::sort(report.overContacted.begin(), report.overContacted.end(),
              [](const OverContacted& a, const OverContacted& b) {
                  return std::tie(b.second, a.personName) < std::tie(a.second, b.personName);
              });

    // Neglected: open deals without a touch for longer than their stage rots.
    Result<std::vector<std::pair<DealId, QDate>>> lastTouches = m_store.activities().lastTouchOfOpenDeals();
    if (!lastTouches) {
        return lastTouches.error();
    }
    DealFilter open;
    open.statuses = {DealStatus::Open};
    Result<std::vector<Deal>> deals = m_store.deals().list(open);
    if (!deals) {
        return deals.error();
    }
    std::size_t t = 0;
    const auto& touches = lastTouches.value();
    for (const Deal& deal : deals.value()) {
        while (t < touches.size() && touches[t].first < deal.id) {
            ++t;
        }
        const QDate last = t < touches.size() && touches[t].first == deal.id ? touches[t].second : QDate();
        const int rotting = stageInfo(deal.stage).rottingDays;
        if (rotting <= 0) {
            continue;
        }
        const QDate since = last.isValid() ? last : deal.createdAt.date();
        const int days = static_cast<int>(since.daysTo(today));
        if (days > rotting) {
            report.neglected.push_back({deal.id, deal.title, deal.stage, deal.owner,
                                        last.isValid() ? std::optional<QDate>(last) : std::nullopt, days, rotting,
                                        deal.value});
        }
    }
    // The most urgent first: what is worth most and longest past its limit.
    std::sort(report.neglected.begin(), report.neglected.end(), &NeglectedDeal::moreUrgent);
    return report;
}

} // namespace dealboard
