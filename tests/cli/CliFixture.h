#pragma once

// Runs the real dealboard-cli binary on a database file in a temporary folder,
// or, in the PostgreSQL half of the suite, on a new database on the test
// server with a pipeline made by init.
#include "TestServer.h"
#include "dealboard/DealStore.h"
#include "dealboard/service/PipelineOpener.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <gtest/gtest.h>

namespace dealboard {

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

class Cli : public ::testing::Test
{
protected:
    Cli()
    {
        if (test::TestServer::inUse()) {
            m_serverDatabase = test::TestServer::createDatabase();
            if (Result<void> created = PipelineOpener::initServer(db()); !created) {
                ADD_FAILURE() << created.error().message.toStdString();
            }
        }
    }
    ~Cli() override
    {
        if (!m_serverDatabase.isEmpty()) {
            test::TestServer::dropDatabase(m_serverDatabase);
        }
    }

    QString db() const
    {
        return m_serverDatabase.isEmpty() ? m_dir.filePath(QStringLiteral("pipeline.dealboard"))
                                          : test::TestServer::urlOf(m_serverDatabase);
    }

    CliRun run(QStringList arguments, const QString& database = {})
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("DEALBOARD_NOW"), m_now);
        process.setProcessEnvironment(env);
        arguments.prepend(database.isEmpty() ? db() : database);
        arguments.prepend(QStringLiteral("--db"));
        process.start(QStringLiteral(DEALBOARD_CLI_PATH), arguments);
        EXPECT_TRUE(process.waitForFinished(120000));
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
                QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
    }

    QString add(const QStringList& extra)
    {
        CliRun result = run(QStringList {QStringLiteral("add")} + extra);
        EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
        return result.out.trimmed();
    }

    QJsonObject show(const QString& id)
    {
        CliRun result = run({QStringLiteral("show"), id, QStringLiteral("--format"), QStringLiteral("json")});
        EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
        return QJsonDocument::fromJson(result.out.toUtf8()).object();
    }

    QTemporaryDir m_dir;
    QString m_serverDatabase;
    QString m_now = QStringLiteral("2026-03-02T09:00:00Z");
};

} // namespace dealboard
