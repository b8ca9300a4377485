// The engine's table: every (from, to) pair, with and without each requirement.
#include "dealboard/TransitionEngine.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace dealboard;

namespace {

// A deal in `stage` that meets every rule, so a test can take one fact away.
Deal completeDeal(Stage stage)
{
    Deal deal;
    deal.title = QStringLiteral("Acme renewal");
    deal.stage = stage;
    deal.status = stage == Stage::Retention ? DealStatus::Won : DealStatus::Open;
    deal.qualification = {true, true, true};
    deal.value.minor = 100000;
    deal.expectedClose = QDate(2026, 6, 30);
    return deal;
}

bool contains(const std::vector<Requirement>& unmet, Requirement requirement)
{
    return std::find(unmet.begin(), unmet.end(), requirement) != unmet.end();
}

enum class Missing { Nothing, Title, Willing, Need, Budget, Value, CloseDate };

void removeFact(Deal& deal, Missing missing)
{
    switch (missing) {
    case Missing::Nothing:
        break;
    case Missing::Title:
        deal.title = QStringLiteral("  ");
        break;
    case Missing::Willing:
        deal.qualification.willing = false;
        break;
    case Missing::Need:
        deal.qualification.need = false;
        break;
    case Missing::Budget:
        deal.qualification.budget = false;
        break;
    case Missing::Value:
        deal.value.minor = 0;
        break;
    case Missing::CloseDate:
        deal.expectedClose = QDate();
        break;
    }
}

// What the rules of DESIGN.md say, written independently of the engine.
std::vector<Requirement> expectedUnmet(Stage from, Stage to, Missing missing)
{
    std::vector<Requirement> unmet;
    const int target = static_cast<int>(to);
    if (missing == Missing::Title) {
        unmet.push_back(Requirement::Title);
    }
    if (target >= 3 && missing == Missing::Willing) {
        unmet.push_back(Requirement::Willing);
    }
    if (target >= 3 && missing == Missing::Need) {
        unmet.push_back(Requirement::Need);
    }
    if (target >= 3 && missing == Missing::Budget) {
        unmet.push_back(Requirement::Budget);
    }
    if (target >= 5 && missing == Missing::Value) {
        unmet.push_back(Requirement::Value);
    }
    if (target >= 6 && missing == Missing::CloseDate) {
        unmet.push_back(Requirement::CloseDate);
    }
    if (to == Stage::Retention && from != Stage::Closing) {
        unmet.push_back(Requirement::FromClosing);
    }
    return unmet;
}

struct EngineCase
{
    Stage from;
    Stage to;
    Missing missing;
};

class EngineTable : public ::testing::TestWithParam<EngineCase>
{
};

TEST_P(EngineTable, RefusesExactlyTheUnmetRules)
{
    const EngineCase c = GetParam();
    Deal deal = completeDeal(c.from);
    removeFact(deal, c.missing);
    const TransitionVerdict verdict = TransitionEngine::check(deal, c.to, StageRules::builtIn());
    if (c.from == c.to) {
        EXPECT_TRUE(verdict.noOp);
        EXPECT_TRUE(verdict.allowed());
        return;
    }
    EXPECT_FALSE(verdict.noOp);
    EXPECT_EQ(verdict.unmet, expectedUnmet(c.from, c.to, c.missing));
}

std::vector<EngineCase> allCases()
{
    std::vector<EngineCase> cases;
    for (Stage from : AllStages) {
        for (Stage to : AllStages) {
            for (Missing missing : {Missing::Nothing, Missing::Title, Missing::Willing, Missing::Need, Missing::Budget,
                                    Missing::Value, Missing::CloseDate}) {
                cases.push_back({from, to, missing});
            }
        }
    }
    return cases;
}

std::string caseName(const ::testing::TestParamInfo<EngineCase>& info)
{
    static const char* const missingNames[]
        = {"complete", "noTitle", "notWilling", "noNeed", "noBudget", "noValue", "noCloseDate"};
    return stageSlug(info.param.from).toStdString() + "_to_" + stageSlug(info.param.to).toStdString() + "_"
        + missingNames[static_cast<int>(info.param.missing)];
}

INSTANTIATE_TEST_SUITE_P(EveryStagePair, EngineTable, ::testing::ValuesIn(allCases()), caseName);

TEST(TransitionEngine, UnqualifiedDealListsAllThreeCriteriaAtOnce)
{
    Deal deal = completeDeal(Stage::Qualifying);
    deal.qualification = {};
    deal.value.minor = 0;
    deal.expectedClose = QDate();
    const TransitionVerdict verdict = TransitionEngine::check(deal, Stage::Closing, StageRules::builtIn());
    EXPECT_EQ(verdict.unmet,
              (std::vector<Requirement> {Requirement::Willing, Requirement::Need, Requirement::Budget,
                                         Requirement::Value, Requirement::CloseDate}));
    const QString message = TransitionEngine::refusalMessage(deal, Stage::Closing, verdict.unmet);
    EXPECT_EQ(message,
              QStringLiteral("Can't move 'Acme renewal' to Closing: willingness to buy not confirmed; need not "
                             "proven; budget not confirmed; no deal value above zero; no expected close date."));
}

TEST(TransitionEngine, LostDealCannotMoveEvenToItsOwnStage)
{
    Deal deal = completeDeal(Stage::Negotiation);
    deal.status = DealStatus::Lost;
    for (Stage target : AllStages) {
        const TransitionVerdict verdict = TransitionEngine::check(deal, target, StageRules::builtIn());
        EXPECT_FALSE(verdict.allowed()) << stageSlug(target).toStdString();
        EXPECT_TRUE(contains(verdict.unmet, Requirement::NotLost));
        EXPECT_FALSE(verdict.noOp);
    }
}

TEST(TransitionEngine, BackwardMovesAreAllowed)
{
    const Deal deal = completeDeal(Stage::Closing);
    for (Stage target : {Stage::Prospecting, Stage::Qualifying, Stage::Contacting, Stage::Negotiation}) {
        EXPECT_TRUE(TransitionEngine::check(deal, target, StageRules::builtIn()).allowed())
            << stageSlug(target).toStdString();
    }
}

TEST(TransitionEngine, CurrentStageRequirementsCatchBrokenEdits)
{
    Deal deal = completeDeal(Stage::Negotiation);
    EXPECT_TRUE(TransitionEngine::unmetInCurrentStage(deal, StageRules::builtIn()).empty());
    deal.value.minor = 0;
    deal.qualification.budget = false;
    EXPECT_EQ(TransitionEngine::unmetInCurrentStage(deal, StageRules::builtIn()),
              (std::vector<Requirement> {Requirement::Budget, Requirement::Value}));
}

TEST(TransitionEngine, EntryRulesAreDescribedForEveryStage)
{
    EXPECT_EQ(TransitionEngine::describeEntryRules(Stage::Prospecting, StageRules::builtIn()),
              QStringLiteral("To enter Prospecting: a title."));
    EXPECT_TRUE(TransitionEngine::describeEntryRules(Stage::Contacting, StageRules::builtIn())
                    .contains(QStringLiteral("budget")));
    EXPECT_TRUE(TransitionEngine::describeEntryRules(Stage::Retention, StageRules::builtIn())
                    .contains(QStringLiteral("from Closing")));
}

TEST(Requirement, CodesAreStableAndDistinct)
{
    const std::vector<Requirement> all
        = {Requirement::Title,      Requirement::Willing,   Requirement::Need,        Requirement::Budget,
           Requirement::Value,      Requirement::CloseDate, Requirement::FromClosing, Requirement::NotLost,
           Requirement::LostReason, Requirement::NotWon};
    QStringList codes;
    for (Requirement requirement : all) {
        codes << requirementCode(requirement);
        EXPECT_FALSE(requirementText(requirement).isEmpty());
    }
    codes.removeDuplicates();
    EXPECT_EQ(codes.size(), static_cast<qsizetype>(all.size()));
    EXPECT_EQ(requirementCode(Requirement::CloseDate), QStringLiteral("close_date"));
}

TEST(Stage, SlugsRoundTripAndOrder)
{
    for (Stage stage : AllStages) {
        EXPECT_EQ(stageFromSlug(stageSlug(stage)), stage);
    }
    EXPECT_FALSE(stageFromSlug(u"won").has_value());
    EXPECT_EQ(stageName(Stage::Relationship), QStringLiteral("Relationship Building"));
    EXPECT_EQ(stageInfo(Stage::Negotiation).winProbabilityPercent, 60);
    EXPECT_EQ(stageInfo(Stage::Retention).rottingDays, 0);
    EXPECT_EQ(nextStage(Stage::Closing), Stage::Retention);
    EXPECT_FALSE(nextStage(Stage::Retention).has_value());
    EXPECT_FALSE(previousStage(Stage::Prospecting).has_value());
}

} // namespace
