#pragma once

// forecast snapshot, forecast accuracy and forecast slipped: what the
// forecast command does with its history (ForecastHistory.cpp).
#include "../Command.h"

#include <optional>

namespace dealboard::cli {

std::vector<CommandForm> forecastHistoryForms();
// The work of `arguments` when they name one of the three; empty otherwise.
std::optional<Prepared> readForecastHistory(Context& context, const QStringList& arguments);

} // namespace dealboard::cli
