#include "dealboard/CsvReader.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QIODevice>
#include <QStringDecoder>

namespace dealboard {

namespace {

constexpr qint64 ChunkBytes = 64 * 1024;

QChar detectDelimiter(QStringView text)
{
    // Count outside quotes on the first line only.
    int commas = 0;
    int semicolons = 0;
    bool quoted = false;
    for (const QChar c : text) {
        if (c == u'"') {
            quoted = !quoted;
        } else if (!quoted && (c == u'\n' || c == u'\r')) {
            break;
        } else if (!quoted && c == u',') {
            ++commas;
        } else if (!quoted && c == u';') {
            ++semicolons;
        }
    }
    return semicolons > commas ? QLatin1Char(';') : QLatin1Char(',');
}

} // namespace

CsvStream::CsvStream(QIODevice* device, QCryptographicHash* digest)
    : m_device(device)
    , m_digest(digest)
{
}

// "character" counts within the line; import faults name a field's "column".
Error CsvStream::fault(int line, int character, const QString& what) const
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("Line %1, character %2: %3.").arg(line).arg(character).arg(what));
}

bool CsvStream::fill()
{
    if (m_ended) {
        return false;
    }
    QByteArray bytes = m_device->read(ChunkBytes);
    // Chunks end at a line end, so no character is split between two of
    // them and each decodes on its own.
    if (!bytes.isEmpty() && !bytes.endsWith('\n') && !m_device->atEnd()) {
        bytes += m_device->readLine(MaxRecordCharacters * 4);
    }
    if (m_digest != nullptr) {
        m_digest->addData(bytes);
    }
    if (!m_started) {
        m_started = true;
        if (bytes.startsWith("\xEF\xBB\xBF")) {
            bytes.remove(0, 3);
        }
    }
    if (bytes.isEmpty()) {
        m_ended = true;
        return false;
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString decoded = decoder.decode(bytes);
    if (decoder.hasError()) {
        // The line of the first invalid byte: lines read so far, those
        // waiting to be parsed, then line by line through this chunk.
        int line = m_line + static_cast<int>(QStringView(m_text).mid(m_at).count(u'\n'));
        for (const QByteArray& piece : bytes.split('\n')) {
            QStringDecoder check(QStringDecoder::Utf8);
            (void)QString(check.decode(piece));
            if (check.hasError()) {
                break;
            }
            ++line;
        }
        m_badLine = line;
        m_ended = true;
        return false;
    }
    m_text = m_text.mid(m_at) + decoded;
    m_at = 0;
    return true;
}

Result<bool> CsvStream::next(QStringList& record, int& line)
{
    record.clear();
    QString field;
    qsizetype recordCharacters = 0;
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    bool afterClosingQuote = false;
    bool recordHasContent = false;
    bool first = !m_started;
    line = m_line;

    auto endField = [&] {
        record << field;
        field.clear();
        fieldWasQuoted = false;
        afterClosingQuote = false;
    };
    for (;;) {
        if (m_at >= m_text.size()) {
            if (!fill()) {
                if (m_badLine > 0) {
                    break;
                }
                if (inQuotes) {
                    return fault(line, 1, QStringLiteral("a quoted field is never closed"));
                }
                if (recordHasContent || !field.isEmpty()) {
                    endField();
                    return true;
                }
                return false;
            }
            if (first) {
                m_delimiter = detectDelimiter(m_text);
                first = false;
            }
            continue;
        }
        const QChar c = m_text[m_at++];
        if (m_pendingCr) {
            m_pendingCr = false;
            if (c == u'\n') {
                continue;
            }
        }
        if (++recordCharacters > MaxRecordCharacters) {
            return fault(line, 1,
                         QStringLiteral("a record longer than %1 characters; a quoted field is probably never "
                                        "closed")
                             .arg(MaxRecordCharacters));
        }
        if (inQuotes) {
            if (c == u'"') {
                if (m_at >= m_text.size()) {
                    fill();
                }
                if (m_at < m_text.size() && m_text[m_at] == u'"') {
                    field += QLatin1Char('"');
                    ++m_at;
                    ++m_character;
                } else {
                    inQuotes = false;
                    afterClosingQuote = true;
                }
            } else {
                field += c;
                // A line break inside a quoted field: LF, CRLF (counted at
                // its LF) or a lone CR, as old Mac files write.
                bool lineBreak = c == u'\n';
                if (c == u'\r') {
                    if (m_at >= m_text.size()) {
                        fill();
                    }
                    lineBreak = m_at >= m_text.size() || m_text[m_at] != u'\n';
                }
                if (lineBreak) {
                    ++m_line;
                    m_character = 0;
                }
            }
            ++m_character;
            continue;
        }
        if (c == m_delimiter) {
            endField();
            recordHasContent = true;
        } else if (c == u'\r' || c == u'\n') {
            m_pendingCr = c == u'\r';
            ++m_line;
            m_character = 1;
            if (!recordHasContent && field.isEmpty() && record.isEmpty()) {
                line = m_line; // a blank line: the record starts on the next
                recordCharacters = 0;
                continue;
            }
            endField();
            return true;
        } else if (afterClosingQuote) {
            return fault(m_line, m_character,
                         QStringLiteral("text after a closing quote; a quote inside a quoted field "
                                        "must be doubled (\"\")"));
        } else if (c == u'"') {
            if (!field.isEmpty() || fieldWasQuoted) {
                return fault(m_line, m_character,
                             QStringLiteral("a quote in the middle of an unquoted field; quote the "
                                            "whole field and double the quote"));
            }
            inQuotes = true;
            fieldWasQuoted = true;
            recordHasContent = true;
        } else {
            field += c;
            recordHasContent = true;
        }
        ++m_character;
    }
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("Line %1: the file is not valid UTF-8 text. Save it as UTF-8 (\"CSV UTF-8\" in "
                                    "spreadsheets) and try again.")
                         .arg(m_badLine));
}

Result<CsvTable> CsvReader::parse(const QByteArray& bytes)
{
    QByteArray copy = bytes; // QBuffer needs a non-const array; shares the data
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    CsvStream stream(&buffer);
    CsvTable table;
    QStringList record;
    int line = 0;
    bool header = true;
    for (;;) {
        Result<bool> read = stream.next(record, line);
        if (!read) {
            return read.error();
        }
        if (!read.value()) {
            break;
        }
        if (header) {
            table.header = record;
            for (QString& name : table.header) {
                name = name.trimmed();
            }
            header = false;
        } else {
            table.rows.push_back(record);
            table.rowLines.push_back(line);
        }
    }
    if (header) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("The file is empty; it needs at least a header row."));
    }
    table.delimiter = stream.delimiter();
    return table;
}

} // namespace dealboard
