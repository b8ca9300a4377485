#pragma once

#include <QLabel>

namespace dealboard::gui {

// A form's line saying why what was given can't be saved, in red, wrapped,
// as plain text (the words may quote what the rep typed); hidden until said.
inline QLabel* problemLine(QWidget* parent, const QString& objectName)
{
    auto* line = new QLabel(parent);
    line->setObjectName(objectName);
    line->setWordWrap(true);
    line->setTextFormat(Qt::PlainText);
    line->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    line->hide();
    return line;
}

} // namespace dealboard::gui
