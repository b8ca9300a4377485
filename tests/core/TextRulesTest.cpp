#include "dealboard/TextRules.h"

#include <gtest/gtest.h>

using namespace dealboard;

TEST(TextRules, RefusesDirectionAndInvisibleCharactersAndLineBreaksInOneLine)
{
    for (const char16_t c : {u'\x1b', u'\x85', u'\u061c', u'\u200b', u'\u200e', u'\u200f', u'\u2028', u'\u2029',
                             u'\u202a', u'\u202e', u'\u2066', u'\u2069', u'\ufeff'}) {
        const QString text = QStringLiteral("ab") + QChar(c) + QStringLiteral("cd");
        EXPECT_EQ(TextRules::forbiddenAt(text, false), 2) << int(c);
        EXPECT_EQ(TextRules::forbiddenAt(text, true), 2) << int(c);
    }
    EXPECT_EQ(TextRules::forbiddenAt(u"one\ntwo", false), 3);
    EXPECT_FALSE(TextRules::forbiddenAt(u"one\ntwo\tthree", true));
    // Joiners stay: Persian names and emoji need them.
    EXPECT_FALSE(TextRules::forbiddenAt(u"\u0645\u200c\u06cc", false));
}

TEST(TextRules, ShowsStoredForbiddenCharactersWrittenOut)
{
    const QString turned = QStringLiteral("Invoice ") + QChar(0x202e) + QStringLiteral("gpj.exe review");
    EXPECT_EQ(TextRules::shown(turned), QStringLiteral("Invoice <U+202E>gpj.exe review"));
    EXPECT_EQ(TextRules::shown(u"Line one\nLine two"), QStringLiteral("Line one<U+000A>Line two"));
    EXPECT_EQ(TextRules::shown(u"Line one\nLine two", true), QStringLiteral("Line one\nLine two"));
    EXPECT_EQ(TextRules::shown(u"plain \u00e9t\u00e9"), QStringLiteral("plain \u00e9t\u00e9"));
}
