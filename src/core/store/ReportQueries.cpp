// The conversion report's SQL.
#include "dealboard/store/ReportQueries.h"

#include "Database.h"
#include "DealRows.h"
#include "KeyedRows.h"
#include "RawQuery.h"
#include "dealboard/StoredTime.h"

#include <QSqlError>
#include <algorithm>
#include <numeric>
#include <sqlite3.h>

namespace dealboard {

using namespace rows;

ReportQueries::ReportQueries(Database& database)
    : m_database(database)
{
}

std::pair<QString, QVariantList> ReportQueries::cohortCondition(const ReportFilter& filter, const QString& table) const
{
    // Times are stored as sortable UTC text, so a calendar range is a text range.
    // Only the bounds that are set become conditions: without any, SQLite reads
    // the table in id order and needs no sort.
    QStringList conditions {QStringLiteral("1 = 1")};
    QVariantList values;
    if (filter.from.isValid()) {
        conditions << QStringLiteral("%1.created_at >= ?").arg(table);
        values << toStoredTime(QDateTime(filter.from, QTime(0, 0), Qt::UTC));
    }
    if (filter.to.isValid()) {
        // The last millisecond of the day, not the next day's start: the day
        // after 9999-12-31 would not sort as a later text.
        conditions << QStringLiteral("%1.created_at <= ?").arg(table);
        values << toStoredTime(QDateTime(filter.to, QTime(23, 59, 59, 999), Qt::UTC));
    }
    if (!filter.owner.isEmpty()) {
        conditions << QStringLiteral("%1.owner = ?").arg(table);
        values << filter.owner;
    }
    if (filter.fieldId != 0 && filter.fieldValue.isEmpty()) {
        conditions << QStringLiteral("NOT EXISTS (SELECT 1 FROM deal_fields v WHERE v.deal_id = %1.id AND v.field_id "
                                     "= ? AND v.value <> '')")
                          .arg(table);
        values << QVariant::fromValue(qint64(filter.fieldId));
    } else if (filter.fieldId != 0) {
        conditions << QStringLiteral("EXISTS (SELECT 1 FROM deal_fields v WHERE v.deal_id = %1.id AND v.field_id = ? "
                                     "AND v.value = ?)")
                          .arg(table);
        values << QVariant::fromValue(qint64(filter.fieldId)) << filter.fieldValue;
    }
    return {conditions.join(QStringLiteral(" AND ")), values};
}

Result<std::vector<ReportDeal>> ReportQueries::deals(const ReportFilter& filter, bool owners)
{
    const auto [condition, values] = cohortCondition(filter, QStringLiteral("d"));
    // Strings only where the report uses them: the reason of lost deals, the
    // creation time of won ones, the currency only when it is not the
    // report's (it is compared in the database).
    const QString sql = QStringLiteral("SELECT d.id, d.stage, d.status, d.value_minor, d.currency = ?, "
                                       "CASE WHEN d.status = 'lost' THEN d.lost_reason END, "
                                       "CASE WHEN d.status = 'won' THEN d.created_at END, "
                                       "d.origin_deal_id IS NOT NULL, CASE WHEN d.status = 'open' THEN %3 END, "
                                       "CASE WHEN d.currency <> ? THEN d.currency END%2 "
                                       "FROM deals d%4 WHERE %1%5")
                            .arg(condition, owners ? QStringLiteral(", d.owner") : QString(), effectiveProbability(),
                                 StageProbabilityJoin,
                                 m_database.backend().readsInIdOrder() ? QStringLiteral(" ORDER BY d.id") : QString());
    RawQuery query(m_database, sql.toUtf8().constData(), RawQuery::Streamed);
    query.bind(1, filter.currency);
    query.bind(2, filter.currency);
    for (int i = 0; i < values.size(); ++i) {
        query.bind(i + 3, values[i]);
    }
    std::vector<ReportDeal> deals;
    while (query.next()) {
        ReportDeal deal;
        deal.id = query.int64(0);
        deal.stage = stageFromSlugBytes(query.bytes(1));
        deal.status = statusFromSlugBytes(query.bytes(2));
        deal.valueMinor = query.int64(3);
        deal.inReportCurrency = query.int64(4) == 1;
        if (!deal.inReportCurrency) {
            deal.currency = query.text(9);
        }
        if (deal.status == DealStatus::Lost) {
            deal.lostReason = query.text(5);
        } else if (deal.status == DealStatus::Won) {
            deal.createdMs = storedTimeToMs(query.bytes(6));
            deal.followUp = query.int64(7) == 1;
        }
        if (deal.status == DealStatus::Open) {
            deal.probabilityPercent = static_cast<int>(query.int64(8));
        }
        if (owners) {
            deal.owner = query.text(10);
        }
        deals.push_back(std::move(deal));
    }
    if (query.failed()) {
        return m_database.rawError(QStringLiteral("read the deals for the report"), query);
    }
    // A file reads them by id (its table's order); a server in any order.
    const auto byId = [](const ReportDeal& a, const ReportDeal& b) { return a.id < b.id; };
    if (!std::is_sorted(deals.begin(), deals.end(), byId)) {
        std::sort(deals.begin(), deals.end(), byId);
    }
    return deals;
}

Result<std::vector<ForecastDeal>> ReportQueries::forecastDeals(const std::optional<QString>& owner)
{
    const QString sql = QStringLiteral("SELECT d.id, d.owner, d.stage, d.status, d.value_minor, d.currency, "
                                       "d.expected_close, d.probability_percent, "
                                       "CASE WHEN d.status = 'won' THEN d.created_at END FROM deals d%1 ORDER BY d.id")
                            .arg(owner ? QStringLiteral(" WHERE d.owner = ?") : QString());
    RawQuery query(m_database, sql.toUtf8().constData(), RawQuery::Streamed);
    if (owner) {
        query.bind(1, *owner);
    }
    std::vector<ForecastDeal> deals;
    SharedTexts shared;
    while (query.next()) {
        ForecastDeal deal;
        deal.id = query.int64(0);
        deal.owner = shared(query.bytes(1));
        deal.stage = stageFromSlugBytes(query.bytes(2));
        deal.status = statusFromSlugBytes(query.bytes(3));
        deal.valueMinor = query.int64(4);
        deal.currency = shared(query.bytes(5));
        if (!query.isNull(6)) {
            deal.expectedClose = fromStoredDate(query.text(6));
        }
        if (!query.isNull(7)) {
            deal.probabilityOverride = static_cast<int>(query.int64(7));
        }
        if (!query.isNull(8)) {
            deal.createdAt = QDateTime::fromMSecsSinceEpoch(storedTimeToMs(query.bytes(8)), Qt::UTC);
        }
        deals.push_back(std::move(deal));
    }
    if (query.failed()) {
        return m_database.rawError(QStringLiteral("read the deals for the forecast"), query);
    }
    return deals;
}

Result<std::map<QString, int>> ReportQueries::activitiesDone(const QDate& from, const QDate& to)
{
    RawQuery query(m_database,
                   "SELECT d.owner, count(*) FROM activities a JOIN deals d ON d.id = a.deal_id "
                   "WHERE a.done = 1 AND a.done_at >= ? AND a.done_at <= ? GROUP BY d.owner");
    query.bind(1, toStoredTime(QDateTime(from, QTime(0, 0), Qt::UTC)));
    query.bind(2, toStoredTime(QDateTime(to, QTime(23, 59, 59, 999), Qt::UTC)));
    std::map<QString, int> done;
    while (query.next()) {
        done[query.text(0)] = static_cast<int>(query.int64(1));
    }
    if (query.failed()) {
        return m_database.rawError(QStringLiteral("count the activities done"), query);
    }
    return done;
}

Result<StageProbabilities> ReportQueries::stageProbabilities()
{
    QSqlQuery& query = m_database.prepared(QStringLiteral("SELECT stage, percent FROM stage_probabilities"));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the win probabilities"), query);
    }
    StageProbabilities probabilities;
    while (query.next()) {
        if (const std::optional<Stage> stage = stageFromSlug(query.value(0).toString())) {
            probabilities.set[stageIndex(*stage)] = query.value(1).toInt();
        }
    }
    query.finish();
    return probabilities;
}

Result<void> ReportQueries::saveStageProbability(Stage stage, std::optional<int> percent)
{
    // Removed when cleared, else inserted or updated in place: the change log
    // then says "percent 35 → 50", not a removal and an addition.
    if (!percent) {
        return removeKeyedRow(m_database, "stage_probabilities", {QStringLiteral("stage")}, {stageSlug(stage)},
                              QStringLiteral("save the win probability"));
    }
    QSqlQuery& insert
        = m_database.prepared(QStringLiteral("INSERT INTO stage_probabilities (stage, percent) VALUES (?, ?) "
                                             "ON CONFLICT (stage) DO UPDATE SET percent = excluded.percent"));
    insert.addBindValue(stageSlug(stage));
    insert.addBindValue(*percent);
    if (!insert.exec()) {
        return m_database.storageError(QStringLiteral("save the win probability"), insert);
    }
    insert.finish();
    return {};
}

Result<std::vector<Quota>> ReportQueries::quotas(const std::optional<QString>& month)
{
    QSqlQuery& query = m_database.prepared(
        month ? QStringLiteral("SELECT owner, month, currency, amount_minor FROM quotas WHERE month = ? "
                               "ORDER BY owner, currency")
              : QStringLiteral("SELECT owner, month, currency, amount_minor FROM quotas ORDER BY month, owner, "
                               "currency"));
    if (month) {
        query.addBindValue(*month);
    }
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the quotas"), query);
    }
    std::vector<Quota> quotas;
    while (query.next()) {
        quotas.push_back({query.value(0).toString(),
                          query.value(1).toString(),
                          {query.value(3).toLongLong(), query.value(2).toString()}});
    }
    query.finish();
    return quotas;
}

Result<void> ReportQueries::saveQuota(const QString& owner, const QString& month, const QString& currency,
                                      std::optional<std::int64_t> amountMinor)
{
    if (!amountMinor) {
        return removeKeyedRow(m_database, "quotas",
                              {QStringLiteral("owner"), QStringLiteral("month"), QStringLiteral("currency")},
                              {owner, month, currency}, QStringLiteral("save the quota"));
    }
    QSqlQuery& insert = m_database.prepared(
        QStringLiteral("INSERT INTO quotas (owner, month, currency, amount_minor) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (owner, month, currency) DO UPDATE SET amount_minor = excluded.amount_minor"));
    insert.addBindValue(owner);
    insert.addBindValue(month);
    insert.addBindValue(currency);
    insert.addBindValue(qint64(*amountMinor));
    if (!insert.exec()) {
        return m_database.storageError(QStringLiteral("save the quota"), insert);
    }
    insert.finish();
    return {};
}

// The rows ordered by deal, then by id: the order each deal's steps were
// taken in. Deal ids are small and dense, so the rows are counted into place
// in two passes, which keeps the order they were read in; a file reads them
// in id order, a server in any order, and a deal's few rows are then sorted
// by id. Deal ids far apart (written by another program) are sorted instead.
static std::vector<ReportHistoryRow> orderedByDeal(std::vector<ReportHistoryRow> rows, std::vector<qint64> ids)
{
    DealId highest = 0;
    for (const ReportHistoryRow& row : rows) {
        if (row.dealId < 0) {
            highest = -1;
            break;
        }
        highest = std::max(highest, row.dealId);
    }
    if (highest < 0 || static_cast<std::uint64_t>(highest) > 4 * rows.size() + 1024) {
        if (ids.empty()) {
            std::stable_sort(rows.begin(), rows.end(),
                             [](const ReportHistoryRow& a, const ReportHistoryRow& b) { return a.dealId < b.dealId; });
            return rows;
        }
        std::vector<std::size_t> order(rows.size());
        std::iota(order.begin(), order.end(), std::size_t(0));
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return std::pair(rows[a].dealId, ids[a]) < std::pair(rows[b].dealId, ids[b]);
        });
        std::vector<ReportHistoryRow> ordered;
        ordered.reserve(rows.size());
        for (const std::size_t index : order) {
            ordered.push_back(rows[index]);
        }
        return ordered;
    }
    std::vector<std::uint32_t> start(static_cast<std::size_t>(highest) + 2, 0);
    for (const ReportHistoryRow& row : rows) {
        ++start[static_cast<std::size_t>(row.dealId) + 1];
    }
    for (std::size_t i = 1; i < start.size(); ++i) {
        start[i] += start[i - 1];
    }
    std::vector<ReportHistoryRow> ordered(rows.size());
    if (ids.empty()) {
        // Read in id order: counting keeps each deal's rows in that order.
        for (const ReportHistoryRow& row : rows) {
            ordered[start[static_cast<std::size_t>(row.dealId)]++] = row;
        }
        return ordered;
    }
    std::vector<qint64> orderedIds(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::uint32_t at = start[static_cast<std::size_t>(rows[i].dealId)]++;
        ordered[at] = rows[i];
        orderedIds[at] = ids[i];
    }
    rows = {};
    ids = {};
    // `start` now holds where each deal's rows end.
    std::vector<std::pair<qint64, ReportHistoryRow>> group;
    std::size_t from = 0;
    for (std::size_t deal = 0; deal + 1 < start.size(); ++deal) {
        const std::size_t to = start[deal];
        if (!std::is_sorted(orderedIds.begin() + static_cast<std::ptrdiff_t>(from),
                            orderedIds.begin() + static_cast<std::ptrdiff_t>(to))) {
            group.clear();
            for (std::size_t i = from; i < to; ++i) {
                group.emplace_back(orderedIds[i], ordered[i]);
            }
            std::sort(group.begin(), group.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            for (std::size_t i = from; i < to; ++i) {
                ordered[i] = group[i - from].second;
            }
        }
        from = to;
    }
    return ordered;
}

// About how many rows the history holds, for reading them without growing
// the list again and again: its highest id, which a read of its last page
// finds, bounded so that ids far apart cost nothing.
std::size_t ReportQueries::expectedHistoryRows()
{
    RawQuery query(m_database, "SELECT max(id) FROM stage_history");
    if (!query.next() || query.isNull(0)) {
        return 0;
    }
    return static_cast<std::size_t>(std::clamp<qint64>(query.int64(0), 0, 16 * 1024 * 1024));
}

Result<std::vector<ReportHistoryRow>> ReportQueries::history(const ReportFilter& filter)
{
    // Read in any order (no join, no sort in SQL: a server's sort of every
    // row cost more than ordering them here), keep the cohort's rows, then
    // order them by deal and id.
    std::vector<DealId> cohort;
    const bool everyDeal
        = !filter.from.isValid() && !filter.to.isValid() && filter.owner.isEmpty() && filter.fieldId == 0;
    if (!everyDeal) {
        const auto [condition, values] = cohortCondition(filter, QStringLiteral("d"));
        RawQuery ids(
            m_database,
            QStringLiteral("SELECT d.id FROM deals d WHERE %1 ORDER BY d.id").arg(condition).toUtf8().constData());
        for (int i = 0; i < values.size(); ++i) {
            ids.bind(i + 1, values[i]);
        }
        while (ids.next()) {
            cohort.push_back(ids.int64(0));
        }
        if (ids.failed()) {
            return m_database.rawError(QStringLiteral("read the deals for the report"), ids);
        }
    }
    // A step taken back and the undo's own row count for nothing: the deal
    // is as if the step never was.
    const bool inIdOrder = m_database.backend().readsInIdOrder();
    RawQuery query(m_database,
                   inIdOrder ? "SELECT h.deal_id, h.to_stage, h.to_status, h.at FROM stage_history h "
                               "WHERE h.undone = 0 AND h.undoes IS NULL ORDER BY h.id"
                             : "SELECT h.deal_id, h.to_stage, h.to_status, h.at, h.id FROM stage_history h "
                               "WHERE h.undone = 0 AND h.undoes IS NULL",
                   RawQuery::Streamed);
    std::vector<ReportHistoryRow> rows;
    std::vector<qint64> ids;
    if (everyDeal) {
        const std::size_t expected = expectedHistoryRows();
        rows.reserve(expected);
        if (!inIdOrder) {
            ids.reserve(expected);
        }
    }
    while (query.next()) {
        const DealId dealId = query.int64(0);
        if (!everyDeal && !std::binary_search(cohort.begin(), cohort.end(), dealId)) {
            continue;
        }
        rows.push_back({dealId, stageFromSlugBytes(query.bytes(1)), statusFromSlugBytes(query.bytes(2)),
                        storedTimeToMs(query.bytes(3))});
        if (!inIdOrder) {
            ids.push_back(query.int64(4));
        }
    }
    if (query.failed()) {
        return m_database.rawError(QStringLiteral("read the stage history for the report"), query);
    }
    return orderedByDeal(std::move(rows), std::move(ids));
}

Result<void> ReportQueries::lockForChange(const QString& what)
{
    return m_database.backend().holdNamed(what);
}

Result<StageGoals> ReportQueries::stageGoals()
{
    QSqlQuery& query = m_database.prepared(
        QStringLiteral("SELECT stage, target_conversion_bp, target_median_days FROM stage_goals"));
    if (!query.exec()) {
        return m_database.storageError(QStringLiteral("read the stage goals"), query);
    }
    StageGoals goals {};
    while (query.next()) {
        const std::optional<Stage> stage = stageFromSlug(query.value(0).toString());
        if (!stage) {
            continue;
        }
        StageGoal& goal = goals[stageIndex(*stage)];
        if (!query.value(1).isNull()) {
            goal.targetConversion = query.value(1).toInt() / 10000.0;
        }
        if (!query.value(2).isNull()) {
            goal.targetMedianDays = query.value(2).toInt();
        }
    }
    query.finish();
    return goals;
}

Result<void> ReportQueries::saveStageGoal(Stage stage, const StageGoal& goal)
{
    if (!goal.isSet()) {
        return removeKeyedRow(m_database, "stage_goals", {QStringLiteral("stage")}, {stageSlug(stage)},
                              QStringLiteral("save the stage goal"));
    }
    QSqlQuery& insert = m_database.prepared(
        QStringLiteral("INSERT INTO stage_goals (stage, target_conversion_bp, target_median_days) VALUES (?, ?, ?) "
                       "ON CONFLICT (stage) DO UPDATE SET target_conversion_bp = excluded.target_conversion_bp, "
                       "target_median_days = excluded.target_median_days"));
    insert.addBindValue(stageSlug(stage));
    insert.addBindValue(goal.targetConversion ? QVariant(static_cast<int>(std::lround(*goal.targetConversion * 10000)))
                                              : QVariant(QMetaType::fromType<int>()));
    insert.addBindValue(goal.targetMedianDays ? QVariant(*goal.targetMedianDays)
                                              : QVariant(QMetaType::fromType<int>()));
    if (!insert.exec()) {
        return m_database.storageError(QStringLiteral("save the stage goal"), insert);
    }
    insert.finish();
    return {};
}

} // namespace dealboard
