#pragma once

#include "dealboard/Rates.h"
#include "dealboard/Result.h"

#include <QDate>
#include <functional>
#include <optional>
#include <vector>

namespace dealboard {

class DealStore;
class Pipeline;

// The settings' key of the reporting currency.
inline const QString ReportingCurrencyKey = QStringLiteral("money.reporting_currency");

// The team's reporting currency and its dated exchange rates: what every
// total converts into. A manager sets them (on a server the server checks
// it); everyone reads them.
class RateService final
{
public:
    RateService(Pipeline& pipeline, DealStore& store);

    // The currency totals are converted into: set by a manager, EUR until then.
    Result<QString> reportingCurrency();
    Result<void> setReportingCurrency(const QString& code);

    // Every stored rate, by currency, base and date.
    Result<std::vector<ExchangeRate>> rates();
    // 1 `currency` = `rate` of the reporting currency from `date` on;
    // replaces that day's rate of the pair.
    Result<void> setRate(const QString& currency, QDate date, const RateFraction& rate);
    // Removes the rate of `currency` against `base` of `date`.
    Result<void> removeRate(const QString& currency, const QString& base, QDate date);
    // The rates of a CSV file in the European Central Bank's published
    // layout (eurofxref.csv, eurofxref-hist.csv), as one action: all or
    // nothing. How many rates were read, and how many of them changed.
    struct RateImport
    {
        int read = 0;
        int changed = 0;
        QStringList skipped; // currencies not in ISO 4217 or without a figure, said once each
    };
    Result<RateImport> importRates(const QString& path, bool dryRun = false);

    // The reporting currency and every rate: what a total converts with.
    Result<RateTable> rateTable();

private:
    // A manager's change of the rates, as one action; says so when committed.
    Result<void> change(const std::function<Result<void>()>& apply);

    Pipeline& m_pipeline;
    DealStore& m_store;
};

} // namespace dealboard
