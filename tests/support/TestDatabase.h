#pragma once

#include "dealboard/Pipeline.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <memory>

namespace dealboard::test {

// A fresh SQLite file in a temporary folder, opened through the real store and
// service, with a clock the test controls.
class TestDatabase
{
public:
    TestDatabase()
        : m_clock(std::make_shared<FixedClock>(QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC)))
    {
        EXPECT_TRUE(m_dir.isValid());
        reopen();
    }

    QString path() const { return m_dir.filePath(QStringLiteral("pipeline.dealboard")); }
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
        Result<std::unique_ptr<DealStore>> store = DealStore::open(path());
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
    std::shared_ptr<FixedClock> m_clock;
    std::unique_ptr<Pipeline> m_service;
    DealStore* m_store = nullptr;
};

} // namespace dealboard::test
