// The reporting currency and the exchange rates: a manager's to set (on a
// server the server checks it too), everyone's to read.
#include "dealboard/service/RateService.h"

#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Currency.h"
#include "dealboard/DealStore.h"
#include "dealboard/Money.h"
#include "dealboard/Pipeline.h"

#include <map>
#include <tuple>

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
    return write(m_store, apply);
}

Result<void> RateService::setReportingCurrency(const QString& code)
{
    RatesChange change;
    change.reportingCurrency = code;
    Result<RatesChange> undo = apply(change);
    if (!undo) {
        return undo.error();
    }
    return {};
}

Result<std::vector<ExchangeRate>> RateService::rates()
{
    return m_store.rates().rates();
}

Result<void> RateService::setRate(const QString& currency, QDate date, const RateFraction& rate)
{
    Result<QString> checked = checkCurrency(currency);
    Result<QString> reporting = reportingCurrency();
    if (!checked || !reporting) {
        return !checked ? checked.error() : reporting.error();
    }
    if (checked.value() == reporting.value()) {
        return invalid(QStringLiteral("%1 is the reporting currency: one %1 is always 1 %1. Give the rate of "
                                      "another currency.")
                           .arg(checked.value()));
    }
    RatesChange change;
    change.rates.push_back({checked.value(), reporting.value(), date, rate});
    Result<RatesChange> undo = apply(change);
    if (!undo) {
        return undo.error();
    }
    return {};
}

Result<void> RateService::removeRate(const QString& currency, const QString& base, QDate date)
{
    RatesChange change;
    change.rates.push_back({currency, base, date, std::nullopt});
    Result<RatesChange> undo = apply(change);
    if (!undo) {
        return undo.error();
    }
    if (undo.value().rates.empty()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("There is no rate of %1 in %2 of %3 to remove; rate list shows the rates "
                                        "there are.")
                             .arg(currency.trimmed().toUpper(), base.trimmed().toUpper(), date.toString(Qt::ISODate)));
    }
    return {};
}

namespace {

using RateKey = std::tuple<QString, QString, QDate>;

QString rateText(const std::optional<RateFraction>& rate)
{
    return rate ? formatRate(rate->numerator, rate->denominator) : QStringLiteral("none");
}

bool sameRate(const std::optional<RateFraction>& a, const std::optional<RateFraction>& b)
{
    return a.has_value() == b.has_value() && (!a || (a->numerator == b->numerator && a->denominator == b->denominator));
}

// `edit` with its codes checked and upper-cased, or why not.
Result<RateService::RateEdit> checkedEdit(const RateService::RateEdit& edit)
{
    RateService::RateEdit checked = edit;
    for (QString* code : {&checked.currency, &checked.base}) {
        Result<QString> known = checkCurrency(*code);
        if (!known) {
            return known.error();
        }
        *code = known.value();
    }
    if (checked.currency == checked.base) {
        return invalid(
            QStringLiteral("A rate of %1 in %1 is always 1: give the rate of another currency.").arg(checked.currency));
    }
    if (!checked.date.isValid()) {
        return invalid(QStringLiteral("An exchange rate needs the date it holds from, such as 2026-12-01."));
    }
    if (checked.rate
        && (checked.rate->numerator < 1 || checked.rate->denominator < 1 || checked.rate->numerator > MaxRateTerm
            || checked.rate->denominator > MaxRateTerm)) {
        return invalid(QStringLiteral("The rate of %1 is out of range: give a number more than zero such as 0.9412.")
                           .arg(checked.currency));
    }
    return checked;
}

} // namespace

Result<RateService::RatesChange> RateService::apply(const RatesChange& change,
                                                    const std::optional<RatesChange>& expected)
{
    RatesChange checked;
    if (change.reportingCurrency) {
        Result<QString> code = checkCurrency(*change.reportingCurrency);
        if (!code) {
            return code.error();
        }
        checked.reportingCurrency = code.value();
    }
    for (const RateEdit& edit : change.rates) {
        Result<RateEdit> valid = checkedEdit(edit);
        if (!valid) {
            return valid.error();
        }
        checked.rates.push_back(valid.value());
    }
    RatesChange reverse;
    Result<void> done = this->change([&]() -> Result<void> {
        Result<QString> reporting = reportingCurrency();
        Result<std::vector<ExchangeRate>> stored = rates();
        if (!reporting || !stored) {
            return !reporting ? reporting.error() : stored.error();
        }
        std::map<RateKey, RateFraction> now;
        for (const ExchangeRate& rate : stored.value()) {
            now[{rate.currency, rate.base, rate.date}] = {rate.numerator, rate.denominator};
        }
        auto current = [&now](const RateEdit& edit) -> std::optional<RateFraction> {
            const auto found = now.find({edit.currency, edit.base, edit.date});
            return found == now.end() ? std::nullopt : std::optional<RateFraction>(found->second);
        };
        if (expected) {
            QStringList changed;
            if (expected->reportingCurrency && *expected->reportingCurrency != reporting.value()) {
                changed << QStringLiteral("the reporting currency is now %1").arg(reporting.value());
            }
            for (const RateEdit& edit : expected->rates) {
                if (!sameRate(current(edit), edit.rate)) {
                    changed << QStringLiteral("the rate of %1 in %2 of %3 is now %4")
                                   .arg(edit.currency, edit.base, edit.date.toString(Qt::ISODate),
                                        rateText(current(edit)));
                }
            }
            if (!changed.isEmpty()) {
                return makeError(ErrorCode::StaleVersion,
                                 QStringLiteral("Another change came first (%1); nothing was changed.")
                                     .arg(changed.mid(0, 3).join(QStringLiteral("; "))));
            }
        }
        // What already holds is left as it is, and is not part of the undo.
        if (checked.reportingCurrency && *checked.reportingCurrency != reporting.value()) {
            reverse.reportingCurrency = reporting.value();
            if (Result<void> saved = m_store.settings().save(ReportingCurrencyKey, *checked.reportingCurrency);
                !saved) {
                return saved;
            }
        }
        for (const RateEdit& edit : checked.rates) {
            const std::optional<RateFraction> before = current(edit);
            if (sameRate(before, edit.rate)) {
                continue;
            }
            reverse.rates.push_back({edit.currency, edit.base, edit.date, before});
            // A pair keeps one rate a day, whichever way round it was given:
            // the new one replaces the other way's (and its undo brings it back).
            const RateEdit opposite {edit.base, edit.currency, edit.date, std::nullopt};
            if (const std::optional<RateFraction> other = current(opposite); edit.rate && other) {
                Result<bool> removed = m_store.rates().remove(opposite.currency, opposite.base, opposite.date);
                if (!removed) {
                    return removed.error();
                }
                now.erase({opposite.currency, opposite.base, opposite.date});
                reverse.rates.push_back({opposite.currency, opposite.base, opposite.date, other});
            }
            Result<void> written = {};
            if (edit.rate) {
                written = m_store.rates().save(
                    {edit.currency, edit.base, edit.date, edit.rate->numerator, edit.rate->denominator});
                now[{edit.currency, edit.base, edit.date}] = *edit.rate;
            } else if (before) {
                Result<bool> removed = m_store.rates().remove(edit.currency, edit.base, edit.date);
                written = removed ? Result<void>() : Result<void>(removed.error());
                now.erase({edit.currency, edit.base, edit.date});
            }
            if (!written) {
                return written;
            }
        }
        return {};
    });
    if (!done) {
        return done.error();
    }
    if (reverse.empty()) {
        return reverse;
    }
    Q_EMIT m_pipeline.ratesChanged();
    spdlog::info("{} changed the rates of {}: {} rate(s){}", text(m_store.team().user), text(m_store.path()),
                 reverse.rates.size(),
                 reverse.reportingCurrency
                     ? text(QStringLiteral(", the reporting currency to ") + *checked.reportingCurrency)
                     : std::string());
    return reverse;
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
