#pragma once

#include "dealboard/Pipeline.h"

#include <QObject>

class QAction;
class QUndoStack;
class QUrl;

namespace dealboard::gui {

class BoardModel;
class DealActions;
class DealMenu;
class DealPane;
class MainWindow;
class StatusLine;

// The details pane's side of the board window: what it reads for the
// selected deal, and its requests (an edit, a note, a link) carried out
// through the services and the undo stack.
class DetailsSide final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailsSide)

public:
    // `showDetails`: View › Deal details panel, which shows and hides the pane.
    DetailsSide(MainWindow& window, Pipeline& service, DealActions& deals, DealMenu& dealMenu, QAction* showDetails,
                StatusLine& status, QString actor);

    DealPane* pane() const { return m_pane; }
    // Shows the deal in the pane (opening it) and puts the keyboard there.
    void open(DealId id);
    // Reads the selected deal (or the one a choice holds) again, when shown.
    void update();
    // Closing never drops without a word what the rep typed in the pane:
    // false when the rep goes back to it.
    bool letsClose();

private:
    void applyEdit(DealId id, const DealFields& fields, std::int64_t version);
    void addNote(DealId id, const QString& text);
    void followLink(const QUrl& link);
    // The deal's custom fields in a dialog; what the rep changed is one edit.
    void editFields(DealId id);
    void backToBoard();

    MainWindow& m_window;
    Pipeline& m_service;
    BoardModel& m_board;
    QUndoStack& m_undo;
    DealActions& m_deals;
    DealMenu& m_dealMenu;
    QAction* m_showDetails;
    StatusLine& m_status;
    QString m_actor;
    DealPane* m_pane;
    bool m_rereadingForEdit = false; // a stale edit of the pane is being compared again
};

} // namespace dealboard::gui
