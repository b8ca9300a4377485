// vCard read and written (VCard), and people imported from it through the
// real service on real SQLite files and the team server.
#include "dealboard/VCard.h"

#include "TestDatabase.h"
#include "dealboard/Pipeline.h"

#include <QBuffer>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

QString faults(const VCardFile& file)
{
    return file.faults.join(QLatin1Char('\n'));
}

QByteArray written(const std::vector<Person>& people, const QString& pipeline = QStringLiteral("/tmp/a.dealboard"))
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    EXPECT_TRUE(VCard::write(&buffer, people, pipeline));
    return bytes;
}

} // namespace

TEST(VCardRead, ReadsAnAppleStyle30FileWithFoldingEscapingAndSeveralCards)
{
    // A byte-order mark, CRLF, a line folded inside a two-byte character, a
    // grouped property, escaped separators, several emails with one preferred.
    const QByteArray file = "\xEF\xBB\xBF"
                            "BEGIN:VCARD\r\n"
                            "VERSION:3.0\r\n"
                            "N:M\xC3\xBC\r\n ller;J\xC3\xBCrgen;;Dr.;\r\n"
                            "FN:Dr. J\xC3\xBCrgen M\xC3\xBCller\r\n"
                            "ORG:Acme\\, Inc.;Sales\r\n"
                            "TITLE:Head of Sales\\; EMEA\r\n"
                            "item1.EMAIL;type=INTERNET;type=WORK:j.mueller@acme.example\r\n"
                            "EMAIL;type=INTERNET;type=HOME;type=pref:juergen@home.example\r\n"
                            "TEL;type=CELL;type=VOICE;type=pref:+49 170 1234567\r\n"
                            "TEL;type=WORK:+49 30 555\r\n"
                            "NOTE:Met at the fair.\\nPrefers calls\\, not mail.\r\n"
                            "CATEGORIES:Enterprise,Trade Fair\r\n"
                            "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ\r\n"
                            " AAAQABAAD\r\n"
                            "END:VCARD\r\n"
                            "\r\n"
                            "BEGIN:VCARD\r\n"
                            "VERSION:3.0\r\n"
                            "N:Lee;Ann;;;\r\n"
                            "END:VCARD\r\n";
    const VCardFile read = VCard::read(file);
    ASSERT_TRUE(read.faults.isEmpty()) << faults(read).toStdString();
    ASSERT_EQ(read.people.size(), 2u);
    const VCardPerson& j = read.people[0];
    EXPECT_EQ(j.line, 1);
    EXPECT_EQ(j.name, QStringLiteral("Dr. Jürgen Müller"));
    EXPECT_EQ(j.organization, QStringLiteral("Acme, Inc."));
    EXPECT_EQ(j.role, QStringLiteral("Head of Sales; EMEA"));
    EXPECT_EQ(j.emails,
              (QStringList {QStringLiteral("juergen@home.example"), QStringLiteral("j.mueller@acme.example")}));
    EXPECT_EQ(j.phones, (QStringList {QStringLiteral("+49 170 1234567"), QStringLiteral("+49 30 555")}));
    EXPECT_EQ(j.tags, (QStringList {QStringLiteral("Enterprise"), QStringLiteral("Trade Fair")}));
    EXPECT_EQ(j.notes,
              QStringLiteral("Met at the fair.\nPrefers calls, not mail.\nDepartment: Sales\n"
                             "Other emails: j.mueller@acme.example\nOther phones: +49 30 555"));
    EXPECT_EQ(j.lineOf(QStringLiteral("EMAIL")), 9) << "the line of the email kept";
    EXPECT_EQ(read.people[1].name, QStringLiteral("Ann Lee")) << "without FN, the name comes from N";
    EXPECT_EQ(read.people[1].line, 18);
}

TEST(VCardRead, Reads40PreferencesAndTelephoneUris)
{
    const QByteArray file = "BEGIN:VCARD\n"
                            "VERSION:4.0\n"
                            "FN:Ana Souza\n"
                            "EMAIL;TYPE=work;PREF=2:ana@work.example\n"
                            "EMAIL;PREF=1:ana@first.example\n"
                            "TEL;VALUE=uri;TYPE=\"voice,cell\";PREF=1:tel:+55-11-5555-0100\n"
                            "ROLE:Buyer\n"
                            "END:VCARD\n";
    const VCardFile read = VCard::read(file);
    ASSERT_TRUE(read.faults.isEmpty()) << faults(read).toStdString();
    ASSERT_EQ(read.people.size(), 1u);
    EXPECT_EQ(read.people[0].emails.front(), QStringLiteral("ana@first.example"));
    EXPECT_EQ(read.people[0].phones.front(), QStringLiteral("+55-11-5555-0100"));
    EXPECT_EQ(read.people[0].role, QStringLiteral("Buyer"));
}

TEST(VCardRead, Reads21QuotedPrintableAndCharsets)
{
    // Outlook's 2.1: quoted-printable with soft line breaks, and text in a named character set.
    const QByteArray file = "BEGIN:VCARD\r\n"
                            "VERSION:2.1\r\n"
                            "N;CHARSET=ISO-8859-1:G\xF6tz;Ren\xE9\r\n"
                            "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9 G=C3=B6tz\r\n"
                            "NOTE;ENCODING=QUOTED-PRINTABLE:First line=0D=0Asecond line is long and goes on=\r\n"
                            " and on=\r\n"
                            "end\r\n"
                            "ORG;CHARSET=windows-1252:Caf\xE9 \x80 Co\r\n"
                            "TEL;WORK;VOICE:+33 1 23 45 67 89\r\n"
                            "EMAIL;PREF;INTERNET:rene@cafe.example\r\n"
                            "END:VCARD\r\n";
    const VCardFile read = VCard::read(file);
    ASSERT_TRUE(read.faults.isEmpty()) << faults(read).toStdString();
    ASSERT_EQ(read.people.size(), 1u);
    EXPECT_EQ(read.people[0].name, QStringLiteral("René Götz"));
    EXPECT_EQ(read.people[0].notes, QStringLiteral("First line\r\nsecond line is long and goes on and onend"));
    EXPECT_EQ(read.people[0].organization, QStringLiteral("Café € Co"));
    EXPECT_EQ(read.people[0].phones.front(), QStringLiteral("+33 1 23 45 67 89"));
    EXPECT_EQ(read.people[0].emails.front(), QStringLiteral("rene@cafe.example"));
}

TEST(VCardRead, NamesTheLineAndPropertyOfEveryFault)
{
    const QByteArray file = "stray text\n" // 1
                            "BEGIN:VCARD\n" // 2
                            "VERSION:3.0\n"
                            "FN:M\xFCller\n" // 4: Latin-1 without CHARSET
                            "END:VCARD\n"
                            "BEGIN:VCARD\n" // 6
                            "VERSION:5.0\n" // 7
                            "FN;CHARSET=klingon:Worf\n" // 8
                            "END:VCARD\n"
                            "BEGIN:VCARD\n" // 10
                            "EMAIL:noname@example.com\n"
                            "END:VCARD\n"
                            "BEGIN:VCARD\n" // 13
                            "FN:Cut short\n";
    const VCardFile read = VCard::read(file);
    const QString all = faults(read);
    EXPECT_TRUE(all.contains(QStringLiteral("Line 1: 'stray text' is not a property"))) << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("Line 4 (FN): the text is not UTF-8"))) << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("Line 7 (VERSION): version '5.0'"))) << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("Line 8 (FN): the character set klingon is not known")))
        << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("Line 10: the card has no name (FN or N)"))) << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("Line 13: the card begun here has no END:VCARD"))) << all.toStdString();
    EXPECT_TRUE(VCard::read("").faults.front().contains(QStringLiteral("not a vCard: it has no BEGIN:VCARD")));
    const VCardFile image = VCard::read("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\n\n\n");
    ASSERT_EQ(image.faults.size(), 1) << "one fault for a file that is no vCard, not one per line";
    EXPECT_TRUE(image.faults.front().contains(QStringLiteral("not a vCard")));
}

TEST(VCardWrite, Writes40FoldedEscapedWithStableUids)
{
    Person p;
    p.id = 7;
    p.name = QStringLiteral("Zoë Ångström-Løvås");
    p.email = QStringLiteral("zoe@example.com");
    p.phone = QStringLiteral("+47 22 00 00 00");
    p.role = QStringLiteral("CFO; acting");
    p.organizationName = QStringLiteral("Nordlys, AS");
    p.notes = QStringLiteral("Line one\\two\nLine two: ") + QString(60, QChar(0x00E9)) + QStringLiteral(" 🎉 end");
    p.tags = {QStringLiteral("enterprise"), QStringLiteral("nordics")};
    Person q;
    q.id = 8;
    q.name = QStringLiteral("Solo");
    const QByteArray bytes = written({p, q});
    EXPECT_TRUE(bytes.startsWith("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:"));
    for (const QByteArray& line : bytes.split('\n')) {
        EXPECT_LE(line.size(), 76) << "75 octets and the CR: " << line.toStdString();
        EXPECT_TRUE(line.isEmpty() || line.endsWith('\r')) << line.toStdString();
        EXPECT_FALSE(QString::fromUtf8(line).contains(QChar::ReplacementCharacter))
            << "never folded inside a character: " << line.toStdString();
    }
    EXPECT_TRUE(bytes.contains("ORG:Nordlys\\, AS\r\n"));
    EXPECT_TRUE(bytes.contains("TITLE:CFO\\; acting\r\n"));
    EXPECT_TRUE(bytes.contains("NOTE:Line one\\\\two\\nLine two: "));
    EXPECT_TRUE(bytes.contains("CATEGORIES:enterprise,nordics\r\n"));
    EXPECT_EQ(bytes.count("BEGIN:VCARD"), 2);

    const VCardFile back = VCard::read(bytes);
    ASSERT_TRUE(back.faults.isEmpty()) << faults(back).toStdString();
    ASSERT_EQ(back.people.size(), 2u);
    const VCardPerson& r = back.people[0];
    EXPECT_EQ(r.name, p.name);
    EXPECT_EQ(r.emails, QStringList {p.email});
    EXPECT_EQ(r.phones, QStringList {p.phone});
    EXPECT_EQ(r.role, p.role);
    EXPECT_EQ(r.organization, p.organizationName);
    EXPECT_EQ(r.notes, p.notes);
    EXPECT_EQ(r.tags, p.tags);
    EXPECT_EQ(r.dealBoardId, 7);
    EXPECT_EQ(r.uid, VCard::uidFor(QStringLiteral("/tmp/a.dealboard"), 7));

    EXPECT_EQ(written({p}), written({p})) << "the same export every time";
    EXPECT_NE(VCard::uidFor(QStringLiteral("/tmp/a.dealboard"), 7),
              VCard::uidFor(QStringLiteral("/tmp/a.dealboard"), 8));
    EXPECT_NE(VCard::uidFor(QStringLiteral("/tmp/a.dealboard"), 7),
              VCard::uidFor(QStringLiteral("/tmp/b.dealboard"), 7));
    EXPECT_EQ(VCard::uidFor(QStringLiteral("postgresql://kim@db.example/sales"), 7),
              VCard::uidFor(QStringLiteral("postgresql://lee@db.example/sales"), 7))
        << "a team shares its UIDs, whoever exports";
}

TEST(VCardImport, ImportsAllOrNothingAndUpdatesKnownEmails)
{
    TestDatabase db;
    PersonFields known;
    known.name = QStringLiteral("Anna");
    known.email = QStringLiteral("anna@acme.example");
    ASSERT_TRUE(db.service().contacts().createPerson(known).ok());

    const QByteArray bad = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben\r\nEMAIL:ben@globex.example\r\nEND:VCARD\r\n"
                           "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Turned \xE2\x80\xAE name\r\nEND:VCARD\r\n" // line 6-9
                           "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben again\r\nEMAIL:BEN@globex.example\r\nEND:VCARD\r\n"
                           "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Carla\r\nEMAIL:not-an-email\r\nEND:VCARD\r\n";
    const Result<PeopleImport> refused = db.service().contacts().importVCards(bad, false);
    ASSERT_FALSE(refused.ok());
    const QString message = refused.error().message;
    EXPECT_TRUE(message.startsWith(QStringLiteral("The file was not imported; nothing was changed. 3 fault(s)")))
        << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("Line 8 (FN): The name holds the invisible or control character "
                                                "U+202E at character 8")))
        << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("Line 13 (EMAIL): BEN@globex.example is also on the card of line 1")))
        << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("Line 18 (EMAIL): 'not-an-email' is not an email address")))
        << message.toStdString();
    EXPECT_EQ(db.service().contacts().people().value().size(), 1u);

    const QByteArray good = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ben Ortiz\r\nEMAIL:ben@globex.example\r\n"
                            "ORG:Globex\r\nCATEGORIES:SMB,Energy\r\nEND:VCARD\r\n"
                            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Schmidt\r\nEMAIL:ANNA@acme.example\r\n"
                            "TITLE:Buyer\r\nEND:VCARD\r\n";
    const Result<PeopleImport> dry = db.service().contacts().importVCards(good, true);
    ASSERT_TRUE(dry.ok()) << dry.error().message.toStdString();
    EXPECT_EQ(dry.value().created, 1);
    EXPECT_EQ(dry.value().updated, 1);
    EXPECT_EQ(db.service().contacts().people().value().size(), 1u);
    EXPECT_TRUE(db.service().contacts().organizations().value().empty()) << "a dry run creates nothing";

    const PeopleImport done = db.service().contacts().importVCards(good, false).value();
    EXPECT_EQ(done.created, 1);
    EXPECT_EQ(done.updated, 1);
    const Person anna = db.store().contacts().findPersonByEmail(QStringLiteral("anna@acme.example")).value().value();
    EXPECT_EQ(anna.name, QStringLiteral("Anna Schmidt"));
    EXPECT_EQ(anna.role, QStringLiteral("Buyer"));
    const Person ben = db.store().contacts().findPersonByEmail(QStringLiteral("ben@globex.example")).value().value();
    EXPECT_EQ(ben.organizationName, QStringLiteral("Globex"));
    EXPECT_EQ(ben.tags, (QStringList {QStringLiteral("energy"), QStringLiteral("smb")}));
}

TEST(VCardImport, AnExportImportedBackChangesNothingEvenWithoutEmails)
{
    TestDatabase db;
    PersonFields a;
    a.name = QStringLiteral("No Mail; Person, Jr.");
    a.phone = QStringLiteral("+1 555 0100");
    a.organization = QStringLiteral("Initech");
    a.notes = QStringLiteral("two\nlines");
    a.tags = QStringList {QStringLiteral("vip")};
    ASSERT_TRUE(db.service().contacts().createPerson(a).ok());
    PersonFields b;
    b.name = QStringLiteral("Émile Zola");
    b.email = QStringLiteral("emile@example.fr");
    ASSERT_TRUE(db.service().contacts().createPerson(b).ok());
    const std::vector<Person> before = db.service().contacts().people().value();
    const qint64 lastChange = db.service().reads().lastChange().value();

    const QByteArray exported = written(before, db.path());
    const PeopleImport again = db.service().contacts().importVCards(exported, false).value();
    EXPECT_EQ(again.created, 0);
    EXPECT_EQ(again.updated, 0);
    EXPECT_EQ(again.unchanged, 2);
    const std::vector<Person> after = db.service().contacts().people().value();
    ASSERT_EQ(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        EXPECT_EQ(after[i].name, before[i].name);
        EXPECT_EQ(after[i].phone, before[i].phone);
        EXPECT_EQ(after[i].notes, before[i].notes);
        EXPECT_EQ(after[i].tags, before[i].tags);
        EXPECT_EQ(after[i].organizationId, before[i].organizationId);
    }
    EXPECT_EQ(db.service().reads().lastChange().value(), lastChange) << "nothing written, nothing logged";

    // Another pipeline's card of the same id is not taken by its id; without
    // an email, its phone names the person here, as a CSV import's row does.
    ASSERT_TRUE(before.front().email.isEmpty());
    const QByteArray foreign = written({before.front()}, QStringLiteral("/elsewhere/other.dealboard"));
    const Result<PeopleImport> elsewhere = db.service().contacts().importVCards(foreign, true);
    ASSERT_TRUE(elsewhere.ok()) << elsewhere.error().message.toStdString();
    EXPECT_EQ(elsewhere.value().created, 0);
    EXPECT_EQ(elsewhere.value().unchanged, 1);
    ASSERT_EQ(elsewhere.value().linked.size(), 1);
    EXPECT_TRUE(elsewhere.value().linked.front().contains(QStringLiteral("the same phone")))
        << elsewhere.value().linked.front().toStdString();

    // With another email, the same phone is a colleague's line: a new person.
    Person colleague = before.front();
    colleague.email = QStringLiteral("colleague@initech.example");
    const QByteArray other = written({colleague}, QStringLiteral("/elsewhere/other.dealboard"));
    EXPECT_EQ(db.service().contacts().importVCards(other, true).value().created, 1);
}

TEST(VCardImport, LineEndsOfAQuotedPrintableNoteAreStoredAsOne)
{
    TestDatabase db;
    const QByteArray card = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Lena Vogt\r\nEMAIL:lena@vogt.example\r\n"
                            "NOTE;ENCODING=QUOTED-PRINTABLE:line1=0D=0Aline2=0Dline3\r\nEND:VCARD\r\n";
    const Result<PeopleImport> imported = db.service().contacts().importVCards(card, false);
    ASSERT_TRUE(imported.ok()) << imported.error().message.toStdString();
    const std::vector<Person> people = db.service().contacts().people().value();
    ASSERT_EQ(people.size(), 1u);
    EXPECT_EQ(people.front().notes, QStringLiteral("line1\nline2\nline3"));
    // Read back from its own export, the person is unchanged.
    const PeopleImport again = db.service().contacts().importVCards(written(people, db.path()), false).value();
    EXPECT_EQ(again.unchanged, 1);
}
