// The board never opens its pipeline's files outside SQLite: closing any
// descriptor of an SQLite file drops the locks SQLite holds on it. Every file
// dialog is shown on the pipeline's own folder while inotify watches it.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"
#include "dealboard/PipelineFiles.h"
#include "reports/ReportsView.h"

#include <QAction>
#include <QFileDialog>
#include <QFileSystemModel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QStatusBar>
#include <gtest/gtest.h>
#include <sys/inotify.h>
#include <unistd.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

// Names of the files in `folder` that any process opened while it watched.
class OpenWatch final
{
public:
    explicit OpenWatch(const QString& folder)
        : m_fd(inotify_init1(IN_NONBLOCK | IN_CLOEXEC))
    {
        EXPECT_GE(m_fd, 0);
        EXPECT_GE(inotify_add_watch(m_fd, QFile::encodeName(folder).constData(), IN_OPEN), 0);
    }
    ~OpenWatch() { ::close(m_fd); }

    QStringList opened()
    {
        QStringList names;
        alignas(inotify_event) char buffer[8192];
        for (;;) {
            const ssize_t length = ::read(m_fd, buffer, sizeof buffer);
            if (length <= 0) {
                break;
            }
            for (char* at = buffer; at < buffer + length;) {
                const auto* event = reinterpret_cast<const inotify_event*>(at);
                if (event->len > 0) {
                    names << QString::fromLocal8Bit(event->name);
                }
                at += sizeof(inotify_event) + event->len;
            }
        }
        return names;
    }

private:
    int m_fd;
};

class PipelineFilesWindowTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_db.create(QStringLiteral("Acme renewal"));
        m_window = std::make_unique<MainWindow>(m_db.service());
        ASSERT_TRUE(m_window->load().ok());
        m_window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
    }

    // Opens the dialog that `trigger` shows, lists the pipeline's folder in it
    // until every entry has its icon and type, and cancels it.
    QStringList openedWhileListing(const std::function<void()>& trigger)
    {
        OpenWatch watch(m_db.folder());
        bool listed = false;
        answerNextDialog([&](QWidget* widget) {
            auto* dialog = qobject_cast<QFileDialog*>(widget);
            ASSERT_NE(dialog, nullptr);
            auto* model = dialog->findChild<QFileSystemModel*>();
            ASSERT_NE(model, nullptr);
            // Every file shown, as when a rep types * in the name field.
            dialog->setNameFilters({QStringLiteral("All files (*)")});
            dialog->setDirectory(m_db.folder());
            const QModelIndex folder = model->index(m_db.folder());
            listed = waitUntil([&] { return model->rowCount(folder) >= 3; });
            // Ask for what the dialog shows of each file, then give the
            // gatherer time to fill it in.
            for (int row = 0; row < model->rowCount(folder); ++row) {
                model->data(model->index(row, 0, folder), Qt::DecorationRole);
                model->data(model->index(row, 2, folder), Qt::DisplayRole);
            }
            QTest::qWait(1500);
            for (int row = 0; row < model->rowCount(folder); ++row) {
                model->data(model->index(row, 0, folder), Qt::DecorationRole);
                model->data(model->index(row, 2, folder), Qt::DisplayRole);
            }
            QTest::qWait(500);
            dialog->reject();
        });
        trigger();
        EXPECT_TRUE(listed) << "the dialog never listed the pipeline's folder";
        return watch.opened();
    }

    TestDatabase m_db;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

TEST_F(PipelineFilesWindowTest, FileDialogsNeverOpenThePipelineFiles)
{
    ASSERT_TRUE(QFile::exists(m_db.path() + QStringLiteral("-wal")));
    ASSERT_TRUE(QFile::exists(m_db.path() + QStringLiteral("-shm")));
    const std::vector<std::pair<const char*, std::function<void()>>> dialogs = {
        {"export deals", [&] { m_window->findChild<QAction*>(QStringLiteral("exportDealsAction"))->trigger(); }},
        {"import deals", [&] { m_window->findChild<QAction*>(QStringLiteral("importDealsAction"))->trigger(); }},
        {"export report", [&] { m_window->findChild<QPushButton*>(QStringLiteral("exportReportButton"))->click(); }},
        {"export review", [&] { m_window->findChild<QAction*>(QStringLiteral("exportReviewAction"))->trigger(); }},
    };
    for (const auto& [name, trigger] : dialogs) {
        const QStringList opened = openedWhileListing(trigger);
        EXPECT_FALSE(opened.contains(QStringLiteral("pipeline.dealboard"))) << name;
        EXPECT_FALSE(opened.contains(QStringLiteral("pipeline.dealboard-wal"))) << name;
        EXPECT_FALSE(opened.contains(QStringLiteral("pipeline.dealboard-shm"))) << name;
    }

    // Another process still sees what the board writes, and the board what it writes.
    const Deal deal = m_db.create(QStringLiteral("Written by the board"));
    QProcess cli;
    cli.start(QStringLiteral(DEALBOARD_CLI_PATH),
              {QStringLiteral("--db"), m_db.path(), QStringLiteral("show"), QString::number(deal.id)});
    ASSERT_TRUE(cli.waitForFinished(30000));
    EXPECT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
    EXPECT_TRUE(QFile::exists(m_db.path() + QStringLiteral("-wal")));
    QProcess check;
    check.start(QStringLiteral(DEALBOARD_CLI_PATH), {QStringLiteral("--db"), m_db.path(), QStringLiteral("check")});
    ASSERT_TRUE(check.waitForFinished(30000));
    EXPECT_EQ(check.exitCode(), 0) << check.readAllStandardOutput().toStdString();
}

TEST_F(PipelineFilesWindowTest, ExportOntoThePipelineIsRefusedAndChangesNothing)
{
    answerNextDialog([&](QWidget* widget) {
        auto* dialog = qobject_cast<QFileDialog*>(widget);
        ASSERT_NE(dialog, nullptr);
        dialog->setDirectory(m_db.folder());
        auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
        ASSERT_NE(name, nullptr);
        name->setText(QFileInfo(m_db.path()).fileName());
        // "Replace it?": yes, so that the board's own guard is what refuses.
        answerNextDialog([](QWidget* confirm) {
            if (auto* box = qobject_cast<QMessageBox*>(confirm)) {
                box->button(QMessageBox::Yes)->click();
            }
        });
        QMetaObject::invokeMethod(dialog, "accept");
    });
    m_window->findChild<QAction*>(QStringLiteral("exportDealsAction"))->trigger();
    EXPECT_TRUE(waitUntil([&] {
        return m_window->statusBar()->currentMessage().contains(QStringLiteral("open pipeline's own file"));
    })) << m_window->statusBar()->currentMessage().toStdString();
    m_window.reset(); // it holds the service that reopen replaces
    m_db.reopen();
    EXPECT_EQ(m_db.service().deals().list().value().size(), 1u);
    EXPECT_TRUE(m_db.service().check().value().faults.isEmpty());
}
