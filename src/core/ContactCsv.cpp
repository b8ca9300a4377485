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

// Organizations and people, one path: the columns ContactExport names.
template<typename Record> bool writeContacts(QIODevice* device, const std::vector<Record>& records, bool bom)
{
    CsvWriter writer(device, bom);
    QStringList names {QStringLiteral("id")};
    for (const auto& [name, value] : ContactExport<Record>::texts) {
        names << QLatin1String(name);
    }
    names << QStringLiteral("tags") << QStringLiteral("notes");
    bool ok = header(writer, names);
    for (const Record& record : records) {
        writer.plain(QString::number(record.id));
        for (const auto& [name, value] : ContactExport<Record>::texts) {
            writer.text(record.*value);
        }
        writer.text(tagText(record.tags)).text(record.notes);
        ok = writer.endRow() && ok;
    }
    return ok;
}

} // namespace

bool ContactCsv::writeOrganizations(QIODevice* device, const std::vector<Organization>& organizations, bool bom)
{
    return writeContacts(device, organizations, bom);
}

bool ContactCsv::writePeople(QIODevice* device, const std::vector<Person>& people, bool bom)
{
    return writeContacts(device, people, bom);
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
