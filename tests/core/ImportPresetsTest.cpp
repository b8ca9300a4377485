// Deal exports of Pipedrive and HubSpot, as they write them, imported through
// the real service on both backends: their columns, amounts, times and
// stages mapped onto ours, all or nothing.
#include "TestDatabase.h"
#include "dealboard/DealImport.h"
#include "dealboard/Pipeline.h"

#include <QBuffer>
#include <QFile>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

QByteArray sample(const char* name)
{
    QFile file(QStringLiteral(DEALBOARD_TEST_DATA "/import/%1").arg(QLatin1String(name)));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << name;
    return file.readAll();
}

ImportOptions from(ImportFormat format, std::vector<std::pair<QString, StageTarget>> stageMap = {})
{
    return {format, std::move(stageMap)};
}

Result<ImportPlan> importBytes(TestDatabase& db, QByteArray bytes, const ImportOptions& options, bool dryRun = false)
{
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    return db.service().deals().importDeals(&buffer, options, dryRun, QStringLiteral("rep"));
}

std::map<QString, Deal> dealsByTitle(TestDatabase& db)
{
    std::map<QString, Deal> byTitle;
    const std::vector<Deal> deals = db.service().deals().list().value();
    for (const Deal& deal : deals) {
        byTitle[deal.title] = deal;
    }
    return byTitle;
}

const QByteArray PipedriveHeader = "Deal - Title,Deal - Organization,Deal - Stage,Deal - Status,Deal - Value,"
                                   "Deal - Expected close date\r\n";

} // namespace

TEST(ImportPresets, DetectsTheLayoutFromTheHeader)
{
    EXPECT_EQ(ImportPresets::detect({QStringLiteral("Deal - ID"), QStringLiteral("Deal - Title")}),
              ImportFormat::Pipedrive);
    EXPECT_EQ(ImportPresets::detect({QStringLiteral("Record ID"), QStringLiteral("deal name")}), ImportFormat::Hubspot);
    EXPECT_EQ(ImportPresets::detect({QStringLiteral("title"), QStringLiteral("stage")}), ImportFormat::Csv);
}

TEST(ImportPresets, StageMappingsAreReadOrRefusedWithWhatToWrite)
{
    Result<std::pair<QString, StageTarget>> given
        = ImportPresets::parseStageMapping(QStringLiteral("Discovery Call = Relationship"));
    ASSERT_TRUE(given.ok()) << given.error().message.toStdString();
    EXPECT_EQ(given.value().first, QStringLiteral("Discovery Call"));
    EXPECT_EQ(given.value().second, (StageTarget {Stage::Relationship, DealStatus::Open}));
    EXPECT_EQ(ImportPresets::parseStageMapping(QStringLiteral("Signed=won")).value().second.status, DealStatus::Won);

    Result<std::pair<QString, StageTarget>> unknown = ImportPresets::parseStageMapping(QStringLiteral("Signed=done"));
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.error().message.contains(QStringLiteral("'done', which is no stage here")));
    EXPECT_TRUE(unknown.error().message.contains(QStringLiteral("qualifying")));
    EXPECT_FALSE(ImportPresets::parseStageMapping(QStringLiteral("qualifying")).ok());
    Result<std::pair<QString, StageTarget>> turned
        = ImportPresets::parseStageMapping(QStringLiteral("Closed\u202EWon=lost"));
    ASSERT_FALSE(turned.ok());
    EXPECT_TRUE(turned.error().message.contains(QStringLiteral("U+202E at character 7")))
        << turned.error().message.toStdString();
    EXPECT_FALSE(ImportPresets::parseStageMapping(QStringLiteral("=qualifying")).ok());
}

TEST(ImportPresets, PipedriveExportImportsWithItsStagesStatusesAndPeople)
{
    TestDatabase db;
    Result<ImportPlan> imported = importBytes(db, sample("pipedrive-deals.csv"), from(ImportFormat::Pipedrive));
    ASSERT_TRUE(imported.ok()) << imported.error().message.toStdString();
    EXPECT_EQ(imported.value().count, 6);
    // Globex (Contact Made), Initech (Proposal Made), Umbrella (won) and
    // Stark (lost in Demo Scheduled) lie past Qualifying.
    EXPECT_EQ(imported.value().qualifiedByImport, 4);
    EXPECT_TRUE(imported.value().ignoredColumns.contains(QStringLiteral("Deal - Label")));

    std::map<QString, Deal> deals = dealsByTitle(db);
    ASSERT_EQ(deals.size(), 6u);
    const Deal& acme = deals[QStringLiteral("Acme Corp rollout")];
    EXPECT_EQ(acme.stage, Stage::Qualifying);
    EXPECT_EQ(acme.value, (Money {1250000, QStringLiteral("EUR")}));
    EXPECT_EQ(acme.company, QStringLiteral("Acme Corp"));
    EXPECT_EQ(acme.contactName, QStringLiteral("Jane Doe"));
    EXPECT_EQ(acme.email, QStringLiteral("jane.doe@acme.example"));
    EXPECT_EQ(acme.owner, QStringLiteral("Dana Reyes"));
    EXPECT_EQ(acme.expectedClose, QDate(2026, 4, 30));
    EXPECT_EQ(acme.createdAt, QDateTime(QDate(2025, 11, 3), QTime(9, 14, 22), Qt::UTC));
    EXPECT_FALSE(acme.qualification.complete());

    const Deal& globex = deals[QStringLiteral("Globex fleet licences")];
    EXPECT_EQ(globex.stage, Stage::Contacting);
    EXPECT_TRUE(globex.qualification.complete());
    EXPECT_EQ(globex.value.minor, 4800050);
    EXPECT_EQ(globex.email, QStringLiteral("max@globex.example")); // the first of two
    EXPECT_EQ(globex.stageEnteredAt, QDateTime(QDate(2025, 12, 1), QTime(10, 0), Qt::UTC));

    EXPECT_EQ(deals[QStringLiteral("Initech support renewal")].stage, Stage::Negotiation);
    EXPECT_EQ(deals[QStringLiteral("Initech support renewal")].value.currency, QStringLiteral("USD"));
    const Deal& umbrella = deals[QStringLiteral("Umbrella lab equipment")];
    EXPECT_EQ(umbrella.stage, Stage::Retention);
    EXPECT_EQ(umbrella.status, DealStatus::Won);
    const Deal& stark = deals[QStringLiteral("Stark pilot")];
    EXPECT_EQ(stark.stage, Stage::Relationship);
    EXPECT_EQ(stark.status, DealStatus::Lost);
    EXPECT_EQ(stark.lostReason, QStringLiteral("Chose a competitor"));
    const Deal& wayne = deals[QStringLiteral("Wayne Enterprises security")];
    EXPECT_EQ(wayne.value, (Money {2200000, QStringLiteral("EUR")})); // "22,000", "Euro (EUR)"

    // Organizations and people linked or created, one each.
    EXPECT_EQ(db.service().contacts().organizations().value().size(), 6u);
    EXPECT_EQ(db.service().contacts().people().value().size(), 6u);
}

TEST(ImportPresets, HubspotExportImportsWithItsLabelsInternalNamesAndAmounts)
{
    TestDatabase db;
    Result<ImportPlan> imported = importBytes(db, sample("hubspot-deals.csv"), from(ImportFormat::Hubspot));
    ASSERT_TRUE(imported.ok()) << imported.error().message.toStdString();
    EXPECT_EQ(imported.value().count, 8);
    std::map<QString, Deal> deals = dealsByTitle(db);
    EXPECT_EQ(deals[QStringLiteral("Northwind onboarding")].stage, Stage::Qualifying);
    EXPECT_EQ(deals[QStringLiteral("Northwind onboarding")].value.minor, 450000);
    EXPECT_EQ(deals[QStringLiteral("Northwind onboarding")].createdAt,
              QDateTime(QDate(2025, 12, 1), QTime(10, 15), Qt::UTC));
    const Deal& contoso = deals[QStringLiteral("Contoso analytics")];
    EXPECT_EQ(contoso.stage, Stage::Contacting);
    EXPECT_EQ(contoso.value.minor, 1825050);
    EXPECT_EQ(contoso.contactName, QStringLiteral("Kim Abercrombie"));
    EXPECT_EQ(contoso.email, QStringLiteral("kim@contoso.example"));
    EXPECT_EQ(contoso.expectedClose, QDate(2026, 5, 31));
    EXPECT_EQ(deals[QStringLiteral("Fabrikam upgrade")].stage, Stage::Relationship);
    EXPECT_EQ(deals[QStringLiteral("Tailspin fleet")].stage, Stage::Negotiation);
    EXPECT_EQ(deals[QStringLiteral("Litware license")].stage, Stage::Closing);
    EXPECT_EQ(deals[QStringLiteral("Adventure Works renewal")].status, DealStatus::Won);
    EXPECT_EQ(deals[QStringLiteral("Adventure Works renewal")].stage, Stage::Retention);
    EXPECT_EQ(deals[QStringLiteral("Woodgrove pilot")].status, DealStatus::Lost);
    EXPECT_EQ(deals[QStringLiteral("Woodgrove pilot")].lostReason, QStringLiteral("Budget cut"));
    EXPECT_EQ(deals[QStringLiteral("Proseware trial")].stage, Stage::Qualifying); // "appointmentscheduled"
}

TEST(ImportPresets, AnUnknownStageIsRefusedWithItsLineAndTheMappingToGive)
{
    TestDatabase db;
    const QByteArray file = PipedriveHeader
        + "Acme rollout,Acme,Qualified,Open,100,\r\n"
          "Globex pilot,Globex,Discovery,Open,200,\r\n"
          "Initech pilot,Initech,discovery,Open,300,\r\n";
    Result<ImportPlan> refused = importBytes(db, file, from(ImportFormat::Pipedrive));
    ASSERT_FALSE(refused.ok());
    const QString message = refused.error().message;
    EXPECT_TRUE(message.contains(QStringLiteral("Line 3, column 3 (Deal - Stage): their stage 'Discovery' has no "
                                                "match here; map it onto one of ours with --stage-map "
                                                "'Discovery=qualifying'")))
        << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("Their stages with no match here: 'Discovery' (2 deal(s))")))
        << message.toStdString();
    EXPECT_TRUE(db.service().deals().list().value().empty()); // all or nothing

    // A mapping of a stage the file never uses is a misspelling: refused.
    Result<ImportPlan> misspelt
        = importBytes(db, file,
                      from(ImportFormat::Pipedrive,
                           {ImportPresets::parseStageMapping(QStringLiteral("Discovery=relationship")).value(),
                            ImportPresets::parseStageMapping(QStringLiteral("Qualifed=negotiation")).value()}));
    ASSERT_FALSE(misspelt.ok());
    EXPECT_TRUE(misspelt.error().message.contains(
        QStringLiteral("--stage-map names 'Qualifed', a stage the file never uses; check the spelling. Its stages "
                       "are: 'Qualified', 'Discovery'.")))
        << misspelt.error().message.toStdString();
    EXPECT_TRUE(db.service().deals().list().value().empty());

    Result<ImportPlan> mapped
        = importBytes(db, file,
                      from(ImportFormat::Pipedrive,
                           {ImportPresets::parseStageMapping(QStringLiteral("Discovery=relationship")).value(),
                            ImportPresets::parseStageMapping(QStringLiteral("Qualified=prospecting")).value()}));
    ASSERT_TRUE(mapped.ok()) << mapped.error().message.toStdString();
    std::map<QString, Deal> deals = dealsByTitle(db);
    EXPECT_EQ(deals[QStringLiteral("Acme rollout")].stage, Stage::Prospecting); // the default replaced
    EXPECT_EQ(deals[QStringLiteral("Globex pilot")].stage, Stage::Relationship);
    EXPECT_EQ(deals[QStringLiteral("Initech pilot")].stage, Stage::Relationship);
    ASSERT_EQ(mapped.value().stages.size(), 2u);
    EXPECT_TRUE(mapped.value().stages[1].given);
    EXPECT_EQ(mapped.value().stages[1].deals, 2);
}

TEST(ImportPresets, TheirFaultsNameLineAndColumnAndNothingIsWritten)
{
    TestDatabase db;
    const QByteArray file = "Deal Name,Deal Stage,Amount,Close Date,Create Date\r\n"
                            "Fine,Appointment Scheduled,\"1,000.00\",2026-04-01,2025-12-01 10:00\r\n"
                            "Odd amount,Appointment Scheduled,\"1.000,00\",2026-04-01,2025-12-01 10:00\r\n"
                            "Odd date,Appointment Scheduled,100,31/04/2026,2025-12-01 10:00\r\n"
                            "Turned \xE2\x80\xAEtitle,Appointment Scheduled,100,2026-04-01,2025-12-01 10:00\r\n"
                            "No value,Decision Maker Bought-In,,2026-04-01,2025-12-01 10:00\r\n"
                            "Future,Appointment Scheduled,100,2026-04-01,2027-01-01 10:00\r\n";
    Result<ImportPlan> refused = importBytes(db, file, from(ImportFormat::Hubspot));
    ASSERT_FALSE(refused.ok());
    const QString message = refused.error().message;
    EXPECT_TRUE(message.startsWith(QStringLiteral("The file was not imported; nothing was changed. 5 fault(s)")))
        << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("Line 3, column 3 (Amount): '1.000,00'"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("Line 4, column 4 (Close Date): '31/04/2026' is not a date such as "
                                                "2024-03-05")))
        << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("Line 5, column 1 (Deal Name): U+202E at character 8")))
        << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("Line 6: 'No value' can't be in Negotiation: ")))
        << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("map their stage 'Decision Maker Bought-In' onto an earlier one")))
        << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("Line 7: 'Future' was created in the future")))
        << message.toStdString();
    EXPECT_TRUE(db.service().deals().list().value().empty());
    EXPECT_TRUE(db.service().contacts().organizations().value().empty());
}

TEST(ImportPresets, DeletedPipedriveDealsAndAMissingTitleColumnAreRefused)
{
    TestDatabase db;
    Result<ImportPlan> deleted
        = importBytes(db, PipedriveHeader + "Gone,Acme,Qualified,Deleted,100,\r\n", from(ImportFormat::Pipedrive));
    ASSERT_FALSE(deleted.ok());
    EXPECT_TRUE(deleted.error().message.contains(
        QStringLiteral("Line 2, column 4 (Deal - Status): the deal was deleted in Pipedrive")))
        << deleted.error().message.toStdString();

    Result<ImportPlan> wrong
        = importBytes(db, PipedriveHeader + "Acme,Acme,Qualified,Open,100,\r\n", from(ImportFormat::Hubspot));
    ASSERT_FALSE(wrong.ok());
    EXPECT_TRUE(wrong.error().message.contains(
        QStringLiteral("no 'Deal Name' column, so this is not a deal export of HubSpot")));

    // Read as DealBoard's own CSV, a Pipedrive export says how to import it.
    Result<ImportPlan> asCsv = importBytes(db, PipedriveHeader + "Acme,Acme,Qualified,Open,100,\r\n", {});
    ASSERT_FALSE(asCsv.ok());
    EXPECT_TRUE(asCsv.error().message.contains(QStringLiteral("looks like a deal export of Pipedrive: import it "
                                                              "as one (--from pipedrive")))
        << asCsv.error().message.toStdString();
    EXPECT_TRUE(db.service().deals().list().value().empty());
}

TEST(ImportPresets, ImportedDealsJoinTheOrganizationsAndPeopleAlreadyThere)
{
    TestDatabase db;
    const Deal existing = db.create(QStringLiteral("Earlier deal"), Stage::Prospecting, [] {
        DealFields fields;
        fields.company = QStringLiteral("Acme Corp");
        fields.email = QStringLiteral("jane.doe@acme.example");
        fields.contactName = QStringLiteral("Jane Doe");
        return fields;
    }());
    ASSERT_TRUE(importBytes(db, sample("pipedrive-deals.csv"), from(ImportFormat::Pipedrive)).ok());
    const Deal acme = dealsByTitle(db)[QStringLiteral("Acme Corp rollout")];
    EXPECT_EQ(acme.organizationId, existing.organizationId);
    EXPECT_EQ(acme.personId, existing.personId);
    EXPECT_EQ(db.service().contacts().organizations().value().size(), 6u);
}

TEST(ImportPresets, DryRunWritesNothingAndInspectShowsTheFirstRowsWithTheirFaults)
{
    TestDatabase db;
    Result<ImportPlan> dry = importBytes(db, sample("hubspot-deals.csv"), from(ImportFormat::Hubspot), true);
    ASSERT_TRUE(dry.ok());
    EXPECT_EQ(dry.value().count, 8);
    EXPECT_EQ(dry.value().stages.size(), 7u); // "appointmentscheduled" is "Appointment Scheduled"
    EXPECT_EQ(dry.value().stages[0].deals, 2);
    EXPECT_TRUE(db.service().deals().list().value().empty());

    QByteArray file = PipedriveHeader
        + "Acme rollout,Acme,Qualified,Open,100,\r\n"
          "Globex pilot,Globex,Discovery,Open,200,\r\n";
    QBuffer buffer(&file);
    buffer.open(QIODevice::ReadOnly);
    Result<ImportPlan> seen = DealImport::inspect(&buffer, from(ImportFormat::Pipedrive), db.service().now());
    ASSERT_TRUE(seen.ok());
    EXPECT_EQ(seen.value().faultCount, 1);
    ASSERT_EQ(seen.value().preview.size(), 2u);
    EXPECT_EQ(seen.value().preview[0].deal.stage, Stage::Qualifying);
    EXPECT_EQ(seen.value().preview[0].theirStage, QStringLiteral("Qualified"));
    EXPECT_TRUE(seen.value().preview[0].fault.isEmpty());
    EXPECT_EQ(seen.value().preview[1].line, 3);
    EXPECT_TRUE(seen.value().preview[1].fault.contains(QStringLiteral("'Discovery' has no match")));
    EXPECT_FALSE(seen.value().stages[1].target.has_value());
}
