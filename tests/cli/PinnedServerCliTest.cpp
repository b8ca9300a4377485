// A server's certificate pinned on first use, by the real CLI against the
// real test server over TLS (sslmode=pin forces on 127.0.0.1 what is the
// default for any other host): the first connection tells the fingerprint
// and keeps it, a different certificate is refused with both fingerprints and
// what to do, and `servers forget` lets the next connection trust anew.
#include "CliFixture.h"

#include <QDirIterator>
#include <QFile>
#include <QUrl>
#include <sys/stat.h>

namespace dealboard {

namespace {

QString opensslFingerprint(const QString& certificate)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("x509"), QStringLiteral("-noout"), QStringLiteral("-fingerprint"),
                   QStringLiteral("-sha256"), QStringLiteral("-in"), certificate});
    EXPECT_TRUE(openssl.waitForFinished(30000));
    return QString::fromLatin1(openssl.readAllStandardOutput()).section(QLatin1Char('='), 1).trimmed();
}

class PinnedServer : public Cli
{
protected:
    void SetUp() override
    {
        if (!test::TestServer::inUse()) {
            GTEST_SKIP() << "runs in the PostgreSQL half of the suite, whose server has TLS on";
        }
        m_pinned = db() + QStringLiteral("?sslmode=pin");
        const QUrl url(db());
        m_name = QStringLiteral("%1:%2").arg(url.host()).arg(url.port());
    }

    QString knownServersFile() const
    {
        QDirIterator found(m_dir.path(), {QStringLiteral("known-servers")}, QDir::Files, QDirIterator::Subdirectories);
        return found.hasNext() ? found.next() : QString();
    }

    QString m_pinned;
    QString m_name;
};

} // namespace

TEST_F(PinnedServer, TheFirstConnectionKeepsTheFingerprintAndAChangedCertificateIsRefused)
{
    const QString shown = opensslFingerprint(QString::fromUtf8(qgetenv("DEALBOARD_TEST_PG_CERT")));
    const QString other = opensslFingerprint(QString::fromUtf8(qgetenv("DEALBOARD_TEST_PG_OTHER_CERT")));
    ASSERT_EQ(shown.size(), 95);
    ASSERT_NE(shown, other);

    const CliRun first = run({QStringLiteral("list")}, m_pinned);
    ASSERT_EQ(first.exitCode, 0) << first.err.toStdString();
    EXPECT_TRUE(first.err.contains(m_name + QStringLiteral(" is new to this machine"))) << first.err.toStdString();
    EXPECT_TRUE(first.err.contains(shown)) << first.err.toStdString();
    const QString file = knownServersFile();
    ASSERT_FALSE(file.isEmpty());
    struct stat status
    {
    };
    ASSERT_EQ(::stat(file.toLocal8Bit().constData(), &status), 0);
    EXPECT_EQ(status.st_mode & 0777, 0600U);
    const CliRun listed = run({QStringLiteral("servers"), QStringLiteral("list")});
    EXPECT_EQ(listed.out, QStringLiteral("%1  SHA-256 %2\n").arg(m_name, shown));

    const CliRun again = run({QStringLiteral("list")}, m_pinned);
    ASSERT_EQ(again.exitCode, 0) << again.err.toStdString();
    EXPECT_FALSE(again.err.contains(QStringLiteral("new to this machine"))) << again.err.toStdString();

    // Kept from another certificate: the server's is not the one trusted.
    {
        QFile kept(file);
        ASSERT_TRUE(kept.open(QIODevice::WriteOnly | QIODevice::Truncate));
        kept.write((m_name + QLatin1Char(' ') + other + QLatin1Char('\n')).toUtf8());
    }
    for (const QStringList& command :
         {QStringList {QStringLiteral("list")}, QStringList {QStringLiteral("admin"), QStringLiteral("list-users")}}) {
        const CliRun refused = run(command, m_pinned);
        EXPECT_EQ(refused.exitCode, 3) << refused.err.toStdString();
        EXPECT_TRUE(refused.out.isEmpty());
        EXPECT_TRUE(refused.err.contains(QStringLiteral("is not the one it showed before")))
            << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(QStringLiteral("Kept: SHA-256 ") + other)) << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(QStringLiteral("Shown now: SHA-256 ") + shown)) << refused.err.toStdString();
        EXPECT_TRUE(refused.err.contains(QStringLiteral("dealboard-cli servers forget ") + m_name))
            << refused.err.toStdString();
    }

    const CliRun forgot = run({QStringLiteral("servers"), QStringLiteral("forget"), m_name});
    ASSERT_EQ(forgot.exitCode, 0) << forgot.err.toStdString();
    const CliRun unknown = run({QStringLiteral("servers"), QStringLiteral("forget"), m_name});
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("not among the servers you trust"))) << unknown.err.toStdString();

    const CliRun anew = run({QStringLiteral("list")}, m_pinned);
    ASSERT_EQ(anew.exitCode, 0) << anew.err.toStdString();
    EXPECT_TRUE(anew.err.contains(shown)) << anew.err.toStdString();
}

TEST_F(PinnedServer, AServerWithoutTlsGetsNoPasswordWhenPinned)
{
    // The test server's Unix socket offers no TLS, and is not pinned; a
    // pinned address to a port where no PostgreSQL listens is refused before
    // any sign-in.
    const QUrl url(db());
    const QString nobody
        = QStringLiteral("postgresql://%1@127.0.0.1:1%2?sslmode=pin&connect_timeout=2").arg(url.userName(), url.path());
    const CliRun refused = run({QStringLiteral("list")}, nobody);
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Can't read the TLS certificate of 127.0.0.1:1")))
        << refused.err.toStdString();
    EXPECT_TRUE(knownServersFile().isEmpty());
}

} // namespace dealboard
