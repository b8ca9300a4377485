// The details pane's side of the board window: what it reads for the
// selected deal, and its requests (an edit, a note, a link) carried out
// through the services and the undo stack.
#include "MainWindow.h"
#include "activities/ActivityFlow.h"
#include "board/BoardModel.h"
#include "board/DealListView.h"
#include "board/DealPane.h"
#include "board/EditConflict.h"
#include "board/StageColumn.h"
#include "board/StageColumnModel.h"
#include "common/ShownText.h"
#include "contacts/ContactsView.h"
#include "dealboard/TextRules.h"
#include "deals/DealActions.h"
#include "undo/NoteCommand.h"

#include <QAction>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>
#include <QUrl>

namespace dealboard::gui {

void MainWindow::buildDetails()
{
    m_details = new DealPane;
    m_details->hide();
    connect(m_showDetails, &QAction::toggled, this, [this](bool shown) {
        m_details->setVisible(shown);
        if (shown) {
            updateDetails();
        }
    });
    connect(m_details, &DealPane::editRequested, this,
            [this](DealId id, const DealFields& fields, std::int64_t version) {
                std::optional<Error> refused = m_dealActions->applyEdit(id, fields, version);
                if (refused && refused->code == ErrorCode::StaleVersion && !m_rereadingForEdit) {
                    // Changed since the pane last read it: read it again and
                    // let the pane compare what the rep typed with what changed
                    // (a conflict the rep resolves, or a save over untouched facts).
                    m_rereadingForEdit = true;
                    m_details->editWasStale();
                    m_board->refreshFromDatabase();
                    updateDetails();
                    m_details->commitTyped();
                    m_rereadingForEdit = false;
                    return;
                }
                if (refused && refused->code == ErrorCode::NotFound) {
                    // Deleted elsewhere before the board heard of it: the
                    // typed text goes back in its field, and the pane says
                    // it was not saved once the board has read the deletion.
                    m_details->editWasStale();
                    m_board->refreshFromDatabase();
                    updateDetails();
                    return;
                }
                if (refused) {
                    m_details->showProblem(refused->message);
                    report(*refused);
                    updateDetails();
                }
            });
    connect(m_details, &DealPane::noteRequested, this, [this](DealId id, const QString& text) {
        Result<Note> added = DealCommand::push(*m_undo, NoteCommand::adding(m_service, m_hooks->report, id, text));
        if (!added) {
            m_details->showProblem(added.error().message);
            report(added.error());
            return;
        }
        m_details->noteEdit()->clear();
        notify(QStringLiteral("Added a note to %1.").arg(quotedText(added.value().dealTitle)));
    });
    connect(m_details, &DealPane::linkActivated, this, &MainWindow::followDetailsLink);
    connect(m_details, &DealPane::choiceMade, this, [this] {
        const DealId held = m_details->dealId();
        updateDetails();
        if (m_details->dealId() != held) {
            Q_EMIT m_details->backToBoard(); // on to the card clicked meanwhile
        }
    });
    connect(m_details, &DealPane::backToBoard, this, [this] {
        if (m_selected) {
            if (const Deal* deal = m_board->deal(*m_selected)) {
                column(deal->stage)->view()->setFocus(Qt::OtherFocusReason);
                return;
            }
        }
        m_columns.front()->view()->setFocus(Qt::OtherFocusReason);
    });
    connect(&m_service, &Pipeline::notesChanged, this, [this](DealId id) {
        if (m_selected == id) {
            updateDetails();
        }
    });
    connect(&m_service, &Pipeline::activitiesChanged, this, [this](DealId id) {
        if (m_selected == id) {
            updateDetails();
        }
    });
    connect(&m_service, &Pipeline::externalChange, this, &MainWindow::updateDetails);
    // A refused drop's note speaks of the deals as they were: any later
    // change of a deal, or an undo, may have made it untrue.
    connect(&m_service, &Pipeline::dealChanged, this, &MainWindow::hideRefusals);
    connect(&m_service, &Pipeline::dealRemoved, this, &MainWindow::hideRefusals);
    connect(&m_service, &Pipeline::dealsReset, this, &MainWindow::hideRefusals);
}

void MainWindow::openDetails(DealId id)
{
    if (m_selected != id) {
        selectDeal(id);
    }
    m_showDetails->setChecked(true);
    updateDetails();
    m_details->focusFirstField();
}

void MainWindow::updateDetails()
{
    if (m_details == nullptr || !m_details->isVisible()) {
        return; // read when shown
    }
    if (const DealId shown = m_details->dealId(); shown > 0 && m_board->deal(shown) == nullptr) {
        const Result<Deal> stored = m_service.deals().get(shown);
        m_details->dealGone(!stored && stored.error().code == ErrorCode::NotFound);
    } else if (const Deal* deal = shown > 0 ? m_board->deal(shown) : nullptr;
               deal != nullptr && shown != m_selected && m_board->column(deal->stage)->rowOf(shown) < 0) {
        m_details->dealHidden(deal->title); // what the rep typed in it is said, not dropped
    }
    DealStory story;
    // A choice the rep has not made yet keeps the pane on its deal.
    const DealId held = m_details->heldDeal();
    story.deal = held > 0 ? m_board->deal(held) : m_selected ? m_board->deal(*m_selected) : nullptr;
    story.probabilities = m_board->probabilities();
    QString whyNot;
    if (const Deal* deal = story.deal) {
        story.origin = deal->originDealId > 0 ? m_board->deal(deal->originDealId) : nullptr;
        story.followUps = m_board->followUpsOf(deal->id);
        ActivityFilter ofDeal;
        ofDeal.dealId = deal->id;
        Result<std::vector<HistoryEntry>> history = m_service.deals().history(deal->id);
        Result<std::vector<Activity>> activities = m_service.activities().list(ofDeal);
        Result<std::vector<Note>> notes = m_service.notes().list(deal->id);
        ChangeQuery ofThisDeal;
        ofThisDeal.deal = deal->id;
        Result<std::vector<ChangeEntry>> changes = m_service.reads().changes(ofThisDeal);
        if (!history || !activities || !notes || !changes) {
            report(!history          ? history.error()
                       : !activities ? activities.error()
                       : !notes      ? notes.error()
                                     : changes.error());
        } else {
            story.history = std::move(history.value());
            story.activities = std::move(activities.value());
            story.notes = std::move(notes.value());
            story.changes = std::move(changes.value());
        }
        whyNot = shownText(m_service.reads().team().whyNotChange(deal->owner, quotedText(deal->title)));
    }
    m_details->showStory(story, m_service.now(), m_board->owners(), whyNot);
    const Deal* selected = m_selected ? m_board->deal(*m_selected) : nullptr;
    m_details->conflict()->setNext(
        held > 0 && selected != nullptr && selected->id != held ? TextRules::shown(selected->title) : QString());
}

void MainWindow::followDetailsLink(const QUrl& link)
{
    const std::int64_t id = link.path().toLongLong();
    const QString kind = link.scheme();
    if (id <= 0) {
        return;
    }
    if (kind == DetailsLink::Deal) {
        if (m_board->deal(id) == nullptr) {
            statusBar()->showMessage(
                QStringLiteral("Deal %1 is not on the board (a filter hides it, or it was deleted).").arg(id), 8000);
            return;
        }
        selectDeal(id);
        return;
    }
    if (kind == DetailsLink::Plan) {
        planActivity();
        return;
    }
    if (kind == DetailsLink::Organization || kind == DetailsLink::Person) {
        ContactsView* view = kind == DetailsLink::Organization ? m_organizations : m_people;
        m_tabs->setCurrentWidget(view);
        view->openForm(id);
        return;
    }
    if (kind == DetailsLink::DeleteNote) {
        Result<Note> removed = DealCommand::push(*m_undo, NoteCommand::deleting(m_service, m_hooks->report, id));
        if (!removed) {
            report(removed.error());
            return;
        }
        notify(QStringLiteral("Deleted a note of %1. Undo (Ctrl+Z) brings it back.")
                   .arg(quotedText(removed.value().dealTitle)));
        return;
    }
    Result<Activity> activity = m_service.activities().get(id);
    if (!activity) {
        report(activity.error());
        return;
    }
    if (kind == DetailsLink::Complete) {
        if (ActivityFlow::complete(this, m_service, activity.value())) {
            notify(QStringLiteral("Done: %1.").arg(shownText(activity.value().subject)));
        }
    } else if (kind == DetailsLink::Reschedule) {
        if (ActivityFlow::reschedule(this, m_service, activity.value())) {
            notify(QStringLiteral("Rescheduled %1.").arg(quotedText(activity.value().subject)));
        }
    }
}

} // namespace dealboard::gui
