// Duplicates of contacts: the normalized keys, the reuse offered on add, edit
// and import, and the pairs found, through the real service on both backends.
#include "TestDatabase.h"
#include "dealboard/ContactKeys.h"
#include "dealboard/Pipeline.h"

#include <QBuffer>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

Organization addOrganization(TestDatabase& db, const QString& name, bool another = false)
{
    OrganizationFields fields;
    fields.name = name;
    fields.another = another;
    Result<Organization> made = db.service().contacts().createOrganization(fields);
    EXPECT_TRUE(made.ok()) << (made ? std::string() : made.error().message.toStdString());
    return made ? made.value() : Organization {};
}

Result<Person> addPerson(TestDatabase& db, const QString& name, const QString& email, const QString& phone,
                         bool another = false)
{
    PersonFields fields;
    fields.name = name;
    fields.email = email;
    fields.phone = phone;
    fields.another = another;
    return db.service().contacts().createPerson(fields);
}

} // namespace

TEST(ContactKeys, OrganizationNamesReadTheSameApartFromCaseSpacesPunctuationAndLegalForm)
{
    const QString acme = ContactKeys::organization(QStringLiteral("Acme"));
    EXPECT_EQ(acme, QStringLiteral("acme"));
    for (const char* same :
         {"Acme GmbH",   "ACME GmbH ", " acme",     "Acme, Inc.", "ACME Inc",     "Acme Ltd.",          "Acme Limited",
          "Acme LLC",    "Acme Corp.", "Acme S.A.", "Acme SA",    "Acme SAS",     "Acme S.L.",          "Acme B.V.",
          "Acme N.V.",   "Acme Oy",    "Acme AB",   "Acme plc",   "Acme Pty Ltd", "Acme GmbH & Co. KG", "Acme & Co.",
          "Acme and Co", "A.C.M.E.",   "Acme AG",   "Acme SARL"}) {
        EXPECT_EQ(ContactKeys::organization(QString::fromUtf8(same)), acme) << same;
    }
    EXPECT_EQ(ContactKeys::organization(QStringLiteral("Société Générale S.A.")),
              ContactKeys::organization(QStringLiteral("societe generale")));
    EXPECT_EQ(ContactKeys::organization(QStringLiteral("Müller-Lüdenscheidt GmbH")),
              ContactKeys::organization(QStringLiteral("MULLER LUDENSCHEIDT")));
    EXPECT_EQ(ContactKeys::organization(QStringLiteral("Procter & Gamble")),
              ContactKeys::organization(QStringLiteral("Procter and Gamble Co.")));
    // Different companies stay different; a legal form alone is a name.
    EXPECT_NE(ContactKeys::organization(QStringLiteral("Acme Rockets")), acme);
    EXPECT_NE(ContactKeys::organization(QStringLiteral("Acme")), ContactKeys::organization(QStringLiteral("Acne")));
    EXPECT_EQ(ContactKeys::organization(QStringLiteral("AG")), QStringLiteral("ag"));
    EXPECT_EQ(ContactKeys::organization(QStringLiteral("Texas Instruments")), QStringLiteral("texasinstruments"));
    EXPECT_TRUE(ContactKeys::organization(QStringLiteral(" -- ")).isEmpty());
}

TEST(ContactKeys, EmailsAreTrimmedAndLowerCasedAndPhonesKeepTheirDigits)
{
    EXPECT_EQ(ContactKeys::email(QStringLiteral(" Anna.Berg@Acme.EXAMPLE ")), QStringLiteral("anna.berg@acme.example"));
    // Dots and tags stay: another mailbox can be another person.
    EXPECT_NE(ContactKeys::email(QStringLiteral("anna.berg@gmail.com")),
              ContactKeys::email(QStringLiteral("annaberg@gmail.com")));
    EXPECT_EQ(ContactKeys::phone(QStringLiteral("+49 (30) 123-456")), QStringLiteral("+4930123456"));
    EXPECT_EQ(ContactKeys::phone(QStringLiteral("+49.30.123.456")), QStringLiteral("+4930123456"));
    // National prefixes stay as written.
    EXPECT_NE(ContactKeys::phone(QStringLiteral("030 123456")), ContactKeys::phone(QStringLiteral("+49 30 123456")));
    EXPECT_TRUE(ContactKeys::phone(QStringLiteral("n/a")).isEmpty());
    EXPECT_TRUE(ContactKeys::phone(QStringLiteral("ext. 12")).isEmpty());
}

TEST(Duplicates, AnOrganizationNamedLikeAnotherIsOfferedInsteadAndMadeOnlyWhenAskedTo)
{
    TestDatabase db;
    const Organization acme = addOrganization(db, QStringLiteral("Acme GmbH"));
    OrganizationFields fields;
    fields.name = QStringLiteral("ACME ");
    Result<Organization> refused = db.service().contacts().createOrganization(fields);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::LikelyDuplicate);
    EXPECT_EQ(refused.error().missing, QStringLiteral("organization"));
    EXPECT_EQ(refused.error().subject, QString::number(acme.id));
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("Acme GmbH (id %1)").arg(acme.id)))
        << refused.error().message.toStdString();
    EXPECT_EQ(db.service().contacts().organizations().value().size(), 1u);

    fields.another = true;
    const Organization second = db.service().contacts().createOrganization(fields).value();
    EXPECT_NE(second.id, acme.id);

    // Renaming another organization into Acme's name is offered too; its other facts alone are not.
    const Organization initech = addOrganization(db, QStringLiteral("Initech"));
    OrganizationFields rename;
    rename.name = QStringLiteral("Acme, Inc.");
    EXPECT_EQ(db.service().contacts().editOrganization(initech.id, rename).error().code, ErrorCode::LikelyDuplicate);
    OrganizationFields region;
    region.region = QStringLiteral("Berlin");
    EXPECT_TRUE(db.service().contacts().editOrganization(second.id, region).ok());
}

TEST(Duplicates, APersonWithAnotherOnesPhoneIsOffered)
{
    TestDatabase db;
    const Person anna = addPerson(db, QStringLiteral("Anna Berg"), QString(), QStringLiteral("+49 30 123456")).value();
    Result<Person> refused = addPerson(db, QStringLiteral("A. Berg"), QString(), QStringLiteral("+49 (30) 12-34-56"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::LikelyDuplicate);
    EXPECT_EQ(refused.error().subject, QString::number(anna.id));
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("Anna Berg (id %1)").arg(anna.id)));
    EXPECT_TRUE(addPerson(db, QStringLiteral("A. Berg"), QString(), QStringLiteral("+4930123456"), true).ok());
    // The same email stays refused outright: one email belongs to one person.
    ASSERT_TRUE(addPerson(db, QStringLiteral("Bo"), QStringLiteral("bo@x.example"), QString()).ok());
    EXPECT_EQ(addPerson(db, QStringLiteral("Bo 2"), QStringLiteral(" BO@X.example"), QString(), true).error().code,
              ErrorCode::InvalidInput);
}

TEST(Duplicates, ADealsCompanyAndAPersonsOrganizationFindTheOrganizationByItsKey)
{
    TestDatabase db;
    const Organization acme = addOrganization(db, QStringLiteral("Acme GmbH"));
    DealFields fields;
    fields.company = QStringLiteral("ACME GmbH ");
    const Deal deal = db.create(QStringLiteral("Rollout"), Stage::Prospecting, fields);
    EXPECT_EQ(deal.organizationId, acme.id);
    EXPECT_EQ(deal.company, QStringLiteral("Acme GmbH"));
    fields.company = QStringLiteral("acme, inc.");
    EXPECT_EQ(db.create(QStringLiteral("Renewal"), Stage::Prospecting, fields).organizationId, acme.id);

    PersonFields hank;
    hank.name = QStringLiteral("Hank");
    hank.organization = QStringLiteral("A.C.M.E.");
    EXPECT_EQ(db.service().contacts().createPerson(hank).value().organizationId, acme.id);
    EXPECT_EQ(db.service().contacts().organizations().value().size(), 1u);

    // A deal without an email finds its contact by a phone written another way.
    const Person anna = addPerson(db, QStringLiteral("Anna Berg"), QString(), QStringLiteral("+49 30 123456")).value();
    DealFields call;
    call.contactName = QStringLiteral("Anna");
    call.phone = QStringLiteral("+49-30-123456");
    const Deal called = db.create(QStringLiteral("Call"), Stage::Prospecting, call);
    EXPECT_EQ(called.personId, anna.id);
    EXPECT_EQ(db.service().contacts().person(anna.id).value().name, QStringLiteral("Anna Berg")); // not renamed
}

TEST(Duplicates, ADealImportNeverRenamesAPersonFoundByEmailAndSaysSo)
{
    TestDatabase db;
    PersonFields real;
    real.name = QStringLiteral("Real Name");
    real.email = QStringLiteral("real@x.example");
    const Person person = db.service().contacts().createPerson(real).value();

    QBuffer deals;
    deals.setData("title,contact,email\r\nR1,Wrong Name,REAL@x.example\r\nR2,Other Spelling,real@x.example\r\n");
    ASSERT_TRUE(deals.open(QIODevice::ReadOnly));
    Result<ImportPlan> done = db.service().deals().importCsv(&deals, false, QStringLiteral("tester"));
    ASSERT_TRUE(done.ok()) << done.error().message.toStdString();
    EXPECT_EQ(done.value().linked,
              QStringList {
                  QStringLiteral("'Wrong Name' → existing person 'Real Name' (id %1), the same email").arg(person.id)});
    const std::vector<Person> people = db.service().contacts().people().value();
    ASSERT_EQ(people.size(), 1u);
    EXPECT_EQ(people.front().name, QStringLiteral("Real Name"));
    const Result<std::vector<Deal>> imported = db.service().deals().list();
    ASSERT_TRUE(imported.ok());
    ASSERT_EQ(imported.value().size(), 2u);
    for (const Deal& deal : imported.value()) {
        EXPECT_EQ(deal.personId, person.id) << deal.title.toStdString();
    }
    // The deal form still renames the deal's own contact, as a rep asks.
    DealFields renamed;
    renamed.title = QStringLiteral("R3");
    renamed.contactName = QStringLiteral("Real Name-Ruiz");
    renamed.email = QStringLiteral("real@x.example");
    ASSERT_TRUE(db.service().deals().create(renamed).ok());
    EXPECT_EQ(db.service().contacts().person(person.id).value().name, QStringLiteral("Real Name-Ruiz"));
}

TEST(Duplicates, ImportsLinkRowsToContactsOfAnotherSpellingAndTheDryRunSaysWhich)
{
    TestDatabase db;
    const Organization acme = addOrganization(db, QStringLiteral("Acme GmbH"));
    const Person anna = addPerson(db, QStringLiteral("Anna Berg"), QString(), QStringLiteral("+49 30 123456")).value();

    QBuffer deals;
    deals.setData("title,company\r\nRollout,ACME \r\nPilot,Initech\r\n");
    ASSERT_TRUE(deals.open(QIODevice::ReadOnly));
    Result<ImportPlan> dry = db.service().deals().importCsv(&deals, true, QStringLiteral("tester"));
    ASSERT_TRUE(dry.ok()) << dry.error().message.toStdString();
    EXPECT_EQ(dry.value().linked,
              QStringList {QStringLiteral("'ACME' → existing organization 'Acme GmbH' (id %1)").arg(acme.id)});
    EXPECT_EQ(db.service().deals().list().value().size(), 0u);
    deals.seek(0);
    Result<ImportPlan> done = db.service().deals().importCsv(&deals, false, QStringLiteral("tester"));
    ASSERT_TRUE(done.ok());
    EXPECT_EQ(done.value().linked.size(), 1);
    EXPECT_EQ(db.service().contacts().organizations().value().size(), 2u); // Acme GmbH and Initech

    const QByteArray people = "name,email,phone,organization\r\nAnna,,+49 (30) 123 456,acme ltd\r\n"
                              "Cleo,cleo@x.example,+49 30 123456,\r\n";
    Result<PeopleImport> dryPeople = db.service().contacts().importPeople(people, true);
    ASSERT_TRUE(dryPeople.ok()) << dryPeople.error().message.toStdString();
    EXPECT_EQ(dryPeople.value().created, 1); // Cleo has her own email: a colleague on the same line
    EXPECT_EQ(dryPeople.value().updated, 1); // Anna, by her phone
    EXPECT_EQ(dryPeople.value().linked,
              (QStringList {
                  QStringLiteral("Line 2: 'Anna' → existing person 'Anna Berg' (id %1), the same phone").arg(anna.id),
                  QStringLiteral("Line 2: 'acme ltd' → existing organization 'Acme GmbH' (id %1)").arg(acme.id)}));
    EXPECT_EQ(db.service().contacts().people().value().size(), 1u); // a dry run writes nothing
}

TEST(Duplicates, PairsOfOrganizationsAndPeopleAreFoundWithWhy)
{
    TestDatabase db;
    const Organization acme = addOrganization(db, QStringLiteral("Acme GmbH"));
    const Organization acme2 = addOrganization(db, QStringLiteral("ACME"), true);
    const Organization acme3 = addOrganization(db, QStringLiteral("Acme, Inc."), true);
    addOrganization(db, QStringLiteral("Initech"));
    const Person anna
        = addPerson(db, QStringLiteral("Anna"), QStringLiteral("anna@x.example"), QStringLiteral("030 1234567"))
              .value();
    const Person anna2
        = addPerson(db, QStringLiteral("Anna B."), QString(), QStringLiteral("030/123 45 67"), true).value();
    addPerson(db, QStringLiteral("Bo"), QStringLiteral("bo@x.example"), QStringLiteral("030 7654321")).value();

    Result<std::vector<DuplicatePair>> found = db.service().contacts().duplicates();
    ASSERT_TRUE(found.ok()) << found.error().message.toStdString();
    const std::vector<DuplicatePair>& pairs = found.value();
    ASSERT_EQ(pairs.size(), 3u);
    EXPECT_EQ(pairs[0].type, ContactType::Organization);
    EXPECT_EQ(pairs[0].first, acme.id);
    EXPECT_EQ(pairs[0].second, acme2.id);
    EXPECT_EQ(pairs[0].why,
              QStringLiteral("the same name apart from case, spaces, punctuation or legal form: "
                             "'Acme GmbH', 'ACME'"));
    EXPECT_EQ(pairs[1].first, acme.id);
    EXPECT_EQ(pairs[1].second, acme3.id);
    EXPECT_EQ(pairs[2].type, ContactType::Person);
    EXPECT_EQ(pairs[2].first, anna.id);
    EXPECT_EQ(pairs[2].second, anna2.id);
    EXPECT_EQ(pairs[2].firstName, QStringLiteral("Anna"));
    EXPECT_EQ(pairs[2].why, QStringLiteral("the same phone: '030 1234567', '030/123 45 67'"));
}
