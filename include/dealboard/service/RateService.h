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
    // A change of the reporting currency and of rates, each rate as it is to
    // be (empty: no rate of that pair on that day).
    struct RateEdit
    {
        QString currency;
        QString base;
        QDate date;
        std::optional<RateFraction> rate;
    };
    struct RatesChange
    {
        std::optional<QString> reportingCurrency;
        std::vector<RateEdit> rates;
        bool empty() const { return !reportingCurrency && rates.empty(); }
    };
    // Makes it so, as one action. With `expected`, only while what it
    // touches is as `expected` has it (else refused as StaleVersion, naming
    // what changed elsewhere): the undo and redo of a change. Returns the
    // change that puts back what was there before.
    Result<RatesChange> apply(const RatesChange& change, const std::optional<RatesChange>& expected = std::nullopt);

    // The rates of a CSV file in the European Central Bank's published
    // layout (eurofxref.csv, eurofxref-hist.csv), as one action: all or
    // nothing. How many rates were read, and how many of them changed.
    struct RateImport
    {
        int read = 0;
        int changed = 0;
        QStringList skipped; // currencies not in ISO 4217 or without a figure, said once each
        RatesChange applied; // the rates it wrote (none on a dry run)
        RatesChange undo; // what puts back the rates it replaced
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
