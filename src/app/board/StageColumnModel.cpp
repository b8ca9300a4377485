#include "board/StageColumnModel.h"

#include "common/Numbers.h"

#include <QDataStream>
#include <QIODevice>
#include <QMimeData>
#include <algorithm>

namespace dealboard::gui {

StageColumnModel::StageColumnModel(Stage stage, const BoardFilter& filter, const TeamSession& team, QObject* parent)
    : QAbstractListModel(parent)
    , m_stage(stage)
    , m_filter(filter)
    , m_team(team)
{
}

bool StageColumnModel::before(const BoardEntry* a, const BoardEntry* b)
{
    if (a->enteredMs != b->enteredMs) {
        return a->enteredMs > b->enteredMs;
    }
    return a->deal.id > b->deal.id;
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
        if (m_visible[row]->deal.id == id) {
            return static_cast<int>(row);
        }
    }
    return -1;
}

const Deal* StageColumnModel::dealAt(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_visible.size())) {
        return nullptr;
    }
    return &m_visible[row]->deal;
}

void StageColumnModel::resetEntries(std::vector<const BoardEntry*> all)
{
    std::sort(all.begin(), all.end(), &StageColumnModel::before);
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

void StageColumnModel::refilter()
{
    std::vector<const BoardEntry*> visible;
    visible.reserve(m_all.size());
    for (const BoardEntry* entry : m_all) {
        if (m_filter.accepts(*entry)) {
            visible.push_back(entry);
        }
    }
    if (visible == m_visible) {
        return;
    }
    beginResetModel();
    m_visible = std::move(visible);
    endResetModel();
}

int StageColumnModel::visiblePositionFor(const BoardEntry* entry) const
{
    return static_cast<int>(std::lower_bound(m_visible.begin(), m_visible.end(), entry, &StageColumnModel::before)
                            - m_visible.begin());
}

void StageColumnModel::insertEntry(const BoardEntry* entry)
{
    m_all.insert(std::lower_bound(m_all.begin(), m_all.end(), entry, &StageColumnModel::before), entry);
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
    const Deal& deal = m_visible[index.row()]->deal;
    switch (role) {
    case Qt::DisplayRole:
        return deal.title;
    case Qt::ToolTipRole: {
        const QString why = m_team.whyNotChange(deal.owner, QStringLiteral("it"));
        return QStringLiteral("%1\n%2\n%3").arg(deal.title, deal.company, Numbers::amount(deal.value))
            + (why.isEmpty() ? QString() : QStringLiteral("\n\n") + why);
    }
    case Qt::AccessibleTextRole:
        return QStringLiteral("%1, %2, %3").arg(deal.title, deal.company, Numbers::amount(deal.value));
    case DealRole:
        return QVariant::fromValue(deal);
    case DealIdRole:
        return QVariant::fromValue<qint64>(deal.id);
    default:
        return {};
    }
}

Qt::ItemFlags StageColumnModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return Qt::ItemIsDropEnabled;
    }
    const Deal& deal = m_visible[index.row()]->deal;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable
        | (m_team.mayChange(deal.owner) ? Qt::ItemIsDragEnabled : Qt::NoItemFlags);
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
            ids << m_visible[index.row()]->deal.id;
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
