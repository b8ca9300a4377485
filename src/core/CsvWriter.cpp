#include "dealboard/CsvWriter.h"

namespace dealboard {

CsvWriter::CsvWriter(QIODevice* device, bool byteOrderMark)
    : m_device(device)
{
    if (byteOrderMark) {
        m_ok = m_device->write("\xEF\xBB\xBF", 3) == 3;
    }
}

QString CsvWriter::guardFormula(const QString& value)
{
    if (!value.isEmpty()) {
        const QChar first = value.front();
        // A leading ' is doubled too, so that import, which strips exactly
        // one, gives every text back as typed.
        if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r'
            || first == u'\'') {
            return QLatin1Char('\'') + value;
        }
    }
    return value;
}

QString CsvWriter::quoted(const QString& value)
{
    bool needsQuotes = false;
    for (const QChar c : value) {
        if (c == u',' || c == u'"' || c == u'\r' || c == u'\n') {
            needsQuotes = true;
            break;
        }
    }
    if (!needsQuotes) {
        return value;
    }
    QString result = value;
    result.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + result + QLatin1Char('"');
}

CsvWriter& CsvWriter::text(const QString& value)
{
    return plain(guardFormula(value));
}

CsvWriter& CsvWriter::plain(const QString& value)
{
    if (!m_firstCell) {
        m_row.append(',');
    }
    m_firstCell = false;
    m_row.append(quoted(value).toUtf8());
    return *this;
}

CsvWriter& CsvWriter::plainUtf8(std::string_view value)
{
    if (!m_firstCell) {
        m_row.append(',');
    }
    m_firstCell = false;
    // UTF-8's multi-byte sequences never contain these ASCII bytes.
    bool plain = true;
    for (const char c : value) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            plain = false;
            break;
        }
    }
    if (plain) {
        m_row.append(value.data(), static_cast<qsizetype>(value.size()));
        return *this;
    }
    m_row.append('"');
    for (const char c : value) {
        if (c == '"') {
            m_row.append('"');
        }
        m_row.append(c);
    }
    m_row.append('"');
    return *this;
}

CsvWriter& CsvWriter::textUtf8(std::string_view value)
{
    if (!value.empty()) {
        const char first = value.front();
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
            || first == '\'') {
            std::string guarded;
            guarded.reserve(value.size() + 1);
            guarded += '\'';
            guarded += value;
            return plainUtf8(guarded);
        }
    }
    return plainUtf8(value);
}

bool CsvWriter::endRow()
{
    m_row.append("\r\n", 2);
    if (m_device->write(m_row) != m_row.size()) {
        m_ok = false;
    }
    m_row.resize(0); // keeps the buffer for the next row
    m_firstCell = true;
    return m_ok;
}

} // namespace dealboard
