// Reading the board: everything at once, or the newest deals of each stage
// first and the rest on a connection of its own in the background; and which
// cards an organization or person changed elsewhere touches.
#include "board/BoardModel.h"
#include "dealboard/ChangeLog.h"
#include "dealboard/service/PipelineOpener.h"

#include <QThread>
#include <algorithm>
#include <cstring>
#include <limits>
#include <spdlog/spdlog.h>

namespace dealboard::gui {

quint32 BoardTexts::share(const QString& text)
{
    if (text.isEmpty()) {
        return 0;
    }
    const auto found = m_index.constFind(text);
    if (found != m_index.constEnd()) {
        return found.value();
    }
    const auto index = static_cast<quint32>(m_shared.size());
    m_shared.push_back(text);
    m_index.insert(text, index);
    return index;
}

const char* BoardTexts::keep(std::string_view bytes)
{
    if (bytes.size() > m_lastSize - m_lastUsed) {
        // A text longer than a block gets a block of its own.
        m_lastSize = std::max(BlockSize, bytes.size());
        m_blocks.push_back(std::make_unique_for_overwrite<char[]>(m_lastSize));
        m_lastUsed = 0;
    }
    char* at = m_blocks.back().get() + m_lastUsed;
    if (!bytes.empty()) {
        std::memcpy(at, bytes.data(), bytes.size());
    }
    m_lastUsed += bytes.size();
    return at;
}

namespace {

constexpr qint64 NoTime = std::numeric_limits<qint64>::min();
constexpr qint32 NoDay = std::numeric_limits<qint32>::min();

qint64 msOf(const QDateTime& time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : NoTime;
}

QDateTime timeOf(qint64 ms)
{
    return ms == NoTime ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

// A day as the entry keeps it: dates past what 32 bits hold are not stored.
std::optional<qint32> dayOf(const QDate& date)
{
    if (!date.isValid() || date.toJulianDay() < std::numeric_limits<qint32>::min()
        || date.toJulianDay() > std::numeric_limits<qint32>::max()) {
        return std::nullopt;
    }
    return static_cast<qint32>(date.toJulianDay());
}

} // namespace

// With the map's own two words, an entry fills a 176-byte allocation: a
// million deals hold about 176 MB of entries.
static_assert(sizeof(BoardEntry) <= 152, "a board entry grew past its allocation");

BoardEntry BoardEntry::of(const Deal& deal, BoardTexts& texts)
{
    BoardEntry entry;
    const QByteArray key = (deal.title + QLatin1Char('\n') + deal.company + QLatin1Char('\n') + deal.contactName)
                               .toCaseFolded()
                               .toUtf8();
    const QByteArray title = deal.title.toUtf8();
    entry.keyLength = static_cast<quint32>(key.size());
    entry.titleLength = static_cast<quint32>(title.size());
    QByteArray both;
    both.reserve(key.size() + title.size());
    both.append(key).append(title);
    entry.text = texts.keep(std::string_view(both.constData(), static_cast<std::size_t>(both.size())));
    entry.enteredMs = deal.stageEnteredAt.toMSecsSinceEpoch();
    entry.statusCode = static_cast<quint8>(deal.status);
    entry.stageCode = static_cast<quint8>(deal.stage);
    entry.id = deal.id;
    entry.valueMinor = deal.value.minor;
    entry.createdMs = msOf(deal.createdAt);
    entry.updatedMs = msOf(deal.updatedAt);
    if (deal.stageEnteredAt.isValid()) {
        entry.flags |= ValidTimes;
    }
    entry.version = deal.version;
    entry.activityStamp = deal.activityStamp;
    entry.organizationId = deal.organizationId;
    entry.personId = deal.personId;
    entry.originDealId = deal.originDealId;
    if (deal.probabilityPercent) {
        entry.probability = static_cast<qint8>(std::clamp(*deal.probabilityPercent, 0, 100));
    }
    if (deal.qualification.willing) {
        entry.flags |= Willing;
    }
    if (deal.qualification.need) {
        entry.flags |= Need;
    }
    if (deal.qualification.budget) {
        entry.flags |= Budget;
    }
    if (const std::optional<qint32> day = dayOf(deal.expectedClose)) {
        entry.closeDay = *day;
        entry.flags |= HasClose;
    }
    if (deal.nextActivity) {
        const NextActivity& next = *deal.nextActivity;
        entry.nextId = next.id;
        entry.nextKindCode = static_cast<quint8>(next.kind);
        entry.nextSubject = texts.share(next.subject);
        entry.nextDueDay = dayOf(next.dueDate).value_or(NoDay);
        entry.flags |= HasNext;
        entry.nextDueMinute
            = next.dueTime.isValid() ? static_cast<qint16>(next.dueTime.msecsSinceStartOfDay() / 60'000) : qint16(-1);
    }
    entry.company = texts.share(deal.company);
    entry.contact = texts.share(deal.contactName);
    entry.email = texts.share(deal.email);
    entry.phone = texts.share(deal.phone);
    entry.owner = texts.share(deal.owner);
    entry.lostReason = texts.share(deal.lostReason);
    entry.currency = texts.share(deal.value.currency);
    return entry;
}

std::optional<NextActivity> BoardEntry::nextActivity(const BoardTexts& texts) const
{
    if (!(flags & HasNext)) {
        return std::nullopt;
    }
    NextActivity next;
    next.id = nextId;
    next.kind = static_cast<ActivityKind>(nextKindCode);
    next.subject = texts.shared(nextSubject);
    next.dueDate = nextDueDay == NoDay ? QDate() : QDate::fromJulianDay(nextDueDay);
    if (nextDueMinute >= 0) {
        next.dueTime = QTime(nextDueMinute / 60, nextDueMinute % 60);
    }
    return next;
}

Deal BoardEntry::deal(const BoardTexts& texts) const
{
    Deal deal;
    deal.id = id;
    deal.title = title();
    deal.company = texts.shared(company);
    deal.contactName = texts.shared(contact);
    deal.email = texts.shared(email);
    deal.phone = texts.shared(phone);
    deal.organizationId = organizationId;
    deal.personId = personId;
    deal.originDealId = originDealId;
    deal.owner = texts.shared(owner);
    deal.stage = stage();
    deal.status = status();
    deal.value.minor = valueMinor;
    deal.value.currency = texts.shared(currency);
    deal.expectedClose = expectedClose();
    deal.qualification.willing = (flags & Willing) != 0;
    deal.qualification.need = (flags & Need) != 0;
    deal.qualification.budget = (flags & Budget) != 0;
    deal.lostReason = texts.shared(lostReason);
    if (probability >= 0) {
        deal.probabilityPercent = probability;
    }
    deal.createdAt = timeOf(createdMs);
    deal.updatedAt = timeOf(updatedMs);
    deal.stageEnteredAt = flags & ValidTimes ? QDateTime::fromMSecsSinceEpoch(enteredMs, Qt::UTC) : QDateTime();
    deal.version = version;
    deal.nextActivity = nextActivity(texts);
    deal.activityStamp = activityStamp;
    return deal;
}

void BoardModel::noteLastChange()
{
    if (Result<qint64> last = m_service.reads().lastChange()) {
        m_lastChangeSeen = last.value();
    }
}

bool BoardModel::addDealsOfChangedContacts(std::vector<DealId>& changedIds)
{
    if (m_lastChangeSeen <= 0) {
        noteLastChange();
        return true;
    }
    constexpr int Enough = 2000;
    ChangeQuery query;
    query.afterId = m_lastChangeSeen;
    query.tables = {QStringLiteral("organizations"), QStringLiteral("people")};
    query.limit = Enough;
    Result<std::vector<ChangeEntry>> changes = m_service.reads().changes(query);
    if (!changes) {
        spdlog::debug("Couldn't read the changes made elsewhere: {}", changes.error().message.toStdString());
        return true;
    }
    if (changes.value().size() >= static_cast<std::size_t>(Enough)) {
        return false;
    }
    std::unordered_set<std::int64_t> organizations;
    std::unordered_set<std::int64_t> people;
    for (const ChangeEntry& change : changes.value()) {
        m_lastChangeSeen = std::max(m_lastChangeSeen, change.id);
        if (change.action != u"update") {
            continue; // a new one has no deals yet; a removed one changed its deals
        }
        if (change.table == u"organizations") {
            organizations.insert(change.row.toLongLong());
        } else if (change.table == u"people") {
            people.insert(change.row.toLongLong());
        }
    }
    if (organizations.empty() && people.empty()) {
        return true;
    }
    for (const auto& [id, entry] : m_entries) {
        if (organizations.contains(entry.organizationId) || people.contains(entry.personId)) {
            changedIds.push_back(id);
        }
    }
    std::sort(changedIds.begin(), changedIds.end());
    changedIds.erase(std::unique(changedIds.begin(), changedIds.end()), changedIds.end());
    return true;
}

Result<void> BoardModel::load()
{
    noteLastChange();
    Result<std::vector<Deal>> deals = m_service.deals().list();
    if (!deals) {
        return deals.error();
    }
    readProbabilities();
    readStallMarks();
    readStageRules();
    readCardFields();
    refreshFieldFilter();
    ++m_generation; // a background read still running is no longer wanted
    m_loading = false;
    std::unordered_map<DealId, BoardEntry> entries;
    BoardTexts texts;
    entries.reserve(deals.value().size());
    for (const Deal& deal : deals.value()) {
        entries.emplace(deal.id, BoardEntry::of(deal, texts));
    }
    deals.value() = {};
    replaceEntries(std::move(entries), std::move(texts));
    Q_EMIT reloaded();
    Q_EMIT totalsChanged();
    return {};
}

Result<void> BoardModel::loadProgressively(int perStage, int wholeBelow)
{
    noteLastChange();
    readProbabilities();
    readStallMarks();
    readStageRules();
    Result<std::vector<StageAggregate>> aggregates = m_service.reads().stageAggregates();
    if (!aggregates) {
        return aggregates.error();
    }
    int total = 0;
    for (const StageAggregate& aggregate : aggregates.value()) {
        total += aggregate.deals;
    }
    if (total < wholeBelow) {
        return load();
    }
    // The totals of every stage, as the database sums them, until all is read.
    m_loadingTotals = {};
    m_loadingCount = total;
    for (const StageAggregate& aggregate : aggregates.value()) {
        if (aggregate.status == DealStatus::Lost) {
            continue; // hidden until "Show lost deals"
        }
        StageTotals& totals = m_loadingTotals[stageIndex(aggregate.stage)];
        totals.count += aggregate.deals;
        auto& [sum, weighted] = totals.perCurrency[aggregate.currency];
        sum = addMoney(sum, aggregate.valueMinor);
        weighted = addMoney(weighted, aggregate.weightedMinor);
        totals.dealsPerCurrency[aggregate.currency] += aggregate.deals;
        if (aggregate.status == DealStatus::Open) {
            totals.open += aggregate.deals;
            std::int64_t& open = totals.openWeighted[aggregate.currency];
            open = addMoney(open, aggregate.weightedMinor);
        }
    }
    std::unordered_map<DealId, BoardEntry> newestEntries;
    BoardTexts newestTexts;
    for (Stage stage : AllStages) {
        Result<std::vector<Deal>> newest = m_service.reads().newestInStage(stage, perStage);
        if (!newest) {
            return newest.error(); // the board stays as it was
        }
        for (const Deal& deal : newest.value()) {
            newestEntries.emplace(deal.id, BoardEntry::of(deal, newestTexts));
        }
    }
    m_loading = true;
    replaceEntries(std::move(newestEntries), std::move(newestTexts));
    Q_EMIT reloaded();
    Q_EMIT totalsChanged();

    const int generation = ++m_generation;
    const QString path = m_service.reads().path();
    const Result<qint64> dataVersion = m_service.reads().dataVersion();
    m_loadDataVersion = dataVersion ? dataVersion.value() : -1;
    if (m_loader) {
        m_loader->wait();
    }
    m_loader.reset(QThread::create([this, generation, path, total] {
        // Each deal becomes an entry as it is read, off the board's thread:
        // the deals are never all in memory as deals.
        struct Read
        {
            std::unordered_map<DealId, BoardEntry> entries;
            BoardTexts texts;
        };
        auto read = std::make_shared<Read>();
        QString failure;
        read->entries.reserve(static_cast<std::size_t>(total)); // as the stages' totals counted
        const Result<void> done = PipelineOpener::readAllDealsApart(
            path, [&read](Deal&& deal) { read->entries.insert_or_assign(deal.id, BoardEntry::of(deal, read->texts)); });
        if (!done) {
            failure = done.error().message;
        }
        QMetaObject::invokeMethod(
            this, [this, generation, read, failure] { finishLoad(generation, read->entries, read->texts, failure); },
            Qt::QueuedConnection);
    }));
    m_loader->setObjectName(QStringLiteral("board loader"));
    m_loader->start();
    spdlog::debug("Showing the newest deals of each stage; reading {} deals in the background", total);
    return {};
}

void BoardModel::finishLoad(int generation, std::unordered_map<DealId, BoardEntry>& entries, BoardTexts& texts,
                            const QString& failure)
{
    if (generation != m_generation) {
        return; // the board was reloaded meanwhile
    }
    if (!failure.isEmpty()) {
        spdlog::warn("Reading the board in the background failed ({}); reading it here", failure.toStdString());
        if (Result<void> loaded = load(); !loaded) {
            spdlog::error("Reading the board failed: {}", loaded.error().message.toStdString());
        }
        Q_EMIT loadFinished();
        return;
    }
    // Changes made here while the read ran are in m_entries and newer. They
    // are copied, not moved: the cards still read them until the columns
    // are laid anew.
    for (const auto& [id, entry] : m_entries) {
        const auto found = entries.find(id);
        if (found == entries.end() || found->second.cardStamp() < entry.cardStamp()) {
            entries.insert_or_assign(id, BoardEntry::of(entry.deal(m_texts), texts));
        }
    }
    m_loading = false;
    readCardFields();
    refreshFieldFilter();
    replaceEntries(std::move(entries), std::move(texts));
    Q_EMIT reloaded();
    Q_EMIT totalsChanged();
    Q_EMIT loadFinished();
    // Whatever another process changed since the read began.
    const Result<qint64> dataVersion = m_service.reads().dataVersion();
    if (!dataVersion || dataVersion.value() != m_loadDataVersion) {
        refreshFromDatabase();
    }
}

} // namespace dealboard::gui
