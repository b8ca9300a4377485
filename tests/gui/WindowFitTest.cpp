// The board fits a 1024×768 screen: the window, frame and all, stays within
// 1024×740 on every tab and view, shrinks to 800×600, and the report
// tables show every figure whole, however large, beside long owner names.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"
#include "common/ShortcutsDialog.h"
#include "reports/ReportTable.h"
#include "reports/ReportsView.h"
#include "window/WindowState.h"

#include <QAction>
#include <QHeaderView>
#include <QStyle>
#include <QTabWidget>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

constexpr QSize Screen(1024, 740); // a 1024×768 screen less its panel
constexpr QSize Smallest(800, 600);

// Every tab of the window (the forecast and the quotas among them) and every
// view of the Reports tab, by name.
std::vector<std::pair<QString, std::function<void()>>> everyView(MainWindow& window)
{
    std::vector<std::pair<QString, std::function<void()>>> views;
    for (int tab = 0; tab < window.tabs()->count(); ++tab) {
        views.emplace_back(window.tabs()->tabText(tab), [&window, tab] { window.tabs()->setCurrentIndex(tab); });
    }
    for (const char* name : {"reportTable", "ownerSplitTable"}) {
        views.emplace_back(QString::fromLatin1(name), [&window, name] {
            window.showReports(true);
            window.reports()->openTable(QString::fromLatin1(name));
        });
    }
    return views;
}

// A pipeline as the sample fills it, and one more deal of two thousand
// billion euros for an owner with a long name, with a quota this month.
void seedWithHugeFigures(TestDatabase& db)
{
    ASSERT_TRUE(db.service().deals().seedSample(200, 7).ok());
    DealFields fields = TestDatabase::qualified();
    fields.valueMinor = 99'999'999'999'999; // the largest a deal may have, twice: two thousand billion
    const QString owner = QStringLiteral("Maximiliane Alexandra von Hohenzollern-Sigmaringen");
    fields.owner = owner;
    fields.expectedClose = QDate(2026, 3, 20);
    db.create(QStringLiteral("A very large framework agreement for every subsidiary of the group"), Stage::Closing,
              fields);
    db.create(QStringLiteral("Its twin"), Stage::Closing, fields);
    ReportService::QuotaChange quota;
    quota.owner = owner;
    quota.currency = QStringLiteral("EUR");
    quota.amountMinor = 99'999'999'999'999;
    ASSERT_TRUE(db.service().reports().setQuotas(QStringLiteral("2026-03"), {quota}).ok());
}

} // namespace

TEST(WindowFit, EveryTabAndViewFitsA1024By768ScreenAndTheWindowShrinksTo800By600)
{
    TestDatabase db;
    seedWithHugeFigures(db);
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    // The window with its frame as large as the screen, as a window manager makes it.
    window.resize(Screen - (window.frameGeometry().size() - window.size()));
    QTest::qWait(20);
    for (const auto& [name, show] : everyView(window)) {
        show();
        QTest::qWait(20);
        const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
        EXPECT_LE(minimum.width(), Smallest.width()) << name.toStdString();
        EXPECT_LE(minimum.height(), Smallest.height()) << name.toStdString();
        // Frame and all: the window did not grow past the screen.
        EXPECT_LE(window.frameGeometry().width(), Screen.width()) << name.toStdString();
        EXPECT_LE(window.frameGeometry().height(), Screen.height()) << name.toStdString();
    }
    window.resize(Smallest);
    for (const auto& [name, show] : everyView(window)) {
        show();
        QTest::qWait(20);
        EXPECT_EQ(window.size(), Smallest) << name.toStdString();
    }
}

// A window manager's frame (30 pixels of title, 4 of border) around a first
// start of 1400×850 on a 1024×740 desk: the window shrinks and moves so that
// its frame fits; the title bar never leaves the top.
TEST(WindowFit, TheFrameIsKeptWithinTheScreen)
{
    const QRect available(0, 0, 1024, 740);
    const QRect fitted
        = WindowState::fittedGeometry(QRect(40, 40, 1408, 884), QRect(44, 70, 1400, 850), available, QSize(780, 560));
    EXPECT_EQ(fitted, QRect(4, 30, 1016, 706));
    // A window already within the screen stays where it is.
    EXPECT_EQ(WindowState::fittedGeometry(QRect(10, 10, 808, 634), QRect(14, 40, 800, 600), available, QSize()),
              QRect(14, 40, 800, 600));
    // Off the bottom right: moved back in, not shrunk.
    EXPECT_EQ(WindowState::fittedGeometry(QRect(600, 500, 808, 634), QRect(604, 530, 800, 600), available, QSize()),
              QRect(220, 136, 800, 600));
}

// Forecast and Quotas are views of their own, tabs of the window beside
// Reports, each with a shortcut that the Keyboard shortcuts window lists.
TEST(WindowFit, ForecastAndQuotasAreViewsOfTheirOwnWithAShortcutEach)
{
    TestDatabase db;
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    const QList<QPair<QString, QString>> rows = ShortcutsDialog::rows(window.shortcutActions());
    for (const auto& [name, view, key] : {std::tuple {"showForecastAction", "forecastPanel", "Ctrl+6"},
                                          std::tuple {"showQuotasAction", "quotaPanel", "Ctrl+7"}}) {
        auto* action = window.findChild<QAction*>(QString::fromLatin1(name));
        ASSERT_NE(action, nullptr) << name;
        EXPECT_EQ(action->shortcut(), QKeySequence(QString::fromLatin1(key)));
        auto* page = window.findChild<QWidget*>(QString::fromLatin1(view));
        ASSERT_NE(page, nullptr) << view;
        EXPECT_GE(window.tabs()->indexOf(page), 0) << view << " is a tab of the window";
        EXPECT_FALSE(window.reports()->isAncestorOf(page)) << view << " is not within Reports";
        window.showReports(false);
        action->trigger();
        EXPECT_EQ(window.tabs()->currentWidget(), page) << view;
        EXPECT_TRUE(page->isVisible()) << view;
        EXPECT_TRUE(std::any_of(rows.begin(), rows.end(), [&](const QPair<QString, QString>& row) {
            return row.first == action->text().remove(QLatin1Char('&'))
                && row.second == QKeySequence(QString::fromLatin1(key)).toString(QKeySequence::NativeText);
        })) << name;
    }
    // Ctrl+5 goes back to the figures by stage.
    window.findChild<QAction*>(QStringLiteral("showReportsAction"))->trigger();
    EXPECT_EQ(window.reports()->findChild<QTabWidget*>(QStringLiteral("reportTables"))->currentIndex(), 0);
}

// Every cell and header of the four report tables is shown whole at
// 1024×740: two thousand billion euros, a long owner's name, bold totals.
TEST(WindowFit, ReportCellsAndHeadersAreNeverCut)
{
    TestDatabase db;
    seedWithHugeFigures(db);
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    // The window with its frame as large as the screen, as a window manager makes it.
    window.resize(Screen - (window.frameGeometry().size() - window.size()));
    QTest::qWait(20);
    int checked = 0;
    for (const char* name : {"reportTable", "ownerSplitTable", "forecastTable", "quotaTable"}) {
        const QString tableName = QString::fromLatin1(name);
        if (tableName == u"forecastTable" || tableName == u"quotaTable") {
            window
                .findChild<QAction*>(tableName == u"forecastTable" ? QStringLiteral("showForecastAction")
                                                                   : QStringLiteral("showQuotasAction"))
                ->trigger();
        } else {
            window.showReports(true);
            window.reports()->openTable(tableName);
        }
        QTest::qWait(20);
        auto* table = window.findChild<ReportTable*>(tableName);
        ASSERT_NE(table, nullptr) << name;
        ASSERT_GT(table->rowCount(), 0) << name;
        const int margin = 2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1);
        bool huge = false;
        for (int column = 0; column < table->columnCount(); ++column) {
            const QString header = table->horizontalHeaderItem(column)->text();
            EXPECT_LE(table->horizontalHeader()->fontMetrics().horizontalAdvance(header) + margin,
                      table->columnWidth(column))
                << name << ": header " << header.toStdString();
            for (int row = 0; row < table->rowCount(); ++row) {
                const QTableWidgetItem* cell = table->item(row, column);
                const int width = QFontMetrics(cell->font()).horizontalAdvance(cell->text());
                EXPECT_LE(width + margin, table->columnWidth(column))
                    << name << ": " << cell->text().toStdString() << " in " << header.toStdString();
                // A thousand billion and more: "999,999,999,999.99 EUR".
                huge = huge || (cell->text().endsWith(QStringLiteral(" EUR")) && cell->text().size() >= 22);
                ++checked;
            }
        }
        EXPECT_TRUE(huge) << name;
    }
    EXPECT_GT(checked, 100);
    EXPECT_LE(window.frameGeometry().width(), Screen.width());
}
