#include "common/Numbers.h"

#include "dealboard/Currency.h"

#include <QLocale>
#include <iterator>
#include <utility>

namespace dealboard::gui::Numbers {

namespace {

// The desk's locale, with thousands always grouped (the C locale leaves them
// out by default, and "26368" beside "4,999.99" is what this file ends).
QLocale desk()
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale;
}

// `amount` counted in parts of which `one` make a whole unit (100 cents, or
// 1): 4,999 below ten thousand, then three figures in the largest unit that
// holds one whole (27.5k, 1.80M, 275B); past a thousand billion the billions
// are grouped (2,000B), never a long row of decimals. Rounded half away from
// zero from the exact amount, in integers: 9,999.99 is 10.0k, 499.99 is 500.
QString compactOf(std::uint64_t amount, std::uint64_t one)
{
    // amount / (unit × one) in steps of 1/scale, rounded half up; never overflowing.
    const auto rounded = [amount, one](std::uint64_t unit, std::uint64_t scale) {
        const std::uint64_t size = unit * one;
        return amount / size * scale + (amount % size * scale + size / 2) / size;
    };
    const QLocale locale = desk();
    const std::uint64_t whole = rounded(1, 1);
    if (whole < 10'000) {
        return locale.toString(static_cast<qulonglong>(whole));
    }
    constexpr std::pair<std::uint64_t, char> Units[] = {{1'000, 'k'}, {1'000'000, 'M'}, {1'000'000'000, 'B'}};
    std::size_t unit = 0;
    while (unit + 1 < std::size(Units) && whole >= Units[unit + 1].first) {
        ++unit;
    }
    int decimals = whole < 10 * Units[unit].first ? 2 : whole < 100 * Units[unit].first ? 1 : 0;
    std::uint64_t scale = decimals == 2 ? 100 : decimals == 1 ? 10 : 1;
    std::uint64_t scaled = rounded(Units[unit].first, scale);
    // Rounding up may reach the next figure (9.996M is 10.0M, 999.6k is 1.00M).
    while (scaled / scale >= (decimals == 2       ? 10u
                                  : decimals == 1 ? 100u
                                                  : 1000u)
           && (decimals > 0 || unit + 1 < std::size(Units))) {
        if (decimals > 0) {
            --decimals;
            scale /= 10;
        } else {
            ++unit;
            decimals = 2;
            scale = 100;
        }
        scaled = rounded(Units[unit].first, scale);
    }
    QString text = locale.toString(static_cast<qulonglong>(scaled / scale));
    if (decimals > 0) {
        text += locale.decimalPoint() + QStringLiteral("%1").arg(scaled % scale, decimals, 10, QLatin1Char('0'));
    }
    return text + QLatin1Char(Units[unit].second);
}

} // namespace

QString count(qint64 value)
{
    return desk().toString(value);
}

QString amountOnly(std::int64_t minor, QStringView currency)
{
    const QLocale locale = desk();
    const bool negative = minor < 0;
    const std::uint64_t magnitude
        = negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
    const auto per = static_cast<std::uint64_t>(minorPerMajor(currency));
    QString text = locale.toString(static_cast<qulonglong>(magnitude / per));
    if (magnitude % per != 0) {
        text += locale.decimalPoint()
            + QStringLiteral("%1").arg(magnitude % per, minorDigits(currency), 10, QLatin1Char('0'));
    }
    return negative ? locale.negativeSign() + text : text;
}

QString amount(const Money& money)
{
    return amountOnly(money.minor, money.currency) + QLatin1Char(' ') + money.currency;
}

QString compact(std::int64_t minor, QStringView currency)
{
    const bool negative = minor < 0;
    const std::uint64_t magnitude
        = negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
    const auto per = static_cast<std::uint64_t>(minorPerMajor(currency));
    const QString text = compactOf(magnitude, per);
    return negative && magnitude >= per / 2 && magnitude > 0 ? desk().negativeSign() + text : text;
}

QString compactWhole(std::uint64_t major)
{
    return compactOf(major, 1);
}

QString percent(const std::optional<double>& share)
{
    return share ? desk().toString(*share * 100.0, 'f', 1) + QStringLiteral(" %") : QStringLiteral("–");
}

QString decimal(double value, int decimals)
{
    return desk().toString(value, 'f', decimals);
}

Result<std::int64_t> parseAmount(QStringView text, QStringView currency)
{
    const QLocale locale = desk();
    const QString group = locale.groupSeparator();
    const QString point = locale.decimalPoint();
    if (group == u"," && point == u".") {
        return parseAmountForPeople(text, currency); // the same form
    }
    // This locale's form: group separators only between thousands, its
    // decimal point; else the plain form of files (1234.50), nothing else.
    QString typed = text.toString();
    if (group == QStringLiteral("\u00a0") || group == QStringLiteral("\u202f")) {
        typed.replace(QLatin1Char(' '), group);
    }
    const qsizetype pointAt = typed.indexOf(point);
    const QStringList groups = typed.left(pointAt < 0 ? typed.size() : pointAt).split(group);
    bool grouped = groups.size() > 1 && !groups.front().isEmpty() && groups.front().size() <= 3;
    for (qsizetype i = 1; i < groups.size(); ++i) {
        grouped = grouped && groups[i].size() == 3;
    }
    if (groups.size() == 1 || grouped) {
        QString plain = typed;
        plain.remove(group);
        plain.replace(point, QStringLiteral("."));
        if (Result<std::int64_t> parsed = parseDecimal(plain, currency)) {
            return parsed;
        }
    }
    // Without a ',' the app's own form says best what is wrong ("1.234"
    // may mean a '.' between thousands); with one, the plain form decides.
    return text.contains(u',') ? parseDecimal(text, currency) : parseAmountForPeople(text, currency);
}

} // namespace dealboard::gui::Numbers
