#include "dealboard/DealStore.h"

#include "ChangeLog.h"
#include "Database.h"
#include "Schema.h"
#include "ServerSchema.h"
#include "StoreCheck.h"
#include "StoreOpening.h"
#include "dealboard/PipelineBackup.h"
#include "dealboard/PipelineFiles.h"
#include "dealboard/ServerTrust.h"
#include "dealboard/SystemUser.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

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
    , m_schema(std::make_unique<Schema>(*m_database))
    , m_contacts(std::make_unique<ContactRepository>(*m_database))
    , m_deals(std::make_unique<DealRepository>(*m_database, *m_contacts))
    , m_reports(std::make_unique<ReportQueries>(*m_database))
    , m_activities(std::make_unique<ActivityRepository>(*m_database))
    , m_notes(std::make_unique<NoteRepository>(*m_database))
    , m_settings(std::make_unique<SettingsRepository>(*m_database))
{
}

DealStore::~DealStore() = default;

QString DealStore::path() const
{
    return m_database->path();
}

bool DealStore::supports(Capability capability) const
{
    switch (capability) {
    case Capability::FileBackup:
    case Capability::IntegrityCheck:
    case Capability::SmallCache:
        return !m_database->isServer();
    case Capability::ServerPipeline:
    case Capability::ChangeNotifications:
        return m_database->isServer();
    }
    return false;
}

bool DealStore::isServer() const
{
    return m_database->isServer();
}

QString DealStore::engine()
{
    if (!m_database->isServer()) {
        return store::engineVersion();
    }
    QSqlQuery query(m_database->connection());
    if (query.exec(QStringLiteral("SHOW server_version")) && query.next()) {
        return QStringLiteral("PostgreSQL %1").arg(query.value(0).toString().section(QLatin1Char(' '), 0, 0));
    }
    return QStringLiteral("PostgreSQL");
}

Result<void> DealStore::useSmallCache()
{
    if (m_database->isServer()) {
        return {};
    }
    return m_database->execute(QStringLiteral("PRAGMA cache_size=-2048"));
}

Result<WriteTransaction> DealStore::beginWrite()
{
    if (Result<void> begun = m_database->begin(); !begun) {
        return begun.error();
    }
    // Under the write lock nobody can change the structure until commit.
    if (Result<void> ours = m_schema->guard(); !ours) {
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
    // On a file SQLite counts other connections' commits; on a server every
    // commit counts, less this connection's own.
    QSqlQuery& query = m_database->prepared(m_database->isServer() ? ServerSchema::readChanges()
                                                                   : QStringLiteral("PRAGMA data_version"));
    if (!query.exec() || !query.next()) {
        return m_database->storageError(QStringLiteral("check for changes"), query);
    }
    const qint64 version = query.value(0).toLongLong() - m_database->ownChanges();
    query.finish();
    return version;
}

bool DealStore::followChanges(std::function<void(const QString& table)> onChange)
{
    return m_database->listen(std::move(onChange));
}

Result<bool> DealStore::heartbeat()
{
    if (Result<void> alive = m_database->ping(); !alive) {
        return alive.error();
    }
    const bool again = m_database->reconnects() != m_reconnectsSeen;
    m_reconnectsSeen = m_database->reconnects();
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
    if (m_database->isServer()) {
        Error onServer = makeError(ErrorCode::InvalidInput,
                                   QStringLiteral("A pipeline on a server is backed up on the server (pg_dump), or "
                                                  "copied into a file."));
        onServer.missing = QStringLiteral("file");
        onServer.subject = path();
        return onServer;
    }
    if (PipelineFiles::isOwnFile(target, path())) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is the pipeline itself; give the backup a new name.")
                             .arg(QDir::toNativeSeparators(target)));
    }
    return PipelineBackup::copyTo(*m_database, target);
}

Result<QStringList> DealStore::integrityProblems()
{
    if (m_database->isServer()) {
        return QStringList(); // the server keeps its own files sound
    }
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("PRAGMA integrity_check"))) {
        return m_database->storageError(QStringLiteral("check the database"), query);
    }
    QStringList problems;
    while (query.next()) {
        const QString line = query.value(0).toString();
        if (line != QLatin1String("ok")) {
            problems << line;
        }
    }
    return problems;
}

QStringList DealStore::schemaFaults()
{
    if (m_database->isServer()) {
        return ServerSchema(*m_database).faults();
    }
    return m_schema->faults();
}

QStringList DealStore::dataFaults()
{
    return StoreCheck::dataFaults(*m_database);
}

int DealStore::dealsOutsideTheStages()
{
    if (m_database->isServer()) {
        return 0; // the server's CHECK constraints admit no other stage or status
    }
    return StoreCheck::dealsOutsideTheStages(*m_database);
}

} // namespace dealboard
