#include "board/CardDelegate.h"

#include "board/BoardStyle.h"
#include "board/StageColumnModel.h"
#include "common/Numbers.h"
#include "dealboard/Contacts.h"
#include "dealboard/TextRules.h"

#include <QPainter>
#include <QPainterPath>
#include <array>

namespace dealboard::gui {

namespace {

// The card's text stands this far in from its left (after the stripe) and right edges.
constexpr int ContentLeft = 12;
constexpr int ContentRight = 9;

// A small padlock: the card is a teammate's, which this user may not change.
void drawLock(QPainter* painter, const QRect& rect, const QColor& colour)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF body(rect.left() + 1.5, rect.top() + rect.height() * 0.45, rect.width() - 3.0, rect.height() * 0.5);
    painter->setPen(QPen(colour, 1.6));
    painter->setBrush(Qt::NoBrush);
    const qreal shackle = body.width() * 0.34;
    painter->drawArc(QRectF(body.center().x() - shackle, rect.top() + 1.0, 2 * shackle, body.top() - rect.top()), 0,
                     180 * 16);
    painter->drawLine(QPointF(body.center().x() - shackle, body.top() - (body.top() - rect.top() - 1) / 2),
                      QPointF(body.center().x() - shackle, body.top()));
    painter->drawLine(QPointF(body.center().x() + shackle, body.top() - (body.top() - rect.top() - 1) / 2),
                      QPointF(body.center().x() + shackle, body.top()));
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRoundedRect(body, 1.5, 1.5);
    painter->restore();
}

void drawMark(QPainter* painter, const QRect& rect, const QString& letter, bool set, const QString& /*meaning*/)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor colour = set ? BoardStyle::confirmed() : BoardStyle::cardBorder().darker(115);
    painter->setPen(QPen(colour, 1));
    painter->setBrush(set ? colour : Qt::transparent);
    painter->drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
    painter->setPen(set ? Qt::white : BoardStyle::mutedText());
    QFont font = painter->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.8);
    painter->setFont(font);
    painter->drawText(rect, Qt::AlignCenter, letter);
    painter->restore();
}

QString shortDate(const QDate& date, const QDate& today)
{
    return date.year() == today.year() ? date.toString(QStringLiteral("d MMM"))
                                       : date.toString(QStringLiteral("d MMM yy"));
}

} // namespace

CardDelegate::CardDelegate(Clock now, const StallMarks& marks, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_now(std::move(now))
    , m_marks(marks)
{
}

QSize CardDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    return {std::max(option.rect.width(), BoardStyle::ColumnMinimumWidth - 24), BoardStyle::CardHeight};
}

void CardDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    Deal deal = index.data(StageColumnModel::DealRole).value<Deal>();
    // Invisible and direction characters stored before the rule are written
    // out, never obeyed: a title must not read backwards.
    for (QString* text : {&deal.title, &deal.company, &deal.lostReason, &deal.owner}) {
        *text = TextRules::shown(*text);
    }
    if (deal.nextActivity) {
        deal.nextActivity->subject = TextRules::shown(deal.nextActivity->subject);
    }
    const bool teammate = index.data(StageColumnModel::TeammateRole).toBool();
    const bool locked = index.data(StageColumnModel::LockedRole).toBool();
    const bool focused = option.state & QStyle::State_HasFocus;
    const QDateTime now = m_now();
    const QDate today = now.date();
    const bool selected = option.state & QStyle::State_Selected;
    const bool lost = deal.status == DealStatus::Lost;
    const bool rotting = m_marks.isStalling(deal, now);
    const bool overdue = deal.isOverdue(today);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF card = QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5);
    QPainterPath outline;
    outline.addRoundedRect(card, 6, 6);
    // A teammate's card stands apart from the rep's own: a grey card.
    painter->fillPath(outline,
                      selected       ? QColor(0xee, 0xf4, 0xff)
                          : teammate ? BoardStyle::teammateCard()
                                     : BoardStyle::cardBackground());

    // Left stripe: the state a rep must notice first.
    QColor stripe = BoardStyle::stageAccent(deal.stage);
    if (lost) {
        stripe = BoardStyle::mutedText();
    } else if (rotting) {
        stripe = BoardStyle::rotting();
    } else if (deal.status == DealStatus::Won) {
        stripe = BoardStyle::won();
    }
    painter->save();
    painter->setClipPath(outline);
    painter->fillRect(QRectF(card.left(), card.top(), 4, card.height()), stripe);
    painter->restore();
    painter->setPen(QPen(selected ? BoardStyle::selectedBorder() : BoardStyle::cardBorder(), selected ? 2 : 1));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(outline);
    if (focused) {
        // Where the keyboard is: a ring outside the card, also when it is not selected.
        QPen ring(BoardStyle::focusRing(), 2, Qt::DashLine);
        painter->setPen(ring);
        painter->drawRoundedRect(card.adjusted(2.5, 2.5, -2.5, -2.5), 5, 5);
    }

    const QRect content = option.rect.adjusted(ContentLeft, 7, -ContentRight, -7);
    const QFont base = option.font;
    const QFontMetrics baseMetrics(base);
    const int lineHeight = baseMetrics.height() + 3;
    const QColor textColour = lost ? BoardStyle::mutedText() : option.palette.color(QPalette::Text);
    QFont boldFont = base;
    boldFont.setBold(true);
    const QFontMetrics boldMetrics(boldFont);

    // Line 1: title, and the owner's initials on the right.
    QRect line(content.left(), content.top(), content.width(), lineHeight);
    const int badge = baseMetrics.height() + 2;
    const QRect badgeRect(line.right() - badge + 1, line.top() + (line.height() - badge) / 2, badge, badge);
    if (!deal.owner.isEmpty()) {
        QString initials;
        for (const QString& part : deal.owner.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (initials.size() < 2) {
                initials += part.front().toUpper();
            }
        }
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor::fromHsv(static_cast<int>(qHash(deal.owner) % 360), 70, 200));
        painter->drawEllipse(badgeRect);
        QFont badgeFont = boldFont;
        badgeFont.setPointSizeF(base.pointSizeF() * 0.75);
        painter->setFont(badgeFont);
        painter->setPen(Qt::white);
        painter->drawText(badgeRect, Qt::AlignCenter, initials);
    }
    int titleRoom = badge + 6;
    if (locked || teammate) {
        const QRect lockRect(badgeRect.left() - badge - 2, badgeRect.top() + 1, badge - 2, badge - 2);
        if (locked) {
            drawLock(painter, lockRect, BoardStyle::mutedText());
        } else {
            // A teammate's deal this user may change (a manager): a hollow ring.
            painter->setPen(QPen(BoardStyle::mutedText(), 1.4));
            painter->setBrush(Qt::NoBrush);
            painter->drawEllipse(QRectF(lockRect).adjusted(2, 2, -2, -2));
        }
        titleRoom += badge;
    }
    QFont titleFont = boldFont;
    titleFont.setStrikeOut(lost);
    painter->setFont(titleFont);
    painter->setPen(textColour);
    const QRect titleRect = line.adjusted(0, 0, -titleRoom, 0);
    painter->drawText(
        titleRect, Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(titleFont).elidedText(ownName(deal.title, deal.company), Qt::ElideRight, titleRect.width()));

    // Line 2: company, or the reason when lost.
    line.translate(0, lineHeight);
    painter->setFont(base);
    painter->setPen(BoardStyle::mutedText());
    // The custom fields shown on cards stand on the right ("Web · 40"), in at
    // most half the line; the company gives way first.
    const QString fields = lost ? QString() : index.data(StageColumnModel::CardFieldsRole).toString();
    const QString second = lost ? QStringLiteral("Lost: %1").arg(deal.lostReason) : deal.company;
    QRect secondRect = line;
    if (!fields.isEmpty()) {
        const int room = second.isEmpty() ? line.width() : line.width() / 2;
        const QString shownFields = baseMetrics.elidedText(fields, Qt::ElideRight, room);
        const int fieldsWidth = baseMetrics.horizontalAdvance(shownFields);
        painter->setPen(textColour);
        painter->drawText(line, Qt::AlignRight | Qt::AlignVCenter, shownFields);
        painter->setPen(BoardStyle::mutedText());
        secondRect.setRight(line.right() - fieldsWidth - 6);
    }
    painter->drawText(secondRect, Qt::AlignLeft | Qt::AlignVCenter,
                      baseMetrics.elidedText(second, Qt::ElideRight, secondRect.width()));

    // Line 3: value, and days in stage on the right (an orange pill when
    // rotting). The value is never cut: the days give way ("19 d", "19d",
    // then nothing) when the card is narrow.
    line.translate(0, lineHeight);
    // A deal's own win probability stands beside its value, as the override it is.
    const QString valueText = CardDelegate::valueText(deal, base, option.rect.width());
    const int valueWidth = boldMetrics.horizontalAdvance(valueText);
    const int days = deal.daysInStage(now);
    const QFontMetrics& daysMetrics = rotting ? boldMetrics : baseMetrics;
    const int room = line.width() - valueWidth - 6;
    QString daysText = QStringLiteral("%1 d").arg(days);
    const auto widthOf = [&daysMetrics, rotting](const QString& text) {
        return daysMetrics.horizontalAdvance(text) + (rotting ? 12 : 0);
    };
    if (widthOf(daysText) > room) {
        daysText = QStringLiteral("%1d").arg(days);
    }
    if (widthOf(daysText) <= room) {
        const int daysWidth = widthOf(daysText);
        const QRect daysRect(line.right() - daysWidth + 1, line.top() + 1, daysWidth, line.height() - 2);
        if (rotting) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(BoardStyle::rotting());
            painter->drawRoundedRect(daysRect, 4, 4);
            painter->setPen(Qt::white);
            painter->setFont(boldFont);
        } else {
            painter->setPen(BoardStyle::mutedText());
            painter->setFont(base);
        }
        painter->drawText(daysRect, Qt::AlignCenter, daysText);
    }
    painter->setFont(boldFont);
    painter->setPen(deal.value.minor > 0 ? textColour : BoardStyle::mutedText());
    painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter, valueText);

    // Line 4: the qualification marks, and the expected close date on the right.
    line.translate(0, lineHeight);
    const int mark = std::min(lineHeight - 3, 16);
    const int markTop = line.top() + (line.height() - mark) / 2;
    const std::array<std::pair<QString, bool>, 3> marks = {{{QStringLiteral("W"), deal.qualification.willing},
                                                            {QStringLiteral("N"), deal.qualification.need},
                                                            {QStringLiteral("B"), deal.qualification.budget}}};
    for (int i = 0; i < 3; ++i) {
        drawMark(painter, QRect(line.left() + i * (mark + 3), markTop, mark, mark), marks[i].first, marks[i].second,
                 QString());
    }
    if (deal.expectedClose.isValid()) {
        const QString date = shortDate(deal.expectedClose, today);
        painter->setFont(overdue ? boldFont : base);
        painter->setPen(overdue ? BoardStyle::overdue() : BoardStyle::mutedText());
        const QFontMetrics metrics(painter->font());
        const QRect closeRect = line.adjusted(3 * (mark + 3) + 4, 0, 0, 0);
        // "Close 20 Jan 27" when it fits, else the date alone.
        QString closeText = (overdue ? QStringLiteral("Due %1") : QStringLiteral("Close %1")).arg(date);
        if (metrics.horizontalAdvance(closeText) > closeRect.width()) {
            closeText = date;
        }
        painter->drawText(closeRect, Qt::AlignRight | Qt::AlignVCenter, closeText);
    }

    // Line 5: the next activity, coloured by when it is due (not for lost deals).
    if (!lost) {
        line.translate(0, lineHeight);
        const NextActivityState state = nextActivityState(deal.nextActivity, now.toLocalTime());
        QColor colour = BoardStyle::activityPlanned();
        QString text = QStringLiteral("No activity planned");
        QString letter = QStringLiteral("!");
        if (deal.nextActivity) {
            const NextActivity& next = *deal.nextActivity;
            letter = activityKindName(next.kind).left(1);
            QString due = state == NextActivityState::Today ? QStringLiteral("Today") : shortDate(next.dueDate, today);
            if (next.dueTime.isValid()) {
                due += QLatin1Char(' ') + next.dueTime.toString(QStringLiteral("HH:mm"));
            }
            text = QStringLiteral("%1 · %2").arg(due, next.subject);
            colour = state == NextActivityState::Overdue ? BoardStyle::activityOverdue()
                : state == NextActivityState::Today      ? BoardStyle::activityToday()
                                                         : BoardStyle::activityPlanned();
        } else {
            colour = BoardStyle::activityNone();
        }
        const QRect icon(line.left(), line.top() + (line.height() - mark) / 2, mark, mark);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colour);
        painter->drawRoundedRect(QRectF(icon), 3, 3);
        QFont iconFont = boldFont;
        iconFont.setPointSizeF(base.pointSizeF() * 0.8);
        painter->setFont(iconFont);
        painter->setPen(deal.nextActivity ? Qt::white : QColor(0x5c, 0x45, 0x00));
        painter->drawText(icon, Qt::AlignCenter, letter);
        const bool strong = state == NextActivityState::Overdue || state == NextActivityState::Today;
        painter->setFont(strong ? boldFont : base);
        painter->setPen(deal.nextActivity ? colour : QColor(0x8a, 0x6d, 0x00));
        const QRect textRect = line.adjusted(mark + 5, 0, 0, 0);
        painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(painter->font()).elidedText(text, Qt::ElideRight, textRect.width()));
    }
    painter->restore();
}

QString CardDelegate::ownName(const QString& title, const QString& company)
{
    const QString buyer = company.trimmed();
    if (buyer.isEmpty() || !title.startsWith(buyer, Qt::CaseInsensitive) || title.size() == buyer.size()) {
        return title;
    }
    // Only at a word's end: "Acme renewal" for Acme, not "Acmeplex" for Acme.
    const QChar after = title.at(buyer.size());
    if (after.isLetterOrNumber()) {
        return title;
    }
    QString rest = title.mid(buyer.size());
    while (!rest.isEmpty() && (rest.front().isSpace() || QStringLiteral("-–—:·/,|").contains(rest.front()))) {
        rest.remove(0, 1);
    }
    if (rest.isEmpty()) {
        return title;
    }
    rest[0] = rest.at(0).toUpper();
    return rest;
}

QString CardDelegate::valueText(const Deal& deal, const QFont& font, int cardWidth)
{
    QFont bold = font;
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    const int width = cardWidth - ContentLeft - ContentRight;
    const QString probability
        = deal.probabilityPercent ? QStringLiteral(" · %1 %").arg(*deal.probabilityPercent) : QString();
    if (deal.value.minor <= 0) {
        return QStringLiteral("No value yet") + probability;
    }
    const QString whole = Numbers::amount(deal.value);
    const QString compact
        = Numbers::compact(deal.value.minor, deal.value.currency) + QLatin1Char(' ') + deal.value.currency;
    for (const QString& text : {whole + probability, compact + probability}) {
        if (metrics.horizontalAdvance(text) <= width) {
            return text;
        }
    }
    return compact;
}

} // namespace dealboard::gui
