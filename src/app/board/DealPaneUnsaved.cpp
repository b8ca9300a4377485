// The details pane's side of what the rep typed and could not save: a
// change made meanwhile to the fact being typed (Keep mine / Take theirs), a
// deal deleted or hidden elsewhere, and the window closing over typed input.
#include "board/DealPane.h"
#include "board/EditConflict.h"
#include "common/Numbers.h"
#include "dealboard/TextRules.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace dealboard::gui {

QString DealPane::unsavedInput() const
{
    if (m_dealId == 0) {
        return {};
    }
    QStringList typed;
    for (QLineEdit* field : {m_title, m_company, m_contact, m_email, m_phone, m_owner, m_value, m_currency, m_close}) {
        if (field->isModified() && field->text().trimmed() != storedText(field)) {
            typed << QStringLiteral("%1 '%2'").arg(factName(field), TextRules::shown(field->text().trimmed()));
        }
    }
    if (typed.isEmpty()) {
        return {};
    }
    if (!m_gone.isEmpty()) {
        return QStringLiteral("'%1' %2, so what you typed was not saved: %3.")
            .arg(TextRules::shown(m_shown.title), m_gone, typed.join(QStringLiteral(", ")));
    }
    const QString why = !m_conflict->isHidden() ? QStringLiteral("It was changed by someone else meanwhile.")
        : m_problem->isHidden()                 ? QString()
                                                : m_problem->text();
    return QStringLiteral("Not saved for '%1': %2. %3")
        .arg(TextRules::shown(m_shown.title), typed.join(QStringLiteral(", ")), why)
        .trimmed();
}

void DealPane::commitTypedFacts()
{
    for (QLineEdit* field : {m_title, m_company, m_contact, m_email, m_phone, m_owner, m_value, m_currency, m_close}) {
        if (m_conflictField == nullptr) {
            commit(field);
        }
    }
}

QString DealPane::unsavedOnClosing() const
{
    QStringList unsaved;
    if (const QString typed = unsavedInput(); !typed.isEmpty()) {
        unsaved << typed;
    }
    const QString note = m_note->toPlainText().trimmed();
    if (m_dealId != 0 && !note.isEmpty()) {
        constexpr qsizetype Shown = 200;
        unsaved << QStringLiteral("A note for '%1' is typed and not added: '%2'.")
                       .arg(TextRules::shown(m_shown.title),
                            TextRules::shown(note.size() > Shown ? note.left(Shown) + QStringLiteral("…") : note));
    }
    return unsaved.join(QLatin1Char('\n'));
}

void DealPane::focusUnsaved()
{
    for (QLineEdit* field : {m_title, m_company, m_contact, m_email, m_phone, m_owner, m_value, m_currency, m_close}) {
        if (field->isModified() && field->text().trimmed() != storedText(field)) {
            field->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
    if (!m_note->toPlainText().trimmed().isEmpty()) {
        m_note->setFocus(Qt::OtherFocusReason);
    }
}

void DealPane::dealGone(bool deleted)
{
    if (m_dealId == 0) {
        return;
    }
    m_gone = deleted ? QStringLiteral("was deleted elsewhere") : QStringLiteral("is no longer on the board");
    m_conflictField = nullptr; // nothing left to choose over
    m_conflict->hide();
}

void DealPane::dealHidden(const QString& title)
{
    if (m_dealId == 0) {
        return;
    }
    m_gone = QStringLiteral("is hidden by the board's filters now");
    if (title != m_shown.title) {
        m_gone.prepend(QStringLiteral("(now '%1') ").arg(TextRules::shown(title)));
    }
    m_conflictField = nullptr;
    m_conflict->hide();
}

bool DealPane::changedMeanwhile(const QLineEdit* field) const
{
    const auto started = m_startedFrom.constFind(field);
    return started != m_startedFrom.constEnd() && started.value() != storedText(field);
}

void DealPane::showConflict(QLineEdit* field)
{
    m_conflictField = field;
    QString theirs = storedText(field);
    if (field == m_value && !theirs.isEmpty()) {
        theirs += QLatin1Char(' ') + m_shown.value.currency;
    }
    QString mine = field->text().trimmed();
    if (field == m_value) {
        if (const Result<std::int64_t> typed = Numbers::parseAmount(mine, m_shown.value.currency)) {
            mine = Numbers::amount({typed.value(), m_shown.value.currency}); // as theirs reads
        }
    }
    m_conflict->showConflict(TextRules::shown(m_shown.title), factName(field), mine, theirs,
                             lastEditBy(m_changes, columnOf(field)));
}

void DealPane::resolveConflict(bool keepMine)
{
    QLineEdit* field = m_conflictField;
    m_conflictField = nullptr;
    m_conflict->hide();
    if (field == nullptr) {
        return;
    }
    // Either way the rep has now seen the other change: it is where mine starts from.
    const QString stored = storedText(field);
    m_startedFrom.insert(field, stored);
    if (keepMine) {
        field->setModified(true);
        commit(field);
    } else {
        field->setText(stored);
        field->setModified(false);
        field->setCursorPosition(0);
        showProblem({});
    }
    if (m_conflictField != nullptr) {
        return; // changed once more: a new choice about the same deal
    }
    // Another card clicked while the choice waited: the pane goes on to it,
    // and the keyboard with it to the board, never into that deal's field.
    const DealId about = m_dealId;
    Q_EMIT choiceMade();
    if (m_dealId == about) {
        field->setFocus(Qt::OtherFocusReason);
    }
}

void DealPane::editWasStale()
{
    if (m_sentField != nullptr) {
        m_sentField->setText(m_sentText);
        m_sentField->setModified(true);
    }
}

void DealPane::commitTyped()
{
    QLineEdit* field = m_sentField;
    m_sentField = nullptr;
    if (field != nullptr && field->isModified()) {
        commit(field);
    }
    // A box: yes or no has no third value, so asked again only when the
    // other change did not already make it what the rep clicked.
    const auto fact = std::exchange(m_sentFact, nullptr);
    if (fact != nullptr && m_dealId > 0) {
        Deal asked = m_shown;
        DealFields clicked;
        clicked.*fact = m_sentChecked;
        clicked.applyTo(asked);
        if (asked.qualification != m_shown.qualification) {
            commitQualification(fact, m_sentChecked); // over the version just read
        }
    }
}

} // namespace dealboard::gui
