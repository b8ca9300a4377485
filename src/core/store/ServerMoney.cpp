// Version 11 of a server's schema: money in every currency, as a file's
// version 9 (Migrations.cpp).
#include "ChangeLog.h"
#include "Schema.h"
#include "ServerSchema.h"
#include "SqlText.h"
#include "dealboard/store/SnapshotQueries.h"

namespace dealboard {

QStringList ServerSchema::upgradeTo11()
{
    QStringList statements;
    // Currencies and their minor units (the amounts rescaled).
    // Exchange rates and the reporting currency.
    // Forecast snapshots.
    statements << SnapshotQueries::tableStatement(true) << SnapshotQueries::serverGuard();
    statements << ChangeLog::serverTriggersOf(11);
    return statements;
}

QStringList ServerSchema::teamRightsOf11(const QString& database)
{
    QStringList statements;
    // Currencies and their minor units.
    // Exchange rates and the reporting currency: everyone reads, managers write.
    // Forecast snapshots: everyone reads, managers take them.
    statements << SnapshotQueries::teamRights(database);
    Q_UNUSED(database);
    return statements;
}

} // namespace dealboard
