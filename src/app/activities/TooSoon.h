#pragma once

#include "common/ShownText.h"

#include <QMessageBox>
#include <QPushButton>

namespace dealboard::gui {

// A touch planned too soon after another of the person: the rep says whether
// to save it anyway. True for "Save anyway".
inline bool askContactAnyway(QWidget* parent, const QString& message)
{
    QMessageBox ask(QMessageBox::Warning, QStringLiteral("Contact too soon"), shownText(message, true),
                    QMessageBox::Cancel, parent);
    ask.setObjectName(QStringLiteral("contactTooSoon"));
    ask.setTextFormat(Qt::PlainText);
    QPushButton* anyway = ask.addButton(QStringLiteral("Save anyway"), QMessageBox::AcceptRole);
    anyway->setObjectName(QStringLiteral("saveAnyway"));
    ask.setDefaultButton(QMessageBox::Cancel);
    ask.exec();
    return ask.clickedButton() == anyway;
}

} // namespace dealboard::gui
