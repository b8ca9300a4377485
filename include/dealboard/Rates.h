#pragma once

// Exchange rates and the sums that convert with them. A rate says what one
// unit of a currency is worth in another on a date ("1 USD = 0.9412 EUR on
// 2026-12-01"), kept as an exact fraction of integers, never a float. It is
// in force from its date until the next rate of the same pair. Amounts are
// converted only when read: each deal keeps its own currency and value.
#include "dealboard/Money.h"
#include "dealboard/Result.h"

#include <QDate>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

namespace dealboard {

// WideInt (Money.h) is wide enough for a sum times a rate's terms.
__extension__ typedef unsigned __int128 WideUInt;

// The largest term of a stored rate's fraction.
inline constexpr std::int64_t MaxRateTerm = 1'000'000'000'000'000; // 10^15

// 1 `currency` = numerator / denominator `base` from `date` on. Both
// numbers positive, at most MaxRateTerm.
struct ExchangeRate
{
    QString currency;
    QString base;
    QDate date;
    std::int64_t numerator = 1;
    std::int64_t denominator = 1;
    friend bool operator==(const ExchangeRate&, const ExchangeRate&) = default;
};

// "0.9412" → 9412/10000: a positive decimal with at most 12 significant
// digits and '.' as its decimal point. Refused, with why, otherwise.
struct RateFraction
{
    std::int64_t numerator = 1;
    std::int64_t denominator = 1;
};
Result<RateFraction> parseRate(QStringView text);
// The fraction as a decimal of up to 12 significant digits, the last
// rounded half away from zero, trailing zeros cut: "0.9412",
// "0.0000000000001" (any rate parseRate reads comes back as typed).
QString formatRate(std::int64_t numerator, std::int64_t denominator);

// The rates a pipeline knows and its reporting currency: what converts an
// amount into that currency on a date.
class RateTable
{
public:
    RateTable() = default;
    RateTable(QString reportingCurrency, std::vector<ExchangeRate> rates);

    const QString& reportingCurrency() const { return m_reporting; }
    const std::vector<ExchangeRate>& rates() const { return m_rates; }

    // What converts one minor unit of `currency` into minor units of the
    // reporting currency on `on` (the minor units of both already in the
    // fraction), and the date of the rate used. The reporting currency
    // itself is 1/1. A rate of the pair either way round counts; failing
    // that, two rates to a common currency, each either way round (the
    // ECB's "1 EUR = 1.0823 USD" and "1 EUR = 0.8541 GBP" give USD in GBP;
    // the older of their dates is said). Of a pair's two ways round, the
    // newer rate counts. Empty when no rate is in force on `on`.
    struct Factor
    {
        WideInt numerator = 1;
        WideInt denominator = 1;
        QDate date; // invalid for the reporting currency itself
    };
    std::optional<Factor> factor(const QString& currency, QDate on) const;

private:
    // The newest rate of (currency, base) dated on or before `on`.
    const ExchangeRate* inForce(const QString& currency, const QString& base, QDate on) const;
    // 1 `from` in `to` on `on`, from a rate of the pair either way round
    // (the newer; the direct one on a tie), unscaled.
    std::optional<Factor> pair(const QString& from, const QString& to, QDate on) const;

    QString m_reporting;
    std::vector<ExchangeRate> m_rates; // by currency, base, date
    std::map<QString, std::vector<QString>> m_partners; // the currencies each has a rate with
};

// One total in the reporting currency: amounts of any currency added as
// they are read, each on the date whose rate applies (today for open deals,
// the won date for won ones).
//
// Rounding: amounts of one currency and one rate are added exactly first;
// each such sum is converted once and rounded to the nearest minor unit of
// the reporting currency, halves away from zero; the converted sums are
// then added (saturating at the 64-bit bound).
class ConvertedTotal
{
public:
    explicit ConvertedTotal(const RateTable& rates);

    void add(std::int64_t minor, const QString& currency, QDate on);
    ConvertedTotal& operator+=(const ConvertedTotal& other);

    // The converted sum of everything that could be converted.
    std::int64_t minor() const;
    const QString& currency() const { return m_rates->reportingCurrency(); }
    // The dates of the rates used, oldest first (empty when nothing needed one).
    std::vector<QDate> rateDates() const;
    // What could not be converted: currency → its own sum, left out of minor().
    std::map<QString, std::int64_t> unconverted() const;
    bool complete() const;
    bool empty() const { return m_groups.empty(); }

private:
    struct Group
    {
        std::int64_t minor = 0; // saturating sum in the group's currency
        std::optional<RateTable::Factor> factor;
    };
    const RateTable* m_rates;
    // The factors already looked up, by currency and day.
    std::map<std::pair<QString, QDate>, std::optional<RateTable::Factor>> m_factors;
    // (currency, the rate in force: its date and fraction) → its exact sum;
    // a currency with no rate on a date is kept under an invalid date.
    using GroupKey = std::tuple<QString, QDate, WideInt, WideInt>;
    std::map<GroupKey, Group> m_groups;
};

// "converted at the rates of 2026-12-01" (or "of 2026-11-28 to 2026-12-01");
// empty when no rate was needed.
QString describeRates(const ConvertedTotal& total);
// "not converted, no rate: 1,200.00 USD, ¥ …": each left-out sum in its own
// currency; empty when complete.
QString describeUnconverted(const ConvertedTotal& total);

} // namespace dealboard
