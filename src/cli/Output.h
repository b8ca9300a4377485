#pragma once

// How dealboard-cli prints: text made safe for a terminal, aligned tables,
// and a listing in the format a command's --format asks for.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

class QIODevice;

namespace dealboard::cli {

class CommandLine;
class Context;

// Text for a terminal, by the one rule of include/dealboard/TextRules.h: every
// character a one-line field may not hold (control, direction, invisible and
// line-separator characters) is written out as "<U+202E>", so stored text can
// neither drive the terminal nor turn, hide or fake what is shown. The line
// feeds are the output's own and stay. printOut and printErr apply it; CSV
// goes to its device untouched.
QString visible(const QString& text);
// A stored field for one line of output: its line breaks written out too
// ("<U+000A>"), so a record never spills onto a line of its own.
QString oneLine(const QString& text);
// A field that may hold lines (notes), for a text block: every further line
// starts with `indent`, the column where the field's value starts, so no line
// of the field reads as a line of the block.
QString indentedLines(const QString& text, const QString& indent);
// JSON for a terminal that stays exact: what the rule forbids is written as
// JSON's own \uXXXX escape, so a parser reads back the text as stored.
QString jsonText(const QByteArray& json);
void printJson(const QJsonDocument& document, QJsonDocument::JsonFormat format = QJsonDocument::Indented);
void printOut(const QString& text);
void printErr(const QString& text);
// What an import linked to existing contacts found by their normalized key
// rather than as written, the first 20 ("Would link" on a dry run).
void printLinkedContacts(const QStringList& linked, bool dryRun);
QString yesNo(bool value);
// Cuts text to `width` characters, ending in an ellipsis.
QString elide(const QString& text, qsizetype width);
// A plain-text table with aligned columns; `rightAligned` holds column indexes.
QString table(const QStringList& header, const std::vector<QStringList>& rows, const QSet<int>& rightAligned);

// Progress of long work on standard error, when it is a terminal (never into
// a pipe or a file): one line, rewritten at most five times a second, and
// cleared at the end. `what` is a gerund phrase ("Importing deals").
class TerminalProgress final
{
public:
    explicit TerminalProgress(QString what);
    ~TerminalProgress();
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;
    // What the core's long work takes; empty when standard error is no terminal.
    std::function<bool(qint64, qint64)> callback();
    // Clears the line, before what was done is said.
    void finish();

private:
    QString m_what;
    bool m_terminal;
    bool m_shown = false;
    qint64 m_lastMs = -1;
};

// One listing in the three formats a listing command offers.
struct Listing
{
    std::function<bool(QIODevice*)> csv;
    QJsonArray json;
    QStringList header;
    std::vector<QStringList> rows;
    QSet<int> rightAligned;
    QString countLine; // under the table
};
// Prints `listing` as the line's --format asks: CSV, JSON, or a table and its count line.
int printListing(const Context& context, const CommandLine& line, const Listing& listing);

// One report (the forecast, the owners' month) in the three forms its
// command offers; only the form asked for is made.
struct ReportForms
{
    std::function<QJsonObject()> json;
    std::function<bool(QIODevice*)> csv;
    std::function<QString()> table;
};
// Prints the report as the line's --format asks (table by default).
int printReport(const Context& context, const CommandLine& line, const ReportForms& forms);

} // namespace dealboard::cli
