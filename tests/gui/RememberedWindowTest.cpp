// The board as the rep left it: tab, board filters, report filters, column
// widths and recent pipelines come back in the next window.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"
#include "board/BoardModel.h"
#include "common/Preferences.h"
#include "common/RecentPipelines.h"
#include "contacts/ContactsView.h"
#include "reports/ReportsView.h"
#include "window/WindowActions.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

TEST(RememberedWindow, TabFiltersReportFiltersAndColumnWidthsComeBack)
{
    QSettings().clear();
    TestDatabase db;
    db.create(QStringLiteral("Acme rollout"));
    const QDate from(2026, 1, 15);
    int widened = 0;
    {
        MainWindow window(db.service());
        ASSERT_TRUE(window.load().ok());
        window.show();
        window.tabs()->setCurrentWidget(window.people());
        window.activityFilter()->setCurrentIndex(window.activityFilter()->findData(2)); // overdue
        window.reports()->findChild<QCheckBox*>(QStringLiteral("reportFromSet"))->setChecked(true);
        window.reports()->findChild<QDateEdit*>(QStringLiteral("reportFrom"))->setDate(from);
        auto* mode = window.reports()->findChild<QComboBox*>(QStringLiteral("reportMode"));
        mode->setCurrentIndex(1); // strict
        QHeaderView* header = window.people()->view()->horizontalHeader();
        widened = header->sectionSize(1) + 57;
        header->resizeSection(1, widened);
        window.close();
    }
    MainWindow again(db.service());
    ASSERT_TRUE(again.load().ok());
    EXPECT_EQ(again.tabs()->currentWidget(), again.people());
    EXPECT_EQ(again.activityFilter()->currentData().toInt(), 2);
    EXPECT_EQ(again.reports()->filter().from, from);
    EXPECT_EQ(again.reports()->filter().mode, CountingMode::Strict);
    EXPECT_EQ(again.people()->view()->horizontalHeader()->sectionSize(1), widened);
}

TEST(RememberedWindow, OpenRecentListsThePipelinesOpenedBeforeButNotTheOpenOneAsAChoice)
{
    QSettings().clear();
    TestDatabase earlier;
    RecentPipelines::add(earlier.path());
    TestDatabase db;
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    auto* recent = window.findChild<QMenu*>(QStringLiteral("recentMenu"));
    ASSERT_NE(recent, nullptr);
    Q_EMIT recent->aboutToShow();
    const QList<QAction*> entries = recent->actions();
    ASSERT_EQ(entries.size(), 2);
    EXPECT_EQ(entries[0]->text(), QFileInfo(db.path()).absoluteFilePath());
    EXPECT_FALSE(entries[0]->isEnabled()); // the open pipeline
    EXPECT_EQ(entries[1]->text(), QFileInfo(earlier.path()).absoluteFilePath());
    EXPECT_TRUE(entries[1]->isEnabled());
    EXPECT_FALSE(WindowActions::userGuidePath().isEmpty());
}

// Preferences: a currency that is not one is refused in the dialog, which
// stays open; what is saved is where a new deal starts.
TEST(RememberedWindow, PreferencesGiveNewDealsTheirCurrencyAndOwner)
{
    QSettings().clear();
    TestDatabase db;
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    QString problem;
    answerNextDialog([&problem](QWidget* dialog) {
        dialog->findChild<QLineEdit*>(QStringLiteral("newDealCurrency"))->setText(QStringLiteral("E1"));
        dialog->findChild<QLineEdit*>(QStringLiteral("newDealOwner"))->setText(QStringLiteral("Dana"));
        qobject_cast<QDialog*>(dialog)->accept();
        problem = dialog->findChild<QLabel*>(QStringLiteral("preferencesProblem"))->text();
        EXPECT_TRUE(dialog->isVisible());
        dialog->findChild<QLineEdit*>(QStringLiteral("newDealCurrency"))->setText(QStringLiteral("usd"));
        qobject_cast<QDialog*>(dialog)->accept();
    });
    window.findChild<QAction*>(QStringLiteral("preferencesAction"))->trigger();
    EXPECT_TRUE(problem.contains(QStringLiteral("'E1' is not an ISO 4217 currency code"))) << problem.toStdString();
    EXPECT_EQ(Preferences::newDealCurrency(), QStringLiteral("USD"));
    EXPECT_EQ(Preferences::newDealOwner(), QStringLiteral("Dana"));

    QString currency;
    QString owner;
    answerNextDialog([&currency, &owner](QWidget* dialog) {
        currency = dialog->findChild<QComboBox*>(QStringLiteral("currencyCombo"))->currentText();
        owner = dialog->findChild<QComboBox*>(QStringLiteral("ownerCombo"))->currentText();
        qobject_cast<QDialog*>(dialog)->reject();
    });
    window.findChild<QAction*>(QStringLiteral("newDealAction"))->trigger();
    EXPECT_EQ(currency, QStringLiteral("USD"));
    EXPECT_EQ(owner, QStringLiteral("Dana"));
}
