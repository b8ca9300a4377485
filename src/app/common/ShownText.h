#pragma once

// Stored text (a deal's title, company, contact, owner or lost reason, an
// activity's subject, a note, a tag, an organization's or a person's name) as
// the board shows it in labels, message boxes, the status bar, the Edit menu,
// window titles, tooltips and table cells: every character that turns or
// hides text, and a line break, written out ("<U+202E>"), so that text stored
// before the rule (or by an older client) never reverses or breaks what
// follows it. Fields a person edits go through TextRules::shown and unshown.
#include "dealboard/TextRules.h"

#include <QString>

namespace dealboard::gui {

// Acme <U+202E>renewal; with `lines`, line breaks stay (a note's body).
inline QString shownText(QStringView stored, bool lines = false)
{
    return TextRules::shown(stored, lines);
}

// 'Acme renewal', as messages name a deal.
inline QString quotedText(QStringView stored)
{
    return QStringLiteral("'%1'").arg(shownText(stored));
}

} // namespace dealboard::gui
