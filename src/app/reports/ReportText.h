#pragma once

#include <QString>
#include <optional>

namespace dealboard::gui {

// A share as the Reports tab writes it: "42.5 %", or "–" without one.
inline QString percent(const std::optional<double>& value)
{
    return value ? QString::number(*value * 100.0, 'f', 1) + QStringLiteral(" %") : QStringLiteral("–");
}

} // namespace dealboard::gui
