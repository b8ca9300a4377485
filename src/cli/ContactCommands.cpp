// dealboard-cli's commands for organizations, people, segments, activities,
// the attention report and follow-up deals.
#include "CliApp.h"
#include "CliSupport.h"
#include "dealboard/ContactCsv.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/StoredTime.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <spdlog/spdlog.h>

namespace dealboard::cli {

namespace {

QJsonArray tagsJson(const QStringList& tags)
{
    return QJsonArray::fromStringList(tags);
}

QJsonObject organizationJson(const Organization& o)
{
    QJsonObject object;
    object[QStringLiteral("id")] = qint64(o.id);
    object[QStringLiteral("name")] = o.name;
    object[QStringLiteral("industry")] = o.industry;
    object[QStringLiteral("size")] = o.size;
    object[QStringLiteral("region")] = o.region;
    object[QStringLiteral("website")] = o.website;
    object[QStringLiteral("tags")] = tagsJson(o.tags);
    object[QStringLiteral("notes")] = o.notes;
    return object;
}

QJsonObject personJson(const Person& p)
{
    QJsonObject object;
    object[QStringLiteral("id")] = qint64(p.id);
    object[QStringLiteral("name")] = p.name;
    object[QStringLiteral("email")] = p.email;
    object[QStringLiteral("phone")] = p.phone;
    object[QStringLiteral("role")] = p.role;
    object[QStringLiteral("organization_id")]
        = p.organizationId > 0 ? QJsonValue(qint64(p.organizationId)) : QJsonValue(QJsonValue::Null);
    object[QStringLiteral("organization")] = p.organizationName;
    object[QStringLiteral("tags")] = tagsJson(p.tags);
    object[QStringLiteral("notes")] = p.notes;
    return object;
}

QJsonObject activityJson(const Activity& a)
{
    QJsonObject object;
    object[QStringLiteral("id")] = qint64(a.id);
    object[QStringLiteral("deal_id")] = qint64(a.dealId);
    object[QStringLiteral("deal_title")] = a.dealTitle;
    object[QStringLiteral("person_id")]
        = a.personId > 0 ? QJsonValue(qint64(a.personId)) : QJsonValue(QJsonValue::Null);
    object[QStringLiteral("person")] = a.personName;
    object[QStringLiteral("type")] = activityKindSlug(a.kind);
    object[QStringLiteral("subject")] = a.subject;
    object[QStringLiteral("due_date")] = toStoredDate(a.dueDate);
    object[QStringLiteral("due_time")]
        = a.dueTime.isValid() ? QJsonValue(a.dueTime.toString(QStringLiteral("HH:mm"))) : QJsonValue(QJsonValue::Null);
    object[QStringLiteral("done")] = a.done;
    object[QStringLiteral("done_at")]
        = a.done && a.doneAt.isValid() ? QJsonValue(toStoredTime(a.doneAt)) : QJsonValue(QJsonValue::Null);
    object[QStringLiteral("notes")] = a.notes;
    return object;
}

QString when(const Activity& a)
{
    return toStoredDate(a.dueDate)
        + (a.dueTime.isValid() ? QLatin1Char(' ') + a.dueTime.toString(QStringLiteral("HH:mm")) : QString());
}

const OptionSpec OrganizationOptions = {
    {QStringLiteral("name"), true},   {QStringLiteral("industry"), true}, {QStringLiteral("size"), true},
    {QStringLiteral("region"), true}, {QStringLiteral("website"), true},  {QStringLiteral("notes"), true},
    {QStringLiteral("tags"), true},
};

const OptionSpec PersonOptions = {
    {QStringLiteral("name"), true}, {QStringLiteral("email"), true}, {QStringLiteral("phone"), true},
    {QStringLiteral("role"), true}, {QStringLiteral("org"), true},   {QStringLiteral("notes"), true},
    {QStringLiteral("tags"), true},
};

OrganizationFields organizationFields(const CommandLine& line)
{
    OrganizationFields fields;
    fields.name = line.value(QStringLiteral("name"));
    fields.industry = line.value(QStringLiteral("industry"));
    fields.size = line.value(QStringLiteral("size"));
    fields.region = line.value(QStringLiteral("region"));
    fields.website = line.value(QStringLiteral("website"));
    fields.notes = line.value(QStringLiteral("notes"));
    if (const auto tags = line.value(QStringLiteral("tags"))) {
        fields.tags = parseTags(*tags);
    }
    return fields;
}

PersonFields personFields(const CommandLine& line)
{
    PersonFields fields;
    fields.name = line.value(QStringLiteral("name"));
    fields.email = line.value(QStringLiteral("email"));
    fields.phone = line.value(QStringLiteral("phone"));
    fields.role = line.value(QStringLiteral("role"));
    fields.organization = line.value(QStringLiteral("org"));
    fields.notes = line.value(QStringLiteral("notes"));
    if (const auto tags = line.value(QStringLiteral("tags"))) {
        fields.tags = parseTags(*tags);
    }
    return fields;
}

// Parses "SUBCOMMAND [ID] options" for org and person; `ids` is how many ids follow.
std::optional<CommandLine> parseSub(const QStringList& args, const OptionSpec& spec, QString& fault)
{
    return CommandLine::parse(args, withGlobals(spec), fault);
}

// Every record as JSON, for --format json.
template<typename Record> QJsonArray jsonArray(const std::vector<Record>& records, QJsonObject (*toJson)(const Record&))
{
    QJsonArray array;
    for (const Record& record : records) {
        array.append(toJson(record));
    }
    return array;
}

} // namespace

int CliApp::printListing(const CommandLine& line, const std::function<bool(QIODevice*)>& csv, const QJsonArray& json,
                         const QStringList& header, const std::vector<QStringList>& rows, const QSet<int>& rightAligned,
                         const QString& countLine)
{
    const QString format = line.value(QStringLiteral("format")).value_or(QStringLiteral("table"));
    if (format == u"csv") {
        return writeOutput(QStringLiteral("-"), csv);
    }
    if (format == u"json") {
        printOut(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)));
        return ExitDone;
    }
    printOut(table(header, rows, rightAligned));
    printOut(countLine);
    return ExitDone;
}

std::optional<CommandLine> CliApp::parseListing(const QStringList& args, const OptionSpec& extra, int& code)
{
    OptionSpec spec = extra;
    spec.insert(QStringLiteral("format"), true);
    return parseTable(args, spec, code);
}

int CliApp::cmdOrg(const QStringList& args)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    QString fault;
    if (sub == u"add" || sub == u"edit") {
        const auto line = parseSub(rest, OrganizationOptions, fault);
        if (!line) {
            return usage(fault);
        }
        const qsizetype ids = sub == u"edit" ? 1 : 0;
        if (line->positionals().size() != ids) {
            return usage(sub == u"add" ? QStringLiteral("org add takes options only: org add --name NAME [...]")
                                       : QStringLiteral("org edit needs one organization id: org edit ID [...]"));
        }
        std::optional<DealId> id;
        if (ids == 1 && !(id = parseId(line->positionals().front()))) {
            return usage(QStringLiteral("'%1' is not an organization id").arg(line->positionals().front()));
        }
        if (!openService()) {
            return ExitBadInput;
        }
        Result<Organization> saved = id ? m_service->editOrganization(*id, organizationFields(*line))
                                        : m_service->createOrganization(organizationFields(*line));
        if (!saved) {
            return fail(saved.error());
        }
        if (!id) {
            printOut(QStringLiteral("%1\n").arg(saved.value().id));
        }
        return ExitDone;
    }
    if (sub == u"list") {
        int code = ExitDone;
        const auto line = parseListing(rest, {{QStringLiteral("search"), true}, {QStringLiteral("tag"), true}}, code);
        if (!line) {
            return code;
        }
        if (!openService()) {
            return ExitBadInput;
        }
        ContactFilter filter {line->value(QStringLiteral("search")).value_or(QString()),
                              line->value(QStringLiteral("tag")).value_or(QString())};
        Result<std::vector<Organization>> organizations = m_service->organizations(filter);
        if (!organizations) {
            return fail(organizations.error());
        }
        const std::vector<Organization>& list = organizations.value();
        std::vector<QStringList> rows;
        for (const Organization& o : list) {
            rows.push_back({QString::number(o.id), elide(o.name, 32), elide(o.industry, 16), o.size,
                            elide(o.region, 16), elide(o.tags.join(QStringLiteral(", ")), 40)});
        }
        return printListing(
            *line, [&](QIODevice* device) { return ContactCsv::writeOrganizations(device, list, false); },
            jsonArray(list, organizationJson),
            {QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("INDUSTRY"), QStringLiteral("SIZE"),
             QStringLiteral("REGION"), QStringLiteral("TAGS")},
            rows, {0}, QStringLiteral("%1 organization(s)\n").arg(list.size()));
    }
    if (sub == u"show") {
        const auto line = parseSub(rest, {{QStringLiteral("format"), true}}, fault);
        if (!line) {
            return usage(fault);
        }
        const std::optional<DealId> id
            = line->positionals().size() == 1 ? parseId(line->positionals().front()) : std::nullopt;
        if (!id) {
            return usage(QStringLiteral("org show needs one organization id"));
        }
        const QString format = line->value(QStringLiteral("format")).value_or(QStringLiteral("text"));
        if (format != u"text" && format != u"json") {
            return usage(QStringLiteral("unknown format '%1' (use text or json)").arg(format));
        }
        if (!openService()) {
            return ExitBadInput;
        }
        Result<Organization> organization = m_service->organization(*id);
        if (!organization) {
            return fail(organization.error());
        }
        Result<std::vector<Person>> people = m_service->people();
        Result<std::vector<Deal>> deals = m_service->deals();
        if (!people || !deals) {
            return fail(!people ? people.error() : deals.error());
        }
        const Organization& o = organization.value();
        QJsonArray peopleJson;
        QJsonArray dealsJson;
        QString peopleText;
        QString dealsText;
        for (const Person& p : people.value()) {
            if (p.organizationId == o.id) {
                peopleJson.append(personJson(p));
                peopleText += QStringLiteral("  %1  %2  %3\n").arg(p.id).arg(p.name, p.email);
            }
        }
        for (const Deal& d : deals.value()) {
            if (d.organizationId == o.id) {
                QJsonObject deal;
                deal[QStringLiteral("id")] = qint64(d.id);
                deal[QStringLiteral("title")] = d.title;
                deal[QStringLiteral("stage")] = stageSlug(d.stage);
                deal[QStringLiteral("status")] = statusSlug(d.status);
                deal[QStringLiteral("value")] = formatDecimal(d.value.minor);
                deal[QStringLiteral("currency")] = d.value.currency;
                dealsJson.append(deal);
                dealsText += QStringLiteral("  %1  %2  %3 %4  %5\n")
                                 .arg(d.id)
                                 .arg(d.title, stageSlug(d.stage), statusSlug(d.status), formatForPeople(d.value));
            }
        }
        if (format == u"json") {
            QJsonObject object = organizationJson(o);
            object[QStringLiteral("people")] = peopleJson;
            object[QStringLiteral("deals")] = dealsJson;
            printOut(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
            return ExitDone;
        }
        QString text = QStringLiteral("Organization %1: %2\n").arg(o.id).arg(o.name);
        auto field = [&text](const char* name, const QString& value) {
            text
                += QStringLiteral("  %1 %2\n")
                       .arg(QString::fromLatin1(name).leftJustified(10), value.isEmpty() ? QStringLiteral("-") : value);
        };
        field("Industry:", o.industry);
        field("Size:", o.size);
        field("Region:", o.region);
        field("Website:", o.website);
        field("Tags:", o.tags.join(QStringLiteral(", ")));
        field("Notes:", o.notes);
        text += QStringLiteral("People:\n") + (peopleText.isEmpty() ? QStringLiteral("  -\n") : peopleText);
        text += QStringLiteral("Deals:\n") + (dealsText.isEmpty() ? QStringLiteral("  -\n") : dealsText);
        printOut(text);
        return ExitDone;
    }
    return usage(QStringLiteral("org needs add, edit, list or show"));
}

int CliApp::cmdPerson(const QStringList& args)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    QString fault;
    if (sub == u"add" || sub == u"edit") {
        const auto line = parseSub(rest, PersonOptions, fault);
        if (!line) {
            return usage(fault);
        }
        const qsizetype ids = sub == u"edit" ? 1 : 0;
        if (line->positionals().size() != ids) {
            return usage(sub == u"add" ? QStringLiteral("person add takes options only: person add --name NAME [...]")
                                       : QStringLiteral("person edit needs one person id: person edit ID [...]"));
        }
        std::optional<DealId> id;
        if (ids == 1 && !(id = parseId(line->positionals().front()))) {
            return usage(QStringLiteral("'%1' is not a person id").arg(line->positionals().front()));
        }
        if (!openService()) {
            return ExitBadInput;
        }
        Result<Person> saved
            = id ? m_service->editPerson(*id, personFields(*line)) : m_service->createPerson(personFields(*line));
        if (!saved) {
            return fail(saved.error());
        }
        if (!id) {
            printOut(QStringLiteral("%1\n").arg(saved.value().id));
        }
        return ExitDone;
    }
    if (sub == u"list") {
        int code = ExitDone;
        const auto line = parseListing(rest, {{QStringLiteral("search"), true}, {QStringLiteral("tag"), true}}, code);
        if (!line) {
            return code;
        }
        if (!openService()) {
            return ExitBadInput;
        }
        ContactFilter filter {line->value(QStringLiteral("search")).value_or(QString()),
                              line->value(QStringLiteral("tag")).value_or(QString())};
        Result<std::vector<Person>> people = m_service->people(filter);
        if (!people) {
            return fail(people.error());
        }
        const std::vector<Person>& list = people.value();
        std::vector<QStringList> rows;
        for (const Person& p : list) {
            rows.push_back({QString::number(p.id), elide(p.name, 28), elide(p.email, 36), elide(p.role, 16),
                            elide(p.organizationName, 28), elide(p.tags.join(QStringLiteral(", ")), 30)});
        }
        return printListing(
            *line, [&](QIODevice* device) { return ContactCsv::writePeople(device, list, false); },
            jsonArray(list, personJson),
            {QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("EMAIL"), QStringLiteral("ROLE"),
             QStringLiteral("ORGANIZATION"), QStringLiteral("TAGS")},
            rows, {0}, QStringLiteral("%1 person(s)\n").arg(list.size()));
    }
    if (sub == u"show") {
        const auto line = parseSub(rest, {{QStringLiteral("format"), true}}, fault);
        if (!line) {
            return usage(fault);
        }
        const std::optional<DealId> id
            = line->positionals().size() == 1 ? parseId(line->positionals().front()) : std::nullopt;
        if (!id) {
            return usage(QStringLiteral("person show needs one person id"));
        }
        const QString format = line->value(QStringLiteral("format")).value_or(QStringLiteral("text"));
        if (format != u"text" && format != u"json") {
            return usage(QStringLiteral("unknown format '%1' (use text or json)").arg(format));
        }
        if (!openService()) {
            return ExitBadInput;
        }
        Result<Person> person = m_service->person(*id);
        if (!person) {
            return fail(person.error());
        }
        ActivityFilter filter;
        filter.personId = *id;
        Result<std::vector<Activity>> activities = m_service->activities(filter);
        if (!activities) {
            return fail(activities.error());
        }
        const Person& p = person.value();
        if (format == u"json") {
            QJsonObject object = personJson(p);
            QJsonArray list;
            for (const Activity& a : activities.value()) {
                list.append(activityJson(a));
            }
            object[QStringLiteral("activities")] = list;
            printOut(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
            return ExitDone;
        }
        QString text = QStringLiteral("Person %1: %2\n").arg(p.id).arg(p.name);
        auto field = [&text](const char* name, const QString& value) {
            text
                += QStringLiteral("  %1 %2\n")
                       .arg(QString::fromLatin1(name).leftJustified(14), value.isEmpty() ? QStringLiteral("-") : value);
        };
        field("Email:", p.email);
        field("Phone:", p.phone);
        field("Role:", p.role);
        field("Organization:", p.organizationName);
        field("Tags:", p.tags.join(QStringLiteral(", ")));
        field("Notes:", p.notes);
        text += QStringLiteral("Activities:\n");
        for (const Activity& a : activities.value()) {
            text += QStringLiteral("  %1  %2  %3 \"%4\"  deal %5%6\n")
                        .arg(a.id)
                        .arg(when(a), activityKindSlug(a.kind), a.subject)
                        .arg(a.dealId)
                        .arg(a.done ? QStringLiteral("  done") : QString());
        }
        if (activities.value().empty()) {
            text += QStringLiteral("  -\n");
        }
        printOut(text);
        return ExitDone;
    }
    return usage(QStringLiteral("person needs add, edit, list or show"));
}

std::optional<ActivityFields> CliApp::activityFields(const CommandLine& line, const QString& prefix, int& code)
{
    ActivityFields fields;
    const QString type = line.value(prefix + QStringLiteral("type")).value_or(QStringLiteral("task"));
    const std::optional<ActivityKind> kind = activityKindFromSlug(type);
    if (!kind) {
        code = usage(QStringLiteral("unknown activity type '%1' (use call, email, meeting or task)").arg(type));
        return std::nullopt;
    }
    fields.kind = *kind;
    fields.subject = line.value(prefix + QStringLiteral("subject")).value_or(QString());
    const QString due = line.value(prefix + QStringLiteral("due")).value_or(QString()).trimmed();
    fields.dueDate = due.isEmpty() ? m_clock->nowUtc().toLocalTime().date() : fromStoredDate(due);
    if (!fields.dueDate.isValid()) {
        code = fail(
            makeError(ErrorCode::InvalidInput, QStringLiteral("'%1' is not a date; write it as YYYY-MM-DD.").arg(due)));
        return std::nullopt;
    }
    if (const auto time = line.value(prefix + QStringLiteral("time")); time && !time->trimmed().isEmpty()) {
        fields.dueTime = QTime::fromString(time->trimmed(), QStringLiteral("HH:mm"));
        if (!fields.dueTime.isValid()) {
            code = fail(
                makeError(ErrorCode::InvalidInput,
                          QStringLiteral("'%1' is not a time of day; write it as HH:MM (24 hours).").arg(*time)));
            return std::nullopt;
        }
    }
    fields.notes = line.value(prefix + QStringLiteral("notes")).value_or(QString());
    return fields;
}

int CliApp::cmdActivity(const QStringList& args)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    QString fault;
    if (sub == u"add") {
        const auto line = parseSub(rest,
                                   {{QStringLiteral("deal"), true},
                                    {QStringLiteral("type"), true},
                                    {QStringLiteral("subject"), true},
                                    {QStringLiteral("due"), true},
                                    {QStringLiteral("time"), true},
                                    {QStringLiteral("person"), true},
                                    {QStringLiteral("notes"), true},
                                    {QStringLiteral("done"), false},
                                    {QStringLiteral("anyway"), false}},
                                   fault);
        if (!line) {
            return usage(fault);
        }
        if (!line->positionals().isEmpty()) {
            return usage(QStringLiteral("unexpected argument '%1'").arg(line->positionals().front()));
        }
        const std::optional<DealId> deal = parseId(line->value(QStringLiteral("deal")).value_or(QString()));
        if (!deal) {
            return usage(QStringLiteral("activity add needs --deal ID"));
        }
        int code = ExitDone;
        std::optional<ActivityFields> fields = activityFields(*line, QString(), code);
        if (!fields) {
            return code;
        }
        fields->dealId = *deal;
        fields->done = line->flag(QStringLiteral("done"));
        if (const auto person = line->value(QStringLiteral("person"))) {
            const std::optional<DealId> id = parseId(*person);
            if (!id) {
                return usage(QStringLiteral("'%1' is not a person id").arg(*person));
            }
            fields->personId = *id;
        }
        if (!openService()) {
            return ExitBadInput;
        }
        Result<Activity> planned = m_service->planActivity(*fields, line->flag(QStringLiteral("anyway")));
        if (!planned) {
            if (planned.error().code == ErrorCode::TooFrequent) {
                printErr(QStringLiteral("dealboard-cli: %1\nNothing was saved. Add --anyway to save it all the same.\n")
                             .arg(planned.error().message));
                return ExitRefused;
            }
            return fail(planned.error());
        }
        printOut(QStringLiteral("%1\n").arg(planned.value().id));
        return ExitDone;
    }
    if (sub == u"done") {
        const auto line = parseSub(rest,
                                   {{QStringLiteral("next-type"), true},
                                    {QStringLiteral("next-subject"), true},
                                    {QStringLiteral("next-due"), true},
                                    {QStringLiteral("next-time"), true},
                                    {QStringLiteral("next-notes"), true},
                                    {QStringLiteral("anyway"), false}},
                                   fault);
        if (!line) {
            return usage(fault);
        }
        const std::optional<DealId> id
            = line->positionals().size() == 1 ? parseId(line->positionals().front()) : std::nullopt;
        if (!id) {
            return usage(QStringLiteral("activity done needs one activity id"));
        }
        std::optional<ActivityFields> next;
        if (line->has(QStringLiteral("next-subject"))) {
            int code = ExitDone;
            next = activityFields(*line, QStringLiteral("next-"), code);
            if (!next) {
                return code;
            }
        } else if (line->has(QStringLiteral("next-type")) || line->has(QStringLiteral("next-due"))) {
            return usage(QStringLiteral("the next activity needs --next-subject"));
        }
        if (!openService()) {
            return ExitBadInput;
        }
        Result<std::optional<Activity>> done
            = m_service->completeActivity(*id, next, line->flag(QStringLiteral("anyway")));
        if (!done) {
            if (done.error().code == ErrorCode::TooFrequent) {
                printErr(QStringLiteral("dealboard-cli: %1\nNothing was saved (the activity is not marked done). Add "
                                        "--anyway to save it all the same.\n")
                             .arg(done.error().message));
                return ExitRefused;
            }
            return fail(done.error());
        }
        if (done.value()) {
            printOut(QStringLiteral("%1\n").arg(done.value()->id));
        } else {
            printErr(QStringLiteral("Done. No next activity is planned for deal %1; plan one with activity add.\n")
                         .arg(m_service->activity(*id).value().dealId));
        }
        return ExitDone;
    }
    if (sub == u"list") {
        int code = ExitDone;
        const auto line = parseListing(rest,
                                       {{QStringLiteral("deal"), true},
                                        {QStringLiteral("person"), true},
                                        {QStringLiteral("overdue"), false},
                                        {QStringLiteral("open"), false}},
                                       code);
        if (!line) {
            return code;
        }
        ActivityFilter filter;
        for (const auto& [name, target] :
             {std::pair {"deal", &filter.dealId}, std::pair {"person", &filter.personId}}) {
            if (const auto value = line->value(QString::fromLatin1(name))) {
                const std::optional<DealId> id = parseId(*value);
                if (!id) {
                    return usage(QStringLiteral("'%1' is not a %2 id").arg(*value, QLatin1String(name)));
                }
                *target = *id;
            }
        }
        filter.openOnly = line->flag(QStringLiteral("open")) || line->flag(QStringLiteral("overdue"));
        if (line->flag(QStringLiteral("overdue"))) {
            filter.dueBefore = m_clock->nowUtc().toLocalTime().date();
        }
        if (!openService()) {
            return ExitBadInput;
        }
        Result<std::vector<Activity>> activities = m_service->activities(filter);
        if (!activities) {
            return fail(activities.error());
        }
        const std::vector<Activity>& list = activities.value();
        std::vector<QStringList> rows;
        for (const Activity& a : list) {
            rows.push_back({QString::number(a.id), when(a), activityKindSlug(a.kind), elide(a.subject, 32),
                            QString::number(a.dealId), elide(a.dealTitle, 32), elide(a.personName, 20),
                            a.done ? QStringLiteral("yes") : QStringLiteral("no")});
        }
        return printListing(
            *line, [&](QIODevice* device) { return ContactCsv::writeActivities(device, list, false); },
            jsonArray(list, activityJson),
            {QStringLiteral("ID"), QStringLiteral("DUE"), QStringLiteral("TYPE"), QStringLiteral("SUBJECT"),
             QStringLiteral("DEAL"), QStringLiteral("TITLE"), QStringLiteral("PERSON"), QStringLiteral("DONE")},
            rows, {0, 4},
            QStringLiteral("%1 activit%2\n")
                .arg(list.size())
                .arg(list.size() == 1 ? QStringLiteral("y") : QStringLiteral("ies")));
    }
    return usage(QStringLiteral("activity needs add, done or list"));
}

int CliApp::cmdSegment(const QStringList& args)
{
    const QString sub = args.value(0);
    QString fault;
    const auto line
        = parseSub(args.mid(1), {{QStringLiteral("min-days"), true}, {QStringLiteral("format"), true}}, fault);
    if (!line) {
        return usage(fault);
    }
    if (sub == u"list") {
        if (!openService()) {
            return ExitBadInput;
        }
        Result<std::vector<Segment>> segments = m_service->segments();
        Result<int> defaultDays = m_service->defaultMinTouchDays();
        if (!segments || !defaultDays) {
            return fail(!segments ? segments.error() : defaultDays.error());
        }
        std::vector<QStringList> rows;
        for (const Segment& s : segments.value()) {
            rows.push_back({s.tag, QString::number(s.organizations), QString::number(s.people),
                            s.minTouchDays ? QString::number(*s.minTouchDays)
                                           : QStringLiteral("%1 (default)").arg(defaultDays.value())});
        }
        printOut(table({QStringLiteral("TAG"), QStringLiteral("ORGANIZATIONS"), QStringLiteral("PEOPLE"),
                        QStringLiteral("MIN DAYS BETWEEN TOUCHES")},
                       rows, {1, 2}));
        printOut(QStringLiteral("Default minimum days between touches: %1\n").arg(defaultDays.value()));
        return ExitDone;
    }
    const QString daysText = line->value(QStringLiteral("min-days")).value_or(QString()).trimmed();
    std::optional<int> days;
    if (daysText != u"none") {
        bool ok = false;
        days = daysText.toInt(&ok);
        if (!ok) {
            return usage(QStringLiteral("--min-days needs a whole number of days%1")
                             .arg(sub == u"set" ? QStringLiteral(" (or none)") : QString()));
        }
    }
    if (sub == u"set") {
        if (line->positionals().size() != 1) {
            return usage(QStringLiteral("segment set needs one tag: segment set TAG --min-days N"));
        }
        if (!openService()) {
            return ExitBadInput;
        }
        if (Result<void> done = m_service->setSegmentRule(line->positionals().front(), days); !done) {
            return fail(done.error());
        }
        return ExitDone;
    }
    if (sub == u"default") {
        if (!days) {
            return usage(QStringLiteral("segment default needs --min-days N"));
        }
        if (!openService()) {
            return ExitBadInput;
        }
        if (Result<void> done = m_service->setDefaultMinTouchDays(*days); !done) {
            return fail(done.error());
        }
        return ExitDone;
    }
    return usage(QStringLiteral("segment needs list, set or default"));
}

int CliApp::cmdAttention(const QStringList& args)
{
    int code = ExitDone;
    const auto line = parseListing(args, {}, code);
    if (!line) {
        return code;
    }
    if (!openService()) {
        return ExitBadInput;
    }
    Result<AttentionReport> report = m_service->attentionReport();
    if (!report) {
        return fail(report.error());
    }
    const QString format = line->value(QStringLiteral("format")).value_or(QStringLiteral("table"));
    if (format == u"json") {
        QJsonArray over;
        for (const OverContacted& o : report.value().overContacted) {
            QJsonObject object;
            object[QStringLiteral("person_id")] = qint64(o.personId);
            object[QStringLiteral("person")] = o.personName;
            object[QStringLiteral("organization")] = o.organizationName;
            object[QStringLiteral("min_days")] = o.minDays;
            object[QStringLiteral("closest_touches")] = QJsonArray {toStoredDate(o.first), toStoredDate(o.second)};
            object[QStringLiteral("touches_last_30_days")] = o.touchesIn30Days;
            over.append(object);
        }
        QJsonArray neglected;
        for (const NeglectedDeal& n : report.value().neglected) {
            QJsonObject object;
            object[QStringLiteral("deal_id")] = qint64(n.dealId);
            object[QStringLiteral("title")] = n.title;
            object[QStringLiteral("stage")] = stageSlug(n.stage);
            object[QStringLiteral("owner")] = n.owner;
            object[QStringLiteral("last_touch")]
                = n.lastTouch ? QJsonValue(toStoredDate(*n.lastTouch)) : QJsonValue(QJsonValue::Null);
            object[QStringLiteral("days_without_touch")] = n.daysWithoutTouch;
            object[QStringLiteral("rotting_days")] = n.rottingDays;
            neglected.append(object);
        }
        QJsonObject root;
        root[QStringLiteral("over_contacted")] = over;
        root[QStringLiteral("neglected")] = neglected;
        printOut(QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented)));
        return ExitDone;
    }
    if (format == u"csv") {
        return usage(QStringLiteral("attention prints table or json"));
    }
    std::vector<QStringList> rows;
    for (const OverContacted& o : report.value().overContacted) {
        rows.push_back({QString::number(o.personId), elide(o.personName, 28), elide(o.organizationName, 28),
                        QStringLiteral("%1, %2").arg(toStoredDate(o.first), toStoredDate(o.second)),
                        QString::number(o.minDays), QString::number(o.touchesIn30Days)});
    }
    printOut(QStringLiteral("Over-contacted people (two touches closer than their segments allow):\n"));
    printOut(table({QStringLiteral("ID"), QStringLiteral("PERSON"), QStringLiteral("ORGANIZATION"),
                    QStringLiteral("CLOSEST TOUCHES"), QStringLiteral("MIN DAYS"), QStringLiteral("LAST 30 DAYS")},
                   rows, {0, 4, 5}));
    rows.clear();
    for (const NeglectedDeal& n : report.value().neglected) {
        rows.push_back({QString::number(n.dealId), elide(n.title, 40), stageSlug(n.stage), n.owner,
                        n.lastTouch ? toStoredDate(*n.lastTouch) : QStringLiteral("never"),
                        QString::number(n.daysWithoutTouch), QString::number(n.rottingDays)});
    }
    printOut(QStringLiteral("\nNeglected open deals (no touch for longer than the stage's rotting days):\n"));
    printOut(table({QStringLiteral("ID"), QStringLiteral("TITLE"), QStringLiteral("STAGE"), QStringLiteral("OWNER"),
                    QStringLiteral("LAST TOUCH"), QStringLiteral("DAYS"), QStringLiteral("ROTS AFTER")},
                   rows, {0, 5, 6}));
    printOut(QStringLiteral("%1 over-contacted, %2 neglected\n")
                 .arg(report.value().overContacted.size())
                 .arg(report.value().neglected.size()));
    return ExitDone;
}

int CliApp::cmdFollowup(const QStringList& args)
{
    int code = ExitDone;
    const auto action = parseDealAction(
        args, {{QStringLiteral("title"), true}, {QStringLiteral("value"), true}, {QStringLiteral("actor"), true}}, 1,
        QStringLiteral("followup needs exactly one won deal's id"), code);
    if (!action) {
        return code;
    }
    std::optional<std::int64_t> value;
    if (const auto text = action->line.value(QStringLiteral("value"))) {
        Result<std::int64_t> minor = parseDecimal(text->trimmed());
        if (!minor) {
            return fail(minor.error());
        }
        value = minor.value();
    }
    if (!openService()) {
        return ExitBadInput;
    }
    Result<Deal> created = m_service->createFollowUp(
        action->id, action->line.value(QStringLiteral("title")).value_or(QString()), value, action->options.actor);
    if (!created) {
        return fail(created.error());
    }
    printOut(QStringLiteral("%1\n").arg(created.value().id));
    return ExitDone;
}

int CliApp::exportContacts(const QString& what, const CommandLine& line)
{
    const auto out = line.value(QStringLiteral("out"));
    if (!out || out->isEmpty()) {
        return usage(QStringLiteral("export needs --out FILE (or --out - for standard output)"));
    }
    if (!openService()) {
        return ExitBadInput;
    }
    const bool bom = line.flag(QStringLiteral("bom"));
    std::size_t rows = 0;
    int code = ExitDone;
    if (what == u"organizations") {
        Result<std::vector<Organization>> list = m_service->organizations();
        if (!list) {
            return fail(list.error());
        }
        rows = list.value().size();
        code = writeOutput(*out, [&](QIODevice* d) { return ContactCsv::writeOrganizations(d, list.value(), bom); });
    } else if (what == u"people") {
        Result<std::vector<Person>> list = m_service->people();
        if (!list) {
            return fail(list.error());
        }
        rows = list.value().size();
        code = writeOutput(*out, [&](QIODevice* d) { return ContactCsv::writePeople(d, list.value(), bom); });
    } else {
        Result<std::vector<Activity>> list = m_service->activities();
        if (!list) {
            return fail(list.error());
        }
        rows = list.value().size();
        code = writeOutput(*out, [&](QIODevice* d) { return ContactCsv::writeActivities(d, list.value(), bom); });
    }
    if (code != ExitDone || *out == u"-") {
        return code;
    }
    spdlog::info("Exported {} {} to {}", rows, what.toStdString(), out->toStdString());
    printErr(QStringLiteral("Exported %1 %2 row(s) to %3\n").arg(rows).arg(what, *out));
    return ExitDone;
}

int CliApp::importPeople(const CommandLine& line)
{
    const QString path = line.positionals().value(1);
    if (Result<void> readable = PipelineFiles::checkInput(path, m_databasePath); !readable) {
        return fail(readable.error());
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(
            makeError(ErrorCode::InvalidInput, QStringLiteral("Can't read '%1': %2.").arg(path, file.errorString())));
    }
    const bool dryRun = line.flag(QStringLiteral("dry-run"));
    if (!openService()) {
        return ExitBadInput;
    }
    Result<PeopleImport> imported = m_service->importPeople(file.readAll(), dryRun);
    if (!imported) {
        return fail(imported.error());
    }
    printOut(QStringLiteral("%1 %2 new and %3 known person(s) from %4\n")
                 .arg(dryRun ? QStringLiteral("Would import") : QStringLiteral("Imported"))
                 .arg(imported.value().created)
                 .arg(imported.value().updated)
                 .arg(path));
    return ExitDone;
}

} // namespace dealboard::cli
