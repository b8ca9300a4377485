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
    const QStringList changed = changedSince(from, current.value());
    if (!changed.isEmpty()) {
        return makeError(ErrorCode::StaleVersion,
                         QStringLiteral("Can't %1 the edit of '%2': its %3 changed since; nothing was changed.")
                             .arg(what, shownText(m_title), changed.join(QStringLiteral(", "))));
    }
    ActionOptions options = DealCommand::options();
    options.expectedVersion = current.value().version; // nothing changes between the look and the write
    return done(m_service.deals().edit(m_id, to, options));
}

} // namespace dealboard::gui
