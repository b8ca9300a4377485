// dealboard-cli import deals --from pipedrive|hubspot, as a process: the
// stage mapping shown by --dry-run, given by --stage-map, faults named.
#include "CliFixture.h"

#include <QFile>

using namespace dealboard;

namespace {

QString sample(const char* name)
{
    return QStringLiteral(DEALBOARD_TEST_DATA "/import/%1").arg(QLatin1String(name));
}

} // namespace

TEST_F(Cli, ImportFromPipedriveShowsTheStageMappingOnADryRun)
{
    CliRun dry = run({QStringLiteral("import"), QStringLiteral("deals"), sample("pipedrive-deals.csv"),
                      QStringLiteral("--from"), QStringLiteral("pipedrive"), QStringLiteral("--dry-run")});
    ASSERT_EQ(dry.exitCode, 0) << dry.err.toStdString();
    EXPECT_TRUE(dry.out.startsWith(QStringLiteral("Would import 6 deal(s): 2 qualifying, 1 contacting, 1 "
                                                  "relationship, 1 negotiation, 1 retention\n")))
        << dry.out.toStdString();
    EXPECT_TRUE(dry.out.contains(QStringLiteral("Their stages (Pipedrive) onto ours:\n"
                                                "  Qualified            -> Qualifying (2 deal(s))\n"
                                                "  Contact Made         -> Contacting (1 deal(s))\n")))
        << dry.out.toStdString();
    EXPECT_TRUE(dry.out.contains(QStringLiteral("  Negotiations Started -> Closing (1 deal(s))\n")));
    EXPECT_TRUE(dry.out.contains(QStringLiteral("Would mark 4 deal(s) as willing, with a need and a budget")));
    EXPECT_EQ(
        run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("csv")}).out.count(QLatin1Char('\n')),
        1); // nothing written

    CliRun done = run({QStringLiteral("import"), QStringLiteral("deals"), sample("pipedrive-deals.csv"),
                       QStringLiteral("--from=pipedrive")});
    ASSERT_EQ(done.exitCode, 0) << done.err.toStdString();
    EXPECT_TRUE(done.out.startsWith(QStringLiteral("Imported 6 deal(s)"))) << done.out.toStdString();
    const QJsonObject globex = show(QStringLiteral("2"));
    EXPECT_EQ(globex[QStringLiteral("stage")].toString(), QStringLiteral("contacting"));
    EXPECT_EQ(globex[QStringLiteral("value")].toString(), QStringLiteral("48000.50"));
}

TEST_F(Cli, ImportFromHubspotRefusesAnUnknownStageUntilItIsMapped)
{
    const QString file = m_dir.filePath(QStringLiteral("hubspot.csv"));
    {
        QFile out(file);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write("Deal Name,Deal Stage,Amount,Close Date\r\n"
                  "Contoso analytics,Qualified To Buy,\"18,250.50\",2026-05-31 00:00\r\n"
                  "Fabrikam signed,Closed - Signed,\"7,800\",2026-02-01 00:00\r\n");
    }
    CliRun refused = run(
        {QStringLiteral("import"), QStringLiteral("deals"), file, QStringLiteral("--from"), QStringLiteral("hubspot")});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Line 3, column 2 (Deal Stage): their stage 'Closed - Signed' "
                                                    "has no match here; map it onto one of ours with --stage-map "
                                                    "'Closed - Signed=qualifying'")))
        << refused.err.toStdString();

    CliRun mapped = run({QStringLiteral("import"), QStringLiteral("deals"), file, QStringLiteral("--from"),
                         QStringLiteral("hubspot"), QStringLiteral("--stage-map"), QStringLiteral("closed signed=won"),
                         QStringLiteral("--stage-map"), QStringLiteral("Qualified To Buy=relationship"),
                         QStringLiteral("--dry-run")});
    ASSERT_EQ(mapped.exitCode, 0) << mapped.err.toStdString();
    EXPECT_TRUE(mapped.out.contains(
        QStringLiteral("  Closed - Signed  -> won (Customer Retention) (1 deal(s), by --stage-map)\n")))
        << mapped.out.toStdString();
    EXPECT_TRUE(mapped.out.contains(QStringLiteral("Qualified To Buy -> Relationship Building (1 deal(s), by")));
}

TEST_F(Cli, ImportPresetOptionsAreCheckedBeforeTheFileIsRead)
{
    const QString file = sample("hubspot-deals.csv");
    CliRun unknown = run({QStringLiteral("import"), QStringLiteral("deals"), file, QStringLiteral("--from"),
                          QStringLiteral("salesforce")});
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("unknown format 'salesforce' (use csv, pipedrive or hubspot)")));
    CliRun csvMap = run({QStringLiteral("import"), QStringLiteral("deals"), file, QStringLiteral("--stage-map"),
                         QStringLiteral("A=qualifying")});
    EXPECT_EQ(csvMap.exitCode, 1);
    EXPECT_TRUE(csvMap.err.contains(QStringLiteral("--stage-map is for the exports of other CRMs")));
    CliRun nowhere = run({QStringLiteral("import"), QStringLiteral("deals"), file, QStringLiteral("--from"),
                          QStringLiteral("hubspot"), QStringLiteral("--stage-map"), QStringLiteral("Won=heaven")});
    EXPECT_EQ(nowhere.exitCode, 1);
    EXPECT_TRUE(nowhere.err.contains(QStringLiteral("maps onto 'heaven', which is no stage here")))
        << nowhere.err.toStdString();
    CliRun twice = run({QStringLiteral("import"), QStringLiteral("deals"), file, QStringLiteral("--from"),
                        QStringLiteral("hubspot"), QStringLiteral("--from"), QStringLiteral("pipedrive")});
    EXPECT_EQ(twice.exitCode, 1);
    EXPECT_TRUE(twice.err.contains(QStringLiteral("--from is given twice")));
}
