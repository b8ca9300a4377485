// Custom fields on the board: a manager defines them in the fields editor as
// one undo step; the details pane shows a deal's values and edits them in a
// dialog (one undo step, a refusal said without losing what was typed);
// cards show the fields marked for them, a filter narrows the board to one
// value, and a move into a stage that needs a field asks for it in the
// refusal form, saved with the move.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"
#include "board/BoardModel.h"
#include "board/DealPane.h"
#include "board/StageColumnModel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUrl>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

CustomFields definedFields(TestDatabase& db)
{
    CustomField source;
    source.key = QStringLiteral("source");
    source.name = QStringLiteral("Lead source");
    source.type = FieldType::Choice;
    source.choices = {QStringLiteral("Web"), QStringLiteral("Referral")};
    source.onCard = true;
    source.neededFrom = Stage::Negotiation;
    CustomField seats;
    seats.key = QStringLiteral("seats");
    seats.name = QStringLiteral("Seats");
    seats.type = FieldType::Number;
    const CustomFields none;
    Result<CustomFields> stored = db.service().reports().setCustomFields(none.with(source).with(seats), none);
    EXPECT_TRUE(stored.ok()) << stored.error().message.toStdString();
    return stored.ok() ? stored.value() : CustomFields {};
}

} // namespace

TEST(CustomFieldBoard, AManagersFieldsAreOneUndoStepAndAFaultKeepsTheEditorOpen)
{
    TestDatabase db;
    db.create(QStringLiteral("Acme renewal"), Stage::Contacting, TestDatabase::qualified());
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.show();

    bool answered = false;
    answerNextDialog(
        [&](QWidget* dialog) {
            answered = true;
            auto* key = dialog->findChild<QLineEdit*>(QStringLiteral("newFieldKey"));
            auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("newFieldName"));
            auto* type = dialog->findChild<QComboBox*>(QStringLiteral("newFieldType"));
            auto* choices = dialog->findChild<QLineEdit*>(QStringLiteral("newFieldChoices"));
            auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("fieldsTable"));
            auto* problem = dialog->findChild<QLabel*>(QStringLiteral("fieldsEditorProblem"));
            ASSERT_NE(table, nullptr);
            // A bad key is said, and nothing typed is lost.
            QTest::keyClicks(key, QStringLiteral("Lead Source"));
            QTest::keyClicks(name, QStringLiteral("Lead source"));
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("addFieldButton")), Qt::LeftButton);
            EXPECT_TRUE(problem->isVisible());
            EXPECT_EQ(table->rowCount(), 0);
            EXPECT_EQ(name->text(), QStringLiteral("Lead source"));
            key->setText(QStringLiteral("source"));
            type->setCurrentIndex(type->findData(QStringLiteral("choice")));
            choices->setText(QStringLiteral("Web, Referral"));
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("addFieldButton")), Qt::LeftButton);
            ASSERT_EQ(table->rowCount(), 1);
            key->setText(QStringLiteral("seats"));
            name->setText(QStringLiteral("Seats"));
            type->setCurrentIndex(type->findData(QStringLiteral("number")));
            QTest::keyClick(name, Qt::Key_Return); // adds, does not save
            ASSERT_TRUE(dialog->isVisible());
            ASSERT_EQ(table->rowCount(), 2);
            qobject_cast<QCheckBox*>(table->cellWidget(0, 3))->setChecked(true);
            auto* needed = qobject_cast<QComboBox*>(table->cellWidget(0, 4));
            needed->setCurrentIndex(needed->findText(QStringLiteral("To enter Negotiation")));
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
        },
        QStringLiteral("customFieldsDialog"));
    window.findChild<QAction*>(QStringLiteral("customFieldsAction"))->trigger();
    ASSERT_TRUE(answered);
    const CustomFields saved = db.service().reports().customFields().value();
    ASSERT_EQ(saved.fields().size(), 2u);
    const CustomField source = *saved.byKey(QStringLiteral("source"));
    EXPECT_EQ(source.choices, (QStringList {QStringLiteral("Web"), QStringLiteral("Referral")}));
    EXPECT_TRUE(source.onCard);
    EXPECT_EQ(source.neededFrom, Stage::Negotiation);
    EXPECT_EQ(saved.byKey(QStringLiteral("seats"))->type, FieldType::Number);

    auto* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    auto* redo = window.findChild<QAction*>(QStringLiteral("redoAction"));
    undo->trigger();
    EXPECT_TRUE(db.service().reports().customFields().value().isEmpty());
    redo->trigger();
    EXPECT_EQ(db.service().reports().customFields().value(), saved); // the same fields, ids and all
}

TEST(CustomFieldBoard, ThePaneEditsADealsFieldsCardsShowThemAndAMoveAsksForANeededOne)
{
    TestDatabase db;
    DealFields valued = TestDatabase::qualified();
    valued.valueMinor = 250000;
    const Deal deal = db.create(QStringLiteral("Acme renewal"), Stage::Relationship, valued);
    const Deal other = db.create(QStringLiteral("Globex pilot"), Stage::Relationship, valued);
    const CustomFields fields = definedFields(db);
    const CustomField source = *fields.byKey(QStringLiteral("source"));
    const CustomField seats = *fields.byKey(QStringLiteral("seats"));
    MainWindow window(db.service());
    ASSERT_TRUE(window.load().ok());
    window.resize(1280, 800);
    window.show();
    window.openDetails(deal.id);
    DealPane* pane = window.details();
    EXPECT_TRUE(pane->timeline()->toPlainText().contains(QStringLiteral("Lead source: —")))
        << pane->timeline()->toPlainText().toStdString();

    // The fields dialog: a value its type refuses is said and kept; then saved.
    bool answered = false;
    answerNextDialog(
        [&](QWidget* dialog) {
            answered = true;
            auto* seatsEdit = dialog->findChild<QLineEdit*>(QStringLiteral("field_seats"));
            auto* sourceBox = dialog->findChild<QComboBox*>(QStringLiteral("field_source"));
            ASSERT_NE(seatsEdit, nullptr);
            ASSERT_NE(sourceBox, nullptr);
            QTest::keyClicks(seatsEdit, QStringLiteral("1,5"));
            sourceBox->setCurrentIndex(sourceBox->findText(QStringLiteral("Web")));
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
            ASSERT_TRUE(dialog->isVisible());
            auto* problem = dialog->findChild<QLabel*>(QStringLiteral("fieldsProblem"));
            EXPECT_TRUE(problem->text().contains(QStringLiteral("not a number for Seats")))
                << problem->text().toStdString();
            EXPECT_EQ(seatsEdit->text(), QStringLiteral("1,5"));
            seatsEdit->setText(QStringLiteral("12"));
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
        },
        QStringLiteral("dealFieldsDialog"));
    Q_EMIT pane->linkActivated(QUrl(QStringLiteral("fields:%1").arg(deal.id)));
    ASSERT_TRUE(answered);
    Deal stored = db.service().deals().get(deal.id).value();
    EXPECT_EQ(fieldValueOf(stored.fieldValues, source.id), QStringLiteral("Web"));
    EXPECT_EQ(fieldValueOf(stored.fieldValues, seats.id), QStringLiteral("12"));
    EXPECT_TRUE(pane->timeline()->toPlainText().contains(QStringLiteral("Seats: 12")))
        << pane->timeline()->toPlainText().toStdString();
    // The card shows the field marked for cards.
    StageColumnModel* column = window.board().column(Stage::Relationship);
    const QModelIndex card = column->index(column->rowOf(deal.id));
    EXPECT_EQ(card.data(StageColumnModel::CardFieldsRole).toString(), QStringLiteral("Web"));
    // A manager puts the seats on cards too: every card follows at once.
    const CustomFields current = db.service().reports().customFields().value();
    CustomField onCard = *current.byKey(QStringLiteral("seats"));
    onCard.onCard = true;
    ASSERT_TRUE(db.service().reports().setCustomFields(current.with(onCard), current).ok());
    EXPECT_EQ(column->index(column->rowOf(deal.id)).data(StageColumnModel::CardFieldsRole).toString(),
              QStringLiteral("Web \u00b7 12"));
    EXPECT_TRUE(column->index(column->rowOf(deal.id)).data(Qt::ToolTipRole).toString().contains(u"Seats: 12"));
    // One undo step takes both values back, its redo sets them again.
    auto* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    auto* redo = window.findChild<QAction*>(QStringLiteral("redoAction"));
    undo->trigger();
    EXPECT_TRUE(db.service().deals().get(deal.id).value().fieldValues.empty());
    EXPECT_TRUE(column->index(column->rowOf(deal.id)).data(StageColumnModel::CardFieldsRole).toString().isEmpty());
    redo->trigger();
    EXPECT_EQ(db.service().deals().get(deal.id).value().fieldValues, stored.fieldValues);

    // The filter by a value narrows the board, and "none" to the others.
    auto* filter = window.findChild<QComboBox*>(QStringLiteral("fieldFilter"));
    ASSERT_NE(filter, nullptr);
    filter->setCurrentIndex(filter->findText(QStringLiteral("Lead source: Referral")));
    EXPECT_LT(column->rowOf(deal.id), 0);
    filter->setCurrentIndex(filter->findText(QStringLiteral("Lead source: Web")));
    EXPECT_GE(column->rowOf(deal.id), 0);
    EXPECT_LT(column->rowOf(other.id), 0);
    filter->setCurrentIndex(filter->findText(QStringLiteral("Lead source: none")));
    EXPECT_LT(column->rowOf(deal.id), 0);
    EXPECT_GE(column->rowOf(other.id), 0);
    filter->setCurrentIndex(0);

    // Moving the other deal into Negotiation asks for the source only.
    bool asked = false;
    answerNextDialog(
        [&](QWidget* dialog) {
            asked = true;
            auto* box = dialog->findChild<QComboBox*>(QStringLiteral("field_source"));
            auto* ok = dialog->findChild<QPushButton*>(QStringLiteral("okButton"));
            ASSERT_NE(box, nullptr);
            EXPECT_EQ(dialog->findChild<QWidget*>(QStringLiteral("field_seats")), nullptr);
            EXPECT_FALSE(ok->isEnabled());
            box->setCurrentIndex(box->findText(QStringLiteral("Referral")));
            EXPECT_TRUE(ok->isEnabled());
            QTest::mouseClick(ok, Qt::LeftButton);
        },
        QStringLiteral("missingFactsDialog"));
    window.selectDeal(other.id);
    window.findChild<QAction*>(QStringLiteral("moveNextAction"))->trigger();
    ASSERT_TRUE(asked);
    const Deal moved = db.service().deals().get(other.id).value();
    EXPECT_EQ(moved.stage, Stage::Negotiation);
    EXPECT_EQ(fieldValueOf(moved.fieldValues, source.id), QStringLiteral("Referral"));
    // One step: its undo takes back the value with the move.
    undo->trigger();
    const Deal back = db.service().deals().get(other.id).value();
    EXPECT_EQ(back.stage, Stage::Relationship);
    EXPECT_TRUE(back.fieldValues.empty());

    // A teammate fills the field in while the form is open: theirs stays.
    answerNextDialog(
        [&](QWidget* dialog) {
            DealFields theirs;
            theirs.setFields = {{QStringLiteral("source"), QStringLiteral("Web")}};
            ASSERT_TRUE(db.service().deals().edit(other.id, theirs).ok());
            auto* box = dialog->findChild<QComboBox*>(QStringLiteral("field_source"));
            box->setCurrentIndex(box->findText(QStringLiteral("Referral")));
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("okButton")), Qt::LeftButton);
        },
        QStringLiteral("missingFactsDialog"));
    window.selectDeal(other.id);
    window.findChild<QAction*>(QStringLiteral("moveNextAction"))->trigger();
    const Deal kept = db.service().deals().get(other.id).value();
    EXPECT_EQ(kept.stage, Stage::Negotiation);
    EXPECT_EQ(fieldValueOf(kept.fieldValues, source.id), QStringLiteral("Web"));
}
