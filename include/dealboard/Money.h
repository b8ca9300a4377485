#pragma once

#include "dealboard/Result.h"

#include <QString>
#include <cstdint>
#include <limits>

namespace dealboard {

// An amount in integer minor units (cents) of an ISO 4217 currency. Never a
// floating-point number: sums and exports stay exact.
struct Money
{
    std::int64_t minor = 0;
    QString currency = defaultCurrency();

    static QString defaultCurrency() { return QStringLiteral("EUR"); }

    bool isPositive() const { return minor > 0; }
    friend bool operator==(const Money&, const Money&) = default;
};

// The largest value a deal may have: 999,999,999,999.99. At this bound the
// values of 92,000 deals still sum within 64 bits; sums saturate beyond.
inline constexpr std::int64_t MaxMoneyMinor = 99'999'999'999'999;

// a + b, held at the largest (smallest) 64-bit value instead of overflowing.
inline std::int64_t addMoney(std::int64_t a, std::int64_t b)
{
    std::int64_t sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) {
        return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
    }
    return sum;
}

// value × percent / 100, exact for any stored value, never overflowing.
inline std::int64_t percentOf(std::int64_t value, int percent)
{
    return value / 100 * percent + value % 100 * percent / 100;
}

// "1234.50" for 123450 minor units: plain decimal in major units, '.' separator.
QString formatDecimal(std::int64_t minor);

// "1,234.50 EUR": grouped for people.
QString formatForPeople(const Money& money);

// Parses "1234", "1234.5" or "1234.50" into minor units. Refuses signs,
// more than two decimals, grouping characters and values beyond MaxMoneyMinor.
Result<std::int64_t> parseDecimal(QStringView text);

// What a person types in the app: parseDecimal, and also the amount as the
// app shows it, with ',' between thousands ("12,500.50"). A ',' anywhere
// else ("12,50") is refused, never read as a decimal point, and "1.234" is
// explained as a possible '.' between thousands rather than as three
// decimals. Files and the CLI keep parseDecimal's one form.
Result<std::int64_t> parseAmountForPeople(QStringView text);

// A currency code is three upper-case ASCII letters.
bool isValidCurrency(QStringView code);

} // namespace dealboard
