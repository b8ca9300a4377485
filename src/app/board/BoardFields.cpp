// The board's custom fields: what the cards show of them, and the filter by
// one field's value. The board's deals are read without their fields; these
// are read per field (at most the two shown on cards, and the one filtered
// by), and kept in step from each deal the service hands back with its own.
#include "board/BoardModel.h"
#include "dealboard/TextRules.h"

#include <spdlog/spdlog.h>

namespace dealboard::gui {

namespace {

// "Web · 40" from the deal's values of the fields cards show, and the same
// with their names, "Lead source: Web, Seats: 40", for tooltips and screen
// readers; empty when it has none.
std::pair<QString, QString> cardText(const std::vector<CustomField>& shown, const std::vector<FieldValue>& values)
{
    QStringList parts;
    QStringList named;
    for (const CustomField& field : shown) {
        const QString value = fieldValueOf(values, field.id);
        if (!value.isEmpty()) {
            parts << CustomFields::shown(field, value);
            named << QStringLiteral("%1: %2").arg(TextRules::shown(field.name), parts.back());
        }
    }
    return {parts.join(QStringLiteral(" \u00b7 ")), named.join(QStringLiteral(", "))};
}

} // namespace

QString BoardModel::cardFieldsOf(DealId id, bool named) const
{
    const auto found = m_cardFields.find(id);
    if (found == m_cardFields.end()) {
        return {};
    }
    return named ? found->second.second : found->second.first;
}

void BoardModel::readCardFields()
{
    m_cardFields.clear();
    const std::vector<CustomField> shown = m_stageRules.fields().onCards();
    if (shown.empty()) {
        return;
    }
    std::unordered_map<DealId, std::vector<FieldValue>> values;
    for (const CustomField& field : shown) {
        Result<std::vector<std::pair<DealId, FieldValue>>> read = m_service.deals().fieldValuesOf(field.id);
        if (!read) {
            spdlog::warn("Couldn't read the values of the field {}: {}", field.key.toStdString(),
                         read.error().message.toStdString());
            continue;
        }
        for (auto& [deal, value] : read.value()) {
            values[deal].push_back(std::move(value));
        }
    }
    for (auto& [deal, dealValues] : values) {
        std::sort(dealValues.begin(), dealValues.end(),
                  [](const FieldValue& a, const FieldValue& b) { return a.fieldId < b.fieldId; });
        m_cardFields.emplace(deal, cardText(shown, dealValues));
    }
}

void BoardModel::refreshFieldFilter()
{
    m_filter.fieldDeals.clear();
    if (m_filter.fieldKey.isEmpty()) {
        return;
    }
    const std::optional<CustomField> field = m_stageRules.fields().byKey(m_filter.fieldKey);
    if (!field) {
        m_filter.fieldKey.clear(); // the field was removed: every deal again
        m_filter.fieldValue.clear();
        return;
    }
    Result<std::vector<std::pair<DealId, FieldValue>>> read = m_service.deals().fieldValuesOf(field->id);
    if (!read) {
        spdlog::warn("Couldn't read the values of the field {}: {}", field->key.toStdString(),
                     read.error().message.toStdString());
        return;
    }
    for (const auto& [deal, value] : read.value()) {
        if (m_filter.fieldValue.isEmpty() || value.value == m_filter.fieldValue) {
            m_filter.fieldDeals.insert(deal);
        }
    }
}

void BoardModel::noteFields(const Deal& deal)
{
    const std::vector<CustomField> shown = m_stageRules.fields().onCards();
    if (!shown.empty()) {
        std::pair<QString, QString> text = cardText(shown, deal.fieldValues);
        if (text.first.isEmpty()) {
            m_cardFields.erase(deal.id);
        } else {
            m_cardFields.insert_or_assign(deal.id, std::move(text));
        }
    }
    if (const std::optional<CustomField> field
        = m_filter.fieldKey.isEmpty() ? std::nullopt : m_stageRules.fields().byKey(m_filter.fieldKey)) {
        const QString value = fieldValueOf(deal.fieldValues, field->id);
        if (!value.isEmpty() && (m_filter.fieldValue.isEmpty() || value == m_filter.fieldValue)) {
            m_filter.fieldDeals.insert(deal.id);
        } else {
            m_filter.fieldDeals.erase(deal.id);
        }
    }
}

void BoardModel::setFieldFilter(const QString& key, const QString& value)
{
    if (key == m_filter.fieldKey && value == m_filter.fieldValue) {
        return;
    }
    m_filter.fieldKey = key;
    m_filter.fieldValue = key.isEmpty() ? QString() : value;
    refreshFieldFilter();
    refilterAll();
}

} // namespace dealboard::gui
