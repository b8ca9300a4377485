// The Reports view over a seeded pipeline: it shows the service's figures and
// follows its filters at once.
#include "reports/ReportsView.h"

#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

QStringList column(QTableWidget* table, int column)
{
    QStringList values;
    for (int row = 0; row < table->rowCount(); ++row) {
        values << table->item(row, column)->text();
    }
    return values;
}

QStringList reachedOf(const PipelineReport& report)
{
    QStringList values;
    for (const StageFigures& figures : report.stages) {
        values << QString::number(figures.reached);
    }
    return values;
}

} // namespace

TEST(ReportsView, ShowsTheSeededNumbersAndFollowsFilters)
{
    TestDatabase db;
    ASSERT_TRUE(db.service().deals().seedSample(400, 11).ok());
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    window.showReports(true);
    ReportsView* view = window.reports();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    auto* table = view->findChild<QTableWidget*>(QStringLiteral("reportTable"));
    ASSERT_NE(table, nullptr);

    const PipelineReport reached = db.service().reports().report({}).value();
    EXPECT_EQ(reached.deals, 400);
    EXPECT_EQ(column(table, 1), reachedOf(reached));
    EXPECT_EQ(table->item(0, 1)->text(), QStringLiteral("400"));

    // Strict counting: the same table, other numbers, straight away.
    auto* mode = view->findChild<QComboBox*>(QStringLiteral("reportMode"));
    mode->setCurrentIndex(1);
    ReportFilter strictFilter;
    strictFilter.mode = CountingMode::Strict;
    const PipelineReport strict = db.service().reports().report(strictFilter).value();
    EXPECT_EQ(column(table, 1), reachedOf(strict));
    EXPECT_NE(reachedOf(strict), reachedOf(reached)); // the sample has skips

    // One owner.
    auto* owner = view->findChild<QComboBox*>(QStringLiteral("reportOwner"));
    ASSERT_GT(owner->count(), 2);
    owner->setCurrentIndex(2);
    strictFilter.owner = owner->currentText();
    const PipelineReport ownerReport = db.service().reports().report(strictFilter).value();
    EXPECT_LT(ownerReport.deals, 400);
    EXPECT_EQ(column(table, 1), reachedOf(ownerReport));
}

TEST(ReportsView, GoalsSetInTheDialogMarkTheStages)
{
    TestDatabase db;
    ASSERT_TRUE(db.service().deals().seedSample(300, 4).ok());
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    window.showReports(true);
    ReportsView* view = window.reports();
    auto* table = view->findChild<QTableWidget*>(QStringLiteral("reportTable"));
    const int onTarget = table->columnCount() - 1;
    EXPECT_EQ(table->item(1, onTarget)->text(), QStringLiteral("no goal"));

    answerNextDialog([](QWidget* dialog) {
        // Qualifying: 100 % must go on (missed); Contacting: at most 3650 days (met).
        dialog->findChild<QDoubleSpinBox*>(QStringLiteral("conversion_qualifying"))->setValue(100);
        dialog->findChild<QSpinBox*>(QStringLiteral("days_contacting"))->setValue(3650);
        QMetaObject::invokeMethod(dialog, "accept");
    });
    QTest::mouseClick(view->findChild<QPushButton*>(QStringLiteral("goalsButton")), Qt::LeftButton);

    const StageGoals goals = db.service().reports().stageGoals().value();
    EXPECT_DOUBLE_EQ(goals[stageIndex(Stage::Qualifying)].targetConversion.value_or(-1), 1.0);
    EXPECT_EQ(goals[stageIndex(Stage::Contacting)].targetMedianDays, 3650);
    EXPECT_EQ(table->item(1, onTarget)->text(), QStringLiteral("below target"));
    EXPECT_EQ(table->item(2, onTarget)->text(), QStringLiteral("on target"));
    EXPECT_EQ(table->item(3, onTarget)->text(), QStringLiteral("no goal"));
}

TEST(ReportsView, FollowsMovesMadeOnTheBoard)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Moving"), Stage::Prospecting, TestDatabase::qualified());
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    window.showReports(true);
    auto* table = window.reports()->findChild<QTableWidget*>(QStringLiteral("reportTable"));
    EXPECT_EQ(table->item(2, 1)->text(), QStringLiteral("0"));
    ASSERT_TRUE(db.service().deals().move(deal.id, Stage::Contacting).ok());
    EXPECT_EQ(table->item(2, 1)->text(), QStringLiteral("1"));
}

// The Forecast tab reads what `dealboard-cli forecast` prints, once shown,
// and follows the report's owner filter.
TEST(ReportsView, TheForecastTabShowsTheForecastOfTheOwnerFilter)
{
    TestDatabase db; // the clock reads 2026-03-02
    DealFields fields = TestDatabase::qualified();
    fields.valueMinor = 250000;
    fields.expectedClose = QDate(2026, 3, 20);
    fields.owner = QStringLiteral("anna");
    db.create(QStringLiteral("March"), Stage::Negotiation, fields);
    fields.owner = QStringLiteral("ben");
    fields.expectedClose = QDate(2026, 2, 27);
    db.create(QStringLiteral("Overdue"), Stage::Qualifying, fields);
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    window.showReports(true);
    ReportsView* view = window.reports();
    auto* tabs = view->findChild<QTabWidget*>(QStringLiteral("reportTables"));
    auto* forecast = view->findChild<QTableWidget*>(QStringLiteral("forecastTable"));
    ASSERT_TRUE(tabs && forecast);
    EXPECT_EQ(forecast->rowCount(), 0); // not read until shown
    tabs->setCurrentWidget(forecast);
    const QStringList buckets = column(forecast, 0);
    const QStringList owners = column(forecast, 1);
    const qsizetype march = buckets.indexOf(QStringLiteral("2026-03"));
    ASSERT_GE(march, 0) << buckets.join(QLatin1Char(',')).toStdString();
    EXPECT_EQ(owners.at(march), QStringLiteral("anna"));
    EXPECT_EQ(forecast->item(static_cast<int>(march), 3)->text(), QStringLiteral("2,500 EUR"));
    EXPECT_EQ(forecast->item(static_cast<int>(march), 4)->text(), QStringLiteral("1,500 EUR")); // 60 %
    EXPECT_EQ(owners.at(buckets.indexOf(QStringLiteral("overdue"))), QStringLiteral("ben"));

    auto* owner = view->findChild<QComboBox*>(QStringLiteral("reportOwner"));
    owner->setCurrentIndex(owner->findText(QStringLiteral("anna")));
    EXPECT_FALSE(column(forecast, 1).contains(QStringLiteral("ben")));
    EXPECT_TRUE(column(forecast, 1).contains(QStringLiteral("anna")));
}
