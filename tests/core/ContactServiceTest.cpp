// Organizations, people, activities, contact frequency and follow-up deals,
// through the real service on real SQLite files.
#include "RawSql.h"
#include "TestDatabase.h"
#include "dealboard/Pipeline.h"

#include <gtest/gtest.h>
#include <limits>

using namespace dealboard;
using namespace dealboard::test;

namespace {

ActivityFields touch(DealId deal, ActivityKind kind, const QDate& day, const QString& subject)
{
    ActivityFields fields;
    fields.dealId = deal;
    fields.kind = kind;
    fields.dueDate = day;
    fields.subject = subject;
    return fields;
}

const QDate Today(2026, 3, 2); // TestDatabase's clock

} // namespace

TEST(Contacts, DealsShareTheOrganizationAndPersonTheyName)
{
    TestDatabase db;
    const Deal first
        = db.create(QStringLiteral("Rollout"), Stage::Prospecting,
                    withContact(QStringLiteral("Acme"), QStringLiteral("Anna"), QStringLiteral("anna@acme.example")));
    const Deal second = db.create(QStringLiteral("Renewal"), Stage::Prospecting,
                                  withContact(QStringLiteral("ACME"), QString(), QStringLiteral("Anna@Acme.example")));
    EXPECT_NE(first.organizationId, 0);
    EXPECT_EQ(second.organizationId, first.organizationId);
    EXPECT_EQ(second.personId, first.personId);
    EXPECT_EQ(second.company, QStringLiteral("Acme")); // the record's spelling
    EXPECT_EQ(second.contactName, QStringLiteral("Anna"));
    EXPECT_EQ(db.service().contacts().organizations().value().size(), 1u);
    EXPECT_EQ(db.service().contacts().people().value().size(), 1u);

    // Editing the contact's phone on a deal edits the person, seen on both deals.
    DealFields phone;
    phone.phone = QStringLiteral("+49 555");
    ASSERT_TRUE(db.service().deals().edit(first.id, phone).ok());
    EXPECT_EQ(db.service().deals().get(second.id).value().phone, QStringLiteral("+49 555"));
}

// A named, unknown organization is created in one place for a person and a
// deal alike: made once, found again whatever the case, kept in the first
// spelling, in one transaction (an import) as across several.
TEST(Contacts, APersonAndADealNamingANewOrganizationShareTheOneMadeFirst)
{
    TestDatabase db;
    PersonFields hank;
    hank.name = QStringLiteral("Hank");
    hank.organization = QStringLiteral("  Initech ");
    const Person person = db.service().contacts().createPerson(hank).value();
    ASSERT_NE(person.organizationId, 0);
    EXPECT_EQ(person.organizationName, QStringLiteral("Initech"));

    const Deal deal = db.create(QStringLiteral("Printers"), Stage::Prospecting,
                                withContact(QStringLiteral("INITECH"), QStringLiteral("Bill"), QString()));
    EXPECT_EQ(deal.organizationId, person.organizationId);
    EXPECT_EQ(deal.company, QStringLiteral("Initech"));

    const QByteArray csv = "name,email,organization\r\nAnna,anna@umbrella.example,Umbrella\r\n"
                           "Bob,bob@umbrella.example,umbrella\r\nCleo,cleo@initech.example,initech\r\n";
    ASSERT_TRUE(db.service().contacts().importPeople(csv, false).ok());
    const std::vector<Organization> organizations = db.service().contacts().organizations().value();
    ASSERT_EQ(organizations.size(), 2u);
    EXPECT_EQ(organizations.at(0).name, QStringLiteral("Initech"));
    EXPECT_EQ(organizations.at(1).name, QStringLiteral("Umbrella"));
    const std::vector<Person> people = db.service().contacts().people().value();
    ASSERT_EQ(people.size(), 5u); // Hank, the deal's Bill, and the three imported
    for (const Person& imported : people) {
        EXPECT_EQ(imported.organizationId,
                  imported.organizationName == u"Initech" ? person.organizationId : organizations.at(1).id)
            << imported.name.toStdString();
    }

    // Cleared, the person has none; the organization stays.
    PersonFields none;
    none.organization = QString();
    EXPECT_EQ(db.service().contacts().editPerson(person.id, none).value().organizationId, 0);
    EXPECT_EQ(db.service().contacts().organizations().value().size(), 2u);
}

TEST(Contacts, OrganizationAndPersonRulesAreChecked)
{
    TestDatabase db;
    OrganizationFields organization;
    organization.name = QStringLiteral("Globex");
    organization.tags
        = QStringList {QStringLiteral(" Enterprise "), QStringLiteral("energy"), QStringLiteral("ENTERPRISE")};
    const Organization globex = db.service().contacts().createOrganization(organization).value();
    EXPECT_EQ(globex.tags, (QStringList {QStringLiteral("energy"), QStringLiteral("enterprise")}));

    const Result<Organization> duplicate = db.service().contacts().createOrganization(organization);
    ASSERT_FALSE(duplicate.ok());
    EXPECT_TRUE(duplicate.error().message.contains(QStringLiteral("already an organization named 'Globex'")));

    PersonFields person;
    person.name = QStringLiteral("Hank");
    person.email = QStringLiteral("hank@globex.example");
    person.organization = QStringLiteral("Globex");
    const Person hank = db.service().contacts().createPerson(person).value();
    EXPECT_EQ(hank.organizationId, globex.id);

    PersonFields clash;
    clash.name = QStringLiteral("Someone else");
    clash.email = QStringLiteral("HANK@globex.example");
    const Result<Person> refused = db.service().contacts().createPerson(clash);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(db.service().contacts().people().value().size(), 1u);

    PersonFields noName;
    noName.email = QStringLiteral("x@y.example");
    EXPECT_FALSE(db.service().contacts().createPerson(noName).ok());

    ContactFilter byTag;
    byTag.tag = QStringLiteral("Enterprise");
    EXPECT_EQ(db.service().contacts().organizations(byTag).value().size(), 1u);
    ContactFilter search;
    search.search = QStringLiteral("glob");
    EXPECT_EQ(db.service().contacts().people(search).value().size(), 1u); // by organization name
    search.search = QStringLiteral("100%");
    EXPECT_TRUE(db.service().contacts().people(search).value().empty()); // % is text, not a wildcard
}

TEST(Contacts, BoardSegmentFilterFindsDealsByOrganizationOrPersonTag)
{
    TestDatabase db;
    const Deal acme
        = db.create(QStringLiteral("A"), Stage::Prospecting,
                    withContact(QStringLiteral("Acme"), QStringLiteral("Anna"), QStringLiteral("anna@acme.example")));
    const Deal globex = db.create(
        QStringLiteral("G"), Stage::Prospecting,
        withContact(QStringLiteral("Globex"), QStringLiteral("Hank"), QStringLiteral("hank@globex.example")));
    db.create(QStringLiteral("Other"));
    OrganizationFields tagged;
    tagged.tags = QStringList {QStringLiteral("enterprise")};
    ASSERT_TRUE(db.service().contacts().editOrganization(acme.organizationId, tagged).ok());
    PersonFields champion;
    champion.tags = QStringList {QStringLiteral("enterprise")};
    ASSERT_TRUE(db.service().contacts().editPerson(globex.personId, champion).ok());
    EXPECT_EQ(db.service().contacts().dealsWithTag(QStringLiteral("enterprise")).value(),
              (std::vector<DealId> {acme.id, globex.id}));
    EXPECT_TRUE(db.service().contacts().dealsWithTag(QStringLiteral("smb")).value().empty());
}

TEST(Activities, CardsShowTheEarliestOpenActivity)
{
    TestDatabase db;
    const Deal deal = db.create(QStringLiteral("Rollout"));
    EXPECT_FALSE(db.service().deals().get(deal.id).value().nextActivity.has_value());
    ASSERT_TRUE(db.service()
                    .activities()
                    .plan(touch(deal.id, ActivityKind::Task, Today.addDays(5), QStringLiteral("Later")))
                    .ok());
    const Activity soon = db.service()
                              .activities()
                              .plan(touch(deal.id, ActivityKind::Task, Today.addDays(1), QStringLiteral("Sooner")))
                              .value();
    std::optional<NextActivity> next = db.service().deals().get(deal.id).value().nextActivity;
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(next->subject, QStringLiteral("Sooner"));

    // Completing it shows the next one; completing twice is refused.
    ASSERT_TRUE(db.service().activities().complete(soon.id).ok());
    EXPECT_EQ(db.service().deals().get(deal.id).value().nextActivity->subject, QStringLiteral("Later"));
    EXPECT_FALSE(db.service().activities().complete(soon.id).ok());
}

TEST(Activities, NextActivityStateFollowsTheClock)
{
    const QDateTime now(QDate(2026, 3, 2), QTime(14, 0));
    NextActivity next;
    EXPECT_EQ(nextActivityState(std::nullopt, now), NextActivityState::None);
    next.dueDate = QDate(2026, 3, 1);
    EXPECT_EQ(nextActivityState(next, now), NextActivityState::Overdue);
    next.dueDate = QDate(2026, 3, 2);
    EXPECT_EQ(nextActivityState(next, now), NextActivityState::Today);
    next.dueTime = QTime(10, 0);
    EXPECT_EQ(nextActivityState(next, now), NextActivityState::Overdue);
    next.dueTime = QTime(16, 0);
    EXPECT_EQ(nextActivityState(next, now), NextActivityState::Today);
    next.dueDate = QDate(2026, 3, 3);
    EXPECT_EQ(nextActivityState(next, now), NextActivityState::Planned);
}

TEST(Activities, ASecondEmailADayAfterTheFirstWarnsAndSavesNothingUnlessConfirmed)
{
    TestDatabase db;
    const Deal deal
        = db.create(QStringLiteral("Rollout"), Stage::Prospecting,
                    withContact(QStringLiteral("Acme"), QStringLiteral("Anna"), QStringLiteral("anna@acme.example")));
    ASSERT_TRUE(db.service().contacts().setSegmentRule(QStringLiteral("enterprise"), 7).ok());
    OrganizationFields tagged;
    tagged.tags = QStringList {QStringLiteral("enterprise")};
    ASSERT_TRUE(db.service().contacts().editOrganization(deal.organizationId, tagged).ok());

    ASSERT_TRUE(
        db.service().activities().plan(touch(deal.id, ActivityKind::Email, Today, QStringLiteral("Intro"))).ok());
    const Result<Activity> second = db.service().activities().plan(
        touch(deal.id, ActivityKind::Email, Today.addDays(1), QStringLiteral("Again")));
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, ErrorCode::TooFrequent);
    EXPECT_TRUE(second.error().message.contains(QStringLiteral("2026-03-02"))) << second.error().message.toStdString();
    EXPECT_TRUE(second.error().message.contains(QStringLiteral("segment 'enterprise'")));
    EXPECT_TRUE(second.error().message.contains(QStringLiteral("2026-03-09"))); // first day allowed
    EXPECT_EQ(db.service().activities().list().value().size(), 1u);

    // A task is not a touch; a week later is fine; confirmed, the early one saves.
    EXPECT_TRUE(db.service()
                    .activities()
                    .plan(touch(deal.id, ActivityKind::Task, Today.addDays(1), QStringLiteral("Prep")))
                    .ok());
    EXPECT_TRUE(db.service()
                    .activities()
                    .plan(touch(deal.id, ActivityKind::Call, Today.addDays(7), QStringLiteral("Call")))
                    .ok());
    EXPECT_TRUE(db.service()
                    .activities()
                    .plan(touch(deal.id, ActivityKind::Email, Today.addDays(1), QStringLiteral("Again")), true)
                    .ok());
    EXPECT_EQ(db.service().activities().list().value().size(), 4u);

    // Without a segment rule the default applies; 0 turns the check off.
    ASSERT_TRUE(db.service().contacts().setSegmentRule(QStringLiteral("enterprise"), std::nullopt).ok());
    ASSERT_TRUE(db.service().contacts().setDefaultMinTouchDays(0).ok());
    EXPECT_FALSE(db.service().activities().contactFrequency(deal.personId, Today.addDays(2)).value().has_value());
    ASSERT_TRUE(db.service().contacts().setDefaultMinTouchDays(3).ok());
    const std::optional<FrequencyWarning> warning
        = db.service().activities().contactFrequency(deal.personId, Today.addDays(3)).value();
    ASSERT_TRUE(warning.has_value());
    EXPECT_EQ(warning->minDays, 3);
    EXPECT_EQ(warning->rule, QStringLiteral("the default"));
}

TEST(Activities, CompletingWithATooFrequentNextActivityChangesNothing)
{
    TestDatabase db;
    const Deal deal
        = db.create(QStringLiteral("Rollout"), Stage::Prospecting,
                    withContact(QStringLiteral("Acme"), QStringLiteral("Anna"), QStringLiteral("anna@acme.example")));
    const Activity call
        = db.service().activities().plan(touch(deal.id, ActivityKind::Call, Today, QStringLiteral("Call"))).value();
    const Result<std::optional<Activity>> refused = db.service().activities().complete(
        call.id, touch(deal.id, ActivityKind::Email, Today.addDays(1), QStringLiteral("Recap")));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::TooFrequent);
    EXPECT_FALSE(db.service().activities().get(call.id).value().done);

    const Result<std::optional<Activity>> done = db.service().activities().complete(
        call.id, touch(deal.id, ActivityKind::Email, Today.addDays(4), QStringLiteral("Recap")));
    ASSERT_TRUE(done.ok()) << done.error().message.toStdString();
    ASSERT_TRUE(done.value().has_value());
    EXPECT_EQ(done.value()->personId, deal.personId);
    EXPECT_TRUE(db.service().activities().get(call.id).value().done);
    EXPECT_EQ(db.service().deals().get(deal.id).value().nextActivity->subject, QStringLiteral("Recap"));
}

TEST(Activities, AttentionReportListsOverContactedPeopleAndNeglectedDeals)
{
    TestDatabase db;
    const Deal anna
        = db.create(QStringLiteral("Anna's deal"), Stage::Prospecting,
                    withContact(QStringLiteral("Acme"), QStringLiteral("Anna"), QStringLiteral("anna@acme.example")));
    ActivityFields first = touch(anna.id, ActivityKind::Call, Today.addDays(-2), QStringLiteral("Call"));
    first.done = true;
    ASSERT_TRUE(db.service().activities().plan(first).ok());
    ASSERT_TRUE(db.service()
                    .activities()
                    .plan(touch(anna.id, ActivityKind::Email, Today.addDays(-1), QStringLiteral("Mail")), true)
                    .ok());

    // Created 30 days ago, never touched: past Prospecting's 21 rotting days.
    db.clock().set(QDateTime(Today.addDays(-30), QTime(9, 0), Qt::UTC));
    const Deal old = db.create(QStringLiteral("Forgotten"));
    db.clock().set(QDateTime(Today, QTime(9, 0), Qt::UTC));

    const AttentionReport report = db.service().activities().attentionReport().value();
    ASSERT_EQ(report.overContacted.size(), 1u);
    EXPECT_EQ(report.overContacted[0].personName, QStringLiteral("Anna"));
    EXPECT_EQ(report.overContacted[0].first, Today.addDays(-2));
    EXPECT_EQ(report.overContacted[0].second, Today.addDays(-1));
    ASSERT_EQ(report.neglected.size(), 1u);
    EXPECT_EQ(report.neglected[0].dealId, old.id);
    EXPECT_EQ(report.neglected[0].daysWithoutTouch, 30);
    EXPECT_FALSE(report.neglected[0].lastTouch.has_value());
}

TEST(Retention, FollowUpDealStartsInProspectingLinkedToItsOriginAndCountsAsRepeatBusiness)
{
    TestDatabase db;
    DealFields facts = TestDatabase::qualified();
    facts.company = QStringLiteral("Acme");
    facts.email = QStringLiteral("anna@acme.example");
    facts.contactName = QStringLiteral("Anna");
    facts.valueMinor = 100000;
    facts.expectedClose = QDate(2026, 4, 1);
    const Deal origin = db.create(QStringLiteral("Rollout"), Stage::Closing, facts);

    const Result<Deal> early = db.service().deals().createFollowUp(origin.id);
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, ErrorCode::RefusedByRules);

    ASSERT_TRUE(db.service().deals().win(origin.id).ok());
    const Deal followUp
        = db.service().deals().createFollowUp(origin.id, QStringLiteral("Up-sell: analytics"), 25000).value();
    EXPECT_EQ(followUp.stage, Stage::Prospecting);
    EXPECT_EQ(followUp.originDealId, origin.id);
    EXPECT_EQ(followUp.organizationId, origin.organizationId);
    EXPECT_EQ(followUp.personId, origin.personId);
    EXPECT_EQ(db.service().deals().history(followUp.id).value().size(), 1u);

    // Won, the follow-up counts as repeat business, the origin as new.
    DealFields closing = TestDatabase::qualified();
    closing.expectedClose = QDate(2026, 5, 1);
    for (Stage stage :
         {Stage::Qualifying, Stage::Contacting, Stage::Relationship, Stage::Negotiation, Stage::Closing}) {
        ASSERT_TRUE(db.service().deals().move(followUp.id, stage, {}, closing).ok());
    }
    ASSERT_TRUE(db.service().deals().win(followUp.id).ok());
    ReportFilter filter;
    const PipelineReport report = db.service().reports().report(filter).value();
    EXPECT_EQ(report.wonNewDeals, 1);
    EXPECT_EQ(report.wonNewValueMinor, 100000);
    EXPECT_EQ(report.wonRepeatDeals, 1);
    EXPECT_EQ(report.wonRepeatValueMinor, 25000);
}

TEST(ImportPeople, ImportsAllOrNothingAndUpdatesKnownEmails)
{
    TestDatabase db;
    PersonFields known;
    known.name = QStringLiteral("Anna");
    known.email = QStringLiteral("anna@acme.example");
    ASSERT_TRUE(db.service().contacts().createPerson(known).ok());

    const QByteArray bad = "name,email,organization,tags\r\n"
                           "Ben,ben@globex.example,Globex,smb\r\n"
                           ",nobody@x.example,,\r\n"
                           "Carla,not-an-email,,\r\n"
                           "Ben again,BEN@globex.example,,\r\n";
    const Result<PeopleImport> refused = db.service().contacts().importPeople(bad, false);
    ASSERT_FALSE(refused.ok());
    const QString message = refused.error().message;
    EXPECT_TRUE(message.contains(QStringLiteral("Line 3, column 1 (name)"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("Line 4, column 2 (email)"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("Line 5, column 2 (email)"))) << message.toStdString();
    EXPECT_EQ(db.service().contacts().people().value().size(), 1u);
    EXPECT_TRUE(db.service().contacts().organizations().value().empty());

    const QByteArray good = "name;email;organization;tags;role\n"
                            "Ben;ben@globex.example;Globex;\"smb, energy\";CTO\n"
                            "Anna Schmidt;ANNA@acme.example;Acme;;Buyer\n";
    const Result<PeopleImport> dry = db.service().contacts().importPeople(good, true);
    ASSERT_TRUE(dry.ok()) << dry.error().message.toStdString();
    EXPECT_EQ(dry.value().created, 1);
    EXPECT_EQ(db.service().contacts().people().value().size(), 1u);

    const PeopleImport done = db.service().contacts().importPeople(good, false).value();
    EXPECT_EQ(done.created, 1);
    EXPECT_EQ(done.updated, 1);
    const Person anna = db.store().contacts().findPersonByEmail(QStringLiteral("anna@acme.example")).value().value();
    EXPECT_EQ(anna.name, QStringLiteral("Anna Schmidt"));
    EXPECT_EQ(anna.organizationName, QStringLiteral("Acme"));
    const Person ben = db.store().contacts().findPersonByEmail(QStringLiteral("ben@globex.example")).value().value();
    EXPECT_EQ(ben.tags, (QStringList {QStringLiteral("energy"), QStringLiteral("smb")}));
    EXPECT_EQ(ben.role, QStringLiteral("CTO"));
}

TEST(ImportPeople, ABlankCellLeavesAKnownPersonsFactAlone)
{
    TestDatabase db;
    PersonFields known;
    known.name = QStringLiteral("Full Person");
    known.email = QStringLiteral("full@x.example");
    known.phone = QStringLiteral("+49 89 1234567");
    known.role = QStringLiteral("Buyer");
    known.notes = QStringLiteral("important notes");
    known.organization = QStringLiteral("Acme");
    known.tags = QStringList {QStringLiteral("vip")};
    ASSERT_TRUE(db.service().contacts().createPerson(known).ok());

    // Found by email, then by phone (no email): blank cells clear nothing.
    const QByteArray byEmail = "name,email,phone,role,organization,tags,notes\n"
                               ",full@x.example,,,,,\n";
    ASSERT_TRUE(db.service().contacts().importPeople(byEmail, false).ok());
    const QByteArray byPhone = "name,email,phone,notes\n"
                               "Full Person,,+49 89 1234567,\n";
    const Result<PeopleImport> phoned = db.service().contacts().importPeople(byPhone, false);
    ASSERT_TRUE(phoned.ok()) << phoned.error().message.toStdString();
    EXPECT_EQ(phoned.value().created, 0);

    const std::vector<Person> people = db.service().contacts().people().value();
    ASSERT_EQ(people.size(), 1u);
    EXPECT_EQ(people.front().name, QStringLiteral("Full Person"));
    EXPECT_EQ(people.front().email, QStringLiteral("full@x.example"));
    EXPECT_EQ(people.front().phone, QStringLiteral("+49 89 1234567"));
    EXPECT_EQ(people.front().role, QStringLiteral("Buyer"));
    EXPECT_EQ(people.front().notes, QStringLiteral("important notes"));
    EXPECT_EQ(people.front().organizationName, QStringLiteral("Acme"));
    EXPECT_EQ(people.front().tags, QStringList {QStringLiteral("vip")});
}

TEST(ImportPeople, AKnownPersonChangedByAnImportIsInTheChangeLogWithWhatTheyHeld)
{
    TestDatabase db;
    PersonFields known;
    known.name = QStringLiteral("Anna");
    known.email = QStringLiteral("anna@acme.example");
    const Person anna = db.service().contacts().createPerson(known).value();
    const qint64 before = db.service().reads().lastChange().value();

    const QByteArray csv = "name,email\nAnna Schmidt,anna@acme.example\nBen,ben@globex.example\n";
    ASSERT_TRUE(db.service().contacts().importPeople(csv, false).ok());
    const QByteArray card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anna Schmidt-Ruiz\r\n"
                            "EMAIL:anna@acme.example\r\nEND:VCARD\r\n";
    ASSERT_TRUE(db.service().contacts().importVCards(card, false).ok());

    ChangeQuery query;
    query.afterId = before;
    const std::vector<ChangeEntry> entries = db.service().reads().changes(query).value();
    QStringList updates;
    bool benInserted = false;
    for (const ChangeEntry& entry : entries) {
        if (entry.table == u"people" && entry.action == u"update" && entry.row == QString::number(anna.id)) {
            updates << QString::fromUtf8(entry.changes);
        }
        benInserted = benInserted || (entry.table == u"people" && entry.action == u"insert");
    }
    ASSERT_EQ(updates.size(), 2) << entries.size();
    EXPECT_TRUE(updates[0].contains(QStringLiteral("\"Anna\"")) && updates[0].contains(QStringLiteral("Anna Schmidt")))
        << updates[0].toStdString();
    EXPECT_TRUE(updates[1].contains(QStringLiteral("Anna Schmidt-Ruiz"))) << updates[1].toStdString();
    EXPECT_TRUE(benInserted);
}

TEST(SampleData, SeedMakesOrganizationsPeopleActivitiesAndFollowUps)
{
    TestDatabase db;
    ASSERT_TRUE(db.service().deals().seedSample(2000, 11).ok());
    const std::vector<Organization> organizations = db.service().contacts().organizations().value();
    EXPECT_GT(organizations.size(), 50u);
    EXPECT_FALSE(organizations.front().tags.isEmpty());
    EXPECT_GT(db.service().contacts().people().value().size(), 500u);
    const std::vector<Deal> deals = db.service().deals().list().value();
    const auto followUps = std::count_if(deals.begin(), deals.end(), [&deals](const Deal& d) {
        if (d.originDealId == 0) {
            return false;
        }
        const auto origin
            = std::find_if(deals.begin(), deals.end(), [&d](const Deal& o) { return o.id == d.originDealId; });
        return origin != deals.end() && origin->status == DealStatus::Won && origin->personId == d.personId;
    });
    EXPECT_GT(followUps, 10);
    const auto withNext
        = std::count_if(deals.begin(), deals.end(), [](const Deal& d) { return d.nextActivity.has_value(); });
    EXPECT_GT(withNext, 1000);
    EXPECT_TRUE(db.service().check().value().faults.isEmpty());
}

TEST(Attention, UrgencyIsValueTimesDaysPastTheLimitWithoutOverflow)
{
    auto neglected = [](DealId id, std::int64_t valueMinor, int days) {
        NeglectedDeal deal;
        deal.dealId = id;
        deal.value = Money {valueMinor, QStringLiteral("EUR")};
        deal.daysWithoutTouch = days;
        deal.rottingDays = 21;
        return deal;
    };
    // 1,000.00 EUR 9 days over (900,000) beats 100.00 EUR 60 days over (600,000).
    EXPECT_TRUE(NeglectedDeal::moreUrgent(neglected(1, 100000, 30), neglected(2, 10000, 81)));
    EXPECT_FALSE(NeglectedDeal::moreUrgent(neglected(2, 10000, 81), neglected(1, 100000, 30)));
    // Values near the largest money there is, times years, still order right.
    const std::int64_t huge = std::numeric_limits<std::int64_t>::max() / 2;
    EXPECT_TRUE(NeglectedDeal::moreUrgent(neglected(3, huge, 2000), neglected(4, huge, 1000)));
    // No value: the longer overdue first, then the older deal.
    EXPECT_TRUE(NeglectedDeal::moreUrgent(neglected(5, 0, 50), neglected(6, 0, 40)));
    EXPECT_TRUE(NeglectedDeal::moreUrgent(neglected(7, 0, 40), neglected(8, 0, 40)));
}
