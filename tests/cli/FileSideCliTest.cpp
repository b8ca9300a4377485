// The file side, through the real binary: restore puts back only what
// DealBoard made, never through a link, and keeps the copy it takes apart
// from the migrations' rotation; exports never write through a link.
#include "CliFixture.h"
#include "FolderState.h"
#include "RawSql.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

using namespace dealboard;
using dealboard::test::folderState;

namespace {

QString keptIn(const CliRun& restored)
{
    return restored.err.section(QStringLiteral("kept in "), 1).section(QLatin1Char('\n'), 0, 0);
}

} // namespace

class FileSide : public Cli
{
protected:
    // A backup of the pipeline as it is now, with one deal of its own.
    QString makeBackup(const QString& name)
    {
        const QString path = m_dir.filePath(name);
        const CliRun made = run({QStringLiteral("backup"), QStringLiteral("--out"), path});
        EXPECT_EQ(made.exitCode, 0) << made.err.toStdString();
        return path;
    }

    int dealCount(const QString& database = {})
    {
        const CliRun listed
            = run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")}, database);
        return static_cast<int>(QJsonDocument::fromJson(listed.out.toUtf8()).array().size());
    }
};

TEST_F(FileSide, RestoreRefusesABackupHoldingWhatDealBoardDidNotMakeAndLeavesThePipelineAsItWas)
{
    DEALBOARD_FILE_ONLY("restore puts a file back");
    add({QStringLiteral("--title"), QStringLiteral("In the backup")});
    const QString clean = makeBackup(QStringLiteral("clean.backup"));
    add({QStringLiteral("--title"), QStringLiteral("Only in the pipeline")});

    struct Case
    {
        const char* name;
        QStringList statements;
        const char* said;
    };
    const std::vector<Case> cases
        = {
            {"trigger",
             {QStringLiteral("CREATE TRIGGER steal AFTER UPDATE ON deals BEGIN DELETE FROM notes; END")},
             "trigger steal"},
            {"view", {QStringLiteral("CREATE VIEW everything AS SELECT * FROM deals")}, "view everything"},
            {"table", {QStringLiteral("CREATE TABLE stash (x TEXT)")}, "table stash"},
            {"index", {QStringLiteral("CREATE INDEX deals_by_title ON deals (title)")}, "deals_by_title"},
            // An older backup: brought up to this version first, then compared.
            {"older-table",
             test::backToSchemaFive(false)
                 << QStringLiteral("PRAGMA user_version = 5") << QStringLiteral("CREATE TABLE stash5 (x TEXT)"),
             "table stash5"},
            {"older-trigger",
             test::backToSchemaFive(false)
                 << QStringLiteral("PRAGMA user_version = 5")
                 << QStringLiteral("CREATE TRIGGER spy AFTER INSERT ON deals BEGIN SELECT 1; END"),
             "trigger spy"},
        };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        const QString hostile = m_dir.filePath(QStringLiteral("%1.backup").arg(QLatin1String(c.name)));
        ASSERT_TRUE(QFile::copy(clean, hostile));
        test::runRawSql(hostile, c.statements);
        QFile::remove(hostile + QStringLiteral("-wal"));
        QFile::remove(hostile + QStringLiteral("-shm"));
        const QMap<QString, QByteArray> before = folderState(m_dir.path());

        const CliRun refused = run({QStringLiteral("restore"), hostile});
        EXPECT_EQ(refused.exitCode, 2) << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(QStringLiteral("did not make"))) << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(QLatin1String(c.said))) << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(QStringLiteral("Nothing was restored"))) << refused.err.toStdString();
        // Byte for byte: the pipeline, its sidecars and every file beside it.
        EXPECT_EQ(folderState(m_dir.path()), before);
    }
    // The pipeline still takes changes and holds what it held.
    EXPECT_EQ(dealCount(), 2);
    add({QStringLiteral("--title"), QStringLiteral("Still writable")});
    EXPECT_EQ(run({QStringLiteral("check")}).exitCode, 0);
}

TEST_F(FileSide, RestoreRefusesABackupGivenAsASymbolicLink)
{
    DEALBOARD_FILE_ONLY("restore puts a file back");
    add({QStringLiteral("--title"), QStringLiteral("In the backup")});
    const QString backup = makeBackup(QStringLiteral("real.backup"));
    add({QStringLiteral("--title"), QStringLiteral("Only in the pipeline")});
    const QString link = m_dir.filePath(QStringLiteral("link.backup"));
    ASSERT_TRUE(QFile::link(backup, link));
    const QMap<QString, QByteArray> before = folderState(m_dir.path());

    const CliRun refused = run({QStringLiteral("restore"), link});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("symbolic link"))) << refused.err.toStdString();
    EXPECT_EQ(folderState(m_dir.path()), before);
    EXPECT_EQ(dealCount(), 2);
    // The file itself restores.
    EXPECT_EQ(run({QStringLiteral("restore"), backup}).exitCode, 0);
    EXPECT_EQ(dealCount(), 1);
}

TEST_F(FileSide, TheCopyTakenBeforeARestoreSurvivesFiveRestoresAndTheMigrationsRotation)
{
    DEALBOARD_FILE_ONLY("restore puts a file back");
    add({QStringLiteral("--title"), QStringLiteral("In the backup")});
    const QString backup = makeBackup(QStringLiteral("monday.backup"));
    // An older backup too: restoring it brings it up to this version.
    const QString older = m_dir.filePath(QStringLiteral("older.backup"));
    ASSERT_TRUE(QFile::copy(backup, older));
    test::runRawSql(older, test::backToSchemaFive(false) << QStringLiteral("PRAGMA user_version = 5"));
    for (int i = 0; i < 3; ++i) {
        add({QStringLiteral("--title"), QStringLiteral("Only in the original %1").arg(i)});
    }
    ASSERT_EQ(dealCount(), 4);

    QString original;
    for (int restore = 1; restore <= 5; ++restore) {
        SCOPED_TRACE(restore);
        const CliRun restored = run({QStringLiteral("restore"), restore % 2 == 0 ? older : backup});
        ASSERT_EQ(restored.exitCode, 0) << restored.err.toStdString();
        EXPECT_TRUE(restored.err.contains(QStringLiteral("before-restore"))) << restored.err.toStdString();
        EXPECT_EQ(dealCount(), 1);
        EXPECT_EQ(run({QStringLiteral("check")}).exitCode, 0);
        if (restore == 1) {
            original = keptIn(restored);
        }
        // A migration's backups rotate on their own, whatever a restore does.
        EXPECT_LE(
            QDir(m_dir.path()).entryList({QStringLiteral("pipeline.dealboard.schema*.backup")}, QDir::Files).size(), 3);
    }
    ASSERT_TRUE(QFileInfo::exists(original)) << original.toStdString();
    EXPECT_EQ(dealCount(original), 4) << "the copy taken before the first restore holds the original pipeline";
    EXPECT_EQ(QDir(m_dir.path()).entryList({QStringLiteral("pipeline.dealboard.before-restore-*.backup")}).size(), 5);
    // Nothing of the work in progress is left beside it.
    EXPECT_TRUE(QDir(m_dir.path()).entryList({QStringLiteral("*.restoring*")}, QDir::Files | QDir::Hidden).isEmpty());
}

TEST_F(FileSide, AnExportNeverWritesThroughASymbolicLink)
{
    DEALBOARD_FILE_ONLY("the links are on this machine's disk; a server's pipeline exports the same way");
    add({QStringLiteral("--title"), QStringLiteral("Acme renewal")});
    const QString victim = m_dir.filePath(QStringLiteral("victim.txt"));
    {
        QFile file(victim);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("keep me\n");
    }
    const QString pointing = m_dir.filePath(QStringLiteral("pointing.csv"));
    ASSERT_TRUE(QFile::link(victim, pointing));
    const QString nowhere = m_dir.filePath(QStringLiteral("nowhere.csv"));
    const QString planted = m_dir.filePath(QStringLiteral("planted.csv"));
    ASSERT_TRUE(QFile::link(nowhere, planted)); // dangling

    const QList<QStringList> exports = {
        {QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out")},
        {QStringLiteral("export"), QStringLiteral("report"), QStringLiteral("--out")},
        {QStringLiteral("export"), QStringLiteral("notes"), QStringLiteral("--out")},
        {QStringLiteral("backup"), QStringLiteral("--out")},
    };
    for (const QStringList& command : exports) {
        for (const QString& link : {pointing, planted}) {
            SCOPED_TRACE((command.join(u' ') + u' ' + link).toStdString());
            const CliRun refused = run(command + QStringList {link});
            EXPECT_EQ(refused.exitCode, 2) << refused.err.toStdString();
            EXPECT_TRUE(refused.err.contains(QStringLiteral("symbolic link"))
                        || refused.err.contains(QStringLiteral("already exists")))
                << refused.err.toStdString();
            QFile file(victim);
            ASSERT_TRUE(file.open(QIODevice::ReadOnly));
            EXPECT_EQ(file.readAll(), QByteArray("keep me\n"));
            EXPECT_FALSE(QFileInfo::exists(nowhere)) << "nothing created where the dangling link points";
            EXPECT_TRUE(QFileInfo(link).isSymLink());
        }
    }
    // Nothing half-written is left beside them, and a plain path still works.
    EXPECT_TRUE(QDir(m_dir.path()).entryList({QStringLiteral("*.part")}, QDir::Files | QDir::Hidden).isEmpty());
    const QString plain = m_dir.filePath(QStringLiteral("plain.csv"));
    EXPECT_EQ(run({QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out"), plain}).exitCode, 0);
    EXPECT_TRUE(QFileInfo(plain).isFile() && !QFileInfo(plain).isSymLink());
    EXPECT_EQ(QFileInfo(plain).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), 0);
    // Written again over the plain file: replaced whole.
    EXPECT_EQ(run({QStringLiteral("export"), QStringLiteral("deals"), QStringLiteral("--out"), plain}).exitCode, 0);
    EXPECT_TRUE(QDir(m_dir.path()).entryList({QStringLiteral("*.part")}, QDir::Files | QDir::Hidden).isEmpty());
}
