// Merging two organizations or two people and undoing it, through the real
// service on a real file (and, under the pg. prefix, a real server).
#include "TestDatabase.h"
#include "dealboard/Pipeline.h"

#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

// An organization made although its name looks like another's.
OrganizationFields apart(const QString& name)
{
    OrganizationFields fields;
    fields.name = name;
    fields.another = true;
    return fields;
}

OrganizationFields described(const QString& industry, const QStringList& tags)
{
    OrganizationFields fields;
    fields.industry = industry;
    fields.tags = tags;
    return fields;
}

} // namespace

TEST(ContactMerge, AnOrganizationFoldsIntoTheKeptOneAndComesBackOnUndo)
{
    TestDatabase db;
    ContactService& contacts = db.service().contacts();
    const Deal kept = db.create(
        QStringLiteral("Rollout"), Stage::Prospecting,
        withContact(QStringLiteral("Acme GmbH"), QStringLiteral("Anna"), QStringLiteral("anna@acme.example")));
    // Two spellings of one company kept apart on purpose: a deal alone would link the second to the first.
    ASSERT_TRUE(contacts.createOrganization(apart(QStringLiteral("ACME Inc"))));
    const Deal moved
        = db.create(QStringLiteral("Renewal"), Stage::Prospecting,
                    withContact(QStringLiteral("ACME Inc"), QStringLiteral("Bob"), QStringLiteral("bob@acme.example")));
    ASSERT_TRUE(contacts.editOrganization(kept.organizationId, described(QString(), {QStringLiteral("key")})));
    ASSERT_TRUE(contacts.editOrganization(
        moved.organizationId, described(QStringLiteral("Software"), {QStringLiteral("key"), QStringLiteral("emea")})));
    const Organization before = contacts.organization(moved.organizationId).value();
    const qint64 lastChange = db.service().reads().lastChange().value();

    Result<ContactMerge> merged = contacts.merge(ContactType::Organization, kept.organizationId, moved.organizationId);
    ASSERT_TRUE(merged) << merged.error().message.toStdString();
    EXPECT_EQ(merged.value().deals, 1);
    EXPECT_EQ(merged.value().people, 1); // Bob works there
    EXPECT_EQ(merged.value().otherName, QStringLiteral("ACME Inc"));
    EXPECT_FALSE(contacts.organization(moved.organizationId));
    const Deal now = db.service().deals().get(moved.id).value();
    EXPECT_EQ(now.organizationId, kept.organizationId);
    EXPECT_EQ(now.company, QStringLiteral("Acme GmbH"));
    EXPECT_EQ(now.version, moved.version + 1);
    const Organization joined = contacts.organization(kept.organizationId).value();
    EXPECT_EQ(joined.tags, (QStringList {QStringLiteral("emea"), QStringLiteral("key")}));
    EXPECT_EQ(
        joined.notes,
        QStringLiteral("Merged from 'ACME Inc' (id %1): name ACME Inc; industry Software").arg(moved.organizationId));
    EXPECT_EQ(contacts.person(moved.personId).value().organizationId, kept.organizationId);
    // One entry names the merge in the change log, beside the rows it touched.
    ChangeQuery after;
    after.afterId = lastChange;
    QStringList tables;
    Result<std::vector<ChangeEntry>> entries = db.service().reads().changes(after);
    ASSERT_TRUE(entries);
    for (const ChangeEntry& entry : entries.value()) {
        tables << entry.table;
    }
    EXPECT_TRUE(tables.contains(QStringLiteral("contact_merges"))) << tables.join(u' ').toStdString();
    EXPECT_TRUE(tables.contains(QStringLiteral("organizations")));

    Result<void> undone = contacts.undoMerge(merged.value().id);
    ASSERT_TRUE(undone) << undone.error().message.toStdString();
    const Organization back = contacts.organization(moved.organizationId).value();
    EXPECT_EQ(back.name, before.name);
    EXPECT_EQ(back.industry, before.industry);
    EXPECT_EQ(back.tags, before.tags);
    EXPECT_EQ(db.service().deals().get(moved.id).value().organizationId, moved.organizationId);
    EXPECT_EQ(db.service().deals().get(kept.id).value().organizationId, kept.organizationId);
    EXPECT_EQ(contacts.person(moved.personId).value().organizationId, moved.organizationId);
    const Organization restored = contacts.organization(kept.organizationId).value();
    EXPECT_EQ(restored.notes, QString());
    EXPECT_EQ(restored.tags, QStringList {QStringLiteral("key")});

    // Once is enough.
    Result<void> twice = contacts.undoMerge(merged.value().id);
    ASSERT_FALSE(twice);
    EXPECT_TRUE(twice.error().message.contains(QStringLiteral("undone already")))
        << twice.error().message.toStdString();
}

TEST(ContactMerge, APersonsDealsAndActivitiesMoveAndMoveBack)
{
    TestDatabase db;
    ContactService& contacts = db.service().contacts();
    const Deal first = db.create(
        QStringLiteral("Rollout"), Stage::Prospecting,
        withContact(QStringLiteral("Acme"), QStringLiteral("Anna Schmidt"), QStringLiteral("anna@acme.example")));
    const Deal second = db.create(
        QStringLiteral("Pilot"), Stage::Prospecting,
        withContact(QStringLiteral("Acme"), QStringLiteral("A. Schmidt"), QStringLiteral("a.schmidt@acme.example")));
    ASSERT_NE(first.personId, second.personId);
    ActivityFields call;
    call.dealId = first.id;
    call.personId = second.personId;
    call.kind = ActivityKind::Call;
    call.subject = QStringLiteral("Call back");
    call.dueDate = QDate(2026, 3, 9);
    const Activity planned = db.service().activities().plan(call, true).value();

    Result<ContactMerge> merged = contacts.merge(ContactType::Person, first.personId, second.personId);
    ASSERT_TRUE(merged) << merged.error().message.toStdString();
    EXPECT_EQ(merged.value().deals, 1);
    EXPECT_EQ(merged.value().activities, 1);
    EXPECT_EQ(db.service().deals().get(second.id).value().personId, first.personId);
    EXPECT_EQ(db.service().activities().get(planned.id).value().personId, first.personId);
    EXPECT_TRUE(contacts.person(first.personId).value().notes.contains(QStringLiteral("email a.schmidt@acme.example")));

    ASSERT_TRUE(contacts.undoMerge(merged.value().id));
    const Person back = contacts.person(second.personId).value();
    EXPECT_EQ(back.email, QStringLiteral("a.schmidt@acme.example"));
    EXPECT_EQ(back.name, QStringLiteral("A. Schmidt"));
    EXPECT_EQ(db.service().deals().get(second.id).value().personId, second.personId);
    EXPECT_EQ(db.service().activities().get(planned.id).value().personId, second.personId);
    EXPECT_EQ(contacts.person(first.personId).value().notes, QString());
}

TEST(ContactMerge, WhatCannotBeMergedOrUndoneIsRefusedAndNothingChanges)
{
    TestDatabase db;
    ContactService& contacts = db.service().contacts();
    const Deal a
        = db.create(QStringLiteral("A"), Stage::Prospecting, withContact(QStringLiteral("Acme"), QString(), QString()));
    ASSERT_TRUE(contacts.createOrganization(apart(QStringLiteral("Acme Ltd"))));
    ASSERT_TRUE(contacts.createOrganization(apart(QStringLiteral("Acme Limited"))));
    const Deal b = db.create(QStringLiteral("B"), Stage::Prospecting,
                             withContact(QStringLiteral("Acme Ltd"), QString(), QString()));
    const Deal c = db.create(QStringLiteral("C"), Stage::Prospecting,
                             withContact(QStringLiteral("Acme Limited"), QString(), QString()));

    Result<ContactMerge> self = contacts.merge(ContactType::Organization, a.organizationId, a.organizationId);
    ASSERT_FALSE(self);
    EXPECT_TRUE(self.error().message.contains(QStringLiteral("with itself"))) << self.error().message.toStdString();
    Result<ContactMerge> unknown = contacts.merge(ContactType::Organization, a.organizationId, 999);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    // An organization's id is no person's.
    EXPECT_FALSE(contacts.merge(ContactType::Person, a.organizationId, b.organizationId));
    EXPECT_EQ(contacts.organizations().value().size(), 3u);
    EXPECT_FALSE(contacts.undoMerge(42));

    // B folded into A, then A into C: A is gone, so B's merge can't be undone.
    const ContactMerge first = contacts.merge(ContactType::Organization, a.organizationId, b.organizationId).value();
    ASSERT_TRUE(contacts.merge(ContactType::Organization, c.organizationId, a.organizationId));
    Result<void> refused = contacts.undoMerge(first.id);
    ASSERT_FALSE(refused);
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("is gone since")))
        << refused.error().message.toStdString();
    EXPECT_EQ(contacts.organizations().value().size(), 1u);
    EXPECT_EQ(db.service().deals().get(b.id).value().organizationId, c.organizationId);
}
