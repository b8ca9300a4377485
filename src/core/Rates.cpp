#include "dealboard/Rates.h"

#include "dealboard/Currency.h"
#include "dealboard/Money.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <string>
#include <tuple>

namespace dealboard {

namespace {

WideInt gcd128(WideInt a, WideInt b)
{
    while (b != 0) {
        const WideInt r = a % b;
        a = b;
        b = r;
    }
    return a < 0 ? -a : a;
}

// a/b reduced, and brought within 10^15 for each term when a cross rate
// grows beyond it (a relative change below 10^-12, far under any rate's
// own precision).
RateTable::Factor reduced(WideInt numerator, WideInt denominator, QDate date)
{
    const WideInt common = gcd128(numerator, denominator);
    if (common > 1) {
        numerator /= common;
        denominator /= common;
    }
    while (numerator > MaxRateTerm * 1000 || denominator > MaxRateTerm * 1000) {
        numerator = (numerator + 5) / 10;
        denominator = (denominator + 5) / 10;
    }
    return {std::max<WideInt>(numerator, 1), std::max<WideInt>(denominator, 1), date};
}

WideInt power10(int exponent)
{
    WideInt result = 1;
    for (int i = 0; i < exponent; ++i) {
        result *= 10;
    }
    return result;
}

// sum × factor, rounded to the nearest integer, halves away from zero.
std::int64_t convert(std::int64_t sum, const RateTable::Factor& factor)
{
    const bool negative = sum < 0;
    const WideUInt magnitude
        = negative ? static_cast<WideUInt>(-static_cast<WideInt>(sum)) : static_cast<WideUInt>(sum);
    const auto numerator = static_cast<WideUInt>(factor.numerator);
    const auto denominator = static_cast<WideUInt>(factor.denominator);
    // magnitude < 2^63 and numerator < 2^60: the product stays under 2^123.
    const WideUInt product = magnitude * numerator;
    WideUInt quotient = product / denominator;
    if ((product % denominator) * 2 >= denominator) {
        ++quotient;
    }
    const auto bound = static_cast<WideUInt>(std::numeric_limits<std::int64_t>::max());
    const std::int64_t clamped = static_cast<std::int64_t>(std::min(quotient, bound));
    return negative ? -clamped : clamped;
}

} // namespace

Result<RateFraction> parseRate(QStringView text)
{
    const QString shown = text.toString();
    auto refuse = [&shown](const QString& why) {
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("'%1' is not a valid exchange rate: %2. Write it like 0.9412.").arg(shown, why));
    };
    std::int64_t numerator = 0;
    std::int64_t denominator = 1;
    int significant = 0;
    bool seenPoint = false;
    bool seenDigit = false;
    for (const QChar c : text) {
        if (c == u'.') {
            if (seenPoint) {
                return refuse(QStringLiteral("it has more than one decimal point"));
            }
            seenPoint = true;
            continue;
        }
        if (c == u',') {
            return refuse(QStringLiteral("the decimals come after a '.', not a ','"));
        }
        if (c < u'0' || c > u'9') {
            return refuse(QStringLiteral("only digits and one '.' are allowed"));
        }
        seenDigit = true;
        if (numerator != 0 || c != u'0') {
            ++significant;
        }
        if (significant > 12) {
            return refuse(QStringLiteral("it has more than 12 significant digits"));
        }
        numerator = numerator * 10 + (c.unicode() - u'0');
        if (seenPoint) {
            if (denominator >= MaxRateTerm) {
                return refuse(QStringLiteral("it has too many decimals"));
            }
            denominator *= 10;
        }
    }
    if (!seenDigit) {
        return refuse(QStringLiteral("it has no digits"));
    }
    if (numerator == 0) {
        return refuse(QStringLiteral("a rate must be more than zero"));
    }
    const std::int64_t common = std::gcd(numerator, denominator);
    return RateFraction {numerator / common, denominator / common};
}

QString formatRate(std::int64_t numerator, std::int64_t denominator)
{
    if (denominator <= 0) {
        return QString();
    }
    // Digits of the whole part, then decimals until the fraction ends or
    // holds SignificantDigits digits after its leading zeros; the last is
    // rounded half away from zero, carrying into the digits before it.
    constexpr int SignificantDigits = 12;
    constexpr int MostDecimals = 40;
    const std::int64_t whole = numerator / denominator;
    std::int64_t remainder = numerator % denominator;
    if (remainder == 0) {
        return QString::number(whole);
    }
    std::string digits = std::to_string(whole);
    const std::size_t point = digits.size();
    int significant = whole > 0 ? int(point) : 0;
    for (int i = 0; i < MostDecimals && remainder != 0 && significant < SignificantDigits; ++i) {
        const WideInt scaled = static_cast<WideInt>(remainder) * 10;
        const int digit = static_cast<int>(scaled / denominator);
        remainder = static_cast<std::int64_t>(scaled % denominator);
        digits.push_back(char('0' + digit));
        if (significant > 0 || digit != 0) {
            ++significant;
        }
    }
    const std::size_t decimals = digits.size() - point;
    if (remainder != 0 && static_cast<WideInt>(remainder) * 2 >= denominator) {
        std::size_t at = digits.size();
        while (at > 0 && digits[at - 1] == '9') {
            digits[--at] = '0';
        }
        if (at == 0) {
            digits.insert(digits.begin(), '1');
        } else {
            ++digits[at - 1];
        }
    }
    QString text = QString::fromStdString(digits);
    text.insert(text.size() - qsizetype(decimals), QLatin1Char('.'));
    while (text.endsWith(QLatin1Char('0'))) {
        text.chop(1);
    }
    if (text.endsWith(QLatin1Char('.'))) {
        text.chop(1);
    }
    return text;
}

RateTable::RateTable(QString reportingCurrency, std::vector<ExchangeRate> rates)
    : m_reporting(std::move(reportingCurrency))
    , m_rates(std::move(rates))
{
    std::sort(m_rates.begin(), m_rates.end(), [](const ExchangeRate& a, const ExchangeRate& b) {
        return std::tie(a.currency, a.base, a.date) < std::tie(b.currency, b.base, b.date);
    });
    for (const ExchangeRate& rate : m_rates) {
        for (const auto& [one, other] :
             {std::pair {&rate.currency, &rate.base}, std::pair {&rate.base, &rate.currency}}) {
            std::vector<QString>& partners = m_partners[*one];
            if (partners.empty() || partners.back() != *other) {
                partners.push_back(*other);
            }
        }
    }
    for (auto& [currency, partners] : m_partners) {
        std::sort(partners.begin(), partners.end());
        partners.erase(std::unique(partners.begin(), partners.end()), partners.end());
    }
}

const ExchangeRate* RateTable::inForce(const QString& currency, const QString& base, QDate on) const
{
    // The first rate after (currency, base, on); the one before it is in force.
    const auto after = std::upper_bound(
        m_rates.begin(), m_rates.end(), std::tie(currency, base, on),
        [](const auto& key, const ExchangeRate& rate) { return key < std::tie(rate.currency, rate.base, rate.date); });
    if (after == m_rates.begin()) {
        return nullptr;
    }
    const ExchangeRate& candidate = *std::prev(after);
    return candidate.currency == currency && candidate.base == base && candidate.date <= on ? &candidate : nullptr;
}

std::optional<RateTable::Factor> RateTable::pair(const QString& from, const QString& to, QDate on) const
{
    const ExchangeRate* direct = inForce(from, to, on);
    const ExchangeRate* inverse = inForce(to, from, on);
    if (direct && (!inverse || direct->date >= inverse->date)) {
        return Factor {direct->numerator, direct->denominator, direct->date};
    }
    if (inverse) {
        return Factor {inverse->denominator, inverse->numerator, inverse->date};
    }
    return std::nullopt;
}

std::optional<RateTable::Factor> RateTable::factor(const QString& currency, QDate on) const
{
    if (currency == m_reporting) {
        return Factor {};
    }
    const int shift = minorDigits(m_reporting) - minorDigits(currency);
    auto scaled = [shift](WideInt numerator, WideInt denominator, QDate date) {
        return shift >= 0 ? reduced(numerator * power10(shift), denominator, date)
                          : reduced(numerator, denominator * power10(-shift), date);
    };
    if (std::optional<Factor> both = pair(currency, m_reporting, on)) {
        return scaled(both->numerator, both->denominator, both->date);
    }
    // Through a common currency: currency → hub ← reporting.
    const auto partners = m_partners.find(currency);
    if (partners == m_partners.end()) {
        return std::nullopt;
    }
    std::optional<Factor> best;
    for (const QString& hub : partners->second) {
        const std::optional<Factor> from = pair(currency, hub, on);
        const std::optional<Factor> to = from ? pair(m_reporting, hub, on) : std::nullopt;
        if (!to) {
            continue;
        }
        const QDate date = std::min(from->date, to->date);
        if (!best || date > best->date) {
            best = scaled(from->numerator * to->denominator, from->denominator * to->numerator, date);
        }
    }
    return best;
}

ConvertedTotal::ConvertedTotal(const RateTable& rates)
    : m_rates(&rates)
{
}

void ConvertedTotal::add(std::int64_t minor, const QString& currency, QDate on)
{
    auto known = m_factors.find({currency, on});
    if (known == m_factors.end()) {
        known = m_factors.emplace(std::pair {currency, on}, m_rates->factor(currency, on)).first;
    }
    const std::optional<RateTable::Factor>& factor = known->second;
    Group& group = m_groups[factor ? GroupKey {currency, factor->date, factor->numerator, factor->denominator}
                                   : GroupKey {currency, QDate(), 0, 0}];
    group.minor = addMoney(group.minor, minor);
    if (factor) {
        group.factor = factor;
    }
}

ConvertedTotal& ConvertedTotal::operator+=(const ConvertedTotal& other)
{
    for (const auto& [key, group] : other.m_groups) {
        Group& mine = m_groups[key];
        mine.minor = addMoney(mine.minor, group.minor);
        if (group.factor) {
            mine.factor = group.factor;
        }
    }
    return *this;
}

std::int64_t ConvertedTotal::minor() const
{
    std::int64_t sum = 0;
    for (const auto& [key, group] : m_groups) {
        if (group.factor) {
            sum = addMoney(sum, convert(group.minor, *group.factor));
        }
    }
    return sum;
}

std::vector<QDate> ConvertedTotal::rateDates() const
{
    std::vector<QDate> dates;
    for (const auto& [key, group] : m_groups) {
        if (group.factor && group.factor->date.isValid()) {
            dates.push_back(group.factor->date);
        }
    }
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    return dates;
}

std::map<QString, std::int64_t> ConvertedTotal::unconverted() const
{
    std::map<QString, std::int64_t> left;
    for (const auto& [key, group] : m_groups) {
        if (!group.factor) {
            const QString& currency = std::get<0>(key);
            left[currency] = addMoney(left[currency], group.minor);
        }
    }
    return left;
}

bool ConvertedTotal::complete() const
{
    return std::all_of(m_groups.begin(), m_groups.end(), [](const auto& entry) { return entry.second.factor; });
}

QString describeRates(const ConvertedTotal& total)
{
    const std::vector<QDate> dates = total.rateDates();
    if (dates.empty()) {
        return QString();
    }
    if (dates.size() == 1) {
        return QStringLiteral("converted at the rates of %1").arg(dates.front().toString(Qt::ISODate));
    }
    return QStringLiteral("converted at the rates of %1 to %2")
        .arg(dates.front().toString(Qt::ISODate), dates.back().toString(Qt::ISODate));
}

QString describeUnconverted(const ConvertedTotal& total)
{
    const std::map<QString, std::int64_t> left = total.unconverted();
    if (left.empty()) {
        return QString();
    }
    QStringList parts;
    for (const auto& [currency, minor] : left) {
        parts << formatForPeople(Money {minor, currency});
    }
    return QStringLiteral("not converted, no rate: %1").arg(parts.join(QStringLiteral(", ")));
}

} // namespace dealboard
