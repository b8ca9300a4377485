// Reading the board: everything at once, or the newest deals of each stage
// first and the rest on a connection of its own in the background; and which
// cards an organization or person changed elsewhere touches.
#include "board/BoardModel.h"
#include "dealboard/ChangeLog.h"
#include "dealboard/service/PipelineOpener.h"

#include <QThread>
#include <algorithm>
#include <spdlog/spdlog.h>

namespace dealboard::gui {

BoardEntry BoardEntry::of(Deal deal)
{
    BoardEntry entry;
    entry.deal = std::move(deal);
    const Deal& d = entry.deal;
    entry.searchKey
        = (d.title + QLatin1Char('\n') + d.company + QLatin1Char('\n') + d.contactName).toCaseFolded().toUtf8();
    entry.searchKey.squeeze(); // toUtf8 keeps room for three bytes a character
    entry.enteredMs = d.stageEnteredAt.toMSecsSinceEpoch();
    entry.status = d.status;
    return entry;
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
        if (organizations.contains(entry.deal.organizationId) || people.contains(entry.deal.personId)) {
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
    ++m_generation; // a background read still running is no longer wanted
    m_loading = false;
    std::unordered_map<DealId, BoardEntry> entries;
    entries.reserve(deals.value().size());
    for (Deal& deal : deals.value()) {
        const DealId id = deal.id;
        entries.emplace(id, BoardEntry::of(std::move(deal)));
    }
    replaceEntries(std::move(entries));
    Q_EMIT reloaded();
    Q_EMIT totalsChanged();
    return {};
}

Result<void> BoardModel::loadProgressively(int perStage, int wholeBelow)
{
    noteLastChange();
    readProbabilities();
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
    for (Stage stage : AllStages) {
        Result<std::vector<Deal>> newest = m_service.reads().newestInStage(stage, perStage);
        if (!newest) {
            return newest.error(); // the board stays as it was
        }
        for (Deal& deal : newest.value()) {
            const DealId id = deal.id;
            newestEntries.emplace(id, BoardEntry::of(std::move(deal)));
        }
    }
    m_loading = true;
    replaceEntries(std::move(newestEntries));
    Q_EMIT reloaded();
    Q_EMIT totalsChanged();

    const int generation = ++m_generation;
    const QString path = m_service.reads().path();
    const Result<qint64> dataVersion = m_service.reads().dataVersion();
    m_loadDataVersion = dataVersion ? dataVersion.value() : -1;
    if (m_loader) {
        m_loader->wait();
    }
    m_loader.reset(QThread::create([this, generation, path] {
        auto entries = std::make_shared<std::unordered_map<DealId, BoardEntry>>();
        QString failure;
        {
            if (Result<std::vector<Deal>> read = PipelineOpener::readAllDealsApart(path); !read) {
                failure = read.error().message;
            } else {
                // Entries are built here, off the board's thread, from the back
                // of the list, which shrinks as they are made: the deals and
                // their entries are never all in memory twice.
                std::vector<Deal>& deals = read.value();
                entries->reserve(deals.size());
                std::size_t shrinkBelow = deals.size() - deals.size() / 8;
                while (!deals.empty()) {
                    const DealId id = deals.back().id;
                    entries->emplace(id, BoardEntry::of(std::move(deals.back())));
                    deals.pop_back();
                    if (deals.size() < shrinkBelow) {
                        deals.shrink_to_fit();
                        shrinkBelow = deals.size() - deals.size() / 8;
                    }
                }
            }
        }
        QMetaObject::invokeMethod(
            this, [this, generation, entries, failure] { finishLoad(generation, *entries, failure); },
            Qt::QueuedConnection);
    }));
    m_loader->setObjectName(QStringLiteral("board loader"));
    m_loader->start();
    spdlog::debug("Showing the newest deals of each stage; reading {} deals in the background", total);
    return {};
}

void BoardModel::finishLoad(int generation, std::unordered_map<DealId, BoardEntry>& entries, const QString& failure)
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
        if (found == entries.end() || found->second.deal.cardStamp() < entry.deal.cardStamp()) {
            entries.insert_or_assign(id, entry);
        }
    }
    m_loading = false;
    replaceEntries(std::move(entries));
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
