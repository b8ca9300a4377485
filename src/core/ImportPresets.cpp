// The layouts a deal import reads: DealBoard's CSV columns, and the deal
// exports of Pipedrive and HubSpot, their columns, stages, amounts and times.
#include "dealboard/ImportPresets.h"

#include "dealboard/Money.h"
#include "dealboard/StoredTime.h"
#include "dealboard/TextRules.h"

#include <QRegularExpression>
#include <algorithm>
#include <array>

namespace dealboard {

namespace {

using Columns = QHash<QString, ImportColumn>;

// Header names are matched without case, and DealBoard's with '_' for ' '.
QString headerKey(const QString& header)
{
    return header.trimmed().toLower();
}

const Columns& csvColumns()
{
    static const Columns columns = {
        {QStringLiteral("title"), ImportColumn::Title},
        {QStringLiteral("company"), ImportColumn::Company},
        {QStringLiteral("contact"), ImportColumn::Contact},
        {QStringLiteral("contact_name"), ImportColumn::Contact},
        {QStringLiteral("email"), ImportColumn::Email},
        {QStringLiteral("phone"), ImportColumn::Phone},
        {QStringLiteral("owner"), ImportColumn::Owner},
        {QStringLiteral("stage"), ImportColumn::Stage},
        {QStringLiteral("status"), ImportColumn::Status},
        {QStringLiteral("value"), ImportColumn::Value},
        {QStringLiteral("currency"), ImportColumn::Currency},
        {QStringLiteral("expected_close"), ImportColumn::ExpectedClose},
        {QStringLiteral("close_date"), ImportColumn::ExpectedClose},
        {QStringLiteral("willing"), ImportColumn::Willing},
        {QStringLiteral("need"), ImportColumn::Need},
        {QStringLiteral("budget"), ImportColumn::Budget},
        {QStringLiteral("lost_reason"), ImportColumn::LostReason},
        {QStringLiteral("created_at"), ImportColumn::CreatedAt},
        {QStringLiteral("stage_entered_at"), ImportColumn::StageEnteredAt},
        {QStringLiteral("id"), ImportColumn::Ignored},
        {QStringLiteral("days_in_stage"), ImportColumn::Ignored},
    };
    return columns;
}

// Pipedrive's deal export (Deals list → Export results): every deal field as
// "Deal - <field>", the linked person's as "Person - <field>".
const Columns& pipedriveColumns()
{
    static const Columns columns = {
        {QStringLiteral("deal - title"), ImportColumn::Title},
        {QStringLiteral("deal - organization"), ImportColumn::Company},
        {QStringLiteral("deal - contact person"), ImportColumn::Contact},
        {QStringLiteral("person - email"), ImportColumn::Email},
        {QStringLiteral("person - phone"), ImportColumn::Phone},
        {QStringLiteral("deal - owner"), ImportColumn::Owner},
        {QStringLiteral("deal - stage"), ImportColumn::Stage},
        {QStringLiteral("deal - status"), ImportColumn::Status},
        {QStringLiteral("deal - value"), ImportColumn::Value},
        {QStringLiteral("deal - currency"), ImportColumn::Currency},
        {QStringLiteral("deal - expected close date"), ImportColumn::ExpectedClose},
        {QStringLiteral("deal - lost reason"), ImportColumn::LostReason},
        {QStringLiteral("deal - deal created"), ImportColumn::CreatedAt},
        {QStringLiteral("deal - last stage change"), ImportColumn::StageEnteredAt},
        {QStringLiteral("deal - id"), ImportColumn::Ignored},
        {QStringLiteral("deal - pipeline"), ImportColumn::Ignored},
        {QStringLiteral("deal - weighted value"), ImportColumn::Ignored},
        {QStringLiteral("deal - probability"), ImportColumn::Ignored},
        {QStringLiteral("deal - update time"), ImportColumn::Ignored},
        {QStringLiteral("deal - won time"), ImportColumn::Ignored},
        {QStringLiteral("deal - lost time"), ImportColumn::Ignored},
        {QStringLiteral("deal - deal closed on"), ImportColumn::Ignored},
        {QStringLiteral("deal - creator"), ImportColumn::Ignored},
    };
    return columns;
}

// HubSpot's deal export (Deals → Export): the properties' labels.
const Columns& hubspotColumns()
{
    static const Columns columns = {
        {QStringLiteral("deal name"), ImportColumn::Title},
        {QStringLiteral("associated company"), ImportColumn::Company},
        {QStringLiteral("associated company (primary)"), ImportColumn::Company},
        {QStringLiteral("associated contact"), ImportColumn::Contact},
        {QStringLiteral("deal owner"), ImportColumn::Owner},
        {QStringLiteral("deal stage"), ImportColumn::Stage},
        {QStringLiteral("amount"), ImportColumn::Value},
        {QStringLiteral("currency"), ImportColumn::Currency},
        {QStringLiteral("deal currency code"), ImportColumn::Currency},
        {QStringLiteral("close date"), ImportColumn::ExpectedClose},
        {QStringLiteral("closed lost reason"), ImportColumn::LostReason},
        {QStringLiteral("create date"), ImportColumn::CreatedAt},
        {QStringLiteral("record id"), ImportColumn::Ignored},
        {QStringLiteral("pipeline"), ImportColumn::Ignored},
    };
    return columns;
}

StageTarget open(Stage stage)
{
    return {stage, DealStatus::Open};
}

} // namespace

namespace {

struct FormatInfo
{
    ImportFormat format;
    const char* slug;
    const char* name;
};

constexpr std::array<FormatInfo, 3> Formats = {{
    {ImportFormat::Csv, "csv", "CSV"},
    {ImportFormat::Pipedrive, "pipedrive", "Pipedrive"},
    {ImportFormat::Hubspot, "hubspot", "HubSpot"},
}};

const FormatInfo& formatInfo(ImportFormat format)
{
    return *std::find_if(Formats.begin(), Formats.end(), [format](const FormatInfo& f) { return f.format == format; });
}

} // namespace

QString formatSlug(ImportFormat format)
{
    return QString::fromLatin1(formatInfo(format).slug);
}

QString formatName(ImportFormat format)
{
    return QString::fromLatin1(formatInfo(format).name);
}

std::optional<ImportFormat> formatFromSlug(QStringView slug)
{
    for (const FormatInfo& info : Formats) {
        if (slug.compare(QLatin1String(info.slug), Qt::CaseInsensitive) == 0) {
            return info.format;
        }
    }
    return std::nullopt;
}

QString targetKey(const StageTarget& target)
{
    switch (target.status) {
    case DealStatus::Won:
        return QStringLiteral("won");
    case DealStatus::Lost:
        return QStringLiteral("lost");
    case DealStatus::Open:
        break;
    }
    return stageSlug(target.stage);
}

QString targetName(const StageTarget& target)
{
    switch (target.status) {
    case DealStatus::Won:
        return QStringLiteral("won (%1)").arg(stageName(Stage::Retention));
    case DealStatus::Lost:
        return QStringLiteral("lost");
    case DealStatus::Open:
        break;
    }
    return stageName(target.stage);
}

namespace ImportPresets {

ImportFormat detect(const QStringList& header)
{
    for (const QString& name : header) {
        const QString key = headerKey(name);
        if (key == u"deal - title") {
            return ImportFormat::Pipedrive;
        }
        if (key == u"deal name") {
            return ImportFormat::Hubspot;
        }
    }
    return ImportFormat::Csv;
}

std::optional<ImportColumn> column(ImportFormat format, const QString& header)
{
    QString key = headerKey(header);
    const Columns* columns = &csvColumns();
    if (format == ImportFormat::Pipedrive) {
        columns = &pipedriveColumns();
    } else if (format == ImportFormat::Hubspot) {
        columns = &hubspotColumns();
    } else {
        key.replace(QLatin1Char(' '), QLatin1Char('_'));
    }
    const auto found = columns->constFind(key);
    return found == columns->constEnd() ? std::nullopt : std::optional<ImportColumn>(found.value());
}

std::vector<std::pair<QString, StageTarget>> defaultStages(ImportFormat format)
{
    // Their pipeline's stages in order onto ours: Pipedrive's default
    // pipeline has no stage before a lead is qualified, so its first lands in
    // Qualifying; its Won and Lost are statuses (Deal - Status), not stages.
    if (format == ImportFormat::Pipedrive) {
        return {
            {QStringLiteral("Qualified"), open(Stage::Qualifying)},
            {QStringLiteral("Contact Made"), open(Stage::Contacting)},
            {QStringLiteral("Demo Scheduled"), open(Stage::Relationship)},
            {QStringLiteral("Proposal Made"), open(Stage::Negotiation)},
            {QStringLiteral("Negotiations Started"), open(Stage::Closing)},
        };
    }
    // HubSpot's default sales pipeline, by the labels its export writes; the
    // internal names (appointmentscheduled…) match the same, as stageKey
    // drops spaces and punctuation. Closed Lost says nothing of where the
    // deal was lost: it is kept as lost in Prospecting.
    if (format == ImportFormat::Hubspot) {
        return {
            {QStringLiteral("Appointment Scheduled"), open(Stage::Qualifying)},
            {QStringLiteral("Qualified To Buy"), open(Stage::Contacting)},
            {QStringLiteral("Presentation Scheduled"), open(Stage::Relationship)},
            {QStringLiteral("Decision Maker Bought-In"), open(Stage::Negotiation)},
            {QStringLiteral("Contract Sent"), open(Stage::Closing)},
            {QStringLiteral("Closed Won"), {Stage::Retention, DealStatus::Won}},
            {QStringLiteral("Closed Lost"), {Stage::Prospecting, DealStatus::Lost}},
        };
    }
    return {};
}

QString stageKey(const QString& theirs)
{
    QString key;
    for (const QChar c : theirs) {
        if (c.isLetterOrNumber()) {
            key += c.toLower();
        }
    }
    return key;
}

std::optional<StageTarget> stageFor(const ImportOptions& options, const QString& theirs)
{
    const QString key = stageKey(theirs);
    if (key.isEmpty()) {
        return std::nullopt;
    }
    // The last mapping given for a stage wins, as on a command line.
    for (auto given = options.stageMap.rbegin(); given != options.stageMap.rend(); ++given) {
        if (stageKey(given->first) == key) {
            return given->second;
        }
    }
    for (const auto& [name, target] : defaultStages(options.format)) {
        if (stageKey(name) == key) {
            return target;
        }
    }
    return std::nullopt;
}

Result<std::pair<QString, StageTarget>> parseStageMapping(const QString& text)
{
    const qsizetype equals = text.lastIndexOf(QLatin1Char('='));
    const QString theirs = text.left(equals).trimmed();
    const QString key = text.mid(equals + 1).trimmed().toLower();
    QStringList keys;
    for (Stage stage : AllStages) {
        keys << stageSlug(stage);
    }
    keys << QStringLiteral("won") << QStringLiteral("lost");
    const QString hint = QStringLiteral("Write it as 'THEIR STAGE=KEY', KEY one of %1, for example "
                                        "--stage-map 'Discovery=qualifying'.")
                             .arg(keys.join(QStringLiteral(", ")));
    if (const std::optional<qsizetype> at = TextRules::forbiddenAt(text, false)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The stage mapping holds %1 at character %2, an invisible or control "
                                        "character; remove it.")
                             .arg(TextRules::codePointAt(text, *at))
                             .arg(*at + 1));
    }
    if (equals < 0 || stageKey(theirs).isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The stage mapping '%1' names no stage of theirs. %2").arg(text, hint));
    }
    if (key == u"won") {
        return std::pair {theirs, StageTarget {Stage::Retention, DealStatus::Won}};
    }
    if (key == u"lost") {
        return std::pair {theirs, StageTarget {Stage::Prospecting, DealStatus::Lost}};
    }
    if (const std::optional<Stage> stage = stageFromSlug(key)) {
        return std::pair {theirs, open(*stage)};
    }
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("The stage mapping '%1' maps onto '%2', which is no stage here. %3")
                         .arg(text, text.mid(equals + 1).trimmed(), hint));
}

Result<std::int64_t> amount(ImportFormat format, const QString& text, QChar delimiter, QStringView currency)
{
    // Spreadsheets that write semicolons write decimal commas too: "1200,50".
    QString plain = text;
    if (delimiter == u';' && !plain.contains(QLatin1Char('.')) && plain.count(QLatin1Char(',')) == 1) {
        plain.replace(QLatin1Char(','), QLatin1Char('.'));
    }
    return format == ImportFormat::Csv ? parseDecimal(plain, currency) : parseAmountForPeople(plain, currency);
}

QDateTime time(const QString& text)
{
    static const QRegularExpression shape(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})(?:[ T](\\d{2}:\\d{2}(?::\\d{2})?(?:\\.\\d{1,3})?)(Z)?)?$"));
    const QRegularExpressionMatch match = shape.match(text.trimmed());
    if (!match.hasMatch()) {
        return {};
    }
    const QDate date = fromStoredDate(match.captured(1));
    if (!date.isValid()) {
        return {};
    }
    if (match.captured(2).isEmpty()) {
        return QDateTime(date, QTime(0, 0), Qt::UTC);
    }
    const QString clock = match.captured(2);
    const QTime at = QTime::fromString(clock,
                                       clock.size() == 5       ? QStringLiteral("HH:mm")
                                           : clock.size() == 8 ? QStringLiteral("HH:mm:ss")
                                                               : QStringLiteral("HH:mm:ss.z"));
    return at.isValid() ? QDateTime(date, at, Qt::UTC) : QDateTime();
}

QString firstOf(const QString& cell)
{
    static const QRegularExpression separators(QStringLiteral("[;,]"));
    return cell.section(separators, 0, 0).trimmed();
}

std::pair<QString, QString> person(const QString& cell)
{
    // "Jane Doe (jane@acme.com); Max Muster (max@acme.com)": the first.
    const QString first = cell.section(QLatin1Char(';'), 0, 0).trimmed();
    static const QRegularExpression withEmail(QStringLiteral("^(.*)\\(([^()\\s]+@[^()\\s]+)\\)$"));
    const QRegularExpressionMatch match = withEmail.match(first);
    if (match.hasMatch()) {
        return {match.captured(1).trimmed(), match.captured(2)};
    }
    if (first.contains(QLatin1Char('@')) && !first.contains(QLatin1Char(' '))) {
        return {QString(), first};
    }
    return {first, QString()};
}

} // namespace ImportPresets

} // namespace dealboard
