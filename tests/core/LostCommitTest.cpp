// A change whose COMMIT reply is lost with the connection is neither done
// twice nor silently lost: the client connects again and asks the server how
// that transaction ended. The wire is cut by a relay between the client and
// the real test server (CuttingProxy.h). In the PostgreSQL half only.
#include "CuttingProxy.h"
#include "TestDatabase.h"
#include "dealboard/service/PipelineOpener.h"

#include <QUrl>
#include <gtest/gtest.h>

using namespace dealboard;
using namespace dealboard::test;

namespace {

class LostCommit : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (!TestServer::inUse()) {
            GTEST_SKIP() << "a server's commit reply; a file's commit has none to lose";
        }
        m_db = std::make_unique<TestDatabase>();
        const QUrl server(m_db->path());
        m_proxy = std::make_unique<CuttingProxy>(server.host(), server.port());
        QUrl relayed(server);
        relayed.setPort(m_proxy->port());
        // The relay reads the wire for the COMMIT it cuts: in the clear.
        relayed.setQuery(QStringLiteral("sslmode=disable"));
        Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(relayed.toString());
        ASSERT_TRUE(store.ok()) << store.error().message.toStdString();
        m_client = std::make_unique<Pipeline>(std::move(store.value()), std::make_shared<SystemClock>());
    }

    std::unique_ptr<TestDatabase> m_db; // read directly, not through the relay
    std::unique_ptr<CuttingProxy> m_proxy;
    std::unique_ptr<Pipeline> m_client;
};

} // namespace

TEST_F(LostCommit, ACommittedChangeWhoseReplyWasLostIsReportedDoneAndDoneOnce)
{
    const Deal deal = m_db->create(QStringLiteral("Over a flaky line"));
    m_proxy->cutNextCommit(CuttingProxy::Cut::AfterCommit);
    DealFields value;
    value.valueMinor = 4200;
    const Result<Deal> edited = m_client->deals().edit(deal.id, value);
    EXPECT_TRUE(m_proxy->cutDone());
    ASSERT_TRUE(edited.ok()) << edited.error().message.toStdString();
    const Deal stored = m_db->service().deals().get(deal.id).value();
    EXPECT_EQ(stored.value.minor, 4200);
    EXPECT_EQ(stored.version, deal.version + 1);

    // A new deal whose reply is lost: there is one, not two.
    m_proxy->cutNextCommit(CuttingProxy::Cut::AfterCommit);
    DealFields fields;
    fields.title = QStringLiteral("Created once");
    const Result<Deal> created = m_client->deals().create(fields);
    EXPECT_TRUE(m_proxy->cutDone());
    ASSERT_TRUE(created.ok()) << created.error().message.toStdString();
    int named = 0;
    const Result<std::vector<Deal>> all = m_db->service().deals().list();
    ASSERT_TRUE(all.ok());
    for (const Deal& listed : all.value()) {
        named += listed.title == u"Created once" ? 1 : 0;
    }
    EXPECT_EQ(named, 1);
    // And the client goes on, on its new connection.
    value.valueMinor = 4300;
    EXPECT_TRUE(m_client->deals().edit(deal.id, value).ok());
    EXPECT_EQ(m_db->service().deals().get(deal.id).value().value.minor, 4300);
}

TEST_F(LostCommit, AChangeWhoseCommitNeverArrivedIsReportedNotSavedAndNothingIsKept)
{
    const Deal deal = m_db->create(QStringLiteral("Cut before"));
    const qint64 logged = m_db->service().reads().lastChange().value();
    m_proxy->cutNextCommit(CuttingProxy::Cut::BeforeCommit);
    DealFields value;
    value.valueMinor = 999;
    const Result<Deal> edited = m_client->deals().edit(deal.id, value);
    EXPECT_TRUE(m_proxy->cutDone());
    ASSERT_FALSE(edited.ok());
    EXPECT_TRUE(edited.error().message.contains(QStringLiteral("nothing was changed")))
        << edited.error().message.toStdString();
    const Deal stored = m_db->service().deals().get(deal.id).value();
    EXPECT_EQ(stored.value.minor, 0);
    EXPECT_EQ(stored.version, deal.version);
    EXPECT_EQ(m_db->service().reads().lastChange().value(), logged);
    // Tried again, it is saved once.
    ASSERT_TRUE(m_client->deals().edit(deal.id, value).ok());
    EXPECT_EQ(m_db->service().deals().get(deal.id).value().value.minor, 999);
}
