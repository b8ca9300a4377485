#include "board/BoardModel.h"

#include "board/StageColumnModel.h"
#include "dealboard/service/PipelineOpener.h"

#include <QSet>
#include <algorithm>
#include <spdlog/spdlog.h>

namespace dealboard::gui {

namespace {

BoardEntry makeEntry(Deal deal)
{
    BoardEntry entry;
    entry.deal = std::move(deal);
    const Deal& d = entry.deal;
    entry.searchKey = (d.title + QLatin1Char('\n') + d.company + QLatin1Char('\n') + d.contactName).toCaseFolded();
    entry.enteredMs = d.stageEnteredAt.toMSecsSinceEpoch();
    entry.status = d.status;
    return entry;
}

} // namespace

bool BoardFilter::accepts(const BoardEntry& entry) const
{
    if (!showLost && entry.status == DealStatus::Lost) {
        return false;
    }
    if (!owner.isEmpty() && entry.deal.owner != owner) {
        return false;
    }
    if (!segment.isEmpty() && !segmentDeals.contains(entry.deal.id)) {
        return false;
    }
    if (activity != ActivityView::All) {
        const NextActivityState state = nextActivityState(entry.deal.nextActivity, now);
        if (activity == ActivityView::NoNextActivity
            && (state != NextActivityState::None || entry.deal.status != DealStatus::Open)) {
            return false;
        }
        if (activity == ActivityView::Overdue && state != NextActivityState::Overdue) {
            return false;
        }
    }
    return search.isEmpty() || entry.searchKey.contains(search);
}

bool BoardFilter::narrows() const
{
    return !search.isEmpty() || !owner.isEmpty() || !segment.isEmpty() || activity != ActivityView::All;
}

BoardModel::BoardModel(Pipeline& service, QObject* parent)
    : QObject(parent)
    , m_service(service)
{
    for (Stage stage : AllStages) {
        auto* column = new StageColumnModel(stage, m_filter, m_service.reads().team(), this);
        connect(column, &StageColumnModel::dropRequested, this, &BoardModel::dropRequested);
        m_columns[stageIndex(stage)] = column;
    }
    connect(&m_service, &Pipeline::dealChanged, this, &BoardModel::applyChange);
    connect(&m_service, &Pipeline::dealRemoved, this, &BoardModel::applyRemoval);
    connect(&m_service, &Pipeline::dealsReset, this, [this] {
        refreshSegment();
        (void)load();
    });
    connect(&m_service, &Pipeline::contactsChanged, this, [this] {
        if (!m_filter.segment.isEmpty()) {
            refreshSegment();
            refilterAll();
        }
    });
    connect(&m_service, &Pipeline::externalChange, this, &BoardModel::refreshFromDatabase);
    connect(&m_service, &Pipeline::probabilitiesChanged, this, [this] {
        readProbabilities();
        Q_EMIT totalsChanged();
    });
}

void BoardModel::readProbabilities()
{
    Result<StageProbabilities> probabilities = m_service.reports().probabilities();
    if (!probabilities) {
        // The weighted values then use the last ones read; said in the log.
        spdlog::warn("Couldn't read the win probabilities: {}", probabilities.error().message.toStdString());
        return;
    }
    m_probabilities = probabilities.value();
}

BoardModel::~BoardModel()
{
    if (m_loader) {
        m_loader->wait();
    }
}

Result<void> BoardModel::load()
{
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
        entries.emplace(id, makeEntry(std::move(deal)));
    }
    replaceEntries(std::move(entries));
    Q_EMIT reloaded();
    Q_EMIT totalsChanged();
    return {};
}

Result<void> BoardModel::loadProgressively(int perStage, int wholeBelow)
{
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
            newestEntries.emplace(id, makeEntry(std::move(deal)));
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
                    entries->emplace(id, makeEntry(std::move(deals.back())));
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

int BoardModel::totalDeals() const
{
    return m_loading ? m_loadingCount : static_cast<int>(m_entries.size());
}

StageTotals BoardModel::totals(Stage stage) const
{
    if (m_loading) {
        return m_loadingTotals[stageIndex(stage)];
    }
    StageTotals totals;
    for (const BoardEntry* entry : column(stage)->visibleEntries()) {
        ++totals.count;
        const Deal& deal = entry->deal;
        if (deal.status == DealStatus::Lost) {
            continue;
        }
        auto& [sum, weighted] = totals.perCurrency[deal.value.currency];
        sum = addMoney(sum, deal.value.minor);
        weighted = addMoney(weighted, deal.weightedMinor(m_probabilities));
        if (deal.status == DealStatus::Open) {
            ++totals.open;
            std::int64_t& open = totals.openWeighted[deal.value.currency];
            open = addMoney(open, deal.weightedMinor(m_probabilities));
        }
    }
    return totals;
}

void BoardModel::replaceEntries(std::unordered_map<DealId, BoardEntry> entries)
{
    // Said while the cards still point at the deals about to be let go: the
    // window reads the selection from them (reading them after the swap read
    // freed memory).
    Q_EMIT columnsAboutToReset();
    m_entries = std::move(entries);
    m_ownersKnown = false;
    rebuildColumns();
}

void BoardModel::rebuildColumns()
{
    std::array<std::vector<const BoardEntry*>, StageCount> perStage;
    for (const auto& [id, entry] : m_entries) {
        perStage[stageIndex(entry.deal.stage)].push_back(&entry);
    }
    for (Stage stage : AllStages) {
        column(stage)->resetEntries(std::move(perStage[stageIndex(stage)]));
    }
    Q_EMIT columnsReset();
}

const Deal* BoardModel::deal(DealId id) const
{
    const auto found = m_entries.find(id);
    return found == m_entries.end() ? nullptr : &found->second.deal;
}

std::vector<std::pair<DealId, QString>> BoardModel::followUpsOf(DealId origin) const
{
    std::vector<std::pair<DealId, QString>> found;
    for (const auto& [id, entry] : m_entries) {
        if (entry.deal.originDealId == origin) {
            found.emplace_back(id, entry.deal.title);
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

QStringList BoardModel::owners() const
{
    if (m_ownersKnown) {
        return m_owners;
    }
    QSet<QString> owners;
    for (const auto& [id, entry] : m_entries) {
        if (!entry.deal.owner.isEmpty()) {
            owners.insert(entry.deal.owner);
        }
    }
    QStringList sorted(owners.begin(), owners.end());
    sorted.sort(Qt::CaseInsensitive);
    m_owners = sorted;
    m_ownersKnown = true;
    return sorted;
}

void BoardModel::setSearchText(const QString& text)
{
    const QString folded = text.trimmed().toCaseFolded();
    if (folded == m_filter.search) {
        return;
    }
    m_filter.search = folded;
    refilterAll();
}

void BoardModel::setOwner(const QString& owner)
{
    if (owner == m_filter.owner) {
        return;
    }
    m_filter.owner = owner;
    refilterAll();
}

void BoardModel::refilterAll()
{
    Q_EMIT columnsAboutToReset();
    for (StageColumnModel* column : m_columns) {
        column->refilter();
    }
    Q_EMIT columnsReset();
    Q_EMIT totalsChanged();
}

void BoardModel::refreshSegment()
{
    m_filter.segmentDeals.clear();
    if (m_filter.segment.isEmpty()) {
        return;
    }
    Result<std::vector<DealId>> ids = m_service.contacts().dealsWithTag(m_filter.segment);
    if (!ids) {
        spdlog::warn("Couldn't read the deals of segment '{}': {}", m_filter.segment.toStdString(),
                     ids.error().message.toStdString());
        return;
    }
    m_filter.segmentDeals.insert(ids.value().begin(), ids.value().end());
}

Result<void> BoardModel::setSegment(const QString& tag)
{
    if (tag == m_filter.segment) {
        return {};
    }
    m_filter.segment = tag;
    refreshSegment();
    refilterAll();
    return {};
}

void BoardModel::setActivityView(ActivityView view)
{
    m_filter.now = QDateTime::currentDateTime();
    if (view == m_filter.activity) {
        return;
    }
    m_filter.activity = view;
    refilterAll();
}

void BoardModel::setShowLost(bool show)
{
    if (show == m_filter.showLost) {
        return;
    }
    m_filter.showLost = show;
    refilterAll();
}

void BoardModel::setSort(Stage stage, ColumnSort sort)
{
    if (column(stage)->sort() == sort) {
        return;
    }
    Q_EMIT columnsAboutToReset();
    column(stage)->setSort(sort);
    Q_EMIT columnsReset();
}

ColumnSort BoardModel::sort(Stage stage) const
{
    return column(stage)->sort();
}

int BoardModel::shownDeals() const
{
    int shown = 0;
    for (const StageColumnModel* column : m_columns) {
        shown += column->rowCount();
    }
    return shown;
}

int BoardModel::unfilteredDeals() const
{
    if (m_filter.showLost) {
        return static_cast<int>(m_entries.size());
    }
    return static_cast<int>(std::count_if(m_entries.cbegin(), m_entries.cend(),
                                          [](const auto& pair) { return pair.second.status != DealStatus::Lost; }));
}

void BoardModel::applyChange(const Deal& deal)
{
    m_ownersKnown = false;
    if (!m_filter.segment.isEmpty() && !m_filter.segmentDeals.contains(deal.id)) {
        refreshSegment(); // a new or changed deal may have joined the segment
    }
    auto found = m_entries.find(deal.id);
    if (found == m_entries.end()) {
        auto [inserted, ok] = m_entries.emplace(deal.id, makeEntry(deal));
        column(deal.stage)->insertEntry(&inserted->second);
    } else {
        BoardEntry& entry = found->second;
        if (entry.deal.cardStamp() == deal.cardStamp() && entry.deal.stage == deal.stage
            && entry.deal.status == deal.status) {
            return; // already shown (an echo of our own write seen through polling)
        }
        const Stage oldStage = entry.deal.stage;
        const bool reorder = oldStage != deal.stage || entry.enteredMs != deal.stageEnteredAt.toMSecsSinceEpoch();
        if (reorder) {
            column(oldStage)->removeEntry(&entry);
            entry = makeEntry(deal);
            column(deal.stage)->insertEntry(&entry);
        } else {
            entry = makeEntry(deal);
            if (column(deal.stage)->inOrder(&entry)) {
                column(deal.stage)->refreshEntry(&entry);
            } else {
                // A column sorted by value, say, whose deal's value changed.
                column(deal.stage)->removeEntry(&entry);
                column(deal.stage)->insertEntry(&entry);
            }
        }
    }
    Q_EMIT dealUpdated(deal.id);
    Q_EMIT totalsChanged();
}

void BoardModel::applyRemoval(DealId id)
{
    auto found = m_entries.find(id);
    if (found == m_entries.end()) {
        return;
    }
    column(found->second.deal.stage)->removeEntry(&found->second);
    m_entries.erase(found);
    Q_EMIT dealGone(id);
    Q_EMIT totalsChanged();
}

void BoardModel::refreshFromDatabase()
{
    if (m_loading) {
        return; // the background read ends with this
    }
    // Another manager may have set a probability: the totals follow.
    const StageProbabilities before = m_probabilities;
    readProbabilities();
    if (m_probabilities != before) {
        Q_EMIT totalsChanged();
    }
    Result<std::vector<std::pair<DealId, std::int64_t>>> versions = m_service.reads().versions();
    if (!versions) {
        spdlog::warn("Couldn't look for changes made elsewhere: {}", versions.error().message.toStdString());
        return;
    }
    QSet<DealId> present;
    present.reserve(static_cast<qsizetype>(versions.value().size()));
    std::vector<DealId> changedIds;
    for (const auto& [id, version] : versions.value()) {
        present.insert(id);
        const auto found = m_entries.find(id);
        if (found == m_entries.end() || found->second.deal.cardStamp() != version) {
            changedIds.push_back(id);
        }
    }
    std::vector<DealId> gone;
    for (const auto& [id, entry] : m_entries) {
        if (!present.contains(id)) {
            gone.push_back(id);
        }
    }
    if (changedIds.empty() && gone.empty()) {
        return;
    }
    Q_EMIT outsideChangesAboutToApply();
    m_applyingOutside = true;
    // Many changes at once (an import, a seed): reading everything is cheaper
    // than applying them one by one.
    if (changedIds.size() > 1000) {
        spdlog::info("{} deals changed elsewhere; reloading the board", changedIds.size());
        (void)load();
        m_applyingOutside = false;
        Q_EMIT outsideChangesApplied();
        return;
    }
    int changed = 0;
    for (DealId id : changedIds) {
        Result<Deal> fresh = m_service.deals().get(id);
        if (fresh) {
            applyChange(fresh.value());
            ++changed;
        }
    }
    for (DealId id : gone) {
        applyRemoval(id);
    }
    m_applyingOutside = false;
    Q_EMIT outsideChangesApplied();
    if (changed > 0 || !gone.empty()) {
        spdlog::info("Applied {} changed and {} removed deal(s) from another process", changed, gone.size());
    }
}

} // namespace dealboard::gui
