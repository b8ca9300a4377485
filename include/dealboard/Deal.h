#pragma once

#include "dealboard/CustomFields.h"
#include "dealboard/Money.h"
#include "dealboard/Probability.h"
#include "dealboard/Stage.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTime>
#include <cstdint>
#include <optional>
#include <vector>

namespace dealboard {

using DealId = std::int64_t;

// The three qualification criteria: a prospect must be willing to buy, have a
// proven need and have a budget before the deal moves past Qualifying.
struct Qualification
{
    bool willing = false;
    bool need = false;
    bool budget = false;

    bool complete() const { return willing && need && budget; }
    friend bool operator==(const Qualification&, const Qualification&) = default;
};

enum class ActivityKind { Call, Email, Meeting, Task };

// The earliest activity of a deal that is not done yet.
struct NextActivity
{
    std::int64_t id = 0;
    ActivityKind kind = ActivityKind::Task;
    QString subject;
    QDate dueDate;
    QTime dueTime; // invalid: any time that day
};

// One deal as stored. Times are UTC; expectedClose is a calendar date.
struct Deal
{
    DealId id = 0;
    QString title;
    // The deal's organization and person. On reads these come from the linked
    // records; on writes the store links (or creates) the organization named
    // `company` and the person with `email` (else `contactName` there).
    QString company;
    QString contactName;
    QString email;
    QString phone;
    std::int64_t organizationId = 0; // 0: none
    std::int64_t personId = 0; // 0: none
    std::int64_t originDealId = 0; // a follow-up deal's origin; 0: new business
    QString owner;
    Stage stage = Stage::Prospecting;
    DealStatus status = DealStatus::Open;
    Money value;
    QDate expectedClose;
    Qualification qualification;
    QString lostReason;
    // The deal's own win probability in percent, above its stage's; empty:
    // the stage's.
    std::optional<int> probabilityPercent;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime stageEnteredAt;
    std::int64_t version = 0;
    std::optional<NextActivity> nextActivity; // read only
    // Grows with every activity planned or done on the deal (read only).
    std::int64_t activityStamp = 0;
    // The ids of the plan's steps ticked on the deal, sorted (StagePlan).
    // Read with one deal (DealRepository::find), not with lists.
    std::vector<std::int64_t> planTicks;
    // The deal's custom fields' values, by field id (CustomFields). Read
    // with one deal (DealRepository::find) and, for the fields shown on
    // cards, with the board's lists.
    std::vector<FieldValue> fieldValues;

    // Changes whenever anything a card shows changes: the row or its activities.
    static std::int64_t cardStamp(std::int64_t version, std::int64_t activityStamp)
    {
        return version + (activityStamp << 24);
    }
    std::int64_t cardStamp() const { return cardStamp(version, activityStamp); }

    // Whole days spent in the current stage at `now`.
    int daysInStage(const QDateTime& now) const;
    // Longer in its stage than the stage's rotting days (open deals only).
    bool isRotting(const QDateTime& now) const;
    // Expected close date passed while the deal is still open.
    bool isOverdue(const QDate& today) const;
    // value × the deal's win probability (its own, else its stage's under
    // `probabilities`), in minor units (rounded down).
    std::int64_t weightedMinor(const StageProbabilities& probabilities) const;
};

// The editable facts of a deal: what `add` and `edit` change. Unset optionals
// leave the stored value alone on edit.
struct DealFields
{
    std::optional<QString> title;
    std::optional<QString> company;
    std::optional<QString> contactName;
    std::optional<QString> email;
    std::optional<QString> phone;
    std::optional<QString> owner;
    std::optional<std::int64_t> valueMinor;
    std::optional<QString> currency;
    std::optional<QDate> expectedClose; // an invalid QDate clears it
    std::optional<bool> willing;
    std::optional<bool> need;
    std::optional<bool> budget;
    // Set to empty: back to the stage's probability.
    std::optional<std::optional<int>> probabilityPercent;
    // A next activity planned with a move, when the stage asks for one
    // (DealService::move only; its subject and due date are required).
    std::optional<NextActivity> nextActivity;
    // Planned even when it comes too soon after another touch of the person.
    bool nextActivityAnyway = false;
    // Steps of the stage plan ticked with a move (DealService::move only).
    std::vector<std::int64_t> tickSteps;
    // Custom fields set by key, as typed ("source" = "web"); an empty text
    // clears one. Checked and written by the service (CustomFieldValues.cpp).
    std::vector<std::pair<QString, QString>> setFields;
    // Every custom field's stored value at once, by field id (the board's
    // undo and redo of an edit); checked by the service too.
    std::optional<std::vector<FieldValue>> fieldValues;

    static DealFields withTitle(const QString& title)
    {
        DealFields fields;
        fields.title = title;
        return fields;
    }
    bool isEmpty() const;
    void applyTo(Deal& deal) const;
};

// One row of the stage history: creation, stage change or status change.
struct HistoryEntry
{
    std::int64_t id = 0;
    DealId dealId = 0;
    std::optional<Stage> fromStage; // empty for creation
    Stage toStage = Stage::Prospecting;
    std::optional<DealStatus> fromStatus;
    DealStatus toStatus = DealStatus::Open;
    QDateTime at;
    QString actor;
    // What a step changed besides the stage and status, so that its undo
    // puts back exactly the deal before it: the time it had entered its
    // stage, and its lost reason when it was lost (schema 7).
    QDateTime enteredBefore {};
    QString reasonBefore {};
    bool undone = false; // a step taken back since; the reports skip it
    std::int64_t undoes = 0; // on an undo's own row: the step it took back

    // A step the reports count: neither taken back nor an undo itself.
    bool counts() const { return !undone && undoes == 0; }
};

} // namespace dealboard
