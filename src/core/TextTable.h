#pragma once

// A plain-text table for the reports' table form: the first `leftColumns`
// columns aligned left, the others right, two spaces between columns, one
// line per row: a cell's line breaks and invisible characters are written out
// (TextRules::shown), so stored text never makes a line of its own.
#include "dealboard/TextRules.h"

#include <QStringList>
#include <vector>

namespace dealboard {

inline QString textTable(const QStringList& header, const std::vector<QStringList>& rawRows, qsizetype leftColumns = 1)
{
    std::vector<QStringList> rows;
    rows.reserve(rawRows.size());
    for (const QStringList& raw : rawRows) {
        QStringList& row = rows.emplace_back();
        for (const QString& cell : raw) {
            row << TextRules::shown(cell, false);
        }
    }
    std::vector<qsizetype> widths(header.size());
    for (qsizetype c = 0; c < header.size(); ++c) {
        widths[c] = header[c].size();
        for (const QStringList& row : rows) {
            widths[c] = std::max(widths[c], row.value(c).size());
        }
    }
    auto line = [&widths, leftColumns](const QStringList& cells) {
        QStringList padded;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            const int width = static_cast<int>(widths[c]);
            padded << (c < leftColumns ? cells[c].leftJustified(width) : cells[c].rightJustified(width));
        }
        return padded.join(QStringLiteral("  ")) + QLatin1Char('\n');
    };
    QString text = line(header);
    for (const QStringList& row : rows) {
        text += line(row);
    }
    return text;
}

} // namespace dealboard
