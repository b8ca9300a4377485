#pragma once

#include "dealboard/Rates.h"
#include "dealboard/Result.h"

#include <vector>

namespace dealboard {

class Database;

// The stored exchange rates (exchange_rates): one row per currency, base and
// date, the rate as an exact fraction. The reporting currency is a setting
// (ReportingCurrencyKey in the settings).
class RateRepository final
{
public:
    explicit RateRepository(Database& database);

    // Every rate, by currency, base and date.
    Result<std::vector<ExchangeRate>> rates();
    // Inserts the rate, or replaces that day's rate of the pair (inside a WriteTransaction).
    Result<void> save(const ExchangeRate& rate);
    // Removes a day's rate of a pair; false when there was none (inside a WriteTransaction).
    Result<bool> remove(const QString& currency, const QString& base, QDate date);

private:
    Database& m_database;
};

} // namespace dealboard
