#pragma once

#include "dealboard/Result.h"

#include <QByteArray>
#include <QStringList>
#include <vector>

class QCryptographicHash;
class QIODevice;

namespace dealboard {

// A table read from CSV: the header row, then the records.
struct CsvTable
{
    QStringList header;
    std::vector<QStringList> rows;
    std::vector<int> rowLines; // the line each row starts on, for messages
    QChar delimiter = QLatin1Char(',');
};

// Reads CSV record by record from a device, holding one record at a time:
// an optional UTF-8 byte-order mark, comma or semicolon (detected from the
// header row), CRLF, LF or CR, quoted fields with embedded delimiters, quotes
// and line breaks. A malformed file is refused with the line and character
// of the first fault; a record over MaxRecordCharacters (an unclosed quote
// swallowing the file) is refused too.
class CsvStream final
{
public:
    static constexpr qsizetype MaxRecordCharacters = 1 << 20;

    // `digest`, when given, is fed every byte read.
    explicit CsvStream(QIODevice* device, QCryptographicHash* digest = nullptr);

    // The next record and the line it starts on; false at the end.
    Result<bool> next(QStringList& record, int& line);
    QChar delimiter() const { return m_delimiter; }

private:
    bool fill(); // decodes the next chunk; false at the end
    Error fault(int line, int character, const QString& what) const;

    QIODevice* m_device;
    QCryptographicHash* m_digest;
    int m_badLine = 0; // the line of the first byte that is not UTF-8, once found
    QString m_text; // decoded, not yet parsed
    qsizetype m_at = 0;
    bool m_started = false;
    bool m_ended = false;
    QChar m_delimiter = QLatin1Char(',');
    int m_line = 1;
    int m_character = 1;
    bool m_pendingCr = false; // a CR ended the last record; an LF right after it belongs to it
};

// The whole table at once, for small files (and the tests): the same parser.
class CsvReader final
{
public:
    static Result<CsvTable> parse(const QByteArray& bytes);
};

} // namespace dealboard
