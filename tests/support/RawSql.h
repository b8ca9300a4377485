#pragma once

#include "TestServer.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <gtest/gtest.h>

namespace dealboard::test {

// What turns schema 6 back into schema 5 (before the change log): the table,
// and on a server its function and triggers; the version is the caller's.
inline QStringList backToSchemaFive(bool onServer)
{
    QStringList statements;
    if (onServer) {
        statements << QStringLiteral("DROP FUNCTION dealboard_log_change() CASCADE");
    }
    statements << QStringLiteral("DROP TABLE change_log");
    return statements;
}

// What turns schema 6 back into schema 4 (before the manager's desk), the
// same on a file and a server but for the change log; the version is the
// caller's to set.
inline QStringList backToSchemaFour(bool onServer)
{
    return backToSchemaFive(onServer)
        + QStringList {QStringLiteral("DROP TABLE quotas"), QStringLiteral("DROP TABLE stage_probabilities"),
                       QStringLiteral("ALTER TABLE deals DROP COLUMN probability_percent")};
}

// Runs SQL on a database file through a connection of its own, as another
// program would: for setting up states the product itself refuses to create.
inline void runRawSql(const QString& path, const QStringList& statements)
{
    if (path.startsWith(QLatin1String("postgresql://"))) {
        QString error;
        ASSERT_TRUE(TestServer::run(statements, QUrl(path).path().mid(1), &error)) << error.toStdString();
        return;
    }
    const QString name = QStringLiteral("raw-sql");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ASSERT_TRUE(db.open()) << db.lastError().text().toStdString();
        for (const QString& statement : statements) {
            QSqlQuery query(db);
            ASSERT_TRUE(query.exec(statement))
                << statement.toStdString() << ": " << query.lastError().text().toStdString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

inline QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

// Runs SQL on the connection the product itself opened on `path` (found among
// Qt SQL's connections by its file): for TEMP objects that only that
// connection sees.
inline void runOnStoreConnection(const QString& path, const QString& statement)
{
    for (const QString& name : QSqlDatabase::connectionNames()) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.databaseName() == path && name.startsWith(QLatin1String("dealboard-"))) {
            QSqlQuery query(db);
            ASSERT_TRUE(query.exec(statement))
                << statement.toStdString() << ": " << query.lastError().text().toStdString();
            return;
        }
    }
    ADD_FAILURE() << "no connection of the product is open on " << path.toStdString();
}

} // namespace dealboard::test
