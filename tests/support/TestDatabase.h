#pragma once

#include "TestServer.h"
#include "dealboard/DealStore.h"
#include "dealboard/Pipeline.h"
#include "dealboard/service/PipelineOpener.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <memory>

namespace dealboard::test {

// A deal's fields naming its company and contact (an empty one left out).
inline DealFields withContact(const QString& company, const QString& name, const QString& email)
{
    DealFields fields;
    fields.company = company;
    fields.contactName = name;
    fields.email = email;
    return fields;
}

// A fresh pipeline opened through the real store and service, with a clock
// the test controls: an SQLite file in a temporary folder, or, in the
// PostgreSQL half of the suite, a new database on the test server with a
// pipeline made by init (and dropped afterwards).
class TestDatabase
{
public:
    TestDatabase()
        : m_clock(std::make_shared<FixedClock>(QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC)))
    {
        EXPECT_TRUE(m_dir.isValid());
        if (TestServer::inUse()) {
            m_serverDatabase = TestServer::createDatabase();
            if (Result<void> created = PipelineOpener::initServer(path()); !created) {
                ADD_FAILURE() << created.error().message.toStdString();
            }
        }
        reopen();
    }
    ~TestDatabase()
    {
        m_service.reset();
        if (!m_serverDatabase.isEmpty()) {
            TestServer::dropDatabase(m_serverDatabase);
        }
    }

    // The pipeline as --db names it: the file's path, or the server's URL.
    QString path() const
    {
        return m_serverDatabase.isEmpty() ? m_dir.filePath(QStringLiteral("pipeline.dealboard"))
                                          : TestServer::urlOf(m_serverDatabase);
    }
    bool onServer() const { return !m_serverDatabase.isEmpty(); }
    QString folder() const { return m_dir.path(); }
    Pipeline& service() { return *m_service; }
    // The open store under the pipeline, for tests that look beneath the services.
    DealStore& store() { return *m_store; }
    FixedClock& clock() { return *m_clock; }

    void close() { m_service.reset(); }
    bool isOpen() const { return m_service != nullptr; }
    void reopen()
    {
        m_service.reset();
        Result<std::unique_ptr<DealStore>> store = PipelineOpener::openStore(path());
        if (!store.ok()) {
            ADD_FAILURE() << store.error().message.toStdString();
            return;
        }
        m_store = store.value().get();
        m_service = std::make_unique<Pipeline>(std::move(store.value()), m_clock);
    }

    // A deal created through the service, with the fields given.
    Deal create(const QString& title, Stage stage = Stage::Prospecting, const DealFields& extra = {})
    {
        DealFields fields = extra;
        fields.title = title;
        Result<Deal> created = m_service->deals().create(fields, stage, QStringLiteral("tester"));
        if (!created.ok()) {
            ADD_FAILURE() << created.error().message.toStdString();
            return {};
        }
        return created.value();
    }

    static DealFields qualified()
    {
        DealFields fields;
        fields.willing = fields.need = fields.budget = true;
        return fields;
    }

private:
    QTemporaryDir m_dir;
    QString m_serverDatabase;
    std::shared_ptr<FixedClock> m_clock;
    std::unique_ptr<Pipeline> m_service;
    DealStore* m_store = nullptr;
};

} // namespace dealboard::test
