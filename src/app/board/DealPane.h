#pragma once

#include "board/DealDetails.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;
class QUrl;

namespace dealboard::gui {

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
    // while the same deal is shown again. `whyNot` (empty when the signed-in
    // user may change the deal) disables the fields and says why.
    void showStory(const DealStory& story, const QDateTime& now, const QStringList& owners, const QString& whyNot);
    // A refused edit or note, until the next change.
    void showProblem(const QString& text);
    DealId dealId() const { return m_dealId; }
    // Puts the keyboard in the pane (the title field, or the note field when
    // the deal can't be changed).
    void focusFirstField();

    QLineEdit* titleEdit() const { return m_title; }
    QLineEdit* valueEdit() const { return m_value; }
    QPlainTextEdit* noteEdit() const { return m_note; }
    QPushButton* addNoteButton() const { return m_addNote; }
    QTextBrowser* timeline() const { return m_timeline; }
    QLabel* problem() const { return m_problem; }

Q_SIGNALS:
    void editRequested(dealboard::DealId id, const dealboard::DealFields& fields);
    void noteRequested(dealboard::DealId id, const QString& text);
    void linkActivated(const QUrl& link);
    void backToBoard();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // What the field shows of the deal as stored.
    QString storedText(const QLineEdit* field) const;
    // Asks for the change the field holds, if it differs from the deal.
    void commit(QLineEdit* field);
    void commitQualification();
    void addNote();

    DealId m_dealId = 0;
    Deal m_shown;
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
    QPlainTextEdit* m_note;
    QPushButton* m_addNote;
    QTextBrowser* m_timeline;
    QWidget* m_facts;
};

} // namespace dealboard::gui
