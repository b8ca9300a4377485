#include "undo/MergeContactsCommand.h"

#include "common/ShownText.h"
#include "dealboard/service/ContactService.h"

namespace dealboard::gui {

MergeContactsCommand::MergeContactsCommand(ContactService& contacts, ContactType type, std::int64_t keep,
                                           std::int64_t other, ReportError report)
    : m_contacts(contacts)
    , m_type(type)
    , m_keep(keep)
    , m_other(other)
    , m_report(std::move(report))
{
    setText(type == ContactType::Organization ? QStringLiteral("Merge organizations") : QStringLiteral("Merge people"));
}

Result<ContactMerge> MergeContactsCommand::push(QUndoStack& stack, std::unique_ptr<MergeContactsCommand> command)
{
    command->redo();
    Result<ContactMerge> outcome = command->outcome();
    if (outcome) {
        stack.push(command.release()); // its merge is done: push's call to redo() does nothing more
    }
    return outcome;
}

Result<void> MergeContactsCommand::merge()
{
    m_outcome = m_contacts.merge(m_type, m_keep, m_other);
    if (!m_outcome) {
        return m_outcome.error();
    }
    setText(QStringLiteral("Merge '%1' into '%2'")
                .arg(menuTitle(m_outcome.value().otherName), menuTitle(m_outcome.value().keepName)));
    return {};
}

void MergeContactsCommand::redo()
{
    if (m_outcome && !m_pushed) {
        m_pushed = true; // QUndoStack::push's own call: the merge is done
        return;
    }
    const Result<void> done = merge();
    m_refused = !done;
    if (!done && m_pushed && m_report) {
        m_report(done.error());
    }
}

void MergeContactsCommand::undo()
{
    const Result<void> done = m_outcome ? m_contacts.undoMerge(m_outcome.value().id) : Result<void>(m_outcome.error());
    m_refused = !done;
    if (!done && m_report) {
        m_report(done.error());
    }
}

} // namespace dealboard::gui
