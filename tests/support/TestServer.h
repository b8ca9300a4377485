#pragma once

// The PostgreSQL half of the suite. ctest runs the store, service, report,
// import/export and CLI tests twice: once on SQLite files, once with
// DEALBOARD_TEST_BACKEND=postgresql, where every TestDatabase is a new
// database on the throwaway server scripts/pg_test_server.sh starts
// (DEALBOARD_TEST_PG_URL names its maintenance database; PGPASSWORD holds
// the password).
#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QUrl>
#include <gtest/gtest.h>
#include <unistd.h>

namespace dealboard::test {

class TestServer
{
public:
    // True in the PostgreSQL half of the suite.
    static bool inUse() { return qgetenv("DEALBOARD_TEST_BACKEND") == "postgresql"; }
    // The maintenance database's URL; empty when no server was started.
    static QString adminUrl() { return QString::fromUtf8(qgetenv("DEALBOARD_TEST_PG_URL")); }

    // A URL to `database` on the test server.
    static QString urlOf(const QString& database)
    {
        QUrl url(adminUrl());
        url.setPath(QLatin1Char('/') + database);
        return url.toString();
    }

    // Runs SQL on the server as its superuser, in `database` (the maintenance
    // one by default), as another program would.
    static bool run(const QStringList& statements, const QString& database = QString(), QString* error = nullptr)
    {
        static QAtomicInteger<int> counter;
        const QString name = QStringLiteral("test-server-%1").arg(counter.fetchAndAddRelaxed(1));
        bool ok = true;
        {
            const QUrl url(adminUrl());
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(url.host());
            db.setPort(url.port(5432));
            db.setUserName(url.userName());
            db.setDatabaseName(database.isEmpty() ? url.path().mid(1) : database);
            if (!db.open()) {
                ok = false;
                if (error != nullptr) {
                    *error = db.lastError().text();
                }
            }
            for (const QString& statement : statements) {
                if (!ok) {
                    break;
                }
                QSqlQuery query(db);
                if (!query.exec(statement)) {
                    ok = false;
                    if (error != nullptr) {
                        *error = statement + QStringLiteral(": ") + query.lastError().text();
                    }
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

    // A new, empty database's name.
    static QString createDatabase()
    {
        static QAtomicInteger<int> counter;
        const QString name = QStringLiteral("dealboard_t%1_%2").arg(::getpid()).arg(counter.fetchAndAddRelaxed(1));
        QString error;
        if (!run({QStringLiteral("CREATE DATABASE %1").arg(name)}, QString(), &error)) {
            ADD_FAILURE() << "Couldn't create a test database: " << error.toStdString();
        }
        return name;
    }

    static void dropDatabase(const QString& name)
    {
        QString error;
        if (!run({QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name)}, QString(), &error)) {
            ADD_FAILURE() << "Couldn't drop a test database: " << error.toStdString();
        }
    }
};

// Skips a test about what only a file has (its bytes, its folder, its -wal)
// in the PostgreSQL half, saying so.
#define DEALBOARD_FILE_ONLY(why)                                                                                       \
    do {                                                                                                               \
        if (::dealboard::test::TestServer::inUse()) {                                                                  \
            GTEST_SKIP() << "about a pipeline file: " << why;                                                          \
        }                                                                                                              \
    } while (false)

// Refuses to run the PostgreSQL half without a server: skipped outside CI
// (saying why), a failure under CI=true.
class TestServerEnvironment : public ::testing::Environment
{
public:
    void SetUp() override
    {
        if (!TestServer::inUse()) {
            return;
        }
        if (TestServer::adminUrl().isEmpty()) {
            if (qgetenv("CI") == "true") {
                FAIL() << "The PostgreSQL half of the suite needs the throwaway server (scripts/test.sh starts it "
                          "with scripts/pg_test_server.sh); under CI a skip is a failure.";
            }
            GTEST_SKIP() << "No PostgreSQL server for the tests (DEALBOARD_TEST_PG_URL is not set; "
                            "scripts/test.sh starts one when postgresql-15 is installed).";
        }
        QString error;
        if (!TestServer::run({QStringLiteral("SELECT 1")}, QString(), &error)) {
            FAIL() << "The test server at " << TestServer::adminUrl().toStdString()
                   << " does not answer: " << error.toStdString();
        }
    }
};

} // namespace dealboard::test
