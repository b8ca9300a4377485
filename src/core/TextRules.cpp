#include "dealboard/TextRules.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace dealboard::TextRules {

namespace {

struct Range
{
    char16_t first;
    char16_t last;
};

// Tab (U+0009), line feed (U+000A) and carriage return (U+000D) are left to
// `lines`; every other range is refused everywhere. Beside the controls and
// direction characters these are Unicode's default-ignorable code points,
// which show as nothing: the soft hyphen, the combining grapheme joiner, the
// Hangul fillers, the Khmer inherent vowels, the Mongolian vowel separator.
// Kept: the zero-width joiner and non-joiner and the variation selectors,
// which emoji and several scripts need.
constexpr Range Forbidden[] = {
    {0x0000, 0x0008}, {0x000b, 0x000c}, {0x000e, 0x001f}, {0x007f, 0x009f}, {0x00ad, 0x00ad},
    {0x034f, 0x034f}, {0x061c, 0x061c}, {0x115f, 0x1160}, {0x17b4, 0x17b5}, {0x180e, 0x180e},
    {0x200b, 0x200b}, {0x200e, 0x200f}, {0x2028, 0x202e}, {0x2060, 0x2064}, {0x2066, 0x206f},
    {0x3164, 0x3164}, {0xfeff, 0xfeff}, {0xffa0, 0xffa0}, {0xfff0, 0xfffb},
};

// Beyond the first plane: the Egyptian hieroglyph and shorthand format
// controls, the musical format characters, tag characters (which can carry
// hidden text) and the unassigned rest of that plane's ignorable block.
constexpr std::pair<char32_t, char32_t> ForbiddenBeyond[]
    = {{0x13430, 0x1343f}, {0x1bca0, 0x1bca3}, {0x1d173, 0x1d17a}, {0xe0000, 0xe00ff}, {0xe01f0, 0xe0fff}};

// The code point at `at`, a surrogate pair read whole.
char32_t codePoint(QStringView text, qsizetype at)
{
    const QChar c = text.at(at);
    if (c.isHighSurrogate() && at + 1 < text.size() && text.at(at + 1).isLowSurrogate()) {
        return QChar::surrogateToUcs4(c, text.at(at + 1));
    }
    return c.unicode();
}

bool forbiddenBeyond(char32_t c)
{
    for (const auto& [first, last] : ForbiddenBeyond) {
        if (c >= first && c <= last) {
            return true;
        }
    }
    return false;
}

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
        const char16_t c = text.at(i).unicode();
        if (c >= 0x20 && c < 0x7f) {
            continue; // printable ASCII, most of what is read and typed
        }
        if (forbidden(c, lines) || (QChar::isHighSurrogate(c) && forbiddenBeyond(codePoint(text, i)))) {
            return i;
        }
    }
    return std::nullopt;
}

QString codePointAt(QStringView text, qsizetype at)
{
    return QStringLiteral("U+")
        + QStringLiteral("%1").arg(qint64(codePoint(text, at)), 4, 16, QLatin1Char('0')).toUpper();
}

QString shown(QStringView text, bool lines)
{
    if (!forbiddenAt(text, lines)) {
        return text.toString();
    }
    QString out;
    out.reserve(text.size() + 16);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (forbiddenBeyond(codePoint(text, i))) {
            out += QLatin1Char('<') + codePointAt(text, i) + QLatin1Char('>');
            ++i; // both halves of the pair
        } else if (forbidden(text.at(i).unicode(), lines)) {
            out += QLatin1Char('<') + codePointAt(text, i) + QLatin1Char('>');
        } else {
            out += text.at(i);
        }
    }
    return out;
}

QString unshown(QStringView stored, QStringView edited, bool lines)
{
    // Where each character of the stored text begins in the shown text; a
    // written-out one is one piece, never split.
    std::vector<std::pair<qsizetype, qsizetype>> starts; // (in shown, in stored)
    QString shownText;
    for (qsizetype i = 0; i < stored.size(); ++i) {
        starts.emplace_back(shownText.size(), i);
        const bool beyond = forbiddenBeyond(codePoint(stored, i));
        if (beyond || forbidden(stored.at(i).unicode(), lines)) {
            shownText += QLatin1Char('<') + codePointAt(stored, i) + QLatin1Char('>');
            i += beyond ? 1 : 0;
        } else {
            shownText += stored.at(i);
        }
    }
    starts.emplace_back(shownText.size(), stored.size());
    if (edited == shownText) {
        return stored.toString();
    }
    // What stayed at the front and at the back is the stored text; the
    // middle is what the person typed.
    qsizetype front = 0;
    const qsizetype most = std::min(shownText.size(), edited.size());
    while (front < most && shownText.at(front) == edited.at(front)) {
        ++front;
    }
    qsizetype back = 0;
    while (back < most - front && shownText.at(shownText.size() - 1 - back) == edited.at(edited.size() - 1 - back)) {
        ++back;
    }
    // A written-out character cut by the edit is gone; what is left of it is typed text.
    std::pair<qsizetype, qsizetype> kept {0, 0};
    for (const auto& start : starts) {
        if (start.first <= front) {
            kept = start;
        }
    }
    std::pair<qsizetype, qsizetype> resumed = starts.back();
    for (auto it = starts.rbegin(); it != starts.rend(); ++it) {
        if (it->first >= shownText.size() - back) {
            resumed = *it;
        }
    }
    const qsizetype typed = edited.size() - kept.first - (shownText.size() - resumed.first);
    QString meant = stored.first(kept.second).toString();
    meant += edited.sliced(kept.first, typed);
    meant += stored.sliced(resumed.second);
    return meant;
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
    for (const auto& [first, last] : ForbiddenBeyond) {
        pattern += QStringLiteral("\\U%1-\\U%2")
                       .arg(qint64(first), 8, 16, QLatin1Char('0'))
                       .arg(qint64(last), 8, 16, QLatin1Char('0'));
    }
    return pattern + QLatin1Char(']');
}

} // namespace dealboard::TextRules
