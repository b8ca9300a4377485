#pragma once

#include "dealboard/Deal.h"
#include "dealboard/Filters.h"
#include "dealboard/Result.h"

#include <QIODevice>
#include <QStringList>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dealboard {

// One deal's exported columns as the database stores them (UTF-8, valid for
// the duration of one callback).
struct DealCsvRow
{
    std::int64_t id = 0;
    std::string_view title, company, contact, email, phone, owner, stage, status;
    std::int64_t valueMinor = 0;
    std::string_view currency, expectedClose;
    bool willing = false, need = false, budget = false;
    std::string_view lostReason, createdAt, stageEnteredAt;
};

// The custom fields an export adds as "field:<key>" columns, and every
// deal's values of them.
struct FieldColumns
{
    CustomFields fields;
    std::unordered_map<std::int64_t, std::vector<FieldValue>> values; // by deal id
};

// Where a streamed export reads its rows (the service's PipelineReads).
class DealRowSource
{
public:
    virtual ~DealRowSource() = default;
    // Deals of one stage, status and currency, summed by the database.
    virtual Result<std::vector<StageAggregate>> stageAggregates() = 0;
    // Calls `row` with each deal's exported columns, ordered by id; stops when
    // it returns false. `streamed`: a server sends the rows as it reads them,
    // and nothing else may use the connection meanwhile (no event loop runs).
    virtual Result<void> scanDealRows(const DealFilter& filter, const std::function<bool(const DealCsvRow&)>& row,
                                      bool streamed)
        = 0;
    // The custom fields and their values (read before the rows).
    virtual Result<FieldColumns> fieldColumns() { return FieldColumns {}; }
};

// The deals export: one row per deal under a stable snake_case header.
class DealCsv final
{
public:
    // The fixed columns; an export adds "field:<key>" for each custom field.
    static QStringList header();
    // Writes the header and every deal; false when the device refused bytes.
    static bool write(QIODevice* device, const std::vector<Deal>& deals, const QDateTime& now, bool byteOrderMark);
    // The same file, streamed from the database row by row without building
    // deals (the export of a whole pipeline); returns the number of deals.
    // `progress` counts deals written of the pipeline's deals; stopped, it
    // returns ErrorCode::Cancelled (the caller keeps no partial file).
    // `streamed`: the rows come from a server as it reads them (see
    // DealRowSource), for a caller whose `progress` runs no event loop.
    static Result<int> stream(DealRowSource& reads, const DealFilter& filter, QIODevice* device, const QDateTime& now,
                              bool byteOrderMark, const Progress& progress = {}, bool streamed = false);
};

} // namespace dealboard
