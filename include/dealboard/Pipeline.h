#pragma once

// The one entry for every user action. A Pipeline owns the open store and
// the clock, says what changed (its signals), notices other processes'
// commits, and hands out the services, each action of which is one write
// transaction (BEGIN IMMEDIATE) checked whole before anything is written.
#include "dealboard/Clock.h"
#include "dealboard/Result.h"
#include "dealboard/service/AccuracyService.h"
#include "dealboard/service/Actions.h"
#include "dealboard/service/ActivityService.h"
#include "dealboard/service/ContactService.h"
#include "dealboard/service/DealService.h"
#include "dealboard/service/NoteService.h"
#include "dealboard/service/PipelineReads.h"
#include "dealboard/service/RateService.h"
#include "dealboard/service/ReportService.h"
#include "dealboard/service/TeamService.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <chrono>
#include <memory>
#include <optional>

namespace dealboard {

class DealStore;

class Pipeline final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Pipeline)

public:
    Pipeline(std::unique_ptr<DealStore> store, std::shared_ptr<const Clock> clock, QObject* parent = nullptr);
    ~Pipeline() override;

    QDateTime now() const { return m_clock->nowUtc(); }

    DealService& deals() { return m_deals; }
    ContactService& contacts() { return m_contacts; }
    ActivityService& activities() { return m_activities; }
    NoteService& notes() { return m_notes; }
    ReportService& reports() { return m_reports; }
    RateService& rates() { return m_rates; }
    AccuracyService& accuracy() { return m_accuracy; }
    TeamService& team() { return m_team; }
    // Read-only queries for the board and the exports.
    PipelineReads& reads() { return m_reads; }

    // SQLite's integrity check plus the pipeline's invariants.
    Result<CheckReport> check();
    // A consistent, owner-only copy at `target` (a new file) while others work on.
    Result<void> backupTo(const QString& target);

    // Who this process's changes are by in a file's change log (a server's
    // log names who is signed in).
    Result<void> setActor(const QString& actor);

    // Called every second or so by a front end that follows other processes.
    // On a file: asks whether another connection committed since the last
    // call, and emits externalChange() when it did. On a server, whose
    // notifications say so as it happens, it is the heartbeat: a lost
    // connection is said (connectionLost) and tried again with back-off (1 s
    // doubling to 30 s); once it is back, connectionRestored() and
    // externalChange(), since what happened meanwhile is unknown. Where the
    // server would not let the connection listen, its count of commits is
    // followed as a file's data version is.
    void pollExternalChanges();
    // False while a server's connection is lost.
    bool isConnected() const { return m_connected; }
    // The tables the server's notifications named for the externalChange()
    // being emitted ("deals", "people", …), so that a reader reads again
    // only what they touch; empty when that is not known (a file, a
    // connection back after a loss): then everything may have changed.
    const std::optional<QSet<QString>>& changedTables() const { return m_changedTables; }
    // Tries a lost connection again at once, whatever the back-off; why it is
    // still lost when it is. Connected, or on a file: nothing to do.
    Result<void> reconnectNow();

Q_SIGNALS:
    void dealChanged(const dealboard::Deal& deal); // created, edited, moved, won, lost, reopened, restored
    void dealRemoved(dealboard::DealId id);
    void dealsReset(); // many deals changed at once (seed)
    void goalsChanged();
    void probabilitiesChanged(); // a stage's win probability was set
    void stallMarksChanged(); // a stage's stall mark was set
    void stageRulesChanged(); // a fact's rule or a stage's plan was set
    void planTicked(dealboard::DealId deal); // a step of the plan was ticked or unticked on the deal
    void quotasChanged();
    void ratesChanged(); // the reporting currency or an exchange rate was set
    void contactsChanged(); // organizations, people or segments changed
    void activitiesChanged(dealboard::DealId deal); // an activity of the deal was planned or completed
    void notesChanged(dealboard::DealId deal); // a note was added to the deal or deleted
    void externalChange(); // another process changed the database
    void connectionLost(const QString& why); // a server's connection dropped; being tried again
    void connectionRestored();

private:
    std::unique_ptr<DealStore> m_store;
    std::shared_ptr<const Clock> m_clock;
    DealService m_deals;
    ContactService m_contacts;
    ActivityService m_activities;
    NoteService m_notes;
    ReportService m_reports;
    RateService m_rates;
    AccuracyService m_accuracy;
    TeamService m_team;
    PipelineReads m_reads;
    void noticeFromServer(const QString& table);

    qint64 m_lastDataVersion = -1;
    bool m_noticePending = false;
    bool m_ratesNoticed = false; // a notice named the rates or the settings
    QSet<QString> m_noticedTables; // named by the notices not yet passed on
    std::optional<QSet<QString>> m_changedTables;
    QElapsedTimer m_lastNotice; // when a server's notice was last passed on
    static constexpr qint64 NoticeGapMs = 250;
    bool m_listening = false; // a server's notifications reach this pipeline
    bool m_connected = true;
    QString m_whyLost; // the last failed attempt's error
    int m_backoffMs = 0;
    std::chrono::steady_clock::time_point m_nextAttempt;
};

} // namespace dealboard
