// Long work on the board shows its progress with Cancel, and a cancelled
// import leaves the pipeline as it was; small work shows no dialog.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"
#include "board/BoardModel.h"
#include "dealboard/DealCsv.h"

#include <QFile>
#include <QProgressDialog>
#include <QStatusBar>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

// A CSV file of `count` sample deals, as another pipeline exports them.
QString sampleCsv(const QTemporaryDir& dir, int count)
{
    TestDatabase other;
    EXPECT_TRUE(other.service().deals().seedSample(count, 7).ok());
    const QString path = dir.filePath(QStringLiteral("deals.csv"));
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    EXPECT_TRUE(DealCsv::stream(other.service().reads(), {}, &file, other.service().now(), false).ok());
    return path;
}

// Watches for the progress dialog; with `cancel`, presses its Cancel once it
// has moved.
struct ProgressWatch
{
    explicit ProgressWatch(bool cancel)
    {
        QObject::connect(&timer, &QTimer::timeout, &timer, [this, cancel] {
            for (QWidget* widget : QApplication::topLevelWidgets()) {
                auto* dialog = qobject_cast<QProgressDialog*>(widget);
                if (dialog == nullptr || !dialog->isVisible()) {
                    continue;
                }
                seen = true;
                highest = std::max(highest, dialog->value());
                if (cancel && dialog->value() > 100 && !dialog->wasCanceled()) {
                    dialog->cancel();
                }
            }
        });
        timer.start(1);
    }
    QTimer timer;
    bool seen = false;
    int highest = 0;
};

} // namespace

TEST(LongWork, ImportingThousandsShowsProgressAndCancelLeavesThePipelineAsItWas)
{
    QTemporaryDir dir;
    const QString csv = sampleCsv(dir, 6000);
    TestDatabase db;
    db.create(QStringLiteral("Already here"));
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));

    {
        ProgressWatch watch(true);
        window.importFile(csv);
        EXPECT_TRUE(watch.seen);
        EXPECT_GT(watch.highest, 100);
    }
    EXPECT_EQ(db.service().deals().list().value().size(), 1u);
    EXPECT_EQ(window.board().dealCount(), 1);
    EXPECT_TRUE(window.statusBar()->currentMessage().contains(QStringLiteral("Import stopped")))
        << window.statusBar()->currentMessage().toStdString();

    // Not cancelled, it imports every deal, and the dialog goes away.
    {
        ProgressWatch watch(false);
        window.importFile(csv);
        EXPECT_TRUE(watch.seen);
    }
    EXPECT_EQ(db.service().deals().list().value().size(), 6001u);
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (auto* dialog = qobject_cast<QProgressDialog*>(widget)) {
            EXPECT_FALSE(dialog->isVisible());
        }
    }
}

TEST(LongWork, ASmallImportShowsNoDialog)
{
    QTemporaryDir dir;
    const QString csv = sampleCsv(dir, 40);
    TestDatabase db;
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    ProgressWatch watch(false);
    window.importFile(csv);
    EXPECT_FALSE(watch.seen);
    EXPECT_EQ(db.service().deals().list().value().size(), 40u);
}
