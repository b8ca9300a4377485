// ContactService::importPeople: people from CSV, all or nothing.
#include "ServiceSupport.h"
#include "dealboard/CsvReader.h"
#include "dealboard/Pipeline.h"
#include "dealboard/service/ContactService.h"

#include <QBuffer>
#include <QHash>
#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

namespace {

// An email as the file's duplicate check keeps it: two independent 64-bit
// hashes of its lower-case form, a few bytes however long the email, so that
// millions of rows are checked without holding their text.
struct EmailKey
{
    size_t first;
    size_t second;
    bool operator==(const EmailKey&) const = default;
};

size_t qHash(const EmailKey& key, size_t seed = 0)
{
    return key.first ^ seed;
}

EmailKey emailKey(const QString& lowerCaseEmail)
{
    return {qHash(lowerCaseEmail, size_t(0x9e3779b97f4a7c15ULL)), qHash(lowerCaseEmail, size_t(0xc2b2ae3d27d4eb4fULL))};
}

} // namespace

Result<PeopleImport> ContactService::importPeople(const QByteArray& csv, bool dryRun)
{
    QByteArray copy = csv;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return importPeople(&buffer, dryRun);
}

Result<PeopleImport> ContactService::importPeople(QIODevice* csv, bool dryRun)
{
    // Read record by record, holding one at a time (a file of millions of
    // people stays in a few megabytes), written as it is read while no fault
    // was found, all in one transaction: all or nothing.
    CsvStream stream(csv);
    CsvTable table;
    int headerLine = 0;
    {
        Result<bool> first = stream.next(table.header, headerLine);
        if (!first) {
            spdlog::info("Refused an import of people: {}", text(first.error().message));
            return first.error();
        }
        if (!first.value()) {
            return invalid(QStringLiteral("The file is empty; it needs at least a header row."));
        }
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
    for (const QString& name : table.header) {
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
    // Each person created or changed is in the change log with what it held
    // (no summary line): an import that updates known people can be read
    // back and put right.
    QStringList faults;
    int faultCount = 0;
    auto fault = [&faults, &faultCount](const QString& what) {
        if (++faultCount <= DealImport::MaxFaultsListed) {
            faults << what;
        }
    };
    QHash<EmailKey, int> emailLines;
    PeopleImport outcome;
    QStringList row;
    int line = 0;
    for (;;) {
        Result<bool> read = stream.next(row, line);
        if (!read) {
            return read.error(); // the transaction rolls back
        }
        if (!read.value()) {
            break;
        }
        if (row.size() != table.header.size()) {
            fault(QStringLiteral("Line %1: %2 fields where the header has %3; a field with a comma or a line break "
                                 "must be quoted.")
                      .arg(line)
                      .arg(row.size())
                      .arg(table.header.size()));
            continue;
        }
        PersonFields fields;
        bool rowOk = true;
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (!columns[c]) {
                continue;
            }
            // The service's rule, said with the line and column: notes may hold lines, nothing else may.
            if (const QString forbidden = DealImport::forbiddenIn(row[c], *columns[c] == Notes); !forbidden.isEmpty()) {
                fault(QStringLiteral("Line %1, column %2 (%3): %4")
                          .arg(line)
                          .arg(c + 1)
                          .arg(table.header[c].trimmed(), forbidden));
                rowOk = false;
                continue;
            }
            const QString cell = DealImport::unguard(row[c]).trimmed();
            // A blank cell says nothing: a known person keeps what they have
            // (a new one without a name is refused as nameless).
            if (cell.isEmpty()) {
                continue;
            }
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
        if (!rowOk) {
            continue;
        }
        auto columnOf = [&columns](Column wanted) {
            return std::find(columns.begin(), columns.end(), std::optional<Column>(wanted)) - columns.begin() + 1;
        };
        const QString email = fields.email.value_or(QString()).toLower();
        if (!email.isEmpty()) {
            const EmailKey key = emailKey(email);
            if (const auto seen = emailLines.constFind(key); seen != emailLines.constEnd()) {
                fault(QStringLiteral("Line %1, column %2 (email): %3 is also on line %4; one email belongs to one "
                                     "person.")
                          .arg(line)
                          .arg(columnOf(Email))
                          .arg(*fields.email)
                          .arg(seen.value()));
                continue;
            }
            emailLines.insert(key, line);
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
        // Without an email, a known phone names the person (ContactKeys.h);
        // with a new email, the same phone is a colleague's line: another person.
        fields.another = true;
        if (email.isEmpty() && fields.phone) {
            Result<std::optional<Person>> samePhone = m_store.contacts().personWithPhone(*fields.phone);
            if (!samePhone) {
                return samePhone.error();
            }
            if (samePhone.value()) {
                base = *samePhone.value();
                outcome.linked << QStringLiteral("Line %1: '%2' → existing person '%3' (id %4), the same phone")
                                      .arg(line)
                                      .arg(fields.name.value_or(QString()), base.name)
                                      .arg(base.id);
            }
        }
        Result<Person> person = apply(base, fields);
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
        for (const QString& linked : m_store.contacts().takeLikeLinks()) {
            outcome.linked << QStringLiteral("Line %1: %2").arg(line).arg(linked);
        }
        if (Result<void> done = saveImported(m_store.contacts(), person.value(), outcome); !done) {
            return done.error();
        }
    }
    if (faultCount > 0) {
        spdlog::info("Refused an import of people: {} fault(s)", faultCount);
        return refusedImport(faultCount, faults); // the transaction rolls back
    }
    if (dryRun) {
        return outcome; // the transaction rolls back
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
