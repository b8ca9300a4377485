// PipelineBackup::restore on real files, for what the CLI's tests do not
// reach: damage only SQLite's full integrity check sees, rows breaking a NOT
// NULL rule, a file of huge size, the restore's own work file named as the
// backup. Every refusal leaves the pipeline's folder as it was.
#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/PipelineBackup.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

QStringList rewriteDefinition(const QString& name, const QString& from, const QString& to)
{
    return {
        QStringLiteral("PRAGMA writable_schema = ON"),
        QStringLiteral("UPDATE sqlite_master SET sql = replace(sql, '%1', '%2') WHERE name = '%3'").arg(from, to, name),
        QStringLiteral("PRAGMA writable_schema = OFF")};
}

// Every file in the folder with its bytes.
QMap<QString, QByteArray> folderBytes(const QString& folder)
{
    QMap<QString, QByteArray> state;
    for (const QFileInfo& info : QDir(folder).entryInfoList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot)) {
        state.insert(info.fileName(), info.size() > (64 << 20) ? QByteArray("large") : fileBytes(info.filePath()));
    }
    return state;
}

class PipelineRestore : public ::testing::Test
{
protected:
    void SetUp() override
    {
        DEALBOARD_FILE_ONLY("restore puts a file back");
        m_db.create(QStringLiteral("Acme renewal"));
        m_backup = m_db.folder() + QStringLiteral("/monday.backup");
        ASSERT_TRUE(m_db.store().backupTo(m_backup).ok());
        m_db.create(QStringLiteral("Only in the pipeline"));
        m_db.close();
    }

    // Restores `backup`, expects the refusal to say each of `said`, and the
    // folder (but for `backup`'s own making) to be as it was.
    void expectRefused(const QString& backup, const QStringList& said)
    {
        const QMap<QString, QByteArray> before = folderBytes(m_db.folder());
        const Result<QString> restored = PipelineBackup::restore(backup, m_db.path());
        ASSERT_FALSE(restored.ok());
        for (const QString& words : said) {
            EXPECT_TRUE(restored.error().message.contains(words))
                << "missing: " << words.toStdString() << "\nin: " << restored.error().message.toStdString();
        }
        EXPECT_TRUE(restored.error().message.contains(QStringLiteral("Nothing was restored")));
        EXPECT_EQ(folderBytes(m_db.folder()), before);
    }

    TestDatabase m_db;
    QString m_backup;
};

} // namespace

// quick_check does not compare an index with its table; restored, such a
// backup would answer a search by owner otherwise than a listing.
TEST_F(PipelineRestore, RefusesAnIndexThatDisagreesWithItsTable)
{
    const QString owner = QStringLiteral("CREATE INDEX deals_by_owner ON deals (owner)");
    runRawSql(m_backup,
              rewriteDefinition(QStringLiteral("deals_by_owner"), owner,
                                QStringLiteral("CREATE INDEX deals_by_owner ON deals (title)")));
    runRawSql(m_backup, {QStringLiteral("UPDATE deals SET owner = 'someone else'")});
    runRawSql(m_backup,
              rewriteDefinition(QStringLiteral("deals_by_owner"),
                                QStringLiteral("CREATE INDEX deals_by_owner ON deals (title)"), owner));
    expectRefused(m_backup,
                  {QStringLiteral("is damaged (SQLite's integrity check:"), QStringLiteral("deals_by_owner"),
                   QStringLiteral("Choose another backup")});
}

TEST_F(PipelineRestore, RefusesRowsBreakingANotNullRule)
{
    runRawSql(m_backup,
              rewriteDefinition(QStringLiteral("deals"), QStringLiteral("title TEXT NOT NULL,"),
                                QStringLiteral("title TEXT,")));
    runRawSql(m_backup, {QStringLiteral("UPDATE deals SET title = NULL")});
    runRawSql(m_backup,
              rewriteDefinition(QStringLiteral("deals"), QStringLiteral("title TEXT,"),
                                QStringLiteral("title TEXT NOT NULL,")));
    expectRefused(m_backup, {QStringLiteral("break the rules"), QStringLiteral("NULL value in deals.title")});
}

// A file grown to gigabytes of nothing, its header naming every page: the
// integrity check answers at once, and nothing is copied.
TEST_F(PipelineRestore, RefusesAHugeFileOfUnusedPagesAtOnceCopyingNothing)
{
    constexpr qint64 size = qint64(8) << 30;
    ASSERT_EQ(::truncate(QFile::encodeName(m_backup).constData(), size), 0);
    {
        QFile file(m_backup);
        ASSERT_TRUE(file.open(QIODevice::ReadWrite));
        QByteArray header = file.read(100);
        const qint64 pages = size / ((uchar(header[16]) << 8) | uchar(header[17]));
        for (int i = 0; i < 4; ++i) {
            header[28 + i] = char((pages >> (8 * (3 - i))) & 0xff);
        }
        file.seek(0);
        file.write(header);
    }
    QElapsedTimer timer;
    timer.start();
    expectRefused(m_backup,
                  {QStringLiteral("is damaged (SQLite's integrity check: Page"), QStringLiteral("is never used")});
    EXPECT_LT(timer.elapsed(), 30000);
    EXPECT_TRUE(QDir(m_db.folder()).entryList({QStringLiteral("*.restoring*")}, QDir::Files).isEmpty());
}

// The name restore gives its work in progress is not a backup: putting it
// aside first would remove the very file named.
TEST_F(PipelineRestore, RefusesItsOwnWorkFileAsTheBackup)
{
    const QString work = m_db.path() + QStringLiteral(".restoring");
    ASSERT_TRUE(QFile::copy(m_backup, work));
    expectRefused(work, {QStringLiteral("is the pipeline itself")});
    EXPECT_TRUE(QFileInfo::exists(work));
}

// A file that is no database is refused in the product's words: the
// message names no command of a front end (the CLI adds its own).
TEST_F(PipelineRestore, RefusesAFileThatIsNoDatabaseNamingNoCommand)
{
    const QString junk = m_db.folder() + QStringLiteral("/junk.backup");
    QFile file(junk);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("not a database at all, just some words\n");
    file.close();
    expectRefused(junk, {QStringLiteral("is not an SQLite database"), QStringLiteral("Name the file a backup wrote")});
    const Result<QString> restored = PipelineBackup::restore(junk, m_db.path());
    ASSERT_FALSE(restored.ok());
    EXPECT_FALSE(restored.error().message.contains(QStringLiteral("dealboard-cli")))
        << restored.error().message.toStdString();
}

// The backup taken by the store restores, and the pipeline holds what it held.
TEST_F(PipelineRestore, PutsBackTheBackupAndKeepsWhatWasThere)
{
    const Result<QString> restored = PipelineBackup::restore(m_backup, m_db.path());
    ASSERT_TRUE(restored.ok()) << restored.error().message.toStdString();
    EXPECT_TRUE(QFileInfo::exists(restored.value()));
    m_db.reopen();
    Result<std::vector<Deal>> deals = m_db.service().deals().list();
    ASSERT_TRUE(deals.ok());
    ASSERT_EQ(deals.value().size(), 1u);
    EXPECT_EQ(deals.value().front().title, QStringLiteral("Acme renewal"));
}

// A backup or restore killed part-way left a hidden partial copy (and its
// journal); the next backup in that folder removes what a stopped process
// left, and nothing else.
TEST(Backups, TheNextBackupRemovesPartialCopiesStoppedProcessesLeft)
{
    TestDatabase db;
    if (db.onServer()) {
        GTEST_SKIP() << "a file's backups";
    }
    db.create(QStringLiteral("Kept"));
    const QDir folder(db.folder());
    // A number no process runs under: a child that already ended.
    const pid_t ended = ::fork();
    if (ended == 0) {
        ::_exit(0);
    }
    ASSERT_GT(ended, 0);
    int status = 0;
    ASSERT_EQ(::waitpid(ended, &status, 0), ended);
    const QString stopped = QStringLiteral(".pipeline.dealboard.schema10-1.backup.partial-%1").arg(ended);
    ASSERT_TRUE(db.store().backupTo(folder.filePath(QStringLiteral("whole.backup"))).ok());
    ASSERT_TRUE(QFile::copy(folder.filePath(QStringLiteral("whole.backup")), folder.filePath(stopped)));
    const auto write = [&folder](const QString& name, const QByteArray& bytes) {
        QFile file(folder.filePath(name));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    write(stopped + QStringLiteral("-journal"), QByteArrayLiteral("journal"));
    // Not SQLite, or its process still runs (1 always does): left alone.
    const QString notOurs = QStringLiteral(".notes.txt.partial-%1").arg(ended);
    write(notOurs, QByteArrayLiteral("the rep's own notes"));
    const QString running = QStringLiteral(".pipeline.dealboard.restoring.partial-1");
    ASSERT_TRUE(QFile::copy(folder.filePath(QStringLiteral("whole.backup")), folder.filePath(running)));

    ASSERT_TRUE(db.store().backupTo(folder.filePath(QStringLiteral("next.backup"))).ok());
    EXPECT_FALSE(folder.exists(stopped));
    EXPECT_FALSE(folder.exists(stopped + QStringLiteral("-journal")));
    EXPECT_TRUE(folder.exists(notOurs));
    EXPECT_TRUE(folder.exists(running));
    EXPECT_TRUE(folder.exists(QStringLiteral("next.backup")));
}
