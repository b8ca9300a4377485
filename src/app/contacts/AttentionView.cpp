#include "contacts/AttentionView.h"

#include "activities/ActivityFlow.h"
#include "common/Numbers.h"
#include "common/Tables.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace dealboard::gui {

AttentionView::AttentionView(Pipeline& service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
{
    setObjectName(QStringLiteral("attentionView"));
    auto* layout = new QVBoxLayout(this);
    m_overTitle = new QLabel;
    m_overContacted
        = makeTable({QStringLiteral("Person"), QStringLiteral("Organization"), QStringLiteral("Closest touches"),
                     QStringLiteral("Minimum days"), QStringLiteral("Touches, last 30 days")},
                    QStringLiteral("overContactedTable"));
    m_neglectedTitle = new QLabel;
    m_neglected = makeTable({QStringLiteral("Deal"), QStringLiteral("Stage"), QStringLiteral("Owner"),
                             QStringLiteral("Last touch"), QStringLiteral("Days without a touch"),
                             QStringLiteral("Rots after"), QStringLiteral("Value"), QString()},
                            QStringLiteral("neglectedTable"));
    // The deal's name takes the room; the plan buttons keep their own width.
    m_neglected->horizontalHeader()->setStretchLastSection(false);
    m_neglected->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    // The titles wrap: a long one must not push the window past the screen.
    m_overTitle->setWordWrap(true);
    m_neglectedTitle->setWordWrap(true);
    layout->addWidget(m_overTitle);
    layout->addWidget(m_overContacted, 1);
    layout->addWidget(m_neglectedTitle);
    layout->addWidget(m_neglected, 2);
    connect(m_neglected, &QTableWidget::itemActivated, this,
            [this](QTableWidgetItem* item) { Q_EMIT dealActivated(item->data(Qt::UserRole).toLongLong()); });
    for (auto signal : {&Pipeline::dealsReset, &Pipeline::contactsChanged, &Pipeline::externalChange}) {
        connect(&m_service, signal, this, &AttentionView::invalidate);
    }
    connect(&m_service, &Pipeline::activitiesChanged, this, &AttentionView::invalidate);
    connect(&m_service, &Pipeline::dealChanged, this, &AttentionView::invalidate);
}

void AttentionView::invalidate()
{
    m_stale = true;
    if (isVisible()) {
        reload();
    }
}

void AttentionView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        reload();
    }
}

void AttentionView::reload()
{
    m_stale = false;
    Result<AttentionReport> report = m_service.activities().attentionReport();
    if (!report) {
        Q_EMIT errorOccurred(report.error());
        return;
    }
    const auto& over = report.value().overContacted;
    m_overTitle->setText(QStringLiteral("<b>Over-contacted people</b> (%1): two touches closer together than their "
                                        "segments allow. Give them room.")
                             .arg(over.size()));
    m_overContacted->setRowCount(std::min(static_cast<int>(over.size()), MaxRowsShown));
    for (int row = 0; row < m_overContacted->rowCount(); ++row) {
        const OverContacted& o = over[row];
        fillRow(m_overContacted, row,
                {o.personName, o.organizationName,
                 QStringLiteral("%1 and %2").arg(o.first.toString(Qt::ISODate), o.second.toString(Qt::ISODate)),
                 Numbers::count(o.minDays), Numbers::count(o.touchesIn30Days)},
                o.personId);
    }
    const auto& neglected = report.value().neglected;
    // The most urgent first (value times days past the limit); a big
    // pipeline lists the first few hundred.
    const int shown = std::min(static_cast<int>(neglected.size()), MaxRowsShown);
    m_neglectedTitle->setText(QStringLiteral("<b>Neglected open deals</b> (%1%2): no call, email or meeting for longer "
                                             "than their stage's rotting days, the most urgent first (value times "
                                             "days past the limit). Double-click one to open it.")
                                  .arg(neglected.size())
                                  .arg(shown < static_cast<int>(neglected.size())
                                           ? QStringLiteral(", the %1 most urgent shown").arg(shown)
                                           : QString()));
    m_neglected->setRowCount(shown);
    for (int row = 0; row < shown; ++row) {
        const NeglectedDeal& n = neglected[row];
        fillRow(m_neglected, row,
                {n.title, stageName(n.stage), n.owner,
                 n.lastTouch ? n.lastTouch->toString(Qt::ISODate) : QStringLiteral("never"),
                 Numbers::count(n.daysWithoutTouch), Numbers::count(n.rottingDays), Numbers::amount(n.value),
                 QString()},
                n.dealId);
        m_neglected->item(row, 6)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        // One click to the next step on it.
        auto* plan = new QPushButton(QStringLiteral("Plan next activity…"));
        plan->setObjectName(QStringLiteral("planNeglected_%1").arg(n.dealId));
        const DealId id = n.dealId;
        connect(plan, &QPushButton::clicked, this, [this, id] {
            Result<Deal> deal = m_service.deals().get(id);
            if (!deal) {
                Q_EMIT errorOccurred(deal.error());
                return;
            }
            ActivityFlow::plan(this, m_service, deal.value());
        });
        m_neglected->setCellWidget(row, 7, plan);
    }
    m_overContacted->resizeColumnsToContents();
    m_neglected->resizeColumnsToContents();
}

} // namespace dealboard::gui
