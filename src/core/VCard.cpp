// vCard read (2.1, 3.0, 4.0): lines unfolded, values unescaped, charsets and
// quoted-printable decoded.
#include "dealboard/VCard.h"

#include <QStringDecoder>
#include <algorithm>
#include <cctype>

namespace dealboard {

namespace {

// A line of the file after unfolding, with the line of the file it starts on.
struct ContentLine
{
    int line = 0;
    QByteArray text;
};

// A property: NAME;PARAM=VALUE;...:value, the group ("item1.") dropped.
struct Property
{
    int line = 0;
    QString name; // upper case
    QList<QPair<QString, QString>> parameters; // name upper case ("" for 2.1's bare "PREF"), value as written
    QByteArray value;

    // Every value of a parameter, split at commas, upper case ("TYPE" -> {"WORK", "PREF"}).
    QStringList values(const QString& parameter) const
    {
        QStringList all;
        for (const auto& [key, value] : parameters) {
            if (key == parameter || (parameter == u"TYPE" && key.isEmpty())) {
                for (const QString& part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                    all << part.trimmed().toUpper();
                }
            }
        }
        return all;
    }
    // The first value of a parameter as the file writes it.
    QString written(const QString& name) const
    {
        for (const auto& [key, value] : parameters) {
            if (key == name) {
                return value.section(QLatin1Char(','), 0, 0).trimmed();
            }
        }
        return {};
    }
    QString parameter(const QString& name) const { return values(name).value(0); }
};

bool quotedPrintable(const QByteArray& head)
{
    return head.toUpper().contains("QUOTED-PRINTABLE");
}

// The file's lines unfolded: a line starting with a space or tab continues the
// one before (RFC 6350 3.2), and so does the line after a quoted-printable
// value ending in '=' (2.1's soft line break).
std::vector<ContentLine> unfold(const QByteArray& bytes)
{
    std::vector<ContentLine> lines;
    int number = 0;
    bool softBreak = false;
    qsizetype start = 0;
    while (start < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', start);
        if (end < 0) {
            end = bytes.size();
        }
        QByteArray line = bytes.mid(start, end - start);
        start = end + 1;
        ++number;
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (softBreak && !lines.empty()) {
            lines.back().text.chop(1); // the '='
            lines.back().text += line;
        } else if (!lines.empty() && (line.startsWith(' ') || line.startsWith('\t'))) {
            lines.back().text += line.mid(1);
        } else if (line.trimmed().isEmpty()) {
            softBreak = false;
            continue;
        } else {
            lines.push_back({number, line});
        }
        const QByteArray& text = lines.back().text;
        const qsizetype colon = text.indexOf(':');
        softBreak = colon > 0 && text.endsWith('=') && quotedPrintable(text.left(colon));
    }
    return lines;
}

// Splits "NAME;P=V;P2="a:b":value" at the first colon outside quotes.
std::optional<Property> parseProperty(const ContentLine& content)
{
    const QByteArray& text = content.text;
    bool quoted = false;
    qsizetype colon = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '"') {
            quoted = !quoted;
        } else if (text[i] == ':' && !quoted) {
            colon = i;
            break;
        }
    }
    if (colon <= 0) {
        return std::nullopt;
    }
    Property property;
    property.line = content.line;
    property.value = text.mid(colon + 1);
    QList<QByteArray> parts;
    QByteArray part;
    quoted = false;
    for (const char c : text.left(colon)) {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == ';' && !quoted) {
            parts << part;
            part.clear();
        } else {
            part += c;
        }
    }
    parts << part;
    QString name = QString::fromLatin1(parts.takeFirst()).trimmed().toUpper();
    property.name = name.mid(name.lastIndexOf(QLatin1Char('.')) + 1);
    for (const QByteArray& parameter : parts) {
        const qsizetype equals = parameter.indexOf('=');
        if (equals < 0) {
            property.parameters.append({QString(), QString::fromUtf8(parameter).trimmed()});
        } else {
            property.parameters.append({QString::fromLatin1(parameter.left(equals)).trimmed().toUpper(),
                                        QString::fromUtf8(parameter.mid(equals + 1)).trimmed()});
        }
    }
    return property;
}

QByteArray decodeQuotedPrintable(const QByteArray& value)
{
    QByteArray decoded;
    decoded.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] == '=' && i + 2 < value.size() && std::isxdigit(static_cast<unsigned char>(value[i + 1]))
            && std::isxdigit(static_cast<unsigned char>(value[i + 2]))) {
            decoded += static_cast<char>(value.mid(i + 1, 2).toInt(nullptr, 16));
            i += 2;
        } else {
            decoded += value[i];
        }
    }
    return decoded;
}

// Windows' Western code page (Outlook's exports): Latin-1 but for 0x80..0x9F.
QString fromWindows1252(const QByteArray& bytes)
{
    static const char16_t high[32]
        = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
           0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
           0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    QString text;
    text.reserve(bytes.size());
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        text += byte >= 0x80 && byte < 0xA0 ? QChar(high[byte - 0x80]) : QChar(char16_t(byte));
    }
    return text;
}

// The property's value as text, or why it cannot be read.
std::optional<QString> decodeValue(const Property& property, QString& fault)
{
    QByteArray bytes = property.value;
    const QString encoding = property.parameter(QStringLiteral("ENCODING"));
    if (encoding == u"QUOTED-PRINTABLE" || property.values(QStringLiteral("TYPE")).contains(u"QUOTED-PRINTABLE")) {
        bytes = decodeQuotedPrintable(bytes);
    } else if (!encoding.isEmpty() && encoding != u"8BIT" && encoding != u"7BIT") {
        fault
            = QStringLiteral("the encoding %1 is not one for text; save the card with plain UTF-8 text.").arg(encoding);
        return std::nullopt;
    }
    const QString charset = property.parameter(QStringLiteral("CHARSET"));
    if (charset.isEmpty()) {
        QStringDecoder utf8(QStringDecoder::Utf8);
        QString text = utf8(bytes);
        if (utf8.hasError()) {
            fault = QStringLiteral("the text is not UTF-8; export the address book as UTF-8, or name its "
                                   "character set (CHARSET=...).");
            return std::nullopt;
        }
        return text;
    }
    if (charset == u"WINDOWS-1252" || charset == u"CP1252") {
        return fromWindows1252(bytes);
    }
    QStringDecoder decoder(charset == u"US-ASCII" || charset == u"ASCII" ? "ISO-8859-1"
                                                                         : charset.toLatin1().constData());
    if (!decoder.isValid()) {
        fault = QStringLiteral("the character set %1 is not known; export the address book as UTF-8.")
                    .arg(property.written(QStringLiteral("CHARSET")));
        return std::nullopt;
    }
    QString text = decoder(bytes);
    if (decoder.hasError()) {
        fault = QStringLiteral("the text is not valid %1; export the address book as UTF-8.")
                    .arg(property.written(QStringLiteral("CHARSET")));
        return std::nullopt;
    }
    return text;
}

// Splits at every `separator` not escaped by a backslash; the parts stay escaped.
QStringList splitEscaped(const QString& value, QChar separator)
{
    QStringList parts;
    QString part;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] == QLatin1Char('\\') && i + 1 < value.size()) {
            part += value[i];
            part += value[++i];
        } else if (value[i] == separator) {
            parts << part;
            part.clear();
        } else {
            part += value[i];
        }
    }
    parts << part;
    return parts;
}

QString unescape(const QString& value)
{
    QString text;
    text.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] != QLatin1Char('\\') || i + 1 == value.size()) {
            text += value[i];
            continue;
        }
        const QChar next = value[++i];
        if (next == QLatin1Char('n') || next == QLatin1Char('N')) {
            text += QLatin1Char('\n');
        } else if (next == QLatin1Char('\\') || next == QLatin1Char(';') || next == QLatin1Char(',')
                   || next == QLatin1Char(':')) {
            text += next;
        } else {
            text += QLatin1Char('\\');
            text += next;
        }
    }
    return text;
}

// How much a card prefers an email or phone: 4.0's PREF=1..100, 3.0's and
// 2.1's TYPE=PREF; lower first.
int preference(const Property& property)
{
    bool ok = false;
    const int pref = property.parameter(QStringLiteral("PREF")).toInt(&ok);
    if (ok) {
        return pref;
    }
    return property.values(QStringLiteral("TYPE")).contains(u"PREF") ? 1 : 101;
}

struct Ranked
{
    QString text;
    int line;
    int preference;
};

QStringList ranked(std::vector<Ranked>& values, QHash<QString, int>& lines, const QString& property)
{
    std::stable_sort(values.begin(), values.end(),
                     [](const Ranked& a, const Ranked& b) { return a.preference < b.preference; });
    QStringList texts;
    for (const Ranked& value : values) {
        if (!value.text.isEmpty() && !texts.contains(value.text, Qt::CaseInsensitive)) {
            texts << value.text;
        }
    }
    if (!values.empty()) {
        lines.insert(property, values.front().line);
    }
    return texts;
}

// What the card held, until END:VCARD puts it together as a person.
struct CardReader
{
    VCardPerson person;
    bool unreadable = false; // a property could not be read (its fault is said)
    QString formatted;
    QString structured;
    QString title;
    QString role;
    QStringList departments;
    QString note;
    std::vector<Ranked> emails;
    std::vector<Ranked> phones;

    void take(const Property& property, const QString& value)
    {
        const QString& name = property.name;
        if (!person.lines.contains(name)) {
            person.lines.insert(name, property.line);
        }
        if (name == u"FN") {
            formatted = unescape(value).trimmed();
        } else if (name == u"N") {
            // Family; Given; Additional; Prefixes; Suffixes, each possibly a list.
            QStringList parts;
            for (const QString& part : splitEscaped(value, QLatin1Char(';'))) {
                parts << unescape(splitEscaped(part, QLatin1Char(',')).join(QLatin1Char(' '))).trimmed();
            }
            QStringList order;
            for (const int i : {3, 1, 2, 0, 4}) {
                if (!parts.value(i).isEmpty()) {
                    order << parts.value(i);
                }
            }
            structured = order.join(QLatin1Char(' '));
        } else if (name == u"ORG") {
            QStringList parts;
            for (const QString& part : splitEscaped(value, QLatin1Char(';'))) {
                parts << unescape(part).trimmed();
            }
            person.organization = parts.takeFirst();
            parts.removeAll(QString());
            departments << parts;
        } else if (name == u"EMAIL") {
            emails.push_back({unescape(value).trimmed(), property.line, preference(property)});
        } else if (name == u"TEL") {
            QString phone = unescape(value).trimmed();
            if (phone.startsWith(QLatin1String("tel:"), Qt::CaseInsensitive)) {
                phone = phone.mid(4);
            }
            phones.push_back({phone, property.line, preference(property)});
        } else if (name == u"TITLE") {
            title = unescape(value).trimmed();
        } else if (name == u"ROLE") {
            role = unescape(value).trimmed();
        } else if (name == u"NOTE") {
            note = note.isEmpty() ? unescape(value) : note + QLatin1Char('\n') + unescape(value);
            person.hasNotes = true;
        } else if (name == u"CATEGORIES") {
            for (const QString& tag : splitEscaped(value, QLatin1Char(','))) {
                person.tags << unescape(tag);
            }
        } else if (name == u"UID") {
            person.uid = value.trimmed();
        } else if (name == u"X-DEALBOARD-ID") {
            person.dealBoardId = value.trimmed().toLongLong();
        }
    }

    VCardPerson finish()
    {
        person.name = formatted.isEmpty() ? structured : formatted;
        if (formatted.isEmpty() && !structured.isEmpty()) {
            person.lines.insert(QStringLiteral("FN"), person.lines.value(QStringLiteral("N")));
        }
        person.emails = ranked(emails, person.lines, QStringLiteral("EMAIL"));
        person.phones = ranked(phones, person.lines, QStringLiteral("TEL"));
        person.role = title.isEmpty() ? role : title;
        QStringList extra;
        if (!title.isEmpty() && !role.isEmpty() && role != title) {
            extra << QStringLiteral("Role: %1").arg(role);
        }
        if (!departments.isEmpty()) {
            extra << QStringLiteral("Department: %1").arg(departments.join(QStringLiteral(", ")));
        }
        if (person.emails.size() > 1) {
            extra << QStringLiteral("Other emails: %1").arg(person.emails.mid(1).join(QStringLiteral(", ")));
        }
        if (person.phones.size() > 1) {
            extra << QStringLiteral("Other phones: %1").arg(person.phones.mid(1).join(QStringLiteral(", ")));
        }
        QString notes = note.trimmed();
        for (const QString& line : extra) {
            if (!notes.contains(line)) {
                notes += (notes.isEmpty() ? QString() : QStringLiteral("\n")) + line;
            }
        }
        person.notes = notes;
        person.hasNotes = person.hasNotes || !extra.isEmpty();
        return person;
    }
};

} // namespace

VCardFile VCard::read(const QByteArray& input)
{
    VCardFile file;
    QByteArray bytes = input;
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        bytes.remove(0, 3);
    } else if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")) {
        QStringDecoder utf16(bytes.startsWith("\xFF\xFE") ? QStringDecoder::Utf16LE : QStringDecoder::Utf16BE);
        bytes = QString(utf16(bytes.mid(2))).toUtf8();
    }
    if (!bytes.toUpper().contains("BEGIN:VCARD")) {
        file.faults << QStringLiteral("The file is not a vCard: it has no BEGIN:VCARD. Export the address book as "
                                      "vCard (.vcf) and import that file.");
        return file;
    }
    std::optional<CardReader> card;
    for (const ContentLine& content : unfold(bytes)) {
        const std::optional<Property> property = parseProperty(content);
        if (!property) {
            file.faults << QStringLiteral("Line %1: '%2' is not a property (NAME:value); a vCard's lines are "
                                          "properties between BEGIN:VCARD and END:VCARD.")
                               .arg(content.line)
                               .arg(QString::fromUtf8(content.text.left(40)));
            continue;
        }
        const QString value = QString::fromUtf8(property->value).trimmed();
        if (property->name == u"BEGIN") {
            if (value.compare(QLatin1String("VCARD"), Qt::CaseInsensitive) != 0) {
                file.faults << QStringLiteral("Line %1 (BEGIN): '%2' is not a vCard; the file should hold "
                                              "BEGIN:VCARD ... END:VCARD.")
                                   .arg(content.line)
                                   .arg(value.left(40));
            } else if (card) {
                file.faults << QStringLiteral("Line %1 (BEGIN): a card begins inside the card of line %2, which "
                                              "has no END:VCARD.")
                                   .arg(content.line)
                                   .arg(card->person.line);
            }
            card.emplace();
            card->person.line = content.line;
            continue;
        }
        if (!card) {
            file.faults << QStringLiteral("Line %1 (%2): outside a card; each card starts with BEGIN:VCARD.")
                               .arg(content.line)
                               .arg(property->name.left(40));
            continue;
        }
        if (property->name == u"END") {
            VCardPerson person = card->finish();
            if (person.name.isEmpty() && !card->unreadable) {
                file.faults << QStringLiteral("Line %1: the card has no name (FN or N); every person needs a name.")
                                   .arg(person.line);
            } else {
                file.people.push_back(std::move(person));
            }
            card.reset();
            continue;
        }
        if (property->name == u"VERSION") {
            if (value != u"2.1" && value != u"3.0" && value != u"4.0") {
                file.faults << QStringLiteral("Line %1 (VERSION): version '%2' is not one DealBoard reads (2.1, "
                                              "3.0 or 4.0).")
                                   .arg(content.line)
                                   .arg(value.left(20));
            }
            continue;
        }
        static const QStringList used = {QStringLiteral("FN"),
                                         QStringLiteral("N"),
                                         QStringLiteral("ORG"),
                                         QStringLiteral("EMAIL"),
                                         QStringLiteral("TEL"),
                                         QStringLiteral("TITLE"),
                                         QStringLiteral("ROLE"),
                                         QStringLiteral("NOTE"),
                                         QStringLiteral("UID"),
                                         QStringLiteral("CATEGORIES"),
                                         QStringLiteral("X-DEALBOARD-ID")};
        if (!used.contains(property->name)) {
            continue; // photos, addresses, birthdays: not kept
        }
        QString fault;
        const std::optional<QString> text = decodeValue(*property, fault);
        if (!text) {
            file.faults << QStringLiteral("Line %1 (%2): %3").arg(content.line).arg(property->name, fault);
            card->unreadable = true;
            continue;
        }
        card->take(*property, *text);
    }
    if (card) {
        file.faults << QStringLiteral("Line %1: the card begun here has no END:VCARD; the file may be cut short.")
                           .arg(card->person.line);
    }
    return file;
}

} // namespace dealboard
