#pragma once

#include "dealboard/DealCsv.h"
#include "dealboard/Filters.h"
#include "dealboard/Result.h"

#include <QStringList>
#include <functional>
#include <utility>

namespace dealboard {

class ContactRepository;
class Database;

// Deals and their stage history: every read and write of the deals and
// stage_history tables (reads in DealReads.cpp, writes in DealWrites.cpp).
class DealRepository final
{
public:
    DealRepository(Database& database, ContactRepository& contacts);

    Result<std::optional<Deal>> find(DealId id); // with its plan's ticks and custom fields
    // The deal's ticked steps, sorted; every deal's ticks of live required
    // steps, by deal (StagePlanTable.cpp).
    Result<std::vector<std::int64_t>> planTicks(DealId id);
    Result<std::vector<std::pair<DealId, std::int64_t>>> requiredTicks();
    // Ticks or unticks a step on a deal, inside a WriteTransaction.
    Result<void> setPlanTick(DealId id, std::int64_t step, bool ticked, const QDateTime& at);
    // The deal's values of live custom fields, by field id; every deal's
    // value of one field, by deal; a value set (empty: cleared) inside a
    // WriteTransaction (CustomFieldTable.cpp).
    Result<std::vector<FieldValue>> fieldValues(DealId id);
    Result<std::vector<std::pair<DealId, FieldValue>>> valuesOf(std::int64_t fieldId);
    // Every value of the live fields, by deal then field.
    Result<void> allFieldValues(const std::function<void(DealId, FieldValue&&)>& each);
    Result<void> setFieldValue(DealId id, std::int64_t fieldId, const QString& value, const QDateTime& at);
    Result<std::vector<Deal>> list(const DealFilter& filter = {});
    // Hands each deal, whole and ordered by id, to `each` as it is read: a
    // reader that keeps less than a deal never holds every deal at once.
    Result<void> forEach(const DealFilter& filter, const std::function<void(Deal&&)>& each);
    // Calls `row` with each deal's exported columns, ordered by id, without
    // building deals (DealCsv::stream); stops when it returns false.
    // `streamed`: RawQuery::Streamed (nothing else may use the connection meanwhile).
    Result<void> scanRows(const DealFilter& filter, const std::function<bool(const DealCsvRow&)>& row,
                          bool streamed = false);
    // The `limit` deals of the stage that entered it last (not lost), newest first.
    Result<std::vector<Deal>> newestInStage(Stage stage, int limit);
    Result<std::vector<StageAggregate>> stageAggregates();
    Result<std::vector<HistoryEntry>> history(DealId id);
    Result<std::vector<HistoryEntry>> allHistory();
    Result<QStringList> owners();
    // (id, Deal::cardStamp) of every deal, ordered by id: lets the board find
    // what another process changed without reading every deal.
    Result<std::vector<std::pair<DealId, std::int64_t>>> versions();

    // Writes; call inside a WriteTransaction.
    // Holds the deal's row until the transaction ends, before it is read for a change.
    Result<void> lockForChange(DealId id);
    Result<void> insert(Deal& deal); // assigns id (unless set) and version 1
    Result<void> update(Deal& deal); // refused as stale unless the stored version is deal.version; increments it
    Result<void> remove(DealId id, std::int64_t version);
    Result<void> insertHistory(HistoryEntry& entry);
    // The id of the deal's newest history row (0: none): the step an action
    // just wrote, read inside its transaction, which holds the deal.
    Result<std::int64_t> latestStep(DealId id);
    // Marks a step of the history as taken back by an undo (or, redone, as
    // standing again).
    Result<void> markUndone(std::int64_t step, bool undone = true);
    // A member's undo (or redo) of a step: the server's dealboard_undo_step
    // (dealboard_redo_step) checks and writes it all (the deal, the marks,
    // the undo's row).
    Result<void> undoOnServer(DealId id, std::int64_t step, bool redo = false);
    // Whether undoStep goes through undoOnServer (a team member on a server).
    bool undoesOnServer() const;
    // Whether insert() of a deleted deal's id brings back its history,
    // activities and notes too (a team member on a server, whose deleted
    // deals the server keeps); otherwise the caller writes them.
    bool restoresWhole() const;

private:
    Database& m_database;
    ContactRepository& m_contacts;
};

} // namespace dealboard
