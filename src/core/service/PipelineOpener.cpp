#include "dealboard/service/PipelineOpener.h"

#include "../store/StoreOpening.h"
#include "dealboard/DealStore.h"
#include "dealboard/Pipeline.h"

namespace dealboard {

Result<std::unique_ptr<Pipeline>> PipelineOpener::open(const PipelineLocation& location,
                                                       std::shared_ptr<const Clock> clock, QObject* parent)
{
    Result<std::unique_ptr<DealStore>> store = store::open(location.text());
    if (!store) {
        return store.error();
    }
    return std::make_unique<Pipeline>(std::move(store.value()), std::move(clock), parent);
}

Result<void> PipelineOpener::tryOpening(const PipelineLocation& location)
{
    Result<std::unique_ptr<DealStore>> store = store::open(location.text());
    if (!store) {
        return store.error();
    }
    return {};
}

Result<std::unique_ptr<DealStore>> PipelineOpener::openStore(const QString& location)
{
    return store::open(location);
}

Result<void> PipelineOpener::initServer(const QString& url)
{
    return store::initServer(url);
}

Result<QString> PipelineOpener::migrateServer(const QString& url)
{
    return store::migrateServer(url);
}

Result<CopyCounts> PipelineOpener::copy(const QString& from, const QString& to, const Progress& progress)
{
    return store::copyPipeline(from, to, progress);
}

Result<void> PipelineOpener::readAllDealsApart(const QString& location, const std::function<void(Deal&&)>& each)
{
    Result<std::unique_ptr<DealStore>> store = store::open(location, store::Connection::Additional);
    if (!store) {
        return store.error();
    }
    if (Result<void> small = store.value()->useSmallCache(); !small) {
        return small.error();
    }
    return store.value()->deals().forEach({}, each);
}

Result<StallMarks> PipelineOpener::readStallMarksApart(const QString& location, const QDateTime& now)
{
    Result<std::unique_ptr<DealStore>> store = store::open(location, store::Connection::Additional);
    if (!store) {
        return store.error();
    }
    if (Result<void> small = store.value()->useSmallCache(); !small) {
        return small.error();
    }
    return store.value()->reports().stallMarks(now);
}

QString PipelineOpener::engineVersion()
{
    return store::engineVersion();
}

} // namespace dealboard
