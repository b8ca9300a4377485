#pragma once

#include "dealboard/Deal.h"
#include "dealboard/StallMarks.h"

#include <QDateTime>
#include <QStyledItemDelegate>
#include <functional>

namespace dealboard::gui {

// Paints a deal card from the model's typed DealRole: title, company, value,
// expected close, qualification marks, owner and days in stage, with stalling
// (rotting) and overdue deals marked.
class CardDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardDelegate)

public:
    using Clock = std::function<QDateTime()>;
    // `marks`: the board's, which say when a card is marked as stalling.
    CardDelegate(Clock now, const StallMarks& marks, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // What a card calls the deal: its title, less the company's name when the
    // title starts with it (the next line shows the company): "Cloud
    // migration" for "Hooli Labs cloud migration" at Hooli Labs.
    static QString ownName(const QString& title, const QString& company);
    // The card's value line (amount, and the deal's own probability) as a
    // card `cardWidth` wide in `font` shows it: whole when it fits, else the
    // amount compact (1,000B EUR), the probability the last to go.
    static QString valueText(const Deal& deal, const QFont& font, int cardWidth);

private:
    Clock m_now;
    const StallMarks& m_marks;
};

} // namespace dealboard::gui
