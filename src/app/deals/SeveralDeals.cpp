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
        const std::optional<Deal> deal = m_board.deal(id);
        titles << (deal.has_value() ? deal->title : QStringLiteral("deal %1").arg(id));
        if (deal.has_value()) {
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
    std::map<DealId, QString> titles;
    // What the rep was shown when asked, else the board's deal now.
    const std::vector<Deal> named = std::exchange(m_named, {});
    const auto one = [&](DealId id) -> Result<BatchStep> {
        const auto seen = std::find_if(named.begin(), named.end(), [id](const Deal& d) { return d.id == id; });
        const std::optional<Deal> shown = seen != named.end() ? std::optional<Deal>(*seen) : m_board.deal(id);
        if (!shown) {
            return notFound("deal", id);
        }
        const Deal before = *shown;
        titles[id] = before.title;
        Result<Command> command = step(before);
        if (!command) {
            return command.error();
        }
        return BatchStep {before.title, std::move(command.value())};
    };
    // The action on `deals`, one undo step when it changed any.
    const auto run = [&](const std::vector<DealId>& deals) {
        return DealCommand::push(
            m_undo,
            std::make_unique<BatchDealCommand>(m_service, m_hooks.report, undoText, deals, one, m_hooks.notify));
    };
    std::size_t tried = list.size();
    SeveralOutcome outcome = run(list);
    if (!outcome.done && !outcome.refused.empty() && outcome.done.error().code != ErrorCode::Storage) {
        std::vector<std::pair<QString, QString>> rows;
        std::vector<DealId> rest = list;
        for (const auto& [id, error] : outcome.refused) {
            rows.emplace_back(titles[id], error.message);
            std::erase(rest, id);
        }
        const int allowed = static_cast<int>(rest.size());
        RefusedDealsDialog dialog(rows, allowed, what, m_parent);
        if (dialog.exec() != QDialog::Accepted || rest.empty()) {
            m_hooks.notify(QStringLiteral("Nothing was changed."));
            return {};
        }
        tried = rest.size();
        outcome = run(rest);
    }
    if (!outcome.done && !outcome.refused.empty() && outcome.done.error().code != ErrorCode::Storage) {
        // Refused again (changed elsewhere meanwhile): said in the board's
        // words, each deal by its title.
        std::vector<std::pair<QString, Error>> refused;
        for (const auto& [id, error] : outcome.refused) {
            refused.emplace_back(titles[id], error);
        }
        m_hooks.report(refusedOnSeveral(refused, tried));
        return {};
    }
    if (!outcome.done) {
        m_hooks.report(outcome.done.error());
        return {};
    }
    const QList<DealId> done(outcome.done.value().done.begin(), outcome.done.value().done.end());
    QStringList doneTitles;
    for (DealId id : done) {
        doneTitles << titles[id];
    }
    m_hooks.notify(QStringLiteral("%1 deal(s) %2: %3.").arg(done.size()).arg(shownText(what), namedDeals(doneTitles)));
    return done;
}

void DealActions::moveSeveral(const QList<DealId>& ids, Stage target)
{
    if (!confirmSeveral(QStringLiteral("Move these %1 deals to %2?").arg(ids.size()).arg(stageName(target)), ids)) {
        return;
    }
    const QList<DealId> moved
        = runOnSeveral(ids, QStringLiteral("moved to %1").arg(stageName(target)),
                       QStringLiteral("Move %1 deals to ") + stageName(target), [this, target](const Deal& before) {
                           return Result<Command>(std::make_unique<MoveDealCommand>(m_service, m_hooks.report, before,
                                                                                    target, before.version));
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
            return Result<Command>(
                std::make_unique<MoveDealCommand>(m_service, m_hooks.report, before, *target, before.version));
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
    runOnSeveral(
        ids, QStringLiteral("marked lost"), QStringLiteral("Mark %1 deals lost"), [this, &reason](const Deal& before) {
            return Result<Command>(std::make_unique<LoseDealCommand>(m_service, m_hooks.report, before, *reason));
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
        return Result<Command>(std::make_unique<DeleteDealCommand>(m_service, m_hooks.report, before, before.version));
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
                     return Result<Command>(
                         std::make_unique<EditDealCommand>(m_service, m_hooks.report, before, fields, before.version));
                 });
    m_hooks.ownersChanged();
}

} // namespace dealboard::gui
