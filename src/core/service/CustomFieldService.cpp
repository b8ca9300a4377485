// The custom fields (ReportService's part: a manager's definitions) and a
// deal's values of them (DealService's part).
#include "ServiceSupport.h"
#include "Write.h"
#include "dealboard/Pipeline.h"
#include "dealboard/service/DealService.h"
#include "dealboard/service/ReportService.h"

#include <spdlog/spdlog.h>

namespace dealboard {

using namespace service;

namespace {

Error fieldChangedMeanwhile(const CustomField& field)
{
    return makeError(ErrorCode::StaleVersion,
                     QStringLiteral("The field %1 (%2) was changed meanwhile; nothing was changed. Look at the "
                                    "fields as they are now and try again.")
                         .arg(field.name, field.key));
}

// Too many fields, or on cards, where `after` holds more than `before` (a
// pipeline over a limit may still lose some).
std::optional<Error> overfull(const CustomFields& after, const CustomFields& before)
{
    const auto onCards = [](const CustomFields& fields) {
        return std::count_if(fields.fields().begin(), fields.fields().end(),
                             [](const CustomField& field) { return field.onCard; });
    };
    if (after.fields().size() > std::size_t(CustomFields::MaxFields)
        && after.fields().size() > before.fields().size()) {
        return invalid(QStringLiteral("A pipeline holds at most %1 custom fields; remove one first.")
                           .arg(CustomFields::MaxFields));
    }
    if (onCards(after) > CustomFields::MaxOnCard && onCards(after) > onCards(before)) {
        return invalid(QStringLiteral("Cards show at most %1 custom fields; take one off the cards first.")
                           .arg(CustomFields::MaxOnCard));
    }
    return std::nullopt;
}

// Every field of `wanted` as it may be kept: its name trimmed, each within
// the rules, each live key once.
Result<CustomFields> checkedFields(const CustomFields& wanted, const CustomFields& expected)
{
    std::vector<CustomField> fields = wanted.fields();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        CustomField& field = fields[i];
        field.name = field.name.trimmed();
        if (const QString why = CustomFields::whyNot(field); !why.isEmpty()) {
            return invalid(why);
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (fields[j].key == field.key) {
                return invalid(
                    QStringLiteral("There is already a field with the key %1; choose another key.").arg(field.key));
            }
            if (fields[j].name.compare(field.name, Qt::CaseInsensitive) == 0) {
                return invalid(QStringLiteral("There is already a field called %1; give this one another name, so "
                                              "that messages and forms tell them apart.")
                                   .arg(field.name));
            }
        }
        if (const std::optional<CustomField> before = expected.byId(field.id)) {
            if (before->key != field.key || before->type != field.type || before->choices != field.choices) {
                return invalid(QStringLiteral("A field's key, type and choices are fixed once it exists; add a new "
                                              "field instead of changing %1.")
                                   .arg(before->key));
            }
        }
    }
    CustomFields checked;
    checked.setFields(std::move(fields));
    if (std::optional<Error> full = overfull(checked, expected)) {
        return *full;
    }
    return checked;
}

} // namespace

Result<CustomFields> ReportService::customFields()
{
    return m_store.reports().customFields();
}

Result<CustomFields> ReportService::setCustomFields(const CustomFields& wantedFields, const CustomFields& expected,
                                                    std::vector<std::int64_t>* added)
{
    if (std::optional<Error> refused = managersOnly(m_store, QStringLiteral("the custom fields"))) {
        return *refused;
    }
    Result<CustomFields> checked = checkedFields(wantedFields, expected);
    if (!checked) {
        return checked.error();
    }
    const CustomFields& wanted = checked.value();
    bool changed = false;
    Result<CustomFields> outcome = write(m_store, [&]() -> Result<CustomFields> {
        if (Result<void> held = m_store.reports().lockForChange(QStringLiteral("custom_fields")); !held) {
            return held.error();
        }
        Result<CustomFields> stored = m_store.reports().customFields();
        if (!stored) {
            return stored.error();
        }
        for (const CustomField& field : expected.fields()) {
            if (wanted.byId(field.id)) {
                continue;
            }
            if (stored.value().byId(field.id) != field) {
                return fieldChangedMeanwhile(field);
            }
            if (Result<void> done = m_store.reports().saveCustomField(field, true); !done) {
                return done.error();
            }
            spdlog::info("Custom field {} '{}' removed", field.id, text(field.key));
            changed = true;
        }
        // A key a live field holds (one committed meanwhile included).
        const auto taken = [&stored](const CustomField& field) {
            const std::optional<CustomField> holder = stored.value().byKey(field.key);
            return holder && holder->id != field.id;
        };
        for (const CustomField& field : wanted.fields()) {
            if (field.id != 0 && expected.byId(field.id) == field) {
                continue;
            }
            if (taken(field) && !expected.byId(stored.value().byKey(field.key)->id)) {
                return invalid(
                    QStringLiteral("There is already a field with the key %1; choose another key.").arg(field.key));
            }
            if (field.id == 0) {
                Result<std::int64_t> id = m_store.reports().addCustomField(field);
                if (!id) {
                    return id.error();
                }
                if (added != nullptr) {
                    added->push_back(id.value());
                }
                spdlog::info("Custom field {} '{}' added", id.value(), text(field.key));
                changed = true;
                continue;
            }
            if (const std::optional<CustomField> before = expected.byId(field.id)) {
                if (stored.value().byId(field.id) != *before) {
                    return fieldChangedMeanwhile(*before);
                }
            } else {
                // Not expected: one removed before, brought back (an undo).
                Result<std::optional<CustomField>> removed = m_store.reports().removedCustomField(field.id);
                if (!removed) {
                    return removed.error();
                }
                if (!removed.value() || removed.value()->key != field.key || removed.value()->type != field.type
                    || removed.value()->choices != field.choices) {
                    return fieldChangedMeanwhile(field);
                }
            }
            if (Result<void> done = m_store.reports().saveCustomField(field); !done) {
                return done.error();
            }
            spdlog::info("Custom field {} '{}' set", field.id, text(field.key));
            changed = true;
        }
        Result<CustomFields> after = m_store.reports().customFields();
        if (after) {
            if (std::optional<Error> full = overfull(after.value(), stored.value())) {
                return *full;
            }
        }
        return after;
    });
    if (outcome && changed) {
        Q_EMIT m_pipeline.stageRulesChanged();
    }
    return outcome;
}

Result<std::vector<ReportService::FieldSegment>> ReportService::reportByField(const ReportFilter& filter,
                                                                              const QString& key)
{
    Result<CustomFields> fields = customFields();
    if (!fields) {
        return fields.error();
    }
    const std::optional<CustomField> field = fields.value().byKey(key);
    if (!field) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("There is no custom field '%1'; see: field list.").arg(key));
    }
    QStringList values;
    if (field->type == FieldType::Choice) {
        values = field->choices;
    } else if (field->type == FieldType::YesNo) {
        values = {QStringLiteral("yes"), QStringLiteral("no")};
    } else {
        return invalid(QStringLiteral("A report by field splits the deals by a choice or a yes/no field; %1 is a %2 "
                                      "field.")
                           .arg(field->name, fieldTypeSlug(field->type)));
    }
    values << QString();
    std::vector<FieldSegment> segments;
    for (const QString& value : values) {
        ReportFilter segment = filter;
        segment.fieldId = field->id;
        segment.fieldValue = value;
        Result<PipelineReport> read = report(segment);
        if (!read) {
            return read.error();
        }
        segments.push_back({value, std::move(read.value())});
    }
    return segments;
}

Result<void> DealService::applyFieldEdits(Deal& deal, const DealFields& fields, const StageRules& rules) const
{
    if (fields.fieldValues) {
        // Stored values put back whole: each of a live field, in its form.
        for (const FieldValue& value : *fields.fieldValues) {
            const std::optional<CustomField> field = rules.fields().byId(value.fieldId);
            if (!field) {
                return invalid(QStringLiteral("A custom field of the deal was removed meanwhile; nothing was "
                                              "changed."));
            }
            Result<QString> stored = CustomFields::canonical(*field, CustomFields::written(*field, value.value));
            if (!stored || stored.value() != value.value || value.value.isEmpty()) {
                return invalid(
                    QStringLiteral("'%1' is not a value of %2; nothing was changed.").arg(value.value, field->name));
            }
        }
        deal.fieldValues = *fields.fieldValues;
        std::sort(deal.fieldValues.begin(), deal.fieldValues.end(),
                  [](const FieldValue& a, const FieldValue& b) { return a.fieldId < b.fieldId; });
    }
    for (const auto& [key, typed] : fields.setFields) {
        const std::optional<CustomField> field = rules.fields().byKey(key);
        if (!field) {
            QStringList keys;
            for (const CustomField& each : rules.fields().fields()) {
                keys << each.key;
            }
            return invalid(keys.isEmpty()
                               ? QStringLiteral("There is no custom field '%1'; this pipeline has none yet.").arg(key)
                               : QStringLiteral("There is no custom field '%1'; the fields are: %2.")
                                     .arg(key, keys.join(QStringLiteral(", "))));
        }
        Result<QString> value = CustomFields::canonical(*field, typed);
        if (!value) {
            return value.error();
        }
        setFieldValue(deal.fieldValues, field->id, value.value());
    }
    return {};
}

Result<std::vector<std::pair<DealId, FieldValue>>> DealService::fieldValuesOf(std::int64_t fieldId)
{
    return m_store.deals().valuesOf(fieldId);
}

Result<void> DealService::saveFieldValues(const Deal& before, const Deal& after)
{
    const QDateTime now = m_pipeline.now();
    for (const FieldValue& value : after.fieldValues) {
        if (fieldValueOf(before.fieldValues, value.fieldId) != value.value) {
            if (Result<void> done = m_store.deals().setFieldValue(after.id, value.fieldId, value.value, now); !done) {
                return done;
            }
        }
    }
    for (const FieldValue& value : before.fieldValues) {
        if (fieldValueOf(after.fieldValues, value.fieldId).isEmpty()) {
            if (Result<void> done = m_store.deals().setFieldValue(after.id, value.fieldId, QString(), now); !done) {
                return done;
            }
        }
    }
    return {};
}

} // namespace dealboard
