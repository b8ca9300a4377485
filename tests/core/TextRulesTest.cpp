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

TEST(TextRules, RefusesWhatHidesTextBeyondDirectionMarks)
{
    // A tag character (outside the first plane), a Hangul filler, the
    // Mongolian vowel separator, a musical format character.
    const QString tagged = QStringLiteral("Tag") + QString::fromUcs4(U"\U000E0041") + QStringLiteral("hidden");
    EXPECT_EQ(TextRules::forbiddenAt(tagged, false), 3);
    EXPECT_EQ(TextRules::codePointAt(tagged, 3), QStringLiteral("U+E0041"));
    EXPECT_EQ(TextRules::shown(tagged), QStringLiteral("Tag<U+E0041>hidden"));
    for (const char32_t c : {U'\u3164', U'\u115f', U'\u180e', U'\U0001D173'}) {
        EXPECT_TRUE(TextRules::forbiddenAt(QStringLiteral("a") + QString::fromUcs4(&c, 1), true)) << int(c);
    }
    // Other characters beyond the first plane stay: emoji, CJK extensions.
    EXPECT_FALSE(TextRules::forbiddenAt(QString::fromUcs4(U"Deal \U0001F600 \U00020000"), false));
}

TEST(TextRules, RefusesEveryCharacterThatShowsAsNothing)
{
    // Unicode's default-ignorable code points: the soft hyphen, the combining
    // grapheme joiner, a Khmer inherent vowel, a noncharacter-block special,
    // Egyptian hieroglyph and shorthand format controls, an unassigned tag.
    for (const char32_t c :
         {U'\u00ad', U'\u034f', U'\u17b4', U'\ufff0', U'\U00013430', U'\U0001BCA0', U'\U000E00A0', U'\U000E0FFF'}) {
        const QString text = QStringLiteral("T") + QString::fromUcs4(&c, 1) + QStringLiteral("x");
        EXPECT_EQ(TextRules::forbiddenAt(text, true), 1) << int(c);
        EXPECT_TRUE(TextRules::shown(text).startsWith(QStringLiteral("T<U+"))) << int(c);
    }
    // What scripts and emoji need stays: the joiners, variation selectors
    // (also the supplement's), a heart with its emoji presentation.
    EXPECT_FALSE(TextRules::forbiddenAt(QString::fromUcs4(U"\u0645\u200c\u0627 \U0001F469\u200d\U0001F4BB \u2764\ufe0f "
                                                          U"\u845b\U000E0100"),
                                        false));
}

// A written-out character kept from the stored text stands for itself;
// deleted, it is gone; typed, "<U+202E>" is plain text.
TEST(TextRules, AnEditOfWrittenOutTextGivesBackTheCharactersItKept)
{
    const QString stored = QStringLiteral("Invoice \u202Egpj.exe review");
    const QString shown = TextRules::shown(stored);
    EXPECT_EQ(TextRules::unshown(stored, shown), stored);
    EXPECT_EQ(TextRules::unshown(stored, shown + QStringLiteral("s")), stored + QStringLiteral("s"));
    EXPECT_EQ(TextRules::unshown(stored, QStringLiteral("Big invoice <U+202E>gpj.exe review")),
              QStringLiteral("Big invoice \u202Egpj.exe review"));
    EXPECT_EQ(TextRules::unshown(stored, QStringLiteral("Invoice gpj.exe review")),
              QStringLiteral("Invoice gpj.exe review"));
    // Half a marker deleted: the character goes, what is left reads as typed.
    EXPECT_EQ(TextRules::unshown(stored, QStringLiteral("Invoice <U+202gpj.exe review")),
              QStringLiteral("Invoice <U+202gpj.exe review"));
    const QString plain = QStringLiteral("Escapes");
    EXPECT_EQ(TextRules::unshown(plain, QStringLiteral("Escapes like <U+202E>")),
              QStringLiteral("Escapes like <U+202E>"));
    EXPECT_EQ(TextRules::unshown(stored, QStringLiteral("Invoice <U+202E><U+202E>gpj.exe review")),
              QStringLiteral("Invoice \u202E<U+202E>gpj.exe review"));
    const QString tag = QStringLiteral("a") + QString::fromUcs4(U"\U000E0041") + QStringLiteral("b");
    EXPECT_EQ(TextRules::unshown(tag, TextRules::shown(tag) + QStringLiteral("c")), tag + QStringLiteral("c"));
}
