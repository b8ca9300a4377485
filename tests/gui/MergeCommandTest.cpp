// The board's merge of two contacts: one undo step whose undo puts the
// merged-away contact back and whose redo merges again; a refused merge
// leaves the undo stack as it was.
#include "TestDatabase.h"
#include "dealboard/Pipeline.h"
#include "undo/MergeContactsCommand.h"

#include <QUndoStack>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

TEST(MergeCommand, IsOneUndoStepThatUndoesAndRedoes)
{
    TestDatabase db;
    DealFields acme;
    acme.company = QStringLiteral("Acme GmbH");
    DealFields other;
    other.company = QStringLiteral("ACME Holding");
    const Deal kept = db.create(QStringLiteral("Rollout"), Stage::Prospecting, acme);
    const Deal moved = db.create(QStringLiteral("Renewal"), Stage::Prospecting, other);
    ContactService& contacts = db.service().contacts();
    QUndoStack stack;
    QList<Error> reported;
    const ReportError report = [&reported](const Error& error) { reported << error; };

    Result<ContactMerge> refused = MergeContactsCommand::push(
        stack,
        std::make_unique<MergeContactsCommand>(contacts, ContactType::Organization, kept.organizationId,
                                               kept.organizationId, report));
    EXPECT_FALSE(refused);
    EXPECT_EQ(stack.count(), 0);

    Result<ContactMerge> merged = MergeContactsCommand::push(
        stack,
        std::make_unique<MergeContactsCommand>(contacts, ContactType::Organization, kept.organizationId,
                                               moved.organizationId, report));
    ASSERT_TRUE(merged) << merged.error().message.toStdString();
    ASSERT_EQ(stack.count(), 1);
    EXPECT_EQ(stack.undoText(), QStringLiteral("Merge 'ACME Holding' into 'Acme GmbH'"));
    EXPECT_FALSE(contacts.organization(moved.organizationId));
    EXPECT_EQ(contacts.organizations().value().size(), 1u); // the push merged once

    stack.undo();
    EXPECT_TRUE(reported.isEmpty());
    EXPECT_EQ(contacts.organization(moved.organizationId).value().name, QStringLiteral("ACME Holding"));
    EXPECT_EQ(db.service().deals().get(moved.id).value().organizationId, moved.organizationId);

    stack.redo();
    EXPECT_TRUE(reported.isEmpty());
    EXPECT_FALSE(contacts.organization(moved.organizationId));
    EXPECT_EQ(db.service().deals().get(moved.id).value().organizationId, kept.organizationId);
    stack.undo();
    EXPECT_EQ(db.service().deals().get(moved.id).value().organizationId, moved.organizationId);
}
