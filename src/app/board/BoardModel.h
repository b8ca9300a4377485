#pragma once

#include "dealboard/Pipeline.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QThread>
#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace dealboard::gui {

class StageColumnModel;

// What a column header and the toolbar summary show of one stage.
struct StageTotals
{
    int count = 0; // deals shown in the column
    // Per currency, of the deals shown that are not lost: total and weighted value.
    QMap<QString, std::pair<std::int64_t, std::int64_t>> perCurrency;
    int open = 0; // open deals shown, in every currency
    QMap<QString, std::int64_t> openWeighted; // per currency, of the open deals shown
    QMap<QString, int> dealsPerCurrency; // of the deals shown that are not lost

    // The deals' values by the day whose rate converts them (today's, a won
    // deal's won day), once every deal of the column is read; while the
    // board still loads these are empty and the sums above convert at
    // today's rates.
    CurrencySums dated;
    std::map<std::pair<QString, QDate>, WeightedSum> datedWeighted;

    // The same converted into the reporting currency, open deals at today's
    // rate and won deals at their won day's, as the reports: what no rate
    // converts is left out of these and named in `conversion`.
    QString currency;
    std::int64_t valueMinor = 0;
    std::int64_t weightedMinor = 0;
    std::int64_t openWeightedMinor = 0;
    ConversionNote conversion;
    void convert(const RateTable& rates, const QDate& today);
};

// The texts of the board's deals. Those many deals name (an organization, a
// person's name, email and phone, an owner, a currency, an activity's
// subject, a lost reason) are kept once and named by number; each deal's own
// (its search key and title) are copied side by side into large blocks that
// never move, so that an entry points into them. A million deals take about
// 90 MB of texts this way instead of about 350 MB as strings of their own.
class BoardTexts
{
public:
    BoardTexts() = default;
    BoardTexts(BoardTexts&&) noexcept = default;
    BoardTexts& operator=(BoardTexts&&) noexcept = default;
    Q_DISABLE_COPY(BoardTexts)

    quint32 share(const QString& text);
    const QString& shared(quint32 index) const { return m_shared[index]; }
    // A copy of `bytes` that stays where it is for as long as these texts.
    const char* keep(std::string_view bytes);

private:
    static constexpr std::size_t BlockSize = 1 << 20;
    std::vector<QString> m_shared {QString()}; // 0: the empty text
    QHash<QString, quint32> m_index;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::size_t m_lastSize = 0; // of the last block
    std::size_t m_lastUsed = 0; // bytes taken in the last block
};

// One deal as the board keeps it: its facts in numbers, its shared texts by
// number and its own in the board's texts. About 160 bytes and the title and
// key; the whole Deal is made again when a card, the pane or an action asks
// for it (BoardModel::deal).
struct BoardEntry
{
    // What every keystroke reads first, together at the front: the search
    // key, then the title as written, both UTF-8. The key is the title,
    // organization and person, case-folded: a substring of valid UTF-8 always
    // starts and ends at a character's edges, so a byte search finds what a
    // character search would.
    const char* text = nullptr;
    qint64 enteredMs = 0; // stage entry time, for ordering the column
    DealId id = 0;
    std::int64_t valueMinor = 0;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
    std::int64_t version = 0;
    std::int64_t activityStamp = 0;
    std::int64_t organizationId = 0;
    std::int64_t personId = 0;
    std::int64_t originDealId = 0;
    std::int64_t nextId = 0;
    quint32 keyLength = 0;
    quint32 titleLength = 0;
    qint32 closeDay = 0; // expected close, a Julian day (HasClose)
    qint32 nextDueDay = 0; // the next activity's day (HasNext)
    // In the board's texts.
    quint32 company = 0;
    quint32 contact = 0;
    quint32 email = 0;
    quint32 phone = 0;
    quint32 owner = 0;
    quint32 lostReason = 0;
    quint32 currency = 0;
    quint32 nextSubject = 0;
    qint16 nextDueMinute = -1; // its time of day (stored to the minute); -1: any time that day
    quint8 stageCode = 0; // a Stage
    quint8 statusCode = 0; // a DealStatus
    quint8 nextKindCode = 0; // an ActivityKind
    quint8 flags = 0; // the Flag values
    qint8 probability = -1; // the deal's own, in percent; -1: the stage's

    Stage stage() const { return static_cast<Stage>(stageCode); }
    DealStatus status() const { return static_cast<DealStatus>(statusCode); }
    enum Flag : quint8 {
        Willing = 1,
        Need = 2,
        Budget = 4,
        HasNext = 8,
        HasClose = 16,
        ValidTimes = 32, // created, updated and stage entry times are set
    };

    std::string_view searchKey() const { return {text, keyLength}; }
    QString title() const { return QString::fromUtf8(text + keyLength, titleLength); }
    QDate expectedClose() const { return flags & HasClose ? QDate::fromJulianDay(closeDay) : QDate(); }
    std::optional<NextActivity> nextActivity(const BoardTexts& texts) const;
    std::int64_t cardStamp() const { return Deal::cardStamp(version, activityStamp); }
    Deal deal(const BoardTexts& texts) const;

    static BoardEntry of(const Deal& deal, BoardTexts& texts);
};

// Which deals the board shows by their next activity.
enum class ActivityView {
    All,
    NoNextActivity, // open deals with nothing planned
    Overdue, // the next activity is overdue
};

// How a column orders its cards: newest arrivals first unless the rep
// chose otherwise (remembered per pipeline).
enum class ColumnSort {
    Newest, // the latest to enter the stage first
    Value, // highest first
    CloseDate, // soonest expected close first, none last
    DaysInStage, // longest in the stage first
    NextActivity, // soonest next activity first, none last
};
inline constexpr std::array<ColumnSort, 5> AllColumnSorts
    = {ColumnSort::Newest, ColumnSort::Value, ColumnSort::CloseDate, ColumnSort::DaysInStage, ColumnSort::NextActivity};
QString columnSortName(ColumnSort sort); // "Close date"
QString columnSortKey(ColumnSort sort); // "close", for the settings
ColumnSort columnSortFromKey(const QString& key); // Newest for what it doesn't know

// What the board shows: the search text, an owner, whether lost deals count,
// a segment tag and the next-activity view.
struct BoardFilter
{
    QString search; // case-folded
    QByteArray searchUtf8; // the same, in UTF-8, as BoardEntry::searchKey
    const BoardTexts* texts = nullptr; // the board's, which entries name their owners in
    const StallMarks* stall = nullptr; // the board's: when a card is marked as stalling
    std::function<QDateTime()> clock; // the pipeline's time now, which days in stage count to
    QString owner; // empty: everyone
    bool showLost = false;
    QString segment; // empty: every segment
    std::unordered_set<DealId> segmentDeals; // the segment's deals, when one is chosen
    // A custom field's key and the value its deals hold ("": those without
    // one), when a field is chosen; the deals holding that value (or any).
    QString fieldKey;
    QString fieldValue;
    std::unordered_set<DealId> fieldDeals;
    ActivityView activity = ActivityView::All;
    QDateTime now; // local time the activity view was chosen at

    bool accepts(const BoardEntry& entry) const;
    // Whether anything but the lost deals' switch narrows the board.
    bool narrows() const;
};

// The board's data: every deal, kept in step with the service's change signals
// and with other processes' commits, partitioned into one list model per stage.
// An adapter only: it holds no pipeline rules.
class BoardModel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardModel)

public:
    explicit BoardModel(Pipeline& service, QObject* parent = nullptr);
    ~BoardModel() override;

    // Reads every deal from the service.
    Result<void> load();
    // Shows the `perStage` newest deals of each stage and the stages' totals
    // at once, and reads every deal on a thread of its own (with a connection
    // of its own); a pipeline of fewer than `wholeBelow` deals is read whole.
    Result<void> loadProgressively(int perStage, int wholeBelow);
    bool isLoading() const { return m_loading; }
    int totalDeals() const; // all deals, also while loading
    // The stages' win probabilities the weighted values use, read with the deals.
    const StageProbabilities& probabilities() const { return m_probabilities; }
    // When a deal is marked as stalling in each stage, read at each load and
    // when a manager changes a stage's mark (here or elsewhere).
    const StallMarks& stallMarks() const { return m_stallMarks; }
    // What each stage needs of a deal, as the pipeline stores it.
    const StageRules& stageRules() const { return m_stageRules; }
    // Shows only the deals whose custom field `key` holds `value` (stored
    // form; "": none); an empty key shows every deal again (BoardFields.cpp).
    void setFieldFilter(const QString& key, const QString& value);
    // What a card shows of its deal's custom fields ("Web · 40"): the values
    // of the fields shown on cards; `named`: "Lead source: Web, Seats: 40".
    QString cardFieldsOf(DealId id, bool named = false) const;
    const RateTable& rates() const { return m_rates; }
    StageTotals totals(Stage stage) const;

    Pipeline& service() { return m_service; }
    StageColumnModel* column(Stage stage) const { return m_columns[stageIndex(stage)]; }
    // The deal as the board holds it, made from its entry; empty when the
    // board has no such deal.
    std::optional<Deal> deal(DealId id) const;
    const BoardTexts& texts() const { return m_texts; }
    int dealCount() const { return static_cast<int>(m_entries.size()); }
    QStringList owners() const;
    // The follow-up deals of `origin` on the board (id, title), by id.
    std::vector<std::pair<DealId, QString>> followUpsOf(DealId origin) const;

    const BoardFilter& filter() const { return m_filter; }
    void setSearchText(const QString& text);
    void setOwner(const QString& owner);
    void setShowLost(bool show);
    // Shows only deals whose organization or person has the tag (empty: all).
    Result<void> setSegment(const QString& tag);
    void setActivityView(ActivityView view);
    void setSort(Stage stage, ColumnSort sort);
    ColumnSort sort(Stage stage) const;
    // The cards the columns show, and how many they would show unfiltered
    // (lost deals counted only while shown).
    int shownDeals() const;
    int unfilteredDeals() const;

    // Looks for commits of other processes and applies them.
    void refreshFromDatabase();
    // Whether the changes being applied are other processes' (inside
    // refreshFromDatabase), rather than this window's own actions.
    bool applyingOutsideChanges() const { return m_applyingOutside; }

Q_SIGNALS:
    void dealUpdated(dealboard::DealId id); // after a deal was added, changed or moved on the board
    void dealGone(dealboard::DealId id);
    void totalsChanged(); // column headers need redrawing
    void stallMarksChanged(); // cards and headers need redrawing
    void stageRulesChanged(); // the columns' tooltips and drop hints follow
    void reloaded(); // many deals changed at once
    void loadFinished(); // every deal is on the board
    void dropRequested(const QList<dealboard::DealId>& ids, dealboard::Stage target);
    // Around a column's rows being laid anew (filter, sort, reload): the
    // selection is kept by the window, for the cards still shown.
    void columnsAboutToReset();
    void columnsReset();
    // Around commits of other processes being applied (only when there are
    // some): the window tells the rep which selected deals they took away.
    void outsideChangesAboutToApply();
    void outsideChangesApplied();

private:
    void applyChange(const Deal& deal);
    void finishLoad(int generation, std::unordered_map<DealId, BoardEntry>& entries, BoardTexts& texts,
                    const QString& failure);
    void applyRemoval(DealId id);
    // Every reload's one way to put a new set of deals on the board: says
    // columnsAboutToReset while the cards still hold their old deals, then
    // lets go of those and lays the columns anew.
    void replaceEntries(std::unordered_map<DealId, BoardEntry> entries, BoardTexts texts);
    // Lays the columns anew from m_entries (replaceEntries only).
    void rebuildColumns();
    // Filters every column again; `searchFrom`: only the search changed,
    // from that text (StageColumnModel::searched).
    void refilterAll(const QByteArray* searchFrom = nullptr);
    void refreshSegment();
    // The fields shown on cards and the field filter's deals, read whole, or
    // from one deal read with its values (BoardFields.cpp).
    void readCardFields();
    void refreshFieldFilter();
    void noteFields(const Deal& deal);
    void readProbabilities();
    void readStallMarks(); // and the rates, read with them
    void readStageRules();

    Pipeline& m_service;
    std::unordered_map<DealId, BoardEntry> m_entries;
    BoardTexts m_texts; // what m_entries point into
    std::array<StageColumnModel*, StageCount> m_columns {};
    BoardFilter m_filter;
    // Deals with a value on cards: the card's text, and the same named.
    std::unordered_map<DealId, std::pair<QString, QString>> m_cardFields;
    StageProbabilities m_probabilities;
    StallMarks m_stallMarks;
    StageRules m_stageRules = StageRules::builtIn();
    RateTable m_rates; // what the totals convert with
    bool m_loading = false;
    bool m_applyingOutside = false;
    // Adds the deals linked to organizations and people changed elsewhere
    // since m_lastChangeSeen (a rename changes no deal's version); false
    // when there are too many to look up one by one.
    bool addDealsOfChangedContacts(std::vector<DealId>& changedIds);
    void noteLastChange();
    int m_generation = 0; // which background read is current
    std::array<StageTotals, StageCount> m_loadingTotals {};
    int m_loadingCount = 0;
    qint64 m_loadDataVersion = -1; // of the main connection when the background read began
    // The newest change-log entry the cards account for: organizations and
    // people changed after it are looked up on the next refresh.
    qint64 m_lastChangeSeen = 0;
    std::unique_ptr<QThread> m_loader;
    // Read the team's stays where a stage learns (readStallMarks); the
    // newest's figures are kept.
    std::vector<std::unique_ptr<QThread>> m_marksReaders;
    int m_marksGeneration = 0;
    mutable QStringList m_owners; // cached; emptied when deals change
    mutable bool m_ownersKnown = false;
};

} // namespace dealboard::gui
