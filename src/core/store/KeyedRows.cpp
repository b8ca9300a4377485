#include "KeyedRows.h"

#include "Database.h"

namespace dealboard {

Result<void> removeKeyedRow(Database& database, const char* table, const QStringList& columns, const QStringList& keys,
                            const QString& action)
{
    QString sql;
    if (database.derivedByServer()) {
        sql = QStringLiteral("SELECT dealboard_remove_row(?, ?, ?, ?)");
    } else {
        QStringList conditions;
        for (const QString& column : columns) {
            conditions << column + QStringLiteral(" = ?");
        }
        sql = QStringLiteral("DELETE FROM %1 WHERE %2")
                  .arg(QLatin1String(table), conditions.join(QStringLiteral(" AND ")));
    }
    QSqlQuery& query = database.prepared(sql);
    if (database.derivedByServer()) {
        query.addBindValue(QString::fromLatin1(table));
        for (int i = 0; i < 3; ++i) {
            query.addBindValue(keys.value(i));
        }
    } else {
        for (const QString& key : keys) {
            query.addBindValue(key);
        }
    }
    if (!query.exec()) {
        return database.storageError(action, query);
    }
    query.finish();
    return {};
}

} // namespace dealboard
