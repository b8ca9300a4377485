#include "ImportReading.h"

#include "dealboard/Currency.h"
#include "dealboard/StoredTime.h"
#include "dealboard/TransitionEngine.h"

namespace dealboard {

namespace {

std::optional<bool> parseFlag(const QString& text)
{
    const QString lower = text.trimmed().toLower();
    if (lower.isEmpty() || lower == u"no" || lower == u"n" || lower == u"false" || lower == u"0") {
        return false;
    }
    if (lower == u"yes" || lower == u"y" || lower == u"true" || lower == u"1") {
        return true;
    }
    return std::nullopt;
}

} // namespace

std::optional<Error> ImportReading::header(const QStringList& names, QChar delimiter)
{
    m_header = names;
    m_delimiter = delimiter;
    QHash<ImportColumn, qsizetype> seen;
    for (qsizetype c = 0; c < m_header.size(); ++c) {
        const QString& name = m_header[c];
        if (name.trimmed().startsWith(QLatin1String("field:"), Qt::CaseInsensitive)) {
            // A custom field of this pipeline, by its key; never one left aside.
            const QString key = name.trimmed().mid(6).trimmed();
            const std::optional<CustomField> field = m_options.rules.fields().byKey(key);
            if (!field) {
                return makeError(ErrorCode::InvalidInput,
                                 QStringLiteral("Line 1: column %1 (%2) names no custom field of this pipeline; add "
                                                "the field first (field add %3 ...) or leave the column out.")
                                     .arg(c + 1)
                                     .arg(name, key));
            }
            for (qsizetype before = 0; before < c; ++before) {
                if (m_fieldOf[before] && m_fieldOf[before]->id == field->id) {
                    return makeError(ErrorCode::InvalidInput,
                                     QStringLiteral("Line 1: columns %1 and %2 both hold %3; keep one of them.")
                                         .arg(before + 1)
                                         .arg(c + 1)
                                         .arg(name));
                }
            }
            m_columns.push_back(std::nullopt);
            m_fieldOf.push_back(field);
            continue;
        }
        m_fieldOf.push_back(std::nullopt);
        const std::optional<ImportColumn> known = ImportPresets::column(m_options.format, name);
        m_columns.push_back(known);
        if (!known) {
            plan.ignoredColumns << name;
            continue;
        }
        if (*known != ImportColumn::Ignored && seen.contains(*known)) {
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("Line 1: columns %1 (%2) and %3 (%4) both hold the same thing; keep "
                                            "one of them.")
                                 .arg(seen.value(*known) + 1)
                                 .arg(m_header[seen.value(*known)])
                                 .arg(c + 1)
                                 .arg(name));
        }
        seen.insert(*known, c);
    }
    if (seen.contains(ImportColumn::Title)) {
        return std::nullopt;
    }
    if (m_options.format == ImportFormat::Csv) {
        const ImportFormat looks = ImportPresets::detect(m_header);
        return makeError(
            ErrorCode::InvalidInput,
            looks != ImportFormat::Csv
                ? QStringLiteral("Line 1: the header has no 'title' column; it looks like a deal export of %1: "
                                 "import it as one (--from %2, or choose %1 in the import dialog).")
                      .arg(formatName(looks), formatSlug(looks))
                : QStringLiteral("Line 1: the header has no 'title' column; every deal needs a title. The header "
                                 "row names the columns, for example: title,company,value,stage."));
    }
    const QString title
        = m_options.format == ImportFormat::Pipedrive ? QStringLiteral("Deal - Title") : QStringLiteral("Deal Name");
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("Line 1: the header has no '%1' column, so this is not a deal export of %2. "
                                    "Export the deals from %2 with that column, or import the file as another "
                                    "format.")
                         .arg(title, formatName(m_options.format)));
}

void ImportReading::fault(const QString& what)
{
    if (++plan.faultCount <= DealImport::MaxFaultsListed) {
        plan.faults << what;
    }
    if (m_rowFault.isEmpty()) {
        m_rowFault = what;
    }
}

void ImportReading::cellFault(qsizetype column, const QString& what)
{
    fault(QStringLiteral("Line %1, column %2 (%3): %4").arg(m_line).arg(column + 1).arg(m_header[column], what));
}

void ImportReading::read(ImportColumn column, qsizetype c, const QString& text, Deal& deal)
{
    const bool theirs = m_options.format != ImportFormat::Csv;
    switch (column) {
    case ImportColumn::Title:
        deal.title = text;
        if (text.isEmpty()) {
            cellFault(c, QStringLiteral("the title is empty; every deal needs one"));
        }
        break;
    case ImportColumn::Company:
        deal.company = theirs ? text.section(QLatin1Char(';'), 0, 0).trimmed() : text;
        break;
    case ImportColumn::Contact:
        if (theirs) {
            const auto [name, email] = ImportPresets::person(text);
            deal.contactName = name;
            if (deal.email.isEmpty()) {
                deal.email = email;
            }
        } else {
            deal.contactName = text;
        }
        break;
    case ImportColumn::Email:
        if (!theirs || !text.isEmpty()) { // their contact cell may have given one
            deal.email = theirs ? ImportPresets::firstOf(text) : text;
        }
        if (!deal.email.isEmpty() && !deal.email.contains(QLatin1Char('@'))) {
            cellFault(c, QStringLiteral("'%1' is not an email address").arg(deal.email));
        }
        break;
    case ImportColumn::Phone:
        deal.phone = theirs ? ImportPresets::firstOf(text) : text;
        break;
    case ImportColumn::Owner:
        deal.owner = text;
        break;
    case ImportColumn::Stage:
        if (theirs) {
            m_theirStage = text; // mapped once the row is read
        } else if (!text.isEmpty()) {
            const auto stage = stageFromSlug(text.toLower());
            if (stage) {
                deal.stage = *stage;
            } else {
                cellFault(c,
                          QStringLiteral("unknown stage '%1' (use prospecting, qualifying, contacting, "
                                         "relationship, negotiation, closing or retention)")
                              .arg(text));
            }
        }
        break;
    case ImportColumn::Status:
        if (!text.isEmpty()) {
            const auto status = statusFromSlug(text.toLower());
            if (status) {
                if (theirs) {
                    m_theirStatus = *status; // with their stage, once the row is read
                } else {
                    deal.status = *status;
                }
            } else if (theirs && text.compare(u"deleted", Qt::CaseInsensitive) == 0) {
                cellFault(c,
                          QStringLiteral("the deal was deleted in %1; remove the row, or export without deleted "
                                         "deals")
                              .arg(formatName(m_options.format)));
            } else {
                cellFault(c, QStringLiteral("unknown status '%1' (use open, won or lost)").arg(text));
            }
        }
        break;
    case ImportColumn::Value:
        if (!text.isEmpty()) {
            const Result<std::int64_t> value
                = ImportPresets::amount(m_options.format, text, m_delimiter, deal.value.currency);
            if (value) {
                deal.value.minor = value.value();
            } else {
                cellFault(c, value.error().message);
            }
        }
        break;
    case ImportColumn::Currency:
        if (!text.isEmpty()) {
            // Pipedrive may name the currency: "Euro (EUR)".
            const QString code = (theirs && text.endsWith(u')') ? text.section(u'(', -1).chopped(1) : text).toUpper();
            if (const Result<QString> checked = checkCurrency(code)) {
                deal.value.currency = checked.value();
            } else {
                cellFault(c, checked.error().message);
            }
        }
        break;
    case ImportColumn::ExpectedClose:
        if (!text.isEmpty()) {
            deal.expectedClose = theirs ? ImportPresets::time(text).date() : fromStoredDate(text);
            if (!deal.expectedClose.isValid()) {
                cellFault(c,
                          theirs ? QStringLiteral("'%1' is not a date such as 2024-03-05").arg(text)
                                 : QStringLiteral("'%1' is not a date; write it as YYYY-MM-DD").arg(text));
            }
        }
        break;
    case ImportColumn::Willing:
    case ImportColumn::Need:
    case ImportColumn::Budget: {
        const std::optional<bool> flag = parseFlag(text);
        if (!flag) {
            cellFault(c, QStringLiteral("'%1' is not yes or no").arg(text));
            break;
        }
        (column == ImportColumn::Willing    ? deal.qualification.willing
             : column == ImportColumn::Need ? deal.qualification.need
                                            : deal.qualification.budget)
            = *flag;
        break;
    }
    case ImportColumn::LostReason:
        deal.lostReason = text;
        break;
    case ImportColumn::CreatedAt:
    case ImportColumn::StageEnteredAt:
        if (!text.isEmpty()) {
            const QDateTime time = theirs ? ImportPresets::time(text) : parseIsoTime(text);
            if (!time.isValid()) {
                cellFault(c,
                          theirs ? QStringLiteral("'%1' is not a time such as 2024-03-05 14:02").arg(text)
                                 : QStringLiteral("'%1' is not a time such as 2026-01-31T12:00:00Z").arg(text));
            } else {
                (column == ImportColumn::CreatedAt ? m_created : m_entered) = time;
            }
        }
        break;
    case ImportColumn::Ignored:
        break;
    }
}

void ImportReading::mapStage(Deal& deal, qsizetype stageColumn)
{
    const QString key = ImportPresets::stageKey(m_theirStage);
    std::optional<StageTarget> target;
    if (!key.isEmpty()) {
        auto at = m_stageAt.constFind(key);
        if (at == m_stageAt.constEnd()) { // looked up once per stage of theirs
            target = ImportPresets::stageFor(m_options, m_theirStage);
            const bool given = std::any_of(m_options.stageMap.begin(), m_options.stageMap.end(),
                                           [&key](const auto& m) { return ImportPresets::stageKey(m.first) == key; });
            plan.stages.push_back({m_theirStage, target, given, 0});
            at = m_stageAt.insert(key, plan.stages.size() - 1);
        }
        ++plan.stages[at.value()].deals;
        target = plan.stages[at.value()].target;
    }
    if (!target) {
        const QString where = stageColumn < 0
            ? QStringLiteral("Line %1").arg(m_line)
            : QStringLiteral("Line %1, column %2 (%3)").arg(m_line).arg(stageColumn + 1).arg(m_header[stageColumn]);
        fault(key.isEmpty()
                  ? QStringLiteral("%1: the deal has no stage; every deal of %2 has one.")
                        .arg(where, formatName(m_options.format))
                  : QStringLiteral("%1: their stage '%2' has no match here; map it onto one of ours with "
                                   "--stage-map '%2=qualifying' (or any stage, won or lost), or in the import "
                                   "dialog's stage table.")
                        .arg(where, m_theirStage));
        return;
    }
    deal.stage = target->stage;
    deal.status = target->status;
    // Pipedrive keeps a closed deal's stage and says won or lost apart.
    if (target->status == DealStatus::Open && m_theirStatus) {
        deal.status = *m_theirStatus;
    }
    if (deal.status == DealStatus::Won) {
        deal.stage = Stage::Retention;
    }
    if (deal.status == DealStatus::Lost && deal.lostReason.isEmpty()) {
        deal.lostReason = QStringLiteral("Lost in %1; no reason given").arg(formatName(m_options.format));
    }
    // Their CRM let the deal past its qualification: it was qualified there.
    if (deal.stage >= Stage::Contacting && !deal.qualification.complete()) {
        deal.qualification = {true, true, true};
        ++plan.qualifiedByImport;
    }
}

void ImportReading::readFields(const QStringList& cells, Deal& deal)
{
    for (qsizetype c = 0; c < cells.size(); ++c) {
        if (!m_fieldOf[c]) {
            continue;
        }
        QString cell = DealImport::unguard(cells[c]);
        if (const QString forbidden = DealImport::forbiddenIn(cell, false); !forbidden.isEmpty()) {
            cellFault(c, forbidden);
            continue;
        }
        // Spreadsheets that write semicolons write decimal commas too, as
        // for the value: "1250,50 EUR".
        const FieldType type = m_fieldOf[c]->type;
        if (m_delimiter == u';' && (type == FieldType::Number || type == FieldType::Money)
            && !cell.contains(QLatin1Char('.')) && cell.count(QLatin1Char(',')) == 1) {
            cell.replace(QLatin1Char(','), QLatin1Char('.'));
        }
        Result<QString> value = CustomFields::canonical(*m_fieldOf[c], cell);
        if (!value) {
            cellFault(c, value.error().message);
            continue;
        }
        setFieldValue(deal.fieldValues, m_fieldOf[c]->id, value.value());
    }
}

void ImportReading::checkRules(Deal& deal)
{
    const bool theirs = m_options.format != ImportFormat::Csv;
    if (deal.status == DealStatus::Won && deal.stage != Stage::Retention) {
        ruleFault(QStringLiteral("'%1' is won but in %2; won deals are in Customer Retention.")
                      .arg(deal.title, stageName(deal.stage)));
    } else if (deal.stage == Stage::Retention && deal.status == DealStatus::Open) {
        deal.status = DealStatus::Won; // entering Customer Retention is winning
    }
    if (deal.status != DealStatus::Lost) {
        const std::vector<Requirement> unmet = TransitionEngine::unmetToEnter(deal, deal.stage, m_options.rules);
        if (!unmet.empty()) {
            const QString reasons = TransitionEngine::reasonsText(deal, deal.stage, unmet, m_options.rules);
            const bool activity = std::find(unmet.begin(), unmet.end(), Requirement::Activity) != unmet.end();
            ruleFault(QStringLiteral("'%1' can't be in %2: %3.%4")
                          .arg(deal.title, stageName(deal.stage), reasons,
                               activity
                                   ? QStringLiteral(" An imported deal has no activity yet: import it into a stage "
                                                    "before the one that asks for one (--stage-map, or its stage "
                                                    "column), then plan its next activity and move it.")
                                   : theirs ? QStringLiteral(" Fill it in the file, or map their stage '%1' onto an "
                                                             "earlier one of ours with --stage-map.")
                                                  .arg(m_theirStage)
                                            : QString()));
        }
    } else if (deal.lostReason.isEmpty()) {
        ruleFault(QStringLiteral("'%1' is lost without a reason; add one in lost_reason.").arg(deal.title));
    }
    if (!m_rowFault.isEmpty()) {
        return;
    }
    if (m_created.isValid() && m_created > m_now) {
        ruleFault(QStringLiteral("'%1' was created in the future (%2).").arg(deal.title, toStoredTime(m_created)));
    }
    if (m_entered.isValid() && m_entered > m_now) {
        ruleFault(
            QStringLiteral("'%1' entered its stage in the future (%2).").arg(deal.title, toStoredTime(m_entered)));
    }
    if (m_created.isValid() && m_entered.isValid() && m_entered < m_created) {
        ruleFault(QStringLiteral("'%1' entered its stage (%2) before it was created (%3).")
                      .arg(deal.title, toStoredTime(m_entered), toStoredTime(m_created)));
    }
}

std::optional<ImportedDeal> ImportReading::row(const QStringList& cells, int line)
{
    m_line = line;
    m_rowFault.clear();
    m_theirStage.clear();
    m_theirStatus.reset();
    m_created = m_entered = {};
    Deal deal;
    const auto previewed = [&] {
        if (plan.preview.size() < static_cast<std::size_t>(DealImport::PreviewRows)) {
            plan.preview.push_back({line, deal, m_theirStage, m_rowFault});
        }
    };
    if (cells.size() != m_header.size()) {
        fault(QStringLiteral("Line %1: %2 fields where the header has %3; a field with a comma or a line break must "
                             "be quoted.")
                  .arg(line)
                  .arg(cells.size())
                  .arg(m_header.size()));
        previewed();
        return std::nullopt;
    }
    qsizetype stageColumn = -1;
    // The currency first: the value is read with its decimals (JPY none, BHD three).
    for (qsizetype at = 0; at < 2 * cells.size(); ++at) {
        const qsizetype c = at % cells.size();
        if (!m_columns[c] || (*m_columns[c] == ImportColumn::Currency) != (at < cells.size())) {
            continue;
        }
        const QString& cell = cells[c];
        if (DealImport::characterCount(cell) > DealImport::MaxFieldLength) {
            cellFault(c, QStringLiteral("longer than %1 characters").arg(DealImport::MaxFieldLength));
            continue;
        }
        // The rule of the form and the service: no line breaks, no
        // characters that turn or hide text, anywhere in a deal's fields.
        if (const QString forbidden = DealImport::forbiddenIn(cell, false); !forbidden.isEmpty()) {
            cellFault(c, forbidden);
            continue;
        }
        if (*m_columns[c] == ImportColumn::Stage) {
            stageColumn = c;
        }
        read(*m_columns[c], c, DealImport::unguard(cell).trimmed(), deal);
    }
    readFields(cells, deal);
    if (m_options.format != ImportFormat::Csv && m_rowFault.isEmpty()) {
        mapStage(deal, stageColumn);
    }
    if (m_rowFault.isEmpty()) {
        checkRules(deal);
    }
    previewed();
    if (!m_rowFault.isEmpty()) {
        return std::nullopt;
    }
    deal.createdAt = m_created.isValid() ? m_created : m_now;
    deal.stageEnteredAt = m_entered.isValid() ? m_entered : deal.createdAt;
    deal.updatedAt = m_now;
    if (deal.status != DealStatus::Lost) {
        deal.lostReason.clear();
    }
    ImportedDeal imported;
    const DealStatus firstStatus = deal.status == DealStatus::Won ? DealStatus::Won : DealStatus::Open;
    imported.history.push_back({0, 0, std::nullopt, deal.stage, std::nullopt, firstStatus, m_now, m_actor});
    if (deal.status == DealStatus::Lost) {
        imported.history.push_back({0, 0, deal.stage, deal.stage, DealStatus::Open, DealStatus::Lost, m_now, m_actor});
    }
    imported.deal = deal;
    ++plan.perStage[stageIndex(deal.stage)];
    ++plan.count;
    return imported;
}

} // namespace dealboard
