// The forecast's daily snapshots, and the change log's close-date changes.
#include "dealboard/store/SnapshotQueries.h"

#include "Database.h"
#include "RawQuery.h"
#include "SqlText.h"
#include "dealboard/StoredTime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace dealboard {

namespace {

const QString Columns = QStringLiteral(
    "taken_on, bucket, owner, currency, open_deals, open_minor, claimed_minor, empirical_minor, won_minor");

} // namespace

SnapshotQueries::SnapshotQueries(Database& database)
    : m_database(database)
{
}

QString SnapshotQueries::tableStatement(bool onServer)
{
    const QString text = onServer ? QStringLiteral("text COLLATE \"C\"") : QStringLiteral("TEXT");
    const QString money = onServer ? QStringLiteral("bigint") : QStringLiteral("INTEGER");
    return QStringLiteral("CREATE TABLE forecast_snapshots ("
                          " taken_on %1 NOT NULL%2,"
                          " bucket %3 NOT NULL CHECK (bucket IN ('overdue', 'later', 'no date') OR %4),"
                          " owner %3 NOT NULL,"
                          " currency %3 NOT NULL CHECK (%5),"
                          " open_deals %6 NOT NULL CHECK (open_deals >= 0),"
                          " open_minor %6 NOT NULL CHECK (open_minor >= 0),"
                          " claimed_minor %6 NOT NULL CHECK (claimed_minor >= 0),"
                          " empirical_minor %6 CHECK (empirical_minor >= 0),"
                          " won_minor %6 NOT NULL CHECK (won_minor >= 0),"
                          " taken_at %7 NOT NULL,"
                          " taken_by %3 NOT NULL DEFAULT '',"
                          " PRIMARY KEY (taken_on, bucket, owner, currency))")
        .arg(onServer ? QStringLiteral("date") : QStringLiteral("TEXT"),
             onServer ? QString()
                      : QStringLiteral(" CHECK (length(taken_on) = 10 AND taken_on GLOB "
                                       "'[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')"),
             text,
             onServer ? QStringLiteral("bucket ~ '^[0-9]{4}-[01][0-9]$'")
                      : QStringLiteral("(length(bucket) = 7 AND bucket GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]')"),
             onServer ? QStringLiteral("currency ~ '^[A-Z]{3}$'")
                      : QStringLiteral("length(currency) = 3 AND currency GLOB '[A-Z][A-Z][A-Z]'"),
             money, onServer ? QStringLiteral("timestamptz") : QStringLiteral("TEXT"));
}

QStringList SnapshotQueries::serverGuard()
{
    // A member's snapshot is named and timed by the server; one transaction
    // writes a day's snapshot, and no other may add to it. The database's
    // owner (a copy, a restore) writes rows as they come.
    return {QStringLiteral(
                "CREATE FUNCTION dealboard_guard_snapshot() RETURNS trigger LANGUAGE plpgsql "
                "SET search_path = public, pg_catalog, pg_temp AS $body$\n"
                "BEGIN\n"
                "  IF dealboard_trusted() THEN RETURN NEW; END IF;\n"
                "  NEW.taken_at := transaction_timestamp();\n"
                "  NEW.taken_by := session_user;\n"
                // A day to come (a day's slack for the client's time zone)
                // would block that day's own snapshot.
                "  IF NEW.taken_on > current_date + 1 THEN\n"
                "    RAISE EXCEPTION 'A snapshot of % is of a day to come: the forecast is taken as it stands today.', "
                "NEW.taken_on USING ERRCODE = 'DB002';\n"
                "  END IF;\n"
                "  IF NOT dealboard_known_currency(NEW.currency) THEN\n"
                "    RAISE EXCEPTION '% is not a currency of ISO 4217.', NEW.currency USING ERRCODE = 'DB002';\n"
                "  END IF;\n"
                "  IF EXISTS (SELECT 1 FROM forecast_snapshots WHERE taken_on = NEW.taken_on AND taken_at <> "
                "NEW.taken_at) THEN\n"
                "    RAISE EXCEPTION 'The forecast of % was taken already: a day keeps one snapshot.', NEW.taken_on "
                "USING ERRCODE = 'DB002';\n"
                "  END IF;\n"
                "  RETURN NEW;\n"
                "END\n$body$"),
            QStringLiteral("CREATE TRIGGER guard_forecast_snapshots BEFORE INSERT OR UPDATE ON forecast_snapshots "
                           "FOR EACH ROW EXECUTE FUNCTION dealboard_guard_snapshot()")};
}

QStringList SnapshotQueries::teamRights(const QString& database)
{
    const QString owner = identifier(database + QStringLiteral("_owner"));
    const QString manager = identifier(database + QStringLiteral("_manager"));
    const QString rep = identifier(database + QStringLiteral("_rep"));
    return {QStringLiteral("ALTER TABLE forecast_snapshots OWNER TO %1").arg(owner),
            QStringLiteral("ALTER FUNCTION dealboard_guard_snapshot() OWNER TO %1").arg(owner),
            QStringLiteral("REVOKE ALL ON forecast_snapshots FROM PUBLIC"),
            QStringLiteral("GRANT SELECT ON forecast_snapshots TO %1, %2").arg(manager, rep),
            QStringLiteral("GRANT INSERT ON forecast_snapshots TO %1").arg(manager)};
}

Result<bool> SnapshotQueries::takenOn(const QDate& day)
{
    QSqlQuery& query
        = m_database.prepared(QStringLiteral("SELECT count(*) FROM forecast_snapshots WHERE taken_on = ?"));
    query.addBindValue(toStoredDate(day));
    if (!query.exec() || !query.next()) {
        return m_database.storageError(QStringLiteral("read the forecast's snapshots"), query);
    }
    const bool taken = query.value(0).toLongLong() > 0;
    query.finish();
    return taken;
}

Result<void> SnapshotQueries::insert(const std::vector<SnapshotRow>& rows, const QDateTime& at, const QString& by)
{
    QSqlQuery& insert = m_database.prepared(
        QStringLiteral(
            "INSERT INTO forecast_snapshots (%1, taken_at, taken_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .arg(Columns));
    for (const SnapshotRow& row : rows) {
        insert.addBindValue(toStoredDate(row.takenOn));
        insert.addBindValue(row.bucket);
        insert.addBindValue(row.owner.isNull() ? QStringLiteral("") : row.owner);
        insert.addBindValue(row.currency);
        insert.addBindValue(row.openDeals);
        insert.addBindValue(qint64(row.openMinor));
        insert.addBindValue(qint64(row.claimedMinor));
        insert.addBindValue(row.empiricalMinor ? QVariant(qint64(*row.empiricalMinor))
                                               : QVariant(QMetaType::fromType<qint64>()));
        insert.addBindValue(qint64(row.wonMinor));
        insert.addBindValue(toStoredTime(at));
        insert.addBindValue(by.isNull() ? QStringLiteral("") : by);
        if (!insert.exec()) {
            return m_database.storageError(QStringLiteral("store the forecast's snapshot"), insert);
        }
    }
    insert.finish();
    return {};
}

Result<std::vector<SnapshotRow>> SnapshotQueries::rows(const QDate& from, const QDate& to)
{
    QSqlQuery& query
        = m_database.prepared(QStringLiteral("SELECT %1 FROM forecast_snapshots WHERE taken_on >= ? AND taken_on <= ? "
                                             "ORDER BY taken_on, bucket, owner, currency")
                                  .arg(Columns));
    query.addBindValue(toStoredDate(from));
    query.addBindValue(toStoredDate(to));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the forecast's snapshots"), query);
    }
    std::vector<SnapshotRow> rows;
    while (query.next()) {
        SnapshotRow row;
        row.takenOn = fromStoredDate(query.value(0).toString().left(10));
        row.bucket = query.value(1).toString();
        row.owner = query.value(2).toString();
        row.currency = query.value(3).toString();
        row.openDeals = query.value(4).toInt();
        row.openMinor = query.value(5).toLongLong();
        row.claimedMinor = query.value(6).toLongLong();
        if (!query.value(7).isNull()) {
            row.empiricalMinor = query.value(7).toLongLong();
        }
        row.wonMinor = query.value(8).toLongLong();
        rows.push_back(row);
    }
    query.finish();
    return rows;
}

Result<std::vector<QDate>> SnapshotQueries::days()
{
    QSqlQuery& query
        = m_database.prepared(QStringLiteral("SELECT DISTINCT taken_on FROM forecast_snapshots ORDER BY taken_on"));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the forecast's snapshots"), query);
    }
    std::vector<QDate> days;
    while (query.next()) {
        days.push_back(fromStoredDate(query.value(0).toString().left(10)));
    }
    query.finish();
    return days;
}

Result<std::vector<CloseDateChange>> SnapshotQueries::closeDateChanges()
{
    // Only updates that name the close date; each holds [before, after].
    RawQuery rows(m_database,
                  "SELECT deal_id, changes FROM change_log WHERE table_name = 'deals' AND action = "
                  "'update' AND changes LIKE '%\"expected_close\"%' ORDER BY id");
    std::vector<CloseDateChange> changes;
    while (rows.next()) {
        const std::string_view bytes = rows.bytes(1);
        const QJsonObject object
            = QJsonDocument::fromJson(QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size()))).object();
        const QJsonArray pair = object.value(QStringLiteral("expected_close")).toArray();
        if (rows.isNull(0) || pair.size() != 2) {
            continue;
        }
        changes.push_back({rows.int64(0), fromStoredDate(pair.at(0).toString().left(10)),
                           fromStoredDate(pair.at(1).toString().left(10))});
    }
    if (rows.failed()) {
        return m_database.rawError(QStringLiteral("read the change log"), rows);
    }
    return changes;
}

Result<void> SnapshotQueries::moveSampleClose(DealId id, const QDate& close)
{
    // Kept and through the engine's C API: the sample moves tens of thousands.
    RawQuery update(m_database, "UPDATE deals SET expected_close = ? WHERE id = ?", RawQuery::Keep);
    update.bind(1, toStoredDate(close));
    update.bind(2, std::int64_t(id));
    if (!update.run()) {
        return m_database.rawError(QStringLiteral("move a sample deal's close date"), update);
    }
    return {};
}

Result<std::vector<SlippedDeal>> SnapshotQueries::openDeals()
{
    RawQuery rows(m_database,
                  "SELECT id, title, owner, stage, value_minor, currency, expected_close FROM deals "
                  "WHERE status = 'open' ORDER BY id");
    std::vector<SlippedDeal> deals;
    while (rows.next()) {
        SlippedDeal deal;
        deal.id = rows.int64(0);
        deal.title = rows.text(1);
        deal.owner = rows.text(2);
        deal.stage = stageFromSlug(rows.text(3)).value_or(Stage::Prospecting);
        deal.value = {rows.int64(4), rows.text(5)};
        deal.expectedClose = fromStoredDate(rows.text(6).left(10));
        deals.push_back(deal);
    }
    if (rows.failed()) {
        return m_database.rawError(QStringLiteral("read the open deals"), rows);
    }
    return deals;
}

} // namespace dealboard
