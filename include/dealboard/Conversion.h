#pragma once

// Totals over deals of many currencies, in the reporting currency. The
// amounts are summed exactly per currency and day first; each such sum is
// converted once through ConvertedTotal (its rounding rule applies), so a
// total over 100,000 deals converts a handful of sums, not each deal.
#include "dealboard/Rates.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <map>
#include <vector>

namespace dealboard {

// What a set of totals says of its conversion: the dates of the rates used
// and what could not be converted for want of a rate. Copied freely.
struct ConversionNote
{
    struct LeftOut
    {
        int deals = 0;
        std::int64_t minor = 0; // in the left-out currency
    };
    QString currency; // the reporting currency
    std::vector<QDate> rateDates; // oldest first, each once
    std::map<QString, LeftOut> unconverted; // by currency

    bool complete() const { return unconverted.empty(); }
    int unconvertedDeals() const;
    // "USD, JPY": the currencies left out.
    QString unconvertedCurrencies() const;
    // "converted at the rates of 2026-12-01" (or "of A to B"); empty when no rate was used.
    QString ratesText() const;
    // "not converted, no rate: 2 deals in USD (1,200.00 USD)"; empty when complete.
    QString unconvertedText() const;
    // Both, joined by "; ", and `none` when neither has anything to say.
    QString text(const QString& none = QString()) const;
    // {"reporting_currency", "rates_from", "rates_to", "unconverted": [{currency, deals, value}]}
    QJsonObject json() const;

    // The columns a CSV adds for it on every row: "rates_date" (the newest
    // rate used, empty when none) and "unconverted" (the codes left out,
    // space apart).
    static QStringList csvHeader();
    QStringList csvCells() const;

    ConversionNote& operator+=(const ConversionNote& other);
};

// Amounts of any currency, each on the day whose rate applies (today for
// open deals, the won day for won ones).
class CurrencySums
{
public:
    void add(std::int64_t minor, const QString& currency, QDate on, int deals = 1);
    CurrencySums& operator+=(const CurrencySums& other);
    bool empty() const { return m_sums.empty(); }

    // The sum in `rates`' reporting currency. With `note`, the rates' dates
    // and what had no rate are added to it (give it for one figure of a set
    // only, so that a deal is not named twice).
    std::int64_t convert(const RateTable& rates, ConversionNote* note = nullptr) const;

private:
    struct Sum
    {
        std::int64_t minor = 0;
        int deals = 0;
    };
    std::map<std::pair<QString, QDate>, Sum> m_sums;
};

} // namespace dealboard
