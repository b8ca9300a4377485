#pragma once

#include "dealboard/Pipeline.h"

#include <QString>
#include <functional>

class QIODevice;
class QWidget;

namespace dealboard::gui {

// Writes a table the rep has in view as CSV (the currency in a column of its
// own) where they choose: asks for the file, then writes it whole or not at
// all. Returns the sentence to show ("Exported the Forecast table to …"),
// empty when the rep cancelled, or what went wrong.
Result<QString> exportTable(QWidget* parent, Pipeline& service, const QString& view, const QString& fileName,
                            const std::function<bool(QIODevice*, bool)>& write);

} // namespace dealboard::gui
