// ContactService::importPeople: people from CSV, all or nothing.
#include "ServiceSupport.h"
#include "dealboard/CsvReader.h"
#include "dealboard/Pipeline.h"
#include "dealboard/service/ContactService.h"

#include <QHash>
#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

Result<PeopleImport> ContactService::importPeople(const QByteArray& csv, bool dryRun)
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

    Result<WriteTransaction> transaction = m_store.beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    if (Result<void> bulk = m_store.beginBulkLog(); !bulk) {
        return bulk.error();
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
            Result<std::optional<Person>> existing = m_store.contacts().findPersonByEmail(email);
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
            if (Result<void> done = m_store.contacts().updatePerson(person.value()); !done) {
                return done.error();
            }
            ++outcome.updated;
        } else {
            if (Result<void> done = m_store.contacts().insertPerson(person.value()); !done) {
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
    if (Result<void> logged
        = m_store.endBulkLog(QStringLiteral("people"), outcome.created + outcome.updated, QStringLiteral("import"));
        !logged) {
        return logged.error();
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    spdlog::info("Imported people into {}: {} new, {} updated", text(m_store.path()), outcome.created, outcome.updated);
    Q_EMIT m_pipeline.contactsChanged();
    Q_EMIT m_pipeline.dealsReset();
    return outcome;
}

} // namespace dealboard
