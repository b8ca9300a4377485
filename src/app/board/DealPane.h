#pragma once

#include "board/DealDetails.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;
class QUrl;

namespace dealboard::gui {

class EditConflict;

// The details pane beside the board: the selected deal's facts, editable in
// place (each change is asked of the window, which edits through the service
// and the undo stack), what is planned, notes with a field to add one, and
// the stage timeline. It holds no rules: what it shows is what the service
// read, and a refusal is said in its own words under the facts.
class DealPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DealPane)

public:
    explicit DealPane(QWidget* parent = nullptr);

    // Shows the deal's story. A field the rep is typing in keeps its text
    // while the same deal is shown again; the others take what is stored.
    // `whyNot` (empty when the signed-in user may change the deal) disables
    // the fields and says why. Text stored with characters the text rules
    // forbid shows them written out ("<U+202E>"); it is saved back only when
    // the rep edits that field.
    void showStory(const DealStory& story, const QDateTime& now, const QStringList& owners, const QString& whyNot);
    // A refused edit or note, until the next change.
    void showProblem(const QString& text);
    DealId dealId() const { return m_dealId; }
    // The last edit asked was refused because the deal changed meanwhile:
    // the field gets back what the rep typed, to be compared, once the deal
    // is read again, with what changed (commitTyped).
    void editWasStale();
    void commitTyped();
    // The deal a choice between the rep's text and another change is about,
    // while it waits (0 otherwise): the pane stays on it until the rep
    // chooses, whichever card is clicked meanwhile, so the choice never
    // lands in another deal's field.
    DealId heldDeal() const { return m_conflictField != nullptr ? m_dealId : 0; }
    // The shown deal is gone from the board: `deleted` when it was deleted
    // elsewhere. What the rep typed and could not save is said with the
    // deal's title, to be copied, when the pane next shows another story.
    void dealGone(bool deleted);
    // The shown deal is hidden by the board's filters now (another process
    // changed it so; `title` as it is now): what the rep typed is said the
    // same way.
    void dealHidden(const QString& title);
    // Puts the keyboard in the pane (the title field, or the note field when
    // the deal can't be changed).
    void focusFirstField();
    // What closing the window would lose: facts typed and not saved, a note
    // typed and not added (empty when nothing); and the keyboard back to it.
    // Closing saves what is typed, as leaving the field does; what is left is
    // what closing would lose.
    void commitTypedFacts();
    QString unsavedOnClosing() const;
    void focusUnsaved();

    QLineEdit* titleEdit() const { return m_title; }
    QLineEdit* valueEdit() const { return m_value; }
    QLineEdit* currencyEdit() const { return m_currency; }
    QPlainTextEdit* noteEdit() const { return m_note; }
    QPushButton* addNoteButton() const { return m_addNote; }
    QTextBrowser* timeline() const { return m_timeline; }
    QLabel* problem() const { return m_problem; }
    EditConflict* conflict() const { return m_conflict; }

Q_SIGNALS:
    // `version`: the deal's version the pane showed, the only one the edit may change.
    void editRequested(dealboard::DealId id, const dealboard::DealFields& fields, std::int64_t version);
    void noteRequested(dealboard::DealId id, const QString& text);
    void linkActivated(const QUrl& link);
    void backToBoard();
    // The rep chose between theirs and the other change: the pane may go on
    // to the deal selected meanwhile.
    void choiceMade();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // What the field shows of the deal as stored.
    QString storedText(const QLineEdit* field) const;
    // The field's name as the form shows it, and its column in the change log.
    QString factName(const QLineEdit* field) const;
    QString columnOf(const QLineEdit* field) const;
    // Someone else changed what the field showed when the rep began typing.
    bool changedMeanwhile(const QLineEdit* field) const;
    void showConflict(QLineEdit* field);
    void resolveConflict(bool keepMine);
    // Before another deal is shown: what the rep typed and could not save is
    // said, never dropped without a word.
    QString unsavedInput() const;
    // What the rep means by the field's text: a written-out character kept
    // from the stored text stands for that character, text typed is taken as
    // typed (TextRules::unshown).
    QString meant(const QLineEdit* field) const;
    // The stored text of a text fact, as stored (not written out).
    const QString* storedFact(const QLineEdit* field) const;
    // Asks for the change the field holds, if it differs from the deal.
    void commit(QLineEdit* field);
    void commitQualification(std::optional<bool> DealFields::*fact, bool checked);
    void addNote();

    DealId m_dealId = 0;
    Deal m_shown;
    // What each field showed when the rep began typing in it.
    QHash<const QLineEdit*, QString> m_startedFrom;
    std::vector<ChangeEntry> m_changes; // the shown deal's change log
    QLineEdit* m_conflictField = nullptr;
    QString m_gone; // "was deleted elsewhere", when the shown deal went or is hidden
    QLineEdit* m_sentField = nullptr; // the last edit asked, with its text
    QString m_sentText;
    std::optional<bool> DealFields::*m_sentFact = nullptr; // or the last box clicked, with what it was set to
    bool m_sentChecked = false;
    QLabel* m_summary;
    QLineEdit* m_title;
    QLineEdit* m_company;
    QLineEdit* m_contact;
    QLineEdit* m_email;
    QLineEdit* m_phone;
    QLineEdit* m_owner;
    QLineEdit* m_value;
    QLineEdit* m_currency;
    QLineEdit* m_close;
    QCheckBox* m_willing;
    QCheckBox* m_need;
    QCheckBox* m_budget;
    QLabel* m_problem;
    EditConflict* m_conflict;
    QPlainTextEdit* m_note;
    QPushButton* m_addNote;
    QTextBrowser* m_timeline;
    QWidget* m_facts;
};

} // namespace dealboard::gui
