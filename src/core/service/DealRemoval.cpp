// A deal removed and put back (the undo of a remove): its history,
// activities and notes leave with it and return with it, each one write
// transaction.
#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Pipeline.h"
#include "dealboard/service/DealService.h"

#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

Result<DeletedDeal> DealService::remove(DealId id, const ActionOptions& options)
{
    Result<DeletedDeal> deleted = write(m_store, [&]() -> Result<DeletedDeal> {
        Result<Deal> loaded = loadForChange(id, options);
        if (!loaded) {
            return loaded.error();
        }
        Result<std::vector<HistoryEntry>> history = m_store.deals().history(id);
        if (!history) {
            return history.error();
        }
        ActivityFilter ofDeal;
        ofDeal.dealId = id;
        Result<std::vector<Activity>> activities = m_store.activities().list(ofDeal);
        if (!activities) {
            return activities.error();
        }
        Result<std::vector<Note>> notes = m_store.notes().list(id);
        if (!notes) {
            return notes.error();
        }
        if (Result<void> done = m_store.deals().remove(id, loaded.value().version); !done) {
            return done.error();
        }
        return DeletedDeal {loaded.value(), std::move(history.value()), std::move(activities.value()),
                            std::move(notes.value())};
    });
    if (!deleted) {
        return deleted;
    }
    spdlog::info("Deleted deal {} '{}'", id, text(deleted.value().deal.title));
    Q_EMIT m_pipeline.dealRemoved(id);
    return deleted;
}

Result<Deal> DealService::restore(const DeletedDeal& deleted)
{
    Deal deal = deleted.deal;
    Result<void> restored = write(m_store, [&]() -> Result<void> {
        Result<std::optional<Deal>> existing = m_store.deals().find(deleted.deal.id);
        if (!existing) {
            return existing.error();
        }
        if (existing.value()) {
            return makeError(
                ErrorCode::InvalidInput,
                QStringLiteral("Deal %1 exists already; it can't be restored twice.").arg(deleted.deal.id));
        }
        if (Result<void> done = m_store.deals().insert(deal); !done) {
            return done;
        }
        if (m_store.deals().restoresWhole()) {
            // The server kept the deal's history, activities and notes.
            return {};
        }
        for (HistoryEntry entry : deleted.history) {
            if (Result<void> done = m_store.deals().insertHistory(entry); !done) {
                return done;
            }
        }
        for (Activity activity : deleted.activities) {
            if (Result<void> done = m_store.activities().insert(activity); !done) {
                return done;
            }
        }
        // Oldest first, as they were written.
        for (auto note = deleted.notes.rbegin(); note != deleted.notes.rend(); ++note) {
            Note kept = *note;
            if (Result<void> done = m_store.notes().insert(kept); !done) {
                return done;
            }
        }
        return {};
    });
    if (!restored) {
        return restored.error();
    }
    spdlog::info("Restored deal {} '{}'", deal.id, text(deal.title));
    Q_EMIT m_pipeline.dealChanged(deal);
    return deal;
}

} // namespace dealboard
