#include "undo/DealCommand.h"

#include "common/ShownText.h"

#include <utility>

namespace dealboard::gui {

namespace {

QString& actorName()
{
    static QString actor;
    return actor;
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
    fields.probabilityPercent = deal.probabilityPercent;
    fields.fieldValues = deal.fieldValues;
    return fields;
}

QString menuTitle(const QString& title)
{
    QString shown = shownText(title);
    if (shown.size() > 40) {
        // Never cut inside a written-out character ("<U+E0041>").
        qsizetype cut = 39;
        const qsizetype open = shown.lastIndexOf(QLatin1Char('<'), cut - 1);
        if (open >= 0 && shown.indexOf(QLatin1Char('>'), open) >= cut) {
            cut = open;
        }
        shown = shown.left(cut) + QChar(0x2026);
    }
    return shown.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

void DealCommand::setActor(const QString& actor)
{
    actorName() = actor;
}

ActionOptions DealCommand::options()
{
    return {std::nullopt, actorName()};
}

DealCommand::DealCommand(Pipeline& service, ReportError report, const QString& text)
    : m_service(service)
    , m_report(std::move(report))
{
    setMenuText(text);
}

void DealCommand::undo()
{
    if (std::exchange(m_skip, false)) {
        return;
    }
    Result<void> result = undoAction();
    m_refused = !result;
    if (!result) {
        m_report(result.error());
    }
}

void DealCommand::redo()
{
    if (std::exchange(m_skip, false)) {
        return;
    }
    switch (m_state) {
    case State::New: {
        // The action itself: a refusal goes back to whoever pushed it.
        const Result<bool> done = act();
        m_state = done && done.value() ? State::Done : State::Dropped;
        return;
    }
    case State::Done:
        m_state = State::Pushed; // QUndoStack::push's own call: the action is done
        return;
    case State::Dropped:
        return;
    case State::Pushed:
        break;
    }
    Result<void> result = redoAction();
    m_refused = !result;
    if (!result) {
        m_report(result.error());
    }
}

void DealCommand::setMenuText(const QString& text)
{
    setText(shownText(text)); // an owner's name as typed, say: never turning the menu
}

} // namespace dealboard::gui
