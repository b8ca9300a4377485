#include "reports/QuotaTable.h"

#include "common/Numbers.h"

namespace dealboard::gui {

QuotaTable::QuotaTable(QWidget* parent)
    : ReportTable(QStringLiteral("quotaTable"),
                  {QStringLiteral("Owner"), QStringLiteral("Standing"), QStringLiteral("Quota"), QStringLiteral("Won"),
                   QStringLiteral("Weighted, rest of month"), QStringLiteral("Won deals"), QStringLiteral("Lost deals"),
                   QStringLiteral("Win rate"), QStringLiteral("Median days to win"), QStringLiteral("Activities done")},
                  parent)
{
    setToolTip(QStringLiteral("Met: won at least the quota. On track: won plus the weighted value of open deals "
                              "expected to close in the rest of the month reaches it. Behind: it does not."));
}

void QuotaTable::showMonth(const OwnerMonth& month)
{
    setRowCount(static_cast<int>(month.rows.size()));
    int row = 0;
    for (const OwnerMonthRow& r : month.rows) {
        const QStringList cells = {
            r.owner.isEmpty() ? QStringLiteral("(no owner)") : r.owner,
            OwnerMonthFormat::standingText(r.standing),
            r.quotaMinor ? Numbers::amount({*r.quotaMinor, r.currency}) : QStringLiteral("–"),
            Numbers::amount({r.wonMinor, r.currency}),
            Numbers::amount({r.weightedRestMinor, r.currency}),
            Numbers::count(r.wonDeals),
            Numbers::count(r.lostDeals),
            OwnerMonthFormat::winRateText(r, QStringLiteral("–")),
            r.medianDaysToWin ? QString::number(*r.medianDaysToWin, 'f', 1) : QStringLiteral("–"),
            Numbers::count(r.activitiesDone),
        };
        setFigures(row, cells, 2);
        if (r.standing == OwnerMonthRow::Standing::Behind) {
            item(row, 1)->setForeground(QColor(0xb0, 0x2a, 0x2a));
            QFont bold = item(row, 1)->font();
            bold.setBold(true);
            item(row, 1)->setFont(bold);
        } else if (r.standing == OwnerMonthRow::Standing::Met) {
            item(row, 1)->setForeground(QColor(0x2e, 0x7d, 0x32));
        }
        ++row;
    }
    fitColumns();
}

} // namespace dealboard::gui
