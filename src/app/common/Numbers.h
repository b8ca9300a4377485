#pragma once

// One way to write a number on the board: amounts, counts, shares and
// figures in the headers, cards, toolbar, reports and dialogs, all through
// QLocale, so that "26,368" never stands beside "26368". Files and the CLI
// keep their one locale-independent form (CSV, JSON, Money.h).
#include "dealboard/Money.h"
#include "dealboard/Result.h"

#include <QString>
#include <optional>

namespace dealboard::gui::Numbers {

// 26,368
QString count(qint64 value);
// 12,500.50 EUR; 12,500 EUR when whole; 1,500 JPY; 1.500 BHD: each
// currency with its own decimals
QString amount(const Money& money);
// the amount without its currency, as a field shows it for editing
QString amountOnly(std::int64_t minor, QStringView currency);
// For headers, cards and the toolbar: 4,999 below ten thousand, then three figures
// in k, M or B (27.5k, 1.80M, 275B), the billions grouped past that (2,000B);
// rounded half away from zero (9,999.99 is 10.0k, 499.99 is 500).
QString compact(std::int64_t minor, QStringView currency);
// The same of a count of whole units, which may pass what minor units hold
// (an axis's top above the highest bar).
QString compactWhole(std::uint64_t major);
// 42.5 %, or "–" without a share
QString percent(const std::optional<double>& share);
// 12.5 (days)
QString decimal(double value, int decimals = 1);
// What a person types: the amount as amount() shows it in this locale, or
// the plain 12500.50 / 12,500.50 Money.h takes; never read through a double.
Result<std::int64_t> parseAmount(QStringView text, QStringView currency);

} // namespace dealboard::gui::Numbers
