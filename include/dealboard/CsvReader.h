#pragma once

#include "dealboard/Result.h"

#include <QByteArray>
#include <QStringList>
#include <vector>

namespace dealboard {

// A table read from CSV: the header row, then the records.
struct CsvTable
{
    QStringList header;
    std::vector<QStringList> rows;
    std::vector<int> rowLines; // the line each row starts on, for messages
    QChar delimiter = QLatin1Char(',');
};

// Reads CSV as written by people and spreadsheets: an optional UTF-8
// byte-order mark, comma or semicolon (detected from the header row), CRLF or
// LF, quoted fields with embedded delimiters, quotes and line breaks. A
// malformed file is refused with the line and column of the first fault.
class CsvReader final
{
public:
    static Result<CsvTable> parse(const QByteArray& bytes);
};

} // namespace dealboard
