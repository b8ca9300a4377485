#include "undo/EditDealCommand.h"

#include "common/ShownText.h"

namespace dealboard::gui {

namespace {

// Calls `visit(member, name)` for each fact of DealFields, once, in one list.
template<typename Visit> void forEachFact(Visit visit)
{
    visit(&DealFields::title, "title");
    visit(&DealFields::company, "organization");
    visit(&DealFields::contactName, "contact");
    visit(&DealFields::email, "email");
    visit(&DealFields::phone, "phone");
    visit(&DealFields::owner, "owner");
    visit(&DealFields::valueMinor, "value");
    visit(&DealFields::currency, "currency");
    visit(&DealFields::expectedClose, "close date");
    visit(&DealFields::willing, "willingness to buy");
    visit(&DealFields::need, "proven need");
    visit(&DealFields::budget, "budget");
    visit(&DealFields::probabilityPercent, "probability");
    visit(&DealFields::fieldValues, "custom fields");
}

// The names of the facts set in `fields` that `deal` no longer holds.
QStringList changedSince(const DealFields& fields, const Deal& deal)
{
    const DealFields now = allFields(deal);
    QStringList changed;
    forEachFact([&](auto member, const char* name) {
        if ((fields.*member) && *(fields.*member) != *(now.*member)) {
            changed.append(QLatin1String(name));
        }
    });
    return changed;
}

// `fields` with only the facts that differ from `other`.
DealFields changedFrom(const DealFields& fields, const DealFields& other)
{
    DealFields changed;
    forEachFact([&](auto member, const char*) {
        if (fields.*member != other.*member) {
            changed.*member = fields.*member;
        }
    });
    return changed;
}

} // namespace

DealFields factsChangedFrom(const Deal& deal, const Deal& other)
{
    return changedFrom(allFields(deal), allFields(other));
}

bool setsAnyFact(const DealFields& fields)
{
    bool any = false;
    forEachFact([&](auto member, const char*) { any = any || (fields.*member).has_value(); });
    return any || !fields.setFields.empty();
}

Result<void> swapFacts(Pipeline& service, DealId id, const DealFields& from, const DealFields& to, const QString& cant)
{
    Result<Deal> current = service.deals().get(id);
    if (!current) {
        return current.error();
    }
    const QStringList changed = changedSince(from, current.value());
    if (!changed.isEmpty()) {
        return makeError(ErrorCode::StaleVersion,
                         QStringLiteral("%1: its %2 changed since; nothing was changed.")
                             .arg(cant, changed.join(QStringLiteral(", "))));
    }
    ActionOptions options = DealCommand::options();
    options.expectedVersion = current.value().version; // nothing changes between the look and the write
    return done(service.deals().edit(id, to, options));
}

EditDealCommand::EditDealCommand(Pipeline& service, ReportError report, const Deal& before, DealFields fields,
                                 std::int64_t version)
    : DealAction(service, std::move(report), QStringLiteral("Edit '%1'").arg(menuTitle(before.title)))
    , m_seen(before)
    , m_fields(std::move(fields))
    , m_version(version)
{
}

Result<Deal> EditDealCommand::action()
{
    ActionOptions edit = options();
    edit.expectedVersion = m_version;
    const bool setsFields = !m_fields.setFields.empty() || m_fields.fieldValues;
    if (setsFields) {
        // The board's deals are read without their custom fields: the values
        // the edit starts from, read at the version it expects.
        Result<Deal> stored = m_service.deals().get(m_seen.id);
        if (stored && stored.value().version == m_version) {
            m_seen.fieldValues = stored.value().fieldValues;
        }
    }
    Result<Deal> after = m_service.deals().edit(m_seen.id, m_fields, edit);
    if (after) {
        if (!setsFields) {
            m_seen.fieldValues = after.value().fieldValues; // untouched
        }
        setMenuText(QStringLiteral("Edit '%1'").arg(menuTitle(after.value().title)));
        m_title = after.value().title;
        m_before = factsChangedFrom(m_seen, after.value());
        m_after = factsChangedFrom(after.value(), m_seen);
    }
    return after;
}

Result<void> EditDealCommand::undoAction()
{
    return swapFacts(m_service, m_seen.id, m_after, m_before,
                     QStringLiteral("Can't undo the edit of '%1'").arg(shownText(m_title)));
}

Result<void> EditDealCommand::redoAction()
{
    return swapFacts(m_service, m_seen.id, m_before, m_after,
                     QStringLiteral("Can't redo the edit of '%1'").arg(shownText(m_title)));
}

} // namespace dealboard::gui
