#pragma once

#include "dealboard/Deal.h"
#include "dealboard/Money.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QTime>
#include <array>
#include <cstdint>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

namespace dealboard {

using OrganizationId = std::int64_t;
using PersonId = std::int64_t;
using ActivityId = std::int64_t;

// A company in the target market. Tags put it in segments.
struct Organization
{
    OrganizationId id = 0;
    QString name;
    QString industry;
    QString size;
    QString region;
    QString website;
    QString notes;
    QStringList tags; // lower case, sorted
};

// A person at (usually) an organization. Tags put them in segments.
struct Person
{
    PersonId id = 0;
    QString name;
    QString email;
    QString phone;
    QString role;
    OrganizationId organizationId = 0; // 0: none
    QString organizationName; // read only, from the organization
    QString notes;
    QStringList tags; // lower case, sorted
};

// The editable facts of an organization or a person; unset leaves them alone.
struct OrganizationFields
{
    std::optional<QString> name, industry, size, region, website, notes;
    std::optional<QStringList> tags;
    // Saved even when the name looks like another organization's (ContactKeys.h);
    // otherwise that is refused as ErrorCode::LikelyDuplicate.
    bool another = false;
};

struct PersonFields
{
    std::optional<QString> name, email, phone, role, notes;
    std::optional<QString> organization; // by name (or its normalized key); created when new, empty clears
    std::optional<QStringList> tags;
    // Saved even when the phone is another person's; otherwise that is
    // refused as ErrorCode::LikelyDuplicate.
    bool another = false;
};

// How exports show a kind of contact, for ContactCsv's columns and the CLI's
// JSON keys alike: its id, these texts in this order, its tags and its notes.
template<typename Record> struct ContactExport;

template<> struct ContactExport<Organization>
{
    static constexpr std::array<std::pair<const char*, QString Organization::*>, 5> texts {{
        {"name", &Organization::name},
        {"industry", &Organization::industry},
        {"size", &Organization::size},
        {"region", &Organization::region},
        {"website", &Organization::website},
    }};
};

template<> struct ContactExport<Person>
{
    static constexpr std::array<std::pair<const char*, QString Person::*>, 5> texts {{
        {"name", &Person::name},
        {"email", &Person::email},
        {"phone", &Person::phone},
        {"role", &Person::role},
        {"organization", &Person::organizationName},
    }};
};

inline constexpr ActivityKind AllActivityKinds[]
    = {ActivityKind::Call, ActivityKind::Email, ActivityKind::Meeting, ActivityKind::Task};

QString activityKindSlug(ActivityKind kind); // call, email, meeting, task
QString activityKindName(ActivityKind kind); // Call, Email, Meeting, Task
std::optional<ActivityKind> activityKindFromSlug(const QString& slug);
// Calls, emails and meetings reach the person; a task does not.
inline bool isTouch(ActivityKind kind)
{
    return kind != ActivityKind::Task;
}

// A call, email, meeting or task on a deal, with a person.
struct Activity
{
    ActivityId id = 0;
    DealId dealId = 0;
    PersonId personId = 0; // 0: none
    ActivityKind kind = ActivityKind::Task;
    QString subject;
    QDate dueDate;
    QTime dueTime; // invalid: any time that day
    bool done = false;
    QDateTime doneAt; // UTC; set when done
    QString notes;
    QDateTime createdAt;
    // Read only, for lists.
    QString dealTitle;
    QString personName;

    // The day the touch happens: when it was done, else when it is due.
    QDate touchDate() const { return done && doneAt.isValid() ? doneAt.date() : dueDate; }
};

// What planning or logging an activity sets.
struct ActivityFields
{
    DealId dealId = 0;
    std::optional<PersonId> personId; // unset: the deal's person
    ActivityKind kind = ActivityKind::Task;
    QString subject;
    QDate dueDate;
    QTime dueTime;
    bool done = false;
    QString notes;
};

// How a card shows its next activity, the way sales reps read it.
enum class NextActivityState {
    None, // nothing planned (yellow)
    Overdue, // due before today, or earlier today at a set time (red)
    Today, // due today (green)
    Planned, // due later (grey)
};

NextActivityState nextActivityState(const std::optional<NextActivity>& next, const QDateTime& nowLocal);

// A segment tag and its minimum days between touches of one person.
struct Segment
{
    QString tag;
    std::optional<int> minTouchDays; // unset: the default
    int organizations = 0;
    int people = 0;
};

// Why a touch is too soon after (or before) another touch of the same person.
struct FrequencyWarning
{
    PersonId personId = 0;
    QString personName;
    int minDays = 0; // the person's minimum gap
    QString rule; // where the minimum comes from: "segment 'enterprise'" or "the default"
    Activity nearest; // the closest other touch
    QDate earliestAllowed; // first day a touch after the nearest one would be fine
    QString message() const;
};

// People touched more often than their segments allow, and open deals nobody
// has touched for longer than their stage's rotting days.
struct OverContacted
{
    PersonId personId = 0;
    QString personName;
    QString organizationName;
    int minDays = 0;
    QDate first; // the two touches closest together
    QDate second;
    int touchesIn30Days = 0;
};

struct NeglectedDeal
{
    DealId dealId = 0;
    QString title;
    Stage stage = Stage::Prospecting;
    QString owner;
    std::optional<QDate> lastTouch; // unset: never touched
    int daysWithoutTouch = 0;
    int rottingDays = 0;
    Money value;

    // How long past its stage's limit it has gone untouched.
    int daysOver() const { return daysWithoutTouch - rottingDays; }
    // Which of two deserves the rep's time first: the greater value times
    // days past the limit (each deal's value in its own currency), then the
    // longer overdue, then the older deal.
    static bool moreUrgent(const NeglectedDeal& a, const NeglectedDeal& b)
    {
        // 128 bits: a large value times many days overflows 64.
        __extension__ using Wide = __int128;
        const Wide left = static_cast<Wide>(a.value.minor) * a.daysOver();
        const Wide right = static_cast<Wide>(b.value.minor) * b.daysOver();
        if (left != right) {
            return left > right;
        }
        return std::tie(b.daysWithoutTouch, a.dealId) < std::tie(a.daysWithoutTouch, b.dealId);
    }
};

struct AttentionReport
{
    std::vector<OverContacted> overContacted;
    std::vector<NeglectedDeal> neglected;
};

// Normalizes free tags: trimmed, lower case, inner spaces as '-', no duplicates, sorted.
QStringList normalizedTags(const QStringList& tags);
// Splits "a, b; c" into tags and normalizes them.
QStringList parseTags(const QString& text);

} // namespace dealboard
