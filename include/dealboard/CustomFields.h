#pragma once

// Custom fields on deals: facts a manager adds to the fixed ones ("Lead
// source", "Seats", "Renewal date"), each typed, with a stable key that
// scripts and CSV columns use ("field:source") and a name people read.
//
// A value is stored as text in one canonical form per type, the same on a
// file and on a server (whose guard checks it with the same rules):
//   text    the words, trimmed, within the text rules, at most 200 characters
//   number  "-1250.5": an optional minus, up to 15 digits, up to 4 decimals,
//           no leading zeros, no trailing decimal zeros (never a float)
//   money   "125050 EUR": integer minor units, a space, an ISO 4217 code
//   date    "2026-03-31"
//   choice  one of the field's choices, spelled as the field spells it
//   yesno   "yes" or "no"
// An empty value is no value. A field can be needed from a point of the
// pipeline on (to enter or to leave a stage), like the fixed facts of
// StageRules: from there on it is needed in every later stage.
//
// A removed field is kept, hidden, with its values, so that an undo brings
// both back and the change log keeps them; its key is free for a new field.
#include "dealboard/Result.h"
#include "dealboard/Stage.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <vector>

namespace dealboard {

enum class FieldType { Text, Number, Money, Date, Choice, YesNo };

QString fieldTypeSlug(FieldType type); // "text", "number", "money", "date", "choice", "yesno"
std::optional<FieldType> fieldTypeFromSlug(QStringView slug);
QStringList fieldTypeSlugs();

struct CustomField
{
    std::int64_t id = 0;
    QString key; // "source": lower-case letters, digits and '_', from a letter
    QString name; // "Lead source"
    FieldType type = FieldType::Text;
    QStringList choices; // the choice type's list, in its order
    int position = 0; // sorts the fields; not shown
    bool onCard = false; // shown on the board's cards (at most two fields)
    // Needed from this stage on (entering it, or leaving it forward); none:
    // needed nowhere.
    std::optional<Stage> neededFrom;
    bool neededToLeave = false;

    friend bool operator==(const CustomField&, const CustomField&) = default;
    // Whether a deal in `stage` needs a value.
    bool neededIn(Stage stage) const;
    // "to enter Negotiation", "to leave Contacting"; empty when needed nowhere.
    QString neededText() const;
};

// One deal's value of one field, in its canonical form (never empty).
struct FieldValue
{
    std::int64_t fieldId = 0;
    QString value;

    friend bool operator==(const FieldValue&, const FieldValue&) = default;
};

class CustomFields
{
public:
    static constexpr int MaxFields = 50;
    static constexpr int MaxOnCard = 2;
    static constexpr int MaxKeyLength = 40;
    static constexpr int MaxNameLength = 60;
    static constexpr int MaxChoices = 30;
    static constexpr int MaxValueLength = 200;

    // Why a field may not be defined so, for people; empty when it may.
    static QString whyNotKey(const QString& key);
    static QString whyNotName(const QString& name);
    static QString whyNotChoices(FieldType type, const QStringList& choices);
    static QString whyNotNeeded(std::optional<Stage> stage, bool toLeave);
    // All of the above for one field.
    static QString whyNot(const CustomField& field);
    // A choice field's list as stored (one choice a line; empty: none).
    static QStringList choicesFrom(const QString& stored);

    // The canonical form of what a person or a file typed for `field`
    // (see the top of this file); empty for an empty text. An InvalidInput
    // error names the field, what was wrong and how to write it.
    static Result<QString> canonical(const CustomField& field, const QString& typed);
    // A stored value as people read it: "1,250.50 EUR", "Yes".
    static QString shown(const CustomField& field, const QString& stored);
    // A stored value as files carry it (CSV, JSON): the stored form, but
    // money as "1250.50 EUR", which canonical() reads back.
    static QString written(const CustomField& field, const QString& stored);
    // How to write a value of `field`, for messages: "a date such as 2026-03-31".
    static QString example(const CustomField& field);

    // The live fields, by position.
    const std::vector<CustomField>& fields() const { return m_fields; }
    void setFields(std::vector<CustomField> fields);
    bool isEmpty() const { return m_fields.empty(); }

    std::optional<CustomField> byKey(QStringView key) const;
    std::optional<CustomField> byId(std::int64_t id) const;
    // The fields a deal in `stage` needs.
    std::vector<CustomField> neededIn(Stage stage) const;
    // The fields shown on cards, at most MaxOnCard, by position.
    std::vector<CustomField> onCards() const;

    // The fields with one edit, for ReportService::setCustomFields' `wanted`:
    // `field` in place of the one with its id, or (id 0) added last.
    CustomFields with(CustomField field) const;
    CustomFields without(std::int64_t id) const;

    friend bool operator==(const CustomFields&, const CustomFields&) = default;

private:
    std::vector<CustomField> m_fields;
};

// The value of `fieldId` among a deal's sorted `values`; empty when none.
QString fieldValueOf(const std::vector<FieldValue>& values, std::int64_t fieldId);
// Sets (or, with an empty value, clears) one value, keeping `values` sorted.
void setFieldValue(std::vector<FieldValue>& values, std::int64_t fieldId, const QString& value);

} // namespace dealboard
