#include "UndoCommands.h"

namespace dealboard::gui {

namespace {

template<typename T> Result<void> done(const Result<T>& result)
{
    if (!result) {
        return result.error();
    }
    return {};
}

} // namespace

DealFields allFields(const Deal& deal)
{
    DealFields fields;
    fields.title = deal.title;
    fields.company = deal.company;
    fields.contactName = deal.contactName;
    fields.email = deal.email;
    fields.phone = deal.phone;
    fields.owner = deal.owner;
    fields.valueMinor = deal.value.minor;
    fields.currency = deal.value.currency;
    fields.expectedClose = deal.expectedClose;
    fields.willing = deal.qualification.willing;
    fields.need = deal.qualification.need;
    fields.budget = deal.qualification.budget;
    return fields;
}

namespace {
QString& actorName()
{
    static QString actor;
    return actor;
}
} // namespace

void DealCommand::setActor(const QString& actor)
{
    actorName() = actor;
}

ActionOptions DealCommand::options()
{
    return {std::nullopt, actorName()};
}

namespace {

// A deal's title as it reads in the Undo menu: short enough for the menu, and
// an '&' shown as itself rather than as a shortcut marker.
QString menuTitle(const QString& title)
{
    QString shown = title.size() > 40 ? title.left(39) + QChar(0x2026) : title;
    return shown.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

} // namespace

DealCommand::DealCommand(Pipeline& service, ReportError report, const QString& text)
    : QUndoCommand(text)
    , m_service(service)
    , m_report(std::move(report))
{
}

void DealCommand::undo()
{
    if (Result<void> result = undoAction(); !result) {
        m_report(result.error());
    }
}

void DealCommand::redo()
{
    if (m_done) {
        m_done = false; // done before it was pushed
        return;
    }
    if (Result<void> result = redoAction(); !result) {
        m_report(result.error());
    }
}

MoveDealCommand::MoveDealCommand(Pipeline& service, ReportError report, const Deal& before, Stage target,
                                 DealFields facts)
    : DealCommand(service, std::move(report),
                  QStringLiteral("Move '%1' to %2").arg(menuTitle(before.title), stageName(target)))
    , m_id(before.id)
    , m_from(before.stage)
    , m_to(target)
    , m_facts(std::move(facts))
{
}

Result<void> MoveDealCommand::undoAction()
{
    return done(m_service.deals().move(m_id, m_from, options()));
}

Result<void> MoveDealCommand::redoAction()
{
    return done(m_service.deals().move(m_id, m_to, options(), m_facts));
}

CreateDealCommand::CreateDealCommand(Pipeline& service, ReportError report, const Deal& created)
    : DealCommand(service, std::move(report), QStringLiteral("Create '%1'").arg(menuTitle(created.title)))
    , m_id(created.id)
{
}

Result<void> CreateDealCommand::undoAction()
{
    Result<DeletedDeal> removed = m_service.deals().remove(m_id, options());
    if (!removed) {
        return removed.error();
    }
    m_removed = std::move(removed.value());
    return {};
}

Result<void> CreateDealCommand::redoAction()
{
    if (!m_removed) {
        return {};
    }
    return done(m_service.deals().restore(*m_removed));
}

EditDealCommand::EditDealCommand(Pipeline& service, ReportError report, const Deal& before, const Deal& after)
    : DealCommand(service, std::move(report), QStringLiteral("Edit '%1'").arg(menuTitle(after.title)))
    , m_id(before.id)
    , m_before(allFields(before))
    , m_after(allFields(after))
{
}

Result<void> EditDealCommand::undoAction()
{
    return done(m_service.deals().edit(m_id, m_before, options()));
}

Result<void> EditDealCommand::redoAction()
{
    return done(m_service.deals().edit(m_id, m_after, options()));
}

LoseDealCommand::LoseDealCommand(Pipeline& service, ReportError report, const Deal& deal, const QString& reason)
    : DealCommand(service, std::move(report), QStringLiteral("Mark '%1' lost").arg(menuTitle(deal.title)))
    , m_id(deal.id)
    , m_reason(reason)
{
}

Result<void> LoseDealCommand::undoAction()
{
    return done(m_service.deals().reopen(m_id, options()));
}

Result<void> LoseDealCommand::redoAction()
{
    return done(m_service.deals().lose(m_id, m_reason, options()));
}

ReopenDealCommand::ReopenDealCommand(Pipeline& service, ReportError report, const Deal& lostDeal)
    : DealCommand(service, std::move(report), QStringLiteral("Reopen '%1'").arg(menuTitle(lostDeal.title)))
    , m_id(lostDeal.id)
    , m_reason(lostDeal.lostReason)
{
}

Result<void> ReopenDealCommand::undoAction()
{
    return done(m_service.deals().lose(m_id, m_reason, options()));
}

Result<void> ReopenDealCommand::redoAction()
{
    return done(m_service.deals().reopen(m_id, options()));
}

DeleteDealCommand::DeleteDealCommand(Pipeline& service, ReportError report, DeletedDeal deleted)
    : DealCommand(service, std::move(report), QStringLiteral("Delete '%1'").arg(menuTitle(deleted.deal.title)))
    , m_deleted(std::move(deleted))
{
}

Result<void> DeleteDealCommand::undoAction()
{
    return done(m_service.deals().restore(m_deleted));
}

Result<void> DeleteDealCommand::redoAction()
{
    Result<DeletedDeal> removed = m_service.deals().remove(m_deleted.deal.id, options());
    if (!removed) {
        return removed.error();
    }
    m_deleted = std::move(removed.value());
    return {};
}

} // namespace dealboard::gui
