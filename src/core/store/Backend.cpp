#include "Backend.h"

#include "Database.h"
#include "PostgresBackend.h"
#include "RawQuery.h"
#include "SqliteBackend.h"
#include "dealboard/PipelineLocation.h"

#include <QSqlError>
#include <QSqlQuery>
#include <spdlog/spdlog.h>

namespace dealboard {

Result<std::unique_ptr<Database>> Backend::open(const QString& location, bool firstConnection)
{
    if (PipelineLocation::isAddress(location)) {
        return PostgresBackend::openServer(location);
    }
    return SqliteBackend::openFile(location, firstConnection);
}

Result<qint64> Backend::lastId(const CopyTable& table)
{
    const QByteArray sql = lastIdQuery(table);
    RawQuery query(m_database, sql.constData());
    if (query.next()) {
        return static_cast<qint64>(query.int64(0));
    }
    if (query.failed()) {
        return m_database.rawError(QStringLiteral("read the id sequences"), query);
    }
    return qint64(0);
}

QString Backend::loggedReason(const QSqlQuery& query) const
{
    const QSqlError error = query.lastError();
    spdlog::error("SQL failed on {}: {} (native code {}); statement: {}", m_database.path().toStdString(),
                  error.text().toStdString(), error.nativeErrorCode().toStdString(), query.lastQuery().toStdString());
    QString why = error.databaseText().trimmed();
    if (why.isEmpty()) {
        why = error.text().trimmed();
    }
    if (why.isEmpty()) {
        why = QStringLiteral("the database gave no reason (code %1)").arg(error.nativeErrorCode());
    }
    return why;
}

} // namespace dealboard
