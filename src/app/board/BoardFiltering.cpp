// What the board shows: the filter each card passes, the search, which
// narrows among what is shown and is run on two threads for a large board,
// and what each stage needs and marks (its rules and stall marks).
#include "board/BoardModel.h"
#include "board/StageColumnModel.h"
#include "dealboard/service/PipelineOpener.h"

#include <array>
#include <cstring>
#include <spdlog/spdlog.h>
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
    if (!fieldKey.isEmpty() && fieldDeals.contains(entry.id) == fieldValue.isEmpty()) {
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
    return !search.isEmpty() || !owner.isEmpty() || !segment.isEmpty() || !fieldKey.isEmpty()
        || activity != ActivityView::All;
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

void BoardModel::readStageRules()
{
    Result<StageRules> rules = m_service.reports().stageRules();
    if (!rules) {
        // The columns then keep the rules last read; the service holds the
        // moves to the stored ones anyway.
        spdlog::warn("Couldn't read the stages' rules: {}", rules.error().message.toStdString());
        return;
    }
    if (rules.value() == m_stageRules) {
        return;
    }
    const bool fieldsChanged = !(rules.value().fields() == m_stageRules.fields());
    m_stageRules = std::move(rules.value());
    if (fieldsChanged) {
        readCardFields();
        refreshFieldFilter();
        refilterAll();
        for (StageColumnModel* column : m_columns) {
            column->repaintAll(); // the cards' fields
        }
    }
    Q_EMIT stageRulesChanged();
}

void BoardModel::readStallMarks()
{
    // The rules at once; where a stage learns, the team's stays are read on
    // a connection of its own, off the board's thread (seconds at a million
    // deals), and the cards follow when they come. Meanwhile a learning
    // stage keeps the figures last read.
    Result<StallMarks> rules = m_service.reports().stallMarks(false);
    if (!rules) {
        // The cards then keep the marks last read; said in the log.
        spdlog::warn("Couldn't read the stall marks: {}", rules.error().message.toStdString());
        return;
    }
    const StallMarks before = m_stallMarks;
    m_stallMarks = std::move(rules.value());
    m_stallMarks.stays = before.stays;
    const int generation = ++m_marksGeneration;
    // A read still running when the rules change again is let finish (its
    // figures are dropped): the board never waits for it.
    std::erase_if(m_marksReaders, [](const std::unique_ptr<QThread>& reader) { return reader->isFinished(); });
    if (m_stallMarks.anyLearned()) {
        const QString path = m_service.reads().path();
        const QDateTime now = m_service.now();
        m_marksReaders.emplace_back(QThread::create([this, path, now, generation] {
            Result<StallMarks> read = PipelineOpener::readStallMarksApart(path, now);
            QMetaObject::invokeMethod(
                this,
                [this, read = std::move(read), generation] {
                    if (generation != m_marksGeneration) {
                        return; // the rules changed since: read again
                    }
                    if (!read) {
                        spdlog::warn("Couldn't read the team's stays in each stage: {}",
                                     read.error().message.toStdString());
                        return;
                    }
                    m_stallMarks.stays = read.value().stays;
                    Q_EMIT stallMarksChanged();
                },
                Qt::QueuedConnection);
        }));
        m_marksReaders.back()->start();
    }
    if (!(m_stallMarks.rules == before.rules && m_stallMarks.stays == before.stays)) {
        Q_EMIT stallMarksChanged();
    }
}

} // namespace dealboard::gui
