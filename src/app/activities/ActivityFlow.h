#pragma once

#include "dealboard/Pipeline.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;
class QTimeEdit;

namespace dealboard::gui {

// The activity flows of the board, through the service; a touch that comes
// too soon asks the rep before it is saved anyway.
namespace ActivityFlow {
// Plans an activity on the deal; true when one was saved.
bool plan(QWidget* parent, Pipeline& service, const Deal& deal);
// Plans the same activity on each of the deals, in one action; true when
// they were saved.
bool planForSeveral(QWidget* parent, Pipeline& service, const std::vector<Deal>& deals);
// Marks it done and asks for the next one (which can be skipped).
bool complete(QWidget* parent, Pipeline& service, const Activity& activity);
// Asks for a new day and moves the planned activity there.
bool reschedule(QWidget* parent, Pipeline& service, const Activity& activity);
} // namespace ActivityFlow

} // namespace dealboard::gui
