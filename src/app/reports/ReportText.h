#pragma once

#include "common/Numbers.h"

#include <QString>
#include <optional>

namespace dealboard::gui {

// A share as the Reports tab writes it: "42.5 %", or "–" without one.
inline QString percent(const std::optional<double>& value)
{
    return Numbers::percent(value);
}

} // namespace dealboard::gui
