#pragma once

#include "dealboard/Contacts.h"
#include "dealboard/Deal.h"
#include "dealboard/DealCsv.h"
#include "dealboard/PipelineReport.h"
#include "dealboard/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace dealboard {

class RawQuery;

// Which deals a read returns.
struct DealFilter
{
    std::optional<Stage> stage;
    QString owner; // empty: every owner
    std::vector<DealStatus> statuses; // empty: every status
};

// Deals of one stage, status and currency, summed by the database.
struct StageAggregate
{
    Stage stage = Stage::Prospecting;
    DealStatus status = DealStatus::Open;
    QString currency;
    int deals = 0;
    std::int64_t valueMinor = 0;
    std::int64_t weightedMinor = 0; // each deal's value × its stage's probability, rounded down, summed
};

// Which activities a read returns.
struct ActivityFilter
{
    DealId dealId = 0; // 0: every deal
    PersonId personId = 0; // 0: every person
    bool openOnly = false; // only those not done
    QDate dueBefore; // valid: only those due before this day (with openOnly: overdue)
};

// Which organizations or people a read returns.
struct ContactFilter
{
    QString search; // in name, email, organization (case-insensitive); empty: all
    QString tag; // empty: any
};

class DealStore;

// A write transaction begun with BEGIN IMMEDIATE; rolled back unless committed.
class WriteTransaction final
{
public:
    explicit WriteTransaction(DealStore* store)
        : m_store(store)
    {
    }
    WriteTransaction(WriteTransaction&& other) noexcept
        : m_store(std::exchange(other.m_store, nullptr))
    {
    }
    WriteTransaction& operator=(WriteTransaction&&) = delete;
    WriteTransaction(const WriteTransaction&) = delete;
    ~WriteTransaction();

    Result<void> commit();

private:
    DealStore* m_store;
};

// The only code that writes SQL: one SQLite file through Qt SQL, every value a
// bound parameter. Schema versions by PRAGMA user_version, migrated at open.
class DealStore final
{
public:
    static constexpr int SchemaVersion = 3;
    // How long an action waits for another process's write (a long import or
    // seed) before it gives up and says so.
    static constexpr int BusyLimitMs = 60'000;

    // Opens (creating it owner-only when missing) and migrates the database.
    // Refuses, leaving the file as it was: a missing folder, a file that is not
    // SQLite, another program's SQLite file, a database from a newer DealBoard.
    // A file with a -wal or hot -journal beside it is judged on its main file
    // alone first, so a refused file is never recovered or rewritten.
    // `Additional` connections (the board's background reader) skip that look:
    // the first connection of the process has made it.
    enum class Connection { First, Additional };
    static Result<std::unique_ptr<DealStore>> open(const QString& path, Connection connection = Connection::First);
    ~DealStore();
    DealStore(const DealStore&) = delete;
    DealStore& operator=(const DealStore&) = delete;

    QString path() const { return m_path; }
    // For a connection that only reads a table through once (the board's
    // background read): a small page cache, so the process does not hold two.
    Result<void> useSmallCache();

    Result<WriteTransaction> beginWrite();

    // Reads.
    Result<std::optional<Deal>> findDeal(DealId id);
    Result<std::vector<Deal>> deals(const DealFilter& filter = {});
    // Calls `row` with each deal's exported columns, ordered by id, without
    // building deals (DealCsv::stream); stops when it returns false.
    Result<void> scanDealRows(const DealFilter& filter, const std::function<bool(const DealCsvRow&)>& row);
    // The `limit` deals of the stage that entered it last (not lost), newest first.
    Result<std::vector<Deal>> newestInStage(Stage stage, int limit);
    Result<std::vector<StageAggregate>> stageAggregates();
    Result<std::vector<HistoryEntry>> history(DealId id);
    Result<std::vector<HistoryEntry>> allHistory();
    Result<QStringList> owners();
    // (id, Deal::cardStamp) of every deal, ordered by id: lets the board find
    // what another process changed without reading every deal.
    Result<std::vector<std::pair<DealId, std::int64_t>>> dealVersions();
    // Changes whenever another connection commits (PRAGMA data_version).
    Result<qint64> dataVersion();

    // Writes; call inside a WriteTransaction.
    Result<void> insertDeal(Deal& deal); // assigns id (unless set) and version 1
    Result<void> updateDeal(Deal& deal); // refused as stale unless the stored version is deal.version; increments it
    Result<void> deleteDeal(DealId id, std::int64_t version);
    Result<void> insertHistory(HistoryEntry& entry);

    // Reports: the cohort's deals (by id) and their history (by deal, then time).
    Result<std::vector<ReportDeal>> reportDeals(const ReportFilter& filter);
    Result<std::vector<ReportHistoryRow>> reportHistory(const ReportFilter& filter);
    Result<StageGoals> stageGoals();
    Result<void> saveStageGoal(Stage stage, const StageGoal& goal); // inside a WriteTransaction

    // Organizations, people and their segment tags (ContactStore.cpp).
    Result<std::vector<Organization>> organizations(const ContactFilter& filter = {});
    Result<std::optional<Organization>> findOrganization(OrganizationId id);
    Result<std::optional<Organization>> findOrganizationByName(const QString& name);
    Result<void> insertOrganization(Organization& organization); // assigns id
    Result<void> updateOrganization(const Organization& organization);
    Result<std::vector<Person>> people(const ContactFilter& filter = {});
    Result<std::optional<Person>> findPerson(PersonId id);
    Result<std::optional<Person>> findPersonByEmail(const QString& email);
    Result<void> insertPerson(Person& person); // assigns id
    Result<void> updatePerson(const Person& person);
    // Every tag in use, and the segments' minimum days between touches.
    Result<std::vector<Segment>> segments();
    Result<void> saveSegmentRule(const QString& tag, std::optional<int> minTouchDays);
    Result<std::optional<QString>> setting(const QString& key);
    Result<void> saveSetting(const QString& key, const QString& value);
    // Ids of the deals whose organization or person has the tag.
    Result<std::vector<DealId>> dealsWithTag(const QString& tag);
    // The tags of a person and of their organization.
    Result<QStringList> personSegmentTags(PersonId id);

    // Activities.
    Result<std::vector<Activity>> activities(const ActivityFilter& filter = {});
    Result<std::optional<Activity>> findActivity(ActivityId id);
    Result<void> insertActivity(Activity& activity); // assigns id
    Result<void> updateActivity(const Activity& activity);
    // (person, day) of every touch (call, email, meeting) on or after `since`:
    // the day it was done, or is due.
    Result<std::vector<std::pair<PersonId, QDate>>> touchDays(const QDate& since);
    // The day of the latest touch (call, email, meeting) done on each open deal.
    Result<std::vector<std::pair<DealId, QDate>>> lastTouchOfOpenDeals();

    // Maintenance.
    Result<QStringList> integrityProblems(); // SQLite's integrity_check; empty when sound
    // A consistent, owner-only copy at `target` (a new file) while others
    // may go on writing.
    Result<void> backupTo(const QString& target);
    // Called once per wait when an action has waited a second for another
    // process's write (the CLI prints a line, the board shows it is busy).
    void setWaitObserver(std::function<void()> onWait);
    // How the file's structure differs from the one DealBoard makes (unknown
    // triggers, views, tables, columns, indexes; missing ones); empty when equal.
    QStringList schemaFaults();
    // Rows no DealBoard action could have written (StoreCheck.cpp): broken
    // links, money that is not whole cents in range, impossible dates and
    // times, versions out of range, unknown stages, text that is not UTF-8,
    // a deal that follows itself up, settings out of range. One line each,
    // naming the row; at most 1,000.
    QStringList dataFaults();
    // Deals whose stored stage or status is none DealBoard knows (the board
    // shows them in Prospecting, open, and says so).
    int dealsOutsideTheStages();

private:
    friend class WriteTransaction;
    DealStore(QString path, QString connectionName);

    Result<void> configureAndMigrate();
    // The structure a new file gets, read once from an in-memory database
    // built by the same migrations.
    static const QStringList& expectedShape();
    // Compares the file's structure with expectedShape; remembers the fault
    // that refuses every write, and the schema cookie it compared at.
    Result<void> verifySchema();
    int schemaCookie(); // PRAGMA schema_version
    // Refuses (without ending the transaction) while the structure differs.
    Result<void> guardSchema();
    static Result<void> firstLook(const QString& absolute);
    static Result<void> acceptableSchema(const QString& absolute, int version, int objects);
    Result<void> migrateTo1();
    Result<void> migrateTo2();
    Result<void> migrateTo3();
    // Links the deal to the organization named deal.company and the person with
    // deal.email (else deal.contactName at that organization), creating them when
    // new, and copies the person's stored facts back into the deal.
    Result<void> linkParties(Deal& deal);
    Result<void> saveTags(const QString& table, const QString& idColumn, std::int64_t id, const QStringList& tags);
    Result<QHash<std::int64_t, QStringList>> readTags(const QString& table, const QString& idColumn);
    std::pair<QString, QVariantList> cohortCondition(const ReportFilter& filter, const QString& table) const;
    Result<void> execute(const QString& sql);
    QSqlQuery& prepared(const QString& sql);
    Error storageError(const QString& action, const QSqlQuery& query) const;
    // The connection's sqlite3 handle, for the reads that walk whole tables (RawQuery).
    sqlite3* rawHandle() const;
    // A statement prepared once and kept for the connection's life (the hot inserts).
    sqlite3_stmt* keptStatement(const char* sql);
    static QString sqliteAdvice(int resultCode);
    Error rawError(const QString& action, const RawQuery& query) const;

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    static int waitForWriter(void* self, int attempt); // SQLite's busy handler
    std::function<void()> m_onWait;
    std::chrono::steady_clock::time_point m_waitStarted;
    bool m_waitAnnounced = false;
    bool m_guardSchema = false; // writes are refused while the structure is not DealBoard's
    int m_verifiedSchemaCookie = -1; // PRAGMA schema_version when it was compared
    QString m_schemaFault; // why writes are refused; empty when the structure is DealBoard's
    QHash<QString, QSqlQuery> m_statements;
    std::unordered_map<std::string, sqlite3_stmt*> m_rawStatements;
    // Organizations by folded name and people by folded email (or name key),
    // as linkParties found or made them in the current write transaction.
    struct LinkCache
    {
        QHash<QString, std::pair<std::int64_t, QString>> organizations;
        QHash<QString, Person> people;
    };
    LinkCache m_linkCache;
};

} // namespace dealboard
