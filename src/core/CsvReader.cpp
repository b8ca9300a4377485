#include "dealboard/CsvReader.h"

#include <QStringDecoder>

namespace dealboard {

namespace {

// "character" counts within the line; import faults name a field's "column".
Error faultAt(int line, int character, const QString& what)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("Line %1, character %2: %3.").arg(line).arg(character).arg(what));
}

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

Result<CsvTable> CsvReader::parse(const QByteArray& bytes)
{
    QByteArrayView view(bytes);
    if (view.startsWith("\xEF\xBB\xBF")) {
        view = view.sliced(3);
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(view);
    if (decoder.hasError()) {
        // Decode line by line to name the line of the first invalid byte.
        int line = 1;
        qsizetype start = 0;
        while (start < view.size()) {
            qsizetype end = view.indexOf('\n', start);
            if (end < 0) {
                end = view.size();
            }
            QStringDecoder lineDecoder(QStringDecoder::Utf8);
            (void)QString(lineDecoder.decode(view.sliced(start, end - start)));
            if (lineDecoder.hasError()) {
                break;
            }
            ++line;
            start = end + 1;
        }
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("Line %1: the file is not valid UTF-8 text. Save it as UTF-8 (\"CSV UTF-8\" in "
                                        "spreadsheets) and try again.")
                             .arg(line));
    }

    CsvTable table;
    table.delimiter = detectDelimiter(text);
    const QChar delimiter = table.delimiter;
    std::vector<QStringList> records;
    std::vector<int> recordLines;
    QStringList record;
    QString field;
    int line = 1;
    int column = 1;
    int recordLine = 1;
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    bool afterClosingQuote = false;
    bool recordHasContent = false;

    auto endField = [&]() {
        record << field;
        field.clear();
        fieldWasQuoted = false;
        afterClosingQuote = false;
    };
    auto endRecord = [&]() {
        endField();
        if (!(record.size() == 1 && record.front().isEmpty() && !recordHasContent)) {
            records.push_back(record);
            recordLines.push_back(recordLine);
        }
        record.clear();
        recordHasContent = false;
    };

    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < size && text[i + 1] == u'"') {
                    field += QLatin1Char('"');
                    ++i;
                    ++column;
                } else {
                    inQuotes = false;
                    afterClosingQuote = true;
                }
            } else {
                field += c;
                // A line break inside a quoted field: LF, CRLF (counted at
                // its LF) or a lone CR, as old Mac files write.
                if (c == u'\n' || (c == u'\r' && (i + 1 >= size || text[i + 1] != u'\n'))) {
                    ++line;
                    column = 0;
                }
            }
            ++column;
            continue;
        }
        if (c == delimiter) {
            endField();
            recordHasContent = true;
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < size && text[i + 1] == u'\n') {
                ++i;
            }
            endRecord();
            ++line;
            column = 0;
            recordLine = line;
        } else if (afterClosingQuote) {
            return faultAt(line, column,
                           QStringLiteral("text after a closing quote; a quote inside a quoted field "
                                          "must be doubled (\"\")"));
        } else if (c == u'"') {
            if (!field.isEmpty() || fieldWasQuoted) {
                return faultAt(line, column,
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
        ++column;
    }
    if (inQuotes) {
        return faultAt(recordLine, 1, QStringLiteral("a quoted field is never closed"));
    }
    if (recordHasContent || !field.isEmpty()) {
        endRecord();
    }
    if (records.empty()) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("The file is empty; it needs at least a header row."));
    }
    table.header = records.front();
    for (QString& name : table.header) {
        name = name.trimmed();
    }
    table.rows.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
    table.rowLines.assign(recordLines.begin() + 1, recordLines.end());
    return table;
}

} // namespace dealboard
