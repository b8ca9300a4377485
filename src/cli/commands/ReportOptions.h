#pragma once

// The report's filters, shared by report and export report.
#include "../Command.h"

namespace dealboard::cli {

inline OptionDocs reportFilterDocs()
{
    return {{QStringLiteral("from"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("deals created on or after")},
            {QStringLiteral("to"), QStringLiteral("YYYY-MM-DD"), QStringLiteral("deals created on or before")},
            {QStringLiteral("owner"), QStringLiteral("O"), QStringLiteral("only this rep's deals")},
            {QStringLiteral("mode"), QStringLiteral("reached|strict"),
             QStringLiteral("count a stage as reached when passed (default) or only when entered")}};
}

} // namespace dealboard::cli
