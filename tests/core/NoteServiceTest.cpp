// Notes on deals through the real service, on a file and on a server: who
// wrote them and when, newest first, what is refused, and undo of a delete
// putting them back; and a version 3 file gaining the notes table.
#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/Pipeline.h"
#include "dealboard/PipelineBackup.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

TEST(Notes, AreKeptWithAuthorAndTimeAndListedNewestFirst)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Acme renewal"));
    const Deal other = db.create(QStringLiteral("Globex pilot"));
    QSignalSpy changed(&db.service(), &Pipeline::notesChanged);
    Result<Note> first = db.service().notes().add(deal.id, QStringLiteral("  Called Bob.\nQuote by Friday.  "),
                                                  QStringLiteral("anna"));
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    EXPECT_EQ(first.value().text, QStringLiteral("Called Bob.\nQuote by Friday.")); // trimmed, line break kept
    db.clock().advanceSeconds(3600);
    ASSERT_TRUE(db.service().notes().add(other.id, QStringLiteral("Other deal"), QStringLiteral("ben")).ok());
    db.clock().advanceSeconds(60);
    Result<Note> second = db.service().notes().add(deal.id, QStringLiteral("Sent the quote"), QStringLiteral("anna"));
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(changed.count(), 3);
    EXPECT_EQ(changed.at(0).at(0).value<DealId>(), deal.id);

    const std::vector<Note> notes = db.service().notes().list(deal.id).value();
    ASSERT_EQ(notes.size(), 2u);
    EXPECT_EQ(notes[0].id, second.value().id);
    EXPECT_EQ(notes[0].text, QStringLiteral("Sent the quote"));
    EXPECT_EQ(notes[1].text, QStringLiteral("Called Bob.\nQuote by Friday."));
    EXPECT_EQ(notes[1].author, QStringLiteral("anna"));
    EXPECT_EQ(notes[1].createdAt, QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC));
    EXPECT_EQ(notes[0].createdAt, QDateTime(QDate(2026, 3, 2), QTime(10, 1), Qt::UTC));
    EXPECT_EQ(notes[1].dealTitle, QStringLiteral("Acme renewal"));

    // Every note, oldest first, for the export.
    const std::vector<Note> all = db.service().notes().all().value();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[1].text, QStringLiteral("Other deal"));
    EXPECT_EQ(all[2].id, second.value().id);
    EXPECT_TRUE(db.service().check().value().faults.isEmpty());
}

TEST(Notes, RefusedNotesSayWhatWasWrongAndLeaveNothing)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Acme renewal"));
    QSignalSpy changed(&db.service(), &Pipeline::notesChanged);
    const struct
    {
        QString text;
        const char* said;
    } refused[] = {
        {QStringLiteral(" \n\t "), "The note is empty"},
        {QString(NoteService::MaxLength + 1, QLatin1Char('x')), "is 10001 characters long"},
        {QStringLiteral("ok\x1b[31m red"), "control character (U+001b) at character 3"},
        {QStringLiteral("nul") + QChar(0) + QStringLiteral("byte"), "control character (U+0000) at character 4"},
    };
    for (const auto& attempt : refused) {
        Result<Note> added = db.service().notes().add(deal.id, attempt.text, QStringLiteral("anna"));
        ASSERT_FALSE(added.ok()) << attempt.said;
        EXPECT_EQ(added.error().code, ErrorCode::InvalidInput);
        EXPECT_TRUE(added.error().message.contains(QLatin1String(attempt.said))) << added.error().message.toStdString();
    }
    Result<Note> nowhere = db.service().notes().add(deal.id + 100, QStringLiteral("Lost"), QStringLiteral("anna"));
    ASSERT_FALSE(nowhere.ok());
    EXPECT_EQ(nowhere.error().code, ErrorCode::NotFound);
    // Exactly the longest note is taken.
    EXPECT_TRUE(db.service().notes().add(deal.id, QString(NoteService::MaxLength, QChar(0x00e9)), QString()).ok());
    EXPECT_EQ(db.service().notes().list(deal.id).value().size(), 1u);
    EXPECT_EQ(changed.count(), 1);
}

TEST(Notes, UndoOfADeleteBringsBackTheDealsNotesAndActivities)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Deleted by mistake"));
    ASSERT_TRUE(db.service().notes().add(deal.id, QStringLiteral("First call went well"), QStringLiteral("anna")).ok());
    db.clock().advanceSeconds(60);
    ASSERT_TRUE(db.service().notes().add(deal.id, QStringLiteral("Asked for references"), QStringLiteral("ben")).ok());
    ActivityFields call;
    call.dealId = deal.id;
    call.kind = ActivityKind::Task;
    call.subject = QStringLiteral("Send references");
    call.dueDate = QDate(2026, 3, 5);
    ASSERT_TRUE(db.service().activities().plan(call).ok());

    Result<DeletedDeal> deleted = db.service().deals().remove(deal.id);
    ASSERT_TRUE(deleted.ok());
    EXPECT_TRUE(db.service().notes().all().value().empty());
    ASSERT_TRUE(db.service().deals().restore(deleted.value()).ok());

    const std::vector<Note> notes = db.service().notes().list(deal.id).value();
    ASSERT_EQ(notes.size(), 2u);
    EXPECT_EQ(notes[0].text, QStringLiteral("Asked for references")); // still newest first
    EXPECT_EQ(notes[0].author, QStringLiteral("ben"));
    EXPECT_EQ(notes[1].createdAt, QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC));
    ActivityFilter ofDeal;
    ofDeal.dealId = deal.id;
    const std::vector<Activity> activities = db.service().activities().list(ofDeal).value();
    ASSERT_EQ(activities.size(), 1u);
    EXPECT_EQ(activities[0].subject, QStringLiteral("Send references"));
    EXPECT_EQ(db.service().deals().get(deal.id).value().nextActivity->subject, QStringLiteral("Send references"));
    EXPECT_TRUE(db.service().check().value().faults.isEmpty());
}

// A file of schema 3 (before notes) is backed up and migrated when opened,
// keeping its deals, and then takes notes.
TEST(Notes, AVersionThreeFileGainsNotesWhenOpened)
{
    DEALBOARD_FILE_ONLY("a file migrated when opened; a server's migrate is tested in ServerCliTest");
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("From version 3"));
    db.close();
    runRawSql(db.path(),
              backToSchemaFour(false)
                  + QStringList {QStringLiteral("DROP TABLE notes"), QStringLiteral("PRAGMA user_version = 3")});
    db.reopen();
    ASSERT_TRUE(db.isOpen());
    EXPECT_EQ(db.service().deals().get(deal.id).value().title, QStringLiteral("From version 3"));
    ASSERT_TRUE(db.service().notes().add(deal.id, QStringLiteral("After the upgrade"), QString()).ok());
    EXPECT_EQ(db.service().notes().list(deal.id).value().size(), 1u);
    EXPECT_TRUE(db.service().check().value().faults.isEmpty());
    const QStringList backups = PipelineBackup::automaticBackups(db.path());
    ASSERT_EQ(backups.size(), 1);
    EXPECT_TRUE(backups.front().contains(QStringLiteral(".schema3-"))) << backups.front().toStdString();
}
