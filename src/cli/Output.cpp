#include "Output.h"

#include "CommandLine.h"
#include "Context.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>
#include <cstdio>
#include <unistd.h>

namespace dealboard::cli {

QString visible(const QString& text)
{
    QString shown;
    shown.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool control = (u < 0x20 && u != u'\n') || (u >= 0x7f && u <= 0x9f);
        const bool bidi = (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069);
        if (control || bidi) {
            // JSON's own escape form, so JSON output stays valid JSON.
            shown += QStringLiteral("\\u%1").arg(static_cast<int>(u), 4, 16, QLatin1Char('0'));
        } else {
            shown += c;
        }
    }
    return shown;
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
            row << visible(cell);
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
        printOut(QString::fromUtf8(QJsonDocument(listing.json).toJson(QJsonDocument::Indented)));
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
    printOut(format == u"json" ? QString::fromUtf8(QJsonDocument(forms.json()).toJson()) : forms.table());
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
