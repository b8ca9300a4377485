#include "DetailsSide.h"

#include "DealMenu.h"
#include "MainWindow.h"
#include "StatusLine.h"
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
#include "deals/DealFieldsDialog.h"
#include "deals/FieldEditors.h"
#include "undo/DealCommand.h"
#include "undo/NoteCommand.h"
#include "undo/PlanCommands.h"

#include <QAction>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>

namespace dealboard::gui {

DetailsSide::DetailsSide(MainWindow& window, Pipeline& service, DealActions& deals, DealMenu& dealMenu,
                         QAction* showDetails, StatusLine& status, QString actor)
    : QObject(&window)
    , m_window(window)
    , m_service(service)
    , m_board(window.board())
    , m_undo(window.undoStack())
    , m_deals(deals)
    , m_dealMenu(dealMenu)
    , m_showDetails(showDetails)
    , m_status(status)
    , m_actor(std::move(actor))
    , m_pane(new DealPane)
{
    m_pane->hide();
    connect(m_showDetails, &QAction::toggled, this, [this](bool shown) {
        m_pane->setVisible(shown);
        if (shown) {
            update();
        }
    });
    connect(m_pane, &DealPane::editRequested, this, &DetailsSide::applyEdit);
    connect(m_pane, &DealPane::noteRequested, this, &DetailsSide::addNote);
    connect(m_pane, &DealPane::linkActivated, this, &DetailsSide::followLink);
    connect(m_pane, &DealPane::choiceMade, this, [this] {
        const DealId held = m_pane->dealId();
        update();
        if (m_pane->dealId() != held) {
            Q_EMIT m_pane->backToBoard(); // on to the card clicked meanwhile
        }
    });
    connect(m_pane, &DealPane::backToBoard, this, &DetailsSide::backToBoard);
    connect(&m_service, &Pipeline::notesChanged, this, [this](DealId id) {
        if (m_window.selectedDealId() == id) {
            update();
        }
    });
    connect(&m_service, &Pipeline::activitiesChanged, this, [this](DealId id) {
        if (m_window.selectedDealId() == id) {
            update();
        }
    });
    connect(&m_service, &Pipeline::planTicked, this, [this](DealId id) {
        if (m_window.selectedDealId() == id) {
            update();
        }
    });
    connect(&m_board, &BoardModel::stageRulesChanged, this, &DetailsSide::update); // the plans are read again
    connect(&m_service, &Pipeline::externalChange, this, &DetailsSide::update);
    // A refused drop's note speaks of the deals as they were: any later
    // change of a deal, or an undo, may have made it untrue.
    connect(&m_service, &Pipeline::dealChanged, &m_window, &MainWindow::hideRefusals);
    connect(&m_service, &Pipeline::dealRemoved, &m_window, &MainWindow::hideRefusals);
    connect(&m_service, &Pipeline::dealsReset, &m_window, &MainWindow::hideRefusals);
}

void DetailsSide::applyEdit(DealId id, const DealFields& fields, std::int64_t version)
{
    std::optional<Error> refused = m_deals.applyEdit(id, fields, version);
    if (refused && refused->code == ErrorCode::StaleVersion && !m_rereadingForEdit) {
        // Changed since the pane last read it: read it again and let the pane
        // compare what the rep typed with what changed (a conflict the rep
        // resolves, or a save over untouched facts).
        m_rereadingForEdit = true;
        m_pane->editWasStale();
        m_board.refreshFromDatabase();
        update();
        m_pane->commitTyped();
        m_rereadingForEdit = false;
        return;
    }
    if (refused && refused->code == ErrorCode::NotFound) {
        // Deleted elsewhere before the board heard of it: the typed text goes
        // back in its field, and the pane says it was not saved once the
        // board has read the deletion.
        m_pane->editWasStale();
        m_board.refreshFromDatabase();
        update();
        return;
    }
    if (refused) {
        m_pane->showProblem(refused->message);
        m_status.report(*refused);
        update();
    }
}

void DetailsSide::addNote(DealId id, const QString& text)
{
    StatusLine* status = &m_status;
    Result<Note> added
        = DealCommand::push(m_undo,
                            NoteCommand::adding(
                                m_service, [status](const Error& error) { status->report(error); }, id, text));
    if (!added) {
        m_pane->showProblem(added.error().message);
        m_status.report(added.error());
        return;
    }
    m_pane->noteEdit()->clear();
    m_status.notify(QStringLiteral("Added a note to %1.").arg(quotedText(added.value().dealTitle)));
}

void DetailsSide::backToBoard()
{
    if (const std::optional<DealId> selected = m_window.selectedDealId()) {
        if (const std::optional<Deal> deal = m_board.deal(*selected)) {
            m_window.column(deal->stage)->view()->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
    m_window.column(AllStages.front())->view()->setFocus(Qt::OtherFocusReason);
}

void DetailsSide::open(DealId id)
{
    if (m_window.selectedDealId() != id) {
        m_window.selectDeal(id);
    }
    m_showDetails->setChecked(true);
    update();
    m_pane->focusFirstField();
}

void DetailsSide::update()
{
    if (!m_pane->isVisible()) {
        return; // read when shown
    }
    const std::optional<DealId> selectedId = m_window.selectedDealId();
    if (const DealId shown = m_pane->dealId(); shown > 0 && !m_board.deal(shown)) {
        const Result<Deal> stored = m_service.deals().get(shown);
        m_pane->dealGone(!stored && stored.error().code == ErrorCode::NotFound);
    } else if (const std::optional<Deal> deal = shown > 0 ? m_board.deal(shown) : std::nullopt;
               deal && shown != selectedId && m_board.column(deal->stage)->rowOf(shown) < 0) {
        m_pane->dealHidden(deal->title); // what the rep typed in it is said, not dropped
    }
    DealStory story;
    // A choice the rep has not made yet keeps the pane on its deal.
    const DealId held = m_pane->heldDeal();
    // The story points at these for as long as the pane is being shown it.
    const std::optional<Deal> storyDeal = held > 0 ? m_board.deal(held)
        : selectedId                               ? m_board.deal(*selectedId)
                                                   : std::nullopt;
    std::optional<Deal> storyOrigin;
    // With its ticks and custom fields, which the board's deals leave out.
    std::optional<Deal> ticked = storyDeal;
    if (storyDeal) {
        if (Result<Deal> stored = m_service.deals().get(storyDeal->id); stored) {
            ticked->planTicks = std::move(stored.value().planTicks);
            ticked->fieldValues = std::move(stored.value().fieldValues);
        }
        story.plan = m_board.stageRules().plan();
        story.fields = m_board.stageRules().fields();
    }
    story.deal = ticked ? &*ticked : nullptr;
    story.probabilities = m_board.probabilities();
    QString whyNot;
    if (const Deal* deal = story.deal) {
        if (deal->originDealId > 0) {
            storyOrigin = m_board.deal(deal->originDealId);
        }
        story.origin = storyOrigin ? &*storyOrigin : nullptr;
        story.followUps = m_board.followUpsOf(deal->id);
        ActivityFilter ofDeal;
        ofDeal.dealId = deal->id;
        Result<std::vector<HistoryEntry>> history = m_service.deals().history(deal->id);
        Result<std::vector<Activity>> activities = m_service.activities().list(ofDeal);
        Result<std::vector<Note>> notes = m_service.notes().list(deal->id);
        ChangeQuery ofThisDeal;
        ofThisDeal.deal = deal->id;
        Result<std::vector<ChangeEntry>> changes = m_service.reads().changes(ofThisDeal);
        if (!history || !activities || !notes || !changes) {
            m_status.report(!history          ? history.error()
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
    m_pane->showStory(story, m_service.now(), m_board.owners(), whyNot);
    const std::optional<Deal> selected = selectedId ? m_board.deal(*selectedId) : std::nullopt;
    m_pane->conflict()->setNext(held > 0 && selected && selected->id != held ? TextRules::shown(selected->title)
                                                                             : QString());
}

void DetailsSide::editFields(DealId id)
{
    Result<Deal> stored = m_service.deals().get(id);
    if (!stored) {
        m_status.report(stored.error());
        return;
    }
    Deal seen = stored.value(); // the deal as the rep's values are meant for
    DealFieldsDialog dialog(
        seen, m_board.stageRules().fields(),
        [this, &seen](const std::vector<std::pair<QString, QString>>& changed) -> std::optional<QString> {
            DealFields edit;
            edit.setFields = changed;
            // A field removed elsewhere meanwhile is not saved, and said.
            QStringList gone;
            std::erase_if(edit.setFields, [this, &gone](const std::pair<QString, QString>& set) {
                const bool removed = !m_board.stageRules().fields().byKey(set.first);
                if (removed) {
                    gone << set.first;
                }
                return removed;
            });
            if (!gone.isEmpty()) {
                m_status.say(QStringLiteral("Not saved: the field %1 was removed meanwhile.")
                                 .arg(gone.join(QStringLiteral(", "))),
                             8000);
                if (edit.setFields.empty()) {
                    return std::nullopt;
                }
            }
            std::optional<Error> refused = m_deals.applyEdit(seen.id, edit, seen.version);
            if (refused && refused->code == ErrorCode::StaleVersion) {
                // Changed elsewhere meanwhile: saved over it when none of the
                // rep's fields changed; else theirs is said, and a second
                // Save puts the rep's over it knowingly.
                Result<Deal> now = m_service.deals().get(seen.id);
                if (!now) {
                    return now.error().message;
                }
                DealFields theirs = edit;
                const QStringList kept = keepTheirFields(theirs, seen, now.value(), m_board.stageRules().fields());
                seen = now.value();
                if (!kept.isEmpty()) {
                    return QStringLiteral("Changed elsewhere while you edited: %1. Nothing was saved; Save again "
                                          "to put yours over it, or Cancel to keep theirs.")
                        .arg(kept.join(QStringLiteral(", ")));
                }
                refused = m_deals.applyEdit(seen.id, edit, seen.version);
            }
            if (refused) {
                return refused->message;
            }
            return std::nullopt;
        },
        &m_window);
    dialog.exec();
    update();
}

void DetailsSide::followLink(const QUrl& link)
{
    const std::int64_t id = link.path().toLongLong();
    const QString kind = link.scheme();
    if (id <= 0) {
        return;
    }
    if (kind == DetailsLink::Deal) {
        if (!m_board.deal(id)) {
            m_status.say(QStringLiteral("Deal %1 is not on the board (a filter hides it, or it was deleted).").arg(id),
                         8000);
            return;
        }
        m_window.selectDeal(id);
        return;
    }
    if (kind == DetailsLink::Plan) {
        m_dealMenu.planActivity();
        return;
    }
    if (kind == DetailsLink::Fields) {
        editFields(id);
        return;
    }
    if (kind == DetailsLink::Organization || kind == DetailsLink::Person) {
        ContactsView* view = kind == DetailsLink::Organization ? m_window.organizations() : m_window.people();
        m_window.tabs()->setCurrentWidget(view);
        view->openForm(id);
        return;
    }
    if (kind == DetailsLink::Tick || kind == DetailsLink::Untick) {
        const std::optional<PlanStep> step = m_board.stageRules().plan().stepById(id);
        const DealId deal = m_pane->dealId();
        if (!step || deal <= 0) {
            m_status.say(QStringLiteral("That step is no longer in the plan; the pane shows the plan as it is now."),
                         8000);
            update();
            return;
        }
        StatusLine* status = &m_status;
        Result<bool> ticked = DealCommand::push(m_undo,
                                                std::make_unique<TickPlanStepCommand>(
                                                    m_service, [status](const Error& error) { status->report(error); },
                                                    deal, *step, kind == DetailsLink::Tick));
        if (!ticked) {
            m_pane->showProblem(ticked.error().message);
            m_status.report(ticked.error());
        }
        update();
        return;
    }
    if (kind == DetailsLink::DeleteNote) {
        StatusLine* status = &m_status;
        Result<Note> removed
            = DealCommand::push(m_undo,
                                NoteCommand::deleting(
                                    m_service, [status](const Error& error) { status->report(error); }, id));
        if (!removed) {
            m_status.report(removed.error());
            return;
        }
        m_status.notify(QStringLiteral("Deleted a note of %1. Undo (Ctrl+Z) brings it back.")
                            .arg(quotedText(removed.value().dealTitle)));
        return;
    }
    Result<Activity> activity = m_service.activities().get(id);
    if (!activity) {
        m_status.report(activity.error());
        return;
    }
    if (kind == DetailsLink::Complete) {
        if (ActivityFlow::complete(&m_window, m_service, activity.value())) {
            m_status.notify(QStringLiteral("Done: %1.").arg(shownText(activity.value().subject)));
        }
    } else if (kind == DetailsLink::Reschedule) {
        if (ActivityFlow::reschedule(&m_window, m_service, activity.value())) {
            m_status.notify(QStringLiteral("Rescheduled %1.").arg(quotedText(activity.value().subject)));
        }
    }
}

bool DetailsSide::letsClose()
{
    // A fact typed is saved, as leaving its field does; what can't be
    // (refused, or changed meanwhile) and a note not added are said: the rep
    // goes back to them, or closes knowing what is lost.
    m_pane->commitTypedFacts();
    const QString unsaved = m_pane->unsavedOnClosing();
    if (unsaved.isEmpty()) {
        return true;
    }
    QMessageBox box(QMessageBox::Warning, QStringLiteral("Close DealBoard?"),
                    unsaved
                        + QStringLiteral("\n\nGo back to save it (Enter in the field, Add note), or close "
                                         "without saving it."),
                    QMessageBox::NoButton, &m_window);
    box.setObjectName(QStringLiteral("unsavedOnClosing"));
    box.setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QPushButton* back = box.addButton(QStringLiteral("Back to the deal"), QMessageBox::RejectRole);
    box.addButton(QStringLiteral("Close without saving"), QMessageBox::DestructiveRole);
    box.setDefaultButton(back);
    box.setEscapeButton(back);
    box.exec();
    if (box.clickedButton() == back) {
        QTimer::singleShot(0, m_pane, &DealPane::focusUnsaved);
        return false;
    }
    return true;
}

} // namespace dealboard::gui
