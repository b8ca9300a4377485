// The board's import dialog: the layout detected from the header and
// changeable, their stages onto ours (each changeable), the first rows as
// they will be imported, and Import only once the whole file is sound.
#include "deals/ImportDealsDialog.h"

#include "GuiTestSupport.h"
#include "OpenBoard.h"
#include "TestDatabase.h"
#include "board/BoardModel.h"
#include "board/StageColumnModel.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QPushButton>
#include <QTableWidget>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

QString sample(const char* name)
{
    return QStringLiteral(DEALBOARD_SOURCE_DIR "/tests/data/import/%1").arg(QLatin1String(name));
}

QString cellText(QTableWidget* table, int row, int column)
{
    QTableWidgetItem* item = table->item(row, column);
    return item ? item->text() : QString();
}

} // namespace

TEST(ImportDealsDialog, DetectsHubspotAndPreviewsTheFirstRowsAsMapped)
{
    TestDatabase db;
    QFile file(sample("hubspot-deals.csv"));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    ImportDealsDialog dialog(&file, QStringLiteral("hubspot-deals.csv"), db.service().now());
    EXPECT_EQ(dialog.options().format, ImportFormat::Hubspot);
    EXPECT_TRUE(dialog.formatBox()->currentText().contains(QStringLiteral("HubSpot")));
    QTableWidget* preview = dialog.previewTable();
    ASSERT_EQ(preview->rowCount(), 8);
    EXPECT_EQ(cellText(preview, 1, 0), QStringLiteral("3"));
    EXPECT_EQ(cellText(preview, 1, 1), QStringLiteral("Contoso analytics"));
    EXPECT_EQ(cellText(preview, 1, 2), QStringLiteral("Contoso Ltd"));
    EXPECT_EQ(cellText(preview, 1, 3), QStringLiteral("Qualified To Buy → Contacting"));
    EXPECT_TRUE(cellText(preview, 1, 4).startsWith(QStringLiteral("18,250.50")))
        << cellText(preview, 1, 4).toStdString();
    EXPECT_EQ(cellText(preview, 5, 3), QStringLiteral("Closed Won → Customer Retention, won"));
    EXPECT_EQ(dialog.stageTable()->rowCount(), 7);
    EXPECT_TRUE(dialog.importButton()->isEnabled());

    // Read as DealBoard's CSV instead, the file has no title column: nothing to import.
    dialog.formatBox()->setCurrentIndex(0);
    EXPECT_EQ(dialog.options().format, ImportFormat::Csv);
    EXPECT_FALSE(dialog.importButton()->isEnabled());
    EXPECT_EQ(preview->rowCount(), 0);
    EXPECT_TRUE(db.service().deals().list().value().empty());
}

TEST(ImportDealsDialog, FromTheFileMenuAStageWithoutMatchIsMappedThenImported)
{
    TestDatabase db;
    std::unique_ptr<MainWindow> window;
    openBoard(window, db.service());
    const QString path = db.folder() + QStringLiteral("/pipedrive.csv");
    {
        QFile out(path);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write("Deal - Title,Deal - Organization,Deal - Stage,Deal - Status,Deal - Value\r\n"
                  "Acme rollout,Acme,Qualified,Open,100\r\n"
                  "Globex pilot,Globex,Discovery,Open,\"2,500\"\r\n");
    }
    bool previewed = false;
    answerNextDialog(
        [&](QWidget* asked) {
            auto* files = qobject_cast<QFileDialog*>(asked);
            ASSERT_NE(files, nullptr);
            answerNextDialog(
                [&](QWidget* shown) {
                    auto* dialog = qobject_cast<ImportDealsDialog*>(shown);
                    ASSERT_NE(dialog, nullptr);
                    previewed = true;
                    EXPECT_EQ(dialog->options().format, ImportFormat::Pipedrive);
                    EXPECT_FALSE(dialog->importButton()->isEnabled());
                    QTableWidget* preview = dialog->previewTable();
                    EXPECT_EQ(cellText(preview, 1, 3), QStringLiteral("Discovery"));
                    EXPECT_TRUE(cellText(preview, 1, 5).contains(QStringLiteral("'Discovery' has no match")));
                    QTableWidget* stages = dialog->stageTable();
                    ASSERT_EQ(stages->rowCount(), 2);
                    EXPECT_EQ(cellText(stages, 1, 0), QStringLiteral("Discovery"));
                    auto* target = qobject_cast<QComboBox*>(stages->cellWidget(1, 1));
                    ASSERT_NE(target, nullptr);
                    EXPECT_EQ(target->currentText(), QStringLiteral("no match: choose one"));
                    const int relationship = target->findText(QStringLiteral("Relationship Building"));
                    ASSERT_GT(relationship, 0);
                    target->setCurrentIndex(relationship);
                    Q_EMIT target->activated(relationship);
                    EXPECT_TRUE(dialog->importButton()->isEnabled());
                    EXPECT_EQ(cellText(dialog->previewTable(), 1, 3),
                              QStringLiteral("Discovery → Relationship Building"));
                    EXPECT_TRUE(db.service().deals().list().value().empty()); // nothing yet
                    dialog->importButton()->click();
                },
                QStringLiteral("importDealsDialog"));
            files->selectFile(path);
            static_cast<QDialog*>(files)->accept(); // QFileDialog::accept takes the selected file
        },
        QStringLiteral("importFileDialog"));
    QAction* import = nullptr;
    for (QAction* action : window->findChildren<QAction*>()) {
        if (action->text().startsWith(QStringLiteral("&Import deals"))) {
            import = action;
        }
    }
    ASSERT_NE(import, nullptr);
    import->trigger();
    EXPECT_TRUE(previewed);
    std::vector<Deal> deals = db.service().deals().list().value();
    ASSERT_EQ(deals.size(), 2u);
    for (const Deal& deal : deals) {
        EXPECT_EQ(deal.stage, deal.title == u"Globex pilot" ? Stage::Relationship : Stage::Qualifying);
    }
    EXPECT_EQ(window->board().column(Stage::Relationship)->rowCount(), 1);
}
