#include "dealboard/Conversion.h"

#include "dealboard/Money.h"

#include <QJsonArray>
#include <algorithm>

namespace dealboard {

int ConversionNote::unconvertedDeals() const
{
    int deals = 0;
    for (const auto& [currency, left] : unconverted) {
        deals += left.deals;
    }
    return deals;
}

QString ConversionNote::unconvertedCurrencies() const
{
    QString codes = csvCells().at(1);
    return codes.replace(QLatin1Char(' '), QStringLiteral(", "));
}

QString ConversionNote::ratesText() const
{
    if (rateDates.empty()) {
        return QString();
    }
    const QString first = rateDates.front().toString(Qt::ISODate);
    if (rateDates.size() == 1) {
        return QStringLiteral("converted at the rates of %1").arg(first);
    }
    return QStringLiteral("converted at the rates of %1 to %2").arg(first, rateDates.back().toString(Qt::ISODate));
}

QString ConversionNote::unconvertedText() const
{
    if (unconverted.empty()) {
        return QString();
    }
    QStringList parts;
    for (const auto& [code, left] : unconverted) {
        parts << QStringLiteral("%1 deal%2 in %3 (%4)")
                     .arg(left.deals)
                     .arg(left.deals == 1 ? QString() : QStringLiteral("s"), code,
                          formatForPeople(Money {left.minor, code}));
    }
    return QStringLiteral("not converted, no rate: %1").arg(parts.join(QStringLiteral(", ")));
}

QString ConversionNote::text(const QString& none) const
{
    QStringList parts;
    for (const QString& part : {ratesText(), unconvertedText()}) {
        if (!part.isEmpty()) {
            parts << part;
        }
    }
    return parts.isEmpty() ? none : parts.join(QStringLiteral("; "));
}

QJsonObject ConversionNote::json() const
{
    QJsonObject object;
    object[QStringLiteral("reporting_currency")] = currency;
    object[QStringLiteral("rates_from")]
        = rateDates.empty() ? QJsonValue(QJsonValue::Null) : QJsonValue(rateDates.front().toString(Qt::ISODate));
    object[QStringLiteral("rates_to")]
        = rateDates.empty() ? QJsonValue(QJsonValue::Null) : QJsonValue(rateDates.back().toString(Qt::ISODate));
    QJsonArray left;
    for (const auto& [code, sum] : unconverted) {
        left.append(QJsonObject {{QStringLiteral("currency"), code},
                                 {QStringLiteral("deals"), sum.deals},
                                 {QStringLiteral("value"), formatDecimal(sum.minor, code)}});
    }
    object[QStringLiteral("unconverted")] = left;
    return object;
}

QStringList ConversionNote::csvHeader()
{
    return {QStringLiteral("rates_date"), QStringLiteral("unconverted")};
}

QStringList ConversionNote::csvCells() const
{
    QStringList codes;
    for (const auto& [code, left] : unconverted) {
        codes << code;
    }
    return {rateDates.empty() ? QString() : rateDates.back().toString(Qt::ISODate), codes.join(QLatin1Char(' '))};
}

ConversionNote& ConversionNote::operator+=(const ConversionNote& other)
{
    if (currency.isEmpty()) {
        currency = other.currency;
    }
    rateDates.insert(rateDates.end(), other.rateDates.begin(), other.rateDates.end());
    std::sort(rateDates.begin(), rateDates.end());
    rateDates.erase(std::unique(rateDates.begin(), rateDates.end()), rateDates.end());
    for (const auto& [code, left] : other.unconverted) {
        LeftOut& mine = unconverted[code];
        mine.deals += left.deals;
        mine.minor = addMoney(mine.minor, left.minor);
    }
    return *this;
}

void CurrencySums::add(std::int64_t minor, const QString& currency, QDate on, int deals)
{
    Sum& sum = m_sums[{currency, on}];
    sum.minor = addMoney(sum.minor, minor);
    sum.deals += deals;
}

CurrencySums& CurrencySums::operator+=(const CurrencySums& other)
{
    for (const auto& [key, sum] : other.m_sums) {
        add(sum.minor, key.first, key.second, sum.deals);
    }
    return *this;
}

std::int64_t CurrencySums::convert(const RateTable& rates, ConversionNote* note) const
{
    ConvertedTotal total(rates);
    ConversionNote mine;
    mine.currency = rates.reportingCurrency();
    for (const auto& [key, sum] : m_sums) {
        total.add(sum.minor, key.first, key.second);
        if (note && key.first != rates.reportingCurrency() && !rates.factor(key.first, key.second)) {
            ConversionNote::LeftOut& left = mine.unconverted[key.first];
            left.deals += sum.deals;
            left.minor = addMoney(left.minor, sum.minor);
        }
    }
    if (note) {
        mine.rateDates = total.rateDates();
        *note += mine;
    }
    return total.minor();
}

} // namespace dealboard
