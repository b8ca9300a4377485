#include "dealboard/service/PipelineReads.h"

#include "dealboard/DealStore.h"

namespace dealboard {

PipelineReads::PipelineReads(DealStore& store)
    : m_store(store)
{
}

QString PipelineReads::engine() const
{
    return m_store.engine();
}

const TeamSession& PipelineReads::team() const
{
    return m_store.team();
}

Result<std::vector<TeamMember>> PipelineReads::teamMembers()
{
    return m_store.teamMembers();
}

PipelineLocation PipelineReads::location() const
{
    return PipelineLocation(m_store.path());
}

QString PipelineReads::path() const
{
    return m_store.path();
}

Result<std::vector<StageAggregate>> PipelineReads::stageAggregates()
{
    return m_store.deals().stageAggregates();
}

Result<std::vector<Deal>> PipelineReads::newestInStage(Stage stage, int limit)
{
    return m_store.deals().newestInStage(stage, limit);
}

Result<std::vector<Deal>> PipelineReads::deals(const DealFilter& filter)
{
    return m_store.deals().list(filter);
}

Result<std::vector<std::pair<DealId, std::int64_t>>> PipelineReads::versions()
{
    return m_store.deals().versions();
}

Result<QStringList> PipelineReads::owners()
{
    return m_store.deals().owners();
}

Result<void> PipelineReads::scanDealRows(const DealFilter& filter, const std::function<bool(const DealCsvRow&)>& row,
                                         bool streamed)
{
    return m_store.deals().scanRows(filter, row, streamed);
}

Result<FieldColumns> PipelineReads::fieldColumns()
{
    FieldColumns columns;
    Result<CustomFields> fields = m_store.reports().customFields();
    if (!fields) {
        return fields.error();
    }
    columns.fields = std::move(fields.value());
    if (!columns.fields.isEmpty()) {
        Result<void> read = m_store.deals().allFieldValues(
            [&columns](DealId deal, FieldValue&& value) { columns.values[deal].push_back(std::move(value)); });
        if (!read) {
            return read.error();
        }
    }
    return columns;
}

Result<std::vector<ChangeEntry>> PipelineReads::changes(const ChangeQuery& query)
{
    return m_store.changes(query);
}

Result<qint64> PipelineReads::lastChange()
{
    return m_store.lastChange();
}

Result<QString> PipelineReads::feedPosition()
{
    return m_store.feedPosition();
}

Result<ChangeFeed> PipelineReads::changesAfter(const QString& position)
{
    return m_store.changesAfter(position);
}

Result<qint64> PipelineReads::dataVersion()
{
    return m_store.dataVersion();
}

int PipelineReads::dealsOutsideTheStages()
{
    return m_store.dealsOutsideTheStages();
}

QStringList PipelineReads::schemaFaults()
{
    return m_store.schemaFaults();
}

void PipelineReads::setWaitObserver(std::function<void()> onWait)
{
    m_store.setWaitObserver(std::move(onWait));
}

} // namespace dealboard
