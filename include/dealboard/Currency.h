#pragma once

// The currencies of ISO 4217 and how many decimals (minor units) each has:
// JPY 0, EUR 2, BHD 3, CLF 4. Every amount is stored as an integer of its
// currency's minor units, so 1500 is ¥1,500 but 15.00 €.
#include "dealboard/Result.h"

#include <QString>
#include <QStringView>
#include <optional>
#include <span>

namespace dealboard {

struct CurrencyInfo
{
    const char* code; // "JPY"
    int digits; // minor units: 0 to 4
    const char* name; // "Japanese yen"
};

// Every active ISO 4217 currency that has minor units (not the metals, the
// SDR or the testing codes), by code.
std::span<const CurrencyInfo> isoCurrencies();

// The currency of `code` (exact, upper case), or nullptr.
const CurrencyInfo* findCurrency(QStringView code);

// The number of decimals of `code`; 2 for a code that is not in ISO 4217
// (only ever met in a pipeline written before currencies were checked).
int minorDigits(QStringView code);

// 10^minorDigits(code): the minor units of one major unit.
std::int64_t minorPerMajor(QStringView code);

// The ISO 4217 code closest to `text` (a mistyped code, or a name such as
// "yen" or "dollar"): the fewest letter changes, the more common currency on
// a tie. Empty when nothing is close.
QString nearestCurrency(QStringView text);

// `text` trimmed and upper-cased when it is an ISO 4217 code; otherwise an
// InvalidInput error naming the text and the nearest code ("'EUO' is not an
// ISO 4217 currency code; did you mean EUR?").
Result<QString> checkCurrency(QStringView text);

// What a service says of `code` as stored: nothing for an ISO 4217 code, the
// way to write it ("'eur' is not a currency code; write it as EUR."), or
// checkCurrency's refusal.
std::optional<Error> currencyRefusal(QStringView code);

} // namespace dealboard
