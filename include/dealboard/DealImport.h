#pragma once

#include "dealboard/Deal.h"
#include "dealboard/ImportPresets.h"
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

// One of the first rows of a file as it will be imported, for a preview.
struct ImportPreviewRow
{
    int line = 0;
    Deal deal; // as mapped: its stage and status here
    QString theirStage; // as the file names it
    QString fault; // the row's first fault; empty when it imports
};

// What an import would add (or added): the deals, and what was left aside.
struct ImportPlan
{
    std::vector<ImportedDeal> deals; // filled by plan(); scan() hands them over one by one
    int count = 0; // deals read
    QByteArray digest; // SHA-256 of the bytes read, to notice a file changed between two reads
    QStringList ignoredColumns;
    std::array<int, StageCount> perStage {};
    ImportFormat format = ImportFormat::Csv;
    // Their stages met, in the order first met, with where they land (their
    // exports only).
    std::vector<StageUse> stages;
    // Deals the import marks willing, need and budget confirmed: their
    // stage lands past Qualifying, so their CRM had them qualified.
    int qualifiedByImport = 0;
    std::vector<ImportPreviewRow> preview; // the first PreviewRows rows, by inspect()
    QStringList faults; // by inspect(): the first MaxFaultsListed
    int faultCount = 0;
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

    static constexpr int PreviewRows = 10;

    static Result<ImportPlan> plan(const QByteArray& bytes, const QDateTime& now, const QString& actor,
                                   const ImportOptions& options = {});
    // Reads the device row by row, holding one row at a time, and hands each
    // deal to `take` (may be empty) while no fault was found. A faulty file is
    // refused with its first faults; `take`'s error ends the scan.
    static Result<ImportPlan> scan(QIODevice* device, const ImportOptions& options, const QDateTime& now,
                                   const QString& actor, const std::function<Result<void>(ImportedDeal&)>& take);
    // Reads the whole device as scan() does, writing nothing, for a preview:
    // a file with faulty rows gives its plan with the faults listed (and the
    // first rows, each with its fault); only a file that can't be read as a
    // table at all is refused.
    static Result<ImportPlan> inspect(QIODevice* device, const ImportOptions& options, const QDateTime& now);
    // The header row of a file, to detect its layout; the device is read
    // from its start and left there.
    static Result<QStringList> header(QIODevice* device);

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
