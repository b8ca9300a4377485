#include "dealboard/TextRules.h"

namespace dealboard::TextRules {

namespace {

struct Range
{
    char16_t first;
    char16_t last;
};

// Tab (U+0009), line feed (U+000A) and carriage return (U+000D) are left to
// `lines`; every other range is refused everywhere.
constexpr Range Forbidden[] = {
    {0x0000, 0x0008}, {0x000b, 0x000c}, {0x000e, 0x001f}, {0x007f, 0x009f}, {0x061c, 0x061c}, {0x200b, 0x200b},
    {0x200e, 0x200f}, {0x2028, 0x202e}, {0x2060, 0x2064}, {0x2066, 0x206f}, {0xfeff, 0xfeff}, {0xfff9, 0xfffb},
};

bool forbidden(char16_t c, bool lines)
{
    if (c == u'\t' || c == u'\n' || c == u'\r') {
        return !lines;
    }
    for (const Range& range : Forbidden) {
        if (c >= range.first && c <= range.last) {
            return true;
        }
    }
    return false;
}

QString escaped(char16_t c)
{
    return QStringLiteral("\\u%1").arg(int(c), 4, 16, QLatin1Char('0'));
}

} // namespace

std::optional<qsizetype> forbiddenAt(QStringView text, bool lines)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (forbidden(text.at(i).unicode(), lines)) {
            return i;
        }
    }
    return std::nullopt;
}

QString codePointAt(QStringView text, qsizetype at)
{
    return QStringLiteral("U+")
        + QStringLiteral("%1").arg(int(text.at(at).unicode()), 4, 16, QLatin1Char('0')).toUpper();
}

QString shown(QStringView text, bool lines)
{
    if (!forbiddenAt(text, lines)) {
        return text.toString();
    }
    QString out;
    out.reserve(text.size() + 16);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (forbidden(text.at(i).unicode(), lines)) {
            out += QLatin1Char('<') + codePointAt(text, i) + QLatin1Char('>');
        } else {
            out += text.at(i);
        }
    }
    return out;
}

QString serverPattern(bool lines)
{
    QString pattern = QStringLiteral("[");
    if (!lines) {
        pattern += escaped(u'\t') + escaped(u'\n') + escaped(u'\r');
    }
    for (const Range& range : Forbidden) {
        if (range.first == 0) {
            // A server's text never holds U+0000.
            pattern += escaped(0x0001) + QLatin1Char('-') + escaped(range.last);
        } else if (range.first == range.last) {
            pattern += escaped(range.first);
        } else {
            pattern += escaped(range.first) + QLatin1Char('-') + escaped(range.last);
        }
    }
    return pattern + QLatin1Char(']');
}

} // namespace dealboard::TextRules
