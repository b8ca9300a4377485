// File › Keep activities in a calendar file…: the rep chooses a file and
// whose activities; the board writes it at once and again after every change
// of activities, its own or another process's; a file it can't write is
// said in the dialog and nothing is kept.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "OpenBoard.h"
#include "TestDatabase.h"
#include "activities/CalendarFileDialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTest>
#include <QTimer>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

QByteArray contentOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

class CalendarFile : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QSettings().remove(QStringLiteral("calendarFiles"));
        Deal deal = m_db.create(QStringLiteral("Acme renewal"));
        ActivityFields call;
        call.dealId = deal.id;
        call.kind = ActivityKind::Call;
        call.subject = QStringLiteral("Call Anna");
        call.dueDate = QDate(2026, 3, 3);
        call.dueTime = QTime(10, 30);
        ASSERT_TRUE(m_db.service().activities().plan(call).ok());
        m_deal = deal.id;
        openBoard(m_window, m_db.service());
    }
    void TearDown() override
    {
        m_window.reset();
        QSettings().remove(QStringLiteral("calendarFiles"));
    }

    // Opens the dialog from the File menu and lets `answer` fill it in.
    void openDialog(const std::function<void(CalendarFileDialog*)>& answer)
    {
        bool answered = false;
        QTimer::singleShot(0, m_window.get(), [&] {
            auto* dialog = qobject_cast<CalendarFileDialog*>(QApplication::activeModalWidget());
            ASSERT_NE(dialog, nullptr);
            answer(dialog);
            answered = true;
        });
        m_window->findChild<QAction*>(QStringLiteral("calendarFileAction"))->trigger();
        EXPECT_TRUE(answered);
    }

    static void fill(CalendarFileDialog* dialog, const QString& path)
    {
        dialog->findChild<QCheckBox*>(QStringLiteral("keepCalendar"))->setChecked(true);
        dialog->findChild<QLineEdit*>(QStringLiteral("calendarPath"))->setText(path);
    }

    TestDatabase m_db;
    std::unique_ptr<MainWindow> m_window;
    DealId m_deal = 0;
};

} // namespace

TEST_F(CalendarFile, TheBoardWritesTheFileAtOnceAndAgainOnEveryChangeOfActivities)
{
    const QString path = m_db.folder() + QStringLiteral("/mine.ics");
    openDialog([&](CalendarFileDialog* dialog) {
        fill(dialog, path);
        dialog->accept();
        EXPECT_FALSE(dialog->isVisible());
    });
    const QByteArray first = contentOf(path);
    ASSERT_TRUE(first.startsWith("BEGIN:VCALENDAR\r\n"));
    EXPECT_TRUE(first.contains("SUMMARY:Call Anna\r\n"));

    // Planned on this board.
    ActivityFields task;
    task.dealId = m_deal;
    task.subject = QStringLiteral("Send the proposal");
    task.dueDate = QDate(2026, 3, 4);
    ASSERT_TRUE(m_db.service().activities().plan(task).ok());
    EXPECT_TRUE(QTest::qWaitFor([&] { return contentOf(path).contains("SUMMARY:Send the proposal\r\n"); }, 5000));

    // Planned by a teammate, in another process.
    QProcess cli;
    cli.start(QStringLiteral(DEALBOARD_CLI_PATH),
              {QStringLiteral("--db"), m_db.path(), QStringLiteral("activity"), QStringLiteral("add"),
               QStringLiteral("--deal"), QString::number(m_deal), QStringLiteral("--subject"),
               QStringLiteral("Teammate's demo"), QStringLiteral("--type"), QStringLiteral("meeting"),
               QStringLiteral("--due"), QStringLiteral("2026-03-10"), QStringLiteral("--time"), QStringLiteral("09:00"),
               QStringLiteral("--anyway")});
    ASSERT_TRUE(cli.waitForFinished(60000));
    ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            m_db.service().pollExternalChanges();
            return contentOf(path).contains("SUMMARY:Teammate's demo\r\n");
        },
        10000));

    // Remembered for this pipeline: a board opened again keeps the same file.
    m_window.reset();
    QFile::remove(path);
    openBoard(m_window, m_db.service());
    EXPECT_TRUE(QTest::qWaitFor([&] { return contentOf(path).contains("SUMMARY:Teammate's demo\r\n"); }, 5000));

    // Unticked: the file stays as it is and is no longer written.
    openDialog([&](CalendarFileDialog* dialog) {
        dialog->findChild<QCheckBox*>(QStringLiteral("keepCalendar"))->setChecked(false);
        dialog->accept();
    });
    const QByteArray kept = contentOf(path);
    task.subject = QStringLiteral("After stopping");
    ASSERT_TRUE(m_db.service().activities().plan(task).ok());
    QTest::qWait(800);
    EXPECT_EQ(contentOf(path), kept);
}

TEST_F(CalendarFile, AFileThatCantBeWrittenIsSaidInTheDialogAndNothingIsKept)
{
    const QString pipelineFile = m_db.onServer() ? QString() : m_db.path();
    for (const QString& bad : {m_db.folder() + QStringLiteral("/no/such/folder/mine.ics"), pipelineFile}) {
        if (bad.isEmpty()) {
            continue;
        }
        openDialog([&](CalendarFileDialog* dialog) {
            fill(dialog, bad);
            dialog->accept();
            auto* problem = dialog->findChild<QLabel*>(QStringLiteral("calendarProblem"));
            EXPECT_TRUE(dialog->isVisible());
            EXPECT_FALSE(problem->isHidden());
            EXPECT_TRUE(problem->text().contains(bad)) << problem->text().toStdString();
            EXPECT_TRUE(problem->text().endsWith(QStringLiteral("Choose another file.")))
                << problem->text().toStdString();
            dialog->reject();
        });
    }
    EXPECT_FALSE(QFile::exists(m_db.folder() + QStringLiteral("/no/such/folder/mine.ics")));
    EXPECT_TRUE(QSettings().childGroups().filter(QStringLiteral("calendarFiles")).isEmpty());
    // The pipeline is still whole.
    EXPECT_TRUE(m_db.service().check().ok());
}
