#pragma once

#include "dealboard/Clock.h"
#include "dealboard/DealImport.h"
#include "dealboard/DealStore.h"
#include "dealboard/Result.h"

#include <QObject>
#include <functional>
#include <memory>
#include <optional>

namespace dealboard {

// Options shared by the actions that change an existing deal.
struct ActionOptions
{
    std::optional<std::int64_t> expectedVersion; // refuse as stale when the stored version differs
    QString actor; // who did it, for the stage history
};

// A deal removed by deleteDeal, kept whole so that undo can restore it.
struct DeletedDeal
{
    Deal deal;
    std::vector<HistoryEntry> history;
};

// The outcome of a move: the deal as stored afterwards, and whether anything changed.
struct MoveOutcome
{
    Deal deal;
    bool changed = false;
};

// What an import of people would do, or did.
struct PeopleImport
{
    int created = 0;
    int updated = 0;
};

// What `check` found wrong; empty when the database is sound.
struct CheckReport
{
    QStringList faults;
    int dealsChecked = 0;
};

// The one entry for every user action. Each action is one write transaction
// (BEGIN IMMEDIATE): the deal row and its history row commit together or not at
// all, and the transition engine is asked inside it.
class PipelineService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PipelineService)

public:
    PipelineService(std::unique_ptr<DealStore> store, std::shared_ptr<const Clock> clock, QObject* parent = nullptr);
    ~PipelineService() override;

    DealStore& store() { return *m_store; }
    QDateTime now() const { return m_clock->nowUtc(); }

    Result<Deal> createDeal(const DealFields& fields, Stage stage = Stage::Prospecting, const QString& actor = {});
    Result<Deal> editDeal(DealId id, const DealFields& fields, const ActionOptions& options = {});
    // Moves the deal; `facts` (confirmed criteria, value, close date) are saved
    // first in the same transaction, so "supply what is missing, then move" is one action.
    Result<MoveOutcome> moveDeal(DealId id, Stage target, const ActionOptions& options = {},
                                 const DealFields& facts = {});
    Result<MoveOutcome> winDeal(DealId id, const ActionOptions& options = {});
    Result<MoveOutcome> loseDeal(DealId id, const QString& reason, const ActionOptions& options = {});
    Result<MoveOutcome> reopenDeal(DealId id, const ActionOptions& options = {});
    Result<DeletedDeal> deleteDeal(DealId id, const ActionOptions& options = {});
    // Puts back a deal removed by deleteDeal, with its id and history (undo).
    Result<Deal> restoreDeal(const DeletedDeal& deleted);

    // Imports deals from CSV, all or nothing, in one transaction. With dryRun,
    // checks everything and reports what would be imported, writing nothing.
    // Reads `csv` (a file: it is read twice, checked first without the write
    // lock, then written) row by row; all or nothing.
    Result<ImportPlan> importDeals(QIODevice* csv, bool dryRun, const QString& actor = {});

    // Builds a deterministic sample pipeline of `count` deals in one transaction.
    Result<int> seedSample(int count, quint64 seed);

    Result<Deal> deal(DealId id);
    Result<std::vector<Deal>> deals(const DealFilter& filter = {});
    Result<std::vector<HistoryEntry>> history(DealId id);

    // The conversion report for a cohort, in the pipeline's currency.
    Result<PipelineReport> report(const ReportFilter& filter);
    Result<StageGoals> stageGoals();
    // Sets (or clears, with an empty goal) a stage's goal.
    Result<void> setStageGoal(Stage stage, const StageGoal& goal);
    // Sets every stage's goal at once, as one action.
    Result<void> setStageGoals(const StageGoals& goals);

    // Organizations and people (ContactService.cpp). Names are required; an
    // organization name and a person's email are unique (case aside).
    Result<Organization> createOrganization(const OrganizationFields& fields);
    Result<Organization> editOrganization(OrganizationId id, const OrganizationFields& fields);
    Result<Organization> organization(OrganizationId id);
    Result<std::vector<Organization>> organizations(const ContactFilter& filter = {});
    Result<Person> createPerson(const PersonFields& fields);
    Result<Person> editPerson(PersonId id, const PersonFields& fields);
    Result<Person> person(PersonId id);
    Result<std::vector<Person>> people(const ContactFilter& filter = {});
    // Imports people from CSV (name, email, phone, role, organization, tags,
    // notes), all or nothing; a known email updates that person.
    Result<PeopleImport> importPeople(const QByteArray& csv, bool dryRun);

    // Segments and contact frequency.
    Result<std::vector<Segment>> segments();
    // Sets (or, unset, clears) a tag's minimum days between touches.
    Result<void> setSegmentRule(const QString& tag, std::optional<int> minTouchDays);
    Result<int> defaultMinTouchDays();
    Result<void> setDefaultMinTouchDays(int days);
    // The default and every tag's rule at once, as one action (the GUI's form).
    Result<void> setContactFrequency(int defaultDays, const std::vector<std::pair<QString, std::optional<int>>>& rules);
    Result<std::vector<DealId>> dealsWithTag(const QString& tag);
    // Whether a touch of the person on `day` comes too soon before or after
    // another of their touches (ignoring activity `ignore`).
    Result<std::optional<FrequencyWarning>> contactFrequency(PersonId person, const QDate& day, ActivityId ignore = 0);

    // Activities. A touch (call, email, meeting) too close to another touch of
    // the same person is refused with ErrorCode::TooFrequent unless `confirmed`.
    Result<Activity> planActivity(const ActivityFields& fields, bool confirmed = false);
    // Marks the activity done and, when given, plans the next one, in one action.
    Result<std::optional<Activity>> completeActivity(ActivityId id, const std::optional<ActivityFields>& next = {},
                                                     bool confirmed = false);
    Result<Activity> activity(ActivityId id);
    Result<std::vector<Activity>> activities(const ActivityFilter& filter = {});
    // Over-contacted people and neglected open deals, as of today.
    Result<AttentionReport> attentionReport();

    // Retention: a cross-sell or up-sell deal for a won deal's organization and
    // person, in Prospecting, linked to its origin.
    Result<Deal> createFollowUp(DealId origin, const QString& title = {},
                                std::optional<std::int64_t> valueMinor = std::nullopt, const QString& actor = {});

    // SQLite's integrity check plus the pipeline's invariants.
    Result<CheckReport> check();

    // Asks SQLite whether another connection committed since the last call;
    // emits externalChange() when it did.
    void pollExternalChanges();

Q_SIGNALS:
    void dealChanged(const dealboard::Deal& deal); // created, edited, moved, won, lost, reopened, restored
    void dealRemoved(dealboard::DealId id);
    void dealsReset(); // many deals changed at once (seed)
    void goalsChanged();
    void contactsChanged(); // organizations, people or segments changed
    void activitiesChanged(dealboard::DealId deal); // an activity of the deal was planned or completed
    void externalChange(); // another process changed the database

private:
    Result<Deal> loadForChange(DealId id, const ActionOptions& options);
    // Runs `change` on the deal inside one write transaction; it returns whether
    // it changed anything, or the refusal.
    Result<MoveOutcome> changeDeal(DealId id, const ActionOptions& options, const char* action,
                                   const std::function<Result<bool>(Deal&)>& change);
    Result<void> recordHistory(const Deal& before, const Deal& after, const QString& actor);
    std::optional<Error> validateFields(const DealFields& fields) const;
    static std::optional<Error> validateGoal(Stage stage, const StageGoal& goal);
    Result<Activity> prepareActivity(const ActivityFields& fields, bool confirmed);
    Result<Organization> applyOrganization(Organization organization, const OrganizationFields& fields);
    Result<Person> applyPerson(Person person, const PersonFields& fields);
    void announceDeal(DealId id);

    std::unique_ptr<DealStore> m_store;
    std::shared_ptr<const Clock> m_clock;
    qint64 m_lastDataVersion = -1;
};

} // namespace dealboard
