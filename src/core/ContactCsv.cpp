#include "dealboard/ContactCsv.h"

#include "dealboard/CsvWriter.h"
#include "dealboard/StoredTime.h"

namespace dealboard {

namespace {

bool header(CsvWriter& writer, const QStringList& names)
{
    for (const QString& name : names) {
        writer.plain(name);
    }
    return writer.endRow();
}

QString tagText(const QStringList& tags)
{
    return tags.join(QStringLiteral(", "));
}

} // namespace

bool ContactCsv::writeOrganizations(QIODevice* device, const std::vector<Organization>& organizations, bool bom)
{
    CsvWriter writer(device, bom);
    bool ok = header(writer,
                     {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("industry"), QStringLiteral("size"),
                      QStringLiteral("region"), QStringLiteral("website"), QStringLiteral("tags"),
                      QStringLiteral("notes")});
    for (const Organization& o : organizations) {
        writer.plain(QString::number(o.id)).text(o.name).text(o.industry).text(o.size).text(o.region);
        writer.text(o.website).text(tagText(o.tags)).text(o.notes);
        ok = writer.endRow() && ok;
    }
    return ok;
}

bool ContactCsv::writePeople(QIODevice* device, const std::vector<Person>& people, bool bom)
{
    CsvWriter writer(device, bom);
    bool ok = header(writer,
                     {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("email"), QStringLiteral("phone"),
                      QStringLiteral("role"), QStringLiteral("organization"), QStringLiteral("tags"),
                      QStringLiteral("notes")});
    for (const Person& p : people) {
        writer.plain(QString::number(p.id)).text(p.name).text(p.email).text(p.phone).text(p.role);
        writer.text(p.organizationName).text(tagText(p.tags)).text(p.notes);
        ok = writer.endRow() && ok;
    }
    return ok;
}

bool ContactCsv::writeActivities(QIODevice* device, const std::vector<Activity>& activities, bool bom)
{
    CsvWriter writer(device, bom);
    bool ok = header(writer,
                     {QStringLiteral("id"), QStringLiteral("deal_id"), QStringLiteral("deal_title"),
                      QStringLiteral("person_id"), QStringLiteral("person"), QStringLiteral("type"),
                      QStringLiteral("subject"), QStringLiteral("due_date"), QStringLiteral("due_time"),
                      QStringLiteral("done"), QStringLiteral("done_at"), QStringLiteral("notes")});
    for (const Activity& a : activities) {
        writer.plain(QString::number(a.id)).plain(QString::number(a.dealId)).text(a.dealTitle);
        writer.plain(a.personId > 0 ? QString::number(a.personId) : QString()).text(a.personName);
        writer.plain(activityKindSlug(a.kind)).text(a.subject).plain(toStoredDate(a.dueDate));
        writer.plain(a.dueTime.isValid() ? a.dueTime.toString(QStringLiteral("HH:mm")) : QString());
        writer.plain(a.done ? QStringLiteral("yes") : QStringLiteral("no"));
        writer.plain(a.done && a.doneAt.isValid() ? toStoredTime(a.doneAt) : QString()).text(a.notes);
        ok = writer.endRow() && ok;
    }
    return ok;
}

bool ContactCsv::writeNotes(QIODevice* device, const std::vector<Note>& notes, bool bom)
{
    CsvWriter writer(device, bom);
    bool ok = header(writer,
                     {QStringLiteral("id"), QStringLiteral("deal_id"), QStringLiteral("deal_title"),
                      QStringLiteral("author"), QStringLiteral("created_at"), QStringLiteral("text")});
    for (const Note& n : notes) {
        writer.plain(QString::number(n.id)).plain(QString::number(n.dealId)).text(n.dealTitle);
        writer.text(n.author).plain(toStoredTime(n.createdAt)).text(n.text);
        ok = writer.endRow() && ok;
    }
    return ok;
}

} // namespace dealboard
