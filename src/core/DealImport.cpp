#include "dealboard/DealImport.h"

#include "dealboard/CsvReader.h"
#include "dealboard/StoredTime.h"
#include "dealboard/TextRules.h"
#include "dealboard/TransitionEngine.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QHash>

namespace dealboard {

namespace {

enum class Column {
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
    Ignored, // written by the export, recomputed on import (id, days_in_stage)
};

const QHash<QString, Column>& knownColumns()
{
    static const QHash<QString, Column> columns = {
        {QStringLiteral("title"), Column::Title},
        {QStringLiteral("company"), Column::Company},
        {QStringLiteral("contact"), Column::Contact},
        {QStringLiteral("contact_name"), Column::Contact},
        {QStringLiteral("email"), Column::Email},
        {QStringLiteral("phone"), Column::Phone},
        {QStringLiteral("owner"), Column::Owner},
        {QStringLiteral("stage"), Column::Stage},
        {QStringLiteral("status"), Column::Status},
        {QStringLiteral("value"), Column::Value},
        {QStringLiteral("currency"), Column::Currency},
        {QStringLiteral("expected_close"), Column::ExpectedClose},
        {QStringLiteral("close_date"), Column::ExpectedClose},
        {QStringLiteral("willing"), Column::Willing},
        {QStringLiteral("need"), Column::Need},
        {QStringLiteral("budget"), Column::Budget},
        {QStringLiteral("lost_reason"), Column::LostReason},
        {QStringLiteral("created_at"), Column::CreatedAt},
        {QStringLiteral("stage_entered_at"), Column::StageEnteredAt},
        {QStringLiteral("id"), Column::Ignored},
        {QStringLiteral("days_in_stage"), Column::Ignored},
    };
    return columns;
}

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

qsizetype DealImport::characterCount(const QString& text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!(text[i].isLowSurrogate() && i > 0 && text[i - 1].isHighSurrogate())) {
            ++count;
        }
    }
    return count;
}

QString DealImport::forbiddenIn(const QString& cell, bool lines)
{
    const std::optional<qsizetype> at = TextRules::forbiddenAt(cell, lines);
    if (!at) {
        return {};
    }
    const char16_t c = cell.at(*at).unicode();
    const QString what = c == u'\n' || c == u'\r' || c == 0x2028 || c == 0x2029
        ? QStringLiteral("a line break; the field is one line, so remove it")
        : QStringLiteral("an invisible or control character; remove it");
    return QStringLiteral("%1 at character %2, %3").arg(TextRules::codePointAt(cell, *at)).arg(*at + 1).arg(what);
}

QString DealImport::unguard(const QString& cell)
{
    // Exactly one leading ' comes off, whatever follows: the exporter adds one
    // before =, +, -, @, tab, CR and ' itself.
    return cell.startsWith(u'\'') ? cell.mid(1) : cell;
}

Result<ImportPlan> DealImport::plan(const QByteArray& bytes, const QDateTime& now, const QString& actor)
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    std::vector<ImportedDeal> deals;
    Result<ImportPlan> planned = scan(&buffer, now, actor, [&deals](ImportedDeal& imported) -> Result<void> {
        deals.push_back(std::move(imported));
        return {};
    });
    if (planned) {
        planned.value().deals = std::move(deals);
    }
    return planned;
}

Result<ImportPlan> DealImport::scan(QIODevice* device, const QDateTime& now, const QString& actor,
                                    const std::function<Result<void>(ImportedDeal&)>& take)
{
    QCryptographicHash digest(QCryptographicHash::Sha256);
    CsvStream stream(device, &digest);
    CsvTable table;
    int line = 0;
    {
        Result<bool> first = stream.next(table.header, line);
        if (!first) {
            return first.error();
        }
        if (!first.value()) {
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("The file is empty; it needs at least a header row."));
        }
        for (QString& name : table.header) {
            name = name.trimmed();
        }
        table.delimiter = stream.delimiter();
    }
    ImportPlan plan;
    std::vector<std::optional<Column>> columns;
    bool hasTitle = false;
    QHash<Column, qsizetype> seen;
    for (qsizetype c = 0; c < table.header.size(); ++c) {
        const QString& name = table.header[c];
        const QString key = name.trimmed().toLower().replace(QLatin1Char(' '), QLatin1Char('_'));
        const auto known = knownColumns().constFind(key);
        if (known == knownColumns().constEnd()) {
            columns.push_back(std::nullopt);
            plan.ignoredColumns << name;
        } else {
            if (known.value() != Column::Ignored && seen.contains(known.value())) {
                return makeError(ErrorCode::InvalidInput,
                                 QStringLiteral("Line 1: columns %1 (%2) and %3 (%4) both hold the same thing; keep "
                                                "one of them.")
                                     .arg(seen.value(known.value()) + 1)
                                     .arg(table.header[seen.value(known.value())])
                                     .arg(c + 1)
                                     .arg(name));
            }
            seen.insert(known.value(), c);
            columns.push_back(known.value());
            hasTitle = hasTitle || known.value() == Column::Title;
        }
    }
    if (!hasTitle) {
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("Line 1: the header has no 'title' column; every deal needs a title. The header "
                           "row names the columns, for example: title,company,value,stage."));
    }

    QStringList faults;
    int faultCount = 0;
    auto fault = [&faults, &faultCount](int line, qsizetype column, const QString& name, const QString& what) {
        if (++faultCount <= MaxFaultsListed) {
            faults << QStringLiteral("Line %1, column %2 (%3): %4").arg(line).arg(column + 1).arg(name, what);
        }
    };

    QStringList row;
    for (;;) {
        Result<bool> read = stream.next(row, line);
        if (!read) {
            return read.error();
        }
        if (!read.value()) {
            break;
        }
        if (row.size() != table.header.size()) {
            if (++faultCount <= MaxFaultsListed) {
                faults << QStringLiteral("Line %1: %2 fields where the header has %3; a field with a comma or a line "
                                         "break must be quoted.")
                              .arg(line)
                              .arg(row.size())
                              .arg(table.header.size());
            }
            continue;
        }
        Deal deal;
        QDateTime created;
        QDateTime entered;
        bool rowOk = true;
        auto bad = [&](qsizetype c, const QString& what) {
            fault(line, c, table.header[c], what);
            rowOk = false;
        };
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (!columns[c]) {
                continue;
            }
            const QString cell = row[c];
            if (characterCount(cell) > MaxFieldLength) {
                bad(c, QStringLiteral("longer than %1 characters").arg(MaxFieldLength));
                continue;
            }
            // The rule of the form and the service: no line breaks, no
            // characters that turn or hide text, anywhere in a deal's fields.
            if (const QString forbidden = forbiddenIn(cell, false); !forbidden.isEmpty()) {
                bad(c, forbidden);
                continue;
            }
            const QString text = unguard(cell).trimmed();
            switch (*columns[c]) {
            case Column::Title:
                deal.title = text;
                if (text.isEmpty()) {
                    bad(c, QStringLiteral("the title is empty; every deal needs one"));
                }
                break;
            case Column::Company:
                deal.company = text;
                break;
            case Column::Contact:
                deal.contactName = text;
                break;
            case Column::Email:
                deal.email = text;
                if (!text.isEmpty() && !text.contains(QLatin1Char('@'))) {
                    bad(c, QStringLiteral("'%1' is not an email address").arg(text));
                }
                break;
            case Column::Phone:
                deal.phone = text;
                break;
            case Column::Owner:
                deal.owner = text;
                break;
            case Column::Stage:
                if (!text.isEmpty()) {
                    const auto stage = stageFromSlug(text.toLower());
                    if (stage) {
                        deal.stage = *stage;
                    } else {
                        bad(c,
                            QStringLiteral("unknown stage '%1' (use prospecting, qualifying, contacting, "
                                           "relationship, negotiation, closing or retention)")
                                .arg(text));
                    }
                }
                break;
            case Column::Status:
                if (!text.isEmpty()) {
                    const auto status = statusFromSlug(text.toLower());
                    if (status) {
                        deal.status = *status;
                    } else {
                        bad(c, QStringLiteral("unknown status '%1' (use open, won or lost)").arg(text));
                    }
                }
                break;
            case Column::Value:
                if (!text.isEmpty()) {
                    // Spreadsheets that write semicolons write decimal commas too: "1200,50".
                    QString amount = text;
                    if (table.delimiter == u';' && !amount.contains(QLatin1Char('.'))
                        && amount.count(QLatin1Char(',')) == 1) {
                        amount.replace(QLatin1Char(','), QLatin1Char('.'));
                    }
                    const Result<std::int64_t> value = parseDecimal(amount);
                    if (value) {
                        deal.value.minor = value.value();
                    } else {
                        bad(c, value.error().message);
                    }
                }
                break;
            case Column::Currency:
                if (!text.isEmpty()) {
                    if (isValidCurrency(text.toUpper())) {
                        deal.value.currency = text.toUpper();
                    } else {
                        bad(c, QStringLiteral("'%1' is not a currency code such as EUR").arg(text));
                    }
                }
                break;
            case Column::ExpectedClose:
                if (!text.isEmpty()) {
                    deal.expectedClose = fromStoredDate(text);
                    if (!deal.expectedClose.isValid()) {
                        bad(c, QStringLiteral("'%1' is not a date; write it as YYYY-MM-DD").arg(text));
                    }
                }
                break;
            case Column::Willing:
            case Column::Need:
            case Column::Budget: {
                const std::optional<bool> flag = parseFlag(text);
                if (!flag) {
                    bad(c, QStringLiteral("'%1' is not yes or no").arg(text));
                    break;
                }
                (*columns[c] == Column::Willing    ? deal.qualification.willing
                     : *columns[c] == Column::Need ? deal.qualification.need
                                                   : deal.qualification.budget)
                    = *flag;
                break;
            }
            case Column::LostReason:
                deal.lostReason = text;
                break;
            case Column::CreatedAt:
            case Column::StageEnteredAt:
                if (!text.isEmpty()) {
                    const QDateTime time = parseIsoTime(text);
                    if (!time.isValid()) {
                        bad(c, QStringLiteral("'%1' is not a time such as 2026-01-31T12:00:00Z").arg(text));
                    } else {
                        (*columns[c] == Column::CreatedAt ? created : entered) = time;
                    }
                }
                break;
            case Column::Ignored:
                break;
            }
        }
        if (!rowOk) {
            continue;
        }
        // The pipeline's rules hold for imported deals too.
        auto ruleFault = [&](const QString& what) {
            if (++faultCount <= MaxFaultsListed) {
                faults << QStringLiteral("Line %1: %2").arg(line).arg(what);
            }
            rowOk = false;
        };
        if (deal.status == DealStatus::Won && deal.stage != Stage::Retention) {
            ruleFault(QStringLiteral("'%1' is won but in %2; won deals are in Customer Retention.")
                          .arg(deal.title, stageName(deal.stage)));
        } else if (deal.stage == Stage::Retention && deal.status == DealStatus::Open) {
            deal.status = DealStatus::Won; // entering Customer Retention is winning
        }
        if (deal.status != DealStatus::Lost) {
            const std::vector<Requirement> unmet = TransitionEngine::unmetInCurrentStage(deal);
            if (!unmet.empty()) {
                QStringList reasons;
                for (Requirement requirement : unmet) {
                    reasons << requirementText(requirement);
                }
                ruleFault(QStringLiteral("'%1' can't be in %2: %3.")
                              .arg(deal.title, stageName(deal.stage), reasons.join(QStringLiteral("; "))));
            }
        } else if (deal.lostReason.isEmpty()) {
            ruleFault(QStringLiteral("'%1' is lost without a reason; add one in lost_reason.").arg(deal.title));
        }
        if (!rowOk) {
            continue;
        }
        if (created.isValid() && created > now) {
            ruleFault(QStringLiteral("'%1' was created in the future (%2).").arg(deal.title, toStoredTime(created)));
        }
        if (entered.isValid() && entered > now) {
            ruleFault(
                QStringLiteral("'%1' entered its stage in the future (%2).").arg(deal.title, toStoredTime(entered)));
        }
        if (created.isValid() && entered.isValid() && entered < created) {
            ruleFault(QStringLiteral("'%1' entered its stage (%2) before it was created (%3).")
                          .arg(deal.title, toStoredTime(entered), toStoredTime(created)));
        }
        if (!rowOk) {
            continue;
        }
        deal.createdAt = created.isValid() ? created : now;
        deal.stageEnteredAt = entered.isValid() ? entered : deal.createdAt;
        deal.updatedAt = now;
        if (deal.status != DealStatus::Lost) {
            deal.lostReason.clear();
        }
        ImportedDeal imported;
        const DealStatus firstStatus = deal.status == DealStatus::Won ? DealStatus::Won : DealStatus::Open;
        imported.history.push_back({0, 0, std::nullopt, deal.stage, std::nullopt, firstStatus, now, actor});
        if (deal.status == DealStatus::Lost) {
            imported.history.push_back({0, 0, deal.stage, deal.stage, DealStatus::Open, DealStatus::Lost, now, actor});
        }
        imported.deal = deal;
        ++plan.perStage[stageIndex(deal.stage)];
        ++plan.count;
        // Only while the file is sound so far: a refused file hands over nothing more.
        if (faultCount == 0 && take) {
            if (Result<void> taken = take(imported); !taken) {
                return taken.error();
            }
        }
    }
    plan.digest = digest.result();
    if (faultCount > 0) {
        QString message = QStringLiteral("The file was not imported; nothing was changed. %1 fault(s)%2:\n")
                              .arg(faultCount)
                              .arg(faultCount > MaxFaultsListed ? QStringLiteral(", the first %1").arg(MaxFaultsListed)
                                                                : QString());
        message += faults.join(QLatin1Char('\n'));
        return makeError(ErrorCode::InvalidInput, message);
    }
    return plan;
}

} // namespace dealboard
