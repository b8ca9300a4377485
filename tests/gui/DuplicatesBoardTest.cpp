// Duplicates on the board: the contact form offers the organization or person
// a new one looks like (use it, or create another), and the Duplicates dialog
// lists the pairs with why and merges the one chosen to keep.
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestDatabase.h"
#include "contacts/ContactsView.h"
#include "contacts/DuplicatesDialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QUndoStack>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

void answerDialogNamed(const QString& name, std::function<void(QWidget*)> answer)
{
    answerNextDialog(std::move(answer), name);
}

class DuplicatesBoardTest : public ::testing::Test
{
protected:
    void open()
    {
        m_window = std::make_unique<MainWindow>(m_db.service());
        ASSERT_TRUE(m_window->load().ok());
        m_window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->tabs()->setCurrentWidget(m_window->organizations());
    }

    Organization organization(const QString& name, bool another = false)
    {
        OrganizationFields fields;
        fields.name = name;
        fields.another = another;
        return m_db.service().contacts().createOrganization(fields).value();
    }

    // Types `name` into a new organization's form and answers the offer with the button `choice`.
    QString offerAnswered(const QString& name, const QString& choice)
    {
        QString offered;
        answerDialogNamed(QStringLiteral("contactForm"), [&offered, name, choice](QWidget* form) {
            form->findChild<QLineEdit*>(QStringLiteral("contactField0"))->setText(name);
            answerDialogNamed(QStringLiteral("likelyDuplicate"), [&offered, choice](QWidget* box) {
                offered = qobject_cast<QMessageBox*>(box)->text();
                box->findChild<QPushButton*>(choice)->click();
            });
            qobject_cast<QDialog*>(form)->accept();
        });
        m_window->organizations()->openForm(0);
        return offered;
    }

    TestDatabase m_db;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

TEST_F(DuplicatesBoardTest, ANewOrganizationLikeAnotherOffersToUseItOrCreateAnother)
{
    const Organization acme = organization(QStringLiteral("Acme GmbH"));
    organization(QStringLiteral("Initech"));
    open();
    ContactsView* view = m_window->organizations();
    EXPECT_EQ(view->rowCount(), 2);

    const QString offered = offerAnswered(QStringLiteral("ACME "), QStringLiteral("useExisting"));
    EXPECT_TRUE(offered.startsWith(QStringLiteral("Acme GmbH (id %1) looks like the same organization").arg(acme.id)))
        << offered.toStdString();
    EXPECT_EQ(m_db.service().contacts().organizations().value().size(), 2u);
    const QModelIndex current = view->view()->currentIndex();
    EXPECT_EQ(current.data(Qt::UserRole).toLongLong(), acme.id); // the one to use, selected

    offerAnswered(QStringLiteral("ACME "), QStringLiteral("createAnother"));
    ASSERT_EQ(m_db.service().contacts().organizations().value().size(), 3u);
    EXPECT_EQ(view->rowCount(), 3);
}

TEST_F(DuplicatesBoardTest, TheDuplicatesDialogShowsThePairsWithWhyAndMergesKeepingTheOneChosenAsOneUndoStep)
{
    const Organization acme = organization(QStringLiteral("Acme GmbH"));
    const Organization shout = organization(QStringLiteral("ACME"), true);
    organization(QStringLiteral("Initech"));
    DealFields onShout;
    onShout.company = QStringLiteral("ACME");
    const Deal deal = m_db.create(QStringLiteral("Rollout"), Stage::Prospecting, onShout);
    ASSERT_EQ(deal.organizationId, shout.id);
    open();

    QStringList shown;
    QString status;
    answerDialogNamed(QStringLiteral("duplicatesDialog"), [&](QWidget* widget) {
        auto* dialog = qobject_cast<DuplicatesDialog*>(widget);
        ASSERT_EQ(dialog->pairs()->rowCount(), 1);
        for (int column = 0; column < 3; ++column) {
            shown << dialog->pairs()->item(0, column)->text();
        }
        ASSERT_EQ(dialog->keepChoice()->count(), 2);
        EXPECT_EQ(dialog->keepChoice()->currentData().toLongLong(), acme.id); // the older by default
        dialog->keepChoice()->setCurrentIndex(1); // keep "ACME"
        dialog->mergeButton()->click();
        status = dialog->status()->text();
        EXPECT_EQ(dialog->pairs()->rowCount(), 0);
        dialog->reject();
    });
    m_window->organizations()->openDuplicates();
    ASSERT_EQ(shown.size(), 3);
    EXPECT_EQ(shown[0], QStringLiteral("Acme GmbH (id %1)").arg(acme.id));
    EXPECT_EQ(shown[1], QStringLiteral("ACME (id %1)").arg(shout.id));
    EXPECT_TRUE(shown[2].contains(QStringLiteral("legal form")));
    EXPECT_TRUE(
        status.startsWith(QStringLiteral("Merged Acme GmbH (id %1) into ACME (id %2)").arg(acme.id).arg(shout.id)))
        << status.toStdString();
    EXPECT_TRUE(status.endsWith(QStringLiteral("No more likely duplicates."))) << status.toStdString();
    EXPECT_EQ(m_db.service().contacts().organizations().value().size(), 2u);
    EXPECT_FALSE(m_db.service().contacts().organization(acme.id).ok());

    // One step of Undo puts Acme GmbH back.
    ASSERT_TRUE(m_window->undoStack().canUndo());
    m_window->undoStack().undo();
    EXPECT_EQ(m_db.service().contacts().organization(acme.id).value().name, QStringLiteral("Acme GmbH"));
    EXPECT_EQ(m_db.service().contacts().organizations().value().size(), 3u);
}

TEST_F(DuplicatesBoardTest, WithoutDuplicatesTheDialogSaysSoAndOffersNoMerge)
{
    organization(QStringLiteral("Acme GmbH"));
    DuplicatesDialog people(m_db.service(), ContactType::Person, {});
    EXPECT_EQ(people.pairs()->rowCount(), 0);
    EXPECT_EQ(people.status()->text(), QStringLiteral("No likely duplicates."));
    EXPECT_FALSE(people.mergeButton()->isEnabled());
}
