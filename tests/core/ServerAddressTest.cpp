// Reading a server's address: what is accepted, what is refused, and the
// TLS a connection asks for.
#include "dealboard/ServerAddress.h"

#include "dealboard/PipelineLocation.h"

#include <gtest/gtest.h>

namespace dealboard {

TEST(ServerAddress, ReadsEveryPartAndShowsNothingSecret)
{
    const Result<ServerAddress> address
        = ServerAddress::parse(QStringLiteral("postgresql://ana@db.example.com:6543/sales?connect_timeout=3"));
    ASSERT_TRUE(address.ok()) << address.error().message.toStdString();
    EXPECT_EQ(address.value().host, QStringLiteral("db.example.com"));
    EXPECT_EQ(address.value().port, 6543);
    EXPECT_EQ(address.value().user, QStringLiteral("ana"));
    EXPECT_EQ(address.value().database, QStringLiteral("sales"));
    EXPECT_EQ(address.value().connectTimeoutSeconds, 3);
    EXPECT_EQ(address.value().shown(), QStringLiteral("postgresql://ana@db.example.com:6543/sales"));
    EXPECT_TRUE(PipelineLocation::isAddress(QStringLiteral("postgres://h/d")));
    EXPECT_FALSE(PipelineLocation::isAddress(QStringLiteral("./postgresql.dealboard")));
}

TEST(ServerAddress, AnyHostButLoopbackGetsTlsUnlessTheAddressSaysOtherwise)
{
    auto sslMode = [](const char* url) {
        const Result<ServerAddress> address = ServerAddress::parse(QString::fromLatin1(url));
        return address.ok() ? address.value().sslMode : QStringLiteral("refused");
    };
    EXPECT_EQ(sslMode("postgresql://db.example.com/sales"), QStringLiteral("pin"));
    EXPECT_EQ(sslMode("postgresql://10.0.0.5/sales"), QStringLiteral("pin"));
    EXPECT_EQ(sslMode("postgresql://127.0.0.1:5433/sales"), QStringLiteral("prefer"));
    EXPECT_EQ(sslMode("postgresql://[::1]/sales"), QStringLiteral("prefer"));
    EXPECT_EQ(sslMode("postgresql://db.example.com/sales?sslmode=disable"), QStringLiteral("disable"));
    EXPECT_EQ(sslMode("postgresql://db.example.com/sales?sslmode=require"), QStringLiteral("require"));
    EXPECT_EQ(sslMode("postgresql://db.example.com/sales?sslmode=verify-full"), QStringLiteral("verify-full"));
    EXPECT_EQ(sslMode("postgresql://127.0.0.1/sales?sslmode=pin"), QStringLiteral("pin"));
    EXPECT_TRUE(ServerAddress::parse(QStringLiteral("postgresql://h/d"))
                    .value()
                    .connectOptions()
                    .contains(QStringLiteral("connect_timeout=10")));
}

TEST(ServerAddress, LoopbackIsAnAddressOrASocketNeverAName)
{
    const std::vector<std::pair<const char*, bool>> hosts = {
        {"127.0.0.1", true},
        {"127.1.2.3", true},
        {"::1", true},
        {"/var/run/postgresql", true},
        {"", true},
        {"localhost", false},
        {"LOCALHOST", false},
        {"127.evil.com", false},
        {"127.0.0.1.evil.com", false},
        {"localhost.attacker", false},
        {"128.0.0.1", false},
        {"10.0.0.5", false},
        {"::2", false},
        {"db.example.com", false},
    };
    for (const auto& [host, loopback] : hosts) {
        ServerAddress address;
        address.host = QString::fromLatin1(host);
        EXPECT_EQ(address.isLoopback(), loopback) << host;
    }
    // A name gets the same TLS as any other host: pinned, with channel binding.
    for (const char* url :
         {"postgresql://127.evil.com/sales", "postgresql://localhost/sales", "postgresql://localhost.attacker/sales"}) {
        const Result<ServerAddress> address = ServerAddress::parse(QString::fromLatin1(url));
        ASSERT_TRUE(address.ok()) << url;
        EXPECT_TRUE(address.value().isPinned()) << url;
        EXPECT_TRUE(
            address.value().connectOptions().contains(QStringLiteral("sslmode=require;channel_binding=require")))
            << url;
    }
    EXPECT_TRUE(ServerAddress::parse(QStringLiteral("postgresql://127.0.0.1/sales"))
                    .value()
                    .connectOptions()
                    .contains(QStringLiteral("sslmode=prefer")));
}

TEST(ServerAddress, RefusesWhatItCannotUseNamingIt)
{
    const std::vector<std::pair<const char*, const char*>> cases = {
        {"postgresql://ana:hunter2@db/sales", "holds a password"},
        {"postgresql://ana:@db/sales", "holds a password"},
        {"postgresql:///sales", "names no host"},
        {"postgresql://db/", "names no database"},
        {"postgresql://db/a/b", "names no database"},
        {"postgresql://db:99999/sales", "port"},
        {"postgresql://db/sales?sslmode=maybe", "sslmode must be one of"},
        {"postgresql://db/sales?connect_timeout=0", "connect_timeout"},
        {"postgresql://db/sales?options=-c%20x", "does not know"},
        {"mysql://db/sales", "postgresql://"},
    };
    for (const auto& [url, says] : cases) {
        const Result<ServerAddress> address = ServerAddress::parse(QString::fromLatin1(url));
        ASSERT_FALSE(address.ok()) << url;
        EXPECT_EQ(address.error().code, ErrorCode::InvalidInput) << url;
        EXPECT_TRUE(address.error().message.contains(QString::fromLatin1(says)))
            << url << ": " << address.error().message.toStdString();
        EXPECT_FALSE(address.error().message.contains(QStringLiteral("hunter2")));
    }
}

} // namespace dealboard
