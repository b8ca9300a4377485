#include "dealboard/Money.h"

#include <QList>

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

} // namespace

QString formatDecimal(std::int64_t minor)
{
    const bool negative = minor < 0;
    const std::uint64_t magnitude
        = negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
    QString text = QString::number(magnitude / 100) + QLatin1Char('.')
        + QStringLiteral("%1").arg(magnitude % 100, 2, 10, QLatin1Char('0'));
    return negative ? QLatin1Char('-') + text : text;
}

QString formatForPeople(const Money& money)
{
    const bool negative = money.minor < 0;
    const std::uint64_t magnitude
        = negative ? 0 - static_cast<std::uint64_t>(money.minor) : static_cast<std::uint64_t>(money.minor);
    QString text = groupThousands(QString::number(magnitude / 100));
    if (magnitude % 100 != 0) {
        text += QLatin1Char('.') + QStringLiteral("%1").arg(magnitude % 100, 2, 10, QLatin1Char('0'));
    }
    return (negative ? QStringLiteral("-") : QString()) + text + QLatin1Char(' ') + money.currency;
}

Result<std::int64_t> parseDecimal(QStringView text)
{
    const QString shown = text.toString();
    auto refuse = [&shown](const QString& why) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a valid amount: %2. Write it like 1234.50.").arg(shown, why));
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
            if (++fractionDigits > 2) {
                return refuse(QStringLiteral("it has more than two decimals"));
            }
            fraction = fraction * 10 + digit;
        } else {
            major = major * 10 + digit;
            if (major * 100 > MaxMoneyMinor) {
                return refuse(QStringLiteral("it is too large (at most %1)").arg(formatDecimal(MaxMoneyMinor)));
            }
        }
    }
    if (!seenDigit) {
        return refuse(QStringLiteral("it has no digits"));
    }
    if (fractionDigits == 1) {
        fraction *= 10;
    }
    if (major * 100 + fraction > MaxMoneyMinor) {
        return refuse(QStringLiteral("it is too large (at most %1)").arg(formatDecimal(MaxMoneyMinor)));
    }
    return major * 100 + fraction;
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

Result<std::int64_t> parseAmountForPeople(QStringView text)
{
    if (writesDecimalComma(text)) {
        return decimalCommaError(text, true);
    }
    if (writesThousandsDot(text)) {
        const QString digits = text.toString().remove(QLatin1Char('.'));
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a valid amount: it has three digits after the '.'. If you meant "
                                        "%2 with a '.' between thousands, type %3 (or %2); the decimals come after "
                                        "a '.', at most two.")
                             .arg(text.toString(), groupThousands(digits), digits));
    }
    const qsizetype point = text.indexOf(u'.');
    const QStringView whole = point < 0 ? text : text.left(point);
    if (!whole.contains(u',')) {
        return parseDecimal(text);
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
    return parseDecimal(plain);
}

} // namespace dealboard
