// The People view and vCard: .vcf files dropped on the list are imported
// once the rep confirms, refused whole with the line named, and selected
// people dragged out carry their cards.
#include "GuiTestSupport.h"
#include "OpenBoard.h"
#include "TestDatabase.h"
#include "contacts/ContactsView.h"
#include "contacts/PeopleVCards.h"
#include "dealboard/VCard.h"

#include <QDragEnterEvent>
#include <QFile>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QUrl>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

class PeopleVCardTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        PersonFields anna;
        anna.name = QStringLiteral("Anna Schmidt");
        anna.email = QStringLiteral("anna@acme.example");
        anna.role = QStringLiteral("Buyer");
        ASSERT_TRUE(m_db.service().contacts().createPerson(anna).ok());
        openBoard(m_window, m_db.service());
        m_window->tabs()->setCurrentWidget(m_window->people());
        ASSERT_NE(people()->vcards(), nullptr);
    }

    ContactsView* people() { return m_window->people(); }

    QString file(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_db.folder() + QLatin1Char('/') + name;
        QFile out(path);
        EXPECT_TRUE(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        return path;
    }

    // Drags `data` over the list and drops it there, as a file manager does;
    // returns whether the list accepted the drag.
    bool drop(const QMimeData& data)
    {
        QWidget* viewport = people()->view()->viewport();
        const QPoint at = viewport->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &enter);
        if (!enter.isAccepted()) {
            return false;
        }
        QDropEvent dropped(QPointF(at), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &dropped);
        return true;
    }

    TestDatabase m_db;
    std::unique_ptr<MainWindow> m_window;
};

const QByteArray Team = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Ortiz\r\nEMAIL:ben@globex.example\r\nORG:Globex\r\n"
                        "END:VCARD\r\n"
                        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Carla Rossi\r\nTEL:+39 02 555\r\nEND:VCARD\r\n"
                        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Schmidt\r\nEMAIL:ANNA@acme.example\r\n"
                        "TITLE:Head of Purchasing\r\nEND:VCARD\r\n";

} // namespace

TEST_F(PeopleVCardTest, DroppedVCardFilesAreImportedOnceTheRepConfirmsHowManyAreNewAndKnown)
{
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(file(QStringLiteral("team.vcf"), Team))});

    QString asked;
    answerNextDialog(
        [&asked](QWidget* dialog) {
            asked = qobject_cast<QMessageBox*>(dialog)->text();
            qobject_cast<QMessageBox*>(dialog)->button(QMessageBox::Cancel)->click();
        },
        QStringLiteral("confirmVCardImport"));
    ASSERT_TRUE(drop(data));
    EXPECT_EQ(asked, QStringLiteral("Import 2 new and 1 known person(s) from team.vcf?"));
    EXPECT_EQ(m_db.service().contacts().people().value().size(), 1u) << "cancelled: nothing imported";

    answerNextDialog([](QWidget* dialog) { qobject_cast<QMessageBox*>(dialog)->button(QMessageBox::Yes)->click(); },
                     QStringLiteral("confirmVCardImport"));
    ASSERT_TRUE(drop(data));
    EXPECT_EQ(people()->rowCount(), 3);
    const Person anna = m_db.store().contacts().findPersonByEmail(QStringLiteral("anna@acme.example")).value().value();
    EXPECT_EQ(anna.role, QStringLiteral("Head of Purchasing"));

    QMimeData text;
    text.setText(QStringLiteral("not a card"));
    EXPECT_FALSE(drop(text)) << "only vCards are taken";
    QMimeData csv;
    csv.setUrls({QUrl::fromLocalFile(file(QStringLiteral("people.csv"), "name\nX\n"))});
    EXPECT_FALSE(drop(csv)) << "a CSV goes through File → Import";
}

TEST_F(PeopleVCardTest, ABadFileIsRefusedWholeNamingItsLine)
{
    QByteArray bad = Team;
    bad += "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Evil \xE2\x80\xAE"
           "fdp.exe\r\nEND:VCARD\r\n";
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(file(QStringLiteral("bad.vcf"), bad))});
    QString said;
    answerNextDialog(
        [&said](QWidget* dialog) {
            said = qobject_cast<QMessageBox*>(dialog)->text();
            qobject_cast<QMessageBox*>(dialog)->accept();
        },
        QStringLiteral("vcardRefused"));
    ASSERT_TRUE(drop(data));
    EXPECT_TRUE(said.startsWith(QStringLiteral("bad.vcf: The file was not imported; nothing was changed.")))
        << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("Line 20 (FN):"))) << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("U+202E"))) << said.toStdString();
    EXPECT_FALSE(said.contains(QChar(0x202E))) << "the character is shown written out, never turning the text";
    EXPECT_EQ(m_db.service().contacts().people().value().size(), 1u);
}

TEST_F(PeopleVCardTest, SelectedPeopleDraggedOutCarryTheirCardsAndAFile)
{
    PersonFields ben;
    ben.name = QStringLiteral("Ben Ortiz");
    ben.email = QStringLiteral("ben@globex.example");
    ASSERT_TRUE(m_db.service().contacts().createPerson(ben).ok());
    people()->reload();
    ASSERT_EQ(people()->rowCount(), 2);
    std::vector<PersonId> ids;
    const std::vector<Person> everyone = m_db.service().contacts().people().value();
    for (const Person& p : everyone) {
        ids.push_back(p.id);
    }

    std::unique_ptr<QMimeData> data(people()->vcards()->mimeData(ids));
    ASSERT_NE(data, nullptr);
    const VCardFile cards = VCard::read(data->data(QStringLiteral("text/vcard")));
    ASSERT_EQ(cards.people.size(), 2u);
    EXPECT_EQ(cards.people[0].name, QStringLiteral("Anna Schmidt"));
    EXPECT_EQ(cards.people[1].name, QStringLiteral("Ben Ortiz"));
    ASSERT_EQ(data->urls().size(), 1);
    QFile dragged(data->urls().front().toLocalFile());
    EXPECT_TRUE(dragged.fileName().endsWith(QStringLiteral("2 people.vcf"))) << dragged.fileName().toStdString();
    ASSERT_TRUE(dragged.open(QIODevice::ReadOnly));
    EXPECT_EQ(dragged.readAll(), data->data(QStringLiteral("text/vcard")));
    EXPECT_EQ(dragged.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());

    std::unique_ptr<QMimeData> one(people()->vcards()->mimeData({ids.front()}));
    EXPECT_TRUE(one->urls().front().toLocalFile().endsWith(QStringLiteral("/Anna Schmidt.vcf")));
    // The people's own cards dropped back: here already, nothing asked, nothing changed.
    EXPECT_TRUE(drop(*one));
    EXPECT_EQ(m_db.service().contacts().people().value().size(), 2u);
    EXPECT_NE(people()->findChild<QPushButton*>(QStringLiteral("importVCard")), nullptr);
    EXPECT_NE(people()->findChild<QPushButton*>(QStringLiteral("exportVCard")), nullptr);
}
