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

// The largest amount, in minor units of any currency: 999,999,999,999.99 EUR,
// 99,999,999,999,999 JPY, 99,999,999,999.999 BHD. At this bound the values
// of 92,000 deals still sum within 64 bits; sums saturate beyond.
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

// Wide enough for a sum of weighted values in hundredths of a minor unit,
// or a sum times a rate's terms (GCC and Clang's 128 bits).
__extension__ typedef __int128 WideInt;

// hundredths / 100, rounded half away from zero and held within 64 bits.
inline std::int64_t roundHundredths(WideInt hundredths)
{
    WideInt whole = hundredths / 100;
    const WideInt rest = hundredths % 100;
    if (rest >= 50) {
        ++whole;
    } else if (rest <= -50) {
        --whole;
    }
    if (whole > std::numeric_limits<std::int64_t>::max()) {
        return std::numeric_limits<std::int64_t>::max();
    }
    if (whole < std::numeric_limits<std::int64_t>::min()) {
        return std::numeric_limits<std::int64_t>::min();
    }
    return static_cast<std::int64_t>(whole);
}

// value × percent / 100, rounded half away from zero: one deal's weighted
// value (5 % of 0.10 EUR is 0.01 EUR), exact for any stored value.
inline std::int64_t percentOf(std::int64_t value, int percent)
{
    return roundHundredths(WideInt(value) * percent);
}

// Weighted values added exactly and rounded once at the end: 5 % of 0.10
// and of 0.30 EUR is 0.02 EUR, not the sum of each deal's rounded share.
class WeightedSum
{
public:
    void add(std::int64_t value, int percent) { m_hundredths += WideInt(value) * percent; }
    WeightedSum& operator+=(const WeightedSum& other)
    {
        m_hundredths += other.m_hundredths;
        return *this;
    }
    std::int64_t minor() const { return roundHundredths(m_hundredths); }
    bool empty() const { return m_hundredths == 0; }

private:
    WideInt m_hundredths = 0;
};

// Every form below writes and reads an amount with its currency's own
// number of decimals (Currency.h: JPY 0, EUR 2, BHD 3).

// Plain decimal in major units, '.' separator: "1234.50" for EUR 123450,
// "1500" for JPY 1500, "1.500" for BHD 1500.
QString formatDecimal(std::int64_t minor, QStringView currency);

// "1,234.50 EUR", "1,500 JPY", "1.500 BHD": grouped for people; a whole
// amount without its zero decimals ("1,234 EUR").
QString formatForPeople(const Money& money);

// Parses "1234", "1234.5" or "1234.50" into minor units of `currency`.
// Refuses signs, grouping characters, values beyond MaxMoneyMinor and more
// decimals than the currency has ("1500.5" JPY: "JPY has no decimals"),
// except zeros up to the two decimals every currency was once written with
// ("1500.00" JPY is 1500), so that a file written before reads the same.
Result<std::int64_t> parseDecimal(QStringView text, QStringView currency);

// What a person types in the app: parseDecimal, and also the amount as the
// app shows it, with ',' between thousands ("12,500.50"). A ',' anywhere
// else ("12,50") is refused, never read as a decimal point, and "1.234" is
// explained as a possible '.' between thousands rather than as three
// decimals, unless the currency has three (BHD 1.234). Files and the CLI
// keep parseDecimal's one form.
Result<std::int64_t> parseAmountForPeople(QStringView text, QStringView currency);

// "1234.50" in EUR, "1234" in JPY, "1234.500" in BHD: how to write an
// amount of `currency`, for messages.
QString exampleAmount(QStringView currency);

// A currency code is three upper-case ASCII letters (the shape only: see
// Currency.h checkCurrency for the codes of ISO 4217).
bool isValidCurrency(QStringView code);

} // namespace dealboard
