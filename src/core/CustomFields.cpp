#include "dealboard/CustomFields.h"

#include "dealboard/Currency.h"
#include "dealboard/DealImport.h"
#include "dealboard/Money.h"
#include "dealboard/TextRules.h"

#include <QDate>
#include <QRegularExpression>
#include <algorithm>

namespace dealboard {

namespace {

constexpr std::pair<FieldType, const char*> TypeSlugs[] = {
    {FieldType::Text, "text"}, {FieldType::Number, "number"}, {FieldType::Money, "money"},
    {FieldType::Date, "date"}, {FieldType::Choice, "choice"}, {FieldType::YesNo, "yesno"},
};

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

// Why `text` can't be a short one-line text called `what`; empty when it can.
QString whyNotShortText(const QString& text, const QString& what, int longest)
{
    if (const std::optional<qsizetype> at = TextRules::forbiddenAt(text, false)) {
        return QStringLiteral("The %1 holds an invisible or control character (%2); type it again without it.")
            .arg(what, TextRules::codePointAt(text, *at));
    }
    if (DealImport::characterCount(text) > longest) {
        return QStringLiteral("The %1 is longer than %2 characters; shorten it.").arg(what).arg(longest);
    }
    return {};
}

Result<QString> canonicalNumber(const CustomField& field, const QString& typed)
{
    static const QRegularExpression shape(QStringLiteral("^(-?)([0-9]{1,15})(?:\\.([0-9]{1,4}))?$"));
    static const QRegularExpression anyNumber(QStringLiteral("^-?([0-9]+)(?:\\.([0-9]+))?$"));
    const QRegularExpressionMatch match = shape.match(typed);
    if (const QRegularExpressionMatch loose = anyNumber.match(typed); !match.hasMatch() && loose.hasMatch()) {
        return invalid(
            loose.captured(2).size() > 4
                ? QStringLiteral("%1 takes at most 4 decimals; '%2' has %3.")
                      .arg(field.name, typed)
                      .arg(loose.captured(2).size())
                : QStringLiteral("%1 takes at most 15 digits before the point; '%2' has more.").arg(field.name, typed));
    }
    if (!match.hasMatch()) {
        return invalid(QStringLiteral("'%1' is not a number for %2; write %3.")
                           .arg(typed, field.name, CustomFields::example(field)));
    }
    QString whole = match.captured(2);
    while (whole.size() > 1 && whole.startsWith(QLatin1Char('0'))) {
        whole.remove(0, 1);
    }
    QString fraction = match.captured(3);
    while (fraction.endsWith(QLatin1Char('0'))) {
        fraction.chop(1);
    }
    QString number = fraction.isEmpty() ? whole : whole + QLatin1Char('.') + fraction;
    if (!match.captured(1).isEmpty() && number != u"0") {
        number.prepend(QLatin1Char('-'));
    }
    return number;
}

Result<QString> canonicalMoney(const CustomField& field, const QString& typed)
{
    // "1250.50 EUR" or "EUR 1250.50": the currency is never guessed.
    QStringList parts = typed.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QString code;
    if (parts.size() == 2) {
        const bool codeFirst = !parts[0].isEmpty() && parts[0].at(0).isLetter();
        code = codeFirst ? parts.takeFirst() : parts.takeLast();
    }
    if (parts.size() != 1 || code.isEmpty()) {
        return invalid(QStringLiteral("'%1' is not an amount for %2; write %3.")
                           .arg(typed, field.name, CustomFields::example(field)));
    }
    Result<QString> currency = checkCurrency(code);
    if (!currency) {
        return invalid(QStringLiteral("%1: %2").arg(field.name, currency.error().message));
    }
    Result<std::int64_t> minor = parseAmountForPeople(parts[0], currency.value());
    if (!minor) {
        return invalid(QStringLiteral("%1: %2").arg(field.name, minor.error().message));
    }
    return QStringLiteral("%1 %2").arg(minor.value()).arg(currency.value());
}

Result<QString> canonicalDate(const CustomField& field, const QString& typed)
{
    static const QRegularExpression shape(QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
    const QDate date = shape.match(typed).hasMatch() ? QDate::fromString(typed, Qt::ISODate) : QDate();
    if (date.isValid() && (date.year() < 1900 || date.year() > 2999)) {
        return invalid(
            QStringLiteral("%1 is a date between 1900-01-01 and 2999-12-31; %2 is not.").arg(field.name, typed));
    }
    if (!date.isValid()) {
        return invalid(QStringLiteral("'%1' is not a date for %2; write %3.")
                           .arg(typed, field.name, CustomFields::example(field)));
    }
    return date.toString(Qt::ISODate);
}

Result<QString> canonicalChoice(const CustomField& field, const QString& typed)
{
    for (const QString& choice : field.choices) {
        if (choice.compare(typed, Qt::CaseInsensitive) == 0) {
            return choice;
        }
    }
    return invalid(QStringLiteral("'%1' is not a choice of %2; choose one of: %3.")
                       .arg(typed, field.name, field.choices.join(QStringLiteral(", "))));
}

Result<QString> canonicalYesNo(const CustomField& field, const QString& typed)
{
    const QString word = typed.toLower();
    if (word == u"yes" || word == u"y" || word == u"true" || word == u"1") {
        return QStringLiteral("yes");
    }
    if (word == u"no" || word == u"n" || word == u"false" || word == u"0") {
        return QStringLiteral("no");
    }
    return invalid(QStringLiteral("'%1' is not yes or no for %2; write yes or no.").arg(typed, field.name));
}

} // namespace

QString fieldTypeSlug(FieldType type)
{
    for (const auto& [each, slug] : TypeSlugs) {
        if (each == type) {
            return QString::fromLatin1(slug);
        }
    }
    return {};
}

std::optional<FieldType> fieldTypeFromSlug(QStringView slug)
{
    for (const auto& [type, each] : TypeSlugs) {
        if (slug == QLatin1String(each)) {
            return type;
        }
    }
    return std::nullopt;
}

QStringList fieldTypeSlugs()
{
    QStringList slugs;
    for (const auto& [type, slug] : TypeSlugs) {
        slugs << QString::fromLatin1(slug);
    }
    return slugs;
}

bool CustomField::neededIn(Stage stage) const
{
    if (!neededFrom) {
        return false;
    }
    return neededToLeave ? stage > *neededFrom : stage >= *neededFrom;
}

QString CustomField::neededText() const
{
    if (!neededFrom) {
        return {};
    }
    return QStringLiteral("to %1 %2")
        .arg(neededToLeave ? QStringLiteral("leave") : QStringLiteral("enter"), stageName(*neededFrom));
}

QString CustomFields::whyNotKey(const QString& key)
{
    static const QRegularExpression shape(QStringLiteral("^[a-z][a-z0-9_]*$"));
    if (key.isEmpty() || key.size() > MaxKeyLength || !shape.match(key).hasMatch()) {
        return QStringLiteral("'%1' can't be a field's key: a key is up to %2 lower-case letters, digits and '_', "
                              "starting with a letter, such as lead_source.")
            .arg(TextRules::shown(key))
            .arg(MaxKeyLength);
    }
    return {};
}

QString CustomFields::whyNotName(const QString& name)
{
    if (name.trimmed().isEmpty()) {
        return QStringLiteral("A field needs a name people read, such as \"Lead source\".");
    }
    return whyNotShortText(name, QStringLiteral("field's name"), MaxNameLength);
}

QString CustomFields::whyNotChoices(FieldType type, const QStringList& choices)
{
    if (type != FieldType::Choice) {
        return choices.isEmpty() ? QString()
                                 : QStringLiteral("Only a field of type choice has choices; leave them out for a %1 "
                                                  "field.")
                                       .arg(fieldTypeSlug(type));
    }
    if (choices.isEmpty()) {
        return QStringLiteral("A choice field needs its choices, such as --choices web,referral,event.");
    }
    if (choices.size() > MaxChoices) {
        return QStringLiteral("A choice field has at most %1 choices; %2 were given.")
            .arg(MaxChoices)
            .arg(choices.size());
    }
    for (qsizetype i = 0; i < choices.size(); ++i) {
        const QString& choice = choices[i];
        if (choice.trimmed().isEmpty() || choice != choice.trimmed()) {
            return QStringLiteral("A choice can't be empty nor start or end with a space; check the list.");
        }
        if (choice.compare(QStringLiteral("(none)"), Qt::CaseInsensitive) == 0) {
            return QStringLiteral("'(none)' stands for no value; name the choice otherwise.");
        }
        if (choice.contains(QLatin1Char(','))) {
            return QStringLiteral("The choice '%1' holds a comma; choices are separated by commas.").arg(choice);
        }
        if (const QString why = whyNotShortText(choice, QStringLiteral("choice"), MaxNameLength); !why.isEmpty()) {
            return why;
        }
        for (qsizetype j = 0; j < i; ++j) {
            if (choices[j].compare(choice, Qt::CaseInsensitive) == 0) {
                return QStringLiteral("The choice '%1' is listed twice; list each once.").arg(choice);
            }
        }
    }
    return {};
}

QString CustomFields::whyNotNeeded(std::optional<Stage> stage, bool toLeave)
{
    if (stage && !toLeave && *stage == Stage::Prospecting) {
        return QStringLiteral("Every new deal starts in %1, where nothing asks for it yet; require it to leave %1 "
                              "instead.")
            .arg(stageName(*stage));
    }
    if (stage && toLeave && *stage == Stage::Retention) {
        return QStringLiteral("No deal leaves %1 forward; require it to enter %1 instead.").arg(stageName(*stage));
    }
    return {};
}

QString CustomFields::whyNot(const CustomField& field)
{
    for (const QString& why : {whyNotKey(field.key), whyNotName(field.name), whyNotChoices(field.type, field.choices),
                               whyNotNeeded(field.neededFrom, field.neededToLeave)}) {
        if (!why.isEmpty()) {
            return why;
        }
    }
    return {};
}

QStringList CustomFields::choicesFrom(const QString& stored)
{
    return stored.isEmpty() ? QStringList() : stored.split(QLatin1Char('\n'));
}

Result<QString> CustomFields::canonical(const CustomField& field, const QString& typed)
{
    const QString text = typed.trimmed();
    if (text.isEmpty()) {
        return QString();
    }
    if (const QString why = whyNotShortText(text, field.name, MaxValueLength); !why.isEmpty()) {
        return invalid(why);
    }
    switch (field.type) {
    case FieldType::Text:
        return text;
    case FieldType::Number:
        return canonicalNumber(field, text);
    case FieldType::Money:
        return canonicalMoney(field, text);
    case FieldType::Date:
        return canonicalDate(field, text);
    case FieldType::Choice:
        return canonicalChoice(field, text);
    case FieldType::YesNo:
        return canonicalYesNo(field, text);
    }
    return text;
}

QString CustomFields::shown(const CustomField& field, const QString& stored)
{
    if (stored.isEmpty()) {
        return {};
    }
    switch (field.type) {
    case FieldType::Money: {
        const QStringList parts = stored.split(QLatin1Char(' '));
        if (parts.size() == 2) {
            return formatForPeople(Money {parts[0].toLongLong(), parts[1]});
        }
        break;
    }
    case FieldType::YesNo:
        return stored == u"yes" ? QStringLiteral("Yes") : QStringLiteral("No");
    default:
        break;
    }
    return TextRules::shown(stored);
}

QString CustomFields::written(const CustomField& field, const QString& stored)
{
    if (field.type == FieldType::Money) {
        const QStringList parts = stored.split(QLatin1Char(' '));
        if (parts.size() == 2) {
            return QStringLiteral("%1 %2").arg(formatDecimal(parts[0].toLongLong(), parts[1]), parts[1]);
        }
    }
    return stored;
}

QString CustomFields::example(const CustomField& field)
{
    switch (field.type) {
    case FieldType::Text:
        return QStringLiteral("a few words");
    case FieldType::Number:
        return QStringLiteral("a number such as 12 or -3.25 (no separators)");
    case FieldType::Money:
        return QStringLiteral("an amount and its currency, such as 1250.50 EUR");
    case FieldType::Date:
        return QStringLiteral("a date such as 2026-03-31");
    case FieldType::Choice:
        return QStringLiteral("one of: %1").arg(field.choices.join(QStringLiteral(", ")));
    case FieldType::YesNo:
        return QStringLiteral("yes or no");
    }
    return {};
}

void CustomFields::setFields(std::vector<CustomField> fields)
{
    m_fields = std::move(fields);
    std::stable_sort(m_fields.begin(), m_fields.end(), [](const CustomField& a, const CustomField& b) {
        return a.position != b.position ? a.position < b.position : a.id < b.id;
    });
}

std::optional<CustomField> CustomFields::byKey(QStringView key) const
{
    for (const CustomField& field : m_fields) {
        if (field.key == key) {
            return field;
        }
    }
    return std::nullopt;
}

std::optional<CustomField> CustomFields::byId(std::int64_t id) const
{
    for (const CustomField& field : m_fields) {
        if (field.id == id) {
            return field;
        }
    }
    return std::nullopt;
}

std::vector<CustomField> CustomFields::neededIn(Stage stage) const
{
    std::vector<CustomField> needed;
    std::copy_if(m_fields.begin(), m_fields.end(), std::back_inserter(needed),
                 [stage](const CustomField& field) { return field.neededIn(stage); });
    return needed;
}

std::vector<CustomField> CustomFields::onCards() const
{
    std::vector<CustomField> shown;
    for (const CustomField& field : m_fields) {
        if (field.onCard && shown.size() < std::size_t(MaxOnCard)) {
            shown.push_back(field);
        }
    }
    return shown;
}

CustomFields CustomFields::with(CustomField field) const
{
    std::vector<CustomField> fields = m_fields;
    if (field.id == 0) {
        field.position = fields.empty()
            ? 1
            : std::max_element(
                  fields.begin(), fields.end(),
                  [](const auto& a, const auto& b) {
                      return a.position < b.position;
                  })->position
                + 1;
        fields.push_back(std::move(field));
    } else {
        for (CustomField& each : fields) {
            if (each.id == field.id) {
                each = field;
            }
        }
    }
    CustomFields edited;
    edited.setFields(std::move(fields));
    return edited;
}

CustomFields CustomFields::without(std::int64_t id) const
{
    std::vector<CustomField> fields = m_fields;
    std::erase_if(fields, [id](const CustomField& field) { return field.id == id; });
    CustomFields edited;
    edited.setFields(std::move(fields));
    return edited;
}

QString fieldValueOf(const std::vector<FieldValue>& values, std::int64_t fieldId)
{
    const auto at = std::lower_bound(values.begin(), values.end(), fieldId,
                                     [](const FieldValue& value, std::int64_t id) { return value.fieldId < id; });
    return at != values.end() && at->fieldId == fieldId ? at->value : QString();
}

void setFieldValue(std::vector<FieldValue>& values, std::int64_t fieldId, const QString& value)
{
    auto at = std::lower_bound(values.begin(), values.end(), fieldId,
                               [](const FieldValue& each, std::int64_t id) { return each.fieldId < id; });
    const bool present = at != values.end() && at->fieldId == fieldId;
    if (value.isEmpty()) {
        if (present) {
            values.erase(at);
        }
    } else if (present) {
        at->value = value;
    } else {
        values.insert(at, FieldValue {fieldId, value});
    }
}

} // namespace dealboard
