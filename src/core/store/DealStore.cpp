#include "dealboard/DealStore.h"

#include "Database.h"
#include "PostgresBackend.h"
#include "ServerSchema.h"
#include "SqliteBackend.h"
#include "dealboard/ServerTrust.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dealboard {

static_assert(DealStore::SchemaVersion == Schema::Version);
static_assert(DealStore::BusyLimitMs == Database::BusyLimitMs);

namespace {

QAtomicInteger<int> connectionCounter;

// Creates the file with owner-only permissions before SQLite sees it (SQLite
// itself would create it 0644). An empty file is a valid, empty database.
bool createOwnerOnly(const QString& path, QString& why)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        why = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    ::close(fd);
    return true;
}

} // namespace

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
    , m_activities(std::make_unique<ActivityRepository>(*m_database))
    , m_notes(std::make_unique<NoteRepository>(*m_database))
    , m_settings(std::make_unique<SettingsRepository>(*m_database))
{
}

DealStore::~DealStore() = default;

Result<void> DealStore::initServer(const QString& url)
{
    if (Result<void> trusted = ServerTrust::check(url); !trusted) {
        return trusted.error();
    }
    Result<std::unique_ptr<Database>> database = Database::connectTo(url);
    if (!database) {
        return database.error();
    }
    return ServerSchema(*database.value()).create();
}

Result<QString> DealStore::migrateServer(const QString& url)
{
    if (Result<void> trusted = ServerTrust::check(url); !trusted) {
        return trusted.error();
    }
    Result<std::unique_ptr<Database>> database = Database::connectTo(url);
    if (!database) {
        return database.error();
    }
    return ServerSchema(*database.value()).migrate();
}

Result<std::unique_ptr<DealStore>> DealStore::open(const QString& path, Connection connection)
{
    if (ServerAddress::isServerUrl(path)) {
        // No password goes to a pinned server before its certificate is known.
        if (Result<void> trusted = ServerTrust::check(path); !trusted) {
            return trusted.error();
        }
        Result<std::unique_ptr<Database>> database = Database::connectTo(path);
        if (!database) {
            return database.error();
        }
        if (Result<void> accepted = database.value()->backend().schema().accept(); !accepted) {
            return accepted.error();
        }
        Result<TeamSession> team = teamSessionOf(*database.value());
        if (!team) {
            return team.error();
        }
        std::unique_ptr<DealStore> store(new DealStore(std::move(database.value())));
        store->m_team = team.value();
        // A team's member is held by the server's guards, which then give
        // ids, times and the history; the database's owner writes them.
        store->m_database->setDerivedByServer(store->m_team.isTeam && !store->m_team.databaseOwner);
        if (store->m_team.isTeam) {
            spdlog::info("Signed in to {} as {} ({})", store->path().toStdString(), store->m_team.user.toStdString(),
                         store->m_team.roleName().toStdString());
        }
        return store;
    }
    if (path.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("No database path was given."));
    }
    if (path.startsWith(QLatin1Char(':')) || path.startsWith(QLatin1String("file:"))) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a file path. DealBoard keeps a pipeline in a file: give its "
                                        "path, such as ./pipeline.dealboard.")
                             .arg(path));
    }
    const QFileInfo info(path);
    const QString absolute = info.absoluteFilePath();
    if (!info.absoluteDir().exists()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The folder '%1' does not exist. Create it first or choose another path.")
                             .arg(QDir::toNativeSeparators(info.absolutePath())));
    }
    if (info.isDir()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is a folder, not a database file. Give the path of a file.")
                             .arg(QDir::toNativeSeparators(absolute)));
    }
    struct stat status
    {
    };
    const bool exists = ::stat(QFile::encodeName(absolute).constData(), &status) == 0;
    if (exists && !S_ISREG(status.st_mode)) {
        spdlog::warn("Refused {}: not a regular file", absolute.toStdString());
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a regular file (a device, pipe or socket). A pipeline is a "
                                        "file: give the path of one.")
                             .arg(QDir::toNativeSeparators(absolute)));
    }

    // SQLite would open such a file read-only and fail at the first write with
    // "attempt to write a readonly database"; say what is wrong instead.
    if (exists && (!info.isWritable() || !QFileInfo(info.absolutePath()).isWritable())) {
        spdlog::warn("Refused {}: not writable", absolute.toStdString());
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("'%1' is read-only for you (the file or its folder): DealBoard writes to it and "
                           "to its journal beside it. Ask for write access or copy it to a folder of "
                           "yours. It was left untouched.")
                .arg(QDir::toNativeSeparators(absolute)));
    }

    bool created = false;
    if (!exists) {
        QString why;
        if (!createOwnerOnly(absolute, why)) {
            return makeError(
                ErrorCode::Storage,
                QStringLiteral("Can't create the database '%1': %2.").arg(QDir::toNativeSeparators(absolute), why));
        }
        created = true;
        spdlog::info("Created database file {}", absolute.toStdString());
    } else if (status.st_size == 0 && (status.st_mode & 077) != 0) {
        // An empty file becomes a pipeline: owner-only, as a new one would be.
        if (::chmod(QFile::encodeName(absolute).constData(), 0600) != 0) {
            return makeError(
                ErrorCode::Storage,
                QStringLiteral("Can't make '%1' readable by you only: %2.")
                    .arg(QDir::toNativeSeparators(absolute), QString::fromLocal8Bit(std::strerror(errno))));
        }
        spdlog::info("Made the empty file {} owner-only before using it as a pipeline", absolute.toStdString());
    }

    // Decide on the main file alone before anything can recover a journal or
    // a WAL beside it: a refused file must stay as it was, sidecars included.
    if (exists && connection == Connection::First) {
        if (Result<void> acceptable = Schema::firstLook(absolute); !acceptable) {
            return acceptable.error();
        }
    }

    const QString connectionName = QStringLiteral("dealboard-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    auto database = std::make_unique<Database>(absolute, connectionName);
    if (Result<void> opened = database->open(); !opened) {
        const QString why = opened.error().message;
        spdlog::error("Opening {} failed: {}", absolute.toStdString(), why.toStdString());
        database.reset();
        if (created) {
            QFile::remove(absolute);
        }
        return makeError(ErrorCode::Storage,
                         QStringLiteral("Can't open '%1': %2").arg(QDir::toNativeSeparators(absolute), why));
    }
    std::unique_ptr<DealStore> store(new DealStore(std::move(database)));
    if (Result<void> ready = store->m_database->backend().schema().accept(); !ready) {
        store.reset();
        if (created) {
            QFile::remove(absolute);
        }
        return ready.error();
    }
    return store;
}

QString DealStore::path() const
{
    return m_database->path();
}

QString DealStore::engineVersion()
{
    return SqliteBackend::version();
}

bool DealStore::isServer() const
{
    return dynamic_cast<PostgresBackend*>(&m_database->backend()) != nullptr; // TEMPORARY until supports()
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
        if (Result<TeamSession> now = teamSessionOf(*m_database); now && now.value().manager != m_team.manager) {
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
