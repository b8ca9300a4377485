// Lead nurturing on the board, driven like a rep drives it: the next activity on
// each card and its colour, planning and completing activities, the warning
// before contacting someone too soon, segment and activity filters, follow-up
// deals, and the organizations, people and attention tabs.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"
#include "activities/ActivitiesDialog.h"
#include "activities/ActivityDialog.h"
#include "activities/ActivityFlow.h"
#include "board/BoardModel.h"
#include "board/BoardStyle.h"
#include "board/CardDelegate.h"
#include "board/StageColumnModel.h"
#include "contacts/AttentionView.h"
#include "contacts/ContactForm.h"
#include "contacts/ContactFrequencyDialog.h"
#include "contacts/ContactsView.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QStyleOptionViewItem>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

// Answers the modal dialog with this object name once it is the active one
// (another dialog may be open under it).
void answerDialogNamed(const QString& name, std::function<void(QWidget*)> answer)
{
    auto* poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, name, answer = std::move(answer)] {
        QWidget* dialog = QApplication::activeModalWidget();
        if (dialog != nullptr && dialog->objectName() == name) {
            poll->stop();
            poll->deleteLater();
            answer(dialog);
        }
    });
    poll->start();
}

void fillActivity(QWidget* dialog, ActivityKind kind, const QString& subject, const QDate& due)
{
    auto* kindBox = dialog->findChild<QComboBox*>(QStringLiteral("activityKind"));
    auto* subjectEdit = dialog->findChild<QLineEdit*>(QStringLiteral("activitySubject"));
    auto* date = dialog->findChild<QDateEdit*>(QStringLiteral("activityDate"));
    ASSERT_TRUE(kindBox && subjectEdit && date);
    kindBox->setCurrentIndex(kindBox->findData(static_cast<int>(kind)));
    subjectEdit->clear();
    QTest::keyClicks(subjectEdit, subject);
    date->setDate(due);
}

void clickSave(QWidget* dialog)
{
    for (QPushButton* button : dialog->findChildren<QPushButton*>()) {
        if (button->text() == QStringLiteral("Save")) {
            QTest::mouseClick(button, Qt::LeftButton);
            return;
        }
    }
    ADD_FAILURE() << "no Save button";
}

// How many pixels of a card, painted by the board's delegate, have this colour.
int pixelsOfColour(MainWindow& window, const Deal& deal, const QColor& colour)
{
    StageColumnModel* column = window.board().column(deal.stage);
    const int row = column->rowOf(deal.id);
    EXPECT_GE(row, 0);
    QImage image(240, BoardStyle::CardHeight, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    QStyleOptionViewItem option;
    option.rect = image.rect();
    option.font = QApplication::font();
    option.palette = QApplication::palette();
    CardDelegate delegate([] { return QDateTime::currentDateTimeUtc(); }, window.board().stallMarks());
    delegate.paint(&painter, option, column->index(row));
    painter.end();
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            count += image.pixelColor(x, y) == colour ? 1 : 0;
        }
    }
    return count;
}

class NurtureWindowTest : public ::testing::Test
{
protected:
    NurtureWindowTest()
    {
        // Activities are due relative to the real day, as the rep sees them.
        m_db.clock().set(QDateTime::currentDateTimeUtc());
    }

    void open()
    {
        m_window = std::make_unique<MainWindow>(m_db.service());
        ASSERT_TRUE(m_window->load().ok());
        m_window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
    }

    Deal withContact(const QString& title, const QString& company, const QString& email)
    {
        DealFields fields;
        fields.company = company;
        fields.contactName = email.section(QLatin1Char('@'), 0, 0);
        fields.email = email;
        return m_db.create(title, Stage::Prospecting, fields);
    }

    ActivityFields activity(const Deal& deal, ActivityKind kind, const QDate& due, const QString& subject)
    {
        ActivityFields fields;
        fields.dealId = deal.id;
        fields.kind = kind;
        fields.dueDate = due;
        fields.subject = subject;
        return fields;
    }

    QAction* action(const char* name) { return m_window->findChild<QAction*>(QString::fromLatin1(name)); }

    TestDatabase m_db;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

TEST_F(NurtureWindowTest, CardsShowTheNextActivityInTheColourOfWhenItIsDue)
{
    const QDate today = QDate::currentDate();
    const Deal none = m_db.create(QStringLiteral("Nothing planned"));
    const Deal overdue = m_db.create(QStringLiteral("Late"));
    const Deal dueToday = m_db.create(QStringLiteral("Today"));
    const Deal later = m_db.create(QStringLiteral("Later"));
    ASSERT_TRUE(m_db.service()
                    .activities()
                    .plan(activity(overdue, ActivityKind::Task, today.addDays(-2), QStringLiteral("Chase")))
                    .ok());
    ASSERT_TRUE(
        m_db.service().activities().plan(activity(dueToday, ActivityKind::Task, today, QStringLiteral("Call"))).ok());
    ASSERT_TRUE(m_db.service()
                    .activities()
                    .plan(activity(later, ActivityKind::Task, today.addDays(9), QStringLiteral("Demo")))
                    .ok());
    open();

    const std::pair<const Deal*, QColor> expected[] = {{&none, BoardStyle::activityNone()},
                                                       {&overdue, BoardStyle::activityOverdue()},
                                                       {&dueToday, BoardStyle::activityToday()},
                                                       {&later, BoardStyle::activityPlanned()}};
    for (const auto& [deal, colour] : expected) {
        EXPECT_GT(pixelsOfColour(*m_window, *deal, colour), 60) << deal->title.toStdString();
        for (const auto& [other, otherColour] : expected) {
            if (otherColour != colour) {
                EXPECT_LT(pixelsOfColour(*m_window, *deal, otherColour), 10)
                    << deal->title.toStdString() << " has " << other->title.toStdString() << "'s colour";
            }
        }
    }

    // The board's filters: nothing planned, and overdue.
    m_window->activityFilter()->setCurrentIndex(
        m_window->activityFilter()->findData(static_cast<int>(ActivityView::NoNextActivity)));
    EXPECT_EQ(m_window->board().column(Stage::Prospecting)->rowCount(), 1);
    EXPECT_EQ(m_window->board().column(Stage::Prospecting)->rowOf(none.id), 0);
    m_window->activityFilter()->setCurrentIndex(
        m_window->activityFilter()->findData(static_cast<int>(ActivityView::Overdue)));
    EXPECT_EQ(m_window->board().column(Stage::Prospecting)->rowCount(), 1);
    EXPECT_EQ(m_window->board().column(Stage::Prospecting)->rowOf(overdue.id), 0);
    m_window->activityFilter()->setCurrentIndex(0);
    EXPECT_EQ(m_window->board().column(Stage::Prospecting)->rowCount(), 4);
}

TEST_F(NurtureWindowTest, PlanningASecondEmailADayLaterWarnsAndSavesOnlyWhenConfirmed)
{
    const QDate today = QDate::currentDate();
    const Deal deal
        = withContact(QStringLiteral("Acme rollout"), QStringLiteral("Acme"), QStringLiteral("anna@acme.example"));
    ASSERT_TRUE(
        m_db.service().activities().plan(activity(deal, ActivityKind::Email, today, QStringLiteral("Intro"))).ok());
    open();
    m_window->selectDeal(deal.id);
    ASSERT_TRUE(action("planActivityAction")->isEnabled());

    // Cancel at the warning: nothing is saved.
    QString warning;
    answerDialogNamed(QStringLiteral("activityDialog"), [&](QWidget* dialog) {
        fillActivity(dialog, ActivityKind::Email, QStringLiteral("Second email"), today.addDays(1));
        answerDialogNamed(QStringLiteral("contactTooSoon"), [&](QWidget* box) {
            warning = qobject_cast<QMessageBox*>(box)->text();
            qobject_cast<QMessageBox*>(box)->button(QMessageBox::Cancel)->click();
        });
        clickSave(dialog);
    });
    action("planActivityAction")->trigger();
    EXPECT_TRUE(warning.contains(today.toString(Qt::ISODate))) << warning.toStdString();
    EXPECT_TRUE(warning.contains(QStringLiteral("Intro"))) << warning.toStdString();
    EXPECT_EQ(m_db.service().activities().list().value().size(), 1u);

    // Save anyway: it is saved.
    answerDialogNamed(QStringLiteral("activityDialog"), [&](QWidget* dialog) {
        fillActivity(dialog, ActivityKind::Email, QStringLiteral("Second email"), today.addDays(1));
        answerDialogNamed(QStringLiteral("contactTooSoon"), [](QWidget* box) {
            QTest::mouseClick(box->findChild<QPushButton*>(QStringLiteral("saveAnyway")), Qt::LeftButton);
        });
        clickSave(dialog);
    });
    action("planActivityAction")->trigger();
    EXPECT_EQ(m_db.service().activities().list().value().size(), 2u);
}

TEST_F(NurtureWindowTest, CompletingAnActivityAsksForTheNextOneWhichCanBeSkipped)
{
    const QDate today = QDate::currentDate();
    const Deal deal = m_db.create(QStringLiteral("Globex pilot"));
    ASSERT_TRUE(m_db.service()
                    .activities()
                    .plan(activity(deal, ActivityKind::Call, today, QStringLiteral("Kick-off call")))
                    .ok());
    open();
    m_window->selectDeal(deal.id);

    // Mark done, plan the next one.
    answerDialogNamed(QStringLiteral("activitiesDialog"), [&](QWidget* list) {
        answerDialogNamed(QStringLiteral("activityDialog"), [&](QWidget* next) {
            fillActivity(next, ActivityKind::Meeting, QStringLiteral("Demo"), today.addDays(5));
            answerDialogNamed(QStringLiteral("activitiesDialog"), [](QWidget* again) {
                auto* table = again->findChild<QTableWidget*>(QStringLiteral("activitiesTable"));
                EXPECT_EQ(table->rowCount(), 2);
                EXPECT_EQ(table->item(0, 2)->text(), QStringLiteral("Demo")); // open first
                qobject_cast<QDialog*>(again)->accept();
            });
            clickSave(next);
        });
        QTest::mouseClick(list->findChild<QPushButton*>(QStringLiteral("markDone")), Qt::LeftButton);
    });
    action("activitiesAction")->trigger();
    EXPECT_EQ(m_window->board().deal(deal.id)->nextActivity->subject, QStringLiteral("Demo"));

    // Mark that one done and skip the next: the card says nothing is planned.
    answerDialogNamed(QStringLiteral("activitiesDialog"), [&](QWidget* list) {
        answerDialogNamed(QStringLiteral("activityDialog"), [&](QWidget* next) {
            answerDialogNamed(QStringLiteral("activitiesDialog"),
                              [](QWidget* again) { qobject_cast<QDialog*>(again)->accept(); });
            QTest::mouseClick(next->findChild<QPushButton*>(QStringLiteral("skipNextActivity")), Qt::LeftButton);
        });
        QTest::mouseClick(list->findChild<QPushButton*>(QStringLiteral("markDone")), Qt::LeftButton);
    });
    action("activitiesAction")->trigger();
    EXPECT_FALSE(m_window->board().deal(deal.id)->nextActivity.has_value());
    const std::vector<Activity> all = m_db.service().activities().list().value();
    EXPECT_EQ(std::count_if(all.begin(), all.end(), [](const Activity& a) { return a.done; }), 2);
}

TEST_F(NurtureWindowTest, SegmentFilterShowsTheDealsOfOneSegment)
{
    const Deal acme
        = withContact(QStringLiteral("Acme rollout"), QStringLiteral("Acme"), QStringLiteral("anna@acme.example"));
    withContact(QStringLiteral("Globex pilot"), QStringLiteral("Globex"), QStringLiteral("hank@globex.example"));
    OrganizationFields tags;
    tags.tags = QStringList {QStringLiteral("enterprise")};
    ASSERT_TRUE(m_db.service().contacts().editOrganization(acme.organizationId, tags).ok());
    open();
    QComboBox* segment = m_window->segmentFilter();
    const int index = segment->findData(QStringLiteral("enterprise"));
    ASSERT_GT(index, 0);
    segment->setCurrentIndex(index);
    EXPECT_EQ(m_window->board().column(Stage::Prospecting)->rowCount(), 1);
    EXPECT_EQ(m_window->board().column(Stage::Prospecting)->rowOf(acme.id), 0);

    // A new deal for a tagged organization joins the filtered board at once.
    DealFields fields;
    fields.company = QStringLiteral("Acme");
    const Deal another = m_db.create(QStringLiteral("Acme renewal"), Stage::Prospecting, fields);
    EXPECT_GE(m_window->board().column(Stage::Prospecting)->rowOf(another.id), 0);
    EXPECT_EQ(m_window->board().column(Stage::Prospecting)->rowCount(), 2);
    segment->setCurrentIndex(0);
    EXPECT_EQ(m_window->board().column(Stage::Prospecting)->rowCount(), 3);
}

TEST_F(NurtureWindowTest, FollowUpDealOfAWonCustomerStartsInProspecting)
{
    DealFields facts = TestDatabase::qualified();
    facts.company = QStringLiteral("Acme");
    facts.email = QStringLiteral("anna@acme.example");
    facts.valueMinor = 500000;
    facts.expectedClose = QDate::currentDate();
    const Deal won = m_db.create(QStringLiteral("Acme rollout"), Stage::Closing, facts);
    ASSERT_TRUE(m_db.service().deals().win(won.id).ok());
    open();
    m_window->selectDeal(won.id);
    ASSERT_TRUE(action("followUpAction")->isEnabled());
    answerNextDialog([](QWidget* dialog) {
        auto* input = qobject_cast<QInputDialog*>(dialog);
        ASSERT_NE(input, nullptr);
        input->setTextValue(QStringLiteral("Acme analytics up-sell"));
        input->accept();
    });
    action("followUpAction")->trigger();
    const std::vector<Deal> deals = m_db.service().deals().list().value();
    ASSERT_EQ(deals.size(), 2u);
    const Deal& followUp = deals.back();
    EXPECT_EQ(followUp.title, QStringLiteral("Acme analytics up-sell"));
    EXPECT_EQ(followUp.stage, Stage::Prospecting);
    EXPECT_EQ(followUp.originDealId, won.id);
    EXPECT_EQ(followUp.personId, won.personId);
    EXPECT_EQ(m_window->selectedDealId(), followUp.id);
    EXPECT_GE(m_window->board().column(Stage::Prospecting)->rowOf(followUp.id), 0);
}

TEST_F(NurtureWindowTest, PeopleAndOrganizationsTabsSearchAndAddRecords)
{
    withContact(QStringLiteral("Acme rollout"), QStringLiteral("Acme"), QStringLiteral("anna@acme.example"));
    withContact(QStringLiteral("Globex pilot"), QStringLiteral("Globex"), QStringLiteral("hank@globex.example"));
    open();
    m_window->tabs()->setCurrentWidget(m_window->people());
    ContactsView* people = m_window->people();
    EXPECT_EQ(people->rowCount(), 2);
    QTest::keyClicks(people->searchEdit(), QStringLiteral("globex"));
    (void)QTest::qWaitFor([people] { return people->rowCount() == 1; });
    EXPECT_EQ(people->rowCount(), 1);

    m_window->tabs()->setCurrentWidget(m_window->organizations());
    ContactsView* organizations = m_window->organizations();
    EXPECT_EQ(organizations->rowCount(), 2);
    // A duplicate name is refused in the form, which stays open to fix it.
    answerDialogNamed(QStringLiteral("contactForm"), [](QWidget* form) {
        QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("contactField0")), QStringLiteral("acme"));
        answerDialogNamed(QStringLiteral("contactRefused"), [form](QWidget* box) {
            EXPECT_TRUE(qobject_cast<QMessageBox*>(box)->text().contains(QStringLiteral("already")));
            qobject_cast<QMessageBox*>(box)->accept();
            answerDialogNamed(QStringLiteral("contactForm"), [](QWidget* again) {
                auto* name = again->findChild<QLineEdit*>(QStringLiteral("contactField0"));
                name->setText(QStringLiteral("Initech"));
                again->findChild<QLineEdit*>(QStringLiteral("contactField5"))->setText(QStringLiteral("SMB, dach"));
                qobject_cast<QDialog*>(again)->accept();
            });
        });
        qobject_cast<QDialog*>(form)->accept();
    });
    organizations->openForm(0);
    EXPECT_EQ(organizations->rowCount(), 3);
    ContactFilter filter;
    filter.tag = QStringLiteral("smb");
    ASSERT_EQ(m_db.service().contacts().organizations(filter).value().size(), 1u);
    EXPECT_EQ(m_db.service().contacts().organizations(filter).value().front().name, QStringLiteral("Initech"));
}

TEST_F(NurtureWindowTest, PersonFormShowsEveryStoredFactAndSavesEachFieldToItsPlace)
{
    withContact(QStringLiteral("Acme rollout"), QStringLiteral("Acme"), QStringLiteral("anna@acme.example"));
    open();
    m_window->tabs()->setCurrentWidget(m_window->people());
    const Person anna = m_db.service().contacts().people().value().front();
    QStringList shown;
    answerDialogNamed(QStringLiteral("contactForm"), [&shown](QWidget* form) {
        for (int i = 0; i < 7; ++i) {
            shown << form->findChild<QLineEdit*>(QStringLiteral("contactField%1").arg(i))->text();
        }
        form->findChild<QLineEdit*>(QStringLiteral("contactField2"))->setText(QStringLiteral("+1 555 0100"));
        form->findChild<QLineEdit*>(QStringLiteral("contactField3"))->setText(QStringLiteral("Buyer"));
        form->findChild<QLineEdit*>(QStringLiteral("contactField5"))->setText(QStringLiteral("vip"));
        form->findChild<QLineEdit*>(QStringLiteral("contactField6"))->setText(QStringLiteral("Met at the fair"));
        qobject_cast<QDialog*>(form)->accept();
    });
    m_window->people()->openForm(anna.id);
    ASSERT_EQ(shown.size(), 7);
    EXPECT_EQ(shown[0], anna.name);
    EXPECT_EQ(shown[1], QStringLiteral("anna@acme.example"));
    EXPECT_EQ(shown[4], QStringLiteral("Acme"));
    const Person saved = m_db.service().contacts().person(anna.id).value();
    EXPECT_EQ(saved.name, anna.name);
    EXPECT_EQ(saved.email, QStringLiteral("anna@acme.example"));
    EXPECT_EQ(saved.phone, QStringLiteral("+1 555 0100"));
    EXPECT_EQ(saved.role, QStringLiteral("Buyer"));
    EXPECT_EQ(saved.organizationName, QStringLiteral("Acme"));
    EXPECT_EQ(saved.tags, QStringList {QStringLiteral("vip")});
    EXPECT_EQ(saved.notes, QStringLiteral("Met at the fair"));
}

TEST_F(NurtureWindowTest, AttentionTabListsNeglectedDeals)
{
    m_db.clock().set(QDateTime::currentDateTimeUtc().addDays(-40));
    const Deal old = m_db.create(QStringLiteral("Forgotten lead"));
    m_db.clock().set(QDateTime::currentDateTimeUtc());
    m_db.create(QStringLiteral("Fresh lead"));
    open();
    m_window->tabs()->setCurrentWidget(m_window->attention());
    QTableWidget* neglected = m_window->attention()->neglected();
    ASSERT_EQ(neglected->rowCount(), 1);
    EXPECT_EQ(neglected->item(0, 0)->text(), QStringLiteral("Forgotten lead"));
    EXPECT_EQ(neglected->item(0, 3)->text(), QStringLiteral("never"));
    EXPECT_EQ(neglected->item(0, 0)->data(Qt::UserRole).toLongLong(), old.id);
}

TEST_F(NurtureWindowTest, TheMostUrgentNeglectedDealComesFirstAndItsNextActivityIsOneClickAway)
{
    // Both untouched past Prospecting's 21 days: the small one longer, the
    // big one worth far more (value times days past the limit).
    m_db.clock().set(QDateTime::currentDateTimeUtc().addDays(-60));
    DealFields small;
    small.valueMinor = 10000;
    m_db.create(QStringLiteral("Small and old"), Stage::Prospecting, small);
    m_db.clock().set(QDateTime::currentDateTimeUtc().addDays(-25));
    DealFields big;
    big.valueMinor = 5000000;
    const Deal urgent = m_db.create(QStringLiteral("Big and slipping"), Stage::Prospecting, big);
    m_db.clock().set(QDateTime::currentDateTimeUtc());
    open();
    m_window->tabs()->setCurrentWidget(m_window->attention());
    QTableWidget* neglected = m_window->attention()->neglected();
    ASSERT_EQ(neglected->rowCount(), 2);
    EXPECT_EQ(neglected->item(0, 0)->text(), QStringLiteral("Big and slipping"));
    EXPECT_EQ(neglected->item(0, 6)->text(), QStringLiteral("50,000 EUR"));
    EXPECT_EQ(neglected->item(1, 0)->text(), QStringLiteral("Small and old"));

    auto* plan = qobject_cast<QPushButton*>(neglected->cellWidget(0, 7));
    ASSERT_NE(plan, nullptr);
    answerNextDialog([](QWidget* dialog) {
        fillActivity(dialog, ActivityKind::Call, QStringLiteral("Call about the budget"),
                     QDate::currentDate().addDays(1));
        clickSave(dialog);
    });
    QTest::mouseClick(plan, Qt::LeftButton);
    ActivityFilter filter;
    filter.dealId = urgent.id;
    const std::vector<Activity> planned = m_db.service().activities().list(filter).value();
    ASSERT_EQ(planned.size(), 1u);
    EXPECT_EQ(planned[0].subject, QStringLiteral("Call about the budget"));
}

TEST_F(NurtureWindowTest, ContactFrequencyFormSavesTheDefaultAndEachSegmentAtOnce)
{
    const Deal deal
        = withContact(QStringLiteral("Acme rollout"), QStringLiteral("Acme"), QStringLiteral("anna@acme.example"));
    OrganizationFields tags;
    tags.tags = QStringList {QStringLiteral("enterprise"), QStringLiteral("smb")};
    ASSERT_TRUE(m_db.service().contacts().editOrganization(deal.organizationId, tags).ok());
    ASSERT_TRUE(m_db.service().contacts().setSegmentRule(QStringLiteral("smb"), 2).ok());
    open();
    answerDialogNamed(QStringLiteral("contactFrequencyDialog"), [](QWidget* dialog) {
        auto* form = qobject_cast<ContactFrequencyDialog*>(dialog);
        ASSERT_NE(form, nullptr);
        EXPECT_EQ(form->defaultBox()->value(), 3);
        EXPECT_EQ(form->tagBox(QStringLiteral("smb"))->value(), 2);
        EXPECT_EQ(form->tagBox(QStringLiteral("enterprise"))->value(), -1); // "default"
        form->defaultBox()->setValue(5);
        form->tagBox(QStringLiteral("enterprise"))->setValue(10);
        form->tagBox(QStringLiteral("smb"))->setValue(-1);
        form->accept();
    });
    action("contactFrequencyAction")->trigger();
    EXPECT_EQ(m_db.service().contacts().defaultMinTouchDays().value(), 5);
    const std::vector<Segment> segments = m_db.service().contacts().segments().value();
    for (const Segment& segment : segments) {
        if (segment.tag == QStringLiteral("enterprise")) {
            EXPECT_EQ(segment.minTouchDays, std::optional<int>(10));
        } else if (segment.tag == QStringLiteral("smb")) {
            EXPECT_FALSE(segment.minTouchDays.has_value());
        }
    }
    // Anna's organization is in both: the larger rule, 10 days, applies.
    const std::optional<FrequencyWarning> warning
        = m_db.service().activities().contactFrequency(deal.personId, QDate::currentDate()).value();
    EXPECT_FALSE(warning.has_value()); // no touch yet
    ASSERT_TRUE(m_db.service()
                    .activities()
                    .plan(activity(deal, ActivityKind::Call, QDate::currentDate(), QStringLiteral("Call")))
                    .ok());
    const std::optional<FrequencyWarning> after
        = m_db.service().activities().contactFrequency(deal.personId, QDate::currentDate().addDays(9)).value();
    ASSERT_TRUE(after.has_value());
    EXPECT_EQ(after->minDays, 10);
}
