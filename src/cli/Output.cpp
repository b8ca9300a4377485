#include "Output.h"

#include "CommandLine.h"
#include "Context.h"
#include "dealboard/TextRules.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>
#include <cstdio>
#include <unistd.h>

namespace dealboard::cli {

QString visible(const QString& text)
{
    if (!TextRules::forbiddenAt(text, true) && !text.contains(QLatin1Char('\t')) && !text.contains(QLatin1Char('\r'))) {
        return text;
    }
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString& line : lines) {
        line = TextRules::shown(line, false);
    }
    return lines.join(QLatin1Char('\n'));
}

QString oneLine(const QString& text)
{
    return TextRules::shown(text, false);
}

QString indentedLines(const QString& text, const QString& indent)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString& line : lines) {
        line = TextRules::shown(line, false);
    }
    return lines.join(QLatin1Char('\n') + indent);
}

QString jsonText(const QByteArray& utf8)
{
    const QString json = QString::fromUtf8(utf8);
    // Qt escapes the C0 controls inside strings; the structure itself holds
    // only spaces and line feeds. Whatever else the rule forbids can only be
    // inside a string, where JSON's escape stands for the very same text.
    QString out;
    out.reserve(json.size());
    for (const QChar c : json) {
        if (c != u'\n' && TextRules::forbiddenAt(QStringView(&c, 1), false)) {
            out += QStringLiteral("\\u%1").arg(static_cast<int>(c.unicode()), 4, 16, QLatin1Char('0'));
        } else {
            out += c;
        }
    }
    return out;
}

void printJson(const QJsonDocument& document, QJsonDocument::JsonFormat format)
{
    printOut(jsonText(document.toJson(format)));
}

void printOut(const QString& text)
{
    const QByteArray bytes = visible(text).toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
}

void printErr(const QString& text)
{
    const QByteArray bytes = visible(text).toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
}

void printLinkedContacts(const QStringList& linked, bool dryRun)
{
    if (linked.isEmpty()) {
        return;
    }
    printOut(QStringLiteral("%1 to existing contacts of another spelling:\n")
                 .arg(dryRun ? QStringLiteral("Would link") : QStringLiteral("Linked")));
    for (const QString& one : linked.mid(0, 20)) {
        printOut(QStringLiteral("  %1\n").arg(one));
    }
    if (linked.size() > 20) {
        printOut(QStringLiteral("  … and %1 more\n").arg(linked.size() - 20));
    }
}

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

QString elide(const QString& text, qsizetype width)
{
    return text.size() <= width ? text : text.left(width - 1) + QChar(0x2026);
}

QString table(const QStringList& header, const std::vector<QStringList>& rawRows, const QSet<int>& rightAligned)
{
    // Escaped first, so the columns line up with what the terminal shows.
    std::vector<QStringList> rows;
    rows.reserve(rawRows.size());
    for (const QStringList& raw : rawRows) {
        QStringList& row = rows.emplace_back();
        for (const QString& cell : raw) {
            row << oneLine(cell);
        }
    }
    std::vector<qsizetype> widths(header.size());
    for (qsizetype c = 0; c < header.size(); ++c) {
        widths[c] = header[c].size();
    }
    for (const QStringList& row : rows) {
        for (qsizetype c = 0; c < row.size(); ++c) {
            widths[c] = std::max(widths[c], row[c].size());
        }
    }
    auto line = [&](const QStringList& cells) {
        QString text;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            const int width = static_cast<int>(widths[c]);
            text += rightAligned.contains(static_cast<int>(c)) ? cells[c].rightJustified(width)
                                                               : cells[c].leftJustified(width);
            text += c + 1 < cells.size() ? QStringLiteral("  ") : QString();
        }
        return text.trimmed().isEmpty() ? text : text.remove(QRegularExpression(QStringLiteral("\\s+$")));
    };
    QString text = line(header) + QLatin1Char('\n');
    for (const QStringList& row : rows) {
        text += line(row) + QLatin1Char('\n');
    }
    return text;
}

int printListing(const Context& context, const CommandLine& line, const Listing& listing)
{
    const QString format = line.value(QStringLiteral("format")).value_or(QStringLiteral("table"));
    if (format == u"csv") {
        return context.writeOutput(QStringLiteral("-"), listing.csv);
    }
    if (format == u"json") {
        printJson(QJsonDocument(listing.json));
        return ExitDone;
    }
    printOut(table(listing.header, listing.rows, listing.rightAligned));
    printOut(listing.countLine);
    return ExitDone;
}

int printReport(const Context& context, const CommandLine& line, const ReportForms& forms)
{
    const QString format = line.value(QStringLiteral("format")).value_or(QStringLiteral("table"));
    if (format == u"csv") {
        return context.writeOutput(QStringLiteral("-"), forms.csv);
    }
    printOut(format == u"json" ? jsonText(QJsonDocument(forms.json()).toJson()) : forms.table());
    return ExitDone;
}

TerminalProgress::TerminalProgress(QString what)
    : m_what(std::move(what))
    , m_terminal(isatty(STDERR_FILENO) == 1)
{
}

TerminalProgress::~TerminalProgress()
{
    finish();
}

void TerminalProgress::finish()
{
    if (m_shown) {
        m_shown = false;
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
    }
}

std::function<bool(qint64, qint64)> TerminalProgress::callback()
{
    if (!m_terminal) {
        return {};
    }
    return [this](qint64 done, qint64 total) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (m_lastMs >= 0 && now - m_lastMs < 200) {
            return true;
        }
        m_lastMs = now;
        m_shown = true;
        const int percent = total > 0 ? static_cast<int>(std::min<qint64>(100, done * 100 / total)) : 0;
        std::fprintf(stderr, "\r\033[K%s… %d %%", m_what.toUtf8().constData(), percent);
        std::fflush(stderr);
        return true;
    };
}

} // namespace dealboard::cli
