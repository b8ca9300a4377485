#include "dealboard/SamplePipeline.h"

#include "TestDatabase.h"
#include "dealboard/TransitionEngine.h"

#include <gtest/gtest.h>
#include <map>
#include <set>

using namespace dealboard;
using namespace dealboard::test;

TEST(SamplePipeline, IsDeterministic)
{
    const QDateTime now(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);
    auto titles = [&now](quint64 seed) {
        QStringList result;
        SamplePipeline::generate(200, seed, now,
                                 [&result](Deal& deal, std::vector<HistoryEntry>& history, std::vector<Activity>&) {
                                     result << deal.title + stageSlug(deal.stage) + QString::number(history.size());
                                     return true;
                                 });
        return result;
    };
    EXPECT_EQ(titles(7), titles(7));
    EXPECT_NE(titles(7), titles(8));
}

TEST(SamplePipeline, SeededPipelineIsFunnelShapedAndPassesCheck)
{
    TestDatabase db;
    ASSERT_EQ(db.service().deals().seedSample(3000, 42).value(), 3000);
    const std::vector<Deal> deals = db.service().deals().list().value();
    ASSERT_EQ(deals.size(), 3000u);
    std::map<Stage, int> perStage;
    std::set<QString> owners;
    int lost = 0;
    for (const Deal& deal : deals) {
        ++perStage[deal.stage];
        owners.insert(deal.owner);
        if (deal.status == DealStatus::Lost) {
            ++lost;
            EXPECT_FALSE(deal.lostReason.isEmpty());
        }
        EXPECT_LE(deal.createdAt, db.clock().nowUtc());
        EXPECT_GE(deal.createdAt, db.clock().nowUtc().addDays(-451)); // fifteen months of history
    }
    EXPECT_GT(perStage[Stage::Prospecting], perStage[Stage::Contacting]);
    EXPECT_GT(perStage[Stage::Contacting], perStage[Stage::Closing]);
    EXPECT_GT(perStage[Stage::Retention], 0);
    EXPECT_EQ(owners.size(), 8u);
    EXPECT_GT(lost, 100);
    const CheckReport report = db.service().check().value();
    EXPECT_TRUE(report.faults.isEmpty()) << report.faults.join(QLatin1Char('\n')).toStdString();
}

TEST(SamplePipeline, HistoryObeysTheRulesStepByStep)
{
    const QDateTime now(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);
    int checked = 0;
    SamplePipeline::generate(
        2000, 3, now, [&checked, &now](Deal& deal, std::vector<HistoryEntry>& history, std::vector<Activity>&) {
            QDateTime previous;
            for (const HistoryEntry& entry : history) {
                if (entry.fromStage && entry.fromStage != entry.toStage) {
                    Deal at = deal;
                    at.stage = *entry.fromStage;
                    at.status = DealStatus::Open;
                    EXPECT_TRUE(TransitionEngine::check(at, entry.toStage, StageRules::builtIn()).allowed())
                        << deal.title.toStdString();
                }
                EXPECT_TRUE(!previous.isValid() || previous <= entry.at);
                EXPECT_LE(entry.at, now);
                previous = entry.at;
            }
            ++checked;
            return true;
        });
    EXPECT_EQ(checked, 2000);
}
