#include "board/BoardStyle.h"

namespace dealboard::gui::BoardStyle {

QColor stageAccent(Stage stage)
{
    switch (stage) {
    case Stage::Prospecting:
        return QColor(0x7a, 0x86, 0x9a);
    case Stage::Qualifying:
        return QColor(0x5b, 0x7f, 0xc7);
    case Stage::Contacting:
        return QColor(0x3f, 0x8f, 0xd2);
    case Stage::Relationship:
        return QColor(0x2a, 0xa1, 0xb3);
    case Stage::Negotiation:
        return QColor(0xd0, 0x8a, 0x1e);
    case Stage::Closing:
        return QColor(0xc2, 0x5b, 0x2c);
    case Stage::Retention:
        return QColor(0x2e, 0x9e, 0x5b);
    }
    return Qt::gray;
}

QColor boardBackground()
{
    return QColor(0xee, 0xf1, 0xf5);
}

QColor cardBackground()
{
    return QColor(0xff, 0xff, 0xff);
}

QColor cardBorder()
{
    return QColor(0xd5, 0xda, 0xe1);
}

QColor selectedBorder()
{
    return QColor(0x2f, 0x6f, 0xde);
}

QColor focusRing()
{
    return QColor(0x11, 0x3c, 0x8c);
}

QColor teammateCard()
{
    return QColor(0xee, 0xef, 0xf2);
}

QColor mutedText()
{
    return QColor(0x5f, 0x68, 0x75);
}

QColor confirmed()
{
    return QColor(0x2e, 0x9e, 0x5b);
}

QColor rotting()
{
    return QColor(0xd9, 0x7a, 0x00);
}

QColor overdue()
{
    return QColor(0xc6, 0x28, 0x28);
}

QColor won()
{
    return QColor(0x2e, 0x9e, 0x5b);
}

QColor activityOverdue()
{
    return QColor(0xd3, 0x2f, 0x2f);
}

QColor activityToday()
{
    return QColor(0x2e, 0x9e, 0x5b);
}

QColor activityPlanned()
{
    return QColor(0x8a, 0x91, 0x9c);
}

QColor activityNone()
{
    return QColor(0xf2, 0xb7, 0x05);
}

} // namespace dealboard::gui::BoardStyle
