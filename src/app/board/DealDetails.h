#pragma once

#include "dealboard/Deal.h"

#include <QDateTime>
#include <QString>
#include <vector>

namespace dealboard::gui {

// The details panel's text for a deal: every fact, its next activity, the
// deal it follows up (`origin`, when on the board) and its stage history.
QString dealDetailsHtml(const Deal* deal, const Deal* origin, const std::vector<HistoryEntry>& history,
                        const QDateTime& now);

} // namespace dealboard::gui
