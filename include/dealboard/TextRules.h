#pragma once

// One rule for the characters a field may not hold, the same in the form, the
// details pane, the CLI, the CSV import and on a team's server: control
// characters (tabs and line breaks only where a field has lines), and the
// invisible format characters that turn or hide text (direction marks,
// embeddings, overrides and isolates, zero-width space, word joiner, line and
// paragraph separators, the byte-order mark, tag characters) and every other
// character Unicode says shows as nothing (the soft hyphen, the Hangul
// fillers…). The zero-width joiner and non-joiner and the variation selectors
// stay: names in Persian and emoji need them.
#include <QString>
#include <optional>

namespace dealboard::TextRules {

// Where the first forbidden character is (0-based), if any.
std::optional<qsizetype> forbiddenAt(QStringView text, bool lines);

// "U+202E" for the character at `at`.
QString codePointAt(QStringView text, qsizetype at);

// The text with every forbidden character written out as "<U+202E>", for
// showing text stored before the rule (or by an older client) without letting
// it turn or hide what follows. Tabs and line breaks stay where `lines`.
QString shown(QStringView text, bool lines = false);

// What a person means by `edited`, their edit of `shown(stored, lines)`: a
// written-out character ("<U+202E>") kept from the stored text stands for
// that character, so deleting it deletes the character; whatever was typed
// is taken as typed, so a "<U+202E>" the person types is plain text. An edit
// that leaves the written-out text as it was gives back `stored` itself.
QString unshown(QStringView stored, QStringView edited, bool lines = false);

// The same rule as a PostgreSQL regular expression's bracket.
QString serverPattern(bool lines);

} // namespace dealboard::TextRules
