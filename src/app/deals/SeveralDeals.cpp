// DealActions on several deals at once (the board's multi-selection): one
// transaction and one undo step; where the rules refuse some, one form lists
// them and the rest are done only if the rep says so.
#include "board/BoardModel.h"
#include "deals/DealActions.h"
#include "deals/DealNames.h"
#include "deals/RefusedDealsDialog.h"
#include "undo/UndoCommands.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QUndoStack>
#include <algorithm>
#include <map>
#include <utility>

namespace dealboard::gui {

namespace {

using Command = std::unique_ptr<DealCommand>;

} // namespace

QString DealActions::named(const QList<DealId>& ids)
{
    QStringList titles;
    m_named.clear();
    for (DealId id : ids) {
        const Deal* deal = m_board.deal(id);
        titles << (deal != nullptr ? deal->title : QStringLiteral("deal %1").arg(id));
        if (deal != nullptr) {
            m_named.push_back(*deal);
        }
    }
    return namedDeals(titles);
}

bool DealActions::confirmSeveral(const QString& question, const QList<DealId>& ids)
{
    QMessageBox confirm(QMessageBox::Question, QStringLiteral("Several deals"),
                        QStringLiteral("%1\n\n%2").arg(question, named(ids)), QMessageBox::Yes | QMessageBox::Cancel,
                        m_parent);
    confirm.setObjectName(QStringLiteral("confirmSeveral"));
    confirm.setTextFormat(Qt::PlainText);
    confirm.setDefaultButton(QMessageBox::Yes);
    return confirm.exec() == QMessageBox::Yes;
}

QList<DealId> DealActions::runOnSeveral(const QList<DealId>& ids, const QString& what, const QString& undoText,
                                        const SeveralStep& step)
{
    std::vector<DealId> list;
    for (DealId id : ids) {
        if (std::find(list.begin(), list.end(), id) == list.end()) {
            list.push_back(id);
        }
    }
    std::vector<std::pair<DealId, Command>> steps;
    std::vector<std::pair<DealId, Error>> refused;
    std::map<DealId, QString> titles;
    // What the rep was shown when asked, else the board's deal now.
    const std::vector<Deal> named = std::exchange(m_named, {});
    const auto one = [&](DealId id) -> Result<void> {
        const auto seen = std::find_if(named.begin(), named.end(), [id](const Deal& d) { return d.id == id; });
        const Deal* shown = seen != named.end() ? &*seen : m_board.deal(id);
        if (shown == nullptr) {
            return notFound("deal", id);
        }
        const Deal before = *shown;
        titles[id] = before.title;
        Result<Command> done = step(before);
        if (!done) {
            refused.emplace_back(id, done.error());
            return done.error();
        }
        if (done.value()) {
            steps.emplace_back(id, std::move(done.value()));
        }
        return {};
    };
    std::size_t tried = list.size();
    Result<BatchOutcome> outcome = m_service.deals().batch(list, false, one);
    if (!outcome && !refused.empty() && outcome.error().code != ErrorCode::Storage) {
        steps.clear(); // rolled back
        std::vector<std::pair<QString, QString>> rows;
        std::vector<DealId> rest = list;
        for (const auto& [id, error] : refused) {
            rows.emplace_back(titles[id], error.message);
            std::erase(rest, id);
        }
        const int allowed = static_cast<int>(rest.size());
        RefusedDealsDialog dialog(rows, allowed, what, m_parent);
        if (dialog.exec() != QDialog::Accepted || rest.empty()) {
            m_hooks.notify(QStringLiteral("Nothing was changed."));
            return {};
        }
        refused.clear();
        tried = rest.size();
        outcome = m_service.deals().batch(rest, false, one);
    }
    if (!outcome && !refused.empty() && outcome.error().code != ErrorCode::Storage) {
        // Refused again (changed elsewhere meanwhile): said in the board's
        // words, each deal by its title.
        std::vector<std::pair<QString, Error>> named;
        for (const auto& [id, error] : refused) {
            named.emplace_back(titles[id], error);
        }
        m_hooks.report(refusedOnSeveral(named, tried));
        return {};
    }
    if (!outcome) {
        m_hooks.report(outcome.error());
        return {};
    }
    const QList<DealId> done(outcome.value().done.begin(), outcome.value().done.end());
    QStringList doneTitles;
    for (DealId id : done) {
        doneTitles << titles[id];
    }
    if (!steps.empty()) {
        const QString text = undoText.arg(steps.size());
        QStringList stepTitles;
        for (const auto& [id, step] : steps) {
            stepTitles << titles[id];
        }
        m_undo.push(
            new BatchDealCommand(m_service, m_hooks.report, text, std::move(steps), m_hooks.notify, stepTitles));
    }
    m_hooks.notify(QStringLiteral("%1 deal(s) %2: %3.").arg(done.size()).arg(shownText(what), namedDeals(doneTitles)));
    return done;
}

void DealActions::moveSeveral(const QList<DealId>& ids, Stage target)
{
    if (!confirmSeveral(QStringLiteral("Move these %1 deals to %2?").arg(ids.size()).arg(stageName(target)), ids)) {
        return;
    }
    const QList<DealId> moved = runOnSeveral(
        ids, QStringLiteral("moved to %1").arg(stageName(target)),
        QStringLiteral("Move %1 deals to ") + stageName(target), [this, target](const Deal& before) {
            Result<MoveOutcome> moved = m_service.deals().move(before.id, target, {before.version, m_actor});
            if (!moved) {
                return Result<Command>(moved.error());
            }
            return Result<Command>(moved.value().changed ? std::make_unique<MoveDealCommand>(
                                       m_service, m_hooks.report, before, target, moved.value().step)
                                                         : nullptr);
        });
    if (!moved.isEmpty()) {
        m_hooks.moved(moved);
    }
}

void DealActions::stepSeveral(const QList<DealId>& ids, int direction)
{
    if (!confirmSeveral(QStringLiteral("Move these %1 deals a stage %2?")
                            .arg(ids.size())
                            .arg(direction > 0 ? QStringLiteral("on") : QStringLiteral("back")),
                        ids)) {
        return;
    }
    const QList<DealId> moved = runOnSeveral(
        ids, direction > 0 ? QStringLiteral("moved a stage on") : QStringLiteral("moved a stage back"),
        direction > 0 ? QStringLiteral("Move %1 deals a stage on") : QStringLiteral("Move %1 deals a stage back"),
        [this, direction](const Deal& before) {
            const std::optional<Stage> target = direction > 0 ? nextStage(before.stage) : previousStage(before.stage);
            if (!target) {
                return Result<Command>(
                    makeError(ErrorCode::RefusedByRules,
                              QStringLiteral("It is in %1, the %2 stage.")
                                  .arg(stageName(before.stage),
                                       direction > 0 ? QStringLiteral("last") : QStringLiteral("first"))));
            }
            Result<MoveOutcome> moved = m_service.deals().move(before.id, *target, {before.version, m_actor});
            if (!moved) {
                return Result<Command>(moved.error());
            }
            return Result<Command>(
                std::make_unique<MoveDealCommand>(m_service, m_hooks.report, before, *target, moved.value().step));
        });
    if (!moved.isEmpty()) {
        m_hooks.moved(moved);
    }
}

void DealActions::loseSeveral(const QList<DealId>& ids)
{
    const std::optional<QString> reason
        = askLostReason(QStringLiteral("Why were these %1 deals lost?\n%2").arg(ids.size()).arg(named(ids)));
    if (!reason) {
        return;
    }
    runOnSeveral(ids, QStringLiteral("marked lost"), QStringLiteral("Mark %1 deals lost"),
                 [this, &reason](const Deal& before) {
                     Result<MoveOutcome> lost = m_service.deals().lose(before.id, *reason, {before.version, m_actor});
                     if (!lost) {
                         return Result<Command>(lost.error());
                     }
                     return Result<Command>(lost.value().changed ? std::make_unique<LoseDealCommand>(
                                                m_service, m_hooks.report, before, lost.value().step)
                                                                 : nullptr);
                 });
}

void DealActions::removeSeveral(const QList<DealId>& ids)
{
    QMessageBox confirm(
        QMessageBox::Question, QStringLiteral("Delete deals"),
        QStringLiteral("Delete these %1 deals and their history?\n%2\n\nUndo (Ctrl+Z) brings them back.")
            .arg(ids.size())
            .arg(named(ids)),
        QMessageBox::Yes | QMessageBox::Cancel, m_parent);
    confirm.setObjectName(QStringLiteral("confirmDelete"));
    confirm.setTextFormat(Qt::PlainText);
    confirm.setDefaultButton(QMessageBox::Cancel);
    if (confirm.exec() != QMessageBox::Yes) {
        return;
    }
    runOnSeveral(ids, QStringLiteral("deleted"), QStringLiteral("Delete %1 deals"), [this](const Deal& before) {
        Result<DeletedDeal> deleted = m_service.deals().remove(before.id, {before.version, m_actor});
        if (!deleted) {
            return Result<Command>(deleted.error());
        }
        return Result<Command>(std::make_unique<DeleteDealCommand>(m_service, m_hooks.report, deleted.value()));
    });
}

void DealActions::assignOwner(const QList<DealId>& ids)
{
    QInputDialog dialog(m_parent);
    dialog.setObjectName(QStringLiteral("assignOwnerDialog"));
    dialog.setWindowTitle(QStringLiteral("Assign owner"));
    dialog.setLabelText(ids.size() == 1
                            ? QStringLiteral("Who owns %1?").arg(named(ids))
                            : QStringLiteral("Who owns these %1 deals?\n%2").arg(ids.size()).arg(named(ids)));
    dialog.setComboBoxEditable(true);
    dialog.setComboBoxItems(m_board.owners());
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const QString owner = dialog.textValue().trimmed();
    runOnSeveral(ids, QStringLiteral("given to %1").arg(owner.isEmpty() ? QStringLiteral("nobody") : owner),
                 QStringLiteral("Give %1 deals to ") + (owner.isEmpty() ? QStringLiteral("nobody") : owner),
                 [this, &owner](const Deal& before) {
                     DealFields fields;
                     fields.owner = owner;
                     Result<Deal> after = m_service.deals().edit(before.id, fields, {before.version, m_actor});
                     if (!after) {
                         return Result<Command>(after.error());
                     }
                     return Result<Command>(after.value().version != before.version ? std::make_unique<EditDealCommand>(
                                                m_service, m_hooks.report, before, after.value())
                                                                                    : nullptr);
                 });
    m_hooks.ownersChanged();
}

} // namespace dealboard::gui
