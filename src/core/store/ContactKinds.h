#pragma once

// How the store describes organizations and people: table, columns, tag
// table and search columns, once per kind (ContactRepository.cpp and
// ContactLinks.cpp share them).
#include "RawQuery.h"
#include "StoreValues.h"
#include "dealboard/Contacts.h"

#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>

namespace dealboard::contacts {

// A LIKE pattern that finds `text` anywhere, with LIKE's own wildcards escaped.
inline QString containsPattern(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('%'), QStringLiteral("\\%"))
        .replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

// What the store knows of one kind of contact. Table and column names are
// these constants, never user input.
template<typename Record> struct ContactKind;

template<> struct ContactKind<Organization>
{
    static QString select()
    {
        return QStringLiteral("SELECT o.id, o.name, o.industry, o.size, o.region, o.website, o.notes "
                              "FROM organizations o");
    }
    static QString alias() { return QStringLiteral("o"); }
    static QString table() { return QStringLiteral("organizations"); }
    static QString tagTable() { return QStringLiteral("organization_tags"); }
    static QString idColumn() { return QStringLiteral("organization_id"); }
    static QStringList searchColumns()
    {
        return {QStringLiteral("o.name"), QStringLiteral("o.industry"), QStringLiteral("o.region")};
    }
    static QStringList writtenColumns()
    {
        return {QStringLiteral("name"),   QStringLiteral("industry"), QStringLiteral("size"),
                QStringLiteral("region"), QStringLiteral("website"),  QStringLiteral("notes")};
    }
    static QVariantList values(const Organization& o)
    {
        return {nonNull(o.name),   nonNull(o.industry), nonNull(o.size),
                nonNull(o.region), nonNull(o.website),  nonNull(o.notes)};
    }
    static Organization read(const QSqlQuery& query)
    {
        Organization organization;
        organization.id = query.value(0).toLongLong();
        organization.name = query.value(1).toString();
        organization.industry = query.value(2).toString();
        organization.size = query.value(3).toString();
        organization.region = query.value(4).toString();
        organization.website = query.value(5).toString();
        organization.notes = query.value(6).toString();
        return organization;
    }
    static QString plural() { return QStringLiteral("organizations"); }
    static QString one() { return QStringLiteral("organization"); }
    static QString possessive() { return QStringLiteral("organization's"); }
};

template<> struct ContactKind<Person>
{
    static QString select()
    {
        return QStringLiteral("SELECT p.id, p.name, p.email, p.phone, p.role, p.organization_id, "
                              "COALESCE(o.name, ''), p.notes FROM people p "
                              "LEFT JOIN organizations o ON o.id = p.organization_id");
    }
    static QString alias() { return QStringLiteral("p"); }
    static QString table() { return QStringLiteral("people"); }
    static QString tagTable() { return QStringLiteral("person_tags"); }
    static QString idColumn() { return QStringLiteral("person_id"); }
    static QStringList searchColumns()
    {
        return {QStringLiteral("p.name"), QStringLiteral("p.email"), QStringLiteral("p.role"),
                QStringLiteral("o.name")};
    }
    static QStringList writtenColumns()
    {
        return {QStringLiteral("name"), QStringLiteral("email"),           QStringLiteral("phone"),
                QStringLiteral("role"), QStringLiteral("organization_id"), QStringLiteral("notes")};
    }
    static QVariantList values(const Person& p)
    {
        return {nonNull(p.name), nonNull(p.email), nonNull(p.phone), nonNull(p.role), optionalId(p.organizationId),
                nonNull(p.notes)};
    }
    static Person read(const QSqlQuery& query)
    {
        Person person;
        person.id = query.value(0).toLongLong();
        person.name = query.value(1).toString();
        person.email = query.value(2).toString();
        person.phone = query.value(3).toString();
        person.role = query.value(4).toString();
        person.organizationId = query.value(5).toLongLong();
        person.organizationName = query.value(6).toString();
        person.notes = query.value(7).toString();
        return person;
    }
    static Person read(const RawQuery& query)
    {
        Person person;
        person.id = query.int64(0);
        person.name = query.text(1);
        person.email = query.text(2);
        person.phone = query.text(3);
        person.role = query.text(4);
        person.organizationId = query.int64(5);
        person.organizationName = query.text(6);
        person.notes = query.text(7);
        return person;
    }
    static QString plural() { return QStringLiteral("people"); }
    static QString one() { return QStringLiteral("person"); }
    static QString possessive() { return QStringLiteral("person's"); }
};

} // namespace dealboard::contacts
