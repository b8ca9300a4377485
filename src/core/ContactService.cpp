// The service's actions on organizations, people, segments, activities and
// follow-up deals. Same rules as the deal actions: one write transaction each,
// everything checked before anything is written.
#include "dealboard/CsvReader.h"
#include "dealboard/DealImport.h"
#include "dealboard/PipelineService.h"

#include <QHash>
#include <algorithm>
#include <map>
#include <spdlog/spdlog.h>

namespace dealboard {

namespace {

constexpr qsizetype MaxTextLength = 1000;
const QString DefaultTouchDaysKey = QStringLiteral("default_min_touch_days");
constexpr int DefaultMinTouchDays = 3;
constexpr int MaxTouchDays = 365;
// Touches older than this no longer count as over-contacting in the report.
constexpr int AttentionWindowDays = 90;

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

std::string text(const QString& s)
{
    return s.toStdString();
}

std::optional<Error> tooLong(const std::optional<QString>& value, const char* name)
{
    if (value && DealImport::characterCount(*value) > MaxTextLength) {
        return invalid(QStringLiteral("The %1 is longer than %2 characters; shorten it.")
                           .arg(QLatin1String(name))
                           .arg(MaxTextLength));
    }
    return std::nullopt;
}

std::optional<Error> badTags(const QStringList& tags)
{
    for (const QString& tag : tags) {
        if (tag.size() > 40) {
            return invalid(QStringLiteral("The tag '%1' is longer than 40 characters; use a shorter one.").arg(tag));
        }
    }
    return std::nullopt;
}

// The smallest gap between touches that the person's segments ask for.
struct TouchRule
{
    int minDays = DefaultMinTouchDays;
    QString source;
};

TouchRule touchRule(const QStringList& tags, const std::map<QString, int>& rules, int defaultDays)
{
    TouchRule rule {defaultDays, QStringLiteral("the default")};
    bool fromSegment = false;
    for (const QString& tag : tags) {
        const auto found = rules.find(tag);
        if (found != rules.end() && (!fromSegment || found->second > rule.minDays)) {
            rule = {found->second, QStringLiteral("segment '%1'").arg(tag)};
            fromSegment = true;
        }
    }
    return rule;
}

} // namespace

// --- Organizations and people ---

Result<Organization> PipelineService::applyOrganization(Organization organization, const OrganizationFields& fields)
{
    for (const auto& [value, name] : {std::pair {&fields.name, "name"}, std::pair {&fields.industry, "industry"},
                                      std::pair {&fields.size, "size"}, std::pair {&fields.region, "region"},
                                      std::pair {&fields.website, "website"}, std::pair {&fields.notes, "notes"}}) {
        if (std::optional<Error> error = tooLong(*value, name)) {
            return *error;
        }
    }
    auto apply = [](QString& target, const std::optional<QString>& value) {
        if (value) {
            target = value->trimmed();
        }
    };
    apply(organization.name, fields.name);
    apply(organization.industry, fields.industry);
    apply(organization.size, fields.size);
    apply(organization.region, fields.region);
    apply(organization.website, fields.website);
    apply(organization.notes, fields.notes);
    if (fields.tags) {
        organization.tags = normalizedTags(*fields.tags);
        if (std::optional<Error> error = badTags(organization.tags)) {
            return *error;
        }
    }
    if (organization.name.isEmpty()) {
        return invalid(QStringLiteral("The organization's name is empty; every organization needs a name."));
    }
    Result<std::optional<Organization>> same = m_store->contacts().findOrganizationByName(organization.name);
    if (!same) {
        return same.error();
    }
    if (same.value() && same.value()->id != organization.id) {
        return invalid(QStringLiteral("There is already an organization named '%1' (id %2); use that one or "
                                      "choose another name.")
                           .arg(same.value()->name)
                           .arg(same.value()->id));
    }
    return organization;
}

Result<Organization> PipelineService::createOrganization(const OrganizationFields& fields)
{
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    Result<Organization> organization = applyOrganization({}, fields);
    if (!organization) {
        return organization.error();
    }
    if (Result<void> done = m_store->contacts().insertOrganization(organization.value()); !done) {
        return done.error();
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    spdlog::debug("Created organization {} '{}'", organization.value().id, text(organization.value().name));
    Q_EMIT contactsChanged();
    return organization;
}

Result<Organization> PipelineService::editOrganization(OrganizationId id, const OrganizationFields& fields)
{
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    Result<Organization> existing = organization(id);
    if (!existing) {
        return existing.error();
    }
    Result<Organization> organization = applyOrganization(existing.value(), fields);
    if (!organization) {
        return organization.error();
    }
    if (Result<void> done = m_store->contacts().updateOrganization(organization.value()); !done) {
        return done.error();
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    Q_EMIT contactsChanged();
    if (organization.value().name != existing.value().name) {
        Q_EMIT dealsReset(); // cards show the organization's name
    }
    return organization;
}

Result<Organization> PipelineService::organization(OrganizationId id)
{
    Result<std::optional<Organization>> found = m_store->contacts().findOrganization(id);
    if (!found) {
        return found.error();
    }
    if (!found.value()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("There is no organization %1. `dealboard-cli org list` shows them and their "
                                        "ids.")
                             .arg(id));
    }
    return *found.value();
}

Result<std::vector<Organization>> PipelineService::organizations(const ContactFilter& filter)
{
    ContactFilter normalized = filter;
    normalized.tag = normalizedTags({filter.tag}).value(0);
    return m_store->contacts().organizations(normalized);
}

Result<Person> PipelineService::applyPerson(Person person, const PersonFields& fields)
{
    for (const auto& [value, name] :
         {std::pair {&fields.name, "name"}, std::pair {&fields.email, "email"}, std::pair {&fields.phone, "phone"},
          std::pair {&fields.role, "role"}, std::pair {&fields.notes, "notes"},
          std::pair {&fields.organization, "organization"}}) {
        if (std::optional<Error> error = tooLong(*value, name)) {
            return *error;
        }
    }
    auto apply = [](QString& target, const std::optional<QString>& value) {
        if (value) {
            target = value->trimmed();
        }
    };
    apply(person.name, fields.name);
    apply(person.email, fields.email);
    apply(person.phone, fields.phone);
    apply(person.role, fields.role);
    apply(person.notes, fields.notes);
    if (fields.tags) {
        person.tags = normalizedTags(*fields.tags);
        if (std::optional<Error> error = badTags(person.tags)) {
            return *error;
        }
    }
    if (person.name.isEmpty()) {
        return invalid(QStringLiteral("The person's name is empty; every person needs a name."));
    }
    if (!person.email.isEmpty() && !person.email.contains(QLatin1Char('@'))) {
        return invalid(QStringLiteral("'%1' is not an email address (it has no '@').").arg(person.email));
    }
    if (!person.email.isEmpty()) {
        Result<std::optional<Person>> same = m_store->contacts().findPersonByEmail(person.email);
        if (!same) {
            return same.error();
        }
        if (same.value() && same.value()->id != person.id) {
            return invalid(QStringLiteral("%1 (id %2) already has the email %3; one email belongs to one person.")
                               .arg(same.value()->name)
                               .arg(same.value()->id)
                               .arg(person.email));
        }
    }
    if (fields.organization) {
        const QString name = fields.organization->trimmed();
        person.organizationId = 0;
        person.organizationName.clear();
        if (!name.isEmpty()) {
            Result<std::optional<Organization>> found = m_store->contacts().findOrganizationByName(name);
            if (!found) {
                return found.error();
            }
            if (found.value()) {
                person.organizationId = found.value()->id;
                person.organizationName = found.value()->name;
            } else {
                Organization created;
                created.name = name;
                if (Result<void> done = m_store->contacts().insertOrganization(created); !done) {
                    return done.error();
                }
                person.organizationId = created.id;
                person.organizationName = created.name;
            }
        }
    }
    return person;
}

Result<Person> PipelineService::createPerson(const PersonFields& fields)
{
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    Result<Person> person = applyPerson({}, fields);
    if (!person) {
        return person.error();
    }
    if (Result<void> done = m_store->contacts().insertPerson(person.value()); !done) {
        return done.error();
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    spdlog::debug("Created person {} '{}'", person.value().id, text(person.value().name));
    Q_EMIT contactsChanged();
    return person;
}

Result<Person> PipelineService::editPerson(PersonId id, const PersonFields& fields)
{
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    Result<Person> existing = person(id);
    if (!existing) {
        return existing.error();
    }
    Result<Person> person = applyPerson(existing.value(), fields);
    if (!person) {
        return person.error();
    }
    if (Result<void> done = m_store->contacts().updatePerson(person.value()); !done) {
        return done.error();
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    Q_EMIT contactsChanged();
    Q_EMIT dealsReset(); // cards and deal forms show the person's facts
    return person;
}

Result<Person> PipelineService::person(PersonId id)
{
    Result<std::optional<Person>> found = m_store->contacts().findPerson(id);
    if (!found) {
        return found.error();
    }
    if (!found.value()) {
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("There is no person %1. `dealboard-cli person list` shows them and their ids.").arg(id));
    }
    return *found.value();
}

Result<std::vector<Person>> PipelineService::people(const ContactFilter& filter)
{
    ContactFilter normalized = filter;
    normalized.tag = normalizedTags({filter.tag}).value(0);
    return m_store->contacts().people(normalized);
}

Result<PeopleImport> PipelineService::importPeople(const QByteArray& csv, bool dryRun)
{
    Result<CsvTable> table = CsvReader::parse(csv);
    if (!table) {
        spdlog::info("Refused an import of people: {}", text(table.error().message));
        return table.error();
    }
    enum Column { Name, Email, Phone, Role, Organization, Tags, Notes };
    static const QHash<QString, Column> known = {
        {QStringLiteral("name"), Name},
        {QStringLiteral("email"), Email},
        {QStringLiteral("phone"), Phone},
        {QStringLiteral("role"), Role},
        {QStringLiteral("organization"), Organization},
        {QStringLiteral("company"), Organization},
        {QStringLiteral("tags"), Tags},
        {QStringLiteral("notes"), Notes},
    };
    std::vector<std::optional<Column>> columns;
    bool hasName = false;
    for (const QString& name : table.value().header) {
        const QString key = name.trimmed().toLower().replace(QLatin1Char(' '), QLatin1Char('_'));
        const auto found = known.constFind(key);
        columns.push_back(found == known.constEnd() ? std::nullopt : std::optional<Column>(found.value()));
        hasName = hasName || (found != known.constEnd() && found.value() == Name);
    }
    if (!hasName) {
        return invalid(QStringLiteral("Line 1: the header has no 'name' column; every person needs a name. The "
                                      "header row names the columns, for example: name,email,organization,tags."));
    }

    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    QStringList faults;
    int faultCount = 0;
    auto fault = [&faults, &faultCount](const QString& what) {
        if (++faultCount <= DealImport::MaxFaultsListed) {
            faults << what;
        }
    };
    QHash<QString, int> emailLines;
    PeopleImport outcome;
    const CsvTable& rows = table.value();
    for (std::size_t r = 0; r < rows.rows.size(); ++r) {
        const QStringList& row = rows.rows[r];
        const int line = rows.rowLines[r];
        if (row.size() != rows.header.size()) {
            fault(QStringLiteral("Line %1: %2 fields where the header has %3; a field with a comma or a line break "
                                 "must be quoted.")
                      .arg(line)
                      .arg(row.size())
                      .arg(rows.header.size()));
            continue;
        }
        PersonFields fields;
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (!columns[c]) {
                continue;
            }
            const QString cell = DealImport::unguard(row[c]).trimmed();
            switch (*columns[c]) {
            case Name:
                fields.name = cell;
                break;
            case Email:
                fields.email = cell;
                break;
            case Phone:
                fields.phone = cell;
                break;
            case Role:
                fields.role = cell;
                break;
            case Organization:
                fields.organization = cell;
                break;
            case Tags:
                fields.tags = parseTags(cell);
                break;
            case Notes:
                fields.notes = cell;
                break;
            }
        }
        auto columnOf = [&columns](Column wanted) {
            return std::find(columns.begin(), columns.end(), std::optional<Column>(wanted)) - columns.begin() + 1;
        };
        const QString email = fields.email.value_or(QString()).toLower();
        if (!email.isEmpty()) {
            if (emailLines.contains(email)) {
                fault(QStringLiteral("Line %1, column %2 (email): %3 is also on line %4; one email belongs to one "
                                     "person.")
                          .arg(line)
                          .arg(columnOf(Email))
                          .arg(*fields.email)
                          .arg(emailLines.value(email)));
                continue;
            }
            emailLines.insert(email, line);
        }
        // A known email updates that person; anyone else is new.
        Person base;
        if (!email.isEmpty()) {
            Result<std::optional<Person>> existing = m_store->contacts().findPersonByEmail(email);
            if (!existing) {
                return existing.error();
            }
            if (existing.value()) {
                base = *existing.value();
            }
        }
        Result<Person> person = applyPerson(base, fields);
        if (!person) {
            const QString what = person.error().message;
            const Column column = what.contains(QStringLiteral("email")) ? Email
                : what.contains(QStringLiteral("name is empty"))         ? Name
                                                                         : Name;
            fault(QStringLiteral("Line %1, column %2 (%3): %4")
                      .arg(line)
                      .arg(columnOf(column))
                      .arg(column == Email ? QStringLiteral("email") : QStringLiteral("name"), what));
            continue;
        }
        if (faultCount > 0) {
            continue; // keep checking, stop writing
        }
        if (person.value().id != 0) {
            if (Result<void> done = m_store->contacts().updatePerson(person.value()); !done) {
                return done.error();
            }
            ++outcome.updated;
        } else {
            if (Result<void> done = m_store->contacts().insertPerson(person.value()); !done) {
                return done.error();
            }
            ++outcome.created;
        }
    }
    if (faultCount > 0) {
        QString message = QStringLiteral("The file was not imported; nothing was changed. %1 fault(s)%2:\n")
                              .arg(faultCount)
                              .arg(faultCount > DealImport::MaxFaultsListed
                                       ? QStringLiteral(", the first %1").arg(DealImport::MaxFaultsListed)
                                       : QString());
        message += faults.join(QLatin1Char('\n'));
        spdlog::info("Refused an import of people: {} fault(s)", faultCount);
        return invalid(message); // the transaction rolls back
    }
    if (dryRun) {
        return outcome; // the transaction rolls back
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    spdlog::info("Imported people into {}: {} new, {} updated", text(m_store->path()), outcome.created,
                 outcome.updated);
    Q_EMIT contactsChanged();
    Q_EMIT dealsReset();
    return outcome;
}

// --- Segments and contact frequency ---

Result<std::vector<Segment>> PipelineService::segments()
{
    return m_store->settings().segments();
}

Result<void> PipelineService::setSegmentRule(const QString& tag, std::optional<int> minTouchDays)
{
    const QString clean = normalizedTags({tag}).value(0);
    if (clean.isEmpty()) {
        return invalid(QStringLiteral("The segment tag is empty; name the tag, for example 'enterprise'."));
    }
    if (minTouchDays && (*minTouchDays < 0 || *minTouchDays > MaxTouchDays)) {
        return invalid(QStringLiteral("The minimum days between touches must be between 0 and %1.").arg(MaxTouchDays));
    }
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    if (Result<void> done = m_store->settings().saveSegmentRule(clean, minTouchDays); !done) {
        return done;
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done;
    }
    spdlog::info("Segment '{}': minimum days between touches {}", text(clean),
                 minTouchDays ? std::to_string(*minTouchDays) : std::string("cleared"));
    Q_EMIT contactsChanged();
    return {};
}

Result<int> PipelineService::defaultMinTouchDays()
{
    Result<std::optional<QString>> stored = m_store->settings().value(DefaultTouchDaysKey);
    if (!stored) {
        return stored.error();
    }
    bool ok = false;
    const int days = stored.value().value_or(QString()).toInt(&ok);
    return ok && days >= 0 && days <= MaxTouchDays ? days : DefaultMinTouchDays;
}

Result<void> PipelineService::setDefaultMinTouchDays(int days)
{
    if (days < 0 || days > MaxTouchDays) {
        return invalid(QStringLiteral("The minimum days between touches must be between 0 and %1.").arg(MaxTouchDays));
    }
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    if (Result<void> done = m_store->settings().save(DefaultTouchDaysKey, QString::number(days)); !done) {
        return done;
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done;
    }
    Q_EMIT contactsChanged();
    return {};
}

Result<void> PipelineService::setContactFrequency(int defaultDays,
                                                  const std::vector<std::pair<QString, std::optional<int>>>& rules)
{
    if (defaultDays < 0 || defaultDays > MaxTouchDays) {
        return invalid(QStringLiteral("The minimum days between touches must be between 0 and %1.").arg(MaxTouchDays));
    }
    for (const auto& [tag, days] : rules) {
        if (normalizedTags({tag}).isEmpty()) {
            return invalid(QStringLiteral("A segment tag is empty; name the tag, for example 'enterprise'."));
        }
        if (days && (*days < 0 || *days > MaxTouchDays)) {
            return invalid(QStringLiteral("The minimum days between touches of segment '%1' must be between 0 and %2.")
                               .arg(tag)
                               .arg(MaxTouchDays));
        }
    }
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    if (Result<void> done = m_store->settings().save(DefaultTouchDaysKey, QString::number(defaultDays)); !done) {
        return done;
    }
    for (const auto& [tag, days] : rules) {
        if (Result<void> done = m_store->settings().saveSegmentRule(normalizedTags({tag}).value(0), days); !done) {
            return done;
        }
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done;
    }
    spdlog::info("Contact frequency: default {} day(s), {} segment rule(s) saved", defaultDays, rules.size());
    Q_EMIT contactsChanged();
    return {};
}

Result<std::vector<DealId>> PipelineService::dealsWithTag(const QString& tag)
{
    return m_store->contacts().dealsWithTag(normalizedTags({tag}).value(0));
}

Result<std::optional<FrequencyWarning>> PipelineService::contactFrequency(PersonId personId, const QDate& day,
                                                                          ActivityId ignore)
{
    if (personId == 0 || !day.isValid()) {
        return std::optional<FrequencyWarning>();
    }
    Result<Person> who = person(personId);
    if (!who) {
        return who.error();
    }
    Result<QStringList> tags = m_store->contacts().personSegmentTags(personId);
    if (!tags) {
        return tags.error();
    }
    Result<std::vector<Segment>> segments = m_store->settings().segments();
    if (!segments) {
        return segments.error();
    }
    Result<int> defaultDays = defaultMinTouchDays();
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
    Result<std::vector<Activity>> activities = m_store->activities().list(filter);
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

// --- Activities ---

Result<Activity> PipelineService::prepareActivity(const ActivityFields& fields, bool confirmed)
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
    if (!fields.dueDate.isValid()) {
        return invalid(QStringLiteral("The activity has no due date; give one as YYYY-MM-DD."));
    }
    Result<Deal> deal = this->deal(fields.dealId);
    if (!deal) {
        return deal.error();
    }
    Activity activity;
    activity.dealId = fields.dealId;
    activity.personId = fields.personId.value_or(deal.value().personId);
    if (activity.personId != 0) {
        if (Result<Person> who = person(activity.personId); !who) {
            return who.error();
        }
    }
    activity.kind = fields.kind;
    activity.subject = subject;
    activity.dueDate = fields.dueDate;
    activity.dueTime = fields.dueTime;
    activity.done = fields.done;
    activity.notes = fields.notes.trimmed();
    const QDateTime now = m_clock->nowUtc();
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

void PipelineService::announceDeal(DealId id)
{
    Q_EMIT activitiesChanged(id);
    if (Result<std::optional<Deal>> changed = m_store->deals().find(id); changed && changed.value()) {
        Q_EMIT dealChanged(*changed.value());
    }
}

Result<Activity> PipelineService::planActivity(const ActivityFields& fields, bool confirmed)
{
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    Result<Activity> activity = prepareActivity(fields, confirmed);
    if (!activity) {
        return activity.error();
    }
    if (Result<void> done = m_store->activities().insert(activity.value()); !done) {
        return done.error();
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    spdlog::debug("Planned activity {} on deal {}", activity.value().id, activity.value().dealId);
    announceDeal(activity.value().dealId);
    return this->activity(activity.value().id);
}

Result<std::optional<Activity>>
PipelineService::completeActivity(ActivityId id, const std::optional<ActivityFields>& next, bool confirmed)
{
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    Result<Activity> existing = activity(id);
    if (!existing) {
        return existing.error();
    }
    if (existing.value().done) {
        return invalid(QStringLiteral("Activity %1 \"%2\" is done already.").arg(id).arg(existing.value().subject));
    }
    Activity completed = existing.value();
    completed.done = true;
    completed.doneAt = m_clock->nowUtc();
    if (Result<void> done = m_store->activities().update(completed); !done) {
        return done.error();
    }
    std::optional<Activity> planned;
    if (next) {
        ActivityFields fields = *next;
        fields.dealId = completed.dealId;
        Result<Activity> prepared = prepareActivity(fields, confirmed);
        if (!prepared) {
            return prepared.error(); // the completion rolls back with it
        }
        if (Result<void> done = m_store->activities().insert(prepared.value()); !done) {
            return done.error();
        }
        planned = prepared.value();
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    announceDeal(completed.dealId);
    if (planned) {
        Result<Activity> reread = activity(planned->id);
        if (!reread) {
            return reread.error();
        }
        planned = reread.value();
    }
    return planned;
}

Result<Activity> PipelineService::activity(ActivityId id)
{
    Result<std::optional<Activity>> found = m_store->activities().find(id);
    if (!found) {
        return found.error();
    }
    if (!found.value()) {
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("There is no activity %1. `dealboard-cli activity list` shows them and their ids.").arg(id));
    }
    return *found.value();
}

Result<std::vector<Activity>> PipelineService::activities(const ActivityFilter& filter)
{
    return m_store->activities().list(filter);
}

Result<AttentionReport> PipelineService::attentionReport()
{
    AttentionReport report;
    const QDate today = m_clock->nowUtc().date();

    // Over-contacted: two touches of one person closer than their segments allow.
    Result<std::vector<Person>> people = m_store->contacts().people();
    Result<std::vector<Organization>> organizations = m_store->contacts().organizations();
    Result<std::vector<Segment>> segments = m_store->settings().segments();
    Result<int> defaultDays = defaultMinTouchDays();
    Result<std::vector<std::pair<PersonId, QDate>>> activities
        = m_store->activities().touchDays(today.addDays(-AttentionWindowDays));
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
    Result<std::vector<std::pair<DealId, QDate>>> lastTouches = m_store->activities().lastTouchOfOpenDeals();
    if (!lastTouches) {
        return lastTouches.error();
    }
    DealFilter open;
    open.statuses = {DealStatus::Open};
    Result<std::vector<Deal>> deals = m_store->deals().list(open);
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
                                        last.isValid() ? std::optional<QDate>(last) : std::nullopt, days, rotting});
        }
    }
    std::sort(report.neglected.begin(), report.neglected.end(), [](const NeglectedDeal& a, const NeglectedDeal& b) {
        return std::tie(b.daysWithoutTouch, a.dealId) < std::tie(a.daysWithoutTouch, b.dealId);
    });
    return report;
}

// --- Retention ---

Result<Deal> PipelineService::createFollowUp(DealId originId, const QString& title,
                                             std::optional<std::int64_t> valueMinor, const QString& actor)
{
    if (valueMinor && *valueMinor < 0) {
        return invalid(QStringLiteral("The value cannot be negative."));
    }
    if (DealImport::characterCount(title) > MaxTextLength) {
        return invalid(QStringLiteral("The title is longer than %1 characters; shorten it.").arg(MaxTextLength));
    }
    Result<WriteTransaction> transaction = m_store->beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    Result<Deal> origin = deal(originId);
    if (!origin) {
        return origin.error();
    }
    if (origin.value().status != DealStatus::Won) {
        return makeError(
            ErrorCode::RefusedByRules,
            QStringLiteral("Deal %1 '%2' is %3 in %4: follow-up deals (cross-sell, up-sell) start from a "
                           "won deal in Customer Retention. Win it first.")
                .arg(originId)
                .arg(origin.value().title, statusSlug(origin.value().status), stageName(origin.value().stage)));
    }
    Deal followUp;
    followUp.title
        = title.trimmed().isEmpty() ? QStringLiteral("Follow-up: %1").arg(origin.value().title) : title.trimmed();
    followUp.company = origin.value().company;
    followUp.contactName = origin.value().contactName;
    followUp.email = origin.value().email;
    followUp.phone = origin.value().phone;
    followUp.owner = origin.value().owner;
    followUp.value = {valueMinor.value_or(0), origin.value().value.currency};
    followUp.originDealId = originId;
    followUp.stage = Stage::Prospecting;
    const QDateTime now = m_clock->nowUtc();
    followUp.createdAt = followUp.updatedAt = followUp.stageEnteredAt = now;
    if (Result<void> done = m_store->deals().insert(followUp); !done) {
        return done.error();
    }
    HistoryEntry created {0, followUp.id, std::nullopt, followUp.stage, std::nullopt, followUp.status, now, actor};
    if (Result<void> done = m_store->deals().insertHistory(created); !done) {
        return done.error();
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    spdlog::info("Created follow-up deal {} of won deal {}", followUp.id, originId);
    Q_EMIT dealChanged(followUp);
    return followUp;
}

} // namespace dealboard
