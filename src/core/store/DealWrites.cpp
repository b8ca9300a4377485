// DealRepository's writes: a deal's row (its organization and person linked
// first) and its stage history.
#include "Database.h"
#include "DealRows.h"
#include "RawQuery.h"
#include "StoreValues.h"
#include "dealboard/store/ContactRepository.h"
#include "dealboard/store/DealRepository.h"

#include <QSqlError>
#include <spdlog/spdlog.h>

namespace dealboard {

using namespace rows;

namespace {

// A deal's columns, described once: the INSERT writes them all, the UPDATE
// those a deal's life changes (never its id, origin, creation or version,
// which the UPDATE counts up itself).
struct DealColumn
{
    const char* name;
    QVariant (*value)(const Deal&);
    bool updated;
};

const DealColumn Columns[] = {
    {"id", [](const Deal& d) { return d.id > 0 ? QVariant(qint64(d.id)) : QVariant(QMetaType::fromType<qint64>()); },
     false},
    {"title", [](const Deal& d) { return QVariant(nonNull(d.title)); }, true},
    {"organization_id", [](const Deal& d) { return optionalId(d.organizationId); }, true},
    {"person_id", [](const Deal& d) { return optionalId(d.personId); }, true},
    {"origin_deal_id", [](const Deal& d) { return optionalId(d.originDealId); }, false},
    {"owner", [](const Deal& d) { return QVariant(nonNull(d.owner)); }, true},
    {"stage", [](const Deal& d) { return QVariant(stageSlug(d.stage)); }, true},
    {"status", [](const Deal& d) { return QVariant(statusSlug(d.status)); }, true},
    {"value_minor", [](const Deal& d) { return QVariant(qint64(d.value.minor)); }, true},
    {"currency", [](const Deal& d) { return QVariant(d.value.currency); }, true},
    {"expected_close", [](const Deal& d) { return nullableText(toStoredDate(d.expectedClose)); }, true},
    {"willing", [](const Deal& d) { return QVariant(int(d.qualification.willing)); }, true},
    {"need", [](const Deal& d) { return QVariant(int(d.qualification.need)); }, true},
    {"budget", [](const Deal& d) { return QVariant(int(d.qualification.budget)); }, true},
    {"lost_reason", [](const Deal& d) { return QVariant(nonNull(d.lostReason)); }, true},
    {"probability_percent",
     [](const Deal& d) {
         return d.probabilityPercent ? QVariant(*d.probabilityPercent) : QVariant(QMetaType::fromType<int>());
     },
     true},
    {"created_at", [](const Deal& d) { return QVariant(toStoredTime(d.createdAt)); }, false},
    {"updated_at", [](const Deal& d) { return QVariant(toStoredTime(d.updatedAt)); }, true},
    {"stage_entered_at", [](const Deal& d) { return QVariant(toStoredTime(d.stageEnteredAt)); }, true},
    {"version", [](const Deal& d) { return QVariant(qint64(d.version)); }, false},
};

// With the id for a deal that keeps its own (undo of a delete, a restore),
// without it for a new one (the engine gives the next id; a server's
// identity column takes no NULL for "the next one").
const QByteArray& insertStatement(bool withId)
{
    static const auto build = [](bool id) {
        QStringList names;
        QStringList marks;
        for (const DealColumn& column : Columns) {
            if (id || qstrcmp(column.name, "id") != 0) {
                names << QString::fromLatin1(column.name);
                marks << QStringLiteral("?");
            }
        }
        return QStringLiteral("INSERT INTO deals (%1) VALUES (%2) RETURNING id")
            .arg(names.join(QStringLiteral(", ")), marks.join(QStringLiteral(", ")))
            .toUtf8();
    };
    static const QByteArray withIdSql = build(true);
    static const QByteArray newIdSql = build(false);
    return withId ? withIdSql : newIdSql;
}

const QString& updateStatement()
{
    static const QString sql = [] {
        QStringList sets;
        for (const DealColumn& column : Columns) {
            if (column.updated) {
                sets << QStringLiteral("%1 = ?").arg(QLatin1String(column.name));
            }
        }
        return QStringLiteral("UPDATE deals SET %1, version = version + 1 WHERE id = ? AND version = ?")
            .arg(sets.join(QStringLiteral(", ")));
    }();
    return sql;
}

} // namespace

Result<void> DealRepository::insert(Deal& deal)
{
    if (Result<void> linked = m_contacts.linkParties(deal); !linked) {
        return linked;
    }
    const bool withId = deal.id > 0;
    if (withId && m_database.derivedByServer()) {
        // A deal brought back (undo of a delete): the server keeps deleted
        // deals, with their history, activities and notes, and restores
        // them under their own ids; nobody else chooses an id.
        QSqlQuery& restore = m_database.prepared(QStringLiteral("SELECT dealboard_restore_deal(?)"));
        restore.addBindValue(qint64(deal.id));
        if (!restore.exec()) {
            return m_database.storageError(QStringLiteral("bring the deal back"), restore);
        }
        restore.finish();
        return {};
    }
    // Seeds and imports write hundreds of thousands: a kept statement
    // through the engine's C API (RawQuery), not Qt SQL.
    RawQuery query(m_database, insertStatement(withId).constData(), RawQuery::Keep);
    deal.version = 1;
    int index = 0;
    for (const DealColumn& column : Columns) {
        if (withId || qstrcmp(column.name, "id") != 0) {
            query.bind(++index, column.value(deal));
        }
    }
    const std::int64_t id = query.insert();
    if (id == 0) {
        return m_database.rawError(QStringLiteral("save the new deal"), query);
    }
    deal.id = id;
    if (withId) {
        return m_database.backend().keepDealIdsAbove(qint64(deal.id));
    }
    return {};
}

bool DealRepository::restoresWhole() const
{
    return m_database.derivedByServer();
}

bool DealRepository::undoesOnServer() const
{
    return m_database.derivedByServer();
}

Result<void> DealRepository::update(Deal& deal)
{
    if (Result<void> linked = m_contacts.linkParties(deal); !linked) {
        return linked;
    }
    QSqlQuery& query = m_database.prepared(updateStatement());
    for (const DealColumn& column : Columns) {
        if (column.updated) {
            query.addBindValue(column.value(deal));
        }
    }
    query.addBindValue(qint64(deal.id));
    query.addBindValue(qint64(deal.version));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("save the deal"), query);
    }
    const int changed = query.numRowsAffected();
    query.finish();
    if (changed != 1) {
        return makeError(
            ErrorCode::StaleVersion,
            QStringLiteral("Deal %1 changed elsewhere since it was read; nothing was saved.").arg(deal.id));
    }
    ++deal.version;
    return {};
}

Result<void> DealRepository::remove(DealId id, std::int64_t version)
{
    // A member deletes through the server's archive, which keeps the deal
    // for its undo; nobody but the tables' owner deletes rows themselves.
    const bool archived = m_database.derivedByServer();
    QSqlQuery& query = m_database.prepared(archived ? QStringLiteral("SELECT dealboard_delete_deal(?, ?)")
                                                    : QStringLiteral("DELETE FROM deals WHERE id = ? AND version = ?"));
    query.addBindValue(qint64(id));
    query.addBindValue(qint64(version));
    if (!query.exec() || (archived && !query.next())) {
        return m_database.storageError(QStringLiteral("delete the deal"), query);
    }
    const int changed = archived ? int(query.value(0).toBool()) : query.numRowsAffected();
    query.finish();
    if (changed != 1) {
        return makeError(ErrorCode::StaleVersion,
                         QStringLiteral("Deal %1 changed elsewhere since it was read; it was not deleted.").arg(id));
    }
    return {};
}

// Seeds and imports write hundreds of thousands of these: a kept statement
// through SQLite's C API, slugs bound without copies.
Result<void> DealRepository::insertHistory(HistoryEntry& entry)
{
    if (m_database.derivedByServer()) {
        // The server writes a member's history from the deal's own change.
        return {};
    }
    RawQuery query(m_database,
                   "INSERT INTO stage_history (deal_id, from_stage, to_stage, from_status, to_status, at, actor, "
                   "entered_before, reason_before, undone, undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                   "RETURNING id",
                   RawQuery::Keep);
    query.bind(1, std::int64_t(entry.dealId));
    if (entry.fromStage) {
        query.bindStatic(2, stageInfo(*entry.fromStage).slug);
    } else {
        query.bindNull(2);
    }
    query.bindStatic(3, stageInfo(entry.toStage).slug);
    if (entry.fromStatus) {
        query.bind(4, statusSlug(*entry.fromStatus));
    } else {
        query.bindNull(4);
    }
    query.bind(5, statusSlug(entry.toStatus));
    query.bind(6, toStoredTime(entry.at));
    query.bind(7, nonNull(entry.actor));
    if (entry.enteredBefore.isValid()) {
        query.bind(8, toStoredTime(entry.enteredBefore));
    } else {
        query.bindNull(8);
    }
    if (entry.fromStatus == DealStatus::Lost) {
        query.bind(9, nonNull(entry.reasonBefore));
    } else {
        query.bindNull(9);
    }
    query.bind(10, std::int64_t(entry.undone ? 1 : 0));
    if (entry.undoes > 0) {
        query.bind(11, entry.undoes);
    } else {
        query.bindNull(11);
    }
    entry.id = query.insert();
    if (entry.id == 0) {
        return m_database.rawError(QStringLiteral("record the stage history"), query);
    }
    return {};
}

Result<std::int64_t> DealRepository::latestStep(DealId id)
{
    RawQuery query(m_database, "SELECT max(id) FROM stage_history WHERE deal_id = ?");
    query.bind(1, std::int64_t(id));
    std::int64_t step = 0;
    if (query.next()) {
        step = query.int64(0);
    }
    if (query.failed()) {
        return m_database.rawError(QStringLiteral("read the deal's history"), query);
    }
    return step;
}

Result<void> DealRepository::markUndone(std::int64_t step, bool undone)
{
    QSqlQuery& query = m_database.prepared(QStringLiteral("UPDATE stage_history SET undone = ? WHERE id = ?"));
    query.addBindValue(qint64(undone ? 1 : 0));
    query.addBindValue(qint64(step));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("mark the step undone"), query);
    }
    query.finish();
    return {};
}

Result<void> DealRepository::undoOnServer(DealId id, std::int64_t step, bool redo)
{
    QSqlQuery& query = m_database.prepared(redo ? QStringLiteral("SELECT dealboard_redo_step(?, ?)")
                                                : QStringLiteral("SELECT dealboard_undo_step(?, ?)"));
    query.addBindValue(qint64(id));
    query.addBindValue(qint64(step));
    if (!query.exec()) {
        return m_database.storageError(redo ? QStringLiteral("redo the step") : QStringLiteral("undo the step"), query);
    }
    query.finish();
    return {};
}

} // namespace dealboard
