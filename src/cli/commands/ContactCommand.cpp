// dealboard-cli org and person: add, edit, list and show organizations and
// people. One implementation; a ContactKind says what differs between them.
#include "../Arguments.h"
#include "../Context.h"
#include "../Json.h"
#include "../Output.h"
#include "Commands.h"
#include "PersonVCard.h"
#include "dealboard/ContactCsv.h"
#include "dealboard/Money.h"

#include <QJsonDocument>

namespace dealboard::cli {

namespace {

// What the org and person commands do differently.
struct ContactKind
{
    QString command; // "org"
    QString noun; // "organization"
    QString idNoun; // "organization id"
    QString anIdNoun; // "an organization id"
    OptionDocs options;
    // add (id 0) or edit; returns the saved record's id.
    std::function<Result<std::int64_t>(Pipeline&, std::int64_t id, const CommandLine&)> save;
    std::function<Result<Listing>(Pipeline&, const ContactFilter&)> listing;
    std::function<int(Context&, std::int64_t id, bool json)> show;
    // Sub-commands only this kind has (person import and export), with their form.
    std::vector<std::tuple<QString, CommandForm, std::function<Prepared(Context&, const CommandLine&)>>> more;
};

OptionDocs tagged(OptionDocs docs)
{
    docs.push_back({QStringLiteral("notes"), QStringLiteral("T"), QStringLiteral("free text")});
    docs.push_back({QStringLiteral("tags"), QStringLiteral("\"a, b\""), QStringLiteral("segment tags")});
    docs.push_back(
        {QStringLiteral("new"), QString(), QStringLiteral("save it even when it looks like one already there")});
    return docs;
}

void printFields(QString& text, int width, const std::vector<std::pair<const char*, QString>>& fields)
{
    for (const auto& [name, value] : fields) {
        // Notes may hold lines: the further ones start at the values' column.
        const QString shown = indentedLines(value, QString(width + 3, QLatin1Char(' ')));
        text += QStringLiteral("  %1 %2\n")
                    .arg(QString::fromLatin1(name).leftJustified(width), value.isEmpty() ? QStringLiteral("-") : shown);
    }
}

int showOrganization(Context& context, std::int64_t id, bool json)
{
    Pipeline& service = context.service();
    Result<Organization> organization = service.contacts().organization(id);
    if (!organization) {
        return context.fail(organization.error());
    }
    Result<std::vector<Person>> people = service.contacts().people();
    Result<std::vector<Deal>> deals = service.deals().list();
    if (!people || !deals) {
        return context.fail(!people ? people.error() : deals.error());
    }
    const Organization& o = organization.value();
    QJsonArray peopleJson;
    QJsonArray dealsJson;
    QString peopleText;
    QString dealsText;
    for (const Person& p : people.value()) {
        if (p.organizationId == o.id) {
            peopleJson.append(personJson(p));
            peopleText += QStringLiteral("  %1  %2  %3\n").arg(p.id).arg(oneLine(p.name), oneLine(p.email));
        }
    }
    for (const Deal& d : deals.value()) {
        if (d.organizationId == o.id) {
            QJsonObject deal;
            deal[QStringLiteral("id")] = qint64(d.id);
            deal[QStringLiteral("title")] = d.title;
            deal[QStringLiteral("stage")] = stageSlug(d.stage);
            deal[QStringLiteral("status")] = statusSlug(d.status);
            deal[QStringLiteral("value")] = formatDecimal(d.value.minor, d.value.currency);
            deal[QStringLiteral("currency")] = d.value.currency;
            dealsJson.append(deal);
            dealsText += QStringLiteral("  %1  %2  %3 %4  %5\n")
                             .arg(d.id)
                             .arg(oneLine(d.title), stageSlug(d.stage), statusSlug(d.status), formatForPeople(d.value));
        }
    }
    if (json) {
        QJsonObject object = organizationJson(o);
        object[QStringLiteral("people")] = peopleJson;
        object[QStringLiteral("deals")] = dealsJson;
        printJson(QJsonDocument(object));
        return ExitDone;
    }
    QString text = QStringLiteral("Organization %1: %2\n").arg(o.id).arg(oneLine(o.name));
    printFields(text, 10,
                {{"Industry:", o.industry},
                 {"Size:", o.size},
                 {"Region:", o.region},
                 {"Website:", o.website},
                 {"Tags:", o.tags.join(QStringLiteral(", "))},
                 {"Notes:", o.notes}});
    text += QStringLiteral("People:\n") + (peopleText.isEmpty() ? QStringLiteral("  -\n") : peopleText);
    text += QStringLiteral("Deals:\n") + (dealsText.isEmpty() ? QStringLiteral("  -\n") : dealsText);
    printOut(text);
    return ExitDone;
}

int showPerson(Context& context, std::int64_t id, bool json)
{
    Pipeline& service = context.service();
    Result<Person> person = service.contacts().person(id);
    if (!person) {
        return context.fail(person.error());
    }
    ActivityFilter filter;
    filter.personId = id;
    Result<std::vector<Activity>> activities = service.activities().list(filter);
    if (!activities) {
        return context.fail(activities.error());
    }
    const Person& p = person.value();
    if (json) {
        QJsonObject object = personJson(p);
        object[QStringLiteral("activities")] = jsonArray(activities.value(), activityJson);
        printJson(QJsonDocument(object));
        return ExitDone;
    }
    QString text = QStringLiteral("Person %1: %2\n").arg(p.id).arg(oneLine(p.name));
    printFields(text, 14,
                {{"Email:", p.email},
                 {"Phone:", p.phone},
                 {"Role:", p.role},
                 {"Organization:", p.organizationName},
                 {"Tags:", p.tags.join(QStringLiteral(", "))},
                 {"Notes:", p.notes}});
    text += QStringLiteral("Activities:\n");
    for (const Activity& a : activities.value()) {
        text += QStringLiteral("  %1  %2  %3 \"%4\"  deal %5%6\n")
                    .arg(a.id)
                    .arg(activityWhen(a), activityKindSlug(a.kind), oneLine(a.subject))
                    .arg(a.dealId)
                    .arg(a.done ? QStringLiteral("  done") : QString());
    }
    if (activities.value().empty()) {
        text += QStringLiteral("  -\n");
    }
    printOut(text);
    return ExitDone;
}

ContactKind organizationKind()
{
    ContactKind kind;
    kind.command = QStringLiteral("org");
    kind.noun = QStringLiteral("organization");
    kind.idNoun = QStringLiteral("organization id");
    kind.anIdNoun = QStringLiteral("an organization id");
    kind.options = tagged({{QStringLiteral("name"), QStringLiteral("N"), QStringLiteral("the organization's name")},
                           {QStringLiteral("industry"), QStringLiteral("I"), QStringLiteral("what it does")},
                           {QStringLiteral("size"), QStringLiteral("S"), QStringLiteral("how many people work there")},
                           {QStringLiteral("region"), QStringLiteral("R"), QStringLiteral("where it is")},
                           {QStringLiteral("website"), QStringLiteral("URL"), QStringLiteral("its website")}});
    kind.save = [](Pipeline& service, std::int64_t id, const CommandLine& line) -> Result<std::int64_t> {
        OrganizationFields fields;
        fields.another = line.flag(QStringLiteral("new"));
        fields.name = line.value(QStringLiteral("name"));
        fields.industry = line.value(QStringLiteral("industry"));
        fields.size = line.value(QStringLiteral("size"));
        fields.region = line.value(QStringLiteral("region"));
        fields.website = line.value(QStringLiteral("website"));
        fields.notes = line.value(QStringLiteral("notes"));
        if (const auto tags = line.value(QStringLiteral("tags"))) {
            fields.tags = parseTags(*tags);
        }
        Result<Organization> saved
            = id > 0 ? service.contacts().editOrganization(id, fields) : service.contacts().createOrganization(fields);
        if (!saved) {
            return saved.error();
        }
        return saved.value().id;
    };
    kind.listing = [](Pipeline& service, const ContactFilter& filter) -> Result<Listing> {
        Result<std::vector<Organization>> organizations = service.contacts().organizations(filter);
        if (!organizations) {
            return organizations.error();
        }
        auto list = std::make_shared<std::vector<Organization>>(std::move(organizations.value()));
        Listing listing;
        for (const Organization& o : *list) {
            listing.rows.push_back({QString::number(o.id), elide(o.name, 32), elide(o.industry, 16), o.size,
                                    elide(o.region, 16), elide(o.tags.join(QStringLiteral(", ")), 40)});
        }
        listing.csv = [list](QIODevice* device) { return ContactCsv::writeOrganizations(device, *list, false); };
        listing.json = jsonArray(*list, organizationJson);
        listing.header = {QStringLiteral("ID"),   QStringLiteral("NAME"),   QStringLiteral("INDUSTRY"),
                          QStringLiteral("SIZE"), QStringLiteral("REGION"), QStringLiteral("TAGS")};
        listing.rightAligned = {0};
        listing.countLine = QStringLiteral("%1 organization(s)\n").arg(list->size());
        return listing;
    };
    kind.show = showOrganization;
    return kind;
}

ContactKind personKind()
{
    ContactKind kind;
    kind.command = QStringLiteral("person");
    kind.noun = QStringLiteral("person");
    kind.idNoun = QStringLiteral("person id");
    kind.anIdNoun = QStringLiteral("a person id");
    kind.options = tagged({{QStringLiteral("name"), QStringLiteral("N"), QStringLiteral("the person's name")},
                           {QStringLiteral("email"), QStringLiteral("E"), QStringLiteral("their email (unique)")},
                           {QStringLiteral("phone"), QStringLiteral("P"), QStringLiteral("their phone")},
                           {QStringLiteral("role"), QStringLiteral("R"), QStringLiteral("their role")},
                           {QStringLiteral("org"), QStringLiteral("NAME"), QStringLiteral("their organization")}});
    kind.save = [](Pipeline& service, std::int64_t id, const CommandLine& line) -> Result<std::int64_t> {
        PersonFields fields;
        fields.another = line.flag(QStringLiteral("new"));
        fields.name = line.value(QStringLiteral("name"));
        fields.email = line.value(QStringLiteral("email"));
        fields.phone = line.value(QStringLiteral("phone"));
        fields.role = line.value(QStringLiteral("role"));
        fields.organization = line.value(QStringLiteral("org"));
        fields.notes = line.value(QStringLiteral("notes"));
        if (const auto tags = line.value(QStringLiteral("tags"))) {
            fields.tags = parseTags(*tags);
        }
        Result<Person> saved
            = id > 0 ? service.contacts().editPerson(id, fields) : service.contacts().createPerson(fields);
        if (!saved) {
            return saved.error();
        }
        return saved.value().id;
    };
    kind.listing = [](Pipeline& service, const ContactFilter& filter) -> Result<Listing> {
        Result<std::vector<Person>> people = service.contacts().people(filter);
        if (!people) {
            return people.error();
        }
        auto list = std::make_shared<std::vector<Person>>(std::move(people.value()));
        Listing listing;
        for (const Person& p : *list) {
            listing.rows.push_back({QString::number(p.id), elide(p.name, 28), elide(p.email, 36), elide(p.role, 16),
                                    elide(p.organizationName, 28), elide(p.tags.join(QStringLiteral(", ")), 30)});
        }
        listing.csv = [list](QIODevice* device) { return ContactCsv::writePeople(device, *list, false); };
        listing.json = jsonArray(*list, personJson);
        listing.header = {QStringLiteral("ID"),   QStringLiteral("NAME"),         QStringLiteral("EMAIL"),
                          QStringLiteral("ROLE"), QStringLiteral("ORGANIZATION"), QStringLiteral("TAGS")};
        listing.rightAligned = {0};
        listing.countLine = QStringLiteral("%1 person(s)\n").arg(list->size());
        return listing;
    };
    kind.show = showPerson;
    kind.more = {{QStringLiteral("import"), personImportForm(), importPeopleFromVCard},
                 {QStringLiteral("export"), personExportForm(), exportPeopleAsVCard}};
    return kind;
}

OptionDocs listDocs()
{
    return {{QStringLiteral("search"), QStringLiteral("S"), QStringLiteral("in name, email, organization")},
            {QStringLiteral("tag"), QStringLiteral("T"), QStringLiteral("only those with this tag")},
            {QStringLiteral("format"), QStringLiteral("table|csv|json"), QStringLiteral("how to print it")}};
}

class ContactCommand final : public Command
{
public:
    explicit ContactCommand(ContactKind kind)
        : m_kind(std::move(kind))
    {
    }
    QString name() const override { return m_kind.command; }
    std::vector<CommandForm> forms() const override
    {
        const QString& c = m_kind.command;
        std::vector<CommandForm> all = {
            {QStringLiteral("add --name N [%1 options]").arg(c),
             QStringLiteral("add %1; prints %2 id")
                 .arg(c == u"org" ? QStringLiteral("an organization") : QStringLiteral("a person"),
                      c == u"org" ? QStringLiteral("its") : QStringLiteral("their")),
             m_kind.options},
            {QStringLiteral("edit ID [%1 options]").arg(c),
             QStringLiteral("change %1's facts")
                 .arg(m_kind.noun == u"organization" ? QStringLiteral("an organization") : QStringLiteral("a person")),
             m_kind.options},
            {QStringLiteral("list [--search S] [--tag T] [--format ...]"), QString(), listDocs()},
            {QStringLiteral("show ID [--format text|json]"),
             QString(),
             {{QStringLiteral("format"), QStringLiteral("text|json"), QStringLiteral("how to print it")}}}};
        for (const auto& [sub, form, reader] : m_kind.more) {
            all.push_back(form);
        }
        return all;
    }

protected:
    Prepared read(Context& context, const QStringList& arguments) override
    {
        const QString sub = arguments.value(0);
        const QStringList rest = arguments.mid(1);
        if (sub == u"add" || sub == u"edit") {
            return parsed(context, rest, optionSpec(m_kind.options),
                          [this, sub](Context& c, const CommandLine& line) { return save(c, sub, line); });
        }
        if (sub == u"list") {
            return listed(context, rest, {{QStringLiteral("search"), true}, {QStringLiteral("tag"), true}}, 0,
                          [this](Context& c, const CommandLine& line) { return list(c, line); });
        }
        if (sub == u"show") {
            return parsed(context, rest, {{QStringLiteral("format"), true}},
                          [this](Context& c, const CommandLine& line) { return show(c, line); });
        }
        for (const auto& [name, form, reader] : m_kind.more) {
            if (sub == name) {
                return parsed(context, rest, optionSpec(form.options), reader);
            }
        }
        return context.usage(
            m_kind.more.empty()
                ? QStringLiteral("%1 needs add, edit, list or show").arg(m_kind.command)
                : QStringLiteral("%1 needs add, edit, list, show, import or export").arg(m_kind.command));
    }

private:
    Prepared save(Context& context, const QString& sub, const CommandLine& line)
    {
        const qsizetype ids = sub == u"edit" ? 1 : 0;
        if (line.positionals().size() != ids) {
            return context.usage(
                sub == u"add"
                    ? QStringLiteral("%1 add takes options only: %1 add --name NAME [...]").arg(m_kind.command)
                    : QStringLiteral("%1 edit needs one %2: %1 edit ID [...]").arg(m_kind.command, m_kind.idNoun));
        }
        std::optional<std::int64_t> id;
        if (ids == 1 && !(id = parseId(line.positionals().front()))) {
            return context.usage(QStringLiteral("'%1' is not %2").arg(line.positionals().front(), m_kind.anIdNoun));
        }
        return [=, this, &context](Pipeline& pipeline) -> int {
            Result<std::int64_t> saved = m_kind.save(pipeline, id.value_or(0), line);
            if (!saved) {
                return context.fail(saved.error());
            }
            if (!id) {
                printOut(QStringLiteral("%1\n").arg(saved.value()));
            }
            return ExitDone;
        };
    }

    Prepared list(Context& context, const CommandLine& line)
    {
        return [=, this, &context](Pipeline& pipeline) -> int {
            const ContactFilter filter {line.value(QStringLiteral("search")).value_or(QString()),
                                        line.value(QStringLiteral("tag")).value_or(QString())};
            Result<Listing> listing = m_kind.listing(pipeline, filter);
            if (!listing) {
                return context.fail(listing.error());
            }
            return printListing(context, line, listing.value());
        };
    }

    Prepared show(Context& context, const CommandLine& line)
    {
        const std::optional<std::int64_t> id = onlyId(line);
        if (!id) {
            return context.usage(QStringLiteral("%1 show needs one %2").arg(m_kind.command, m_kind.idNoun));
        }
        const QString format = line.value(QStringLiteral("format")).value_or(QStringLiteral("text"));
        if (format != u"text" && format != u"json") {
            return context.usage(QStringLiteral("unknown format '%1' (use text or json)").arg(format));
        }
        return [=, this, &context](Pipeline&) { return m_kind.show(context, *id, format == u"json"); };
    }

    ContactKind m_kind;
};

} // namespace

std::unique_ptr<Command> makeOrganizationCommand()
{
    return std::make_unique<ContactCommand>(organizationKind());
}

std::unique_ptr<Command> makePersonCommand()
{
    return std::make_unique<ContactCommand>(personKind());
}

} // namespace dealboard::cli
