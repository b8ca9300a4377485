#include "OwnerTable.h"

#include "common/Numbers.h"
#include "reports/ReportText.h"

namespace dealboard::gui {

OwnerTable::OwnerTable(QWidget* parent)
    : ReportTable(QStringLiteral("ownerSplitTable"),
                  {QStringLiteral("Owner"), QStringLiteral("Deals"), QStringLiteral("Open deals"),
                   QStringLiteral("Open value"), QStringLiteral("Weighted"), QStringLiteral("Won"),
                   QStringLiteral("Won value"), QStringLiteral("Lost"), QStringLiteral("Win rate"),
                   QStringLiteral("Median days to won")},
                  parent)
{
    setSelectionMode(QAbstractItemView::SingleSelection);
    setToolTip(QStringLiteral("Double-click an owner to see the charts of their deals"));
    connect(this, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        if (const QTableWidgetItem* owner = item(row, 0); owner && owner->data(Qt::UserRole).isValid()) {
            Q_EMIT ownerChosen(owner->data(Qt::UserRole).toString());
        }
    });
}

void OwnerTable::showSplit(const OwnerSplit& split)
{
    setRowCount(static_cast<int>(split.owners.size()) + 1);
    auto fill = [this, &split](int row, const OwnerFigures& f, const QString& label, bool team) {
        const QStringList cells = {label,
                                   Numbers::count(f.deals),
                                   Numbers::count(f.openDeals),
                                   Numbers::amount({f.openValueMinor, split.currency}),
                                   Numbers::amount({f.weightedValueMinor, split.currency}),
                                   Numbers::count(f.wonDeals),
                                   Numbers::amount({f.wonValueMinor, split.currency}),
                                   Numbers::count(f.lostDeals),
                                   percent(f.winRate),
                                   f.medianDaysToWon ? Numbers::decimal(*f.medianDaysToWon) : QStringLiteral("–")};
        QTableWidgetItem* first = setFigures(row, cells, 1, team);
        if (!team && !f.owner.isEmpty()) {
            first->setData(Qt::UserRole, f.owner);
        }
    };
    int row = 0;
    for (const OwnerFigures& figures : split.owners) {
        fill(row++, figures, OwnerSplitFormat::ownerLabel(figures.owner), false);
    }
    fill(row, split.team, QStringLiteral("Team"), true);
    fitColumns();
}

} // namespace dealboard::gui
