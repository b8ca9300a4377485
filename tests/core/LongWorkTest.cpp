// Long work stopped through its progress keeps nothing: an import, the
// sample pipeline, an export and a copy; on a file and on a server.
#include "TestDatabase.h"
#include "dealboard/DealCsv.h"
#include "dealboard/Pipeline.h"
#include "dealboard/service/PipelineOpener.h"

#include <QBuffer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

// Says yes `calls` times, then stops the work; counts what it was told.
struct StopAfter
{
    int calls;
    int told = 0;
    qint64 lastDone = -1;
    qint64 lastTotal = 0;
    Progress callback()
    {
        return [this](qint64 done, qint64 total) {
            EXPECT_LE(done, total);
            EXPECT_GE(done, lastDone); // never backwards
            lastDone = done;
            lastTotal = total;
            return ++told <= calls;
        };
    }
};

QByteArray exportedCsv(Pipeline& service)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    EXPECT_TRUE(DealCsv::stream(service.reads(), {}, &buffer, service.now(), false).ok());
    return buffer.data();
}

} // namespace

TEST(LongWork, AStoppedImportOrSampleKeepsNothing)
{
    TestDatabase source;
    ASSERT_TRUE(source.service().deals().seedSample(3000, 11).ok());
    QByteArray csv = exportedCsv(source.service());

    TestDatabase db;
    db.create(QStringLiteral("Kept"));
    QBuffer file(&csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    StopAfter stop {4};
    Result<ImportPlan> imported = db.service().deals().importCsv(&file, false, QStringLiteral("rep"), stop.callback());
    ASSERT_FALSE(imported.ok());
    EXPECT_EQ(imported.error().code, ErrorCode::Cancelled);
    EXPECT_EQ(stop.told, 5);
    EXPECT_EQ(db.service().deals().list().value().size(), 1u);

    // Stopped in the second read, the writing one: rolled back as well.
    file.seek(0);
    StopAfter late {8};
    imported = db.service().deals().importCsv(&file, false, QStringLiteral("rep"), late.callback());
    ASSERT_FALSE(imported.ok());
    EXPECT_GT(late.lastDone, late.lastTotal / 2); // it had begun writing
    EXPECT_EQ(db.service().deals().list().value().size(), 1u);

    // Let through, the import is told up to its end.
    file.seek(0);
    StopAfter never {1000000};
    ASSERT_TRUE(db.service().deals().importCsv(&file, false, QStringLiteral("rep"), never.callback()).ok());
    EXPECT_EQ(db.service().deals().list().value().size(), 3001u);
    EXPECT_GT(never.lastDone, never.lastTotal * 9 / 10);

    StopAfter sample {2};
    Result<int> seeded = db.service().deals().seedSample(5000, 3, sample.callback());
    ASSERT_FALSE(seeded.ok());
    EXPECT_EQ(seeded.error().code, ErrorCode::Cancelled);
    EXPECT_EQ(db.service().deals().list().value().size(), 3001u);
    EXPECT_TRUE(db.service().check().value().faults.isEmpty());
}

TEST(LongWork, AStoppedExportOrCopyLeavesNoPipelineBehind)
{
    TestDatabase db;
    ASSERT_TRUE(db.service().deals().seedSample(2500, 5).ok());
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    StopAfter stop {1};
    Result<int> written
        = DealCsv::stream(db.service().reads(), {}, &buffer, db.service().now(), false, stop.callback());
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().code, ErrorCode::Cancelled);
    EXPECT_EQ(stop.lastTotal, 2500);

    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("copy.dealboard"));
    StopAfter copy {3};
    Result<CopyCounts> copied = PipelineOpener::copy(db.path(), target, copy.callback());
    db.reopen(); // the copy opened the source on its own connection
    ASSERT_FALSE(copied.ok());
    EXPECT_EQ(copied.error().code, ErrorCode::Cancelled);
    EXPECT_FALSE(QFileInfo::exists(target)); // the file it made goes again
    StopAfter through {1000000};
    Result<CopyCounts> all = PipelineOpener::copy(db.path(), target, through.callback());
    ASSERT_TRUE(all.ok()) << all.error().message.toStdString();
    EXPECT_EQ(through.lastTotal, all.value().rows); // every row of every table
    EXPECT_GT(through.lastDone, all.value().rows / 2);
    EXPECT_EQ(all.value().deals, 2500);
}
