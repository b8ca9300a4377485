#pragma once

// What both kinds of pipeline structure answer (Schema for a file,
// ServerSchema for a server); the backend holds the one it needs.
#include "dealboard/Result.h"

#include <QStringList>

namespace dealboard {

class StoreSchema
{
public:
    virtual ~StoreSchema() = default;
    // Accepts the pipeline for use, or refuses it (naming what is wrong and
    // what to do) and leaves it as it was.
    virtual Result<void> accept() = 0;
    // Refuses a write (without ending its transaction) while the structure
    // is not DealBoard's.
    virtual Result<void> guard() = 0;
    // How the structure differs from DealBoard's; empty when equal.
    virtual QStringList faults() = 0;
};

} // namespace dealboard
