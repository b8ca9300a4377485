#pragma once

#include <QIODevice>
#include <QStringList>
#include <string_view>

namespace dealboard {

// Writes RFC 4180 CSV in UTF-8 to a device: comma separated, CRLF line ends,
// fields with a comma, quote, CR or LF quoted, quotes doubled. Text fields that
// a spreadsheet would run as a formula get a leading apostrophe.
class CsvWriter final
{
public:
    explicit CsvWriter(QIODevice* device, bool byteOrderMark = false);

    // A cell the user typed: guarded against formula injection.
    CsvWriter& text(const QString& value);
    // A cell the exporter itself made (numbers, dates, slugs): written as is.
    CsvWriter& plain(const QString& value);
    // The same for UTF-8 bytes read straight from the database.
    CsvWriter& textUtf8(std::string_view value);
    CsvWriter& plainUtf8(std::string_view value);
    // Ends the row. False when the device refused the bytes.
    bool endRow();

    static QString guardFormula(const QString& value);
    static QString quoted(const QString& value);

private:
    QIODevice* m_device;
    QByteArray m_row;
    bool m_firstCell = true;
    bool m_ok = true;
};

} // namespace dealboard
