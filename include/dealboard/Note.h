#pragma once

#include "dealboard/Deal.h"

#include <QDateTime>
#include <QString>
#include <cstdint>

namespace dealboard {

using NoteId = std::int64_t;

// A rep's free-text note on a deal: what was said, what to remember. Notes
// are added, never edited; a deal's notes go with it.
struct Note
{
    NoteId id = 0;
    DealId dealId = 0;
    QString author; // who wrote it: the signed-in user on a team's server
    QString text;
    QDateTime createdAt; // UTC
    // Read only, for lists and exports.
    QString dealTitle;
};

} // namespace dealboard
