// What the board shows: the filter each card passes, and the search, which
// narrows among what is shown and is run on two threads for a large board.
#include "board/BoardModel.h"
#include "board/StageColumnModel.h"

#include <array>
#include <cstring>
#include <thread>

namespace dealboard::gui {

namespace {

// From this many deals on the board, a search is run on two threads.
constexpr std::size_t ParallelFilterFrom = 50'000;

// Whether `key` holds `part`, both UTF-8: each place of the first byte
// (memchr, vectorized), then the rest compared. Faster than memmem on keys of
// a few dozen bytes, where its setup costs more than the search.
bool holds(std::string_view key, const QByteArray& part)
{
    const auto length = static_cast<std::size_t>(part.size());
    if (key.size() < length) {
        return false;
    }
    const char* at = key.data();
    const char* const last = at + (key.size() - length);
    const char first = part.front();
    while (at <= last) {
        at = static_cast<const char*>(std::memchr(at, first, static_cast<std::size_t>(last - at) + 1));
        if (at == nullptr) {
            return false;
        }
        if (std::memcmp(at + 1, part.constData() + 1, length - 1) == 0) {
            return true;
        }
        ++at;
    }
    return false;
}

} // namespace

bool BoardFilter::accepts(const BoardEntry& entry) const
{
    if (!showLost && entry.status() == DealStatus::Lost) {
        return false;
    }
    if (!owner.isEmpty() && texts->shared(entry.owner) != owner) {
        return false;
    }
    if (!segment.isEmpty() && !segmentDeals.contains(entry.id)) {
        return false;
    }
    if (activity != ActivityView::All) {
        const NextActivityState state = nextActivityState(entry.nextActivity(*texts), now);
        if (activity == ActivityView::NoNextActivity
            && (state != NextActivityState::None || entry.status() != DealStatus::Open)) {
            return false;
        }
        if (activity == ActivityView::Overdue && state != NextActivityState::Overdue) {
            return false;
        }
    }
    return searchUtf8.isEmpty() || holds(entry.searchKey(), searchUtf8);
}

bool BoardFilter::narrows() const
{
    return !search.isEmpty() || !owner.isEmpty() || !segment.isEmpty() || activity != ActivityView::All;
}

void BoardModel::setSearchText(const QString& text)
{
    const QString folded = text.trimmed().toCaseFolded();
    if (folded == m_filter.search) {
        return;
    }
    const QByteArray from = std::exchange(m_filter.searchUtf8, folded.toUtf8());
    m_filter.search = folded;
    refilterAll(&from);
}

void BoardModel::refilterAll(const QByteArray* searchFrom)
{
    // The columns are filtered on two threads where there are many deals to
    // read; what each finds is shown here, on the board's thread.
    std::array<std::vector<const BoardEntry*>, StageCount> accepted;
    const auto filter = [this, searchFrom, &accepted](std::size_t from, std::size_t step) {
        for (std::size_t i = from; i < m_columns.size(); i += step) {
            accepted[i] = searchFrom ? m_columns[i]->searched(*searchFrom) : m_columns[i]->accepted();
        }
    };
    if (m_entries.size() >= ParallelFilterFrom) {
        // Alternate columns: the stages' sizes differ, and so both halves
        // hold large and small ones.
        std::thread other(filter, 1, 2);
        filter(0, 2);
        other.join();
    } else {
        filter(0, 1);
    }
    Q_EMIT columnsAboutToReset();
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        if (searchFrom) {
            m_columns[i]->showSearched(*searchFrom, std::move(accepted[i]));
        } else {
            m_columns[i]->showOnly(std::move(accepted[i]));
        }
    }
    Q_EMIT columnsReset();
    Q_EMIT totalsChanged();
}

} // namespace dealboard::gui
