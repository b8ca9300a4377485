#pragma once

#include "dealboard/Result.h"

#include <QString>
#include <cstdint>

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

// "1234.50" for 123450 minor units: plain decimal in major units, '.' separator.
QString formatDecimal(std::int64_t minor);

// "1,234.50 EUR": grouped for people.
QString formatForPeople(const Money& money);

// Parses "1234", "1234.5" or "1234.50" into minor units. Refuses signs,
// more than two decimals, grouping characters and values beyond 10^15.
Result<std::int64_t> parseDecimal(QStringView text);

// A currency code is three upper-case ASCII letters.
bool isValidCurrency(QStringView code);

} // namespace dealboard
