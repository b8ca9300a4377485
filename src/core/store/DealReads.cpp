// DealRepository's reads: one deal, lists of deals, the board's first
// screenful and sums, the history, and the raw walk the export streams.
#include "Database.h"
#include "DealRows.h"
#include "RawQuery.h"
#include "dealboard/Money.h"
#include "dealboard/Probability.h"
#include "dealboard/store/DealRepository.h"

#include <QSqlError>
#include <limits>
#include <sqlite3.h>

namespace dealboard {

using namespace rows;

DealRepository::DealRepository(Database& database, ContactRepository& contacts)
    : m_database(database)
    , m_contacts(contacts)
{
}

Result<void> DealRepository::lockForChange(DealId id)
{
    return m_database.backend().holdDeal(qint64(id));
}

Result<std::optional<Deal>> DealRepository::find(DealId id)
{
    QSqlQuery& query = m_database.prepared(DealSelect + QStringLiteral(" WHERE d.id = ?"));
    query.addBindValue(qint64(id));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the deal"), query);
    }
    std::optional<Deal> deal;
    if (query.next()) {
        deal = readDeal(query);
    }
    query.finish();
    if (deal) {
        Result<std::vector<std::int64_t>> ticks = planTicks(id);
        if (!ticks) {
            return ticks.error();
        }
        deal->planTicks = std::move(ticks.value());
        Result<std::vector<FieldValue>> values = fieldValues(id);
        if (!values) {
            return values.error();
        }
        deal->fieldValues = std::move(values.value());
    }
    return deal;
}

// The board, the export, the check and the attention report read every deal:
// through SQLite's C API (see RawQuery), stage and status as numbers, and the
// next activities and activity stamps in two ordered passes merged by id
// instead of two subqueries per deal.
Result<std::vector<Deal>> DealRepository::list(const DealFilter& filter)
{
    std::vector<Deal> result;
    if (filter.stage == std::nullopt && filter.owner.isEmpty() && filter.statuses.empty()) {
        // Every deal: room for all at once, rather than growing by doubling.
        RawQuery count(m_database, "SELECT COUNT(*) FROM deals");
        if (count.next()) {
            result.reserve(static_cast<std::size_t>(count.int64(0)));
        }
    }
    if (Result<void> read = forEach(filter, [&result](Deal&& deal) { result.push_back(std::move(deal)); }); !read) {
        return read.error();
    }
    return result;
}

Result<void> DealRepository::forEach(const DealFilter& filter, const std::function<void(Deal&&)>& each)
{
    QString sql = QStringLiteral(
                      "SELECT d.id, d.title, COALESCE(o.name, ''), COALESCE(p.name, ''), COALESCE(p.email, ''), "
                      "COALESCE(p.phone, ''), d.owner, %1, %2, d.value_minor, d.currency, d.expected_close, "
                      "d.willing, d.need, d.budget, d.lost_reason, d.created_at, d.updated_at, d.stage_entered_at, "
                      "d.version, d.organization_id, d.person_id, d.origin_deal_id, d.probability_percent FROM deals d "
                      "LEFT JOIN organizations o ON o.id = d.organization_id LEFT JOIN people p ON p.id = d.person_id "
                      "WHERE 1 = 1")
                      .arg(StageNumber.arg(QStringLiteral("d.stage")), StatusNumber.arg(QStringLiteral("d.status")));
    const QStringList values = appendFilter(sql, filter);
    // Three reads ordered by deal, walked side by side: each deal is whole
    // when it is handed on, and none is kept here.
    RawQuery query(m_database, sql.toUtf8().constData());
    for (int i = 0; i < values.size(); ++i) {
        query.bind(i + 1, values[i]);
    }
    RawQuery next(m_database,
                  "SELECT deal_id, id, kind, subject, due_date, due_time FROM activities WHERE done = 0 "
                  "ORDER BY deal_id, due_date, COALESCE(due_time, '24:00'), id");
    RawQuery stamps(m_database,
                    "SELECT deal_id, COUNT(*) + SUM(done) FROM activities GROUP BY deal_id ORDER BY deal_id");
    bool nextRow = next.next();
    bool stampRow = stamps.next();
    char16_t buffer[32];
    QString spill;
    QString currency; // shared between deals in the same currency
    SharedTexts shared;
    SharedTexts subjects;
    while (query.next()) {
        Deal deal;
        deal.id = query.int64(0);
        deal.title = query.text(1);
        deal.company = shared(query.bytes(2));
        deal.contactName = shared(query.bytes(3));
        deal.email = shared(query.bytes(4));
        deal.phone = shared(query.bytes(5));
        deal.owner = shared(query.bytes(6));
        deal.stage = stageFromNumber(static_cast<int>(query.int64(7)));
        deal.status = statusFromNumber(static_cast<int>(query.int64(8)));
        deal.value.minor = query.int64(9);
        const QStringView code = query.shortText(10, buffer, spill);
        if (code != currency) {
            currency = code.toString();
        }
        deal.value.currency = currency;
        if (!query.isNull(11)) {
            deal.expectedClose = fromStoredDate(query.shortText(11, buffer, spill));
        }
        deal.qualification.willing = query.int64(12) != 0;
        deal.qualification.need = query.int64(13) != 0;
        deal.qualification.budget = query.int64(14) != 0;
        deal.lostReason = query.text(15);
        deal.createdAt = fromStoredTime(query.shortText(16, buffer, spill));
        deal.updatedAt = fromStoredTime(query.shortText(17, buffer, spill));
        deal.stageEnteredAt = fromStoredTime(query.shortText(18, buffer, spill));
        deal.version = query.int64(19);
        deal.organizationId = query.int64(20);
        deal.personId = query.int64(21);
        deal.originDealId = query.int64(22);
        if (!query.isNull(23)) {
            deal.probabilityPercent = static_cast<int>(query.int64(23));
        }
        while (nextRow && next.int64(0) < deal.id) {
            nextRow = next.next();
        }
        if (nextRow && next.int64(0) == deal.id) {
            // The first of the deal's open activities is its next one.
            NextActivity activity;
            activity.id = next.int64(1);
            activity.kind = activityKindFromSlug(next.text(2)).value_or(ActivityKind::Task);
            activity.subject = subjects(next.bytes(3));
            activity.dueDate = fromStoredDate(next.shortText(4, buffer, spill));
            if (!next.isNull(5)) {
                activity.dueTime = QTime::fromString(next.text(5), QStringLiteral("HH:mm"));
            }
            deal.nextActivity = std::move(activity);
        }
        while (stampRow && stamps.int64(0) < deal.id) {
            stampRow = stamps.next();
        }
        if (stampRow && stamps.int64(0) == deal.id) {
            deal.activityStamp = stamps.int64(1);
        }
        each(std::move(deal));
    }
    if (query.failed()) {
        return m_database.rawError(QStringLiteral("read the deals"), query);
    }
    if (next.failed()) {
        return m_database.rawError(QStringLiteral("read the deals' next activities"), next);
    }
    if (stamps.failed()) {
        return m_database.rawError(QStringLiteral("read the deals' activities"), stamps);
    }
    return {};
}

Result<void> DealRepository::scanRows(const DealFilter& filter, const std::function<bool(const DealCsvRow&)>& row,
                                      bool streamed)
{
    QString sql = QStringLiteral(
        "SELECT d.id, d.title, COALESCE(o.name, ''), COALESCE(p.name, ''), COALESCE(p.email, ''), "
        "COALESCE(p.phone, ''), d.owner, d.stage, d.status, d.value_minor, d.currency, d.expected_close, d.willing, "
        "d.need, d.budget, d.lost_reason, d.created_at, d.stage_entered_at FROM deals d "
        "LEFT JOIN organizations o ON o.id = d.organization_id LEFT JOIN people p ON p.id = d.person_id WHERE 1 = 1");
    const QStringList values = appendFilter(sql, filter);
    RawQuery query(m_database, sql.toUtf8().constData(), streamed ? RawQuery::Streamed : RawQuery::Once);
    for (int i = 0; i < values.size(); ++i) {
        query.bind(i + 1, values[i]);
    }
    DealCsvRow current;
    while (query.next()) {
        current.id = query.int64(0);
        current.title = query.bytes(1);
        current.company = query.bytes(2);
        current.contact = query.bytes(3);
        current.email = query.bytes(4);
        current.phone = query.bytes(5);
        current.owner = query.bytes(6);
        current.stage = query.bytes(7);
        current.status = query.bytes(8);
        current.valueMinor = query.int64(9);
        current.currency = query.bytes(10);
        current.expectedClose = query.bytes(11);
        current.willing = query.int64(12) != 0;
        current.need = query.int64(13) != 0;
        current.budget = query.int64(14) != 0;
        current.lostReason = query.bytes(15);
        current.createdAt = query.bytes(16);
        current.stageEnteredAt = query.bytes(17);
        if (!row(current)) {
            return {};
        }
    }
    if (query.failed()) {
        return m_database.rawError(QStringLiteral("read the deals"), query);
    }
    return {};
}

Result<std::vector<Deal>> DealRepository::newestInStage(Stage stage, int limit)
{
    QSqlQuery& query = m_database.prepared(DealSelect
                                           + QStringLiteral(" WHERE d.stage = ? AND d.status <> 'lost' "
                                                            "ORDER BY d.stage_entered_at DESC, d.id DESC LIMIT ?"));
    query.addBindValue(stageSlug(stage));
    query.addBindValue(limit);
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the deals"), query);
    }
    std::vector<Deal> result;
    while (query.next()) {
        result.push_back(readDeal(query));
    }
    query.finish();
    return result;
}

Result<std::vector<StageAggregate>> DealRepository::stageAggregates()
{
    // The stages' win probabilities, set by a manager or the defaults.
    StageProbabilities probabilities;
    {
        RawQuery set(m_database, "SELECT stage, percent FROM stage_probabilities");
        while (set.next()) {
            probabilities.set[stageIndex(stageFromSlugBytes(set.bytes(0)))] = static_cast<int>(set.int64(1));
        }
        if (set.failed()) {
            return m_database.rawError(QStringLiteral("read the stages' win probabilities"), set);
        }
    }
    // Grouped by the deal's own probability too (a file keeps these rows in
    // a table of their own; a server sums them inside an index), so that the
    // stage's probability is applied here. The weighted values are added
    // exactly and rounded once per group of stage, status and currency
    // (WeightedSum).
    RawQuery query(m_database, m_database.backend().stageTotalsSql());
    std::vector<StageAggregate> result;
    std::vector<WeightedSum> weighted;
    while (query.next()) {
        const Stage stage = stageFromSlugBytes(query.bytes(0));
        const DealStatus status = statusFromSlugBytes(query.bytes(1));
        QString currency = query.text(2);
        if (result.empty() || result.back().stage != stage || result.back().status != status
            || result.back().currency != currency) {
            result.push_back({stage, status, std::move(currency), 0, 0, 0});
            weighted.emplace_back();
        }
        StageAggregate& aggregate = result.back();
        const std::optional<int> own
            = query.isNull(3) ? std::nullopt : std::optional<int>(static_cast<int>(query.int64(3)));
        // In millions and the rest, so that no SUM overflows however many
        // deals hold the largest value; what the total cannot hold saturates.
        const int percent = probabilities.forDeal(stage, own);
        aggregate.deals += static_cast<int>(query.int64(4));
        if (query.isNull(5) || query.isNull(6)) {
            // A sum past 64 bits, which only another program can have written.
            aggregate.valueMinor = std::numeric_limits<std::int64_t>::max();
            weighted.back().add(std::numeric_limits<std::int64_t>::max(), 100);
            continue;
        }
        const std::int64_t millions = query.int64(5);
        const std::int64_t rest = query.int64(6);
        aggregate.valueMinor
            = addMoney(aggregate.valueMinor, roundHundredths((WideInt(millions) * 1'000'000 + rest) * 100));
        weighted.back().add(millions, percent * 1'000'000);
        weighted.back().add(rest, percent);
    }
    if (query.failed()) {
        return m_database.rawError(QStringLiteral("sum up the stages"), query);
    }
    for (std::size_t i = 0; i < result.size(); ++i) {
        result[i].weightedMinor = weighted[i].minor();
    }
    return result;
}

Result<std::vector<HistoryEntry>> DealRepository::history(DealId id)
{
    QSqlQuery& query
        = m_database.prepared(QStringLiteral("SELECT id, deal_id, from_stage, to_stage, from_status, to_status, at, "
                                             "actor, entered_before, reason_before, undone, undoes FROM stage_history "
                                             "WHERE deal_id = ? ORDER BY id"));
    query.addBindValue(qint64(id));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the deal's history"), query);
    }
    std::vector<HistoryEntry> entries;
    while (query.next()) {
        entries.push_back(readHistory(query));
    }
    query.finish();
    return entries;
}

Result<std::vector<HistoryEntry>> DealRepository::allHistory()
{
    QSqlQuery& query
        = m_database.prepared(QStringLiteral("SELECT id, deal_id, from_stage, to_stage, from_status, to_status, at, "
                                             "actor, entered_before, reason_before, undone, undoes FROM stage_history "
                                             "ORDER BY deal_id, id"));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the stage history"), query);
    }
    std::vector<HistoryEntry> entries;
    while (query.next()) {
        entries.push_back(readHistory(query));
    }
    query.finish();
    return entries;
}

Result<QStringList> DealRepository::owners()
{
    QSqlQuery& query
        = m_database.prepared(QStringLiteral("SELECT DISTINCT owner FROM deals WHERE owner <> '' ORDER BY owner"));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the owners"), query);
    }
    QStringList result;
    while (query.next()) {
        result << query.value(0).toString();
    }
    query.finish();
    return result;
}

Result<std::vector<std::pair<DealId, std::int64_t>>> DealRepository::versions()
{
    std::vector<std::pair<DealId, std::int64_t>> versions;
    {
        RawQuery query(m_database, "SELECT id, version FROM deals ORDER BY id");
        while (query.next()) {
            versions.emplace_back(query.int64(0), query.int64(1));
        }
        if (query.failed()) {
            return m_database.rawError(QStringLiteral("read the deals"), query);
        }
    }
    // The activity stamps, merged in by id (Deal::cardStamp).
    RawQuery stamps(m_database,
                    "SELECT deal_id, COUNT(*) + SUM(done) FROM activities GROUP BY deal_id ORDER BY deal_id");
    std::size_t at = 0;
    while (stamps.next()) {
        const DealId dealId = stamps.int64(0);
        while (at < versions.size() && versions[at].first < dealId) {
            versions[at].second = Deal::cardStamp(versions[at].second, 0);
            ++at;
        }
        if (at < versions.size() && versions[at].first == dealId) {
            versions[at].second = Deal::cardStamp(versions[at].second, stamps.int64(1));
            ++at;
        }
    }
    if (stamps.failed()) {
        return m_database.rawError(QStringLiteral("read the deals' activities"), stamps);
    }
    return versions;
}

} // namespace dealboard
