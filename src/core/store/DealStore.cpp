#include "dealboard/DealStore.h"

#include "Database.h"
#include "Schema.h"
#include "StoreOpening.h"

#include <QSqlQuery>
#include <spdlog/spdlog.h>

namespace dealboard {

static_assert(DealStore::SchemaVersion == Schema::Version);
static_assert(DealStore::BusyLimitMs == Database::BusyLimitMs);

WriteTransaction::~WriteTransaction()
{
    if (m_database != nullptr) {
        m_database->rollback();
    }
}

Result<void> WriteTransaction::commit()
{
    return std::exchange(m_database, nullptr)->commit();
}

DealStore::DealStore(std::unique_ptr<Database> database)
    : m_database(std::move(database))
    , m_contacts(std::make_unique<ContactRepository>(*m_database))
    , m_deals(std::make_unique<DealRepository>(*m_database, *m_contacts))
    , m_reports(std::make_unique<ReportQueries>(*m_database))
    , m_snapshots(std::make_unique<SnapshotQueries>(*m_database))
    , m_activities(std::make_unique<ActivityRepository>(*m_database))
    , m_notes(std::make_unique<NoteRepository>(*m_database))
    , m_settings(std::make_unique<SettingsRepository>(*m_database))
    , m_rates(std::make_unique<RateRepository>(*m_database))
{
}

DealStore::~DealStore() = default;

QString DealStore::path() const
{
    return m_database->path();
}

bool DealStore::supports(Capability capability) const
{
    return m_database->backend().supports(capability);
}

QString DealStore::engine()
{
    return m_database->backend().engine();
}

Result<void> DealStore::useSmallCache()
{
    return m_database->backend().useSmallCache();
}

Result<WriteTransaction> DealStore::beginWrite()
{
    if (Result<void> begun = m_database->begin(); !begun) {
        return begun.error();
    }
    // Under the write lock nobody can change the structure until commit.
    if (Result<void> ours = m_database->backend().schema().guard(); !ours) {
        m_database->rollback();
        spdlog::warn("Refused a write to {}: {}", path().toStdString(), ours.error().message.toStdString());
        return ours.error();
    }
    // Nobody else writes until this transaction ends, so what linkParties
    // learns about organizations and people stays true until then.
    m_contacts->forgetLinks();
    return WriteTransaction(m_database.get());
}

Result<qint64> DealStore::dataVersion()
{
    return m_database->backend().dataVersion();
}

bool DealStore::followChanges(std::function<void(const QString& table)> onChange)
{
    return m_database->backend().listen(std::move(onChange));
}

Result<bool> DealStore::heartbeat()
{
    Backend& backend = m_database->backend();
    if (Result<void> alive = backend.ping(); !alive) {
        return alive.error();
    }
    const bool again = backend.reconnects() != m_reconnectsSeen;
    m_reconnectsSeen = backend.reconnects();
    // Every open board helps the server end a member's change left open that
    // holds up the others (past 30 s, even where that member lifted the
    // server's idle bound for their own session).
    if (m_team.isTeam && ++m_beats % StalledCheckBeats == 0) {
        // A role changed by a manager counts here too, as it does on the
        // server at the session's next statement.
        if (Result<TeamSession> now = store::teamSessionOf(*m_database); now && now.value().manager != m_team.manager) {
            spdlog::info("{} is now a {} on {}", m_team.user.toStdString(), now.value().roleName().toStdString(),
                         path().toStdString());
            m_team = now.value();
        }
        QSqlQuery ended(m_database->connection());
        if (ended.exec(QStringLiteral("SELECT dealboard_team.end_stalled()")) && ended.next()
            && ended.value(0).toInt() > 0) {
            spdlog::warn("The server ended {} change(s) left open that held up others on {}", ended.value(0).toInt(),
                         path().toStdString());
        }
    }
    return again;
}

void DealStore::setWaitObserver(std::function<void()> onWait)
{
    m_database->setWaitObserver(std::move(onWait));
}

Result<void> DealStore::backupTo(const QString& target)
{
    return m_database->backend().backupTo(target);
}

Result<QStringList> DealStore::integrityProblems()
{
    return m_database->backend().integrityProblems();
}

QStringList DealStore::schemaFaults()
{
    return m_database->backend().schema().faults();
}

QStringList DealStore::dataFaults()
{
    return m_database->backend().dataFaults();
}

int DealStore::dealsOutsideTheStages()
{
    return m_database->backend().dealsOutsideTheStages();
}

} // namespace dealboard
