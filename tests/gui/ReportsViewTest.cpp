// The Reports view over a seeded pipeline: it shows the service's figures and
// follows its filters at once.
#include "reports/ReportsView.h"

#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"
#include "dealboard/DealStore.h"
#include "dealboard/service/PipelineOpener.h"

#include <QAction>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
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

// The Forecast view reads what `dealboard-cli forecast` prints, once shown,
// and follows its owner filter.
TEST(ReportsView, TheForecastViewShowsTheForecastOfItsOwnerFilter)
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
    QWidget* view = window.findChild<QWidget*>(QStringLiteral("forecastPanel"));
    auto* forecast = window.findChild<QTableWidget*>(QStringLiteral("forecastTable"));
    ASSERT_TRUE(view && forecast);
    EXPECT_EQ(forecast->rowCount(), 0); // not read until shown
    window.findChild<QAction*>(QStringLiteral("showForecastAction"))->trigger();
    ASSERT_EQ(window.tabs()->currentWidget(), view);
    const QStringList buckets = column(forecast, 0);
    const QStringList owners = column(forecast, 1);
    const qsizetype march = buckets.indexOf(QStringLiteral("2026-03"));
    ASSERT_GE(march, 0) << buckets.join(QLatin1Char(',')).toStdString();
    EXPECT_EQ(owners.at(march), QStringLiteral("anna"));
    EXPECT_EQ(forecast->item(static_cast<int>(march), 3)->text(), QStringLiteral("2,500 EUR"));
    EXPECT_EQ(forecast->item(static_cast<int>(march), 4)->text(), QStringLiteral("1,500 EUR")); // 60 %
    // Two deals are no history: the empirical figure says so.
    EXPECT_EQ(forecast->item(static_cast<int>(march), 5)->text(), QStringLiteral("not enough history"));
    EXPECT_EQ(owners.at(buckets.indexOf(QStringLiteral("overdue"))), QStringLiteral("ben"));
    // The chart draws the team's weighted, empirical and won value per bucket.
    auto* chart = view->findChild<QChartView*>(QStringLiteral("forecastChart"));
    ASSERT_NE(chart, nullptr);
    const QList<QAbstractSeries*> series = chart->chart()->series();
    ASSERT_EQ(series.size(), 1);
    const QList<QBarSet*> sets = qobject_cast<QBarSeries*>(series.front())->barSets();
    ASSERT_EQ(sets.size(), 3);
    EXPECT_EQ(sets.at(0)->label(), QStringLiteral("Weighted"));
    EXPECT_DOUBLE_EQ(sets.at(0)->at(1), 1500.0); // the bucket after "overdue" is March
    EXPECT_TRUE(view->findChild<QLabel*>(QStringLiteral("forecastRates"))
                    ->text()
                    .contains(QStringLiteral("Negotiation <b>60 %</b>")));

    // A manager sets Negotiation's probability from the tab; the table follows.
    answerNextDialog([](QWidget* dialog) {
        dialog->findChild<QSpinBox*>(QStringLiteral("probability_negotiation"))->setValue(40);
        QMetaObject::invokeMethod(dialog, "accept");
    });
    QTest::mouseClick(view->findChild<QPushButton*>(QStringLiteral("probabilitiesButton")), Qt::LeftButton);
    EXPECT_EQ(db.service().reports().probabilities().value().percent(Stage::Negotiation), 40);
    EXPECT_EQ(forecast->item(static_cast<int>(column(forecast, 0).indexOf(QStringLiteral("2026-03"))), 4)->text(),
              QStringLiteral("1,000 EUR"));

    auto* owner = view->findChild<QComboBox*>(QStringLiteral("forecastOwner"));
    ASSERT_NE(owner, nullptr);
    owner->setCurrentIndex(owner->findText(QStringLiteral("anna")));
    EXPECT_FALSE(column(forecast, 1).contains(QStringLiteral("ben")));
    EXPECT_TRUE(column(forecast, 1).contains(QStringLiteral("anna")));
    // One owner's forecast is named theirs, never the team's.
    EXPECT_FALSE(column(forecast, 1).contains(QStringLiteral("Team")));
    EXPECT_TRUE(column(forecast, 1).contains(QStringLiteral("Total")));
    EXPECT_TRUE(chart->chart()->title().contains(QStringLiteral("Forecast of anna's deals")))
        << chart->chart()->title().toStdString();
    owner->setCurrentIndex(0);
    EXPECT_TRUE(column(forecast, 1).contains(QStringLiteral("Team")));
    EXPECT_TRUE(chart->chart()->title().contains(QStringLiteral("Team forecast")));
}

// The forecast chart's amounts read as the board writes them, at every size:
// "1,500", "40.0B", "1,500B", never "80000000 k".
TEST(ReportsView, TheForecastChartReadsCompactAmountsAtEverySize)
{
    const struct
    {
        std::int64_t valueMinor;
        int deals;
        QStringList labels; // the weighted bar is 60 % of the deals' value
    } sizes[] = {
        {250'000, 1, {QStringLiteral("500"), QStringLiteral("1,000"), QStringLiteral("1,500")}},
        {8'000'000'000'000, 1, {QStringLiteral("20.0B"), QStringLiteral("40.0B"), QStringLiteral("60.0B")}},
        {99'999'999'999'999, 2, {QStringLiteral("500B"), QStringLiteral("1,000B"), QStringLiteral("1,500B")}},
    };
    for (const auto& size : sizes) {
        TestDatabase db; // the clock reads 2026-03-02
        DealFields fields = TestDatabase::qualified();
        fields.valueMinor = size.valueMinor;
        fields.expectedClose = QDate(2026, 3, 20);
        for (int i = 0; i < size.deals; ++i) {
            db.create(QStringLiteral("Deal %1").arg(i), Stage::Negotiation, fields);
        }
        MainWindow window(db.service());
        ASSERT_TRUE(window.load().ok());
        window.show();
        window.findChild<QAction*>(QStringLiteral("showForecastAction"))->trigger();
        auto* chart = window.findChild<QChartView*>(QStringLiteral("forecastChart"));
        ASSERT_NE(chart, nullptr);
        ASSERT_TRUE(waitUntil([chart] { return !chart->chart()->series().isEmpty(); }));
        const QList<QAbstractAxis*> axes = chart->chart()->axes(Qt::Vertical);
        ASSERT_EQ(axes.size(), 1);
        auto* amounts = qobject_cast<QCategoryAxis*>(axes.front());
        ASSERT_NE(amounts, nullptr) << "the amounts' axis labels its steps itself";
        EXPECT_EQ(amounts->categoriesLabels(), size.labels) << size.valueMinor;
        // The top step holds the highest bar.
        const auto* sets = qobject_cast<QBarSeries*>(chart->chart()->series().front());
        double highest = 0;
        for (const QBarSet* set : sets->barSets()) {
            for (int i = 0; i < set->count(); ++i) {
                highest = std::max(highest, set->at(i));
            }
        }
        EXPECT_GE(amounts->max(), highest) << size.valueMinor;
        EXPECT_FALSE(chart->chart()->title().contains(QStringLiteral("thousand")));
    }
}

// The Quotas view: a manager sets two owners' quotas for the month in its
// dialog; the table says who is behind, as `quota status` does.
TEST(ReportsView, TheQuotasViewSaysWhoIsBehindAfterTheManagerSetsQuotas)
{
    TestDatabase db; // the clock reads 2026-03-02
    DealFields fields = TestDatabase::qualified();
    fields.valueMinor = 1000000;
    fields.owner = QStringLiteral("anna");
    fields.expectedClose = QDate(2026, 3, 20);
    db.create(QStringLiteral("Anna's"), Stage::Closing, fields); // 80 %: 8,000 weighted
    fields.owner = QStringLiteral("ben");
    db.create(QStringLiteral("Ben's"), Stage::Qualifying, fields); // 10 %: 1,000 weighted
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    window.findChild<QAction*>(QStringLiteral("showQuotasAction"))->trigger();
    QWidget* view = window.findChild<QWidget*>(QStringLiteral("quotaPanel"));
    ASSERT_NE(view, nullptr);
    ASSERT_EQ(window.tabs()->currentWidget(), view);
    EXPECT_EQ(view->findChild<QComboBox*>(QStringLiteral("quotaMonth"))->currentText(), QStringLiteral("2026-03"));

    answerNextDialog([](QWidget* dialog) {
        auto* editor = dialog->findChild<QTableWidget*>(QStringLiteral("quotaEditor"));
        ASSERT_EQ(editor->rowCount(), 2);
        ASSERT_EQ(editor->item(0, 0)->text(), QStringLiteral("anna"));
        editor->item(0, 1)->setText(QStringLiteral("7,500"));
        editor->item(1, 1)->setText(QStringLiteral("5000"));
        QMetaObject::invokeMethod(dialog, "accept");
    });
    QTest::mouseClick(view->findChild<QPushButton*>(QStringLiteral("quotasButton")), Qt::LeftButton);
    ASSERT_EQ(db.service().reports().quotas().value().size(), 2u);

    auto* table = view->findChild<QTableWidget*>(QStringLiteral("quotaTable"));
    ASSERT_EQ(table->rowCount(), 2);
    EXPECT_EQ(table->item(0, 0)->text(), QStringLiteral("anna"));
    EXPECT_EQ(table->item(0, 1)->text(), QStringLiteral("on track"));
    EXPECT_EQ(table->item(0, 2)->text(), QStringLiteral("7,500 EUR"));
    EXPECT_EQ(table->item(0, 4)->text(), QStringLiteral("8,000 EUR"));
    EXPECT_EQ(table->item(1, 1)->text(), QStringLiteral("behind"));
    EXPECT_TRUE(view->findChild<QLabel*>(QStringLiteral("quotaSummary"))->text().contains(QStringLiteral("1 owner")));

    // A typing slip keeps the dialog open and saves nothing.
    answerNextDialog([](QWidget* dialog) {
        dialog->findChild<QTableWidget*>(QStringLiteral("quotaEditor"))->item(1, 1)->setText(QStringLiteral("12,50"));
        answerNextDialog([](QWidget* box) { QMetaObject::invokeMethod(box, "accept"); });
        QMetaObject::invokeMethod(dialog, "accept");
        QMetaObject::invokeMethod(dialog, "reject");
    });
    QTest::mouseClick(view->findChild<QPushButton*>(QStringLiteral("quotasButton")), Qt::LeftButton);
    EXPECT_EQ(db.service().reports().quotas().value().at(1).amount.minor, 500000);
}

// Two managers edit the same month's quotas: the one who saves over a quota
// that changed since the form opened saves nothing and is told why.
TEST(ReportsView, QuotasSavedOverAnotherManagersChangeAreRefused)
{
    TestDatabase db;
    ASSERT_TRUE(db.service()
                    .reports()
                    .setQuota(QStringLiteral("anna"), QStringLiteral("2026-03"), QStringLiteral("EUR"), 500000)
                    .ok());
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    window.findChild<QAction*>(QStringLiteral("showQuotasAction"))->trigger();
    QWidget* view = window.findChild<QWidget*>(QStringLiteral("quotaPanel"));
    ASSERT_NE(view, nullptr);
    ASSERT_EQ(window.tabs()->currentWidget(), view);
    QString note;
    QString keptTyped;
    int storedWhenAskedAgain = 0;
    answerNextDialog([&](QWidget* dialog) {
        auto* editor = dialog->findChild<QTableWidget*>(QStringLiteral("quotaEditor"));
        ASSERT_EQ(editor->item(0, 0)->text(), QStringLiteral("anna"));
        editor->item(0, 1)->setText(QStringLiteral("7,500"));
        // Meanwhile another manager, in another DealBoard.
        Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(db.path());
        ASSERT_TRUE(store.ok());
        Pipeline other(std::move(store.value()), std::make_shared<SystemClock>());
        ASSERT_TRUE(other.reports()
                        .setQuota(QStringLiteral("anna"), QStringLiteral("2026-03"), QStringLiteral("EUR"), 900000)
                        .ok());
        // Refused as stale: the editor opens again, what was typed kept.
        answerNextDialog([&](QWidget* again) {
            note = again->findChild<QLabel*>(QStringLiteral("changedMeanwhile"))->text();
            keptTyped = again->findChild<QTableWidget*>(QStringLiteral("quotaEditor"))->item(0, 1)->text();
            storedWhenAskedAgain = int(db.service().reports().quotas().value().at(0).amount.minor);
            QMetaObject::invokeMethod(again, "accept");
        });
        QMetaObject::invokeMethod(dialog, "accept");
    });
    QTest::mouseClick(view->findChild<QPushButton*>(QStringLiteral("quotasButton")), Qt::LeftButton);
    EXPECT_EQ(storedWhenAskedAgain, 900000) << "nothing saved over the other manager's change unseen";
    EXPECT_TRUE(note.contains(QStringLiteral("anna: now 9,000")) && note.contains(QStringLiteral("yours 7,500")))
        << note.toStdString();
    EXPECT_EQ(keptTyped, QStringLiteral("7,500"));
    // Save, having seen theirs, keeps the manager's own.
    EXPECT_EQ(db.service().reports().quotas().value().at(0).amount.minor, 750000);
}

// Goals this manager did not touch take the other manager's values when the
// editor opens again, so Save keeps both; the note says theirs beside yours.
TEST(ReportsView, StageGoalsSavedAgainKeepAnotherManagersGoalsLeftUntouched)
{
    TestDatabase db;
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    window.showReports(true);
    ReportsView* view = window.reports();
    QString note;
    double negotiationShown = -2;
    answerNextDialog([&](QWidget* dialog) {
        dialog->findChild<QSpinBox*>(QStringLiteral("days_qualifying"))->setValue(10);
        Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(db.path());
        ASSERT_TRUE(store.ok());
        Pipeline other(std::move(store.value()), std::make_shared<SystemClock>());
        ASSERT_TRUE(other.reports().setStageGoal(Stage::Qualifying, StageGoal {std::nullopt, 20}).ok());
        ASSERT_TRUE(other.reports().setStageGoal(Stage::Negotiation, StageGoal {0.4, std::nullopt}).ok());
        answerNextDialog([&](QWidget* again) {
            note = again->findChild<QLabel*>(QStringLiteral("changedMeanwhile"))->text();
            negotiationShown = again->findChild<QDoubleSpinBox*>(QStringLiteral("conversion_negotiation"))->value();
            EXPECT_EQ(again->findChild<QSpinBox*>(QStringLiteral("days_qualifying"))->value(), 10);
            QMetaObject::invokeMethod(again, "accept");
        });
        QMetaObject::invokeMethod(dialog, "accept");
    });
    QTest::mouseClick(view->findChild<QPushButton*>(QStringLiteral("goalsButton")), Qt::LeftButton);
    EXPECT_TRUE(note.contains(QStringLiteral("Qualifying (theirs: 20 days; yours: 10 days)"))) << note.toStdString();
    EXPECT_TRUE(note.contains(QStringLiteral("Negotiation (now 40 % on)"))) << note.toStdString();
    EXPECT_DOUBLE_EQ(negotiationShown, 40.0);
    const StageGoals goals = db.service().reports().stageGoals().value();
    EXPECT_EQ(goals[stageIndex(Stage::Qualifying)].targetMedianDays, 10) << "Save keeps the manager's own";
    ASSERT_TRUE(goals[stageIndex(Stage::Negotiation)].targetConversion.has_value()) << "the other's goal is kept";
    EXPECT_EQ(qRound(*goals[stageIndex(Stage::Negotiation)].targetConversion * 100), 40);
}

// The stage goals saved over another manager's change of them: the editor
// opens again with what was typed, naming the stage changed; Cancel keeps theirs.
TEST(ReportsView, StageGoalsSavedOverAnotherManagersChangeAreRefused)
{
    TestDatabase db;
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    window.showReports(true);
    ReportsView* view = window.reports();
    QString note;
    int keptDays = 0;
    answerNextDialog([&](QWidget* dialog) {
        dialog->findChild<QSpinBox*>(QStringLiteral("days_contacting"))->setValue(30);
        Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(db.path());
        ASSERT_TRUE(store.ok());
        Pipeline other(std::move(store.value()), std::make_shared<SystemClock>());
        ASSERT_TRUE(other.reports().setStageGoal(Stage::Qualifying, StageGoal {0.5, std::nullopt}).ok());
        answerNextDialog([&](QWidget* again) {
            note = again->findChild<QLabel*>(QStringLiteral("changedMeanwhile"))->text();
            keptDays = again->findChild<QSpinBox*>(QStringLiteral("days_contacting"))->value();
            QMetaObject::invokeMethod(again, "reject");
        });
        QMetaObject::invokeMethod(dialog, "accept");
    });
    QTest::mouseClick(view->findChild<QPushButton*>(QStringLiteral("goalsButton")), Qt::LeftButton);
    EXPECT_TRUE(note.contains(QStringLiteral("goals of Qualifying"))) << note.toStdString();
    EXPECT_EQ(keptDays, 30);
    const StageGoals goals = db.service().reports().stageGoals().value();
    EXPECT_EQ(goals[stageIndex(Stage::Qualifying)].targetConversion, 0.5);
    EXPECT_FALSE(goals[stageIndex(Stage::Contacting)].targetMedianDays.has_value());
}

// File > Export pipeline review writes the PDF where the manager chose.
TEST(ReportsView, ExportPipelineReviewWritesThePdfWhereChosen)
{
    TestDatabase db;
    ASSERT_TRUE(db.service().deals().seedSample(60, 3).ok());
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("weekly.pdf"));
    answerNextDialog([&target](QWidget* widget) {
        auto* dialog = qobject_cast<QFileDialog*>(widget);
        ASSERT_NE(dialog, nullptr);
        EXPECT_TRUE(dialog->selectedFiles().value(0).endsWith(QStringLiteral("pipeline-review-2026-03-02.pdf")));
        dialog->setDirectory(QFileInfo(target).absolutePath());
        dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"))->setText(QFileInfo(target).fileName());
        QMetaObject::invokeMethod(dialog, "accept");
    });
    window.findChild<QAction*>(QStringLiteral("exportReviewAction"))->trigger();
    QFile pdf(target);
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    EXPECT_TRUE(pdf.read(5) == "%PDF-");
    EXPECT_GT(pdf.size(), 10000);
    EXPECT_TRUE(window.statusBar()->currentMessage().contains(QStringLiteral("Wrote the pipeline review of the team")))
        << window.statusBar()->currentMessage().toStdString();
}

// Export report CSV… writes the table in view, whichever it is, each value
// column's currency in a column of its own.
TEST(ReportsView, ExportWritesTheTableInViewWithTheCurrencyInItsOwnColumn)
{
    TestDatabase db; // the clock reads 2026-03-02
    DealFields fields = TestDatabase::qualified();
    fields.valueMinor = 250000;
    fields.expectedClose = QDate(2026, 3, 20);
    fields.owner = QStringLiteral("anna");
    db.create(QStringLiteral("March"), Stage::Negotiation, fields);
    fields.owner = QStringLiteral("ben");
    db.create(QStringLiteral("Ben's"), Stage::Qualifying, fields);
    ReportService::QuotaChange quota;
    quota.owner = QStringLiteral("anna");
    quota.currency = QStringLiteral("EUR");
    quota.amountMinor = 500000;
    ASSERT_TRUE(db.service().reports().setQuotas(QStringLiteral("2026-03"), {quota}).ok());
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    window.showReports(true);
    ReportsView* view = window.reports();
    QTemporaryDir dir;
    const struct
    {
        const char* view;
        const char* button;
        const char* suggested;
        const char* header;
        const char* row;
    } tables[] = {
        {"reportTable", "exportReportButton", "pipeline-report.csv", "stage,currency,reached,", "negotiation,EUR,1,"},
        {"ownerSplitTable", "exportReportButton", "pipeline-report-by-owner.csv", "owner,currency,deals,",
         "anna,EUR,1,1,2500.00,"},
        {"forecastPanel", "exportForecastButton", "forecast.csv", "bucket,owner,currency,",
         "2026-03,anna,EUR,1,2500.00,1500.00,"},
        {"quotaPanel", "exportQuotasButton", "quotas-2026-03.csv", "month,owner,currency,",
         "2026-03,anna,EUR,behind,5000.00,"},
    };
    for (const auto& table : tables) {
        const QString name = QString::fromLatin1(table.view);
        if (name == u"forecastPanel" || name == u"quotaPanel") {
            // Views of their own, each with its Export.
            window
                .findChild<QAction*>(name == u"forecastPanel" ? QStringLiteral("showForecastAction")
                                                              : QStringLiteral("showQuotasAction"))
                ->trigger();
        } else {
            window.showReports(true);
            view->openTable(name);
        }
        const QString target = dir.filePath(QString::fromLatin1(table.view) + QStringLiteral(".csv"));
        answerNextDialog([&](QWidget* widget) {
            auto* dialog = qobject_cast<QFileDialog*>(widget);
            ASSERT_NE(dialog, nullptr);
            EXPECT_TRUE(dialog->selectedFiles().value(0).endsWith(QString::fromLatin1(table.suggested)))
                << dialog->selectedFiles().value(0).toStdString();
            dialog->setDirectory(dir.path());
            dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"))->setText(QFileInfo(target).fileName());
            QMetaObject::invokeMethod(dialog, "accept");
        });
        auto* button = window.findChild<QPushButton*>(QString::fromLatin1(table.button));
        ASSERT_NE(button, nullptr) << table.button;
        ASSERT_TRUE(button->isVisible()) << table.button;
        QTest::mouseClick(button, Qt::LeftButton);
        QFile file(target);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << table.view;
        const QString written = QString::fromUtf8(file.readAll());
        EXPECT_TRUE(written.startsWith(QString::fromLatin1(table.header))) << table.view << "\n"
                                                                           << written.toStdString();
        EXPECT_TRUE(written.contains(QStringLiteral("\r\n") + QString::fromLatin1(table.row))) << table.view << "\n"
                                                                                               << written.toStdString();
        EXPECT_TRUE(window.statusBar()->currentMessage().contains(target)) << table.view;
    }
}

TEST(ReportsView, TheAccuracyAndSlippedTabsShowTheSamplesHistory)
{
    TestDatabase db;
    ASSERT_TRUE(db.service().deals().seedSample(400, 11).ok());
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    window.showReports(true);
    ReportsView* view = window.reports();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    // Opening took the day's snapshot, beside the sample's 40 weeks.
    QTest::qWait(50);
    EXPECT_TRUE(db.store().snapshots().takenOn(db.clock().nowUtc().toLocalTime().date()).value());
    EXPECT_EQ(db.store().snapshots().days().value().size(), 41u);

    view->openTable(QStringLiteral("accuracyTable"));
    auto* accuracy = view->findChild<QTableWidget*>(QStringLiteral("accuracyTable"));
    ASSERT_NE(accuracy, nullptr);
    const ForecastAccuracy expected = db.service().accuracy().accuracy(ForecastAccuracy::DefaultMonths).value();
    ASSERT_EQ(accuracy->rowCount(), int(expected.lines.size() * 3));
    EXPECT_EQ(accuracy->item(0, 1)->text(), QStringLiteral("Team"));
    EXPECT_EQ(accuracy->item(0, 2)->text(), QStringLiteral("90"));
    EXPECT_NE(accuracy->item(0, 3)->text(), QStringLiteral("no snapshot")); // the sample's weekly snapshots
    auto* summary = view->findChild<QLabel*>(QStringLiteral("accuracySummary"));
    EXPECT_TRUE(summary->text().startsWith(QStringLiteral("At 90 days ahead"))) << summary->text().toStdString();

    view->openTable(QStringLiteral("slippedTable"));
    auto* slipped = view->findChild<QTableWidget*>(QStringLiteral("slippedTable"));
    const SlippedDeals deals = db.service().accuracy().slipped().value();
    EXPECT_GT(deals.deals.size(), 0u);
    EXPECT_EQ(slipped->rowCount(), int(deals.deals.size()));
    EXPECT_EQ(slipped->item(0, 1)->text(), deals.deals.front().title);
}
