// Servers pinned on first use: the file that keeps them, and the TLS
// handshake that reads a real server's certificate before any password goes
// to it (in the PostgreSQL half: the test server has TLS on).
#include "dealboard/ServerTrust.h"

#include "TestServer.h"
#include "dealboard/KnownServers.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <sys/stat.h>

namespace dealboard {

namespace {

// The fingerprint as openssl prints it for a certificate file.
QString opensslFingerprint(const QString& certificate)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("x509"), QStringLiteral("-noout"), QStringLiteral("-fingerprint"),
                   QStringLiteral("-sha256"), QStringLiteral("-in"), certificate});
    EXPECT_TRUE(openssl.waitForFinished(30000));
    return QString::fromLatin1(openssl.readAllStandardOutput()).section(QLatin1Char('='), 1).trimmed();
}

} // namespace

TEST(KnownServers, KeepsReplacesAndForgetsInAFileOnlyItsOwnerReads)
{
    QTemporaryDir dir;
    KnownServers known(dir.filePath(QStringLiteral("known-servers")));
    EXPECT_FALSE(known.fingerprintOf(QStringLiteral("db.example.com:5432")));
    ASSERT_TRUE(known.remember(QStringLiteral("db.example.com:5432"), QStringLiteral("AA:BB")).ok());
    ASSERT_TRUE(known.remember(QStringLiteral("[::1]:6543"), QStringLiteral("CC:DD")).ok());
    ASSERT_TRUE(known.remember(QStringLiteral("db.example.com:5432"), QStringLiteral("EE:FF")).ok());
    EXPECT_EQ(known.fingerprintOf(QStringLiteral("db.example.com:5432")), QStringLiteral("EE:FF"));
    EXPECT_EQ(known.all().size(), 2U);
    struct stat status
    {
    };
    ASSERT_EQ(::stat(known.path().toLocal8Bit().constData(), &status), 0);
    EXPECT_EQ(status.st_mode & 0777, 0600U);
    EXPECT_TRUE(known.forget(QStringLiteral("db.example.com:5432")).value());
    EXPECT_FALSE(known.forget(QStringLiteral("db.example.com:5432")).value());
    EXPECT_FALSE(known.fingerprintOf(QStringLiteral("db.example.com:5432")));
    EXPECT_EQ(KnownServers(known.path()).fingerprintOf(QStringLiteral("[::1]:6543")), QStringLiteral("CC:DD"));
}

TEST(ServerTrust, ReadsTheCertificateARealServerShowsBeforeSigningIn)
{
    if (!test::TestServer::inUse()) {
        GTEST_SKIP() << "runs in the PostgreSQL half of the suite, whose server has TLS on";
    }
    const QString certificate = QString::fromUtf8(qgetenv("DEALBOARD_TEST_PG_CERT"));
    ASSERT_FALSE(certificate.isEmpty()) << "scripts/pg_test_server.sh exports the server's certificate";
    Result<ServerAddress> server = ServerAddress::parse(test::TestServer::adminUrl() + QStringLiteral("?sslmode=pin"));
    ASSERT_TRUE(server.ok());
    const Result<QString> seen = ServerTrust::fingerprintOf(server.value());
    ASSERT_TRUE(seen.ok()) << seen.error().message.toStdString();
    EXPECT_EQ(seen.value(), opensslFingerprint(certificate));
    EXPECT_NE(seen.value(), opensslFingerprint(QString::fromUtf8(qgetenv("DEALBOARD_TEST_PG_OTHER_CERT"))));
    EXPECT_EQ(seen.value().size(), 95); // 32 bytes, AB:CD:…

    // Nobody listening: said, naming the server.
    ServerAddress nobody = server.value();
    nobody.port = 1;
    nobody.connectTimeoutSeconds = 2;
    const Result<QString> none = ServerTrust::fingerprintOf(nobody);
    ASSERT_FALSE(none.ok());
    EXPECT_TRUE(none.error().message.contains(QStringLiteral("127.0.0.1:1"))) << none.error().message.toStdString();
}

} // namespace dealboard
