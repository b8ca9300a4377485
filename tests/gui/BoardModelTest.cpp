// The board's models over a real database: partitioning, filtering, change
// signals, drops and changes made by another connection.
#include "board/BoardModel.h"

#include "TestDatabase.h"
#include "board/StageColumnModel.h"
#include "dealboard/DealStore.h"
#include "dealboard/service/PipelineOpener.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <gtest/gtest.h>
#include <memory>
#include <set>

using namespace dealboard;
using namespace dealboard::gui;
using namespace dealboard::test;

namespace {

int shownCount(const BoardModel& board)
{
    int count = 0;
    for (Stage stage : AllStages) {
        count += board.column(stage)->rowCount();
    }
    return count;
}

class BoardModelTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_board = std::make_unique<BoardModel>(m_db.service());
        for (Stage stage : AllStages) {
            m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
                m_board->column(stage), QAbstractItemModelTester::FailureReportingMode::Warning));
        }
    }

    TestDatabase m_db;
    std::unique_ptr<BoardModel> m_board;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

} // namespace

TEST_F(BoardModelTest, PartitionsDealsByStageAndHidesLostOnes)
{
    ASSERT_TRUE(m_db.service().deals().seedSample(500, 9).ok());
    ASSERT_TRUE(m_board->load().ok());
    const std::vector<Deal> all = m_db.service().deals().list().value();
    int notLost = 0;
    std::array<int, StageCount> perStage {};
    for (const Deal& deal : all) {
        if (deal.status != DealStatus::Lost) {
            ++notLost;
            ++perStage[stageIndex(deal.stage)];
        }
    }
    EXPECT_EQ(shownCount(*m_board), notLost);
    for (Stage stage : AllStages) {
        EXPECT_EQ(m_board->column(stage)->rowCount(), perStage[stageIndex(stage)]) << stageSlug(stage).toStdString();
        for (int row = 0; row < m_board->column(stage)->rowCount(); ++row) {
            const Deal deal = m_board->column(stage)->index(row).data(StageColumnModel::DealRole).value<Deal>();
            EXPECT_EQ(deal.stage, stage);
        }
    }
    m_board->setShowLost(true);
    EXPECT_EQ(shownCount(*m_board), static_cast<int>(all.size()));
}

TEST_F(BoardModelTest, FollowsTheServiceRowByRow)
{
    const Deal first = m_db.create(QStringLiteral("First"), Stage::Prospecting, TestDatabase::qualified());
    const Deal second = m_db.create(QStringLiteral("Second"));
    ASSERT_TRUE(m_board->load().ok());
    StageColumnModel* prospecting = m_board->column(Stage::Prospecting);
    StageColumnModel* contacting = m_board->column(Stage::Contacting);
    QSignalSpy removed(prospecting, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(contacting, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(prospecting, &QAbstractItemModel::modelReset);

    m_db.clock().advanceSeconds(60);
    ASSERT_TRUE(m_db.service().deals().move(first.id, Stage::Contacting).ok());
    EXPECT_EQ(removed.count(), 1);
    EXPECT_EQ(inserted.count(), 1);
    EXPECT_EQ(resets.count(), 0); // no reset: selections and scrolling elsewhere survive
    EXPECT_EQ(prospecting->rowCount(), 1);
    EXPECT_EQ(prospecting->rowOf(second.id), 0);
    EXPECT_EQ(contacting->rowOf(first.id), 0);

    ASSERT_TRUE(m_db.service().deals().remove(second.id).ok());
    EXPECT_EQ(prospecting->rowCount(), 0);
    EXPECT_FALSE(m_board->deal(second.id).has_value());
}

TEST_F(BoardModelTest, NewestArrivalsComeFirst)
{
    const Deal older = m_db.create(QStringLiteral("Older"));
    m_db.clock().advanceSeconds(3600);
    const Deal newer = m_db.create(QStringLiteral("Newer"));
    ASSERT_TRUE(m_board->load().ok());
    EXPECT_EQ(m_board->column(Stage::Prospecting)->rowOf(newer.id), 0);
    EXPECT_EQ(m_board->column(Stage::Prospecting)->rowOf(older.id), 1);
}

TEST_F(BoardModelTest, SearchAndOwnerFilterTheColumns)
{
    DealFields alice;
    alice.owner = QStringLiteral("Alice");
    alice.company = QStringLiteral("Globex");
    m_db.create(QStringLiteral("Acme renewal"));
    m_db.create(QStringLiteral("Fleet tracking"), Stage::Prospecting, alice);
    DealFields contact;
    contact.contactName = QStringLiteral("Zoë Ångström");
    m_db.create(QStringLiteral("Other"), Stage::Qualifying, contact);
    ASSERT_TRUE(m_board->load().ok());

    m_board->setSearchText(QStringLiteral("ACME"));
    EXPECT_EQ(shownCount(*m_board), 1);
    m_board->setSearchText(QStringLiteral("globex")); // company
    EXPECT_EQ(shownCount(*m_board), 1);
    m_board->setSearchText(QStringLiteral("ångström")); // contact, case-folded
    EXPECT_EQ(shownCount(*m_board), 1);
    EXPECT_EQ(m_board->column(Stage::Qualifying)->rowCount(), 1);
    m_board->setSearchText(QString());
    EXPECT_EQ(shownCount(*m_board), 3);
    m_board->setOwner(QStringLiteral("Alice"));
    EXPECT_EQ(shownCount(*m_board), 1);
    EXPECT_EQ(m_board->owners(), QStringList {QStringLiteral("Alice")});
}

// What each column shows, by id, in order.
std::vector<std::vector<DealId>> shownIds(const BoardModel& board)
{
    std::vector<std::vector<DealId>> shown;
    for (Stage stage : AllStages) {
        std::vector<DealId>& ids = shown.emplace_back();
        for (int row = 0; row < board.column(stage)->rowCount(); ++row) {
            ids.push_back(board.column(stage)->dealAt(row)->id);
        }
    }
    return shown;
}

TEST_F(BoardModelTest, TypingAndTakingBackLettersShowsWhatAFreshSearchWould)
{
    ASSERT_TRUE(m_db.service().deals().seedSample(400, 5).ok());
    DealFields accented;
    accented.company = QStringLiteral("Société Générale");
    m_db.create(QStringLiteral("Ärger über Straße"), Stage::Prospecting, accented);
    ASSERT_TRUE(m_board->load().ok());
    const auto freshly = [this](const QString& text) {
        BoardModel fresh(m_db.service());
        EXPECT_TRUE(fresh.load().ok());
        fresh.setSearchText(text);
        return shownIds(fresh);
    };
    // Each letter narrows; a letter taken back, a changed word or a cleared
    // box widen again; a deal changed meanwhile is found or left by the next.
    const QStringList typed = {QStringLiteral("a"),       QStringLiteral("ac"),        QStringLiteral("acm"),
                               QStringLiteral("ac"),      QStringLiteral("co"),        QString(),
                               QStringLiteral("société"), QStringLiteral("SOCIÉTÉ g"), QStringLiteral("straße"),
                               QStringLiteral("strasse"), QStringLiteral("über"),      QStringLiteral("e")};
    for (int i = 0; i < typed.size(); ++i) {
        if (i == 2) {
            const Deal renamed = m_db.service().deals().list().value().front();
            ASSERT_TRUE(
                m_db.service().deals().edit(renamed.id, DealFields::withTitle(QStringLiteral("Acme now"))).ok());
        }
        m_board->setSearchText(typed[i]);
        EXPECT_EQ(shownIds(*m_board), freshly(typed[i])) << "after typing '" << typed[i].toStdString() << "'";
    }
    EXPECT_EQ(shownIds(*m_board)[stageIndex(Stage::Prospecting)].empty(), false);
}

TEST_F(BoardModelTest, ALargeBoardSearchedOnTwoThreadsShowsEveryMatchOnce)
{
    ASSERT_TRUE(m_db.service().deals().seedSample(60'000, 11).ok());
    ASSERT_TRUE(m_board->load().ok());
    const std::vector<Deal> all = m_db.service().deals().list().value();
    for (const QString& text : {QStringLiteral("a"), QStringLiteral("ac"), QStringLiteral("acme"), QStringLiteral("c"),
                                QStringLiteral("zz-none"), QString()}) {
        m_board->setSearchText(text);
        std::array<std::set<DealId>, StageCount> expected;
        for (const Deal& deal : all) {
            const QString key = deal.title + QLatin1Char('\n') + deal.company + QLatin1Char('\n') + deal.contactName;
            if (deal.status != DealStatus::Lost && key.toCaseFolded().contains(text.toCaseFolded())) {
                expected[stageIndex(deal.stage)].insert(deal.id);
            }
        }
        const std::vector<std::vector<DealId>> shown = shownIds(*m_board);
        for (Stage stage : AllStages) {
            const std::vector<DealId>& ids = shown[stageIndex(stage)];
            EXPECT_EQ(std::set<DealId>(ids.begin(), ids.end()), expected[stageIndex(stage)])
                << "'" << text.toStdString() << "' in " << stageSlug(stage).toStdString();
            EXPECT_EQ(ids.size(), expected[stageIndex(stage)].size()) << "each match once";
        }
    }
}

TEST_F(BoardModelTest, DropAsksForAMoveAndMovesNoRowsItself)
{
    const Deal deal = m_db.create(QStringLiteral("Dragged"));
    ASSERT_TRUE(m_board->load().ok());
    QSignalSpy requests(m_board.get(), &BoardModel::dropRequested);
    StageColumnModel* source = m_board->column(Stage::Prospecting);
    StageColumnModel* target = m_board->column(Stage::Qualifying);
    std::unique_ptr<QMimeData> mime(source->mimeData({source->index(0)}));
    ASSERT_NE(mime, nullptr);
    EXPECT_TRUE(mime->hasFormat(StageColumnModel::mimeType()));
    EXPECT_TRUE(target->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, {}));
    EXPECT_TRUE(target->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, {}));
    ASSERT_EQ(requests.count(), 1);
    EXPECT_EQ(requests.first().at(0).value<QList<DealId>>(), QList<DealId> {deal.id});
    EXPECT_EQ(requests.first().at(1).value<Stage>(), Stage::Qualifying);
    EXPECT_EQ(source->rowCount(), 1); // unchanged until the service answers

    QMimeData foreign;
    foreign.setText(QStringLiteral("1"));
    EXPECT_FALSE(target->canDropMimeData(&foreign, Qt::MoveAction, -1, -1, {}));
    QMimeData garbage;
    garbage.setData(StageColumnModel::mimeType(), QByteArray("\xff\xff\xff\xff junk"));
    EXPECT_FALSE(target->dropMimeData(&garbage, Qt::MoveAction, -1, -1, {}));
    EXPECT_EQ(requests.count(), 1);
}

TEST_F(BoardModelTest, PicksUpChangesMadeByAnotherConnection)
{
    const Deal deal = m_db.create(QStringLiteral("Moved elsewhere"), Stage::Prospecting, TestDatabase::qualified());
    const Deal doomed = m_db.create(QStringLiteral("Deleted elsewhere"));
    ASSERT_TRUE(m_board->load().ok());
    m_db.service().pollExternalChanges(); // baseline

    Result<std::unique_ptr<DealStore>> otherStore = PipelineOpener::openStore(m_db.path());
    ASSERT_TRUE(otherStore.ok());
    Pipeline other(std::move(otherStore.value()), std::make_shared<SystemClock>());
    ASSERT_TRUE(other.deals().move(deal.id, Stage::Contacting).ok());
    ASSERT_TRUE(other.deals().remove(doomed.id).ok());
    ASSERT_TRUE(other.deals().create(DealFields::withTitle(QStringLiteral("Added elsewhere"))).ok());

    m_db.service().pollExternalChanges();
    EXPECT_EQ(m_board->column(Stage::Contacting)->rowOf(deal.id), 0);
    EXPECT_FALSE(m_board->deal(doomed.id).has_value());
    EXPECT_EQ(m_board->column(Stage::Prospecting)->rowCount(), 1);
    EXPECT_EQ(m_board->column(Stage::Prospecting)->dealAt(0)->title, QStringLiteral("Added elsewhere"));
}

// Many deals changed at once elsewhere (a manager's bulk move): each card
// follows, and the columns are summed once, not once per deal (which froze a
// 60,000-deal board for 25 s after 600 deals moved).
TEST_F(BoardModelTest, ManyDealsChangedElsewhereAreSummedOnceWithEveryCardFollowing)
{
    std::vector<DealId> ids;
    for (int i = 0; i < 60; ++i) {
        DealFields worth;
        worth.valueMinor = 1000 + i;
        ids.push_back(m_db.create(QStringLiteral("Deal %1").arg(i), Stage::Prospecting, worth).id);
    }
    ASSERT_TRUE(m_board->load().ok());
    m_db.service().pollExternalChanges(); // baseline

    Result<std::unique_ptr<DealStore>> otherStore = PipelineOpener::openStore(m_db.path());
    ASSERT_TRUE(otherStore.ok());
    Pipeline other(std::move(otherStore.value()), std::make_shared<SystemClock>());
    std::int64_t movedValue = 0;
    for (std::size_t i = 0; i < ids.size(); i += 2) {
        DealFields worth;
        worth.valueMinor = 5000;
        ASSERT_TRUE(other.deals().edit(ids[i], worth).ok());
        movedValue += 5000;
    }
    QSignalSpy summed(m_board.get(), &BoardModel::totalsChanged);
    QSignalSpy updated(m_board.get(), &BoardModel::dealUpdated);
    m_db.service().pollExternalChanges();
    EXPECT_EQ(updated.count(), 30);
    EXPECT_EQ(summed.count(), 1);
    std::int64_t expected = movedValue;
    for (int i = 1; i < 60; i += 2) {
        expected += 1000 + i;
    }
    EXPECT_EQ(m_board->totals(Stage::Prospecting).valueMinor, expected);
    EXPECT_EQ(m_board->deal(ids[0])->value.minor, 5000);
}

// A rename changes no deal's version: the cards, and the search, still
// follow an organization or person another process renamed.
TEST_F(BoardModelTest, AnOrganizationOrPersonRenamedElsewhereIsShownAndFoundByItsNewName)
{
    DealFields linked;
    linked.company = QStringLiteral("Okafor Logistics");
    linked.contactName = QStringLiteral("Ada Okafor");
    const Deal deal = m_db.create(QStringLiteral("Fleet deal"), Stage::Prospecting, linked);
    m_db.create(QStringLiteral("Unrelated"));
    ASSERT_TRUE(m_board->load().ok());
    m_db.service().pollExternalChanges(); // baseline

    Result<std::unique_ptr<DealStore>> otherStore = PipelineOpener::openStore(m_db.path());
    ASSERT_TRUE(otherStore.ok());
    Pipeline other(std::move(otherStore.value()), std::make_shared<SystemClock>());
    OrganizationFields renamed;
    renamed.name = QStringLiteral("Nwosu Freight");
    ASSERT_TRUE(other.contacts().editOrganization(deal.organizationId, renamed).ok());
    PersonFields married;
    married.name = QStringLiteral("Ada Nwosu");
    ASSERT_TRUE(other.contacts().editPerson(deal.personId, married).ok());

    m_db.service().pollExternalChanges();
    ASSERT_TRUE(m_board->deal(deal.id).has_value());
    EXPECT_EQ(m_board->deal(deal.id)->company, QStringLiteral("Nwosu Freight"));
    EXPECT_EQ(m_board->deal(deal.id)->contactName, QStringLiteral("Ada Nwosu"));
    m_board->setSearchText(QStringLiteral("nwosu"));
    EXPECT_EQ(shownCount(*m_board), 1);
    m_board->setSearchText(QStringLiteral("okafor"));
    EXPECT_EQ(shownCount(*m_board), 0);
}

TEST_F(BoardModelTest, ProgressiveLoadShowsTheNewestFirstWithFullTotalsThenEverything)
{
    ASSERT_TRUE(m_db.service().deals().seedSample(600, 4).ok());
    // The totals a full load shows, to compare with.
    ASSERT_TRUE(m_board->load().ok());
    std::array<StageTotals, StageCount> full;
    std::array<int, StageCount> fullRows {};
    for (Stage stage : AllStages) {
        full[stageIndex(stage)] = m_board->totals(stage);
        fullRows[stageIndex(stage)] = m_board->column(stage)->rowCount();
    }
    const int shownWhenFull = shownCount(*m_board);

    auto board = std::make_unique<BoardModel>(m_db.service());
    QSignalSpy finished(board.get(), &BoardModel::loadFinished);
    ASSERT_TRUE(board->loadProgressively(5, 0).ok());
    ASSERT_TRUE(board->isLoading());
    EXPECT_EQ(board->totalDeals(), 600);
    for (Stage stage : AllStages) {
        StageColumnModel* column = board->column(stage);
        EXPECT_LE(column->rowCount(), 5);
        // The newest arrivals of the stage, as the full board lists them first.
        for (int row = 0; row < column->rowCount(); ++row) {
            EXPECT_EQ(column->dealAt(row)->id, m_board->column(stage)->dealAt(row)->id)
                << stageSlug(stage).toStdString();
        }
        const StageTotals partial = board->totals(stage);
        EXPECT_EQ(partial.count, full[stageIndex(stage)].count);
        EXPECT_EQ(partial.perCurrency, full[stageIndex(stage)].perCurrency);
        EXPECT_EQ(partial.open, full[stageIndex(stage)].open);
        EXPECT_EQ(partial.openWeighted, full[stageIndex(stage)].openWeighted);
    }

    // A change made while the rest is read is kept when it arrives.
    const std::optional<Deal> shown = board->column(Stage::Prospecting)->dealAt(0);
    ASSERT_TRUE(shown.has_value());
    const DealId moved = shown->id;
    ASSERT_TRUE(m_db.service().deals().move(moved, Stage::Qualifying).ok());

    ASSERT_TRUE(finished.wait(20000));
    EXPECT_FALSE(board->isLoading());
    EXPECT_EQ(shownCount(*board), shownWhenFull);
    EXPECT_EQ(board->deal(moved)->stage, Stage::Qualifying);
    EXPECT_EQ(board->column(Stage::Qualifying)->rowOf(moved), 0);
    EXPECT_EQ(board->column(Stage::Qualifying)->rowCount(), fullRows[stageIndex(Stage::Qualifying)] + 1);
}

TEST_F(BoardModelTest, SmallPipelinesAreReadWholeAtOnce)
{
    ASSERT_TRUE(m_db.service().deals().seedSample(50, 4).ok());
    ASSERT_TRUE(m_board->loadProgressively(5, 1000).ok());
    EXPECT_FALSE(m_board->isLoading());
    EXPECT_EQ(m_board->dealCount(), 50);
}

// Every way of laying the whole board anew (a load, a progressive load and
// the end of its background read) says so once, while every card still
// reads its deal, and only then lets go of the deals.
TEST_F(BoardModelTest, EveryReloadSaysSoWhileTheCardsStillReadTheirDeals)
{
    ASSERT_TRUE(m_db.service().deals().seedSample(120, 5).ok());
    ASSERT_TRUE(m_board->load().ok());
    int said = 0;
    int readWhole = 0;
    QObject::connect(m_board.get(), &BoardModel::columnsAboutToReset, m_board.get(), [&] {
        ++said;
        bool whole = true;
        for (Stage stage : AllStages) {
            StageColumnModel* column = m_board->column(stage);
            for (int row = 0; row < column->rowCount(); ++row) {
                const std::optional<Deal> deal = column->dealAt(row);
                const std::optional<Deal> held = deal ? m_board->deal(deal->id) : std::nullopt;
                whole = whole && deal && held && held->version == deal->version && held->title == deal->title
                    && !deal->title.isEmpty() && deal->stage == stage;
            }
        }
        readWhole += whole ? 1 : 0;
    });
    QSignalSpy reset(m_board.get(), &BoardModel::columnsReset);
    QSignalSpy finished(m_board.get(), &BoardModel::loadFinished);

    ASSERT_TRUE(m_board->load().ok());
    EXPECT_EQ(said, 1);
    EXPECT_EQ(reset.count(), 1);
    ASSERT_TRUE(m_board->loadProgressively(5, 0).ok());
    EXPECT_EQ(said, 2);
    ASSERT_TRUE(finished.wait(20000));
    EXPECT_EQ(said, 3);
    EXPECT_EQ(reset.count(), 3);
    EXPECT_EQ(readWhole, 3);
    EXPECT_EQ(shownCount(*m_board), m_board->unfilteredDeals());
}

// The board keeps each deal in a compact form of its own and makes the deal
// again when a card, the pane or an action asks: every fact comes back as
// stored, whether the deal was read whole, in the background or changed since.
TEST_F(BoardModelTest, EveryFactOfADealComesBackFromTheBoardAsStored)
{
    DealFields facts = withContact(QStringLiteral("Müller & Söhne GmbH"), QStringLiteral("Zoë Ångström"),
                                   QStringLiteral("zoe@example.com"));
    facts.phone = QStringLiteral("+49 30 1234567");
    facts.owner = QStringLiteral("Renée");
    facts.valueMinor = 123456789;
    facts.currency = QStringLiteral("JPY");
    facts.expectedClose = QDate(2026, 7, 31);
    facts.willing = true;
    facts.budget = true;
    facts.probabilityPercent = std::optional<int>(37);
    const Deal rich = m_db.create(QStringLiteral("Ünïcode 名前 🚀 renewal"), Stage::Prospecting, facts);
    ActivityFields call;
    call.dealId = rich.id;
    call.kind = ActivityKind::Meeting;
    call.subject = QStringLiteral("Démo");
    call.dueDate = QDate(2026, 3, 9);
    call.dueTime = QTime(14, 45);
    ASSERT_TRUE(m_db.service().activities().plan(call, true).ok());
    const Deal origin = m_db.create(QStringLiteral("Origin"), Stage::Prospecting);
    const Deal lost = m_db.create(QStringLiteral("Lost one"), Stage::Prospecting);
    ASSERT_TRUE(m_db.service().deals().lose(lost.id, QStringLiteral("Prix trop élevé")).ok());
    (void)origin;

    const auto expectSame = [&](const BoardModel& board, DealId id) {
        const Deal stored = m_db.service().deals().get(id).value();
        const std::optional<Deal> shown = board.deal(id);
        ASSERT_TRUE(shown.has_value());
        EXPECT_EQ(shown->id, stored.id);
        EXPECT_EQ(shown->title, stored.title);
        EXPECT_EQ(shown->company, stored.company);
        EXPECT_EQ(shown->contactName, stored.contactName);
        EXPECT_EQ(shown->email, stored.email);
        EXPECT_EQ(shown->phone, stored.phone);
        EXPECT_EQ(shown->organizationId, stored.organizationId);
        EXPECT_EQ(shown->personId, stored.personId);
        EXPECT_EQ(shown->originDealId, stored.originDealId);
        EXPECT_EQ(shown->owner, stored.owner);
        EXPECT_EQ(shown->stage, stored.stage);
        EXPECT_EQ(shown->status, stored.status);
        EXPECT_EQ(shown->value, stored.value);
        EXPECT_EQ(shown->expectedClose, stored.expectedClose);
        EXPECT_EQ(shown->qualification, stored.qualification);
        EXPECT_EQ(shown->lostReason, stored.lostReason);
        EXPECT_EQ(shown->probabilityPercent, stored.probabilityPercent);
        EXPECT_EQ(shown->createdAt, stored.createdAt);
        EXPECT_EQ(shown->updatedAt, stored.updatedAt);
        EXPECT_EQ(shown->stageEnteredAt, stored.stageEnteredAt);
        EXPECT_EQ(shown->version, stored.version);
        EXPECT_EQ(shown->activityStamp, stored.activityStamp);
        ASSERT_EQ(shown->nextActivity.has_value(), stored.nextActivity.has_value());
        if (stored.nextActivity) {
            EXPECT_EQ(shown->nextActivity->id, stored.nextActivity->id);
            EXPECT_EQ(shown->nextActivity->kind, stored.nextActivity->kind);
            EXPECT_EQ(shown->nextActivity->subject, stored.nextActivity->subject);
            EXPECT_EQ(shown->nextActivity->dueDate, stored.nextActivity->dueDate);
            EXPECT_EQ(shown->nextActivity->dueTime, stored.nextActivity->dueTime);
        }
    };
    ASSERT_TRUE(m_board->load().ok());
    EXPECT_EQ(m_board->deal(rich.id)->nextActivity->dueTime, QTime(14, 45));
    EXPECT_EQ(m_board->deal(rich.id)->title, QStringLiteral("Ünïcode 名前 🚀 renewal"));
    for (const DealId id : {rich.id, origin.id, lost.id}) {
        expectSame(*m_board, id);
    }

    // Read in the background, as a large board is.
    BoardModel background(m_db.service());
    QSignalSpy finished(&background, &BoardModel::loadFinished);
    ASSERT_TRUE(background.loadProgressively(1, 0).ok());
    ASSERT_TRUE(finished.wait(20000));
    for (const DealId id : {rich.id, origin.id, lost.id}) {
        expectSame(background, id);
    }

    // Changed through the service: the board's entry is made anew.
    DealFields change;
    change.title = QStringLiteral("Renamed ⟶ still whole");
    change.probabilityPercent = std::optional<int>();
    change.expectedClose = QDate();
    ASSERT_TRUE(m_db.service().deals().edit(rich.id, change).ok());
    expectSame(*m_board, rich.id);
    EXPECT_EQ(m_board->deal(rich.id)->title, QStringLiteral("Renamed ⟶ still whole"));
    EXPECT_FALSE(m_board->deal(rich.id)->probabilityPercent.has_value());
    EXPECT_FALSE(m_board->deal(rich.id)->expectedClose.isValid());
    // A search finds it by its new title, organization and person, case-folded.
    m_board->setSearchText(QStringLiteral("STILL WHOLE"));
    EXPECT_EQ(m_board->column(Stage::Prospecting)->rowOf(rich.id), 0);
    m_board->setSearchText(QStringLiteral("müller & söhne"));
    EXPECT_EQ(m_board->column(Stage::Prospecting)->rowOf(rich.id), 0);
    m_board->setSearchText(QStringLiteral("ångström"));
    EXPECT_EQ(m_board->column(Stage::Prospecting)->rowCount(), 1);
    m_board->setSearchText(QStringLiteral("Ünïcode"));
    EXPECT_EQ(m_board->column(Stage::Prospecting)->rowCount(), 0);
}
