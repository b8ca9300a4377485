// The reporting currency and the exchange rates: a manager's to set (on a
// server the server checks it too), everyone's to read.
#include "dealboard/service/RateService.h"

#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Currency.h"
#include "dealboard/DealStore.h"
#include "dealboard/Money.h"
#include "dealboard/Pipeline.h"

namespace dealboard {

using namespace service;

namespace {

const QString WhatManagersSet = QStringLiteral("the reporting currency and the exchange rates");

} // namespace

RateService::RateService(Pipeline& pipeline, DealStore& store)
    : m_pipeline(pipeline)
    , m_store(store)
{
}

Result<QString> RateService::reportingCurrency()
{
    Result<std::optional<QString>> stored = m_store.settings().value(ReportingCurrencyKey);
    if (!stored) {
        return stored.error();
    }
    return stored.value().value_or(Money::defaultCurrency());
}

Result<void> RateService::change(const std::function<Result<void>()>& apply)
{
    if (std::optional<Error> refused = managersOnly(m_store, WhatManagersSet)) {
        return *refused;
    }
    if (Result<void> done = write(m_store, apply); !done) {
        return done;
    }
    Q_EMIT m_pipeline.ratesChanged();
    return {};
}

Result<void> RateService::setReportingCurrency(const QString& code)
{
    Result<QString> checked = checkCurrency(code);
    if (!checked) {
        return checked.error();
    }
    const QString currency = checked.value();
    if (Result<void> done = change([&] { return m_store.settings().save(ReportingCurrencyKey, currency); }); !done) {
        return done;
    }
    spdlog::info("{} set the reporting currency of {} to {}", text(m_store.team().user), text(m_store.path()),
                 text(currency));
    return {};
}

Result<std::vector<ExchangeRate>> RateService::rates()
{
    return m_store.rates().rates();
}

Result<void> RateService::setRate(const QString& currency, QDate date, const RateFraction& rate)
{
    Result<QString> checked = checkCurrency(currency);
    if (!checked) {
        return checked.error();
    }
    if (!date.isValid()) {
        return invalid(QStringLiteral("An exchange rate needs the date it holds from, such as 2026-12-01."));
    }
    if (rate.numerator < 1 || rate.denominator < 1 || rate.numerator > MaxRateTerm || rate.denominator > MaxRateTerm) {
        return invalid(QStringLiteral("The rate of %1 is out of range: give a number more than zero such as 0.9412.")
                           .arg(checked.value()));
    }
    ExchangeRate stored {checked.value(), QString(), date, rate.numerator, rate.denominator};
    Result<void> done = change([&]() -> Result<void> {
        // The reporting currency as it is inside the transaction.
        Result<QString> reporting = reportingCurrency();
        if (!reporting) {
            return reporting.error();
        }
        stored.base = reporting.value();
        if (stored.currency == stored.base) {
            return invalid(QStringLiteral("%1 is the reporting currency: one %1 is always 1 %1. Give the rate of "
                                          "another currency.")
                               .arg(stored.base));
        }
        return m_store.rates().save(stored);
    });
    if (!done) {
        return done;
    }
    spdlog::info("{} set the exchange rate of {} from {}: 1 {} = {} {}", text(m_store.team().user),
                 text(stored.currency), text(date.toString(Qt::ISODate)), text(stored.currency),
                 text(formatRate(stored.numerator, stored.denominator)), text(stored.base));
    return {};
}

Result<void> RateService::removeRate(const QString& currency, const QString& base, QDate date)
{
    const QString code = currency.trimmed().toUpper();
    const QString against = base.trimmed().toUpper();
    Result<void> done = change([&]() -> Result<void> {
        Result<bool> removed = m_store.rates().remove(code, against, date);
        if (!removed) {
            return removed.error();
        }
        if (!removed.value()) {
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("There is no rate of %1 in %2 of %3 to remove; rate list shows the "
                                            "rates there are.")
                                 .arg(code, against, date.toString(Qt::ISODate)));
        }
        return {};
    });
    if (!done) {
        return done;
    }
    spdlog::info("{} removed the exchange rate of {} in {} of {}", text(m_store.team().user), text(code), text(against),
                 text(date.toString(Qt::ISODate)));
    return {};
}

Result<RateTable> RateService::rateTable()
{
    Result<QString> reporting = reportingCurrency();
    if (!reporting) {
        return reporting.error();
    }
    Result<std::vector<ExchangeRate>> stored = rates();
    if (!stored) {
        return stored.error();
    }
    return RateTable(reporting.value(), std::move(stored.value()));
}

} // namespace dealboard
