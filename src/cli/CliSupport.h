#pragma once

// What every dealboard-cli command prints with and parses with.
#include "CommandLine.h"

#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace dealboard::cli {

// Text for a terminal: C0 and C1 control characters (but the line feed) and
// bidirectional controls shown as \uXXXX, so stored text can neither drive
// the terminal nor reorder what is shown. printOut and printErr apply it;
// CSV goes to its device untouched.
QString visible(const QString& text);
void printOut(const QString& text);
void printErr(const QString& text);
// A command's options plus the global ones (--db, --verbose).
OptionSpec withGlobals(OptionSpec spec);
std::optional<bool> parseYesNo(const QString& text);
QString yesNo(bool value);
// Cuts text to `width` characters, ending in an ellipsis.
QString elide(const QString& text, qsizetype width);
// A plain-text table with aligned columns; `rightAligned` holds column indexes.
QString table(const QStringList& header, const std::vector<QStringList>& rows, const QSet<int>& rightAligned);

} // namespace dealboard::cli
