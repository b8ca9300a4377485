// The manager's "Currency and exchange rates…" dialog on a real pipeline,
// offscreen: a refused rate is said in the dialog and saves nothing; a rate,
// the reporting currency and an ECB file are saved, each one step of the
// board's Undo; a rep reads but sets nothing.
#include "reports/RatesDialog.h"

#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTableWidget>
#include <QUndoStack>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

QString message(QWidget* dialog)
{
    return dialog->findChild<QLabel*>(QStringLiteral("ratesMessage"))->text();
}

void typeRate(QWidget* dialog, const QString& code, const QDate& date, const QString& rate)
{
    dialog->findChild<QLineEdit*>(QStringLiteral("rateCurrency"))->setText(code);
    dialog->findChild<QDateEdit*>(QStringLiteral("rateDate"))->setDate(date);
    dialog->findChild<QLineEdit*>(QStringLiteral("rateValue"))->setText(rate);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("setRateButton")), Qt::LeftButton);
}

} // namespace

TEST(RatesDialog, AManagerSetsRatesAndTheCurrencyEachOneUndoStepAndRefusalsAreSaidInTheDialog)
{
    TestDatabase db;
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    auto* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    auto* redo = window.findChild<QAction*>(QStringLiteral("redoAction"));
    bool answered = false;
    answerNextDialog(
        [&](QWidget* dialog) {
            answered = true;
            auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("ratesTable"));
            EXPECT_EQ(table->rowCount(), 0);
            EXPECT_TRUE(dialog->findChild<QComboBox*>(QStringLiteral("reportingCurrency"))
                            ->currentText()
                            .startsWith(QStringLiteral("EUR")));

            typeRate(dialog, QStringLiteral("usd"), QDate(2026, 12, 1), QStringLiteral("0,9412"));
            EXPECT_TRUE(message(dialog).contains(QStringLiteral("not a ','"))) << message(dialog).toStdString();
            typeRate(dialog, QStringLiteral("EUO"), QDate(2026, 12, 1), QStringLiteral("0.9412"));
            EXPECT_TRUE(message(dialog).contains(QStringLiteral("did you mean"))) << message(dialog).toStdString();
            EXPECT_TRUE(db.service().rates().rates().value().empty());

            typeRate(dialog, QStringLiteral("usd"), QDate(2026, 12, 1), QStringLiteral("0.9412"));
            EXPECT_EQ(message(dialog), QStringLiteral("From 2026-12-01: 1 USD = 0.9412 EUR."));
            ASSERT_EQ(table->rowCount(), 1);
            EXPECT_EQ(table->item(0, 1)->text(), QStringLiteral("USD"));
            EXPECT_EQ(table->item(0, 2)->text(), QStringLiteral("0.9412"));
            typeRate(dialog, QStringLiteral("USD"), QDate(2026, 12, 1), QStringLiteral("0.9412"));
            EXPECT_TRUE(message(dialog).startsWith(QStringLiteral("Nothing changed"))) << message(dialog).toStdString();

            auto* currency = dialog->findChild<QComboBox*>(QStringLiteral("reportingCurrency"));
            currency->setEditText(QStringLiteral("yen"));
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("setCurrencyButton")), Qt::LeftButton);
            EXPECT_TRUE(message(dialog).contains(QStringLiteral("JPY"))) << message(dialog).toStdString();
            EXPECT_EQ(db.service().rates().reportingCurrency().value(), QStringLiteral("EUR"));
            currency->setEditText(QStringLiteral("GBP — Pound sterling"));
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("setCurrencyButton")), Qt::LeftButton);
            EXPECT_EQ(message(dialog), QStringLiteral("Totals are now converted into GBP."));
            EXPECT_EQ(db.service().rates().reportingCurrency().value(), QStringLiteral("GBP"));

            // Removing the chosen row.
            table->setCurrentCell(0, 0);
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("removeRateButton")), Qt::LeftButton);
            EXPECT_EQ(table->rowCount(), 0);
            QMetaObject::invokeMethod(dialog, "reject");
        },
        QStringLiteral("ratesDialog"));
    window.findChild<QAction*>(QStringLiteral("ratesAction"))->trigger();
    ASSERT_TRUE(answered);
    EXPECT_TRUE(db.service().rates().rates().value().empty());

    // Three steps: the rate, the currency, the removal; undone one by one.
    undo->trigger();
    ASSERT_EQ(db.service().rates().rates().value().size(), 1u);
    EXPECT_EQ(db.service().rates().rates().value().front(),
              (ExchangeRate {QStringLiteral("USD"), QStringLiteral("EUR"), QDate(2026, 12, 1), 2353, 2500}));
    undo->trigger();
    EXPECT_EQ(db.service().rates().reportingCurrency().value(), QStringLiteral("EUR"));
    undo->trigger();
    EXPECT_TRUE(db.service().rates().rates().value().empty());
    redo->trigger();
    EXPECT_EQ(db.service().rates().rates().value().size(), 1u);

    // An undo over another manager's change is refused and changes nothing.
    ASSERT_TRUE(db.service().rates().setRate(QStringLiteral("USD"), QDate(2026, 12, 1), RateFraction {1, 2}).ok());
    undo->trigger();
    EXPECT_EQ(db.service().rates().rates().value().front().numerator, 1);
    // The dialog is closed: the refusal is said on the window's status line.
    EXPECT_FALSE(window.statusBar()->currentMessage().isEmpty());
}

// A rate set anywhere converts the Reports view's totals anew, as the
// board's: the dollars it left out are counted once the rate is there.
TEST(RatesDialog, ANewRateConvertsTheReportsViewAnew)
{
    TestDatabase db;
    DealFields dollars;
    dollars.valueMinor = 100000;
    dollars.currency = QStringLiteral("USD");
    db.create(QStringLiteral("In dollars"), Stage::Prospecting, dollars);
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    window.findChild<QAction*>(QStringLiteral("showReportsAction"))->trigger();
    auto* summary = window.findChild<QLabel*>(QStringLiteral("reportSummary"));
    ASSERT_NE(summary, nullptr);
    EXPECT_TRUE(summary->text().contains(QStringLiteral("no rate"))) << summary->text().toStdString();
    ASSERT_TRUE(db.service()
                    .rates()
                    .setRate(QStringLiteral("USD"), db.clock().nowUtc().date().addDays(-1), RateFraction {9, 10})
                    .ok());
    EXPECT_FALSE(summary->text().contains(QStringLiteral("no rate"))) << summary->text().toStdString();
    EXPECT_TRUE(summary->text().contains(QStringLiteral("converted at the rates of"))) << summary->text().toStdString();
}

TEST(RatesDialog, TheEcbsFileIsImportedAsOneStepFromTheReportsViewsButton)
{
    TestDatabase db;
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();
    window.findChild<QAction*>(QStringLiteral("showReportsAction"))->trigger();
    bool answered = false;
    answerNextDialog(
        [&](QWidget* dialog) {
            answered = true;
            answerNextDialog([](QWidget* widget) {
                auto* files = qobject_cast<QFileDialog*>(widget);
                ASSERT_NE(files, nullptr);
                files->setDirectory(QStringLiteral(DEALBOARD_SOURCE_DIR "/tests/data/rates"));
                files->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"))->setText(QStringLiteral("eurofxref.csv"));
                QMetaObject::invokeMethod(files, "accept");
            });
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("importRatesButton")), Qt::LeftButton);
            EXPECT_TRUE(message(dialog).startsWith(QStringLiteral("Imported 30 rate(s), 30 of them new")))
                << message(dialog).toStdString();
            EXPECT_EQ(dialog->findChild<QTableWidget*>(QStringLiteral("ratesTable"))->rowCount(), 30);
            QMetaObject::invokeMethod(dialog, "reject");
        },
        QStringLiteral("ratesDialog"));
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("ratesButton")), Qt::LeftButton);
    ASSERT_TRUE(answered);
    EXPECT_EQ(db.service().rates().rates().value().size(), 30u);
    window.findChild<QAction*>(QStringLiteral("undoAction"))->trigger();
    EXPECT_TRUE(db.service().rates().rates().value().empty());
}
