// Opening a pipeline (a file opened and migrated, a server's database
// accepted) and making or upgrading a server's pipeline. Which backend opens
// it is chosen once, from its location (Backend::open).
#include "StoreOpening.h"

#include "Database.h"
#include "PostgresBackend.h"
#include "SqliteBackend.h"

#include <spdlog/spdlog.h>

namespace dealboard::store {

Result<void> initServer(const QString& url)
{
    Result<std::unique_ptr<Database>> database = PostgresBackend::connectTrusted(url);
    if (!database) {
        return database.error();
    }
    return PostgresBackend::of(*database.value()).serverSchema().create();
}

Result<QString> migrateServer(const QString& url)
{
    Result<std::unique_ptr<Database>> database = PostgresBackend::connectTrusted(url);
    if (!database) {
        return database.error();
    }
    return PostgresBackend::of(*database.value()).serverSchema().migrate();
}

Result<std::unique_ptr<DealStore>> open(const QString& path, Connection connection)
{
    Result<std::unique_ptr<Database>> database = Backend::open(path, connection == Connection::First);
    if (!database) {
        return database.error();
    }
    Result<TeamSession> team = database.value()->backend().teamSession();
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

QString engineVersion()
{
    return SqliteBackend::version();
}

} // namespace dealboard::store
