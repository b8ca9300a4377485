#pragma once

#include "dealboard/Deal.h"
#include "dealboard/Result.h"

#include <QByteArray>
#include <QStringList>
#include <array>
#include <functional>
#include <vector>

class QIODevice;

namespace dealboard {

// One deal read from a file, with the history that records its import.
struct ImportedDeal
{
    Deal deal;
    std::vector<HistoryEntry> history;
};

// What an import would add (or added): the deals, and what was left aside.
struct ImportPlan
{
    std::vector<ImportedDeal> deals; // filled by plan(); scan() hands them over one by one
    int count = 0; // deals read
    QByteArray digest; // SHA-256 of the bytes read, to notice a file changed between two reads
    QStringList ignoredColumns;
    std::array<int, StageCount> perStage {};
    // Organizations and people linked to an existing one found by its
    // normalized key, not as written (ContactKeys.h; filled by DealService).
    QStringList linked;
};

// Reads deals from CSV: what `export deals` writes and what spreadsheets and
// other CRMs write (columns in any order, `title` required, unknown columns
// ignored). Every row is checked before anything is written: a faulty file is
// refused with the line and column of each fault (the first 20).
class DealImport final
{
public:
    static constexpr int MaxFaultsListed = 20;
    static constexpr qsizetype MaxFieldLength = 1000;

    static Result<ImportPlan> plan(const QByteArray& bytes, const QDateTime& now, const QString& actor);
    // Reads the device row by row, holding one row at a time, and hands each
    // deal to `take` (may be empty) while no fault was found. A faulty file is
    // refused with its first faults; `take`'s error ends the scan.
    static Result<ImportPlan> scan(QIODevice* device, const QDateTime& now, const QString& actor,
                                   const std::function<Result<void>(ImportedDeal&)>& take);

    // The text a user typed, from a cell the export guarded against formula
    // injection ("'=SUM(1)" -> "=SUM(1)").
    static QString unguard(const QString& cell);
    // The first character of a field that the one text rule (TextRules.h)
    // refuses, in words for an import's fault: "U+202E at character 9, an
    // invisible or control character; remove it"; empty when there is none.
    // Line breaks are refused unless `lines`; the position counts in the
    // field as the file holds it.
    static QString forbiddenIn(const QString& cell, bool lines);
    // Characters as people count them: an emoji is one, not two UTF-16 units.
    static qsizetype characterCount(const QString& text);
};

} // namespace dealboard
