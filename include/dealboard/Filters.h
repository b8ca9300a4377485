#pragma once

// What a read asks the store for, and the sums it answers with.
#include "dealboard/Contacts.h"
#include "dealboard/Deal.h"

#include <QDate>
#include <QString>
#include <optional>
#include <vector>

namespace dealboard {

// Which deals a read returns.
struct DealFilter
{
    std::optional<Stage> stage;
    QString owner; // empty: every owner
    std::vector<DealStatus> statuses; // empty: every status
};

// Deals of one stage, status and currency, summed by the database.
struct StageAggregate
{
    Stage stage = Stage::Prospecting;
    DealStatus status = DealStatus::Open;
    QString currency;
    int deals = 0;
    std::int64_t valueMinor = 0;
    // Each deal's value × its win probability (its own, else its stage's),
    // summed exactly and rounded once, half away from zero.
    std::int64_t weightedMinor = 0;
};

// Which activities a read returns.
struct ActivityFilter
{
    DealId dealId = 0; // 0: every deal
    PersonId personId = 0; // 0: every person
    bool openOnly = false; // only those not done
    QDate dueBefore; // valid: only those due before this day (with openOnly: overdue)
};

// Which organizations or people a read returns.
struct ContactFilter
{
    QString search; // in name, email, organization (case-insensitive); empty: all
    QString tag; // empty: any
};

} // namespace dealboard
