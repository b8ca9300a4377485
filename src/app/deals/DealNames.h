#pragma once

#include "common/ShownText.h"
#include "dealboard/Result.h"

#include <QStringList>
#include <utility>
#include <vector>

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
        quoted << quotedText(titles.at(i));
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

// The board's word when an action on several deals, one transaction, is
// refused for some (`refused`: each deal's title and why) of `total`: nothing
// was changed, and why, each deal named by its title. Refusals all alike keep
// their code (a subject refused as typed asks for the form again).
inline Error refusedOnSeveral(const std::vector<std::pair<QString, Error>>& refused, std::size_t total)
{
    Error error = refused.front().second;
    bool alike = true;
    QStringList lines;
    for (const auto& [title, why] : refused) {
        alike = alike && why.code == error.code && why.message == error.message;
        lines << QStringLiteral("%1: %2").arg(quotedText(title), shownText(why.message, true));
    }
    if (alike && refused.size() == total) {
        error.message
            = QStringLiteral("Nothing was changed on the %1 deals: %2").arg(total).arg(shownText(error.message, true));
        return error;
    }
    error.code = alike ? error.code : ErrorCode::RefusedByRules;
    error.message = QStringLiteral("Nothing was changed: %1 of the %2 deals were refused:\n%3")
                        .arg(refused.size())
                        .arg(total)
                        .arg(lines.join(QLatin1Char('\n')));
    return error;
}

} // namespace dealboard::gui
