#pragma once

// The board's own hint after a core message whose next step the board cannot
// take itself (the core names the step, never a command): the command that
// takes it, which the rep or the team's admin runs.
#include "dealboard/Result.h"

#include <QString>

namespace dealboard::gui {

inline QString withHint(const Error& error)
{
    if (error.subject.isEmpty()) {
        return error.message;
    }
    if (error.missing == u"pipeline") {
        return error.message + QStringLiteral(" `dealboard-cli --db %1 init` creates it.").arg(error.subject);
    }
    if (error.missing == u"upgrade") {
        return error.message + QStringLiteral(" `dealboard-cli --db %1 migrate` upgrades it.").arg(error.subject);
    }
    if (error.missing == u"certificate") {
        return error.message
            + QStringLiteral(" `dealboard-cli servers forget %1` forgets the kept one.").arg(error.subject);
    }
    return error.message;
}

} // namespace dealboard::gui
