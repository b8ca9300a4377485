#pragma once

#include "dealboard/ChangeLog.h"
#include "dealboard/DealCsv.h"
#include "dealboard/Filters.h"
#include "dealboard/PipelineLocation.h"
#include "dealboard/Result.h"
#include "dealboard/Team.h"

#include <QStringList>
#include <functional>
#include <utility>

namespace dealboard {

class DealStore;

// What the board reads to paint itself and follow other processes' changes,
// and what the exports stream: read-only, so nothing goes around the
// services to write.
class PipelineReads final : public DealRowSource
{
public:
    explicit PipelineReads(DealStore& store);

    QString path() const;
    // Where the pipeline lives: a file, or a server's address.
    PipelineLocation location() const;
    // What keeps the pipeline: "SQLite 3.40.1", or the server's "PostgreSQL 15.18".
    QString engine() const;
    // Who is signed in, on a team's server.
    const TeamSession& team() const;
    // The team's users (none on a file or without a team).
    Result<std::vector<TeamMember>> teamMembers();
    // Deals of one stage, status and currency, summed by the database.
    Result<std::vector<StageAggregate>> stageAggregates() override;
    // The `limit` deals of the stage that entered it last (not lost), newest first.
    Result<std::vector<Deal>> newestInStage(Stage stage, int limit);
    Result<std::vector<Deal>> deals(const DealFilter& filter = {});
    // (id, Deal::cardStamp) of every deal, ordered by id.
    Result<std::vector<std::pair<DealId, std::int64_t>>> versions();
    Result<QStringList> owners();
    // Calls `row` with each deal's exported columns, ordered by id (DealCsv::stream).
    Result<void> scanDealRows(const DealFilter& filter, const std::function<bool(const DealCsvRow&)>& row,
                              bool streamed) override;
    // The custom fields and every value the reader may see (DealCsv::stream).
    Result<FieldColumns> fieldColumns() override;
    // Changes whenever another connection commits.
    Result<qint64> dataVersion();
    // The change log, oldest first, under the reader's rights; and its newest id.
    Result<std::vector<ChangeEntry>> changes(const ChangeQuery& query);
    Result<qint64> lastChange();
    // The feed's position now, and what committed after a position (watch).
    Result<QString> feedPosition();
    Result<ChangeFeed> changesAfter(const QString& position);
    // Deals whose stored stage or status is none DealBoard knows.
    int dealsOutsideTheStages();
    // How the file's structure differs from DealBoard's (writes are refused then).
    QStringList schemaFaults();
    // Says when an action waits for another process's write.
    void setWaitObserver(std::function<void()> onWait);

private:
    DealStore& m_store;
};

} // namespace dealboard
