#include "dealboard/Money.h"

#include "dealboard/Currency.h"

#include <QList>
#include <algorithm>

namespace dealboard {

namespace {

QString groupThousands(const QString& digits)
{
    QString grouped;
    grouped.reserve(digits.size() + digits.size() / 3);
    const qsizetype lead = digits.size() % 3;
    for (qsizetype i = 0; i < digits.size(); ++i) {
        if (i != 0 && (i - lead) % 3 == 0) {
            grouped.append(QLatin1Char(','));
        }
        grouped.append(digits.at(i));
    }
    return grouped;
}

// "12.500,50" or "12,50": the decimals written after a ',' as many
// countries do. Said as such, not as "more than two decimals".
bool writesDecimalComma(QStringView text)
{
    const qsizetype comma = text.lastIndexOf(u',');
    const qsizetype decimals = text.size() - comma - 1;
    if (comma <= 0 || decimals < 1 || decimals > 2) {
        return false;
    }
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const bool digit = c >= u'0' && c <= u'9';
        if (!digit && (i > comma || (c != u'.' && c != u','))) {
            return false;
        }
    }
    return true;
}

// "1.234" or "1.234.567": a '.' between thousands, as many countries write
// them, rather than three decimals. Said as such in the app's form.
bool writesThousandsDot(QStringView text)
{
    const QList<QStringView> groups = text.split(u'.');
    if (groups.size() < 2 || groups.front().isEmpty() || groups.front().size() > 3) {
        return false;
    }
    for (qsizetype i = 0; i < groups.size(); ++i) {
        if (i > 0 && groups[i].size() != 3) {
            return false;
        }
        for (const QChar c : groups[i]) {
            if (c < u'0' || c > u'9') {
                return false;
            }
        }
    }
    return true;
}

// `grouped`: the form people type in the app, where ',' separates thousands;
// else the one plain form of files and the CLI.
Error decimalCommaError(QStringView text, bool grouped)
{
    return makeError(ErrorCode::InvalidInput,
                     grouped
                         ? QStringLiteral("'%1' is not a valid amount: it has a decimal comma. Here a ',' may "
                                          "only separate thousands, as in 12,500.50; the decimals come after a '.'.")
                               .arg(text.toString())
                         : QStringLiteral("'%1' is not a valid amount: it has a decimal comma. The decimals come "
                                          "after a '.', with nothing between thousands: write it like 12500.50.")
                               .arg(text.toString()));
}

// The magnitude of `minor` as whole units and the decimals of `digits`.
struct Split
{
    bool negative = false;
    std::uint64_t whole = 0;
    std::uint64_t fraction = 0;
};

Split split(std::int64_t minor, int digits)
{
    Split parts;
    parts.negative = minor < 0;
    const std::uint64_t magnitude
        = parts.negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
    std::uint64_t per = 1;
    for (int i = 0; i < digits; ++i) {
        per *= 10;
    }
    parts.whole = magnitude / per;
    parts.fraction = magnitude % per;
    return parts;
}

QString fractionText(std::uint64_t fraction, int digits)
{
    return QLatin1Char('.') + QStringLiteral("%1").arg(fraction, digits, 10, QLatin1Char('0'));
}

QString decimalsInWords(int digits)
{
    static const char* const Words[] = {"no", "one", "two", "three", "four"};
    return QString::fromLatin1(Words[std::clamp(digits, 0, 4)]);
}

// Why `digits` decimals are too many for `currency`: EUR keeps the words it
// always had; the others name their own number.
QString tooManyDecimals(QStringView currency, int digits)
{
    if (digits == 0) {
        return QStringLiteral("%1 has no decimals").arg(currency);
    }
    const QString said = QStringLiteral("it has more than %1 decimal%2")
                             .arg(decimalsInWords(digits), digits == 1 ? QString() : QStringLiteral("s"));
    return digits == 2 ? said : said + QStringLiteral(" (%1 has %2)").arg(currency).arg(digits);
}

} // namespace

QString exampleAmount(QStringView currency)
{
    const int digits = minorDigits(currency);
    return digits == 0 ? QStringLiteral("1234") : QStringLiteral("1234.5") + QString(digits - 1, QLatin1Char('0'));
}

QString formatDecimal(std::int64_t minor, QStringView currency)
{
    const int digits = minorDigits(currency);
    const Split parts = split(minor, digits);
    QString text = QString::number(parts.whole);
    if (digits > 0) {
        text += fractionText(parts.fraction, digits);
    }
    return parts.negative ? QLatin1Char('-') + text : text;
}

QString formatForPeople(const Money& money)
{
    const int digits = minorDigits(money.currency);
    const Split parts = split(money.minor, digits);
    QString text = groupThousands(QString::number(parts.whole));
    if (parts.fraction != 0) {
        text += fractionText(parts.fraction, digits);
    }
    return (parts.negative ? QStringLiteral("-") : QString()) + text + QLatin1Char(' ') + money.currency;
}

Result<std::int64_t> parseDecimal(QStringView text, QStringView currency)
{
    const int digits = minorDigits(currency);
    const std::int64_t per = minorPerMajor(currency);
    const QString shown = text.toString();
    auto refuse = [&shown, currency](const QString& why) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a valid amount: %2. Write it like %3.")
                             .arg(shown, why, exampleAmount(currency)));
    };
    const auto tooLarge = [&] {
        return refuse(QStringLiteral("it is too large (at most %1%2)")
                          .arg(formatDecimal(MaxMoneyMinor, currency),
                               digits == 2 ? QString() : QLatin1Char(' ') + currency.toString()));
    };
    if (text.isEmpty()) {
        return refuse(QStringLiteral("it is empty"));
    }
    if (text.startsWith(u'-')) {
        return refuse(QStringLiteral("amounts cannot be negative"));
    }
    if (writesDecimalComma(text)) {
        return decimalCommaError(text, false);
    }
    std::int64_t major = 0;
    std::int64_t fraction = 0;
    int fractionDigits = 0;
    bool fractionBeyond = false; // a digit other than 0 past the currency's decimals
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
        if (c < u'0' || c > u'9') {
            return refuse(QStringLiteral("only digits and one '.' are allowed"));
        }
        seenDigit = true;
        const int digit = c.unicode() - u'0';
        if (seenPoint) {
            ++fractionDigits;
            if (fractionDigits <= digits) {
                fraction = fraction * 10 + digit;
            } else {
                fractionBeyond = fractionBeyond || digit != 0;
            }
        } else {
            major = major * 10 + digit;
            if (major * per > MaxMoneyMinor) {
                return tooLarge();
            }
        }
    }
    if (!seenDigit) {
        return refuse(QStringLiteral("it has no digits"));
    }
    // The zeros of the old two-decimal form are read; anything more is not.
    if (fractionDigits > digits && (fractionBeyond || fractionDigits > 2)) {
        return refuse(tooManyDecimals(currency, digits));
    }
    for (int i = std::min(fractionDigits, digits); i < digits; ++i) {
        fraction *= 10;
    }
    if (major * per + fraction > MaxMoneyMinor) {
        return tooLarge();
    }
    return major * per + fraction;
}

bool isValidCurrency(QStringView code)
{
    if (code.size() != 3) {
        return false;
    }
    for (const QChar c : code) {
        if (c < u'A' || c > u'Z') {
            return false;
        }
    }
    return true;
}

Result<std::int64_t> parseAmountForPeople(QStringView text, QStringView currency)
{
    if (writesDecimalComma(text)) {
        return decimalCommaError(text, true);
    }
    // "1.234" is three decimals in a currency that has them (BHD), not "1.234.567".
    const bool threeDecimals = minorDigits(currency) >= 3 && text.count(u'.') == 1;
    if (writesThousandsDot(text) && !threeDecimals) {
        const QString digits = text.toString().remove(QLatin1Char('.'));
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a valid amount: it has three digits after the '.'. If you meant "
                                        "%2 with a '.' between thousands, type %3 (or %2); the decimals come after "
                                        "a '.', %4.")
                             .arg(text.toString(), groupThousands(digits), digits,
                                  minorDigits(currency) == 0
                                      ? QStringLiteral("and %1 has none").arg(currency)
                                      : QStringLiteral("at most %1").arg(decimalsInWords(minorDigits(currency)))));
    }
    const qsizetype point = text.indexOf(u'.');
    const QStringView whole = point < 0 ? text : text.left(point);
    if (!whole.contains(u',')) {
        return parseDecimal(text, currency);
    }
    // Groups of three digits after a first group of one to three.
    const QList<QStringView> groups = whole.split(u',');
    bool grouped = !groups.front().isEmpty() && groups.front().size() <= 3;
    for (qsizetype i = 1; i < groups.size(); ++i) {
        grouped = grouped && groups[i].size() == 3;
    }
    if (!grouped || text.mid(whole.size()).contains(u',')) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a valid amount: a ',' may only separate thousands, as in "
                                        "12,500.50; the decimals come after a '.'.")
                             .arg(text.toString()));
    }
    QString plain = text.toString();
    plain.remove(QLatin1Char(','));
    return parseDecimal(plain, currency);
}

} // namespace dealboard
