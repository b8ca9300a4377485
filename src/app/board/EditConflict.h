#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace dealboard::gui {

// Said in the details pane when a fact the rep was typing was changed by
// someone else meanwhile: the rep's text next to the other change, with who
// made it, and the rep's choice between the two. Nothing is saved until the
// rep chooses.
class EditConflict final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditConflict)

public:
    explicit EditConflict(QWidget* parent = nullptr);

    // `deal` is the deal's title; `fact` names the field ("Value"); `mine` and `theirs` as they read;
    // `who` says who changed it and when ("anna, 2 Mar 2026, 09:14"), empty
    // when the change log does not say.
    void showConflict(const QString& deal, const QString& fact, const QString& mine, const QString& theirs,
                      const QString& who);
    QString text() const;
    // While the choice keeps the pane on its deal, the deal the rep selected
    // meanwhile (its title), which the pane goes on to once the rep chooses;
    // empty when it is the same deal.
    void setNext(const QString& title);
    QPushButton* keepMineButton() const { return m_keepMine; }
    QPushButton* takeTheirsButton() const { return m_takeTheirs; }

Q_SIGNALS:
    void keepMine();
    void takeTheirs();

private:
    void render();

    QString m_said; // the choice, as shown
    QString m_next;
    QLabel* m_text;
    QPushButton* m_keepMine;
    QPushButton* m_takeTheirs;
};

} // namespace dealboard::gui
