#pragma once

// One editor per custom field, the same in the refusal form and the deal's
// fields dialog: a line for text, numbers, money and dates (with how to write
// one as its placeholder), a list for a choice, and yes/no. What the rep
// gave is handed to the service as typed; the service checks it.
#include "dealboard/CustomFields.h"
#include "dealboard/Deal.h"

#include <QString>
#include <QStringList>
#include <functional>

class QObject;
class QWidget;

namespace dealboard::gui {

// An editor for `field` holding `stored` (its canonical value; empty: none),
// named "field_<key>" for tests and accessibility.
QWidget* makeFieldEditor(const CustomField& field, const QString& stored, QWidget* parent);
// What the editor holds, as the service reads it ("" for none).
QString typedIn(const QWidget* editor);
// Puts `typed` back in the editor (a form asked again).
void setTyped(QWidget* editor, const QString& typed);
// Calls `changed` whenever what the editor holds changes.
void onEdited(QWidget* editor, QObject* context, const std::function<void()>& changed);

// The custom fields `facts` sets that someone else changed on the deal
// between `asked` and `now` (both read with their values) are theirs: taken
// out of `facts`, and their names given back.
QStringList keepTheirFields(DealFields& facts, const Deal& asked, const Deal& now, const CustomFields& fields);

} // namespace dealboard::gui
