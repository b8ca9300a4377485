#include "deals/DealActions.h"

#include "activities/TooSoon.h"
#include "board/BoardModel.h"
#include "board/DealDetails.h"
#include "common/ShownText.h"
#include "dealboard/TextRules.h"
#include "dealboard/TransitionEngine.h"
#include "deals/DealDialog.h"
#include "deals/FieldEditors.h"
#include "deals/FormChanges.h"
#include "deals/MissingFactsDialog.h"
#include "undo/UndoCommands.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QUndoStack>
#include <algorithm>

namespace dealboard::gui {

DealActions::DealActions(Pipeline& service, BoardModel& board, QUndoStack& undo, QWidget* parent, QString actor,
                         DealActionHooks hooks)
    : m_service(service)
    , m_board(board)
    , m_undo(undo)
    , m_parent(parent)
    , m_actor(std::move(actor))
    , m_hooks(std::move(hooks))
{
}

void DealActions::move(const QList<DealId>& ids, Stage target)
{
    if (ids.size() > 1) {
        moveSeveral(ids, target);
        return;
    }
    for (DealId id : ids) {
        const std::optional<Deal> shown = m_board.deal(id);
        if (!shown) {
            continue;
        }
        const Deal before = *shown;
        QString keptTheirs; // facts set elsewhere while the form was open
        Result<MoveOutcome> moved = pushMove(before, target, std::nullopt);
        if (!moved && moved.error().code == ErrorCode::RefusedByRules) {
            const std::vector<Requirement>& unmet = moved.error().unmet;
            // A refusal with no missing fact (a teammate's deal on a server)
            // has nothing to supply: it is said, not asked.
            const bool fixable = !unmet.empty() && std::all_of(unmet.begin(), unmet.end(), &isSuppliableFact);
            if (!fixable) {
                m_hooks.report(moved.error());
                m_hooks.refusedAt(target, moved.error().message);
                continue;
            }
            // The form shows the deal as refused; its facts go only over that.
            Result<Deal> asked = m_service.deals().get(id);
            if (!asked) {
                m_hooks.report(asked.error());
                continue;
            }
            if (!askMissingFacts(before, asked.value(), target, unmet, moved, keptTheirs)) {
                m_hooks.notify(
                    QStringLiteral("%1 stays in %2.").arg(quotedText(before.title), stageName(before.stage)));
                continue;
            }
        }
        if (!moved) {
            m_hooks.report(moved.error());
            continue;
        }
        if (!moved.value().changed) {
            continue;
        }
        const Deal& after = moved.value().deal;
        m_hooks.notify((after.status == DealStatus::Won
                            ? QStringLiteral("%1 is won.").arg(quotedText(after.title))
                            : QStringLiteral("Moved %1 to %2.").arg(quotedText(after.title), stageName(target)))
                       + keptTheirs);
        m_hooks.moved({id});
    }
}

Result<MoveOutcome> DealActions::pushMove(const Deal& shown, Stage target, std::optional<std::int64_t> version,
                                          DealFields facts)
{
    return DealCommand::push(
        m_undo, std::make_unique<MoveDealCommand>(m_service, m_hooks.report, shown, target, version, std::move(facts)));
}

bool DealActions::askMissingFacts(const Deal& shown, Deal asked, Stage target, std::vector<Requirement> unmet,
                                  Result<MoveOutcome>& moved, QString& keptTheirs)
{
    DealFields entered; // what the rep gave, kept when the form is asked again
    QString changed;
    for (;;) {
        MissingFactsDialog dialog(asked, target, unmet, m_service.now().toLocalTime().date(), m_parent,
                                  m_service.reports().stageRules());
        if (!changed.isEmpty()) {
            dialog.showChangedMeanwhile(changed, entered);
        }
        if (dialog.exec() != QDialog::Accepted) {
            return false;
        }
        entered = dialog.facts();
        keptTheirs.clear();
        moved = pushMove(shown, target, asked.version, entered);
        if (!moved && moved.error().code == ErrorCode::TooFrequent) {
            // The next activity comes too soon after another touch of the
            // person: the rep decides, as when planning one.
            if (askContactAnyway(m_parent, moved.error().message)) {
                entered.nextActivityAnyway = true;
                moved = pushMove(shown, target, asked.version, entered);
            } else {
                changed = QStringLiteral(
                              "Not saved: %1 Pick another day, or press Save and move again to be asked once more.")
                              .arg(moved.error().message);
                continue;
            }
        }
        if (!moved && moved.error().code == ErrorCode::InvalidInput) {
            // What the rep typed was refused (a control character, say): the
            // form again, with it and why, rather than lost.
            changed = QStringLiteral("Not saved: %1").arg(moved.error().message);
            continue;
        }
        if (!moved && moved.error().code == ErrorCode::RefusedByRules && !moved.error().unmet.empty()
            && std::all_of(moved.error().unmet.begin(), moved.error().unmet.end(), &isSuppliableFact)) {
            // A rule a manager set meanwhile asks for more: the form again,
            // with a field for it and what the rep gave.
            changed = QStringLiteral("Not saved: %1 What you gave is kept below.").arg(moved.error().message);
            for (const Requirement missing : moved.error().unmet) {
                if (std::find(unmet.begin(), unmet.end(), missing) == unmet.end()) {
                    unmet.push_back(missing);
                }
            }
            continue;
        }
        if (moved || moved.error().code != ErrorCode::StaleVersion) {
            return true;
        }
        moved = moveOverChanges(shown, asked, target, entered, keptTheirs);
        if (moved || moved.error().code != ErrorCode::RefusedByRules || moved.error().unmet.empty()
            || !std::all_of(moved.error().unmet.begin(), moved.error().unmet.end(), &isSuppliableFact)) {
            return true;
        }
        // Another change made the move impossible as the deal is now (willing
        // to buy set to no, say): the form again, with what the rep gave,
        // what changed and who changed it, for the rep to decide.
        Result<Deal> now = m_service.deals().get(asked.id);
        if (!now) {
            moved = now.error();
            return true;
        }
        const FormChanges::Clashes differences = FormChanges::differences(asked, now.value());
        ChangeQuery ofDeal;
        ofDeal.deal = asked.id;
        const Result<std::vector<ChangeEntry>> changes = m_service.reads().changes(ofDeal);
        const QString who = changes && !differences.firstColumn.isEmpty()
            ? lastEditBy(changes.value(), differences.firstColumn)
            : QString();
        changed = QStringLiteral("Changed %1while you filled in the form: %2. Nothing is saved yet; what you gave is "
                                 "kept below.")
                      .arg(who.isEmpty() ? QString() : QStringLiteral("by %1 ").arg(who),
                           differences.words.join(QStringLiteral("; ")));
        for (const Requirement missing : moved.error().unmet) {
            if (std::find(unmet.begin(), unmet.end(), missing) == unmet.end()) {
                unmet.push_back(missing);
            }
        }
        asked = now.value();
    }
}

Result<MoveOutcome> DealActions::moveOverChanges(const Deal& shown, const Deal& asked, Stage target, DealFields facts,
                                                 QString& keptTheirs)
{
    // The deal changed while the rep filled in the form: a fact someone else
    // set meanwhile is theirs and stays, said; the rep's other facts are saved
    // with the move, over the deal as it is now.
    Result<Deal> now = m_service.deals().get(asked.id);
    if (!now) {
        return now.error();
    }
    if (now.value().stage != asked.stage || now.value().status != asked.status) {
        // Moved (or won, lost, reopened) by someone else meanwhile: the form
        // was about a move from where the deal no longer is. Nothing is saved.
        return makeError(
            ErrorCode::StaleVersion,
            QStringLiteral("%1 was moved to %2 (%3) while you filled in the form; nothing was saved. "
                           "Move it again if you still mean to.")
                .arg(quotedText(now.value().title), stageName(now.value().stage), statusSlug(now.value().status)));
    }
    const DealFields was = allFields(asked);
    const DealFields is = allFields(now.value());
    QStringList kept;
    auto keepTheirs = [&kept](auto& mine, const auto& before, const auto& after, const QString& name) {
        if (mine && before != after) {
            mine.reset();
            kept << name;
        }
    };
    keepTheirs(facts.title, was.title, is.title, QStringLiteral("title"));
    keepTheirs(facts.willing, was.willing, is.willing, QStringLiteral("willingness to buy"));
    keepTheirs(facts.need, was.need, is.need, QStringLiteral("proven need"));
    keepTheirs(facts.budget, was.budget, is.budget, QStringLiteral("budget"));
    keepTheirs(facts.valueMinor, was.valueMinor, is.valueMinor, QStringLiteral("value"));
    keepTheirs(facts.expectedClose, was.expectedClose, is.expectedClose, QStringLiteral("close date"));
    keepTheirs(facts.company, was.company, is.company, QStringLiteral("organization"));
    kept << keepTheirFields(facts, asked, now.value(), m_board.stageRules().fields());
    Result<MoveOutcome> moved = pushMove(shown, target, now.value().version, std::move(facts));
    if (!kept.isEmpty()) {
        const QString said = QStringLiteral("%1 changed while you filled in the form: its %2 set meanwhile %3 "
                                            "kept, not yours.")
                                 .arg(quotedText(now.value().title), kept.join(QStringLiteral(", ")),
                                      kept.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"));
        if (!moved) {
            Error error = moved.error();
            error.message = said + QLatin1Char(' ') + error.message;
            return error;
        }
        keptTheirs = QLatin1Char(' ') + said;
    }
    return moved;
}

void DealActions::step(DealId id, int direction)
{
    const std::optional<Deal> deal = m_board.deal(id);
    if (!deal) {
        return;
    }
    const std::optional<Stage> target = direction > 0 ? nextStage(deal->stage) : previousStage(deal->stage);
    if (target) {
        move({deal->id}, *target);
    }
}

void DealActions::create()
{
    std::optional<Deal> created;
    DealDialog dialog(
        nullptr, m_board.owners(), m_service.now().toLocalTime().date(),
        [this, &created](const DealFields& fields) -> std::optional<Error> {
            Result<Deal> result
                = DealCommand::push(m_undo, std::make_unique<CreateDealCommand>(m_service, m_hooks.report, fields));
            if (!result) {
                return result.error();
            }
            created = result.value();
            return std::nullopt;
        },
        m_parent);
    if (dialog.exec() != QDialog::Accepted || !created) {
        return;
    }
    m_hooks.ownersChanged();
    m_hooks.select(created->id);
}

void DealActions::edit(DealId id)
{
    const std::optional<Deal> shown = m_board.deal(id);
    if (!shown) {
        return;
    }
    const Deal loaded = *shown;
    Deal seen = loaded; // the version the rep has seen: a save goes only over it
    std::optional<Deal> after;
    DealDialog dialog(
        &loaded, m_board.owners(), m_service.now().toLocalTime().date(),
        [this, &loaded, &seen, &after](const DealFields& entered) -> std::optional<Error> {
            // Only what the rep changed is saved: the other facts keep what a
            // teammate saved meanwhile.
            const DealFields mine = FormChanges::touched(entered, loaded);
            if (mine.isEmpty()) {
                return std::nullopt;
            }
            Result<Deal> result = pushEdit(seen, mine, seen.version);
            if (!result && result.error().code == ErrorCode::StaleVersion) {
                Result<Deal> now = m_service.deals().get(loaded.id);
                if (!now) {
                    return now.error();
                }
                const FormChanges::Clashes clashes = FormChanges::clashes(mine, seen, now.value());
                seen = now.value();
                if (!clashes.words.isEmpty()) {
                    ChangeQuery ofDeal;
                    ofDeal.deal = loaded.id;
                    const Result<std::vector<ChangeEntry>> changes = m_service.reads().changes(ofDeal);
                    const QString who = changes ? lastEditBy(changes.value(), clashes.firstColumn) : QString();
                    return makeError(ErrorCode::StaleVersion,
                                     QStringLiteral("Changed %1while you edited: %2. Nothing is saved yet: Save "
                                                    "again to keep yours, or Cancel to keep theirs.")
                                         .arg(who.isEmpty() ? QString() : QStringLiteral("by %1 ").arg(who),
                                              clashes.words.join(QStringLiteral("; "))));
                }
                result = pushEdit(seen, mine, seen.version);
            }
            if (!result) {
                return result.error();
            }
            after = result.value();
            return std::nullopt;
        },
        m_parent);
    if (dialog.exec() != QDialog::Accepted || !after) {
        return;
    }
    m_hooks.ownersChanged();
}

Result<Deal> DealActions::pushEdit(const Deal& before, const DealFields& fields, std::int64_t version)
{
    return DealCommand::push(m_undo,
                             std::make_unique<EditDealCommand>(m_service, m_hooks.report, before, fields, version));
}

std::optional<Error> DealActions::applyEdit(DealId id, const DealFields& fields, std::int64_t version)
{
    const std::optional<Deal> shown = m_board.deal(id);
    if (!shown) {
        return makeError(ErrorCode::NotFound, QStringLiteral("The deal is no longer on the board."));
    }
    Result<Deal> after = pushEdit(*shown, fields, version);
    if (!after) {
        return after.error();
    }
    m_hooks.ownersChanged();
    return std::nullopt;
}

void DealActions::win(DealId id)
{
    move({id}, Stage::Retention);
}

void DealActions::lose(DealId id)
{
    const std::optional<Deal> shown = m_board.deal(id);
    if (!shown) {
        return;
    }
    const Deal before = *shown;
    const QString question = QStringLiteral("Why was %1 lost?").arg(quotedText(before.title));
    std::optional<QString> asked = askLostReason(question);
    if (!asked) {
        return;
    }
    const auto loseFor = [this, &before](const QString& reason) {
        return DealCommand::push(m_undo, std::make_unique<LoseDealCommand>(m_service, m_hooks.report, before, reason));
    };
    Result<MoveOutcome> lost = loseFor(*asked);
    while (!lost && lost.error().code == ErrorCode::InvalidInput) {
        // The reason refused as typed: asked again with it and why.
        asked = askLostReason(question, *asked, lost.error().message);
        if (!asked) {
            return;
        }
        lost = loseFor(*asked);
    }
    if (!lost) {
        m_hooks.report(lost.error());
        return;
    }
    if (lost.value().changed) {
        m_hooks.notify(QStringLiteral("%1 is marked lost.").arg(quotedText(before.title)));
    }
}

std::optional<QString> DealActions::askLostReason(const QString& question, QString typed, QString problem)
{
    for (;;) {
        QInputDialog dialog(m_parent);
        dialog.setObjectName(QStringLiteral("lostReasonDialog"));
        dialog.setWindowTitle(QStringLiteral("Mark lost"));
        dialog.setLabelText(problem.isEmpty() ? question : question + QStringLiteral("\n\n") + problem);
        dialog.setComboBoxEditable(true);
        dialog.setComboBoxItems({QString(), QStringLiteral("Chose a competitor"), QStringLiteral("No budget"),
                                 QStringLiteral("Went silent"), QStringLiteral("Price too high"),
                                 QStringLiteral("Project cancelled")});
        dialog.setTextValue(typed);
        if (dialog.exec() != QDialog::Accepted) {
            return std::nullopt;
        }
        typed = dialog.textValue();
        // The one rule for text, said before any deal is asked: the dialog
        // comes back with what was typed and the character named.
        if (const std::optional<qsizetype> at = TextRules::forbiddenAt(typed, false)) {
            problem = QStringLiteral("The lost reason holds the invisible or control character %1 at character %2; "
                                     "remove it.")
                          .arg(TextRules::codePointAt(typed, *at))
                          .arg(*at + 1);
            continue;
        }
        return typed.trimmed();
    }
}

void DealActions::reopen(DealId id)
{
    const std::optional<Deal> shown = m_board.deal(id);
    if (!shown) {
        return;
    }
    const Deal before = *shown;
    Result<MoveOutcome> reopened
        = DealCommand::push(m_undo, std::make_unique<ReopenDealCommand>(m_service, m_hooks.report, before));
    if (!reopened) {
        m_hooks.report(reopened.error());
        return;
    }
    if (reopened.value().changed) {
        m_hooks.notify(
            QStringLiteral("%1 is open again in %2.").arg(quotedText(before.title), stageName(before.stage)));
    }
}

void DealActions::remove(DealId id)
{
    const std::optional<Deal> shown = m_board.deal(id);
    if (!shown) {
        return;
    }
    const Deal before = *shown;
    QMessageBox confirm(
        QMessageBox::Question, QStringLiteral("Delete deal"),
        QStringLiteral("Delete %1 and its history?\nUndo (Ctrl+Z) brings it back.").arg(quotedText(before.title)),
        QMessageBox::Yes | QMessageBox::Cancel, m_parent);
    confirm.setObjectName(QStringLiteral("confirmDelete"));
    confirm.setTextFormat(Qt::PlainText);
    confirm.setDefaultButton(QMessageBox::Cancel);
    if (confirm.exec() != QMessageBox::Yes) {
        return;
    }
    Result<Deal> deleted = DealCommand::push(
        m_undo, std::make_unique<DeleteDealCommand>(m_service, m_hooks.report, before, before.version));
    if (!deleted) {
        m_hooks.report(deleted.error());
        return;
    }
    m_hooks.notify(QStringLiteral("Deleted %1.").arg(quotedText(before.title)));
}

void DealActions::followUp(DealId id)
{
    const std::optional<Deal> deal = m_board.deal(id);
    if (!deal) {
        return;
    }
    const Deal origin = *deal;
    const QString question = QStringLiteral("A cross-sell or up-sell for %1, starting in Prospecting. Title:")
                                 .arg(shownText(origin.company.isEmpty() ? origin.title : origin.company));
    QString title = QStringLiteral("Follow-up: %1").arg(shownText(origin.title));
    QString problem;
    Result<Deal> created = makeError(ErrorCode::Cancelled, QString());
    do {
        // A title refused as typed (an invisible character, say) is asked
        // again with what was typed and why.
        bool ok = false;
        title = QInputDialog::getText(m_parent, QStringLiteral("New follow-up deal"),
                                      problem.isEmpty() ? question : question + QStringLiteral("\n\n") + problem,
                                      QLineEdit::Normal, title, &ok);
        if (!ok) {
            return;
        }
        created = m_service.deals().createFollowUp(origin.id, title, std::nullopt, m_actor);
        problem = created ? QString() : created.error().message;
    } while (!created && created.error().code == ErrorCode::InvalidInput);
    if (!created) {
        m_hooks.report(created.error());
        return;
    }
    m_hooks.select(created.value().id);
    m_hooks.notify(QStringLiteral("Created %1 in Prospecting, a follow-up of %2.")
                       .arg(quotedText(created.value().title), quotedText(origin.title)));
}

void DealActions::loadSample()
{
    if (m_board.dealCount() > 0) {
        QMessageBox confirm(QMessageBox::Question, QStringLiteral("Load sample pipeline"),
                            QStringLiteral("Add 200 sample deals to this pipeline? They can't be undone as one step."),
                            QMessageBox::Yes | QMessageBox::Cancel, m_parent);
        if (confirm.exec() != QMessageBox::Yes) {
            return;
        }
    }
    Result<int> seeded = m_service.deals().seedSample(200, static_cast<quint64>(QDateTime::currentMSecsSinceEpoch()));
    if (!seeded) {
        m_hooks.report(seeded.error());
        return;
    }
    m_hooks.notify(QStringLiteral("Added %1 sample deals.").arg(seeded.value()));
}

} // namespace dealboard::gui
