#include "board/StageColumnModel.h"

#include "common/Numbers.h"
#include "dealboard/TextRules.h"

#include <QDataStream>
#include <QIODevice>
#include <QMimeData>
#include <algorithm>

namespace dealboard::gui {

QString columnSortName(ColumnSort sort)
{
    switch (sort) {
    case ColumnSort::Value:
        return QStringLiteral("Value");
    case ColumnSort::CloseDate:
        return QStringLiteral("Close date");
    case ColumnSort::DaysInStage:
        return QStringLiteral("Days in stage");
    case ColumnSort::NextActivity:
        return QStringLiteral("Next activity");
    case ColumnSort::Newest:
        break;
    }
    return QStringLiteral("Newest in stage");
}

QString columnSortKey(ColumnSort sort)
{
    switch (sort) {
    case ColumnSort::Value:
        return QStringLiteral("value");
    case ColumnSort::CloseDate:
        return QStringLiteral("close");
    case ColumnSort::DaysInStage:
        return QStringLiteral("days");
    case ColumnSort::NextActivity:
        return QStringLiteral("activity");
    case ColumnSort::Newest:
        break;
    }
    return QStringLiteral("newest");
}

ColumnSort columnSortFromKey(const QString& key)
{
    for (ColumnSort sort : AllColumnSorts) {
        if (columnSortKey(sort) == key) {
            return sort;
        }
    }
    return ColumnSort::Newest;
}

StageColumnModel::StageColumnModel(Stage stage, const BoardFilter& filter, const TeamSession& team, QObject* parent)
    : QAbstractListModel(parent)
    , m_stage(stage)
    , m_filter(filter)
    , m_team(team)
{
}

bool StageColumnModel::before(const BoardEntry* a, const BoardEntry* b) const
{
    switch (m_sort) {
    case ColumnSort::Value:
        if (a->valueMinor != b->valueMinor) {
            return a->valueMinor > b->valueMinor;
        }
        break;
    case ColumnSort::CloseDate: {
        const bool aHas = (a->flags & BoardEntry::HasClose) != 0;
        const bool bHas = (b->flags & BoardEntry::HasClose) != 0;
        if (aHas != bHas) {
            return aHas;
        }
        if (aHas && a->closeDay != b->closeDay) {
            return a->closeDay < b->closeDay;
        }
        break;
    }
    case ColumnSort::DaysInStage:
        if (a->enteredMs != b->enteredMs) {
            return a->enteredMs < b->enteredMs;
        }
        return a->id < b->id;
    case ColumnSort::NextActivity: {
        const bool aHas = (a->flags & BoardEntry::HasNext) != 0;
        const bool bHas = (b->flags & BoardEntry::HasNext) != 0;
        if (aHas != bHas) {
            return aHas;
        }
        if (aHas) {
            const auto due = [](const BoardEntry* entry) { return std::pair(entry->nextDueDay, entry->nextDueMinute); };
            if (due(a) != due(b)) {
                return due(a) < due(b);
            }
        }
        break;
    }
    case ColumnSort::Newest:
        break;
    }
    if (a->enteredMs != b->enteredMs) {
        return a->enteredMs > b->enteredMs;
    }
    return a->id > b->id;
}

void StageColumnModel::setSort(ColumnSort sort)
{
    m_trail.clear();
    m_sort = sort;
    std::vector<const BoardEntry*> all = std::move(m_all);
    resetEntries(std::move(all));
}

bool StageColumnModel::inOrder(const BoardEntry* entry) const
{
    const auto found = std::find(m_all.begin(), m_all.end(), entry);
    if (found == m_all.end()) {
        return false;
    }
    return (found == m_all.begin() || !before(entry, *(found - 1)))
        && (found + 1 == m_all.end() || !before(*(found + 1), entry));
}

QMimeData* StageColumnModel::encodeDealIds(const QList<DealId>& ids)
{
    QByteArray payload;
    QDataStream stream(&payload, QIODevice::WriteOnly);
    stream << static_cast<quint32>(ids.size());
    for (DealId id : ids) {
        stream << static_cast<qint64>(id);
    }
    auto* mime = new QMimeData;
    mime->setData(mimeType(), payload);
    return mime;
}

QList<DealId> StageColumnModel::decodeDealIds(const QMimeData* mime)
{
    QList<DealId> ids;
    if (mime == nullptr || !mime->hasFormat(mimeType())) {
        return ids;
    }
    QDataStream stream(mime->data(mimeType()));
    quint32 count = 0;
    stream >> count;
    if (count > 100000) {
        return {};
    }
    for (quint32 i = 0; i < count; ++i) {
        qint64 id = 0;
        stream >> id;
        if (stream.status() != QDataStream::Ok || id <= 0) {
            return {};
        }
        ids << id;
    }
    return ids;
}

int StageColumnModel::rowOf(DealId id) const
{
    for (std::size_t row = 0; row < m_visible.size(); ++row) {
        if (m_visible[row]->id == id) {
            return static_cast<int>(row);
        }
    }
    return -1;
}

std::optional<Deal> StageColumnModel::dealAt(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_visible.size())) {
        return std::nullopt;
    }
    return m_visible[row]->deal(*m_filter.texts);
}

void StageColumnModel::resetEntries(std::vector<const BoardEntry*> all)
{
    m_trail.clear();
    std::sort(all.begin(), all.end(), [this](const BoardEntry* a, const BoardEntry* b) { return before(a, b); });
    beginResetModel();
    m_all = std::move(all);
    m_visible.clear();
    for (const BoardEntry* entry : m_all) {
        if (m_filter.accepts(*entry)) {
            m_visible.push_back(entry);
        }
    }
    endResetModel();
}

void StageColumnModel::repaintAll()
{
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    }
}

void StageColumnModel::refilter()
{
    showOnly(accepted());
}

namespace {

std::vector<const BoardEntry*> acceptedAmong(const std::vector<const BoardEntry*>& from, const BoardFilter& filter)
{
    // A column's order is not the order the entries and their keys were
    // made in, so each is a read from far away: the entries a few places on
    // are asked for ahead, and the keys of those a little nearer, whose
    // entries have arrived by then. At a million deals this halves a
    // keystroke.
    constexpr std::size_t EntryAhead = 16;
    constexpr std::size_t KeyAhead = 8;
    std::vector<const BoardEntry*> visible;
    visible.reserve(from.size());
    const std::size_t count = from.size();
    for (std::size_t i = 0; i < count; ++i) {
        if (i + EntryAhead < count) {
            __builtin_prefetch(from[i + EntryAhead]);
        }
        if (i + KeyAhead < count) {
            __builtin_prefetch(from[i + KeyAhead]->text);
        }
        if (filter.accepts(*from[i])) {
            visible.push_back(from[i]);
        }
    }
    return visible;
}

// At most this many earlier searches are kept per column.
constexpr std::size_t TrailLength = 8;

} // namespace

std::vector<const BoardEntry*> StageColumnModel::accepted() const
{
    return acceptedAmong(m_all, m_filter);
}

std::vector<const BoardEntry*> StageColumnModel::searched(const QByteArray& from) const
{
    const QByteArray& to = m_filter.searchUtf8;
    if (to.contains(from)) {
        return acceptedAmong(m_visible, m_filter); // nothing outside can match
    }
    // The longest earlier search the new one holds (each holds the one before).
    for (auto step = m_trail.rbegin(); step != m_trail.rend(); ++step) {
        if (step->search == to) {
            return step->visible;
        }
        if (to.contains(step->search)) {
            return acceptedAmong(step->visible, m_filter);
        }
    }
    return accepted();
}

void StageColumnModel::showSearched(const QByteArray& from, std::vector<const BoardEntry*> visible)
{
    const QByteArray& to = m_filter.searchUtf8;
    if (visible == m_visible) {
        return; // the trail still holds only searches the new one holds
    }
    if (to.contains(from)) {
        m_trail.push_back({from, std::move(m_visible)});
        if (m_trail.size() > TrailLength) {
            m_trail.erase(m_trail.begin() + 1); // the shortest, often none at all, stays
        }
    } else {
        // Only the steps the new search holds still narrow towards it.
        while (!m_trail.empty() && !to.contains(m_trail.back().search)) {
            m_trail.pop_back();
        }
        if (!m_trail.empty() && m_trail.back().search == to) {
            m_trail.pop_back(); // shown again now
        }
    }
    beginResetModel();
    m_visible = std::move(visible);
    endResetModel();
}

void StageColumnModel::showOnly(std::vector<const BoardEntry*> visible)
{
    m_trail.clear();
    if (visible == m_visible) {
        return;
    }
    beginResetModel();
    m_visible = std::move(visible);
    endResetModel();
}

int StageColumnModel::visiblePositionFor(const BoardEntry* entry) const
{
    return static_cast<int>(std::lower_bound(m_visible.begin(), m_visible.end(), entry,
                                             [this](const BoardEntry* a, const BoardEntry* b) { return before(a, b); })
                            - m_visible.begin());
}

void StageColumnModel::insertEntry(const BoardEntry* entry)
{
    m_trail.clear();
    m_all.insert(std::lower_bound(m_all.begin(), m_all.end(), entry,
                                  [this](const BoardEntry* a, const BoardEntry* b) { return before(a, b); }),
                 entry);
    if (!m_filter.accepts(*entry)) {
        return;
    }
    const int row = visiblePositionFor(entry);
    beginInsertRows({}, row, row);
    m_visible.insert(m_visible.begin() + row, entry);
    endInsertRows();
}

void StageColumnModel::removeEntry(const BoardEntry* entry)
{
    m_trail.clear();
    m_all.erase(std::remove(m_all.begin(), m_all.end(), entry), m_all.end());
    const auto found = std::find(m_visible.begin(), m_visible.end(), entry);
    if (found == m_visible.end()) {
        return;
    }
    const int row = static_cast<int>(found - m_visible.begin());
    beginRemoveRows({}, row, row);
    m_visible.erase(found);
    endRemoveRows();
}

void StageColumnModel::refreshEntry(const BoardEntry* entry)
{
    m_trail.clear();
    const auto found = std::find(m_visible.begin(), m_visible.end(), entry);
    const bool shown = found != m_visible.end();
    const bool accepted = m_filter.accepts(*entry);
    if (shown && accepted) {
        const QModelIndex changed = index(static_cast<int>(found - m_visible.begin()));
        Q_EMIT dataChanged(changed, changed);
    } else if (shown) {
        const int row = static_cast<int>(found - m_visible.begin());
        beginRemoveRows({}, row, row);
        m_visible.erase(found);
        endRemoveRows();
    } else if (accepted) {
        const int row = visiblePositionFor(entry);
        beginInsertRows({}, row, row);
        m_visible.insert(m_visible.begin() + row, entry);
        endInsertRows();
    }
}

int StageColumnModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_visible.size());
}

QVariant StageColumnModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Deal deal = m_visible[index.row()]->deal(*m_filter.texts);
    // Text stored before the rule on invisible characters is shown with them written out.
    const QString title = TextRules::shown(deal.title);
    const QString company = TextRules::shown(deal.company);
    switch (role) {
    case Qt::DisplayRole:
        return title;
    case Qt::ToolTipRole: {
        const QString why = m_team.whyNotChange(deal.owner, QStringLiteral("it"));
        const QString stalling = stallingWhy(deal);
        const QString fields = m_cardFields ? m_cardFields(deal.id, true) : QString();
        return QStringLiteral("%1\n%2\n%3").arg(title, company, Numbers::amount(deal.value))
            + (fields.isEmpty() ? QString() : QStringLiteral("\n") + fields)
            + (stalling.isEmpty() ? QString()
                                  : QStringLiteral("\nStalling: %1 days in %2, %3.")
                                        .arg(deal.daysInStage(m_filter.clock()))
                                        .arg(stageName(deal.stage), stalling))
            + (why.isEmpty() ? QString() : QStringLiteral("\n\n") + why);
    }
    case Qt::AccessibleTextRole:
        return QStringLiteral("%1, %2, %3").arg(title, company, Numbers::amount(deal.value))
            + (m_cardFields && !m_cardFields(deal.id, true).isEmpty()
                   ? QStringLiteral(", ") + m_cardFields(deal.id, true)
                   : QString())
            + (stallingWhy(deal).isEmpty() ? QString() : QStringLiteral(", stalling"))
            + (data(index, TeammateRole).toBool() ? QStringLiteral(", %1's deal").arg(TextRules::shown(deal.owner))
                                                  : QString());
    case StallingRole:
        return stallingWhy(deal);
    case DealRole:
        return QVariant::fromValue(deal);
    case DealIdRole:
        return QVariant::fromValue<qint64>(deal.id);
    case CardFieldsRole:
        return m_cardFields ? m_cardFields(deal.id, false) : QString();
    case TeammateRole:
        return m_team.isTeam && !deal.owner.isEmpty() && deal.owner != m_team.user;
    case LockedRole:
        return !m_team.mayChange(deal.owner);
    default:
        return {};
    }
}

QString StageColumnModel::stallingWhy(const Deal& deal) const
{
    if (m_filter.stall == nullptr || !m_filter.clock || !m_filter.stall->isStalling(deal, m_filter.clock())) {
        return {};
    }
    return m_filter.stall->why(deal.stage);
}

Qt::ItemFlags StageColumnModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return Qt::ItemIsDropEnabled;
    }
    const QString& owner = m_filter.texts->shared(m_visible[index.row()]->owner);
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable
        | (m_team.mayChange(owner) ? Qt::ItemIsDragEnabled : Qt::NoItemFlags);
}

QStringList StageColumnModel::mimeTypes() const
{
    return {mimeType()};
}

QMimeData* StageColumnModel::mimeData(const QModelIndexList& indexes) const
{
    QList<DealId> ids;
    for (const QModelIndex& index : indexes) {
        if (index.isValid() && index.model() == this) {
            ids << m_visible[index.row()]->id;
        }
    }
    return ids.isEmpty() ? nullptr : encodeDealIds(ids);
}

bool StageColumnModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int, int, const QModelIndex&) const
{
    return (action == Qt::MoveAction || action == Qt::CopyAction) && !decodeDealIds(data).isEmpty();
}

bool StageColumnModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                    const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent)) {
        return false;
    }
    // Dropping asks for a move; the service decides, and the rows follow its
    // change signals. The view never moves rows itself.
    Q_EMIT dropRequested(decodeDealIds(data), m_stage);
    return true;
}

Qt::DropActions StageColumnModel::supportedDropActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

Qt::DropActions StageColumnModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

} // namespace dealboard::gui
