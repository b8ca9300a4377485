#pragma once

#include "dealboard/TextRules.h"

#include <QStringList>

namespace dealboard::gui {

// "'Acme renewal', 'Beta pilot', 'Cobalt' and 4 more": the deals an action on
// several names before it acts, so that a rep sees which ones it will touch.
// Up to four are named whole; invisible characters are written out.
inline QString namedDeals(const QStringList& titles)
{
    constexpr qsizetype Named = 3;
    const qsizetype whole = titles.size() <= Named + 1 ? titles.size() : Named;
    QStringList quoted;
    for (qsizetype i = 0; i < whole; ++i) {
        quoted << QStringLiteral("'%1'").arg(TextRules::shown(titles.at(i)));
    }
    if (whole < titles.size()) {
        return QStringLiteral("%1 and %2 more").arg(quoted.join(QStringLiteral(", "))).arg(titles.size() - whole);
    }
    if (quoted.size() < 2) {
        return quoted.join(QString());
    }
    const QString last = quoted.takeLast();
    return QStringLiteral("%1 and %2").arg(quoted.join(QStringLiteral(", ")), last);
}

} // namespace dealboard::gui
