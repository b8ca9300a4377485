// ContactService::importVCards: people from an address book's .vcf, all or
// nothing, through the same checks as every other way a person is saved.
#include "ServiceSupport.h"
#include "dealboard/Pipeline.h"
#include "dealboard/VCard.h"
#include "dealboard/service/ContactService.h"

#include <QRegularExpression>
#include <algorithm>
#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

namespace {

// The property a refusal of ContactService::apply is about, by the field it names.
QString propertyOf(const QString& refusal)
{
    static const std::pair<const char*, const char*> fields[] = {
        {"email", "EMAIL"},    {"phone", "TEL"},        {"role", "TITLE"}, {"notes", "NOTE"},
        {"tag", "CATEGORIES"}, {"organization", "ORG"}, {"name", "FN"},
    };
    for (const auto& [field, property] : fields) {
        if (refusal.contains(QStringLiteral("The %1 ").arg(QLatin1String(field)))) {
            return QLatin1String(property);
        }
    }
    for (const auto& [field, property] : fields) {
        if (refusal.contains(QLatin1String(field), Qt::CaseInsensitive)) {
            return QLatin1String(property);
        }
    }
    return QStringLiteral("FN");
}

bool sameFacts(const Person& a, const Person& b)
{
    return std::tie(a.name, a.email, a.phone, a.role, a.organizationId, a.notes, a.tags)
        == std::tie(b.name, b.email, b.phone, b.role, b.organizationId, b.notes, b.tags);
}

// A fault's line, for listing the file's faults in its order.
int lineOf(const QString& fault)
{
    static const QRegularExpression number(QStringLiteral("^Line (\\d+)"));
    const QRegularExpressionMatch match = number.match(fault);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

} // namespace

Result<PeopleImport> ContactService::importVCards(const QByteArray& vcf, bool dryRun)
{
    const VCardFile file = VCard::read(vcf);
    QStringList faults = file.faults;
    Result<WriteTransaction> transaction = m_store.beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    // Each person created or changed is in the change log with what it held
    // (no summary line): an import that updates known people can be read
    // back and put right.
    const QString pipeline = m_store.path();
    QHash<QString, int> emailLines;
    PeopleImport outcome;
    for (const VCardPerson& card : file.people) {
        PersonFields fields;
        fields.name = card.name;
        if (!card.emails.isEmpty()) {
            fields.email = card.emails.front();
        }
        if (!card.phones.isEmpty()) {
            fields.phone = card.phones.front();
        }
        if (!card.role.isEmpty()) {
            fields.role = card.role;
        }
        if (card.lines.contains(QStringLiteral("ORG"))) {
            fields.organization = card.organization;
        }
        if (card.hasNotes) {
            fields.notes = card.notes;
        }
        if (card.lines.contains(QStringLiteral("CATEGORIES"))) {
            fields.tags = card.tags;
        }
        const QString email = fields.email.value_or(QString()).toLower();
        if (!email.isEmpty()) {
            if (const auto seen = emailLines.constFind(email); seen != emailLines.constEnd()) {
                faults << QStringLiteral("Line %1 (EMAIL): %2 is also on the card of line %3; one email belongs to "
                                         "one person.")
                              .arg(card.lineOf(QStringLiteral("EMAIL")))
                              .arg(*fields.email)
                              .arg(seen.value());
                continue;
            }
            emailLines.insert(email, card.line);
        }
        // The card of this pipeline's own export updates its person; a known email updates that person.
        Person base;
        if (card.dealBoardId > 0 && card.uid == VCard::uidFor(pipeline, card.dealBoardId)) {
            Result<std::optional<Person>> own = m_store.contacts().findPerson(card.dealBoardId);
            if (!own) {
                return own.error();
            }
            base = own.value().value_or(Person {});
        }
        if (base.id == 0 && !email.isEmpty()) {
            Result<std::optional<Person>> existing = m_store.contacts().findPersonByEmail(email);
            if (!existing) {
                return existing.error();
            }
            base = existing.value().value_or(Person {});
        }
        // Without an email, a known phone names the person (ContactKeys.h),
        // as in a CSV import; with a new email, the same phone is a
        // colleague's line: another person.
        fields.another = true;
        if (base.id == 0 && email.isEmpty() && fields.phone) {
            Result<std::optional<Person>> samePhone = m_store.contacts().personWithPhone(*fields.phone);
            if (!samePhone) {
                return samePhone.error();
            }
            if (samePhone.value()) {
                base = *samePhone.value();
                outcome.linked << QStringLiteral("Line %1: '%2' → existing person '%3' (id %4), the same phone")
                                      .arg(card.line)
                                      .arg(fields.name.value_or(QString()), base.name)
                                      .arg(base.id);
            }
        }
        Result<Person> person = apply(base, fields);
        for (const QString& linked : m_store.contacts().takeLikeLinks()) {
            outcome.linked << QStringLiteral("Line %1: %2").arg(card.line).arg(linked);
        }
        if (!person) {
            const QString property = propertyOf(person.error().message);
            faults
                << QStringLiteral("Line %1 (%2): %3").arg(card.lineOf(property)).arg(property, person.error().message);
            continue;
        }
        if (!faults.isEmpty()) {
            continue; // keep checking, stop writing
        }
        if (base.id != 0 && sameFacts(base, person.value())) {
            ++outcome.unchanged;
        } else if (Result<void> done = saveImported(m_store.contacts(), person.value(), outcome); !done) {
            return done.error();
        }
    }
    if (!faults.isEmpty()) {
        std::stable_sort(faults.begin(), faults.end(),
                         [](const QString& a, const QString& b) { return lineOf(a) < lineOf(b); });
        spdlog::info("Refused a vCard import: {} fault(s)", faults.size());
        return refusedImport(faults.size(), faults); // the transaction rolls back
    }
    if (dryRun || outcome.created + outcome.updated == 0) {
        return outcome; // the transaction rolls back: nothing to write
    }
    if (Result<void> done = transaction.value().commit(); !done) {
        return done.error();
    }
    spdlog::info("Imported people from vCard into {}: {} new, {} updated, {} unchanged", text(m_store.path()),
                 outcome.created, outcome.updated, outcome.unchanged);
    Q_EMIT m_pipeline.contactsChanged();
    Q_EMIT m_pipeline.dealsReset();
    return outcome;
}

} // namespace dealboard
