// The schema's migrations, from an empty file to SchemaVersion: each runs
// inside the transaction Schema::configureAndMigrate holds.
#include "Database.h"
#include "MinorUnits.h"
#include "Schema.h"
#include "StoreValues.h"
#include "dealboard/Deal.h"
#include "dealboard/StoredTime.h"
#include "dealboard/store/SnapshotQueries.h"

#include <QHash>
#include <QSqlError>
#include <map>
#include <spdlog/spdlog.h>

namespace dealboard {

Result<void> Schema::migrateTo1()
{
    const QStringList statements = {
        // AUTOINCREMENT: a deleted deal's id is never given to a new deal, so
        // scripts, undo and other windows never mistake one deal for another.
        QStringLiteral("CREATE TABLE deals ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " title TEXT NOT NULL,"
                       " company TEXT NOT NULL DEFAULT '',"
                       " contact_name TEXT NOT NULL DEFAULT '',"
                       " email TEXT NOT NULL DEFAULT '',"
                       " phone TEXT NOT NULL DEFAULT '',"
                       " owner TEXT NOT NULL DEFAULT '',"
                       " stage TEXT NOT NULL CHECK (stage IN ('prospecting','qualifying','contacting',"
                       "'relationship','negotiation','closing','retention')),"
                       " status TEXT NOT NULL CHECK (status IN ('open','won','lost')),"
                       " value_minor INTEGER NOT NULL DEFAULT 0 CHECK (value_minor >= 0),"
                       " currency TEXT NOT NULL DEFAULT 'EUR',"
                       " expected_close TEXT,"
                       " willing INTEGER NOT NULL DEFAULT 0,"
                       " need INTEGER NOT NULL DEFAULT 0,"
                       " budget INTEGER NOT NULL DEFAULT 0,"
                       " lost_reason TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL,"
                       " updated_at TEXT NOT NULL,"
                       " stage_entered_at TEXT NOT NULL,"
                       " version INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("CREATE TABLE stage_history ("
                       " id INTEGER PRIMARY KEY,"
                       " deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,"
                       " from_stage TEXT,"
                       " to_stage TEXT NOT NULL,"
                       " from_status TEXT,"
                       " to_status TEXT NOT NULL,"
                       " at TEXT NOT NULL,"
                       " actor TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX deals_by_stage ON deals (stage, status)"),
        QStringLiteral("CREATE INDEX deals_by_owner ON deals (owner)"),
        QStringLiteral("CREATE INDEX deals_by_created ON deals (created_at)"),
        QStringLiteral("CREATE INDEX history_by_deal ON stage_history (deal_id, id)"),
        QStringLiteral("CREATE INDEX history_by_stage ON stage_history (to_stage, deal_id)"),
    };
    for (const QString& statement : statements) {
        if (Result<void> done = m_database.execute(statement); !done) {
            return done;
        }
    }
    return {};
}

// Version 2: a manager's goals per stage. Conversion is kept in basis points
// (an integer, like every figure the store keeps).
Result<void> Schema::migrateTo2()
{
    return m_database.execute(
        QStringLiteral("CREATE TABLE stage_goals ("
                       " stage TEXT PRIMARY KEY CHECK (stage IN ('prospecting','qualifying','contacting',"
                       "'relationship','negotiation','closing','retention')),"
                       " target_conversion_bp INTEGER CHECK (target_conversion_bp BETWEEN 0 AND 10000),"
                       " target_median_days INTEGER CHECK (target_median_days >= 0))"));
}

// Version 3: organizations and people as records of their own (the deal's
// company and contact fields become links to them), segment tags, activities,
// and follow-up deals linked to their origin. Exact duplicates merge (the same
// organization name; the same email); every other spelling or phone number a
// merged record had is kept in its notes, so nothing typed is lost.
Result<void> Schema::migrateTo3()
{
    const QStringList statements = {
        QStringLiteral("CREATE TABLE organizations ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " name TEXT NOT NULL CHECK (name <> ''),"
                       " industry TEXT NOT NULL DEFAULT '',"
                       " size TEXT NOT NULL DEFAULT '',"
                       " region TEXT NOT NULL DEFAULT '',"
                       " website TEXT NOT NULL DEFAULT '',"
                       " notes TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE UNIQUE INDEX organizations_by_name ON organizations (lower(name))"),
        QStringLiteral("CREATE TABLE people ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " name TEXT NOT NULL CHECK (name <> ''),"
                       " email TEXT NOT NULL DEFAULT '',"
                       " phone TEXT NOT NULL DEFAULT '',"
                       " role TEXT NOT NULL DEFAULT '',"
                       " organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,"
                       " notes TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE UNIQUE INDEX people_by_email ON people (lower(email)) WHERE email <> ''"),
        QStringLiteral("CREATE INDEX people_by_organization ON people (organization_id, name)"),
        QStringLiteral("CREATE TABLE organization_tags ("
                       " organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,"
                       " tag TEXT NOT NULL CHECK (tag <> ''),"
                       " PRIMARY KEY (organization_id, tag))"),
        QStringLiteral("CREATE INDEX organization_tags_by_tag ON organization_tags (tag)"),
        QStringLiteral("CREATE TABLE person_tags ("
                       " person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
                       " tag TEXT NOT NULL CHECK (tag <> ''),"
                       " PRIMARY KEY (person_id, tag))"),
        QStringLiteral("CREATE INDEX person_tags_by_tag ON person_tags (tag)"),
        QStringLiteral("CREATE TABLE segment_rules ("
                       " tag TEXT PRIMARY KEY CHECK (tag <> ''),"
                       " min_touch_days INTEGER NOT NULL CHECK (min_touch_days BETWEEN 0 AND 365))"),
        QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE activities ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,"
                       " person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,"
                       " kind TEXT NOT NULL CHECK (kind IN ('call','email','meeting','task')),"
                       " subject TEXT NOT NULL CHECK (subject <> ''),"
                       " due_date TEXT NOT NULL,"
                       " due_time TEXT,"
                       " done INTEGER NOT NULL DEFAULT 0,"
                       " done_at TEXT,"
                       " notes TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX activities_by_deal ON activities (deal_id, done, due_date)"),
        QStringLiteral("CREATE INDEX activities_by_person ON activities (person_id, due_date)"),
        QStringLiteral("ALTER TABLE deals ADD COLUMN organization_id INTEGER REFERENCES organizations(id) "
                       "ON DELETE SET NULL"),
        QStringLiteral("ALTER TABLE deals ADD COLUMN person_id INTEGER REFERENCES people(id) ON DELETE SET NULL"),
        QStringLiteral("ALTER TABLE deals ADD COLUMN origin_deal_id INTEGER REFERENCES deals(id) ON DELETE SET NULL"),
        // Follow-ups are few: only they are indexed (deleting a deal finds its
        // follow-ups through it). Deals are never looked up by organization or
        // person in SQL, so those links have no index of their own.
        QStringLiteral("CREATE INDEX deals_by_origin ON deals (origin_deal_id) WHERE origin_deal_id IS NOT NULL"),
        // The board's first screenful: the newest arrivals of each stage, and
        // the column totals summed from an index that covers them (it replaces
        // the plain (stage, status) index).
        QStringLiteral("CREATE INDEX deals_by_stage_entered ON deals (stage, stage_entered_at)"),
        QStringLiteral("DROP INDEX deals_by_stage"),
        // No read looks history up by stage (the report reads it whole).
        QStringLiteral("DROP INDEX history_by_stage"),
        QStringLiteral("CREATE INDEX deals_by_stage ON deals (stage, status, currency, value_minor)"),
    };
    for (const QString& statement : statements) {
        if (Result<void> done = m_database.execute(statement); !done) {
            return done;
        }
    }

    // Move the deals' company and contact fields into records.
    struct Record
    {
        std::int64_t id = 0;
        QString name;
        QString phone;
        QStringList alsoNames;
        QStringList alsoPhones;
        QStringList alsoEmails;
    };
    QHash<QString, Record> organizationsByKey;
    QHash<QString, Record> peopleByKey;
    std::vector<std::tuple<DealId, std::int64_t, std::int64_t>> links;
    std::int64_t nextOrganization = 1;
    std::int64_t nextPerson = 1;
    QHash<QString, QString> personEmail;
    QHash<QString, std::int64_t> personOrganization;
    {
        QSqlQuery read(m_database.connection());
        read.setForwardOnly(true);
        if (!read.exec(QStringLiteral("SELECT id, company, contact_name, email, phone FROM deals ORDER BY id"))) {
            return m_database.storageError(QStringLiteral("read the deals to migrate"), read);
        }
        while (read.next()) {
            const DealId dealId = read.value(0).toLongLong();
            const QString company = read.value(1).toString().trimmed();
            const QString contact = read.value(2).toString().trimmed();
            const QString email = read.value(3).toString().trimmed();
            const QString phone = read.value(4).toString().trimmed();
            std::int64_t organizationId = 0;
            if (!company.isEmpty()) {
                Record& organization = organizationsByKey[asciiLower(company)];
                if (organization.id == 0) {
                    organization.id = nextOrganization++;
                    organization.name = company;
                } else if (company != organization.name && !organization.alsoNames.contains(company)) {
                    organization.alsoNames << company;
                }
                organizationId = organization.id;
            }
            std::int64_t personId = 0;
            if (!contact.isEmpty() || !email.isEmpty() || !phone.isEmpty()) {
                const QString key = !email.isEmpty() ? QStringLiteral("e:") + asciiLower(email)
                    : !contact.isEmpty() ? QStringLiteral("n:%1:%2").arg(organizationId).arg(asciiLower(contact))
                                         : QStringLiteral("p:%1:%2").arg(organizationId).arg(phone);
                Record& person = peopleByKey[key];
                const QString name = !contact.isEmpty() ? contact : !email.isEmpty() ? email : phone;
                if (person.id == 0) {
                    person.id = nextPerson++;
                    person.name = name;
                    person.phone = phone;
                    personEmail.insert(key, email);
                    personOrganization.insert(key, organizationId);
                } else {
                    if (!contact.isEmpty() && contact != person.name && !person.alsoNames.contains(contact)) {
                        person.alsoNames << contact;
                    }
                    if (!email.isEmpty() && email != personEmail.value(key) && !person.alsoEmails.contains(email)) {
                        person.alsoEmails << email;
                    }
                    if (person.phone.isEmpty()) {
                        person.phone = phone;
                    } else if (!phone.isEmpty() && phone != person.phone && !person.alsoPhones.contains(phone)) {
                        person.alsoPhones << phone;
                    }
                    if (personOrganization.value(key) == 0) {
                        personOrganization.insert(key, organizationId);
                    }
                }
                personId = person.id;
            }
            links.emplace_back(dealId, organizationId, personId);
        }
    }
    auto alsoNotes = [](const Record& record) {
        QStringList notes;
        if (const QStringList also = record.alsoNames + record.alsoEmails; !also.isEmpty()) {
            notes << QStringLiteral("Also written as: %1.").arg(also.join(QStringLiteral("; ")));
        }
        if (!record.alsoPhones.isEmpty()) {
            notes << QStringLiteral("Other phone numbers: %1.").arg(record.alsoPhones.join(QStringLiteral("; ")));
        }
        return nonNull(notes.join(QLatin1Char(' ')));
    };
    QSqlQuery insertOrganization(m_database.connection());
    insertOrganization.prepare(QStringLiteral("INSERT INTO organizations (id, name, notes) VALUES (?, ?, ?)"));
    for (const Record& organization : std::as_const(organizationsByKey)) {
        insertOrganization.addBindValue(qint64(organization.id));
        insertOrganization.addBindValue(organization.name);
        insertOrganization.addBindValue(alsoNotes(organization));
        if (!insertOrganization.exec()) {
            return m_database.storageError(QStringLiteral("create an organization"), insertOrganization);
        }
    }
    QSqlQuery insertPerson(m_database.connection());
    insertPerson.prepare(QStringLiteral(
        "INSERT INTO people (id, name, email, phone, organization_id, notes) VALUES (?, ?, ?, ?, ?, ?)"));
    for (auto it = peopleByKey.cbegin(); it != peopleByKey.cend(); ++it) {
        insertPerson.addBindValue(qint64(it->id));
        insertPerson.addBindValue(it->name);
        insertPerson.addBindValue(personEmail.value(it.key()));
        insertPerson.addBindValue(it->phone);
        insertPerson.addBindValue(optionalId(personOrganization.value(it.key())));
        insertPerson.addBindValue(alsoNotes(*it));
        if (!insertPerson.exec()) {
            return m_database.storageError(QStringLiteral("create a person"), insertPerson);
        }
    }
    QSqlQuery link(m_database.connection());
    link.prepare(QStringLiteral("UPDATE deals SET organization_id = ?, person_id = ? WHERE id = ?"));
    for (const auto& [dealId, organizationId, personId] : links) {
        link.addBindValue(optionalId(organizationId));
        link.addBindValue(optionalId(personId));
        link.addBindValue(qint64(dealId));
        if (!link.exec()) {
            return m_database.storageError(QStringLiteral("link a deal to its organization"), link);
        }
    }
    for (const char* column : {"company", "contact_name", "email", "phone"}) {
        if (Result<void> done
            = m_database.execute(QStringLiteral("ALTER TABLE deals DROP COLUMN %1").arg(QLatin1String(column)));
            !done) {
            return done;
        }
    }
    spdlog::info("Migration to version 3 made {} organization(s) and {} person record(s) from {} deal(s)",
                 organizationsByKey.size(), peopleByKey.size(), links.size());
    return {};
}

// Version 4: free-text notes on deals, with who wrote them and when. A
// deal's notes go with it.
Result<void> Schema::migrateTo4()
{
    const QStringList statements = {
        QStringLiteral("CREATE TABLE notes ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,"
                       " author TEXT NOT NULL DEFAULT '',"
                       " body TEXT NOT NULL CHECK (body <> ''),"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX notes_by_deal ON notes (deal_id, id)"),
    };
    for (const QString& statement : statements) {
        if (Result<void> done = m_database.execute(statement); !done) {
            return done;
        }
    }
    return {};
}

// Version 5: the manager's desk. Win probabilities per stage set by a
// manager (a stage without a row keeps the design's default), a deal's own
// probability above its stage's, and quotas per owner, month and currency.
Result<void> Schema::migrateTo5()
{
    const QStringList statements = {
        QStringLiteral("ALTER TABLE deals ADD COLUMN probability_percent INTEGER "
                       "CHECK (probability_percent BETWEEN 0 AND 100)"),
        QStringLiteral("CREATE TABLE stage_probabilities ("
                       " stage TEXT PRIMARY KEY CHECK (stage IN ('prospecting','qualifying','contacting',"
                       "'relationship','negotiation','closing','retention')),"
                       " percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100))"),
        QStringLiteral("CREATE TABLE quotas ("
                       " owner TEXT NOT NULL CHECK (owner <> ''),"
                       " month TEXT NOT NULL CHECK (length(month) = 7 AND month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),"
                       " currency TEXT NOT NULL CHECK (length(currency) = 3),"
                       " amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),"
                       " PRIMARY KEY (owner, month, currency))"),
    };
    for (const QString& statement : statements) {
        if (Result<void> done = m_database.execute(statement); !done) {
            return done;
        }
    }
    return {};
}

// Version 6: the change log. One row per committed change of a logged
// table: when, who, what (table, row, action) and the fields it changed.
// On a file the rows are written by this connection's TEMP triggers
// (ChangeLog.cpp); the table itself is all the file holds.
Result<void> Schema::migrateTo6()
{
    const QStringList statements = {
        QStringLiteral("CREATE TABLE change_log ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " changed_at TEXT NOT NULL,"
                       " actor TEXT NOT NULL DEFAULT '',"
                       " table_name TEXT NOT NULL,"
                       " row_key TEXT NOT NULL,"
                       " deal_id INTEGER,"
                       " action TEXT NOT NULL CHECK (action IN ('insert','update','delete')),"
                       " changes TEXT)"),
        QStringLiteral("CREATE INDEX change_log_by_deal ON change_log (deal_id, id) WHERE deal_id IS NOT NULL"),
    };
    for (const QString& statement : statements) {
        if (Result<void> done = m_database.execute(statement); !done) {
            return done;
        }
    }
    return {};
}

// Version 7: undo that undoes. A step's history row keeps what the step
// changed besides stage and status (the time the deal had entered its stage,
// its lost reason), so that its undo puts the deal back exactly; the step is
// marked undone and the undo is a row of its own, both skipped by the reports.
Result<void> Schema::migrateTo7()
{
    for (const QString& statement : historyUndoColumns(QStringLiteral("TEXT"), QStringLiteral("TEXT"))) {
        if (Result<void> done = m_database.execute(statement); !done) {
            return done;
        }
    }
    return {};
}

// Version 8: merges of contacts. A merge keeps what its undo needs: the
// contact folded away as it was (its row and tags), what moved onto the kept
// one (deals, activities, people, tags) and the kept one's notes before the
// merge's note. No foreign keys: the kept contact may go later, and its undo
// then refuses, saying so.
Result<void> Schema::migrateTo8()
{
    return m_database.execute(contactMergesTable(false));
}

// Version 9: money in every currency. Each currency's own minor units
// (ISO 4217), the reporting currency and dated exchange rates, and the
// forecast as it stood each day, to measure it against what was won.
Result<void> Schema::migrateTo9()
{
    QStringList statements;
    // Currencies and their minor units (the amounts rescaled).
    statements << MinorUnits::tableStatements(false);
    // Exchange rates and the reporting currency.
    statements << QStringLiteral(
        "CREATE TABLE exchange_rates ("
        " currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency GLOB '[A-Z][A-Z][A-Z]'),"
        " base TEXT NOT NULL CHECK (length(base) = 3 AND base GLOB '[A-Z][A-Z][A-Z]'),"
        " date TEXT NOT NULL CHECK (length(date) = 10 AND date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),"
        " numerator INTEGER NOT NULL CHECK (typeof(numerator) = 'integer' AND numerator BETWEEN 1 AND "
        "1000000000000000),"
        " denominator INTEGER NOT NULL CHECK (typeof(denominator) = 'integer' AND denominator BETWEEN 1 AND "
        "1000000000000000),"
        " CHECK (currency <> base),"
        " PRIMARY KEY (currency, base, date))");
    // Forecast snapshots.
    statements << SnapshotQueries::tableStatement(false);
    for (const QString& statement : statements) {
        if (Result<void> done = m_database.execute(statement); !done) {
            return done;
        }
    }
    // Currencies and their minor units: the amounts rescaled, the file backed up before.
    Result<QString> rescaled = MinorUnits::rescaleFile(m_database);
    if (!rescaled) {
        return rescaled.error();
    }
    if (!rescaled.value().isEmpty()) {
        spdlog::info("Amounts of {} in their currencies' minor units: {}", m_database.path().toStdString(),
                     rescaled.value().toStdString());
    }
    return {};
}

QString Schema::contactMergesTable(bool onServer)
{
    const QString text = onServer ? QStringLiteral("text COLLATE \"C\"") : QStringLiteral("TEXT");
    return QStringLiteral("CREATE TABLE contact_merges ("
                          " id %1,"
                          " kind %2 NOT NULL CHECK (kind IN ('organization', 'person')),"
                          " keep_id BIGINT NOT NULL,"
                          " other_id BIGINT NOT NULL,"
                          " other_row %2 NOT NULL,"
                          " moved %2 NOT NULL,"
                          " keep_notes %2 NOT NULL DEFAULT '',"
                          " note %2 NOT NULL DEFAULT '',"
                          " merged_by %2 NOT NULL DEFAULT '',"
                          " merged_at %3 NOT NULL,"
                          " undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)))")
        .arg(onServer ? QStringLiteral("bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                      : QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT"),
             text, onServer ? QStringLiteral("timestamptz") : QStringLiteral("TEXT"));
}

QStringList Schema::historyUndoColumns(const QString& timeType, const QString& textType)
{
    return {QStringLiteral("ALTER TABLE stage_history ADD COLUMN entered_before %1").arg(timeType),
            QStringLiteral("ALTER TABLE stage_history ADD COLUMN reason_before %1").arg(textType),
            QStringLiteral("ALTER TABLE stage_history ADD COLUMN undone INTEGER NOT NULL DEFAULT 0 "
                           "CHECK (undone IN (0, 1))"),
            QStringLiteral("ALTER TABLE stage_history ADD COLUMN undoes BIGINT")};
}

} // namespace dealboard
