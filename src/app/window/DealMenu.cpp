#include "DealMenu.h"

#include "MainWindow.h"
#include "StatusLine.h"
#include "activities/ActivitiesDialog.h"
#include "activities/ActivityFlow.h"
#include "board/BoardModel.h"
#include "board/DealListView.h"
#include "board/StageColumn.h"
#include "board/StageColumnModel.h"
#include "common/ShownText.h"
#include "contacts/ContactFrequencyDialog.h"
#include "deals/DealActions.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMenuBar>

namespace dealboard::gui {

DealMenu::DealMenu(MainWindow& window, Pipeline& service, DealActions& deals, StatusLine& status)
    : QObject(&window)
    , m_window(window)
    , m_service(service)
    , m_deals(deals)
    , m_status(status)
{
}

void DealMenu::addTo(QMenuBar* menuBar)
{
    QMenu* deal = menuBar->addMenu(QStringLiteral("&Deal"));
    deal->setToolTipsVisible(true); // why an action is disabled, on a team's server
    m_edit = deal->addAction(QStringLiteral("&Edit…"), this,
                             [this] { onSelected([this](DealId id) { m_deals.edit(id); }); });
    m_edit->setObjectName(QStringLiteral("editDealAction"));
    m_assignOwner = deal->addAction(QStringLiteral("Assign &owner…"), this, [this] {
        if (!m_window.selectedDealIds().isEmpty()) {
            m_deals.assignOwner(m_window.selectedDealIds());
        }
    });
    m_assignOwner->setObjectName(QStringLiteral("assignOwnerAction"));
    m_moveNext = deal->addAction(QStringLiteral("Move to &next stage"), this, [this] {
        m_window.hideRefusals();
        forSelection([this](DealId id) { m_deals.step(id, 1); },
                     [this](const QList<DealId>& ids) { m_deals.stepSeveral(ids, 1); });
    });
    m_moveNext->setObjectName(QStringLiteral("moveNextAction"));
    m_moveNext->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Right));
    m_movePrevious = deal->addAction(QStringLiteral("Move to &previous stage"), this, [this] {
        m_window.hideRefusals();
        forSelection([this](DealId id) { m_deals.step(id, -1); },
                     [this](const QList<DealId>& ids) { m_deals.stepSeveral(ids, -1); });
    });
    m_movePrevious->setObjectName(QStringLiteral("movePreviousAction"));
    m_movePrevious->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Left));
    deal->addSeparator();
    m_win = deal->addAction(QStringLiteral("Mark &won"), this,
                            [this] { onSelected([this](DealId id) { m_deals.win(id); }); });
    m_lose = deal->addAction(QStringLiteral("Mark &lost…"), this, [this] {
        forSelection([this](DealId id) { m_deals.lose(id); },
                     [this](const QList<DealId>& ids) { m_deals.loseSeveral(ids); });
    });
    m_lose->setObjectName(QStringLiteral("loseAction"));
    m_reopen = deal->addAction(QStringLiteral("&Reopen"), this,
                               [this] { onSelected([this](DealId id) { m_deals.reopen(id); }); });
    deal->addSeparator();
    m_planActivity = deal->addAction(QStringLiteral("Plan &activity…"), this, &DealMenu::planActivity);
    m_planActivity->setObjectName(QStringLiteral("planActivityAction"));
    m_planActivity->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_activities = deal->addAction(QStringLiteral("Activi&ties…"), this, &DealMenu::showActivities);
    m_activities->setObjectName(QStringLiteral("activitiesAction"));
    m_activities->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_followUp = deal->addAction(QStringLiteral("New &follow-up deal…"), this,
                                 [this] { onSelected([this](DealId id) { m_deals.followUp(id); }); });
    m_followUp->setObjectName(QStringLiteral("followUpAction"));
    m_followUp->setToolTip(QStringLiteral("A cross-sell or up-sell deal for this won customer"));
    deal->addSeparator();
    m_contactFrequency = deal->addAction(QStringLiteral("Contact &frequency…"), this, &DealMenu::editContactFrequency);
    m_contactFrequency->setObjectName(QStringLiteral("contactFrequencyAction"));
    deal->addSeparator();
    m_delete = deal->addAction(QStringLiteral("&Delete…"), this, [this] {
        forSelection([this](DealId id) { m_deals.remove(id); },
                     [this](const QList<DealId>& ids) { m_deals.removeSeveral(ids); });
    });
}

void DealMenu::update()
{
    const std::optional<Deal> deal = selectedDeal();
    const bool open = deal && deal->status != DealStatus::Lost;
    m_edit->setEnabled(deal.has_value());
    m_delete->setEnabled(deal.has_value());
    m_moveNext->setEnabled(open && deal->stage != Stage::Retention);
    m_movePrevious->setEnabled(open && deal->stage != Stage::Prospecting);
    m_win->setEnabled(deal && deal->status == DealStatus::Open && deal->stage == Stage::Closing);
    m_lose->setEnabled(deal && deal->status == DealStatus::Open);
    m_reopen->setEnabled(deal && deal->status == DealStatus::Lost);
    m_planActivity->setEnabled(deal.has_value());
    m_activities->setEnabled(deal.has_value());
    m_followUp->setEnabled(deal && deal->status == DealStatus::Won);

    // On a team's server: what the signed-in user may not do is disabled,
    // and its tooltip says who may.
    const TeamSession& team = m_service.reads().team();
    const QString why = deal ? shownText(team.whyNotChange(deal->owner, quotedText(deal->title))) : QString();
    for (QAction* action : {m_edit, m_delete, m_moveNext, m_movePrevious, m_win, m_lose, m_reopen, m_planActivity}) {
        if (!why.isEmpty()) {
            action->setEnabled(false);
        }
        action->setToolTip(why); // empty: Qt's own tooltip, the action's text
    }
    m_assignOwner->setEnabled(m_edit->isEnabled());
    m_assignOwner->setToolTip(why);
    // Several deals: the actions that work on each of them; the service says
    // which it refuses.
    if (m_window.selectedDealIds().size() > 1) {
        for (QAction* action : {m_moveNext, m_movePrevious, m_lose, m_delete, m_planActivity, m_assignOwner}) {
            action->setEnabled(true);
            action->setToolTip({});
        }
        for (QAction* action : {m_edit, m_win, m_reopen, m_activities, m_followUp}) {
            action->setEnabled(false);
            action->setToolTip(QStringLiteral("Works on one deal; several are selected"));
        }
    }
    const QString notManager = team.whyNotManage(QStringLiteral("the contact frequencies"));
    m_contactFrequency->setEnabled(notManager.isEmpty());
    m_contactFrequency->setToolTip(notManager);
}

void DealMenu::showCardMenu(Stage stage, const QPoint& position)
{
    DealListView* view = m_window.column(stage)->view();
    const QModelIndex index = view->indexAt(position);
    if (!index.isValid()) {
        return;
    }
    // The menu acts on the selection the right-click left (the card, or the
    // selected cards it is one of).
    if (!view->selectionModel()->isSelected(index)) {
        m_window.selectDeals({index.data(StageColumnModel::DealIdRole).toLongLong()}, false);
    }
    QMenu menu(&m_window);
    menu.addAction(m_edit);
    menu.addSeparator();
    menu.addAction(m_moveNext);
    menu.addAction(m_movePrevious);
    menu.addSeparator();
    menu.addAction(m_win);
    menu.addAction(m_lose);
    menu.addAction(m_reopen);
    menu.addSeparator();
    menu.addAction(m_planActivity);
    menu.addAction(m_activities);
    menu.addAction(m_followUp);
    menu.addSeparator();
    menu.addAction(m_delete);
    menu.exec(view->viewport()->mapToGlobal(position));
}

std::optional<Deal> DealMenu::selectedDeal() const
{
    const std::optional<DealId> selected = m_window.selectedDealId();
    return selected ? m_window.board().deal(*selected) : std::nullopt;
}

void DealMenu::onSelected(const std::function<void(DealId)>& action)
{
    if (const std::optional<DealId> selected = m_window.selectedDealId()) {
        action(*selected);
    }
}

void DealMenu::forSelection(const std::function<void(DealId)>& one,
                            const std::function<void(const QList<DealId>&)>& several)
{
    const QList<DealId> ids = m_window.selectedDealIds();
    if (ids.size() > 1) {
        several(ids);
    } else if (ids.size() == 1) {
        one(ids.front());
    }
}

void DealMenu::planActivity()
{
    if (const QList<DealId> ids = m_window.selectedDealIds(); ids.size() > 1) {
        std::vector<Deal> deals;
        for (DealId id : ids) {
            if (const std::optional<Deal> deal = m_window.board().deal(id)) {
                deals.push_back(*deal);
            }
        }
        if (ActivityFlow::planForSeveral(&m_window, m_service, deals)) {
            m_status.notify(QStringLiteral("Planned an activity on each of %1 deals.").arg(deals.size()));
        }
        return;
    }
    const std::optional<Deal> deal = selectedDeal();
    if (deal.has_value() && ActivityFlow::plan(&m_window, m_service, *deal)) {
        m_status.notify(QStringLiteral("Planned an activity on %1.").arg(quotedText(deal->title)));
    }
}

void DealMenu::showActivities()
{
    const std::optional<Deal> deal = selectedDeal();
    if (!deal) {
        return;
    }
    ActivitiesDialog dialog(m_service, *deal, &m_window);
    dialog.exec();
}

void DealMenu::editContactFrequency()
{
    Result<std::vector<Segment>> segments = m_service.contacts().segments();
    Result<int> defaultDays = m_service.contacts().defaultMinTouchDays();
    if (!segments || !defaultDays) {
        m_status.report(!segments ? segments.error() : defaultDays.error());
        return;
    }
    ContactFrequencyDialog dialog(defaultDays.value(), segments.value(), &m_window);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    if (Result<void> saved = m_service.contacts().setContactFrequency(dialog.defaultDays(), dialog.rules()); !saved) {
        m_status.report(saved.error());
        return;
    }
    m_status.notify(QStringLiteral("Saved the minimum days between touches."));
}

} // namespace dealboard::gui
