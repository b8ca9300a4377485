#pragma once

// A team on one throwaway server database: its owner, reps anna and ben and
// manager mia, each with their own login, for the team's tests. Rights are
// always tried as the team's own logins, never as a superuser (superusers
// bypass row-level security). In the PostgreSQL half only.
#include "CliFixture.h"
#include "RawSql.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace dealboard {

class Team : public Cli
{
protected:
    void SetUp() override
    {
        if (!test::TestServer::inUse()) {
            GTEST_SKIP() << "runs in the PostgreSQL half of the suite";
        }
        m_database = QUrl(db()).path().mid(1);
        ASSERT_EQ(run({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Before the team")}).exitCode,
                  0);
        const CliRun team = run({QStringLiteral("admin"), QStringLiteral("init-team")});
        ASSERT_EQ(team.exitCode, 0) << team.err.toStdString();
        addUser(QStringLiteral("anna"), QStringLiteral("rep"));
        addUser(QStringLiteral("ben"), QStringLiteral("rep"));
        addUser(QStringLiteral("mia"), QStringLiteral("manager"));
    }
    void TearDown() override
    {
        if (m_database.isEmpty()) {
            return;
        }
        test::TestServer::dropDatabase(m_serverDatabase);
        m_serverDatabase.clear();
        QStringList drops;
        for (const QString& role : m_users
                 + QStringList {QStringLiteral("rep"), QStringLiteral("manager"), QStringLiteral("owner"),
                                QStringLiteral("admin")}) {
            drops << QStringLiteral("DROP ROLE IF EXISTS \"%1_%2\"").arg(m_database, role);
        }
        QString error;
        EXPECT_TRUE(test::TestServer::run(drops, QString(), &error)) << error.toStdString();
    }

    QString login(const QString& user) const { return QStringLiteral("%1_%2").arg(m_database, user); }
    QString password(const QString& user) const { return QStringLiteral("pw-of-%1-long").arg(user); }
    // The pipeline's address as `user` signs in.
    QString as(const QString& user) const
    {
        QUrl url(db());
        url.setUserName(login(user));
        return url.toString();
    }

    void addUser(const QString& user, const QString& role)
    {
        m_users << user;
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(DEALBOARD_CLI_PATH),
                      {QStringLiteral("--db"), db(), QStringLiteral("admin"), QStringLiteral("add-user"), login(user),
                       QStringLiteral("--role"), role, QStringLiteral("--new-password-stdin")});
        process.write(password(user).toUtf8() + "\n");
        process.closeWriteChannel();
        ASSERT_TRUE(process.waitForFinished(60000));
        ASSERT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();
    }

    // The CLI signed in as `user`.
    CliRun runAs(const QString& user, QStringList arguments)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("PGPASSWORD"), password(user));
        env.insert(QStringLiteral("DEALBOARD_NOW"), m_now);
        process.setProcessEnvironment(env);
        arguments.prepend(as(user));
        arguments.prepend(QStringLiteral("--db"));
        process.start(QStringLiteral(DEALBOARD_CLI_PATH), arguments);
        EXPECT_TRUE(process.waitForFinished(60000));
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    // Raw SQL as `user`'s own login, as a SQL client would run it; the
    // statements' results ("" when refused, else the first row's first value
    // or the count of rows changed) in order.
    QStringList sqlAs(const QString& user, const QStringList& statements, const QString& database = QString())
    {
        QStringList results;
        const QString name = QStringLiteral("as-%1").arg(user);
        {
            const QUrl url(db());
            QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            connection.setHostName(url.host());
            connection.setPort(url.port());
            connection.setUserName(login(user));
            connection.setPassword(password(user));
            connection.setDatabaseName(database.isEmpty() ? m_database : database);
            if (!connection.open()) {
                results << QStringLiteral("cannot connect: ") + connection.lastError().text();
            } else {
                for (const QString& statement : statements) {
                    QSqlQuery query(connection);
                    if (!query.exec(statement)) {
                        results << QString();
                    } else if (query.isSelect()) {
                        results << (query.next() ? query.value(0).toString() : QStringLiteral("no rows"));
                    } else {
                        results << QString::number(query.numRowsAffected());
                    }
                }
            }
            connection.close();
        }
        QSqlDatabase::removeDatabase(name);
        return results;
    }

    QString m_database;
    QStringList m_users;
};

} // namespace dealboard
