#include "undo/EditDealCommand.h"

namespace dealboard::gui {

namespace {

// Each fact set in `fields`, its name, and whether `deal` holds it.
template<typename Visit> void eachFact(const DealFields& fields, const Deal& deal, Visit visit)
{
    const DealFields now = allFields(deal);
    auto one = [&](const auto& set, const auto& held, const char* name) {
        if (set) {
            visit(QLatin1String(name), *set == *held);
        }
    };
    one(fields.title, now.title, "title");
    one(fields.company, now.company, "organization");
    one(fields.contactName, now.contactName, "contact");
    one(fields.email, now.email, "email");
    one(fields.phone, now.phone, "phone");
    one(fields.owner, now.owner, "owner");
    one(fields.valueMinor, now.valueMinor, "value");
    one(fields.currency, now.currency, "currency");
    one(fields.expectedClose, now.expectedClose, "close date");
    one(fields.willing, now.willing, "willingness to buy");
    one(fields.need, now.need, "proven need");
    one(fields.budget, now.budget, "budget");
    one(fields.probabilityPercent, now.probabilityPercent, "probability");
}

// `fields` with only the facts that differ from `other`.
DealFields changedFrom(const DealFields& fields, const DealFields& other)
{
    DealFields changed;
    auto keep = [](auto& out, const auto& mine, const auto& theirs) {
        if (mine != theirs) {
            out = mine;
        }
    };
    keep(changed.title, fields.title, other.title);
    keep(changed.company, fields.company, other.company);
    keep(changed.contactName, fields.contactName, other.contactName);
    keep(changed.email, fields.email, other.email);
    keep(changed.phone, fields.phone, other.phone);
    keep(changed.owner, fields.owner, other.owner);
    keep(changed.valueMinor, fields.valueMinor, other.valueMinor);
    keep(changed.currency, fields.currency, other.currency);
    keep(changed.expectedClose, fields.expectedClose, other.expectedClose);
    keep(changed.willing, fields.willing, other.willing);
    keep(changed.need, fields.need, other.need);
    keep(changed.budget, fields.budget, other.budget);
    keep(changed.probabilityPercent, fields.probabilityPercent, other.probabilityPercent);
    return changed;
}

} // namespace

EditDealCommand::EditDealCommand(Pipeline& service, ReportError report, const Deal& before, const Deal& after)
    : DealCommand(service, std::move(report), QStringLiteral("Edit '%1'").arg(menuTitle(after.title)))
    , m_id(before.id)
    , m_title(after.title)
    , m_before(changedFrom(allFields(before), allFields(after)))
    , m_after(changedFrom(allFields(after), allFields(before)))
{
}

Result<void> EditDealCommand::undoAction()
{
    return swap(m_after, m_before, QStringLiteral("undo"));
}

Result<void> EditDealCommand::redoAction()
{
    return swap(m_before, m_after, QStringLiteral("redo"));
}

Result<void> EditDealCommand::swap(const DealFields& from, const DealFields& to, const QString& what)
{
    Result<Deal> current = m_service.deals().get(m_id);
    if (!current) {
        return current.error();
    }
    QStringList changedSince;
    eachFact(from, current.value(), [&changedSince](const QString& name, bool holds) {
        if (!holds) {
            changedSince.append(name);
        }
    });
    if (!changedSince.isEmpty()) {
        return makeError(ErrorCode::StaleVersion,
                         QStringLiteral("Can't %1 the edit of '%2': its %3 changed since; nothing was changed.")
                             .arg(what, m_title, changedSince.join(QStringLiteral(", "))));
    }
    ActionOptions options = DealCommand::options();
    options.expectedVersion = current.value().version; // nothing changes between the look and the write
    return done(m_service.deals().edit(m_id, to, options));
}

} // namespace dealboard::gui
