// Normalized keys of contacts: what "the same organization" and "the same
// person" mean when contacts are added, imported and searched for duplicates.
#include "dealboard/ContactKeys.h"

#include <QSet>
#include <QStringList>

namespace dealboard::ContactKeys {

namespace {

constexpr qsizetype MinPhoneDigits = 6;

// Legal forms and their abbreviations, written as they read once dots are gone
// ("S.A." is "sa", "Inc." is "inc").
const QSet<QString>& legalForms()
{
    static const QSet<QString> forms = [] {
        QSet<QString> set;
        for (const char* form :
             {"gmbh",        "mbh", "ag",      "kg",  "kgaa", "ohg", "gbr", "ug",           "ev",
              "se",          "ltd", "limited", "llc", "llp",  "lp",  "inc", "incorporated", "corp",
              "corporation", "co",  "company", "plc", "pty",  "pte", "sa",  "sas",          "sarl",
              "sl",          "sll", "slu",     "srl", "spa",  "bv",  "nv",  "oy",           "oyj",
              "ab",          "as",  "asa",     "aps", "sro",  "kft", "zrt", "lda",          "ltda"}) {
            set.insert(QString::fromLatin1(form));
        }
        return set;
    }();
    return forms;
}

// "&", "and", "und" read the same: "Smith and Sons" is "Smith & Sons".
bool joins(const QString& word)
{
    return word == u"&" || word == u"and" || word == u"und";
}

} // namespace

QString organization(const QString& name)
{
    // Accents go with their letters' decomposition; ß and its like by folding.
    const QString decomposed = name.normalized(QString::NormalizationForm_KD).toCaseFolded();
    QStringList words;
    QString word;
    const auto endWord = [&] {
        if (!word.isEmpty()) {
            words << word;
            word.clear();
        }
    };
    for (const QChar c : decomposed) {
        if (c.isMark() || c == u'.' || c == u'\'' || c == u'\u2019') {
            continue; // "S.A." reads "sa", "O'Neil" reads "oneil"
        }
        if (c == u'ß') {
            word += QStringLiteral("ss");
        } else if (c.isLetterOrNumber()) {
            word += c;
        } else {
            endWord();
            if (c == u'&' || c == u'+') {
                words << QStringLiteral("&");
            }
        }
    }
    endWord();
    for (QString& each : words) {
        if (joins(each)) {
            each = QStringLiteral("&");
        }
    }
    // "Acme GmbH & Co. KG": the legal forms and the "& Co." at the end go,
    // but never the last word of the name itself.
    while (words.size() > 1 && (legalForms().contains(words.last()) || words.last() == u"&")) {
        words.removeLast();
    }
    while (!words.isEmpty() && words.last() == u"&") {
        words.removeLast();
    }
    return words.join(QString());
}

QString email(const QString& email)
{
    return email.trimmed().toLower();
}

QString phone(const QString& phone)
{
    const QString trimmed = phone.trimmed();
    QString digits;
    if (trimmed.startsWith(u'+')) {
        digits += u'+';
    }
    for (const QChar c : trimmed) {
        if (c.isDigit()) {
            digits += QChar(u'0' + c.digitValue());
        }
    }
    return digits.size() - (digits.startsWith(u'+') ? 1 : 0) < MinPhoneDigits ? QString() : digits;
}

} // namespace dealboard::ContactKeys
