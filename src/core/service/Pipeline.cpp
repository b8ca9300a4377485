#include "dealboard/Pipeline.h"

#include "ServiceSupport.h"
#include "dealboard/DealStore.h"
#include "dealboard/TransitionEngine.h"
#include "dealboard/service/Capabilities.h"

#include <QTimer>
#include <algorithm>
#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

Pipeline::Pipeline(std::unique_ptr<DealStore> store, std::shared_ptr<const Clock> clock, QObject* parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_clock(std::move(clock))
    , m_deals(*this, *m_store)
    , m_contacts(*this, *m_store)
    , m_activities(*this, *m_store)
    , m_notes(*this, *m_store)
    , m_reports(*this, *m_store)
    , m_rates(*this, *m_store)
    , m_accuracy(*this, *m_store)
    , m_team(*this, *m_store)
    , m_reads(*m_store)
{
    if (Result<qint64> version = m_store->dataVersion()) {
        m_lastDataVersion = version.value();
    }
    if (m_store->supports(DealStore::Capability::ChangeNotifications)) {
        m_listening = m_store->followChanges([this](const QString& table) { noticeFromServer(table); });
    }
}

Result<void> Pipeline::setActor(const QString& actor)
{
    return m_store->setActor(actor);
}

void Pipeline::noticeFromServer(const QString& table)
{
    spdlog::debug("Another client changed {} on {}", text(table), text(m_store->path()));
    m_ratesNoticed = m_ratesNoticed || table == u"exchange_rates" || table == u"settings";
    m_noticedTables.insert(table);
    // One commit notifies once per table it changed: the readers re-read once.
    if (m_noticePending) {
        return;
    }
    m_noticePending = true;
    // At most every NoticeGapMs: anybody may notify the channel, and a
    // member who floods it must not keep every board re-reading.
    const qint64 since = m_lastNotice.isValid() ? m_lastNotice.elapsed() : NoticeGapMs;
    QTimer::singleShot(int(std::max<qint64>(0, NoticeGapMs - since)), this, [this] {
        m_noticePending = false;
        m_lastNotice.start();
        if (std::exchange(m_ratesNoticed, false)) {
            Q_EMIT ratesChanged();
        }
        m_changedTables = std::exchange(m_noticedTables, {});
        Q_EMIT externalChange();
        m_changedTables.reset();
    });
}

Pipeline::~Pipeline() = default;

Result<CheckReport> Pipeline::check()
{
    CheckReport report;
    Result<QStringList> problems = m_store->integrityProblems();
    if (!problems) {
        return problems.error();
    }
    for (const QString& problem : problems.value()) {
        report.faults << QStringLiteral("SQLite integrity: %1").arg(problem);
    }
    for (const QString& difference : m_store->schemaFaults()) {
        report.faults << QStringLiteral("Structure not made by DealBoard: %1").arg(difference);
    }
    report.faults << m_store->dataFaults();
    Result<std::vector<Deal>> all = m_store->deals().list();
    if (!all) {
        return all.error();
    }
    Result<std::vector<HistoryEntry>> history = m_store->deals().allHistory();
    if (!history) {
        return history.error();
    }
    // Both lists are ordered by deal id: walk them together.
    const std::vector<HistoryEntry>& entries = history.value();
    std::size_t next = 0;
    for (const Deal& deal : all.value()) {
        ++report.dealsChecked;
        const HistoryEntry* last = nullptr;
        while (next < entries.size() && entries[next].dealId < deal.id) {
            report.faults << QStringLiteral("History row %1 belongs to deal %2, which does not exist.")
                                 .arg(entries[next].id)
                                 .arg(entries[next].dealId);
            ++next;
        }
        while (next < entries.size() && entries[next].dealId == deal.id) {
            last = &entries[next++];
        }
        const QString who = QStringLiteral("Deal %1 '%2'").arg(deal.id).arg(deal.title);
        if (last == nullptr) {
            report.faults << QStringLiteral("%1 has no stage history.").arg(who);
        } else if (last->toStage != deal.stage || last->toStatus != deal.status) {
            report.faults << QStringLiteral("%1 is %2 in %3, but its last history row says %4 in %5.")
                                 .arg(who, statusSlug(deal.status), stageSlug(deal.stage), statusSlug(last->toStatus),
                                      stageSlug(last->toStage));
        }
        if ((deal.status == DealStatus::Won) != (deal.stage == Stage::Retention) && deal.status != DealStatus::Lost) {
            report.faults << QStringLiteral("%1 is %2 in %3: won deals, and only they, are in Customer Retention.")
                                 .arg(who, statusSlug(deal.status), stageSlug(deal.stage));
        }
        if (deal.status != DealStatus::Lost) {
            // The fixed rules only: a deal may have entered its stage before
            // a manager asked more of it.
            for (Requirement requirement : TransitionEngine::unmetInCurrentStage(deal, StageRules::none())) {
                report.faults
                    << QStringLiteral("%1 is in %2: %3.").arg(who, stageName(deal.stage), requirementText(requirement));
            }
        }
        if (!deal.createdAt.isValid() || !deal.stageEnteredAt.isValid() || !deal.updatedAt.isValid()) {
            report.faults << QStringLiteral("%1 has a malformed time stamp.").arg(who);
        }
    }
    for (; next < entries.size(); ++next) {
        report.faults << QStringLiteral("History row %1 belongs to deal %2, which does not exist.")
                             .arg(entries[next].id)
                             .arg(entries[next].dealId);
    }
    if (!report.faults.isEmpty()) {
        spdlog::warn("Check of {} found {} fault(s)", text(m_store->path()), report.faults.size());
    }
    return report;
}

Result<void> Pipeline::backupTo(const QString& target)
{
    if (Result<void> possible = Capabilities::require(Capability::Backup, PipelineLocation(m_store->path()));
        !possible) {
        return possible;
    }
    return m_store->backupTo(target);
}

Result<void> Pipeline::reconnectNow()
{
    if (m_connected || !m_store->supports(DealStore::Capability::ChangeNotifications)) {
        return {};
    }
    m_nextAttempt = {};
    pollExternalChanges();
    if (m_connected) {
        return {};
    }
    return makeError(ErrorCode::Storage, m_whyLost);
}

void Pipeline::pollExternalChanges()
{
    if (m_store->supports(DealStore::Capability::ChangeNotifications)) {
        constexpr int FirstRetryMs = 1000;
        constexpr int LongestRetryMs = 30'000;
        const auto now = std::chrono::steady_clock::now();
        if (!m_connected && now < m_nextAttempt) {
            return;
        }
        Result<bool> beat = m_store->heartbeat();
        if (!beat) {
            m_whyLost = beat.error().message;
            m_backoffMs = m_connected ? FirstRetryMs : std::min(m_backoffMs * 2, LongestRetryMs);
            m_nextAttempt = now + std::chrono::milliseconds(m_backoffMs);
            if (m_connected) {
                m_connected = false;
                spdlog::warn("Lost the connection to {}; trying again: {}", text(m_store->path()),
                             text(beat.error().message));
                Q_EMIT connectionLost(beat.error().message);
            }
            return;
        }
        if (!m_connected || beat.value()) {
            const bool wasLost = !m_connected;
            m_connected = true;
            m_backoffMs = 0;
            spdlog::info("Connected to {} again; reading everything again", text(m_store->path()));
            if (wasLost) {
                Q_EMIT connectionRestored();
            }
            m_changedTables.reset();
            Q_EMIT externalChange();
            return;
        }
        if (m_listening) {
            return;
        }
        // The server would not let this connection listen: follow its count
        // of commits instead, as a file's data version is followed.
    }
    Result<qint64> version = m_store->dataVersion();
    if (!version) {
        return;
    }
    if (m_lastDataVersion != -1 && version.value() != m_lastDataVersion) {
        m_lastDataVersion = version.value();
        spdlog::debug("Another process changed {}", text(m_store->path()));
        Q_EMIT externalChange();
        return;
    }
    m_lastDataVersion = version.value();
}

} // namespace dealboard
