#include "board/BoardModel.h"

#include "board/StageColumnModel.h"
#include "dealboard/service/PipelineOpener.h"

#include <QSet>
#include <algorithm>
#include <spdlog/spdlog.h>

namespace dealboard::gui {

BoardModel::BoardModel(Pipeline& service, QObject* parent)
    : QObject(parent)
    , m_service(service)
{
    m_filter.texts = &m_texts;
    m_filter.stall = &m_stallMarks;
    m_filter.clock = [this] { return m_service.now(); };
    for (Stage stage : AllStages) {
        auto* column = new StageColumnModel(stage, m_filter, m_service.reads().team(), this);
        column->setCardFields([this](DealId id, bool named) { return cardFieldsOf(id, named); });
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
    connect(&m_service, &Pipeline::stallMarksChanged, this, &BoardModel::readStallMarks);
    connect(&m_service, &Pipeline::stageRulesChanged, this, &BoardModel::readStageRules);
    connect(&m_service, &Pipeline::ratesChanged, this, [this] {
        readProbabilities();
        Q_EMIT totalsChanged();
    });
}

void StageTotals::convert(const RateTable& rates, const QDate& today)
{
    CurrencySums value, weighted, openWeightedSums;
    if (!dated.empty()) {
        value = dated;
        for (const auto& [key, sum] : datedWeighted) {
            weighted.add(sum.minor(), key.first, key.second);
        }
    } else {
        for (auto it = perCurrency.cbegin(); it != perCurrency.cend(); ++it) {
            value.add(it.value().first, it.key(), today, dealsPerCurrency.value(it.key()));
            weighted.add(it.value().second, it.key(), today);
        }
    }
    for (auto it = openWeighted.cbegin(); it != openWeighted.cend(); ++it) {
        openWeightedSums.add(it.value(), it.key(), today);
    }
    conversion = {};
    currency = rates.reportingCurrency();
    valueMinor = value.convert(rates, &conversion);
    weightedMinor = weighted.convert(rates);
    openWeightedMinor = openWeightedSums.convert(rates);
    conversion.currency = currency;
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
    Result<RateTable> rates = m_service.rates().rateTable();
    if (!rates) {
        spdlog::warn("Couldn't read the exchange rates: {}", rates.error().message.toStdString());
        return;
    }
    m_rates = std::move(rates.value());
}

BoardModel::~BoardModel()
{
    if (m_loader) {
        m_loader->wait();
    }
    for (const std::unique_ptr<QThread>& reader : m_marksReaders) {
        reader->wait();
    }
}

int BoardModel::totalDeals() const
{
    return m_loading ? m_loadingCount : static_cast<int>(m_entries.size());
}

StageTotals BoardModel::totals(Stage stage) const
{
    const QDate today = m_service.now().toLocalTime().date();
    if (m_loading) {
        StageTotals totals = m_loadingTotals[stageIndex(stage)];
        totals.convert(m_rates, today);
        return totals;
    }
    StageTotals totals;
    // Weighted values added exactly and rounded once, as the report's.
    std::map<QString, WeightedSum> weighted;
    std::map<QString, WeightedSum> openWeighted;
    for (const BoardEntry* entry : column(stage)->visibleEntries()) {
        ++totals.count;
        if (entry->status() == DealStatus::Lost) {
            continue;
        }
        const QString& currency = m_texts.shared(entry->currency);
        const std::int64_t value = entry->valueMinor;
        std::int64_t& sum = totals.perCurrency[currency].first;
        sum = addMoney(sum, value);
        const int percent = m_probabilities.forDeal(
            entry->stage(), entry->probability >= 0 ? std::optional<int>(entry->probability) : std::nullopt);
        weighted[currency].add(value, percent);
        // A won deal converts at its won day's rate: it entered Customer
        // Retention as it was won, and stays there.
        const QDate on = entry->status() == DealStatus::Won && (entry->flags & BoardEntry::ValidTimes)
            ? QDateTime::fromMSecsSinceEpoch(entry->enteredMs, Qt::UTC).toLocalTime().date()
            : today;
        totals.dated.add(value, currency, on);
        totals.datedWeighted[{currency, on}].add(value, percent);
        ++totals.dealsPerCurrency[currency];
        if (entry->status() == DealStatus::Open) {
            ++totals.open;
            openWeighted[currency].add(value, percent);
        }
    }
    for (const auto& [currency, sum] : weighted) {
        totals.perCurrency[currency].second = sum.minor();
    }
    for (const auto& [currency, sum] : openWeighted) {
        totals.openWeighted[currency] = sum.minor();
    }
    totals.convert(m_rates, today);
    return totals;
}

void BoardModel::replaceEntries(std::unordered_map<DealId, BoardEntry> entries, BoardTexts texts)
{
    // Said while the cards still point at the deals about to be let go: the
    // window reads the selection from them (reading them after the swap read
    // freed memory).
    Q_EMIT columnsAboutToReset();
    m_entries = std::move(entries);
    m_texts = std::move(texts);
    m_ownersKnown = false;
    rebuildColumns();
}

void BoardModel::rebuildColumns()
{
    std::array<std::vector<const BoardEntry*>, StageCount> perStage;
    for (const auto& [id, entry] : m_entries) {
        perStage[stageIndex(entry.stage())].push_back(&entry);
    }
    for (Stage stage : AllStages) {
        column(stage)->resetEntries(std::move(perStage[stageIndex(stage)]));
    }
    Q_EMIT columnsReset();
}

std::optional<Deal> BoardModel::deal(DealId id) const
{
    const auto found = m_entries.find(id);
    if (found == m_entries.end()) {
        return std::nullopt;
    }
    return found->second.deal(m_texts);
}

std::vector<std::pair<DealId, QString>> BoardModel::followUpsOf(DealId origin) const
{
    std::vector<std::pair<DealId, QString>> found;
    for (const auto& [id, entry] : m_entries) {
        if (entry.originDealId == origin) {
            found.emplace_back(id, entry.title());
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
    std::unordered_set<quint32> named;
    for (const auto& [id, entry] : m_entries) {
        if (entry.owner != 0) {
            named.insert(entry.owner);
        }
    }
    QSet<QString> owners;
    for (const quint32 owner : named) {
        owners.insert(m_texts.shared(owner));
    }
    QStringList sorted(owners.begin(), owners.end());
    sorted.sort(Qt::CaseInsensitive);
    m_owners = sorted;
    m_ownersKnown = true;
    return sorted;
}

void BoardModel::setOwner(const QString& owner)
{
    if (owner == m_filter.owner) {
        return;
    }
    m_filter.owner = owner;
    refilterAll();
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
                                          [](const auto& pair) { return pair.second.status() != DealStatus::Lost; }));
}

void BoardModel::applyChange(const Deal& deal)
{
    m_ownersKnown = false;
    noteFields(deal);
    if (!m_filter.segment.isEmpty() && !m_filter.segmentDeals.contains(deal.id)) {
        refreshSegment(); // a new or changed deal may have joined the segment
    }
    auto found = m_entries.find(deal.id);
    if (found == m_entries.end()) {
        auto [inserted, ok] = m_entries.emplace(deal.id, BoardEntry::of(deal, m_texts));
        column(deal.stage)->insertEntry(&inserted->second);
    } else {
        BoardEntry& entry = found->second;
        if (entry.cardStamp() == deal.cardStamp() && entry.stage() == deal.stage && entry.status() == deal.status
            && m_texts.shared(entry.company) == deal.company && m_texts.shared(entry.contact) == deal.contactName
            && m_texts.shared(entry.email) == deal.email && m_texts.shared(entry.phone) == deal.phone) {
            return; // already shown (an echo of our own write seen through polling)
        }
        const Stage oldStage = entry.stage();
        const bool reorder = oldStage != deal.stage || entry.enteredMs != deal.stageEnteredAt.toMSecsSinceEpoch();
        if (reorder) {
            column(oldStage)->removeEntry(&entry);
            entry = BoardEntry::of(deal, m_texts);
            column(deal.stage)->insertEntry(&entry);
        } else {
            entry = BoardEntry::of(deal, m_texts);
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
    if (!m_applyingOutside) {
        Q_EMIT totalsChanged(); // else once, after them all
    }
}

void BoardModel::applyRemoval(DealId id)
{
    auto found = m_entries.find(id);
    if (found == m_entries.end()) {
        return;
    }
    column(found->second.stage())->removeEntry(&found->second);
    m_entries.erase(found);
    Q_EMIT dealGone(id);
    if (!m_applyingOutside) {
        Q_EMIT totalsChanged();
    }
}

void BoardModel::refreshFromDatabase()
{
    if (m_loading) {
        return; // the background read ends with this
    }
    // A server's notices name the tables a commit changed: only what they
    // touch is read again (three hundred boards read after every move).
    const std::optional<QSet<QString>>& tables = m_service.changedTables();
    const auto touched = [&tables](std::initializer_list<QStringView> names) {
        return !tables || std::any_of(names.begin(), names.end(), [&tables](QStringView name) {
            return tables->contains(name.toString());
        });
    };
    if (touched({u"stage_probabilities", u"exchange_rates", u"settings"})) {
        // Another manager may have set a probability: the totals follow.
        const StageProbabilities before = m_probabilities;
        const RateTable ratesBefore = m_rates;
        readProbabilities();
        if (m_probabilities != before || m_rates.reportingCurrency() != ratesBefore.reportingCurrency()
            || m_rates.rates() != ratesBefore.rates()) {
            Q_EMIT totalsChanged();
        }
    }
    if (touched({u"stage_stall_marks"})) {
        readStallMarks(); // another manager set a stage's mark
    }
    if (touched({u"stage_rules", u"stage_plan", u"custom_fields"})) {
        readStageRules(); // another manager changed what a stage needs
    }
    const bool contacts = touched({u"organizations", u"people"});
    if (!contacts && !touched({u"deals", u"activities", u"deal_fields"})) {
        return; // nothing a card shows
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
        if (found == m_entries.end() || found->second.cardStamp() != version) {
            changedIds.push_back(id);
        }
    }
    std::vector<DealId> gone;
    for (const auto& [id, entry] : m_entries) {
        if (!present.contains(id)) {
            gone.push_back(id);
        }
    }
    const bool fewContacts = !contacts || addDealsOfChangedContacts(changedIds);
    if (changedIds.empty() && gone.empty() && fewContacts) {
        return;
    }
    Q_EMIT outsideChangesAboutToApply();
    m_applyingOutside = true;
    // Many changes at once (an import, a seed): reading everything is cheaper
    // than applying them one by one.
    if (changedIds.size() > 1000 || !fewContacts) {
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
    // Every column's totals are summed again once, not after each deal: 600
    // deals moved elsewhere on a 60,000-deal board summed them 600 times.
    Q_EMIT totalsChanged();
    Q_EMIT outsideChangesApplied();
    if (changed > 0 || !gone.empty()) {
        spdlog::info("Applied {} changed and {} removed deal(s) from another process", changed, gone.size());
    }
}

} // namespace dealboard::gui
