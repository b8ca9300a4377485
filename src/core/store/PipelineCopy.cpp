// store::copyPipeline: every table from one pipeline to another, a file
// to a server or back, all or nothing, ids and id sequences kept. The
// target's backend takes the rows in (COPY on a server, one kept INSERT per
// table in a file).
#include "Database.h"
#include "RawQuery.h"
#include "ServerSchema.h"
#include "StoreOpening.h"
#include "dealboard/DealStore.h"
#include "dealboard/PipelineLocation.h"
#include "dealboard/ServerAddress.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <spdlog/spdlog.h>

namespace dealboard {

namespace {

struct Table
{
    const char* name;
    const char* columns;
    const char* order;
    bool autoincrement; // on a file, an AUTOINCREMENT counter to carry over
    bool identity; // on a server, an identity sequence to set
};

// In the order their foreign keys allow; the columns are the same on both engines.
const Table Tables[] = {
    {"organizations", "id, name, industry, size, region, website, notes", "id", true, true},
    {"people", "id, name, email, phone, role, organization_id, notes", "id", true, true},
    {"organization_tags", "organization_id, tag", "organization_id, tag", false, false},
    {"person_tags", "person_id, tag", "person_id, tag", false, false},
    {"segment_rules", "tag, min_touch_days", "tag", false, false},
    {"settings", "key, value", "key", false, false},
    {"stage_goals", "stage, target_conversion_bp, target_median_days", "stage", false, false},
    {"stage_probabilities", "stage, percent", "stage", false, false},
    {"stage_stall_marks", "stage, learned, days", "stage", false, false},
    {"stage_rules", "requirement, stage, moment", "requirement", false, false},
    {"quotas", "owner, month, currency, amount_minor", "owner, month, currency", false, false},
    {"exchange_rates", "currency, base, date, numerator, denominator", "currency, base, date", false, false},
    {"deals",
     "id, title, owner, stage, status, value_minor, currency, expected_close, willing, need, budget, lost_reason, "
     "created_at, updated_at, stage_entered_at, version, organization_id, person_id, origin_deal_id, "
     "probability_percent",
     "id", true, true},
    {"stage_history",
     "id, deal_id, from_stage, to_stage, from_status, to_status, at, actor, entered_before, reason_before, undone, "
     "undoes",
     "id", false, true},
    {"activities", "id, deal_id, person_id, kind, subject, due_date, due_time, done, done_at, notes, created_at", "id",
     true, true},
    {"notes", "id, deal_id, author, body, created_at", "id", true, true},
    {"stage_plan", "id, stage, position, text, required, removed", "id", true, true},
    {"plan_ticks", "deal_id, step_id, ticked, changed_at", "deal_id, step_id", false, false},
    {"custom_fields", "id, key, name, type, choices, position, on_card, stage, moment, removed", "id", true, true},
    {"deal_fields", "deal_id, field_id, value, changed_at", "deal_id, field_id", false, false},
    {"change_log", "id, changed_at, actor, table_name, row_key, deal_id, action, changes", "id", true, true},
    {"contact_merges", "id, kind, keep_id, other_id, other_row, moved, keep_notes, note, merged_by, merged_at, undone",
     "id", true, true},
    {"forecast_snapshots",
     "taken_on, bucket, owner, currency, open_deals, open_minor, claimed_minor, empirical_minor, won_minor, taken_at, "
     "taken_by",
     "taken_on, bucket, owner, currency", false, false},
};

int columnCount(const char* columns)
{
    return static_cast<int>(QByteArray(columns).count(',')) + 1;
}

Error copyFailed(const QString& from, const QString& to, const QString& why)
{
    spdlog::error("Copying {} to {} failed: {}", from.toStdString(), to.toStdString(), why.toStdString());
    return makeError(
        ErrorCode::Storage,
        QStringLiteral("Couldn't copy %1 to %2: %3 Nothing was copied; the target is as it was.").arg(from, to, why));
}

CopyTable copyTable(const Table& table)
{
    return CopyTable {table.name, table.columns, columnCount(table.columns), table.autoincrement, table.identity};
}

// The last id each table's sequence gave.
Result<std::vector<std::pair<const Table*, qint64>>> sequences(Database& database)
{
    std::vector<std::pair<const Table*, qint64>> values;
    for (const Table& table : Tables) {
        if (!table.identity) {
            continue;
        }
        Result<qint64> value = database.backend().lastId(copyTable(table));
        if (!value) {
            return value.error();
        }
        values.emplace_back(&table, value.value());
    }
    return values;
}

} // namespace

namespace store {

Result<CopyCounts> copyPipeline(const QString& from, const QString& to, const Progress& progress)
{
    const bool newFile = !PipelineLocation::isAddress(to) && !QFileInfo::exists(to);
    Result<CopyCounts> copied = copyRows(from, to, progress);
    if (!copied && newFile && QFileInfo::exists(to)) {
        // All or nothing: a file this copy made goes again.
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            QFile::remove(to + QLatin1String(suffix));
        }
    }
    return copied;
}

Result<CopyCounts> copyRows(const QString& from, const QString& to, const Progress& progress)
{
    QElapsedTimer timer;
    timer.start();
    const bool targetIsServer = PipelineLocation::isAddress(to);
    if (!PipelineLocation::isAddress(from) && !QFileInfo::exists(from)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("There is no pipeline file '%1' to copy from.").arg(from));
    }
    Result<std::unique_ptr<DealStore>> source = open(from);
    if (!source) {
        return source.error();
    }
    if (targetIsServer) {
        // A new database gets the structure first; a database with a
        // pipeline in it is checked below for rows.
        Result<void> created = initServer(to);
        if (!created && created.error().code != ErrorCode::InvalidInput) {
            return created.error();
        }
    }
    Result<std::unique_ptr<DealStore>> opened = open(to);
    if (!opened) {
        return opened.error();
    }
    DealStore& target = *opened.value();
    Database& in = *source.value()->m_database;
    Database& out = *target.m_database;
    if (in.path() == out.path()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 is both the source and the target of the copy; "
                                        "name two pipelines.")
                             .arg(in.path()));
    }
    const QString shownFrom = in.path();
    const QString shownTo = out.path();

    Result<WriteTransaction> transaction = target.beginWrite();
    if (!transaction) {
        return transaction.error();
    }
    // The source's change log comes along, and rows may point ahead.
    if (Result<void> ready = out.backend().beginCopyIn(); !ready) {
        return ready.error();
    }
    // Rows that must already be there: the target holds none.
    for (const Table& table : Tables) {
        RawQuery any(out, (QByteArray("SELECT 1 FROM ") + table.name + " LIMIT 1").constData());
        if (any.next()) {
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("%1 already holds %2. A copy goes into a new pipeline or one just made "
                                            "with init, so that nothing in it is mixed or lost; it was left "
                                            "untouched.")
                                 .arg(shownTo, QString::fromLatin1(table.name)));
        }
        if (any.failed()) {
            return out.rawError(QStringLiteral("read the target"), any);
        }
    }
    // The codes the source kept outside ISO 4217 (MinorUnits.h): the target
    // holds ISO's own, and a deal's currency must be one of them.
    RawQuery nonIso(in, "SELECT code, digits, name FROM currencies WHERE iso = 0 ORDER BY code");
    while (nonIso.next()) {
        QSqlQuery insert(out.connection());
        insert.prepare(QStringLiteral("INSERT INTO currencies (code, digits, name, iso) VALUES (?, ?, ?, 0)"));
        insert.addBindValue(nonIso.text(0));
        insert.addBindValue(static_cast<qlonglong>(nonIso.int64(1)));
        insert.addBindValue(nonIso.text(2));
        if (!insert.exec()) {
            return out.storageError(QStringLiteral("copy the currencies"), insert);
        }
    }
    if (nonIso.failed()) {
        return in.rawError(QStringLiteral("read the currencies"), nonIso);
    }
    // Every row of the source, for the progress told along the way.
    qint64 total = 0;
    if (progress) {
        for (const Table& table : Tables) {
            RawQuery count(in, (QByteArray("SELECT count(*) FROM ") + table.name).constData());
            if (!count.next()) {
                return in.rawError(QStringLiteral("count %1").arg(QString::fromLatin1(table.name)), count);
            }
            total += count.int64(0);
        }
    }
    CopyCounts counts;
    bool stopped = false;
    const auto goOn = [&](qint64 copiedOfTable) {
        if (progress && copiedOfTable % 1000 == 0
            && !progress(counts.rows + copiedOfTable, std::max<qint64>(total, 1))) {
            stopped = true;
        }
        return !stopped;
    };
    const auto cancelled = [&] {
        spdlog::info("Stopped the copy of {} to {} on request; nothing was kept", shownFrom.toStdString(),
                     shownTo.toStdString());
        return makeError(ErrorCode::Cancelled, QStringLiteral("Stopped: the copy kept nothing in %1.").arg(shownTo));
    };
    for (const Table& table : Tables) {
        const QByteArray select
            = QByteArray("SELECT ") + table.columns + " FROM " + table.name + " ORDER BY " + table.order;
        RawQuery rows(in, select.constData());
        Result<qint64> copied = out.backend().copyIn(
            copyTable(table), rows, in,
            CopyIn {goOn, cancelled, [&](const QString& why) { return copyFailed(shownFrom, shownTo, why); }});
        if (!copied) {
            return copied.error();
        }
        counts.rows += copied.value();
        if (qstrcmp(table.name, "deals") == 0) {
            counts.deals = copied.value();
        }
        spdlog::info("Copied {} row(s) of {} from {} to {}", copied.value(), table.name, shownFrom.toStdString(),
                     shownTo.toStdString());
    }

    // The id sequences: what the source would give next, the target gives next.
    Result<std::vector<std::pair<const Table*, qint64>>> kept = sequences(in);
    if (!kept) {
        return kept.error();
    }
    for (const auto& [described, value] : kept.value()) {
        if (value <= 0) {
            continue;
        }
        if (Result<void> set = out.backend().setLastId(copyTable(*described), value); !set) {
            return set.error();
        }
    }
    if (Result<void> committed = transaction.value().commit(); !committed) {
        return committed.error();
    }
    counts.milliseconds = timer.elapsed();
    spdlog::info("Copied {} ({} deal(s), {} row(s)) to {} in {} ms", shownFrom.toStdString(), counts.deals, counts.rows,
                 shownTo.toStdString(), counts.milliseconds);
    return counts;
}

} // namespace store

} // namespace dealboard
