// Help: the shortcuts window lists what the actions really have; About names
// the version and the open pipeline; the app opens a pipeline named as FILE.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"
#include "common/AboutDialog.h"
#include "common/ShortcutsDialog.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QTableWidget>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

TEST(HelpWindow, ShortcutsWindowListsTheShortcutsTheActionsHave)
{
    TestDatabase db;
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    const QList<QPair<QString, QString>> rows = ShortcutsDialog::rows(window.shortcutActions());
    auto keysOf = [&rows](const QString& name) {
        for (const auto& [action, keys] : rows) {
            if (action == name) {
                return keys;
            }
        }
        return QString();
    };
    EXPECT_EQ(keysOf(QStringLiteral("Reports")), QKeySequence(Qt::CTRL | Qt::Key_5).toString(QKeySequence::NativeText));
    EXPECT_EQ(keysOf(QStringLiteral("Board")), QKeySequence(Qt::CTRL | Qt::Key_1).toString(QKeySequence::NativeText));
    EXPECT_EQ(keysOf(QStringLiteral("New deal")), QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText));
    EXPECT_FALSE(keysOf(QStringLiteral("Find")).isEmpty());
    // Every action with a shortcut is listed, and only those.
    int withKeys = 0;
    for (const QAction* action : window.shortcutActions()) {
        withKeys += action->shortcuts().isEmpty() || action->text().isEmpty() ? 0 : 1;
    }
    EXPECT_EQ(rows.size(), withKeys);

    int shown = -1;
    answerNextDialog([&shown](QWidget* dialog) {
        auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("shortcutsTable"));
        shown = table != nullptr ? table->rowCount() : -2;
        qobject_cast<QDialog*>(dialog)->reject();
    });
    window.findChild<QAction*>(QStringLiteral("shortcutsAction"))->trigger();
    EXPECT_EQ(shown, rows.size());
}

// The user guide's table of shortcuts is the one the menus have: every row of
// the shortcuts window is in the guide's table, and the table has no others.
TEST(HelpWindow, UserGuideListsExactlyTheShortcutsTheMenusHave)
{
    TestDatabase db;
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    QStringList expected;
    for (const auto& [action, keys] : ShortcutsDialog::rows(window.shortcutActions())) {
        expected << QStringLiteral("| %1 | %2 |").arg(action, keys);
    }
    QFile guide(QStringLiteral(DEALBOARD_SOURCE_DIR "/docs/user-guide.md"));
    ASSERT_TRUE(guide.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(guide.readAll());
    const qsizetype start = text.indexOf(QStringLiteral("\n## Keyboard shortcuts\n"));
    ASSERT_GE(start, 0) << "docs/user-guide.md has no '## Keyboard shortcuts' section";
    QStringList listed;
    for (const QString& line : text.mid(start + 1).section(QStringLiteral("\n## "), 0, 0).split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("| ")) && !line.startsWith(QLatin1String("| Action"))) {
            listed << line.trimmed();
        }
    }
    EXPECT_EQ(listed, expected) << "The table should read:\n" << expected.join(QLatin1Char('\n')).toStdString();
}

TEST(HelpWindow, AboutNamesTheVersionAndThePipeline)
{
    TestDatabase db;
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    QString text;
    answerNextDialog([&text](QWidget* dialog) {
        if (auto* label = dialog->findChild<QLabel*>(QStringLiteral("aboutText"))) {
            text = label->text();
        }
        qobject_cast<QDialog*>(dialog)->reject();
    });
    window.findChild<QAction*>(QStringLiteral("aboutAction"))->trigger();
    EXPECT_TRUE(text.contains(QStringLiteral("DealBoard %1").arg(QStringLiteral(DEALBOARD_VERSION))))
        << text.toStdString();
    EXPECT_TRUE(text.contains(db.path())) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("SQLite"))) << text.toStdString();
}

TEST(HelpWindow, TheAppOpensAPipelineNamedAsFile)
{
    TestDatabase db;
    db.create(QStringLiteral("One"));
    db.create(QStringLiteral("Two"));
    db.close();
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), db.folder() + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), db.folder() + QStringLiteral("/config"));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(DEALBOARD_APP_PATH), {db.path(), QStringLiteral("--quit-after-load")});
    ASSERT_TRUE(app.waitForFinished(60000));
    EXPECT_EQ(app.exitCode(), 0) << app.readAllStandardError().toStdString();
    EXPECT_TRUE(app.readAllStandardOutput().contains("with 2 deals"));

    QProcess both;
    both.setProcessEnvironment(env);
    both.start(QStringLiteral(DEALBOARD_APP_PATH),
               {db.path(), QStringLiteral("--db"), db.path(), QStringLiteral("--quit-after-load")});
    ASSERT_TRUE(both.waitForFinished(60000));
    EXPECT_EQ(both.exitCode(), 1);
    EXPECT_TRUE(both.readAllStandardError().contains("either FILE or --db"));

    QProcess version;
    version.setProcessEnvironment(env);
    version.start(QStringLiteral(DEALBOARD_APP_PATH), {QStringLiteral("--version")});
    ASSERT_TRUE(version.waitForFinished(60000));
    EXPECT_TRUE(version.readAllStandardOutput().contains(DEALBOARD_VERSION));
}
