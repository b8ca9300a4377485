#pragma once

#include "dealboard/Deal.h"
#include "dealboard/Result.h"
#include "dealboard/StageRules.h"

#include <QHash>
#include <QStringList>
#include <optional>
#include <vector>

namespace dealboard {

// The layouts a deal import reads: DealBoard's own CSV (what `export deals`
// writes and spreadsheets hold), and the deal exports of Pipedrive and
// HubSpot as those write them.
enum class ImportFormat { Csv, Pipedrive, Hubspot };

QString formatSlug(ImportFormat format); // "csv", "pipedrive", "hubspot"
QString formatName(ImportFormat format); // "CSV", "Pipedrive", "HubSpot"
std::optional<ImportFormat> formatFromSlug(QStringView slug);

// What a column of a deal file holds.
enum class ImportColumn {
    Title,
    Company,
    Contact,
    Email,
    Phone,
    Owner,
    Stage,
    Status,
    Value,
    Currency,
    ExpectedClose,
    Willing,
    Need,
    Budget,
    LostReason,
    CreatedAt,
    StageEnteredAt,
    Ignored, // known but not read: recomputed here (id, days_in_stage) or of no use (their pipeline's name)
};

// Where one of their stages lands here: a stage, and won or lost for their
// closed stages.
struct StageTarget
{
    Stage stage = Stage::Prospecting;
    DealStatus status = DealStatus::Open;
    friend bool operator==(const StageTarget&, const StageTarget&) = default;
};

// "qualifying", "won" or "lost": how --stage-map names a target.
QString targetKey(const StageTarget& target);
// "Qualifying", "won (Customer Retention)", "lost".
QString targetName(const StageTarget& target);

// How an import reads a file: its layout, and their stages mapped onto ours
// where the layout's default mapping should not hold (or knows no match).
struct ImportOptions
{
    ImportFormat format = ImportFormat::Csv;
    // Their stage as they name it -> ours; replaces the default per stage.
    std::vector<std::pair<QString, StageTarget>> stageMap;
    // What each stage needs of a deal that enters it (the service sets the
    // pipeline's own).
    StageRules rules = StageRules::builtIn();
};

// One of their stages as an import met it, for --dry-run and the dialog.
struct StageUse
{
    QString theirs; // as the file spells it (first seen)
    std::optional<StageTarget> target; // empty: no match, the file is refused
    bool given = false; // by the stage map rather than the default
    int deals = 0;
};

namespace ImportPresets {

// The layout a header row is written in: Pipedrive's "Deal - Title",
// HubSpot's "Deal Name", else DealBoard's CSV.
ImportFormat detect(const QStringList& header);

// What a header cell of `format` holds; empty for a column not read.
std::optional<ImportColumn> column(ImportFormat format, const QString& header);

// The layout's own stage names and where they land by default, in their
// pipeline's order (empty for DealBoard's CSV, whose stages are ours).
std::vector<std::pair<QString, StageTarget>> defaultStages(ImportFormat format);

// Where their stage `theirs` lands: the stage map's, else the default; empty
// when neither knows it. Matched without case, spaces or punctuation, so
// HubSpot's internal "closedwon" and its label "Closed Won" are one.
std::optional<StageTarget> stageFor(const ImportOptions& options, const QString& theirs);
// The key their stage is matched by: "Contact Made" -> "contactmade".
QString stageKey(const QString& theirs);

// One --stage-map 'THEIR STAGE=KEY' (KEY a stage of ours such as
// qualifying, or won or lost); refused with what to write.
Result<std::pair<QString, StageTarget>> parseStageMapping(const QString& text);

// An amount as the layout writes it, in minor units of `currency`: plain
// "12500.5", and for their exports grouped as "12,500.50" too.
Result<std::int64_t> amount(ImportFormat format, const QString& text, QChar delimiter, QStringView currency);
// A date or a time as their exports write them ("2024-03-05",
// "2024-03-05 14:02", "2024-03-05 14:02:11", ISO 8601), taken as UTC;
// invalid when it is none of these.
QDateTime time(const QString& text);

// Their person cell as one name and an email: HubSpot's associated contact
// "Jane Doe (jane@acme.com)", the first of several ("A; B").
std::pair<QString, QString> person(const QString& cell);
// The first of several values in one cell ("a@x.com, b@x.com").
QString firstOf(const QString& cell);

} // namespace ImportPresets

} // namespace dealboard
