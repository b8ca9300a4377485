#pragma once

#include "dealboard/Stage.h"

#include <QColor>
#include <QString>
#include <cstdint>

namespace dealboard::gui {

// The board's colours and sizes, in one place so cards, columns and headers agree.
namespace BoardStyle {

inline constexpr int CardHeight = 116;
inline constexpr int CardSpacing = 6;
inline constexpr int ColumnMinimumWidth = 190;

QColor stageAccent(Stage stage);
QColor boardBackground();
QColor cardBackground();
QColor cardBorder();
QColor selectedBorder();
QColor focusRing(); // the card the keyboard is on
QColor teammateCard(); // a teammate's card, on a team's server
QColor mutedText();
QColor confirmed(); // qualification mark set
QColor rotting();
QColor overdue();
QColor won();
// The next activity, the way reps read it: overdue red, today green, planned
// grey, nothing planned yellow.
QColor activityOverdue();
QColor activityToday();
QColor activityPlanned();
QColor activityNone();

} // namespace BoardStyle

} // namespace dealboard::gui
